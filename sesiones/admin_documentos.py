"""Administración de la institución, firmantes por órgano, plantillas y documentos generados."""

from django.contrib import admin

from sesiones.models import (
    ConfiguracionDocumentosOrgano,
    ConsecutivoOficio,
    DocumentoGenerado,
    Institucion,
    LoteDocumentos,
    PlantillaDocumento,
)


@admin.register(Institucion)
class InstitucionAdmin(admin.ModelAdmin):
    list_display = ["nombre", "siglas", "area", "ciudad", "patron_oficio"]
    fieldsets = [
        (
            None,
            {"fields": ["nombre", "siglas", "area", "siglas_area", "ciudad", "lema", "membrete"]},
        ),
        ("Oficios", {"fields": ["patron_oficio", "consulta_anexos"]}),
        ("Firmante por omisión", {"fields": ["firmante_nombre", "firmante_cargo"]}),
    ]

    def has_add_permission(self, request):
        # Un solo registro: la institución que emite los documentos.
        return not Institucion.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConfiguracionDocumentosOrgano)
class ConfiguracionDocumentosOrganoAdmin(admin.ModelAdmin):
    list_display = ["organo", "firmante_nombre", "firmante_cargo"]


@admin.register(ConsecutivoOficio)
class ConsecutivoOficioAdmin(admin.ModelAdmin):
    list_display = ["area", "anio", "ultimo"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SoloLecturaAdmin(admin.ModelAdmin):
    """Se generan y cambian por los servicios, que dejan historia."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PlantillaDocumento)
class PlantillaDocumentoAdmin(SoloLecturaAdmin):
    list_display = ["tipo", "version", "activa", "subida_por", "fecha"]
    list_filter = ["tipo", "activa"]


@admin.register(LoteDocumentos)
class LoteDocumentosAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "tipo", "estado", "hechos", "total", "creado"]
    list_filter = ["tipo", "estado"]


@admin.register(DocumentoGenerado)
class DocumentoGeneradoAdmin(SoloLecturaAdmin):
    list_display = [
        "sesion",
        "tipo",
        "destinatario",
        "version",
        "numero_oficio",
        "estado",
        "vigente",
    ]
    list_filter = ["tipo", "estado", "vigente"]
    search_fields = ["numero_oficio", "destinatario__nombre", "sesion__clave"]

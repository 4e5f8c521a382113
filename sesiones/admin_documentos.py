"""Administración de la institución, firmantes por órgano, plantillas y documentos generados."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from sesiones.admin import ConfiguracionAdmin, SoloLecturaAdmin
from sesiones.models import (
    ConfiguracionDocumentosOrgano,
    ConsecutivoOficio,
    DocumentoGenerado,
    Institucion,
    LoteDocumentos,
    PlantillaDocumento,
)


@admin.register(Institucion)
class InstitucionAdmin(ConfiguracionAdmin):
    list_display = ["nombre", "siglas", "area", "ciudad", "patron_oficio"]
    fieldsets = [
        (
            None,
            {"fields": ["nombre", "siglas", "area", "siglas_area", "ciudad", "lema", "membrete"]},
        ),
        (_("Oficios"), {"fields": ["patron_oficio", "consulta_anexos"]}),
        (_("Firmante por omisión"), {"fields": ["firmante_nombre", "firmante_cargo"]}),
    ]

    def has_add_permission(self, request, obj=None):
        # Un solo registro: la institución que emite los documentos.
        return super().has_add_permission(request) and not Institucion.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConfiguracionDocumentosOrgano)
class ConfiguracionDocumentosOrganoAdmin(ConfiguracionAdmin):
    list_display = ["organo", "firmante_nombre", "firmante_cargo"]


@admin.register(ConsecutivoOficio)
class ConsecutivoOficioAdmin(SoloLecturaAdmin):
    """El consecutivo lo lleva oficio_reservar: tocarlo a mano repetiría o saltaría números."""

    list_display = ["area", "anio", "ultimo"]


@admin.register(PlantillaDocumento)
class PlantillaDocumentoAdmin(SoloLecturaAdmin):
    """Se suben y restauran en la página de plantillas, que las valida y deja historia."""

    list_display = ["tipo", "version", "activa", "subida_por", "fecha"]
    list_filter = ["tipo", "activa"]


@admin.register(LoteDocumentos)
class LoteDocumentosAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "tipo", "estado", "hechos", "total", "creado"]
    list_filter = ["tipo", "estado"]


@admin.register(DocumentoGenerado)
class DocumentoGeneradoAdmin(SoloLecturaAdmin):
    """Constancia de lo que se generó, envió o firmó: ninguno se edita ni se borra."""

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

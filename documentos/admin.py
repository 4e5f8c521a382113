"""Administración de la institución, firmantes por órgano, plantillas y documentos generados."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from bitacora.admin import ConfiguracionAdmin, SoloLecturaAdmin
from documentos.models import (
    ActaFirmada,
    ConfiguracionDocumentosOrgano,
    ConsecutivoOficio,
    CopiaCertificada,
    DocumentoGenerado,
    FirmaActa,
    Institucion,
    LoteDocumentos,
    ObservacionActa,
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


@admin.register(ObservacionActa)
class ObservacionActaAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "persona", "fecha"]


@admin.register(FirmaActa)
class FirmaActaAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "integrante", "firmado_en", "registrado_por", "registrado_en"]


@admin.register(ActaFirmada)
class ActaFirmadaAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "sha256", "subida_en", "bloqueada_en"]


@admin.register(CopiaCertificada)
class CopiaCertificadaAdmin(SoloLecturaAdmin):
    list_display = ["folio", "sesion", "persona", "emitida_en", "entregada_en"]
    search_fields = ["folio", "persona__nombre"]

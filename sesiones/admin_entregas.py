"""Entregas, confirmaciones, observaciones, firmas y copias certificadas: constancias, solo consulta."""

from django.contrib import admin

from sesiones.admin import SoloLecturaAdmin
from sesiones.models import (
    ActaFirmada,
    AvisoQuorum,
    CalendarioPersona,
    ConfirmacionAsistencia,
    CopiaCertificada,
    Entrega,
    FirmaActa,
    ObservacionActa,
)


@admin.register(Entrega)
class EntregaAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "persona", "motivo", "estado", "correo", "enviado_en", "acusado_en"]
    list_filter = ["estado", "motivo"]
    search_fields = ["persona__nombre", "correo", "sesion__clave"]


@admin.register(ConfirmacionAsistencia)
class ConfirmacionAsistenciaAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "persona", "respuesta", "fecha"]
    list_filter = ["respuesta"]


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


@admin.register(AvisoQuorum)
class AvisoQuorumAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "enviado_en", "confirmados", "requeridos"]


@admin.register(CalendarioPersona)
class CalendarioPersonaAdmin(SoloLecturaAdmin):
    """El token abre el calendario privado de la persona: no se muestra."""

    list_display = ["persona", "creado"]
    exclude = ["token"]

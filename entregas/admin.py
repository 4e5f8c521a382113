"""Entregas, confirmaciones, avisos de quórum y calendarios: constancias, solo consulta."""

from django.contrib import admin

from bitacora.admin import SoloLecturaAdmin
from entregas.models import AvisoQuorum, CalendarioPersona, ConfirmacionAsistencia, Entrega


@admin.register(Entrega)
class EntregaAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "persona", "motivo", "estado", "correo", "enviado_en", "acusado_en"]
    list_filter = ["estado", "motivo"]
    search_fields = ["persona__nombre", "correo", "sesion__clave"]


@admin.register(ConfirmacionAsistencia)
class ConfirmacionAsistenciaAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "persona", "respuesta", "fecha"]
    list_filter = ["respuesta"]


@admin.register(AvisoQuorum)
class AvisoQuorumAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "enviado_en", "confirmados", "requeridos"]


@admin.register(CalendarioPersona)
class CalendarioPersonaAdmin(SoloLecturaAdmin):
    """El token abre el calendario privado de la persona: no se muestra."""

    list_display = ["persona", "creado"]
    exclude = ["token"]

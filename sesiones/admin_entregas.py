"""Administración de entregas, confirmaciones, observaciones, firmas y copias certificadas."""

from django.contrib import admin

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
class EntregaAdmin(admin.ModelAdmin):
    list_display = ["sesion", "persona", "motivo", "estado", "correo", "enviado_en", "acusado_en"]
    list_filter = ["estado", "motivo"]
    search_fields = ["persona__nombre", "correo", "sesion__clave"]
    readonly_fields = ["message_id", "secuencia", "intentos", "error", "enviado_en", "acusado_en"]


@admin.register(ConfirmacionAsistencia)
class ConfirmacionAsistenciaAdmin(admin.ModelAdmin):
    list_display = ["sesion", "persona", "respuesta", "fecha"]
    list_filter = ["respuesta"]


@admin.register(ObservacionActa)
class ObservacionActaAdmin(admin.ModelAdmin):
    list_display = ["sesion", "persona", "fecha"]
    readonly_fields = ["sesion", "persona", "documento", "texto", "fecha"]


@admin.register(CopiaCertificada)
class CopiaCertificadaAdmin(admin.ModelAdmin):
    list_display = ["folio", "sesion", "persona", "emitida_en", "entregada_en"]
    search_fields = ["folio", "persona__nombre"]


@admin.register(ActaFirmada)
class ActaFirmadaAdmin(admin.ModelAdmin):
    list_display = ["sesion", "sha256", "subida_en", "bloqueada_en"]
    readonly_fields = ["sha256", "bloqueada_en", "hash_bloqueo"]


for modelo in (FirmaActa, AvisoQuorum, CalendarioPersona):
    admin.site.register(modelo)

from django.contrib import admin

from acuerdos.models import (
    Acuerdo,
    AvisoEnviado,
    CambioEstadoAcuerdo,
    EjecucionSeguimiento,
    Publicacion,
    ReglaVotacion,
    Responsable,
    VersionTextoAcuerdo,
    Votacion,
)


@admin.register(Responsable)
class ResponsableAdmin(admin.ModelAdmin):
    list_display = ("nombre", "es_area_interna", "correo", "persona", "activo")
    list_filter = ("es_area_interna", "activo")
    search_fields = ("nombre", "correo")
    autocomplete_fields = ("persona",)


@admin.register(ReglaVotacion)
class ReglaVotacionAdmin(admin.ModelAdmin):
    list_display = ("organo", "tipo_acuerdo", "mayoria")
    list_filter = ("organo", "mayoria")


class SoloLectura:
    """La historia no se edita desde el admin: solo se consulta."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CambioInline(SoloLectura, admin.TabularInline):
    model = CambioEstadoAcuerdo
    extra = 0
    fields = ("fecha", "estado_anterior", "estado_nuevo", "usuario", "nota", "evidencia_url")
    readonly_fields = fields


class VersionInline(SoloLectura, admin.TabularInline):
    model = VersionTextoAcuerdo
    extra = 0
    fields = ("version", "fecha", "usuario", "motivo", "texto")
    readonly_fields = fields


class PublicacionInline(SoloLectura, admin.TabularInline):
    model = Publicacion
    extra = 0
    fields = ("medio", "fecha", "url", "numero_periodico", "tomo_seccion", "numero_publicacion")
    readonly_fields = fields


@admin.register(Acuerdo)
class AcuerdoAdmin(admin.ModelAdmin):
    """Consulta: los cambios pasan por la aplicación para que quede su historia."""

    list_display = ("clave", "organo", "estado", "responsable", "fecha_limite", "vencido")
    list_filter = ("organo", "anio", "estado", "vencido", "publicacion")
    search_fields = ("clave", "texto_busqueda")
    readonly_fields = [f.name for f in Acuerdo._meta.fields]
    inlines = [CambioInline, VersionInline, PublicacionInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Votacion)
class VotacionAdmin(SoloLectura, admin.ModelAdmin):
    list_display = ("acuerdo", "modo", "a_favor", "en_contra", "abstenciones", "resultado")


@admin.register(EjecucionSeguimiento)
class EjecucionSeguimientoAdmin(SoloLectura, admin.ModelAdmin):
    list_display = ("inicio", "tipo", "origen", "vencidos", "correos_enviados", "enlaces_revisados")
    list_filter = ("tipo",)


@admin.register(AvisoEnviado)
class AvisoEnviadoAdmin(SoloLectura, admin.ModelAdmin):
    list_display = ("fecha", "tipo", "destinatario", "acuerdos", "error")
    list_filter = ("tipo", "fecha")

"""Admin de acuerdos: reglas y responsables se configuran aquí; lo demás solo se consulta.

Los acuerdos, votaciones, avances y publicaciones cambian en las páginas de la aplicación, que
pasan por los servicios y dejan historia; la historia misma es constancia y no se toca.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from acuerdos.models import (
    Acuerdo,
    AvanceAcuerdo,
    AvisoEnviado,
    CambioEstadoAcuerdo,
    EjecucionSeguimiento,
    Publicacion,
    ReglaVotacion,
    Responsable,
    VersionTextoAcuerdo,
    Votacion,
    VotoNominal,
)
from bitacora.admin import ConfiguracionAdmin, SoloLecturaAdmin, SoloLecturaInline


@admin.register(Responsable)
class ResponsableAdmin(ConfiguracionAdmin):
    list_display = ("nombre", "es_area_interna", "correo", "persona", "activo")
    list_filter = ("es_area_interna", "activo")
    search_fields = ("nombre", "correo")
    autocomplete_fields = ("persona",)


@admin.register(ReglaVotacion)
class ReglaVotacionAdmin(ConfiguracionAdmin):
    list_display = ("organo", "tipo_acuerdo", "mayoria")
    list_filter = ("organo", "mayoria")


class CambioInline(SoloLecturaInline):
    model = CambioEstadoAcuerdo
    fields = readonly_fields = (
        "fecha",
        "estado_anterior",
        "estado_nuevo",
        "usuario",
        "nota",
        "evidencia_url",
    )


class VersionInline(SoloLecturaInline):
    model = VersionTextoAcuerdo
    fields = readonly_fields = ("version", "fecha", "usuario", "motivo", "texto")


class AvanceInline(SoloLecturaInline):
    model = AvanceAcuerdo
    fields = readonly_fields = ("fecha", "usuario", "nota", "evidencia_url")


class PublicacionInline(SoloLecturaInline):
    model = Publicacion
    fields = readonly_fields = (
        "medio",
        "fecha",
        "url",
        "numero_periodico",
        "tomo_seccion",
        "numero_publicacion",
    )


class VencimientoFilter(admin.SimpleListFilter):
    """Vencido y por vencer se calculan con la fecha de hoy; no son campos que filtrar."""

    title = _("vencimiento")
    parameter_name = "vencimiento"

    def lookups(self, request, model_admin):
        return [("vencido", _("Vencidos")), ("por_vencer", _("Por vencer"))]

    def queryset(self, request, queryset):
        if self.value() == "vencido":
            return queryset.vencidos()
        if self.value() == "por_vencer":
            return queryset.por_vencer()
        return queryset


@admin.register(Acuerdo)
class AcuerdoAdmin(SoloLecturaAdmin):
    list_display = ("clave", "organo", "estado", "responsable", "fecha_limite", "vencido")
    list_filter = ("organo", "anio", "estado", VencimientoFilter, "publicacion")
    search_fields = ("clave", "texto_busqueda")
    inlines = [CambioInline, VersionInline, AvanceInline, PublicacionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).con_vencimiento()

    @admin.display(boolean=True, description=_("vencido"))
    def vencido(self, acuerdo) -> bool:
        return acuerdo.vencido


@admin.register(CambioEstadoAcuerdo)
class CambioEstadoAcuerdoAdmin(SoloLecturaAdmin):
    list_display = ("fecha", "acuerdo", "estado_anterior", "estado_nuevo", "usuario")
    list_filter = ("estado_nuevo",)
    search_fields = ("acuerdo__clave", "nota")


@admin.register(VersionTextoAcuerdo)
class VersionTextoAcuerdoAdmin(SoloLecturaAdmin):
    list_display = ("acuerdo", "version", "fecha", "usuario")
    search_fields = ("acuerdo__clave",)


@admin.register(AvanceAcuerdo)
class AvanceAcuerdoAdmin(SoloLecturaAdmin):
    list_display = ("acuerdo", "fecha", "usuario")
    search_fields = ("acuerdo__clave",)


@admin.register(Publicacion)
class PublicacionAdmin(SoloLecturaAdmin):
    list_display = ("acuerdo", "medio", "fecha", "usuario")
    list_filter = ("medio",)
    search_fields = ("acuerdo__clave",)


class VotoNominalInline(SoloLecturaInline):
    model = VotoNominal
    fields = readonly_fields = ("integrante", "sentido")


@admin.register(Votacion)
class VotacionAdmin(SoloLecturaAdmin):
    list_display = ("acuerdo", "modo", "a_favor", "en_contra", "abstenciones", "resultado")
    inlines = [VotoNominalInline]


@admin.register(EjecucionSeguimiento)
class EjecucionSeguimientoAdmin(SoloLecturaAdmin):
    list_display = ("inicio", "tipo", "origen", "vencidos", "correos_enviados", "enlaces_revisados")
    list_filter = ("tipo",)


@admin.register(AvisoEnviado)
class AvisoEnviadoAdmin(SoloLecturaAdmin):
    list_display = ("fecha", "tipo", "destinatario", "acuerdos", "error")
    list_filter = ("tipo", "fecha")

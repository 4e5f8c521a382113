from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from sesiones.models import (
    Anexo,
    Asistencia,
    Bitacora,
    CambioEstadoSesion,
    DescargaAnexo,
    Integrante,
    Invitado,
    OrganoColegiado,
    Periodo,
    Persona,
    PuntoOrden,
    Sesion,
)

admin.site.site_header = _("Sesiones — configuración")
admin.site.site_title = _("Sesiones")
admin.site.index_title = _("Configuración de órganos, personas y reglas")


class PeriodoInline(admin.TabularInline):
    model = Periodo
    extra = 0


class IntegranteInline(admin.TabularInline):
    model = Integrante
    fk_name = "organo"
    extra = 0
    autocomplete_fields = ["persona", "suplente"]


@admin.register(OrganoColegiado)
class OrganoColegiadoAdmin(admin.ModelAdmin):
    list_display = [
        "nombre",
        "siglas",
        "regla_quorum",
        "meta_actas_anual",
        "meta_acuerdos_anual",
        "activo",
    ]
    search_fields = ["nombre", "siglas"]
    inlines = [PeriodoInline, IntegranteInline]
    fieldsets = [
        (None, {"fields": ["nombre", "nombre_completo", "genero", "siglas", "orden", "activo"]}),
        (_("Quórum"), {"fields": ["regla_quorum", "quorum_fijo"]}),
        (
            _("Anticipación de convocatorias"),
            {
                "fields": [
                    ("aviso_ordinaria", "aviso_ordinaria_unidad"),
                    ("aviso_extraordinaria", "aviso_extraordinaria_unidad"),
                    ("aviso_solemne", "aviso_solemne_unidad"),
                ]
            },
        ),
        (_("Claves"), {"fields": ["patron_clave", "patron_clave_acuerdo"]}),
        (_("Metas anuales"), {"fields": ["meta_actas_anual", "meta_acuerdos_anual"]}),
    ]


@admin.register(Periodo)
class PeriodoAdmin(admin.ModelAdmin):
    list_display = ["organo", "nombre", "fecha_inicio", "fecha_fin"]
    list_filter = ["organo"]


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ["nombre", "titulo", "cargo", "institucion", "correo", "usuario"]
    search_fields = ["nombre", "cargo", "institucion", "correo"]
    autocomplete_fields = ["usuario"]


@admin.register(Integrante)
class IntegranteAdmin(admin.ModelAdmin):
    list_display = ["persona", "organo", "rol", "con_voto", "suplente", "fecha_inicio", "fecha_fin"]
    list_filter = ["organo", "rol", "con_voto"]
    search_fields = ["persona__nombre"]
    autocomplete_fields = ["persona", "suplente"]


class CambioEstadoInline(admin.TabularInline):
    model = CambioEstadoSesion
    extra = 0
    can_delete = False
    readonly_fields = [
        "estado_anterior",
        "estado_nuevo",
        "usuario",
        "fecha",
        "motivo",
        "fecha_hora_anterior",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Sesion)
class SesionAdmin(admin.ModelAdmin):
    """Solo lectura: las sesiones cambian por los servicios, que dejan historia."""

    list_display = ["clave", "organo", "tipo", "numero", "fecha_hora", "estado"]
    list_filter = ["organo", "tipo", "estado"]
    search_fields = ["clave", "sede"]
    inlines = [CambioEstadoInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Bitacora)
class BitacoraAdmin(admin.ModelAdmin):
    list_display = ["fecha", "usuario", "accion", "objeto"]
    list_filter = ["accion", "modelo"]
    search_fields = ["objeto", "accion"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for modelo in (PuntoOrden, Anexo, Asistencia, Invitado, DescargaAnexo):
    admin.site.register(modelo)
from sesiones import admin_documentos, admin_entregas  # noqa: E402,F401

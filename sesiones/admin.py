"""Admin de Django: solo para superusuarios, y solo para la configuración.

Lo que es constancia (descargas, historias, bitácora, firmas, entregas, documentos enviados) no
se agrega, edita ni borra desde aquí, ni siquiera un superusuario. Lo que tiene servicio
(sesiones, orden del día, anexos, asistencia, invitados, acuerdos, votaciones) cambia en las
páginas de la aplicación, que pasan por el servicio y dejan historia; aquí solo se consulta. La
configuración sin servicio (órganos, periodos, personas, integrantes, institución, reglas) se
edita aquí y cada alta, cambio o baja queda en la bitácora.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from bitacora.admin import (
    ConfiguracionAdmin,
    ConfiguracionInline,
    SoloLecturaAdmin,
    SoloLecturaInline,
)
from sesiones.models import (
    Anexo,
    Asistencia,
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

# --- Órganos, periodos, personas e integrantes --------------------------------------------


class PeriodoInline(ConfiguracionInline):
    model = Periodo


class IntegranteInline(ConfiguracionInline):
    model = Integrante
    fk_name = "organo"
    autocomplete_fields = ["persona", "suplente"]


@admin.register(OrganoColegiado)
class OrganoColegiadoAdmin(ConfiguracionAdmin):
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
class PeriodoAdmin(ConfiguracionAdmin):
    list_display = ["organo", "nombre", "fecha_inicio", "fecha_fin"]
    list_filter = ["organo"]


@admin.register(Persona)
class PersonaAdmin(ConfiguracionAdmin):
    list_display = ["nombre", "titulo", "cargo", "institucion", "correo", "usuario"]
    search_fields = ["nombre", "cargo", "institucion", "correo"]
    autocomplete_fields = ["usuario"]


@admin.register(Integrante)
class IntegranteAdmin(ConfiguracionAdmin):
    list_display = ["persona", "organo", "rol", "con_voto", "suplente", "fecha_inicio", "fecha_fin"]
    list_filter = ["organo", "rol", "con_voto"]
    search_fields = ["persona__nombre"]
    autocomplete_fields = ["persona", "suplente"]


# --- Sesiones y su historia: solo consulta ------------------------------------------------


class CambioEstadoInline(SoloLecturaInline):
    model = CambioEstadoSesion
    fields = readonly_fields = (
        "estado_anterior",
        "estado_nuevo",
        "usuario",
        "fecha",
        "motivo",
        "fecha_hora_anterior",
    )


@admin.register(Sesion)
class SesionAdmin(SoloLecturaAdmin):
    """Las sesiones cambian por los servicios, que dejan historia."""

    list_display = ["clave", "organo", "tipo", "numero", "fecha_hora", "estado"]
    list_filter = ["organo", "tipo", "estado"]
    search_fields = ["clave", "sede"]
    inlines = [CambioEstadoInline]


@admin.register(CambioEstadoSesion)
class CambioEstadoSesionAdmin(SoloLecturaAdmin):
    list_display = ["fecha", "sesion", "estado_anterior", "estado_nuevo", "usuario"]
    list_filter = ["estado_nuevo"]
    search_fields = ["sesion__clave", "motivo"]


@admin.register(PuntoOrden)
class PuntoOrdenAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "orden", "titulo", "tipo", "version"]
    search_fields = ["sesion__clave", "titulo"]


@admin.register(Anexo)
class AnexoAdmin(SoloLecturaAdmin):
    list_display = ["titulo", "punto", "clasificacion", "nombre_original", "subido_por", "subido"]
    list_filter = ["clasificacion"]
    search_fields = ["titulo", "nombre_original", "sha256"]


@admin.register(DescargaAnexo)
class DescargaAnexoAdmin(SoloLecturaAdmin):
    list_display = ["fecha", "anexo", "usuario"]
    search_fields = ["anexo__titulo", "usuario__username"]


@admin.register(Asistencia)
class AsistenciaAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "integrante", "estado", "hora_llegada", "registrada_por"]
    list_filter = ["estado"]


@admin.register(Invitado)
class InvitadoAdmin(SoloLecturaAdmin):
    list_display = ["sesion", "persona", "motivo", "asistio"]

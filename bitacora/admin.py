"""Admin de Django: solo para superusuarios, y solo para la configuración.

Lo que es constancia (descargas, historias, bitácora, firmas, entregas, documentos enviados) no
se agrega, edita ni borra desde aquí, ni siquiera un superusuario. Lo que tiene servicio
(sesiones, orden del día, anexos, asistencia, invitados, acuerdos, votaciones) cambia en las
páginas de la aplicación, que pasan por el servicio y dejan historia; aquí solo se consulta. La
configuración sin servicio (órganos, periodos, personas, integrantes, institución, reglas) se
edita aquí y cada alta, cambio o baja queda en la bitácora.
"""

import datetime

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Model
from django.db.models.query import QuerySet
from django.utils.translation import gettext_lazy as _

from bitacora.models import Bitacora
from bitacora.services import bitacora_registrar

admin.site.site_header = _("Sesiones — configuración")
admin.site.site_title = _("Sesiones")
admin.site.index_title = _("Configuración de órganos, personas y reglas")

ACCION_AGREGAR = "admin.agregar"
ACCION_EDITAR = "admin.editar"
ACCION_ELIMINAR = "admin.eliminar"


def es_superusuario(request) -> bool:
    usuario = request.user
    return bool(usuario.is_active and usuario.is_superuser)


# El sitio entero es de superusuarios: el personal con is_staff (p. ej. la Dirección Jurídica)
# recibe la página de entrada del admin, como quien no tiene acceso.
# mypy no admite reemplazar un método en una instancia; aquí es a propósito, solo en este sitio.
admin.site.has_permission = es_superusuario  # type: ignore[method-assign]


class SoloSuperusuarioMixin:
    """Cada modelo repite la regla del sitio, por si se registra en otro AdminSite."""

    def has_module_permission(self, request):
        return es_superusuario(request)

    def has_view_permission(self, request, obj=None):
        return es_superusuario(request)

    def has_add_permission(self, request, obj=None):
        return es_superusuario(request)

    def has_change_permission(self, request, obj=None):
        return es_superusuario(request)

    def has_delete_permission(self, request, obj=None):
        return es_superusuario(request)


class SoloLecturaMixin(SoloSuperusuarioMixin):
    """Constancia o dato con servicio propio: se consulta, no se agrega, edita ni borra."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SoloLecturaAdmin(SoloLecturaMixin, admin.ModelAdmin):
    actions = None


class SoloLecturaInline(SoloLecturaMixin, admin.TabularInline):
    extra = 0
    can_delete = False


# --- Configuración editable, con bitácora -------------------------------------------------


def _texto(valor):
    """El valor tal como lo guarda el JSON de la bitácora: número o sí/no tal cual, lo demás texto."""
    if valor is None or isinstance(valor, bool | int | float):
        return valor
    if isinstance(valor, str):
        return valor[:500]
    if isinstance(valor, datetime.date | datetime.time):
        return valor.isoformat()
    if isinstance(valor, QuerySet | list | tuple | set):
        return ", ".join(str(v) for v in valor)[:500]
    if hasattr(valor, "name") and not isinstance(valor, Model):  # archivo subido
        return str(valor.name)
    return str(valor)[:500]


def _cambios(form) -> dict:
    """Campo → valor nuevo de lo que cambió; las contraseñas nunca se escriben."""
    return {
        campo: _texto(form.cleaned_data.get(campo))
        for campo in form.changed_data
        if "password" not in campo
    }


def registrar_cambio(request, objeto, accion: str, datos: dict | None = None) -> None:
    bitacora_registrar(usuario=request.user, accion=accion, objeto=objeto, datos=datos or {})


class AuditoriaMixin:
    """Las altas, cambios y bajas hechos en el admin quedan en la bitácora, como los servicios.

    Se escriben en la misma transacción que el cambio: si el guardado falla, no queda entrada.
    """

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and not form.has_changed():
            return  # guardar sin cambios (o solo los renglones en línea, que se anotan aparte)
        registrar_cambio(request, obj, ACCION_EDITAR if change else ACCION_AGREGAR, _cambios(form))

    def delete_model(self, request, obj):
        # Antes de borrar: después el objeto ya no tiene llave.
        registrar_cambio(request, obj, ACCION_ELIMINAR)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # La acción «eliminar seleccionados» no corre en una transacción propia del admin.
        with transaction.atomic():
            for obj in queryset:
                registrar_cambio(request, obj, ACCION_ELIMINAR)
            super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        borrados = [f.instance for f in formset.deleted_forms if f.instance.pk is not None]
        for obj in borrados:
            registrar_cambio(request, obj, ACCION_ELIMINAR)
        super().save_formset(request, form, formset, change)
        formularios = {f.instance.pk: f for f in formset.forms if f.instance.pk is not None}
        for obj in formset.new_objects:
            datos = _cambios(formularios[obj.pk]) if obj.pk in formularios else {}
            registrar_cambio(request, obj, ACCION_AGREGAR, datos)
        for obj, _campos in formset.changed_objects:
            datos = _cambios(formularios[obj.pk]) if obj.pk in formularios else {}
            registrar_cambio(request, obj, ACCION_EDITAR, datos)


class ConfiguracionAdmin(AuditoriaMixin, SoloSuperusuarioMixin, admin.ModelAdmin):
    """Configuración sin servicio propio: la edita el superusuario y queda en la bitácora."""


class ConfiguracionInline(SoloSuperusuarioMixin, admin.TabularInline):
    """Sus cambios los registra el AuditoriaMixin del admin que la contiene."""

    extra = 0


# --- Usuarios y grupos: quién recibe qué papel queda en la bitácora -----------------------

Usuario = get_user_model()
for modelo_auth in (Usuario, Group):
    if admin.site.is_registered(modelo_auth):
        admin.site.unregister(modelo_auth)


@admin.register(Usuario)
class UsuarioAdmin(AuditoriaMixin, SoloSuperusuarioMixin, UserAdmin):
    def user_change_password(self, request, id, form_url=""):
        respuesta = super().user_change_password(request, id, form_url)
        if request.method == "POST" and respuesta.status_code == 302:
            usuario = Usuario.objects.filter(pk=unquote(id)).first()
            if usuario is not None:
                registrar_cambio(request, usuario, ACCION_EDITAR, {"contraseña": "cambiada"})
        return respuesta


@admin.register(Group)
class GrupoAdmin(AuditoriaMixin, SoloSuperusuarioMixin, GroupAdmin):
    pass


@admin.register(Bitacora)
class BitacoraAdmin(SoloLecturaAdmin):
    list_display = ["fecha", "usuario", "accion", "objeto"]
    list_filter = ["accion", "modelo"]
    search_fields = ["objeto", "accion"]

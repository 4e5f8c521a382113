"""Roles del personal (grupos de Django) y la regla de rol que aplican los servicios."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

GRUPO_JURIDICO = "Dirección Jurídica"
GRUPO_SEGUIMIENTO = "Seguimiento"
GRUPO_INTEGRANTE = "Integrante"
GRUPOS = (GRUPO_JURIDICO, GRUPO_SEGUIMIENTO, GRUPO_INTEGRANTE)


def _grupos(user) -> set[str]:
    # Se guarda en el usuario para no consultar la base en cada comprobación de la petición.
    if not hasattr(user, "_grupos_sesiones"):
        # Un usuario sin guardar no tiene grupos (y consultarlos lanzaría ValueError).
        user._grupos_sesiones = (
            set(user.groups.values_list("name", flat=True)) if user.pk else set()
        )
    return user._grupos_sesiones


def es_juridico(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or GRUPO_JURIDICO in _grupos(user))
    )


def es_seguimiento(user) -> bool:
    return es_juridico(user) or bool(
        user.is_authenticated and user.is_active and GRUPO_SEGUIMIENTO in _grupos(user)
    )


def es_personal(user) -> bool:
    """Personal de la Secretaría: ve todas las sesiones."""
    return es_seguimiento(user)


# Reglas de rol dentro de los servicios --------------------------------------------------------
#
# La regla «quién puede hacerlo» vive en el servicio que hace el cambio, no en la vista: así la
# página, la API, los comandos y el admin pasan por la misma puerta.

MENSAJE_SOLO_JURIDICO = _lazy("Solo la Dirección Jurídica puede hacer esta operación.")

P = ParamSpec("P")
R = TypeVar("R")


class AccionNoPermitida(PermissionDenied):
    """El rol del usuario no permite la operación. Es un PermissionDenied de Django (403 en las
    páginas) y la API lo responde como 403 con el mensaje; no es un ErrorSesiones para que
    ninguna vista lo confunda con un dato inválido y lo muestre como error de formulario."""

    def __init__(self, mensaje):
        super().__init__(mensaje)
        self.mensaje = mensaje

    def __str__(self) -> str:
        return str(self.mensaje)


def exigir_rol(usuario, prueba: Callable[..., bool], mensaje) -> None:
    """Sin usuario (comandos, tareas del sistema) se permite; con usuario, debe pasar la prueba."""
    if usuario is None:
        return
    if not prueba(usuario):
        raise AccionNoPermitida(mensaje)


def exige_rol(
    prueba: Callable[..., bool], mensaje=MENSAJE_SOLO_JURIDICO
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorador de servicios (argumentos por nombre): revisa `usuario` antes de todo lo demás."""

    def decorador(servicio: Callable[P, R]) -> Callable[P, R]:
        @wraps(servicio)
        def envuelto(*args: P.args, **kwargs: P.kwargs) -> R:
            exigir_rol(kwargs.get("usuario"), prueba, mensaje)
            return servicio(*args, **kwargs)

        return envuelto

    return decorador


# Decoradores de vistas por rol ------------------------------------------------------------


def _requiere(prueba):
    def decorador(vista):
        @wraps(vista)
        def envuelta(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not prueba(request.user):
                raise PermissionDenied(_("No tiene permiso para esta acción."))
            return vista(request, *args, **kwargs)

        return envuelta

    return decorador


requiere_juridico = _requiere(es_juridico)
requiere_personal = _requiere(es_personal)


def personal_o_404(vista):
    """Para lo que solo ve el personal: a un integrante se le responde como si no existiera."""

    @wraps(vista)
    def envuelta(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not es_personal(request.user):
            raise Http404(_("No encontrado"))
        return vista(request, *args, **kwargs)

    return envuelta


def juridico_o_404(vista):
    """Integrante: 404 (no sabe que existe); Seguimiento: 403 (lo ve pero no lo cambia)."""
    return personal_o_404(requiere_juridico(vista))

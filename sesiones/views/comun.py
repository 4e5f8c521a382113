"""Ayudas compartidas por las vistas: acceso a objetos (404 si son ajenos) y regreso seguro."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from comun.roles import es_personal
from sesiones.models import Anexo, Invitado, OrganoColegiado, PuntoOrden
from sesiones.permisos import organos_de_integrante, sesiones_visibles


def organos_visibles(user):
    if es_personal(user):
        return OrganoColegiado.objects.all()
    return OrganoColegiado.objects.filter(pk__in=organos_de_integrante(user))


def punto_visible_o_404(user, pk: int) -> PuntoOrden:
    punto = (
        PuntoOrden.objects.select_related("sesion", "sesion__organo", "sesion__periodo")
        .filter(pk=pk, sesion__in=sesiones_visibles(user))
        .first()
    )
    if punto is None:
        raise Http404(_("Punto no encontrado"))
    return punto


def anexo_de_sesion_visible_o_404(user, pk: int) -> Anexo:
    anexo = (
        Anexo.objects.select_related("punto", "punto__sesion", "punto__sesion__organo")
        .filter(pk=pk, punto__sesion__in=sesiones_visibles(user))
        .first()
    )
    if anexo is None:
        raise Http404(_("Anexo no encontrado"))
    return anexo


def invitado_visible_o_404(user, pk: int) -> Invitado:
    invitado = (
        Invitado.objects.select_related("sesion", "persona")
        .filter(pk=pk, sesion__in=sesiones_visibles(user))
        .first()
    )
    if invitado is None:
        raise Http404(_("Invitado no encontrado"))
    return invitado


def volver(request, defecto: str):
    """Redirige al «next» del formulario si es de este sitio; si no, a `defecto`."""
    destino = request.POST.get("next") or request.GET.get("next")
    if destino and url_has_allowed_host_and_scheme(
        destino, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(destino)
    return redirect(defecto)

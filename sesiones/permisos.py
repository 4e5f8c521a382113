"""Quién puede ver y cambiar qué. Los objetos ajenos responden 404, no 403."""

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from comun.roles import es_personal
from sesiones.models import Clasificacion, Integrante, Persona, Sesion


def persona_de(user):

    if not user.is_authenticated:
        return None
    return Persona.objects.filter(usuario=user).first()


def organos_de_integrante(user, fecha: datetime.date | None = None) -> QuerySet:
    """Ids de los órganos en los que el usuario es integrante (o suplente) hoy."""

    fecha = fecha or timezone.localdate()
    return (
        Integrante.objects.vigentes(fecha)
        .filter(Q(persona__usuario=user) | Q(suplente__usuario=user))
        .values("organo_id")
    )


def sesiones_visibles(user) -> QuerySet:

    if es_personal(user):
        return Sesion.objects.all()
    if user.is_authenticated and user.is_active:
        return Sesion.objects.filter(organo_id__in=organos_de_integrante(user))
    return Sesion.objects.none()


def sesion_visible_o_404(user, pk: int):
    sesion = sesiones_visibles(user).select_related("organo", "periodo").filter(pk=pk).first()
    if sesion is None:
        raise Http404("Sesión no encontrada")
    return sesion


def anexo_visible_para(user, anexo) -> bool:
    """Regla única de acceso a un anexo; quien no puede verlo recibe 404, no 403.

    Personal: todos. Integrante: los de sesiones de sus órganos, públicos y reservados;
    un confidencial solo si su persona está entre las autorizadas.
    """

    if not user.is_authenticated or not user.is_active:
        return False
    if es_personal(user):
        return True
    if not sesiones_visibles(user).filter(pk=anexo.punto.sesion_id).exists():
        return False
    if anexo.clasificacion == Clasificacion.CONFIDENCIAL:
        persona = persona_de(user)
        return persona is not None and anexo.personas_autorizadas.filter(pk=persona.pk).exists()
    return True

"""Quién puede ver y cambiar qué. Los objetos ajenos responden 404, no 403."""

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from comun.roles import es_personal
from sesiones.models import ESTADOS_CELEBRADA, Anexo, Clasificacion, Integrante, Persona, Sesion


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
        raise Http404(_("Sesión no encontrada"))
    return sesion


def anexos_visibles_para(user) -> QuerySet:
    """Regla única de visibilidad de anexos, como filtro (sin consultas por anexo).

    Personal: todos. Integrante: los de sesiones de sus órganos, públicos y reservados; un
    confidencial solo si su persona está entre las autorizadas. Cuenta inactiva: ninguno.
    El público (None o anónimo): solo los públicos de sesiones celebradas.
    """

    if user is None or not user.is_authenticated:
        return Anexo.objects.filter(
            clasificacion=Clasificacion.PUBLICA, punto__sesion__estado__in=ESTADOS_CELEBRADA
        )
    if not user.is_active:
        return Anexo.objects.none()
    if es_personal(user):
        return Anexo.objects.all()
    # Subconsultas y no uniones: la autorización es una tabla intermedia y una unión
    # repetiría el anexo por cada persona autorizada.
    autorizados = Anexo.personas_autorizadas.through.objects.filter(persona__usuario=user).values(
        "anexo_id"
    )
    return Anexo.objects.filter(punto__sesion__in=sesiones_visibles(user)).filter(
        ~Q(clasificacion=Clasificacion.CONFIDENCIAL) | Q(pk__in=autorizados)
    )


def anexo_visible_para(user, anexo) -> bool:
    """La misma regla para un solo anexo; quien no puede verlo recibe 404, no 403."""

    return anexos_visibles_para(user).filter(pk=anexo.pk).exists()

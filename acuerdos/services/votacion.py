"""Votación de un acuerdo: quién vota, qué mayoría aplica y cómo queda el resultado."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from acuerdos import flujo
from acuerdos.exceptions import TransicionAcuerdoNoPermitida, VotacionInvalida
from acuerdos.models import (
    Acuerdo,
    Mayoria,
    ModoVotacion,
    ReglaVotacion,
    SentidoVoto,
    Votacion,
    VotoNominal,
)
from acuerdos.services.acuerdo import acuerdo_cambiar_estado
from acuerdos.services.comun import (
    ESTADOS_SESION_VOTACION,
    SOLO_JURIDICO_CAPTURA,
    exigir_capacidad,
    usuario_guardado,
)
from acuerdos.votos import calcular_resultado
from bitacora.services import bitacora_registrar
from comun.roles import es_juridico, exige_rol
from sesiones.models import ESTADOS_PRESENTES, OrganoColegiado, RolIntegrante, Sesion
from sesiones.selectors import integrantes_de_sesion


def integrantes_presentes_con_voto(sesion: Sesion):
    """Quienes votan: integrantes con voto en funciones y presentes (o representados)."""
    return integrantes_de_sesion(sesion).filter(
        con_voto=True,
        asistencias__sesion=sesion,
        asistencias__estado__in=ESTADOS_PRESENTES,
    )


def mayoria_para(*, organo: OrganoColegiado, tipo_acuerdo: str) -> str:
    regla = ReglaVotacion.objects.filter(organo=organo, tipo_acuerdo=tipo_acuerdo).first()
    return regla.mayoria if regla else Mayoria.SIMPLE


@exige_rol(es_juridico, SOLO_JURIDICO_CAPTURA)
def votacion_registrar(
    *,
    acuerdo: Acuerdo,
    usuario: User | None,
    modo: str,
    a_favor: int = 0,
    en_contra: int = 0,
    abstenciones: int = 0,
    votos: dict[int, str] | None = None,
    voto_calidad: str = "",
) -> Votacion:
    """Registra la votación y, con su resultado, aprueba o rechaza el acuerdo."""
    sesion = acuerdo.sesion
    exigir_capacidad(acuerdo, flujo.VOTAR)
    if sesion.estado not in ESTADOS_SESION_VOTACION:
        raise TransicionAcuerdoNoPermitida(
            _("Se vota con la sesión convocada o celebrada; está %(estado)s.")
            % {"estado": sesion.get_estado_display().lower()}
        )
    presentes = list(integrantes_presentes_con_voto(sesion))
    if not presentes:
        raise VotacionInvalida(
            _(
                "No hay integrantes con voto presentes en la lista de asistencia; regístrela primero."
            )
        )
    if modo == ModoVotacion.NOMINAL:
        a_favor, en_contra, abstenciones, voto_calidad = _contar_nominal(presentes, votos or {})
    elif modo == ModoVotacion.TOTALES:
        _validar_totales(a_favor, en_contra, abstenciones, len(presentes))
    else:
        raise VotacionInvalida(_("Modo de votación desconocido."))
    mayoria = mayoria_para(organo=acuerdo.organo, tipo_acuerdo=acuerdo.tipo)
    empate = a_favor == en_contra and a_favor > 0 and mayoria == Mayoria.SIMPLE
    if not empate:
        voto_calidad = ""
    elif modo == ModoVotacion.TOTALES and voto_calidad not in (
        SentidoVoto.A_FAVOR,
        SentidoVoto.EN_CONTRA,
    ):
        raise VotacionInvalida(
            _("Hay empate: indique el sentido del voto de calidad de la Presidencia.")
        )
    resultado = calcular_resultado(
        a_favor=a_favor,
        en_contra=en_contra,
        abstenciones=abstenciones,
        presentes=len(presentes),
        mayoria=mayoria,
        voto_calidad=voto_calidad,
    )
    with transaction.atomic():
        Votacion.objects.filter(acuerdo=acuerdo).delete()
        votacion = Votacion.objects.create(
            acuerdo=acuerdo,
            modo=modo,
            presentes=len(presentes),
            a_favor=a_favor,
            en_contra=en_contra,
            abstenciones=abstenciones,
            voto_calidad=voto_calidad,
            mayoria=mayoria,
            resultado=resultado.resultado,
            unanimidad=resultado.unanimidad,
            decidio_calidad=resultado.decidio_calidad,
            texto=resultado.texto,
            usuario=usuario_guardado(usuario),
        )
        if modo == ModoVotacion.NOMINAL:
            VotoNominal.objects.bulk_create(
                VotoNominal(votacion=votacion, integrante_id=pk, sentido=sentido)
                for pk, sentido in (votos or {}).items()
            )
        bitacora_registrar(
            usuario=usuario,
            accion="acuerdo.votacion",
            objeto=acuerdo,
            sesion=sesion,
            datos={
                "modo": modo,
                "a_favor": a_favor,
                "en_contra": en_contra,
                "abstenciones": abstenciones,
                "resultado": resultado.texto,
            },
        )
        acuerdo_cambiar_estado(
            acuerdo=acuerdo, estado=resultado.resultado, usuario=usuario, nota=resultado.texto
        )
    return votacion


def _validar_totales(a_favor: int, en_contra: int, abstenciones: int, presentes: int) -> None:
    if min(a_favor, en_contra, abstenciones) < 0:
        raise VotacionInvalida(_("Los votos no pueden ser negativos."))
    total = a_favor + en_contra + abstenciones
    if total == 0:
        raise VotacionInvalida(_("Registre al menos un voto."))
    if total > presentes:
        raise VotacionInvalida(
            _(
                "La suma de votos (%(total)s) excede a los integrantes con voto presentes "
                "(%(presentes)s)."
            )
            % {"total": total, "presentes": presentes}
        )


def _contar_nominal(presentes, votos: dict[int, str]) -> tuple[int, int, int, str]:
    por_id = {i.pk: i for i in presentes}
    ajenos = set(votos) - set(por_id)
    if ajenos:
        raise VotacionInvalida(
            _("Solo votan los integrantes con voto presentes; hay votos de quien no lo está.")
        )
    faltan = [str(por_id[pk].persona) for pk in por_id if pk not in votos]
    if faltan:
        raise VotacionInvalida(
            _("Falta el sentido del voto de: %(personas)s.") % {"personas": ", ".join(faltan)}
        )
    if any(s not in SentidoVoto.values for s in votos.values()):
        raise VotacionInvalida(_("Sentido de voto desconocido."))
    sentidos = list(votos.values())
    presidencia = next(
        (votos[pk] for pk, i in por_id.items() if i.rol == RolIntegrante.PRESIDENTE), ""
    )
    calidad = presidencia if presidencia != SentidoVoto.ABSTENCION else ""
    return (
        sentidos.count(SentidoVoto.A_FAVOR),
        sentidos.count(SentidoVoto.EN_CONTRA),
        sentidos.count(SentidoVoto.ABSTENCION),
        calidad,
    )

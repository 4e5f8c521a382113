"""Aviso a la Dirección Jurídica cuando, a dos días hábiles, las confirmaciones no dan quórum."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bitacora.services import bitacora_registrar
from comun import habiles, letras
from comun.roles import GRUPO_JURIDICO
from entregas.models import RESPUESTAS_PRESENTES, AvisoQuorum
from entregas.selectors import quorum_esperado
from sesiones.models import EstadoSesion, Sesion
from sesiones.selectors import integrantes_de_sesion

DIAS_HABILES_AVISO = 2


def correos_juridico() -> list[str]:
    usuarios = (
        get_user_model()
        .objects.filter(Q(groups__name=GRUPO_JURIDICO) | Q(is_superuser=True), is_active=True)
        .exclude(email="")
    )
    return sorted(set(usuarios.values_list("email", flat=True)))


def sesiones_por_revisar(hoy: datetime.date) -> list[Sesion]:
    """Sesiones convocadas o programadas entre hoy y dentro de dos días hábiles."""
    limite = habiles.sumar_dias_habiles(hoy, DIAS_HABILES_AVISO)
    inicio = datetime.datetime.combine(
        hoy, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    fin = datetime.datetime.combine(
        limite, datetime.time.max, tzinfo=timezone.get_current_timezone()
    )
    return list(
        Sesion.objects.filter(
            estado__in=(EstadoSesion.PROGRAMADA, EstadoSesion.CONVOCADA),
            fecha_hora__gte=inicio,
            fecha_hora__lte=fin,
            aviso_quorum__isnull=True,
        ).select_related("organo", "periodo")
    )


def _enviar(sesion: Sesion, quorum, destinatarios: list[str]) -> None:
    integrantes = list(integrantes_de_sesion(sesion).filter(con_voto=True))
    respuestas = {c.persona_id: c.respuesta for c in sesion.confirmaciones.all()}
    fecha = sesion.fecha_local
    contexto = {
        "sesion": sesion,
        "quorum": quorum,
        "fecha": letras.fecha_con_dia(fecha.date()),
        "hora": letras.hora_corta(fecha.time()),
        "sin_respuesta": [i.persona for i in integrantes if i.persona_id not in respuestas],
        "no_asistiran": [
            i.persona
            for i in integrantes
            if i.persona_id in respuestas and respuestas[i.persona_id] not in RESPUESTAS_PRESENTES
        ],
        "url": settings.SITE_URL + reverse("sesiones:detalle", args=[sesion.pk]),
    }
    asunto = " ".join(
        (
            _("Quórum en riesgo: %(sesion)s %(organo)s — %(fecha)s")
            % {
                "sesion": sesion.nombre,
                "organo": sesion.organo.del_organo,
                "fecha": letras.fecha_larga(fecha.date()),
            }
        ).split()
    )
    EmailMultiAlternatives(
        subject=asunto,
        body=render_to_string("entregas/correo/aviso_quorum.txt", contexto),
        to=destinatarios,
    ).send(fail_silently=False)


def avisos_quorum_revisar(*, hoy: datetime.date | None = None) -> list[AvisoQuorum]:
    """Un aviso por sesión, una sola vez; si el quórum esperado se alcanza, no se avisa."""
    hoy = hoy or timezone.localdate()
    destinatarios = correos_juridico()
    avisos = []
    for sesion in sesiones_por_revisar(hoy):
        quorum = quorum_esperado(sesion)
        if quorum.alcanzado:
            continue
        try:
            with transaction.atomic():
                aviso = AvisoQuorum.objects.create(
                    sesion=sesion, confirmados=quorum.presentes, requeridos=quorum.requeridos
                )
                if destinatarios:
                    _enviar(sesion, quorum, destinatarios)
                bitacora_registrar(
                    usuario=None,
                    accion="quorum.aviso",
                    objeto=aviso,
                    sesion=sesion,
                    datos={
                        "confirmados": quorum.presentes,
                        "requeridos": quorum.requeridos,
                        "destinatarios": destinatarios,
                    },
                )
        except IntegrityError:
            # Otro proceso ya avisó de esta sesión.
            continue
        avisos.append(aviso)
    return avisos

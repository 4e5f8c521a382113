"""Construcción de los correos: texto y HTML desde templates/correo/, adjuntos e invitación."""

import re
from email.utils import formataddr, make_msgid, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from comun import letras
from entregas import enlaces, ical
from entregas.models import Entrega, MotivoEntrega

TIPO_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def nombre_seguro(texto: str) -> str:
    """Un nombre apto para cabeceras: sin saltos de línea ni caracteres de control."""
    return " ".join(_CONTROL.sub(" ", str(texto or "")).split())[:150]


def asunto(entrega: Entrega) -> str:
    sesion = entrega.sesion
    fecha = sesion.fecha_local
    cuando = f"{letras.fecha_larga(fecha.date())}, {letras.hora_corta(fecha.time())}"
    prefijo = {
        MotivoEntrega.CONVOCATORIA: _("Invitación") if entrega.es_invitado else _("Convocatoria"),
        MotivoEntrega.ACTUALIZACION: _("Cambio de fecha"),
        MotivoEntrega.CANCELACION: _("Cancelación"),
    }[MotivoEntrega(entrega.motivo)]
    return nombre_seguro(
        _("%(motivo)s: %(sesion)s — %(cuando)s")
        % {"motivo": prefijo, "sesion": sesion.nombre_completo, "cuando": cuando}
    )


def _dominio() -> str:
    return urlsplit(settings.SITE_URL).hostname or "sesiones.local"


def construir(entrega: Entrega) -> EmailMultiAlternatives:
    """El mensaje completo de una entrega; no envía nada."""
    sesion = entrega.sesion
    persona = entrega.persona
    cancelar = entrega.motivo == MotivoEntrega.CANCELACION
    fecha = sesion.fecha_local
    contexto = {
        "entrega": entrega,
        "sesion": sesion,
        "persona": persona,
        "cancelar": cancelar,
        "actualizar": entrega.motivo == MotivoEntrega.ACTUALIZACION,
        "fecha": letras.fecha_con_dia(fecha.date()),
        "hora": letras.hora_corta(fecha.time()),
        "enlace": "" if cancelar else enlaces.url_para(entrega),
        "vence": letras.fecha_larga(enlaces.vence(entrega)),
        "portal": settings.SITE_URL + "/portal/",
    }
    texto = render_to_string("entregas/correo/convocatoria.txt", contexto)
    html = render_to_string("entregas/correo/convocatoria.html", contexto)
    remitente_nombre, remitente = parseaddr(settings.DEFAULT_FROM_EMAIL)
    mensaje = EmailMultiAlternatives(
        subject=asunto(entrega),
        body=texto,
        from_email=formataddr((nombre_seguro(remitente_nombre), remitente)),
        to=[formataddr((nombre_seguro(persona.nombre_con_titulo), entrega.correo))],
        headers={"Message-ID": make_msgid(idstring=f"entrega-{entrega.pk}", domain=_dominio())},
    )
    mensaje.attach_alternative(html, "text/html")
    invitacion = ical.invitacion_ics(
        sesion, persona=persona, secuencia=entrega.secuencia, cancelar=cancelar
    )
    metodo = "CANCEL" if cancelar else "REQUEST"
    mensaje.attach_alternative(invitacion.decode("utf-8"), f"text/calendar; method={metodo}")
    documento = entrega.documento
    if documento is not None and not cancelar:
        with documento.archivo.open("rb") as archivo:
            mensaje.attach(documento.nombre_descarga, archivo.read(), TIPO_DOCX)
        if documento.pdf:
            with documento.pdf.open("rb") as archivo:
                mensaje.attach(
                    documento.nombre_descarga[:-5] + ".pdf", archivo.read(), "application/pdf"
                )
    mensaje.attach("invitacion.ics", invitacion, f"text/calendar; method={metodo}")
    return mensaje

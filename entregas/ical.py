"""Invitaciones iCalendar: un evento por sesión con UID estable y SEQUENCE creciente."""

import datetime
import zoneinfo
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from sesiones.models import EstadoSesion, Persona, Sesion

ZONA = zoneinfo.ZoneInfo("America/Mexico_City")
DURACION_POR_OMISION = datetime.timedelta(hours=2)
PRODID = "-//SESAECH Dirección Jurídica//Sesiones//ES"


def _dominio() -> str:
    return urlsplit(settings.SITE_URL).hostname or "sesiones.local"


def uid_sesion(sesion: Sesion) -> str:
    return f"sesion-{sesion.pk}@{_dominio()}"


def _limpio(texto: str) -> str:
    # Sin saltos ni caracteres de control: un nombre nunca rompe una línea del calendario.
    return " ".join(str(texto or "").replace("\x00", "").split())


def _calendario(metodo: str) -> Calendar:
    calendario = Calendar()
    calendario.add("prodid", PRODID)
    calendario.add("version", "2.0")
    calendario.add("calscale", "GREGORIAN")
    if metodo:
        calendario.add("method", metodo)
    return calendario


def _evento(sesion: Sesion, *, secuencia: int, cancelado: bool = False) -> Event:
    inicio = timezone.localtime(sesion.fecha_hora, ZONA)
    if sesion.hora_clausura and sesion.hora_clausura > inicio.time():
        fin = inicio.replace(
            hour=sesion.hora_clausura.hour, minute=sesion.hora_clausura.minute, second=0
        )
    else:
        fin = inicio + DURACION_POR_OMISION
    evento = Event()
    evento.add("uid", uid_sesion(sesion))
    evento.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    evento.add("dtstart", inicio)
    evento.add("dtend", fin)
    evento.add("sequence", secuencia)
    evento.add("summary", _limpio(sesion.nombre_completo))
    lugar = sesion.sede or sesion.enlace
    if lugar:
        evento.add("location", _limpio(lugar))
    descripcion = [sesion.nombre_completo]
    if sesion.clave:
        descripcion.append(_("Clave: %(clave)s") % {"clave": sesion.clave})
    descripcion.append(
        _("Modalidad: %(modalidad)s") % {"modalidad": sesion.get_modalidad_display()}
    )
    if sesion.enlace:
        descripcion.append(_("Enlace de conexión: %(enlace)s") % {"enlace": sesion.enlace})
        evento.add("url", sesion.enlace)
    evento.add("description", "\n".join(descripcion))
    cancelada = cancelado or sesion.estado == EstadoSesion.CANCELADA
    evento.add("status", "CANCELLED" if cancelada else "CONFIRMED")
    nombre, correo = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if correo:
        organizador = vCalAddress(f"mailto:{correo}")
        organizador.params["cn"] = vText(_limpio(nombre) or _("Dirección Jurídica"))
        evento.add("organizer", organizador)
    return evento


def invitacion_ics(
    sesion: Sesion, *, persona: Persona | None, secuencia: int, cancelar: bool = False
) -> bytes:
    """METHOD:REQUEST para convocar o mover la fecha; METHOD:CANCEL para cancelar."""
    calendario = _calendario("CANCEL" if cancelar else "REQUEST")
    evento = _evento(sesion, secuencia=secuencia, cancelado=cancelar)
    if persona is not None and persona.correo:
        asistente = vCalAddress(f"mailto:{persona.correo}")
        asistente.params["cn"] = vText(_limpio(persona.nombre_con_titulo))
        asistente.params["role"] = vText("REQ-PARTICIPANT")
        asistente.params["rsvp"] = vText("FALSE")
        evento.add("attendee", asistente)
    calendario.add_component(evento)
    calendario.add_missing_timezones()
    return calendario.to_ical()


def calendario_publicado(sesiones, *, nombre: str) -> bytes:
    """Calendario de suscripción (METHOD:PUBLISH) con varias sesiones."""
    calendario = _calendario("PUBLISH")
    calendario.add("x-wr-calname", _limpio(nombre))
    calendario.add("x-wr-timezone", "America/Mexico_City")
    for sesion in sesiones:
        calendario.add_component(_evento(sesion, secuencia=secuencia_actual(sesion)))
    calendario.add_missing_timezones()
    return calendario.to_ical()


def secuencia_actual(sesion: Sesion) -> int:
    from django.db.models import Max

    return sesion.entregas.aggregate(m=Max("secuencia"))["m"] or 0

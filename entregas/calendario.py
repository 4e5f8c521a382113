"""Calendario privado por persona: un secreto en la URL, regenerable, sin inicio de sesión."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from bitacora.services import bitacora_registrar
from entregas import ical
from entregas.models import CalendarioPersona, nuevo_token_calendario
from entregas.selectors import sesiones_de_persona
from sesiones.models import EstadoSesion, Persona


def calendario_de(*, persona: Persona) -> CalendarioPersona:
    calendario, _creado = CalendarioPersona.objects.get_or_create(persona=persona)
    return calendario


def calendario_regenerar(*, persona: Persona, usuario: User | None) -> CalendarioPersona:
    """Un token nuevo: la URL anterior deja de funcionar en ese momento."""
    with transaction.atomic():
        calendario = calendario_de(persona=persona)
        calendario.token = nuevo_token_calendario()
        calendario.save(update_fields=["token"])
        bitacora_registrar(
            usuario=usuario,
            accion="calendario.regenerar",
            objeto=calendario,
            datos={"persona": str(persona)},
        )
    return calendario


def persona_de_token(token: str) -> Persona | None:
    if not token or len(token) > 64:
        return None
    calendario = CalendarioPersona.objects.select_related("persona").filter(token=token).first()
    return calendario.persona if calendario else None


def calendario_ics(*, persona: Persona) -> bytes:
    sesiones = sesiones_de_persona(persona).exclude(estado=EstadoSesion.DIFERIDA)
    return ical.calendario_publicado(
        sesiones[:500], nombre=_("Sesiones — %(persona)s") % {"persona": persona.nombre}
    )

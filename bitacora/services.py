"""Escritura de la historia de auditoría; la llaman los servicios de cada aplicación."""

import datetime

from django.contrib.auth.models import AnonymousUser, User

from bitacora.models import Bitacora


def bitacora_registrar(
    *,
    usuario: User | AnonymousUser | None,
    accion: str,
    objeto,
    sesion=None,
    datos: dict | None = None,
) -> Bitacora:
    """Deja constancia de un cambio (quién, cuándo, qué) para la historia de auditoría.

    Un anónimo (el enlace personal firmado) o None (comandos, tareas) quedan sin usuario.
    """
    return Bitacora.objects.create(
        usuario=usuario if isinstance(usuario, User) else None,
        accion=accion,
        modelo=objeto._meta.label_lower,
        objeto_id=str(objeto.pk),
        objeto=str(objeto)[:300],
        sesion=sesion,
        datos=_serializable(datos or {}),
    )


def _serializable(datos: dict) -> dict:
    def valor(v):
        if isinstance(v, datetime.datetime | datetime.date | datetime.time):
            return v.isoformat()
        if hasattr(v, "pk"):
            return str(v)
        return v

    return {k: valor(v) for k, v in datos.items()}

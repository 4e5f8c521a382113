"""Escritura de la historia de auditoría; la llaman los servicios de cada aplicación."""

import datetime

from bitacora.models import Bitacora


def bitacora_registrar(
    *, usuario, accion: str, objeto, sesion=None, datos: dict | None = None
) -> Bitacora:
    """Deja constancia de un cambio (quién, cuándo, qué) para la historia de auditoría."""
    return Bitacora.objects.create(
        usuario=usuario if usuario and usuario.is_authenticated else None,
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

"""Encolar trabajo en django-q2 cuando la transacción en curso se confirma."""

from django.conf import settings
from django.db import transaction


def encolar_al_confirmar(funcion: str, *args) -> None:
    """Encola `funcion(*args)` al confirmar la transacción (o de inmediato si no hay una).

    El ajuste «sync» se lee en cada llamada: django-q2 fija su configuración al importarse
    y las pruebas lo encienden después para correr las tareas en línea.
    """
    from django_q.tasks import async_task

    sincrono = bool(settings.Q_CLUSTER.get("sync", False))
    transaction.on_commit(lambda: async_task(funcion, *args, sync=sincrono))

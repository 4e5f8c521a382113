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


class TareaEnCurso(Exception):  # noqa: N818 — no es un error: pide al clúster reintentar luego.
    """Otro intento tiene tomado el trabajo y su reclamo aún puede estar vivo.

    La tarea la lanza para que django-q2 no la dé por entregada: el broker la vuelve a
    entregar tras `retry` segundos y para entonces el reclamo ya venció si el trabajador murió.
    """


def reclamo_vencido_desde():
    """Un reclamo anterior a este instante es de un trabajador que ya no vive.

    Ninguna tarea corre más de `timeout` (el clúster la mata); se toma el punto medio hacia
    `retry` para que la tarea reentregada tras una caída vea vencido el reclamo a más tardar
    en su segunda entrega.
    """
    import datetime

    from django.utils import timezone

    timeout = int(settings.Q_CLUSTER.get("timeout") or 300)
    retry = int(settings.Q_CLUSTER.get("retry") or timeout + 60)
    segundos = timeout + max(retry - timeout, 0) / 2
    return timezone.now() - datetime.timedelta(seconds=segundos)

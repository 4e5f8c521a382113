"""Una sola política para asignar números consecutivos bajo concurrencia.

Sesiones, acuerdos, oficios y folios de copias se numeran igual: dentro de una transacción se
toma un candado (en PostgreSQL, `select_for_update` sobre la fila que ordena a quienes numeran a
la vez), se lee el siguiente número y se escribe; la restricción única de la base es la red
final. Si dos procesos chocan (IntegrityError) o SQLite responde «database is locked», se
reintenta con una espera que crece, hasta INTENTOS veces.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, OperationalError, transaction

from comun.exceptions import ErrorDominio

T = TypeVar("T")

INTENTOS = 20
ESPERA_BASE = 0.01  # segundos; crece con cada intento


class NumeracionAgotada(ErrorDominio):
    """No se pudo asignar un número tras INTENTOS choques seguidos; el usuario puede reintentar."""


def _es_bloqueo(error: OperationalError) -> bool:
    return "locked" in str(error)


def numerar(
    operacion: Callable[[], T],
    *,
    mensaje_agotado: str,
    al_chocar: Callable[[IntegrityError], None] | None = None,
) -> T:
    """Corre `operacion()` en una transacción atómica y la reintenta ante un choque.

    `operacion` toma su candado, calcula el número y escribe. `al_chocar(error)` puede lanzar un
    error de dominio cuando el choque no es de numeración (p. ej. el registro ya existía), para no
    reintentar en vano.
    """
    for intento in range(INTENTOS):
        try:
            with transaction.atomic():
                return operacion()
        except IntegrityError as error:
            if al_chocar is not None:
                al_chocar(error)
        except OperationalError as error:
            if not _es_bloqueo(error):
                raise
        time.sleep(ESPERA_BASE * (intento + 1))
    raise NumeracionAgotada(mensaje_agotado)

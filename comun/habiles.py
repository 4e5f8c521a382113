"""Días hábiles según los días de descanso oficiales de México."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _inhabiles(anio: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("MX", years=anio).keys())


def es_habil(fecha: datetime.date) -> bool:
    return fecha.weekday() < 5 and fecha not in _inhabiles(fecha.year)


def dias_habiles_entre(desde: datetime.date, hasta: datetime.date) -> int:
    """Días hábiles estrictamente entre dos fechas (sin contar ninguna de las dos).

    Así se cuenta la anticipación: ni el día en que se convoca ni el de la sesión.
    """
    if hasta <= desde:
        return 0
    total = 0
    dia = desde + datetime.timedelta(days=1)
    while dia < hasta:
        total += es_habil(dia)
        dia += datetime.timedelta(days=1)
    return total


def sumar_dias_habiles(fecha: datetime.date, dias: int) -> datetime.date:
    """El día hábil que queda `dias` días hábiles después de `fecha`."""
    paso = 1 if dias >= 0 else -1
    restantes = abs(dias)
    while restantes:
        fecha += datetime.timedelta(days=paso)
        if es_habil(fecha):
            restantes -= 1
    return fecha

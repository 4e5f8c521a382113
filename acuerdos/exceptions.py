"""Errores del dominio de acuerdos; heredan de ErrorSesiones para que las vistas los traten igual.

La falta de permiso (AccionNoPermitida) es aparte: no es un dato inválido sino un 403.
"""

from comun.roles import AccionNoPermitida
from sesiones.exceptions import DatosInvalidos, ErrorSesiones, TransicionNoPermitida

__all__ = [
    "AccionNoPermitida",
    "DatosAcuerdoInvalidos",
    "ErrorAcuerdos",
    "EvidenciaFaltante",
    "TransicionAcuerdoNoPermitida",
    "VotacionInvalida",
]


class ErrorAcuerdos(ErrorSesiones):
    pass


class TransicionAcuerdoNoPermitida(ErrorAcuerdos, TransicionNoPermitida):
    pass


class EvidenciaFaltante(ErrorAcuerdos):
    """Se intenta marcar publicado sin la evidencia de cada medio requerido."""


class VotacionInvalida(ErrorAcuerdos, DatosInvalidos):
    pass


class DatosAcuerdoInvalidos(ErrorAcuerdos, DatosInvalidos):
    pass

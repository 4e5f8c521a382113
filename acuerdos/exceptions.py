"""Errores del dominio de acuerdos; heredan de ErrorSesiones para que las vistas los traten igual.

La falta de permiso (AccionNoPermitida) es aparte: no es un dato inválido sino un 403.
"""

from sesiones.exceptions import DatosInvalidos, ErrorSesiones, TransicionNoPermitida
from sesiones.permisos import AccionNoPermitida

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

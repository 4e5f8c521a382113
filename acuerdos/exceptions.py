"""Errores del dominio de acuerdos; heredan de ErrorSesiones para que las vistas los traten igual."""

from sesiones.exceptions import DatosInvalidos, ErrorSesiones, TransicionNoPermitida


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

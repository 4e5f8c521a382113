"""Errores de dominio: su mensaje, en español, es lo que ve el usuario."""


class ErrorSesiones(Exception):
    """Una operación que el estado actual no permite; el mensaje explica por qué."""

    def __init__(self, mensaje: str):
        super().__init__(mensaje)
        self.mensaje = mensaje

    def __str__(self) -> str:
        return str(self.mensaje)


class TransicionNoPermitida(ErrorSesiones):
    pass


class AvisoInsuficiente(ErrorSesiones):
    """Se convoca con menos anticipación que la regla del órgano y sin justificación."""


class NumeroOcupado(ErrorSesiones):
    pass


class DatosInvalidos(ErrorSesiones):
    pass

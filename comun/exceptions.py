"""La raíz de los errores de dominio: su mensaje, en español, es lo que ve el usuario."""


class ErrorDominio(Exception):
    """Una operación que el estado actual no permite; el mensaje explica por qué."""

    def __init__(self, mensaje: str):
        super().__init__(mensaje)
        self.mensaje = mensaje

    def __str__(self) -> str:
        return str(self.mensaje)

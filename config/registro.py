"""Filtros del registro (logging)."""

import logging


class SinTrazaEnRechazos(logging.Filter):
    """Un 403 es una respuesta prevista, no una falla: se registra en una línea, sin traza.

    Django adjunta la traza de PermissionDenied al aviso «Forbidden»; en el registro eso parece
    un error del servidor y llena el archivo con datos internos cada vez que alguien prueba una
    ruta ajena.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True

"""Vistas del personal; divididas por concepto, importables como `sesiones.views`."""

from sesiones.views.asistencia import (
    asistencia,
    asistencia_fila,
    invitado_asistencia,
    invitado_nuevo,
    invitado_quitar,
)
from sesiones.views.inicio import inicio, organo, organos
from sesiones.views.orden import (
    anexo_descargar,
    anexo_eliminar,
    anexo_nuevo,
    punto_editar,
    punto_eliminar,
    punto_mover,
    punto_nuevo,
)
from sesiones.views.sesion import confirmar_transicion, detalle, editar, lista, nueva, transicion

__all__ = [
    "anexo_descargar",
    "anexo_eliminar",
    "anexo_nuevo",
    "asistencia",
    "asistencia_fila",
    "confirmar_transicion",
    "detalle",
    "editar",
    "inicio",
    "invitado_asistencia",
    "invitado_nuevo",
    "invitado_quitar",
    "lista",
    "nueva",
    "organo",
    "organos",
    "punto_editar",
    "punto_eliminar",
    "punto_mover",
    "punto_nuevo",
    "transicion",
]

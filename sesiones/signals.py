"""Señales de sesiones para las aplicaciones de arriba, que sesiones no importa.

`sesion_cambio_estado` se envía al confirmarse la transacción de un cambio de estado (o de fecha):
la entrega (entregas) la escucha para avisar la nueva fecha o la cancelación a quien ya recibió
la convocatoria.
"""

from django.dispatch import Signal

# Argumentos: sesion_id (int), usuario (User | None).
sesion_cambio_estado = Signal()

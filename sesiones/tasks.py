"""Tareas de django-q2: reciben claves primarias y llaman a un servicio. Pueden correr dos veces."""

from sesiones.documentos import services


def generar_lote(lote_id: int) -> str:
    lote = services.lote_procesar(lote_id=lote_id)
    if lote is None:
        return "El lote ya estaba tomado o terminado."
    return f"{lote.get_estado_display()}: {lote.hechos}/{lote.total}"

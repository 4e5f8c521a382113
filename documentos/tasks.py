"""Tareas de django-q2: reciben claves primarias y llaman a un servicio. Pueden correr dos veces."""

from comun.tareas import TareaEnCurso
from documentos import services


def generar_lote(lote_id: int) -> str:
    lote = services.lote_procesar(lote_id=lote_id)
    if lote is None:
        if services.lote_en_curso(lote_id=lote_id):
            # Si el otro intento murió, la reentrega posterior ya verá vencido su reclamo.
            raise TareaEnCurso(f"El lote {lote_id} sigue tomado por otro intento; se reintentará.")
        return "El lote ya estaba tomado o terminado."
    return f"{lote.get_estado_display()}: {lote.hechos}/{lote.total}"


def revisar_plantilla(plantilla_id: int) -> str:
    """Revisión de una plantilla subida (Jinja y generación de prueba), fuera de la petición web."""
    plantilla = services.plantilla_revisar(plantilla_id=plantilla_id)
    if plantilla is None:
        return "La plantilla ya estaba revisada."
    return f"{plantilla}: {plantilla.get_estado_display()}"

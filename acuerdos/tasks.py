"""Tareas de django-q2: envoltorios delgados que llaman a un servicio. Pueden correr dos veces."""

from acuerdos import services


def seguimiento_diario() -> str:
    ejecucion = services.seguimiento_ejecutar(origen="tarea programada")
    return f"ejecución {ejecucion.pk}: {ejecucion.correos_enviados} correos"


def revisar_enlaces() -> str:
    ejecucion = services.enlaces_revisar(origen="tarea programada")
    return f"ejecución {ejecucion.pk}: {ejecucion.enlaces_revisados} enlaces"


def avisar_asignacion(cambio_id: int) -> bool:
    return services.asignacion_avisar(cambio_id=cambio_id)

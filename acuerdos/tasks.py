"""Tareas de django-q2: envoltorios delgados que llaman a un servicio. Pueden correr dos veces."""

from acuerdos import services_seguimiento


def seguimiento_diario() -> str:
    ejecucion = services_seguimiento.seguimiento_ejecutar(origen="tarea programada")
    return f"ejecución {ejecucion.pk}: {ejecucion.correos_enviados} correos"


def revisar_enlaces() -> str:
    ejecucion = services_seguimiento.enlaces_revisar(origen="tarea programada")
    return f"ejecución {ejecucion.pk}: {ejecucion.enlaces_revisados} enlaces"


def avisar_asignacion(cambio_id: int) -> bool:
    return services_seguimiento.asignacion_avisar(cambio_id=cambio_id)

"""Tareas de django-q2 de la entrega: reciben claves primarias y llaman a un servicio."""

from comun.tareas import TareaEnCurso
from entregas import avisos, services


def enviar_sesion(sesion_id: int) -> str:
    enviadas = services.entregas_enviar_pendientes(sesion_id=sesion_id)
    fallidas = sum(1 for e in enviadas if e.estado == "fallido")
    if services.entregas_en_curso(sesion_id=sesion_id):
        # Quedan entregas tomadas por un intento que quizá murió: la reentrega las recupera.
        raise TareaEnCurso(f"Quedan entregas en envío de la sesión {sesion_id}; se reintentará.")
    return f"{len(enviadas) - fallidas} enviadas, {fallidas} fallidas"


def enviar_entrega(entrega_id: int) -> str:
    entrega = services.entrega_enviar(entrega_id=entrega_id)
    if entrega is None:
        return "La entrega ya estaba tomada o enviada."
    return entrega.get_estado_display()


def avisar_quorum() -> str:
    enviados = avisos.avisos_quorum_revisar()
    return f"{len(enviados)} avisos de quórum"

"""Presentación de acuerdos en las plantillas, para que no comparen estados."""

from django import template

from acuerdos.models import EstadoAcuerdo

register = template.Library()

# El color de la insignia de cada estado: terminado bien, sin efecto, por votar, cumplido; lo que
# no está aquí (aprobado, en seguimiento) es trabajo en curso.
CLASES_ESTADO = {
    EstadoAcuerdo.PUBLICADO: "text-bg-success",
    EstadoAcuerdo.CONCLUIDO: "text-bg-success",
    EstadoAcuerdo.RECHAZADO: "text-bg-secondary",
    EstadoAcuerdo.RETIRADO: "text-bg-secondary",
    EstadoAcuerdo.PROYECTO: "text-bg-light border",
    EstadoAcuerdo.CUMPLIDO: "text-bg-info",
}


@register.filter
def clase_estado(acuerdo) -> str:
    return CLASES_ESTADO.get(acuerdo.estado, "text-bg-primary")

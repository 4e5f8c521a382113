"""Lo que comparten los servicios de acuerdos: los mensajes de rol, la revisión de capacidades
contra flujo.py y dos ayudas pequeñas.

Está aquí y no en `acuerdo.py` para que las importaciones entre servicios vayan en un solo
sentido: `votacion` y `seguimiento` pueden importar de `acuerdo`, y todos de este módulo.
"""

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy

from acuerdos import flujo
from acuerdos.exceptions import TransicionAcuerdoNoPermitida
from acuerdos.models import Acuerdo, EstadoAcuerdo
from sesiones.models import EstadoSesion

# Se vota durante la sesión (convocada) o al capturar después (celebrada); con el acta aprobada
# la votación ya quedó asentada y no cambia.
ESTADOS_SESION_VOTACION = (EstadoSesion.CONVOCADA, EstadoSesion.CELEBRADA)

# Quién puede hacer qué. La regla vive en cada servicio (no en las vistas) para que páginas, API,
# comandos y admin pasen por la misma puerta; con usuario None (comandos, tareas) se permite.
# Capturar, votar y corregir el texto es de la Dirección Jurídica; el seguimiento (avances,
# publicaciones, datos y estados posteriores a la votación) también lo hace Seguimiento.
SOLO_JURIDICO_CAPTURA = gettext_lazy(
    "Solo la Dirección Jurídica registra acuerdos, su votación y las correcciones de su texto."
)
SOLO_SEGUIMIENTO = gettext_lazy(
    "Solo el personal de seguimiento de la Secretaría Ejecutiva actualiza los acuerdos."
)


def etiqueta_estado(estado: str) -> str:
    """El estado como se lee en una oración: «aprobado», «en seguimiento»."""
    return str(EstadoAcuerdo(estado).label).lower()


def usuario_guardado(usuario: User | None) -> User | None:
    """El usuario para una llave foránea: None si es anónimo o de comandos y tareas."""
    return usuario if usuario is not None and usuario.pk else None


# Por qué el estado no permite la operación (la regla está en flujo.CAPACIDADES).
RECHAZOS = {
    flujo.VOTAR: gettext_lazy("Solo se vota un acuerdo en proyecto; este está %(estado)s."),
    flujo.EDITAR_SEGUIMIENTO: gettext_lazy("Un acuerdo %(estado)s ya no se modifica."),
    flujo.CAMBIAR_PUNTO: gettext_lazy(
        "El punto del orden del día solo se cambia mientras el acuerdo es proyecto."
    ),
    flujo.REGISTRAR_AVANCE: gettext_lazy(
        "Un acuerdo %(estado)s no tiene seguimiento; no se registran avances."
    ),
    flujo.REGISTRAR_PUBLICACION: gettext_lazy("Un acuerdo %(estado)s no se publica."),
}
RECHAZO_GENERAL = gettext_lazy("Un acuerdo %(estado)s no admite esta operación.")


def exigir_capacidad(acuerdo: Acuerdo, capacidad: str) -> None:
    """La única revisión de «¿lo permite el estado?» en los servicios."""
    if not acuerdo.puede(capacidad):
        mensaje = RECHAZOS.get(capacidad, RECHAZO_GENERAL)
        raise TransicionAcuerdoNoPermitida(mensaje % {"estado": etiqueta_estado(acuerdo.estado)})

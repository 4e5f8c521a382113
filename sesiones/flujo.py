"""El ciclo de vida de una sesión, como datos.

Qué estados hay, a cuáles se pasa desde cada uno, qué rol toma cada transición y qué exige, y qué
se puede hacer con la sesión en cada estado (sus capacidades). Los servicios lo revisan aquí, en
un solo lugar (`flujo.exigir(sesion, flujo.CAPTURAR_ASISTENCIA)`); las vistas y las plantillas le
preguntan a la sesión (`sesion.puede("capturar_asistencia")`,
`{% if "capturar_asistencia" in sesion.capacidades %}`) en vez de comparar estados.

Las capacidades dicen solo lo que permite el estado; el rol de quien lo hace y las condiciones
que no son de estado (un acta ya bloqueada, una fecha que ya pasó) las revisa cada servicio.

Este módulo no importa modelos: los modelos lo importan a él.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from comun.roles import es_juridico, exigir_rol
from sesiones.exceptions import TransicionNoPermitida


class EstadoSesion(models.TextChoices):
    PROGRAMADA = "programada", _("Programada")
    CONVOCADA = "convocada", _("Convocada")
    CELEBRADA = "celebrada", _("Celebrada")
    ACTA_APROBADA = "acta_aprobada", _("Acta aprobada")
    ACTA_FIRMADA = "acta_firmada", _("Acta firmada")
    CONCLUIDA = "concluida", _("Concluida")
    DIFERIDA = "diferida", _("Diferida")
    CANCELADA = "cancelada", _("Cancelada")


E = EstadoSesion

SOLO_JURIDICO_ESTADO = _("Solo la Dirección Jurídica cambia el estado de las sesiones.")


@dataclass(frozen=True)
class Transicion:
    origen: str
    destino: str
    # Quién la toma: una prueba de comun.roles. Sin usuario (comandos, tareas) se permite.
    rol: Callable[..., bool] = es_juridico
    # Lo que el servicio revisa antes de tomarla.
    exige_motivo: bool = False  # se explica por qué, y queda en la historia
    exige_nueva_fecha: bool = False  # reprogramar una diferida: con fecha y hora nuevas
    exige_aviso: bool = False  # la anticipación del órgano, o una justificación
    exige_quorum: bool = False  # presentes con voto suficientes según la lista

    def permite(self, usuario) -> bool:
        return usuario is None or self.rol(usuario)


# Las transiciones permitidas: la única fuente de verdad del ciclo de vida, en el orden en que
# se ofrecen. Hoy todas las toma la Dirección Jurídica.
TRANSICIONES: tuple[Transicion, ...] = (
    Transicion(E.PROGRAMADA, E.CONVOCADA, exige_aviso=True),
    Transicion(E.PROGRAMADA, E.DIFERIDA, exige_motivo=True),
    Transicion(E.PROGRAMADA, E.CANCELADA, exige_motivo=True),
    Transicion(E.CONVOCADA, E.CELEBRADA, exige_quorum=True),
    Transicion(E.CONVOCADA, E.DIFERIDA, exige_motivo=True),
    Transicion(E.CONVOCADA, E.CANCELADA, exige_motivo=True),
    Transicion(E.DIFERIDA, E.PROGRAMADA, exige_nueva_fecha=True),
    Transicion(E.DIFERIDA, E.CONVOCADA, exige_nueva_fecha=True, exige_aviso=True),
    Transicion(E.DIFERIDA, E.CANCELADA, exige_motivo=True),
    Transicion(E.CELEBRADA, E.ACTA_APROBADA),
    Transicion(E.ACTA_APROBADA, E.ACTA_FIRMADA),
    Transicion(E.ACTA_FIRMADA, E.CONCLUIDA),
)

TRANSICIONES_SESION: dict[str, tuple[str, ...]] = {
    estado: tuple(t.destino for t in TRANSICIONES if t.origen == estado) for estado in E
}
# Estados a los que solo se llega explicando por qué (desde cualquier origen).
ESTADOS_CON_MOTIVO = tuple(
    e
    for e in E
    if any(t.destino == e for t in TRANSICIONES)
    and all(t.exige_motivo for t in TRANSICIONES if t.destino == e)
)
# Estados en los que la sesión ya se realizó (cuentan para reportes, actas y el portal público).
ESTADOS_CELEBRADA = (E.CELEBRADA, E.ACTA_APROBADA, E.ACTA_FIRMADA, E.CONCLUIDA)


def transicion(origen: str, destino: str) -> Transicion | None:
    return next((t for t in TRANSICIONES if t.origen == origen and t.destino == destino), None)


def transiciones_desde(estado: str, usuario=None) -> list[Transicion]:
    """Las que salen de `estado`; con `usuario`, solo las que su rol puede tomar."""
    return [t for t in TRANSICIONES if t.origen == estado and t.permite(usuario)]


def exigir_transicion(*, origen: str, destino: str, usuario) -> Transicion:
    """La tabla y el rol: TransicionNoPermitida si no existe, AccionNoPermitida si no es su rol."""
    encontrada = transicion(origen, destino) if destino in E.values else None
    if encontrada is None:
        if destino not in E.values:
            raise TransicionNoPermitida(gettext("Estado de sesión desconocido."))
        raise TransicionNoPermitida(
            gettext("Una sesión %(de)s no puede pasar a %(a)s.")
            % {"de": E(origen).label.lower(), "a": E(destino).label.lower()}
        )
    exigir_rol(usuario, encontrada.rol, SOLO_JURIDICO_ESTADO)
    return encontrada


# Capacidades: lo que el estado permite hacer con la sesión.
EDITAR = "editar"  # datos generales: número, título, sede, modalidad, enlace
MOVER_FECHA = "mover_fecha"  # convocada, la fecha se mueve difiriéndola y reprogramándola
EDITAR_ORDEN = "editar_orden"  # puntos del orden del día y sus anexos
CAPTURAR_ASISTENCIA = "capturar_asistencia"  # integrantes e invitados
AGREGAR_INVITADOS = "agregar_invitados"
QUITAR_INVITADOS = "quitar_invitados"
ENVIAR_CONVOCATORIAS = "enviar_convocatorias"  # y reenviar las que fallaron
CONFIRMAR_ASISTENCIA = "confirmar_asistencia"  # la respuesta del integrante en su portal
TOMAR_ACUERDOS = "tomar_acuerdos"  # registrar acuerdos de la sesión
VOTAR = "votar"  # registrar la votación de sus acuerdos
OBSERVAR_ACTA = "observar_acta"  # observaciones de los integrantes al proyecto de acta
REGISTRAR_FIRMAS = "registrar_firmas"  # firmas del acta y el acta firmada escaneada
EMITIR_COPIAS = "emitir_copias"  # copias certificadas del acta firmada
PUBLICAR_ACTA = "publicar_acta"  # versión pública del acta
CAMBIAR_ESTADO = "cambiar_estado"  # hay alguna transición desde el estado

# Antes de celebrarse: se prepara, se convoca y se corrige.
_EN_PREPARACION = frozenset(
    {
        EDITAR,
        EDITAR_ORDEN,
        AGREGAR_INVITADOS,
        QUITAR_INVITADOS,
        ENVIAR_CONVOCATORIAS,
        CONFIRMAR_ASISTENCIA,
        TOMAR_ACUERDOS,
    }
)
CAPACIDADES: dict[str, frozenset[str]] = {
    E.PROGRAMADA: _EN_PREPARACION | {MOVER_FECHA},
    E.CONVOCADA: _EN_PREPARACION | {CAPTURAR_ASISTENCIA, VOTAR},
    # Diferida: conserva su número y se reprograma; no toma acuerdos.
    E.DIFERIDA: (_EN_PREPARACION - {TOMAR_ACUERDOS}) | {MOVER_FECHA},
    # El acta es un proyecto: se corrige la lista y la votación y se reciben observaciones.
    E.CELEBRADA: frozenset(
        {
            CAPTURAR_ASISTENCIA,
            AGREGAR_INVITADOS,
            TOMAR_ACUERDOS,
            VOTAR,
            OBSERVAR_ACTA,
            PUBLICAR_ACTA,
        }
    ),
    E.ACTA_APROBADA: frozenset(
        {AGREGAR_INVITADOS, TOMAR_ACUERDOS, REGISTRAR_FIRMAS, PUBLICAR_ACTA}
    ),
    E.ACTA_FIRMADA: frozenset({AGREGAR_INVITADOS, TOMAR_ACUERDOS, EMITIR_COPIAS, PUBLICAR_ACTA}),
    E.CONCLUIDA: frozenset({TOMAR_ACUERDOS, EMITIR_COPIAS, PUBLICAR_ACTA}),
    E.CANCELADA: frozenset(),
}

# Por qué el estado no permite la operación; %(estado)s es el estado actual en minúsculas.
RECHAZOS = {
    EDITAR: _("La sesión está %(estado)s; sus datos ya no se editan."),
    MOVER_FECHA: _("La sesión ya fue convocada: para cambiar la fecha, difiérala y reprográmela."),
    EDITAR_ORDEN: _("La sesión está %(estado)s: su orden del día ya no se modifica."),
    CAPTURAR_ASISTENCIA: _(
        "La asistencia se registra con la sesión convocada o celebrada; está %(estado)s."
    ),
    AGREGAR_INVITADOS: _("No se agregan invitados a una sesión cancelada o concluida."),
    QUITAR_INVITADOS: _("La sesión está %(estado)s: su lista de invitados ya no cambia."),
    ENVIAR_CONVOCATORIAS: _("La sesión está %(estado)s: ya no se envían convocatorias."),
    CONFIRMAR_ASISTENCIA: _(
        "La sesión ya no admite confirmaciones de asistencia (está %(estado)s)."
    ),
    TOMAR_ACUERDOS: _("Una sesión %(estado)s no toma acuerdos."),
    VOTAR: _("Se vota con la sesión convocada o celebrada; está %(estado)s."),
    OBSERVAR_ACTA: _(
        "Solo se reciben observaciones mientras el acta es un proyecto, antes de su aprobación."
    ),
    REGISTRAR_FIRMAS: _(
        "Las firmas se registran cuando el acta está aprobada (la sesión está %(estado)s)."
    ),
    EMITIR_COPIAS: _("Las copias certificadas se expiden cuando el acta está firmada por todos."),
    PUBLICAR_ACTA: _("Solo una sesión celebrada tiene acta; esta está %(estado)s."),
}
RECHAZO_GENERAL = _("Una sesión %(estado)s no admite esta operación.")


def capacidades(estado: str) -> frozenset[str]:
    propias = CAPACIDADES[estado]
    return propias | {CAMBIAR_ESTADO} if TRANSICIONES_SESION[estado] else propias


def puede(estado: str, capacidad: str) -> bool:
    return capacidad in capacidades(estado)


def rechazo(estado: str, capacidad: str) -> str:
    """El mensaje, en español, de por qué una sesión en `estado` no permite `capacidad`."""
    return str(RECHAZOS.get(capacidad, RECHAZO_GENERAL)) % {"estado": str(E(estado).label).lower()}


def exigir(sesion, capacidad: str) -> None:
    """La única revisión de «¿lo permite el estado?» en los servicios."""
    if not puede(sesion.estado, capacidad):
        raise TransicionNoPermitida(rechazo(sesion.estado, capacidad))

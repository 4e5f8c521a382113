"""El ciclo de vida de un acuerdo, como datos.

Qué estados hay, a cuáles se pasa desde cada uno, qué rol toma cada transición y qué exige, y qué
se puede hacer con el acuerdo en cada estado (sus capacidades). Los servicios lo revisan aquí, en
un solo lugar; las vistas y las plantillas le preguntan al acuerdo (`acuerdo.puede(VOTAR)`,
`{% if "votar" in acuerdo.capacidades %}`) en vez de comparar estados.

Este módulo no importa modelos: los modelos lo importan a él.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class EstadoAcuerdo(models.TextChoices):
    PROYECTO = "proyecto", _("Proyecto")
    APROBADO = "aprobado", _("Aprobado")
    RECHAZADO = "rechazado", _("Rechazado")
    RETIRADO = "retirado", _("Retirado")
    EN_SEGUIMIENTO = "en_seguimiento", _("En seguimiento")
    CUMPLIDO = "cumplido", _("Cumplido")
    PUBLICADO = "publicado", _("Publicado")
    CONCLUIDO = "concluido", _("Concluido sin publicación")


class Rol(models.TextChoices):
    """Quién toma una transición. Quien es de la Dirección Jurídica también es de Seguimiento."""

    JURIDICO = "juridico", _("Dirección Jurídica")
    SEGUIMIENTO = "seguimiento", _("Seguimiento")


@dataclass(frozen=True)
class Transicion:
    origen: str
    destino: str
    rol: str
    # Lo que el servicio revisa antes de tomarla.
    exige_votacion: bool = False  # el resultado de la votación registrada debe ser el destino
    exige_nota: bool = False  # el motivo, en la nota del cambio
    exige_responsable: bool = False
    exige_evidencia: bool = False  # una publicación registrada por cada medio requerido
    solo_sin_publicacion: bool = False  # si el acuerdo requiere publicación, se publica

    @property
    def manual(self) -> bool:
        """Lo que sale de la votación no se ofrece en el formulario de cambio de estado."""
        return not self.exige_votacion


E = EstadoAcuerdo

# Las transiciones permitidas: la única fuente de verdad del ciclo de vida, en el orden en que
# se ofrecen. aprobado → cumplido es el camino «no requiere seguimiento»; cumplido → concluido
# (o aprobado → concluido) es «no requiere publicación». Aprobar y rechazar salen de la votación
# y retirar es decisión jurídica; lo posterior a la votación lo toma también Seguimiento.
TRANSICIONES: tuple[Transicion, ...] = (
    Transicion(E.PROYECTO, E.APROBADO, Rol.JURIDICO, exige_votacion=True),
    Transicion(E.PROYECTO, E.RECHAZADO, Rol.JURIDICO, exige_votacion=True),
    Transicion(E.PROYECTO, E.RETIRADO, Rol.JURIDICO, exige_nota=True),
    Transicion(E.APROBADO, E.EN_SEGUIMIENTO, Rol.SEGUIMIENTO, exige_responsable=True),
    Transicion(E.APROBADO, E.CUMPLIDO, Rol.SEGUIMIENTO),
    Transicion(E.APROBADO, E.CONCLUIDO, Rol.SEGUIMIENTO, solo_sin_publicacion=True),
    Transicion(E.EN_SEGUIMIENTO, E.CUMPLIDO, Rol.SEGUIMIENTO),
    Transicion(E.CUMPLIDO, E.PUBLICADO, Rol.SEGUIMIENTO, exige_evidencia=True),
    Transicion(E.CUMPLIDO, E.CONCLUIDO, Rol.SEGUIMIENTO, solo_sin_publicacion=True),
)

TRANSICIONES_ACUERDO: dict[str, tuple[str, ...]] = {
    estado: tuple(t.destino for t in TRANSICIONES if t.origen == estado) for estado in E
}
ESTADOS_TERMINALES = tuple(e for e, destinos in TRANSICIONES_ACUERDO.items() if not destinos)
# Estados en los que el acuerdo aún se debe cumplir: cuentan para vencidos y por vencer.
ESTADOS_PENDIENTES = (E.APROBADO, E.EN_SEGUIMIENTO)


def transicion(origen: str, destino: str) -> Transicion | None:
    return next((t for t in TRANSICIONES if t.origen == origen and t.destino == destino), None)


def transiciones_desde(estado: str) -> list[Transicion]:
    return [t for t in TRANSICIONES if t.origen == estado]


def transiciones_hacia(estado: str) -> list[Transicion]:
    return [t for t in TRANSICIONES if t.destino == estado]


# Capacidades: lo que el estado permite hacer con el acuerdo. Solo el estado; el rol de quien lo
# hace lo revisa cada servicio.
VOTAR = "votar"
CORREGIR_TEXTO = "corregir_texto"  # una versión nueva del texto, nunca en su lugar
CAMBIAR_PUNTO = "cambiar_punto"  # ligarlo a otro punto del orden del día
EDITAR_SEGUIMIENTO = "editar_seguimiento"  # tipo, responsable, plazo y publicación requerida
REGISTRAR_AVANCE = "registrar_avance"
REGISTRAR_PUBLICACION = "registrar_publicacion"
CERTIFICAR = "certificar"
CAMBIAR_ESTADO = "cambiar_estado"  # hay alguna transición desde el estado

# Aprobado y lo que le sigue: el acuerdo existe como acuerdo del órgano y se cumple.
_EN_CUMPLIMIENTO = frozenset(
    {CORREGIR_TEXTO, EDITAR_SEGUIMIENTO, REGISTRAR_AVANCE, REGISTRAR_PUBLICACION, CERTIFICAR}
)
CAPACIDADES: dict[str, frozenset[str]] = {
    E.PROYECTO: frozenset({VOTAR, CORREGIR_TEXTO, CAMBIAR_PUNTO, EDITAR_SEGUIMIENTO}),
    E.APROBADO: _EN_CUMPLIMIENTO,
    E.EN_SEGUIMIENTO: _EN_CUMPLIMIENTO,
    E.CUMPLIDO: _EN_CUMPLIMIENTO,
    # Ya publicado se registra otra publicación cuando el enlace deja de servir.
    E.PUBLICADO: frozenset({CORREGIR_TEXTO, REGISTRAR_AVANCE, REGISTRAR_PUBLICACION, CERTIFICAR}),
    E.CONCLUIDO: frozenset({CORREGIR_TEXTO, REGISTRAR_AVANCE, CERTIFICAR}),
    # Lo rechazado o retirado se asienta en el acta con su texto, que aún puede corregirse.
    E.RECHAZADO: frozenset({CORREGIR_TEXTO}),
    E.RETIRADO: frozenset({CORREGIR_TEXTO}),
}
# Mientras es proyecto nadie lo ha votado: su texto se corrige sin explicar por qué.
ESTADOS_CORRECCION_SIN_MOTIVO = (E.PROYECTO,)


def capacidades(estado: str) -> frozenset[str]:
    propias = CAPACIDADES[estado]
    return propias | {CAMBIAR_ESTADO} if TRANSICIONES_ACUERDO[estado] else propias


def puede(estado: str, capacidad: str) -> bool:
    return capacidad in capacidades(estado)


def correccion_exige_motivo(estado: str) -> bool:
    return estado not in ESTADOS_CORRECCION_SIN_MOTIVO

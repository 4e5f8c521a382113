from acuerdos.flujo import (
    ESTADOS_PENDIENTES,
    ESTADOS_TERMINALES,
    TRANSICIONES_ACUERDO,
    EstadoAcuerdo,
)

from .acuerdo import (
    Acuerdo,
    AvanceAcuerdo,
    CambioEstadoAcuerdo,
    EstadoEnlace,
    MedioPublicacion,
    Publicacion,
    RequierePublicacion,
    Responsable,
    TipoAcuerdo,
    VersionTextoAcuerdo,
    normalizar_busqueda,
)
from .seguimiento import AvisoEnviado, EjecucionSeguimiento, TipoEjecucion
from .votacion import (
    Mayoria,
    ModoVotacion,
    ReglaVotacion,
    ResultadoVotacion,
    SentidoVoto,
    Votacion,
    VotoNominal,
)

__all__ = [
    "ESTADOS_PENDIENTES",
    "ESTADOS_TERMINALES",
    "TRANSICIONES_ACUERDO",
    "Acuerdo",
    "AvanceAcuerdo",
    "AvisoEnviado",
    "CambioEstadoAcuerdo",
    "EjecucionSeguimiento",
    "EstadoAcuerdo",
    "EstadoEnlace",
    "Mayoria",
    "MedioPublicacion",
    "ModoVotacion",
    "Publicacion",
    "ReglaVotacion",
    "RequierePublicacion",
    "Responsable",
    "ResultadoVotacion",
    "SentidoVoto",
    "TipoAcuerdo",
    "TipoEjecucion",
    "VersionTextoAcuerdo",
    "Votacion",
    "VotoNominal",
    "normalizar_busqueda",
]

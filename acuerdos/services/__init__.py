"""Servicios de acuerdos, por concepto: `acuerdo` (captura, datos, texto, estados, avances y
publicación), `votacion` y `seguimiento` (el pase diario, los enlaces y los avisos).

Aquí se reexportan para que `from acuerdos import services; services.acuerdo_crear(...)` siga
siendo la puerta de entrada. Entre ellos se importan en un solo sentido: `comun` no importa a
nadie, `acuerdo` solo a `comun`, y `votacion` y `seguimiento` a `acuerdo` y `comun`.
"""

from acuerdos.services.acuerdo import (
    CAMPOS_ACTUALIZABLES,
    CAMPOS_VISTOS_ACUERDO,
    acuerdo_actualizar,
    acuerdo_cambiar_estado,
    acuerdo_corregir_texto,
    acuerdo_crear,
    acuerdos_asignar_responsable,
    acuerdos_cambiar_estado_masivo,
    avance_registrar,
    clave_acuerdo,
    publicacion_registrar,
    puede_llevar_a,
)
from acuerdos.services.comun import (
    ESTADOS_SESION_VOTACION,
    SOLO_JURIDICO_CAPTURA,
    SOLO_SEGUIMIENTO,
)
from acuerdos.services.seguimiento import (
    asignacion_avisar,
    aviso_reclamar,
    enlaces_revisar,
    resumenes_enviar,
    seguimiento_ejecutar,
)
from acuerdos.services.votacion import (
    integrantes_presentes_con_voto,
    mayoria_para,
    votacion_registrar,
)

__all__ = [
    "CAMPOS_ACTUALIZABLES",
    "CAMPOS_VISTOS_ACUERDO",
    "ESTADOS_SESION_VOTACION",
    "SOLO_JURIDICO_CAPTURA",
    "SOLO_SEGUIMIENTO",
    "acuerdo_actualizar",
    "acuerdo_cambiar_estado",
    "acuerdo_corregir_texto",
    "acuerdo_crear",
    "acuerdos_asignar_responsable",
    "acuerdos_cambiar_estado_masivo",
    "asignacion_avisar",
    "avance_registrar",
    "aviso_reclamar",
    "clave_acuerdo",
    "enlaces_revisar",
    "integrantes_presentes_con_voto",
    "mayoria_para",
    "publicacion_registrar",
    "puede_llevar_a",
    "resumenes_enviar",
    "seguimiento_ejecutar",
    "votacion_registrar",
]

"""Lecturas de la entrega: panel de la Dirección Jurídica, quórum esperado y portal."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from documentos import firmas
from documentos.models import CopiaCertificada, DocumentoGenerado, TipoDocumento
from entregas.models import (
    RESPUESTAS_PRESENTES,
    ConfirmacionAsistencia,
    Entrega,
    EstadoEntrega,
    MotivoEntrega,
)
from entregas.services import (
    ESTADOS_CONVOCABLES,
    acta_vigente,
    cambio_pendiente,
    destinatarios,
    documentos_vigentes,
)
from sesiones.models import Integrante, Persona, Sesion
from sesiones.selectors import Quorum, integrantes_de_sesion, quorum_requerido


def quorum_esperado(sesion: Sesion) -> Quorum:
    """Quórum que darían las confirmaciones: integrantes con voto que asistirán o mandan suplente."""
    con_voto = list(integrantes_de_sesion(sesion).filter(con_voto=True))
    personas = {i.persona_id for i in con_voto}
    confirmados = ConfirmacionAsistencia.objects.filter(
        sesion=sesion, persona_id__in=personas, respuesta__in=RESPUESTAS_PRESENTES
    ).count()
    return Quorum(
        con_voto=len(con_voto),
        requeridos=quorum_requerido(organo=sesion.organo, con_voto=len(con_voto)),
        presentes=confirmados,
    )


@dataclass
class FilaEntrega:
    persona: Persona
    es_invitado: bool
    con_voto: bool
    entrega: Entrega | None  # la convocatoria
    avisos: list[Entrega]  # cambios de fecha y cancelación
    confirmacion: ConfirmacionAsistencia | None
    documento: DocumentoGenerado | None

    @property
    def reenviables(self) -> list[Entrega]:
        return [e for e in [self.entrega, *self.avisos] if e and e.estado == EstadoEntrega.FALLIDO]


def filas_entrega(sesion: Sesion) -> list[FilaEntrega]:

    entregas: dict[int, list[Entrega]] = {}
    for entrega in Entrega.objects.filter(sesion=sesion).order_by("secuencia", "pk"):
        entregas.setdefault(entrega.persona_id, []).append(entrega)
    confirmaciones = {c.persona_id: c for c in sesion.confirmaciones.select_related("suplente")}
    documentos = documentos_vigentes(sesion)
    con_voto = set(
        integrantes_de_sesion(sesion).filter(con_voto=True).values_list("persona_id", flat=True)
    )
    personas = destinatarios(sesion)
    presentes = {p.pk for p, _i in personas}
    # Quien ya recibió algo y dejó de estar convocado también aparece: su entrega es historia.
    for persona in Persona.objects.filter(pk__in=set(entregas) - presentes).order_by("nombre"):
        personas.append((persona, False))
    filas = []
    for persona, es_invitado in personas:
        propias = entregas.get(persona.pk, [])
        convocatoria = next((e for e in propias if e.motivo == MotivoEntrega.CONVOCATORIA), None)
        filas.append(
            FilaEntrega(
                persona=persona,
                es_invitado=es_invitado,
                con_voto=persona.pk in con_voto,
                entrega=convocatoria,
                avisos=[e for e in propias if e.motivo != MotivoEntrega.CONVOCATORIA],
                confirmacion=confirmaciones.get(persona.pk),
                documento=documentos.get(persona.pk),
            )
        )
    return filas


def panel_entregas(*, sesion: Sesion) -> dict:

    filas = filas_entrega(sesion)
    conteo = {estado: 0 for estado in EstadoEntrega.values}
    for fila in filas:
        if fila.entrega:
            conteo[fila.entrega.estado] += 1
    return {
        "filas": filas,
        "conteo": conteo,
        "sin_enviar": sum(1 for f in filas if f.entrega is None),
        "sin_documento": [f.persona for f in filas if f.entrega is None and f.documento is None],
        "convocable": sesion.estado in ESTADOS_CONVOCABLES,
        "enviando": any(
            e.estado in (EstadoEntrega.PENDIENTE, EstadoEntrega.ENVIANDO)
            for f in filas
            for e in [f.entrega, *f.avisos]
            if e
        ),
        "quorum_esperado": quorum_esperado(sesion),
        "cambio_pendiente": cambio_pendiente(sesion),
        "observaciones": list(
            sesion.observaciones_acta.select_related("persona", "documento").order_by("fecha", "pk")
        ),
        "acta": acta_vigente(sesion),
        **firmas.panel_firmas(sesion),
    }


# --- Portal de integrantes --------------------------------------------------------------


def organos_de_persona(persona: Persona, fecha: datetime.date | None = None) -> QuerySet:
    fecha = fecha or timezone.localdate()
    return (
        Integrante.objects.vigentes(fecha)
        .filter(Q(persona=persona) | Q(suplente=persona))
        .values("organo_id")
    )


def sesiones_de_persona(persona: Persona) -> QuerySet:
    """Sesiones de los órganos en los que la persona está en funciones hoy."""
    return (
        Sesion.objects.filter(organo_id__in=organos_de_persona(persona))
        .select_related("organo", "periodo")
        .order_by("-fecha_hora")
    )


def documentos_de_persona(*, sesion: Sesion, persona: Persona) -> dict:
    """Su convocatoria o invitación vigente y el proyecto de acta vigente."""
    propio = (
        DocumentoGenerado.objects.filter(
            sesion=sesion,
            destinatario=persona,
            vigente=True,
            tipo__in=(TipoDocumento.CONVOCATORIA, TipoDocumento.INVITACION),
        )
        .order_by("-version")
        .first()
    )
    acta = (
        DocumentoGenerado.objects.filter(sesion=sesion, tipo=TipoDocumento.ACTA, vigente=True)
        .order_by("-version")
        .first()
    )
    return {"convocatoria": propio, "acta": acta}


def copias_de_persona(persona: Persona) -> QuerySet:
    return CopiaCertificada.objects.filter(persona=persona).select_related("sesion")

"""Exportación de una sesión pública en términos de Open Civic Data / Popolo."""

from acuerdos.models import Acuerdo, SentidoVoto, VotoNominal
from sesiones.selectors import integrantes_de_sesion
from transparencia import selectors

OPCION = {
    SentidoVoto.A_FAVOR: "yes",
    SentidoVoto.EN_CONTRA: "no",
    SentidoVoto.ABSTENCION: "abstain",
}


def sesion_popolo(*, sesion, request=None) -> dict:
    def absoluta(ruta: str) -> str:
        return request.build_absolute_uri(ruta) if request is not None else ruta

    puntos = selectors.sesion_puntos_publicos(sesion=sesion)
    acuerdos = list(
        selectors.acuerdos_publicos()
        .filter(sesion=sesion)
        .select_related("votacion", "punto")
        .order_by("numero")
    )
    votos: dict[int, list[VotoNominal]] = {}
    for voto in VotoNominal.objects.filter(votacion__acuerdo__in=acuerdos).select_related(
        "integrante__persona", "votacion"
    ):
        votos.setdefault(voto.votacion.acuerdo_id, []).append(voto)
    integrantes = [i for i in integrantes_de_sesion(sesion) if i.con_voto]
    return {
        "event": {
            "id": f"ocd-event/sesiones/{sesion.pk}",
            "name": sesion.nombre_completo,
            "classification": sesion.tipo,
            "start_date": sesion.fecha_local.isoformat(),
            "status": "passed",
            "location": {"name": sesion.sede},
            "organization": {
                "id": sesion.organo_id,
                "name": sesion.organo.nombre,
                "classification": "committee",
            },
            "identifier": sesion.clave,
            "sources": [{"url": absoluta(f"/publico/sesiones/{sesion.pk}/")}],
        },
        "agenda": [
            {
                "order": p.orden,
                "description": p.titulo,
                "classification": [p.tipo],
                "media": [
                    {
                        "note": a.titulo,
                        "links": [
                            {
                                "url": absoluta(f"/publico/documentos/{a.pk}/"),
                                "media_type": a.tipo_contenido,
                            }
                        ],
                    }
                    for a in p.anexos_publicos
                ],
                "related_entities": [
                    {
                        "entity_type": "vote_event",
                        "id": f"ocd-vote/acuerdos/{a.pk}",
                        "note": a.clave,
                    }
                    for a in acuerdos
                    if a.punto_id == p.pk
                ],
            }
            for p in puntos
        ],
        "vote_events": [_evento_voto(a, votos.get(a.pk, []), integrantes) for a in acuerdos],
    }


def _evento_voto(acuerdo: Acuerdo, votos: list, integrantes: list) -> dict:
    votacion = getattr(acuerdo, "votacion", None)
    por_integrante = {v.integrante_id: OPCION[v.sentido] for v in votos}
    lista = []
    if por_integrante:
        for integrante in integrantes:
            lista.append(
                {
                    "voter_name": integrante.persona.nombre_con_titulo,
                    "option": por_integrante.get(integrante.pk, "absent"),
                }
            )
    counts = []
    if votacion is not None:
        ausentes = max(len(integrantes) - votacion.presentes, 0)
        counts = [
            {"option": "yes", "value": votacion.a_favor},
            {"option": "no", "value": votacion.en_contra},
            {"option": "abstain", "value": votacion.abstenciones},
            {"option": "absent", "value": ausentes},
        ]
    return {
        "id": f"ocd-vote/acuerdos/{acuerdo.pk}",
        "identifier": acuerdo.clave,
        "motion_text": acuerdo.texto,
        "result": "pass" if votacion is None or votacion.resultado == "aprobado" else "fail",
        "start_date": acuerdo.sesion.fecha_local.isoformat() if acuerdo.sesion_id else None,
        "counts": counts,
        "votes": lista,
    }

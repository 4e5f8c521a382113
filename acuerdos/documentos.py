"""Contexto de acuerdos para el acta y la certificación (registrado en AcuerdosConfig.ready)."""

from acuerdos.selectors import acuerdos_de_sesion


def acuerdo_para_documento(acuerdo) -> dict:
    votacion = getattr(acuerdo, "votacion", None)
    return {
        "clave": acuerdo.clave,
        "numero": acuerdo.numero,
        "texto": acuerdo.texto,
        "votacion": votacion.texto if votacion else "",
        "a_favor": votacion.a_favor if votacion else 0,
        "en_contra": votacion.en_contra if votacion else 0,
        "abstenciones": votacion.abstenciones if votacion else 0,
    }


def ampliar_acta(sesion, contexto: dict) -> dict:
    """Añade a cada punto sus acuerdos (aprobados o no, en el orden del día) y la lista plana."""
    puntos = {p.get("id"): p for p in contexto.get("puntos", []) if isinstance(p, dict)}
    for punto in puntos.values():
        punto.setdefault("acuerdos", [])
    planos = []
    for acuerdo in acuerdos_de_sesion(sesion):
        datos = acuerdo_para_documento(acuerdo)
        planos.append(datos)
        punto = puntos.get(acuerdo.punto_id)
        if punto is not None:
            punto["acuerdos"].append(datos)
    contexto["acuerdos"] = planos
    contexto["total_acuerdos"] = len(planos)
    return contexto

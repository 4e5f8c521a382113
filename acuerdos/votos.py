"""Cálculo del resultado de una votación y su redacción para el acta (funciones puras)."""

from dataclasses import dataclass

from acuerdos.models import Mayoria, ResultadoVotacion, SentidoVoto


@dataclass(frozen=True)
class Resultado:
    resultado: str
    unanimidad: bool
    decidio_calidad: bool
    texto: str

    @property
    def aprobado(self) -> bool:
        return self.resultado == ResultadoVotacion.APROBADO


def _conteo(a_favor: int, en_contra: int, abstenciones: int) -> str:
    """«5 a favor, 1 en contra y 1 abstención», como lo escribe el acta."""
    partes = [f"{a_favor} a favor"]
    if en_contra:
        partes.append(f"{en_contra} en contra")
    if abstenciones:
        partes.append(f"{abstenciones} {'abstención' if abstenciones == 1 else 'abstenciones'}")
    if len(partes) == 1:
        return partes[0]
    return ", ".join(partes[:-1]) + " y " + partes[-1]


def calcular_resultado(
    *,
    a_favor: int,
    en_contra: int,
    abstenciones: int,
    presentes: int,
    mayoria: str = Mayoria.SIMPLE,
    voto_calidad: str = "",
) -> Resultado:
    """Aplica la regla del órgano. Una abstención cuenta como presente, no como voto emitido.

    Mayoría simple: más votos a favor que en contra; en empate decide el voto de calidad de la
    Presidencia (sin él, no hay mayoría y se rechaza). Absoluta y dos tercios se miden sobre los
    integrantes con voto presentes, así que una abstención pesa como no a favor.
    """
    conteo = _conteo(a_favor, en_contra, abstenciones)
    if mayoria == Mayoria.DOS_TERCIOS:
        aprobado = a_favor * 3 >= presentes * 2 and a_favor > 0
        calidad = False
    elif mayoria == Mayoria.ABSOLUTA:
        aprobado = a_favor * 2 > presentes
        calidad = False
    else:
        empate = a_favor == en_contra and a_favor > 0
        calidad = empate and voto_calidad in (SentidoVoto.A_FAVOR, SentidoVoto.EN_CONTRA)
        aprobado = a_favor > en_contra or (calidad and voto_calidad == SentidoVoto.A_FAVOR)
    unanimidad_a_favor = a_favor == presentes and presentes > 0
    unanimidad_en_contra = en_contra == presentes and presentes > 0
    if aprobado:
        if unanimidad_a_favor:
            texto = "aprobado por unanimidad de votos de los integrantes presentes"
        elif calidad:
            texto = f"aprobado con el voto de calidad de la Presidencia ({conteo})"
        else:
            texto = f"aprobado por mayoría de votos ({conteo})"
        unanimidad = unanimidad_a_favor
    else:
        if unanimidad_en_contra:
            texto = "rechazado por unanimidad de votos de los integrantes presentes"
        elif calidad:
            texto = f"rechazado con el voto de calidad de la Presidencia ({conteo})"
        elif mayoria == Mayoria.DOS_TERCIOS:
            texto = (
                f"rechazado al no alcanzar la mayoría calificada de dos terceras partes ({conteo})"
            )
        elif mayoria == Mayoria.ABSOLUTA:
            texto = f"rechazado al no alcanzar la mayoría absoluta de los presentes ({conteo})"
        elif en_contra > a_favor:
            texto = f"rechazado por mayoría de votos ({conteo})"
        else:
            texto = f"rechazado al no alcanzar la mayoría de votos ({conteo})"
        unanimidad = unanimidad_en_contra
    return Resultado(
        resultado=ResultadoVotacion.APROBADO if aprobado else ResultadoVotacion.RECHAZADO,
        unanimidad=unanimidad,
        decidio_calidad=calidad,
        texto=texto,
    )

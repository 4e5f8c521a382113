"""Números, fechas y horas en letras como los escribe un órgano público mexicano.

num2words (es) acierta en los cardinales masculinos menores de mil, pero no
tiene femeninos, ni apócope («un», «veintiún», «primer»), ni ordinales 11 y
12 correctos, y escribe «veintiuno mil»; esta capa corrige esas faltas.
"""

from __future__ import annotations

import datetime

from num2words import num2words

MESES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
DIAS_SEMANA = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")

_UNIDADES_ORDINALES = (
    "",
    "primera",
    "segunda",
    "tercera",
    "cuarta",
    "quinta",
    "sexta",
    "séptima",
    "octava",
    "novena",
)
_DECENAS_ORDINALES = (
    "",
    "décima",
    "vigésima",
    "trigésima",
    "cuadragésima",
    "quincuagésima",
    "sexagésima",
    "septuagésima",
    "octogésima",
    "nonagésima",
)
_MAXIMO_ORDINAL = 199
_MAXIMO_CARDINAL = 10**12 - 1


def _validar(n: int, minimo: int, maximo: int, que: str) -> None:
    # bool es subclase de int y True pasaría como 1 sin que nadie lo note.
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"{que} debe ser un número entero, no {type(n).__name__}.")
    if not minimo <= n <= maximo:
        raise ValueError(f"{que} debe estar entre {minimo} y {maximo}; se recibió {n}.")


def ordinal_femenino(n: int) -> str:
    """Ordinal femenino en minúsculas: 4 → «cuarta», 21 → «vigésima primera»."""
    _validar(n, 1, _MAXIMO_ORDINAL, "El ordinal")
    if n >= 100:
        return "centésima" if n == 100 else f"centésima {ordinal_femenino(n - 100)}"
    # 11 y 12 tienen forma propia; num2words da «décimoprimero», que es incorrecto.
    if n == 11:
        return "undécima"
    if n == 12:
        return "duodécima"
    # De 13 a 19 se escribe en dos palabras y con tilde («décima tercera»): la RAE
    # la acepta y es la forma habitual en actas y convocatorias del gobierno mexicano
    # (la forma en una palabra, «decimotercera», también es válida pero menos usada).
    decenas, unidades = divmod(n, 10)
    return " ".join(p for p in (_DECENAS_ORDINALES[decenas], _UNIDADES_ORDINALES[unidades]) if p)


def ordinal_femenino_titulo(n: int) -> str:
    """Ordinal femenino para el nombre de una sesión: 21 → «Vigésima Primera»."""
    return " ".join(palabra.capitalize() for palabra in ordinal_femenino(n).split())


def ordinal_masculino(n: int, apocope: bool = False) -> str:
    """Ordinal masculino; con apocope=True, «primer» y «tercer» ante sustantivo."""
    palabras = [p[:-1] + "o" for p in ordinal_femenino(n).split()]
    # La apócope solo afecta a la última palabra: «vigésimo primer aniversario».
    if apocope and palabras[-1] in ("primero", "tercero"):
        palabras[-1] = palabras[-1][:-1]
    return " ".join(palabras)


def _menor_de_mil(n: int, genero: str, apocope: bool) -> str:
    """Cardinal de 1 a 999 con género y, si se pide, apócope de la unidad final."""
    palabras = num2words(n, lang="es").split()
    if genero == "f":
        # «doscientas», «quinientas» (que no contiene «cientos»); «ciento» no cambia.
        palabras = [p[:-2] + "as" if p.endswith("ientos") else p for p in palabras]
    ultima = palabras[-1]
    if ultima in ("uno", "veintiuno"):
        if apocope:
            palabras[-1] = "un" if ultima == "uno" else "veintiún"
        elif genero == "f":
            palabras[-1] = ultima[:-1] + "a"
    return " ".join(palabras)


def _menor_de_millon(n: int, genero: str, apocope: bool) -> str:
    miles, resto = divmod(n, 1000)
    partes = []
    if miles == 1:
        partes.append("mil")
    elif miles:
        # Ante «mil» la unidad va apocopada en ambos géneros («veintiún mil»), forma
        # que la RAE admite también en femenino junto a «veintiuna mil».
        partes.append(f"{_menor_de_mil(miles, genero, apocope=True)} mil")
    if resto:
        partes.append(_menor_de_mil(resto, genero, apocope))
    return " ".join(partes)


def _cardinal(n: int, genero: str, apocope: bool) -> str:
    _validar(n, 0, _MAXIMO_CARDINAL, "El número")
    if genero not in ("m", "f"):
        raise ValueError(f"El género debe ser «m» o «f»; se recibió {genero!r}.")
    if n == 0:
        return "cero"
    millones, resto = divmod(n, 10**6)
    partes = []
    if millones == 1:
        partes.append("un millón")
    elif millones:
        # «millón» es masculino: «doscientos millones de personas».
        partes.append(f"{_menor_de_millon(millones, 'm', apocope=True)} millones")
    if resto:
        partes.append(_menor_de_millon(resto, genero, apocope))
    return " ".join(partes)


def cardinal(n: int, genero: str = "m") -> str:
    """Cardinal en letras: 21 → «veintiuno», o «veintiuna» con genero="f"."""
    return _cardinal(n, genero, apocope=False)


def cardinal_apocopado(n: int) -> str:
    """Cardinal ante sustantivo masculino: 1 → «un», 21 → «veintiún»."""
    return _cardinal(n, "m", apocope=True)


def anio_en_letras(anio: int) -> str:
    """Año en letras: 2022 → «dos mil veintidós»."""
    _validar(anio, 1, 9999, "El año")
    return cardinal(anio)


def mes_en_letras(mes: int) -> str:
    """Nombre del mes en minúsculas: 2 → «febrero»."""
    _validar(mes, 1, 12, "El mes")
    return MESES[mes - 1]


def _a_hora_local(valor):
    # Un datetime con zona se lleva a la hora de la Ciudad de México antes de
    # escribirlo; uno sin zona ya se supone local.
    if isinstance(valor, datetime.datetime) and valor.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(valor)
    return valor


def fecha_en_letras(fecha: datetime.date) -> str:
    """Fecha para un acta: «cuatro de febrero de dos mil veintidós»."""
    fecha = _a_hora_local(fecha)
    # El día 1 se escribe «primero», como es costumbre en documentos oficiales
    # mexicanos («primero de marzo»); los demás días van en cardinal.
    dia = "primero" if fecha.day == 1 else cardinal(fecha.day)
    return f"{dia} de {mes_en_letras(fecha.month)} de {anio_en_letras(fecha.year)}"


def fecha_larga(fecha: datetime.date) -> str:
    """Fecha con el mes en letras: «4 de febrero de 2022»."""
    fecha = _a_hora_local(fecha)
    return f"{fecha.day} de {mes_en_letras(fecha.month)} de {fecha.year}"


def fecha_con_dia(fecha: datetime.date) -> str:
    """Fecha con el día de la semana: «viernes 4 de febrero de 2022»."""
    fecha = _a_hora_local(fecha)
    return f"{DIAS_SEMANA[fecha.weekday()]} {fecha_larga(fecha)}"


def hora_en_letras(hora: datetime.time) -> str:
    """Hora de 24 h en letras: 21:01 → «veintiuna horas con un minuto»."""
    # «hora» es femenina («una hora», «veintiuna horas»); «minuto» es masculino
    # y pide apócope («un minuto», «veintiún minutos»).
    texto = f"{cardinal(hora.hour, genero='f')} {'hora' if hora.hour == 1 else 'horas'}"
    if hora.minute:
        minutos = "minuto" if hora.minute == 1 else "minutos"
        texto += f" con {cardinal_apocopado(hora.minute)} {minutos}"
    return texto


def frase_apertura(fecha_hora: datetime.datetime) -> str:
    """Frase de apertura de un acta: «siendo las diez horas … del día cuatro de …»."""
    fecha_hora = _a_hora_local(fecha_hora)
    articulo = "la" if fecha_hora.hour == 1 else "las"
    return (
        f"siendo {articulo} {hora_en_letras(fecha_hora.time())}"
        f" del día {fecha_en_letras(fecha_hora.date())}"
    )


def hora_corta(hora: datetime.time) -> str:
    """Hora en cifras con la palabra «horas»: «9:05 horas»."""
    return f"{hora.hour}:{hora.minute:02d} horas"


def votos_en_letras(n: int) -> str:
    """Número de votos en letras: «un voto», «veintiún votos»."""
    return f"{cardinal_apocopado(n)} {'voto' if n == 1 else 'votos'}"

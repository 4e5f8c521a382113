"""Pruebas de comun.letras con tablas escritas a mano, no generadas por el código."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from comun.letras import (
    anio_en_letras,
    cardinal,
    cardinal_apocopado,
    fecha_con_dia,
    fecha_en_letras,
    fecha_larga,
    frase_apertura,
    hora_corta,
    hora_en_letras,
    mes_en_letras,
    ordinal_femenino,
    ordinal_femenino_titulo,
    ordinal_masculino,
    votos_en_letras,
)

ORDINALES_FEMENINOS = {
    1: "primera",
    2: "segunda",
    3: "tercera",
    4: "cuarta",
    5: "quinta",
    6: "sexta",
    7: "séptima",
    8: "octava",
    9: "novena",
    10: "décima",
    11: "undécima",
    12: "duodécima",
    13: "décima tercera",
    14: "décima cuarta",
    15: "décima quinta",
    16: "décima sexta",
    17: "décima séptima",
    18: "décima octava",
    19: "décima novena",
    20: "vigésima",
    21: "vigésima primera",
    22: "vigésima segunda",
    23: "vigésima tercera",
    24: "vigésima cuarta",
    25: "vigésima quinta",
    26: "vigésima sexta",
    27: "vigésima séptima",
    28: "vigésima octava",
    29: "vigésima novena",
    30: "trigésima",
    31: "trigésima primera",
    32: "trigésima segunda",
    33: "trigésima tercera",
    34: "trigésima cuarta",
    35: "trigésima quinta",
    36: "trigésima sexta",
    37: "trigésima séptima",
    38: "trigésima octava",
    39: "trigésima novena",
    40: "cuadragésima",
}


@pytest.mark.parametrize(("n", "esperado"), ORDINALES_FEMENINOS.items())
def test_ordinal_femenino_1_a_40(n, esperado):
    assert ordinal_femenino(n) == esperado


@pytest.mark.parametrize(
    ("n", "esperado"),
    [
        (41, "cuadragésima primera"),
        (50, "quincuagésima"),
        (55, "quincuagésima quinta"),
        (60, "sexagésima"),
        (70, "septuagésima"),
        (77, "septuagésima séptima"),
        (80, "octogésima"),
        (90, "nonagésima"),
        (99, "nonagésima novena"),
        (100, "centésima"),
        (101, "centésima primera"),
        (111, "centésima undécima"),
        (113, "centésima décima tercera"),
        (199, "centésima nonagésima novena"),
    ],
)
def test_ordinal_femenino_mayores(n, esperado):
    assert ordinal_femenino(n) == esperado


@pytest.mark.parametrize(
    ("n", "esperado"),
    [
        (1, "Primera"),
        (4, "Cuarta"),
        (11, "Undécima"),
        (13, "Décima Tercera"),
        (21, "Vigésima Primera"),
        (100, "Centésima"),
    ],
)
def test_ordinal_femenino_titulo(n, esperado):
    assert ordinal_femenino_titulo(n) == esperado


@pytest.mark.parametrize(
    ("n", "apocope", "esperado"),
    [
        (1, False, "primero"),
        (1, True, "primer"),
        (2, True, "segundo"),
        (3, False, "tercero"),
        (3, True, "tercer"),
        (10, False, "décimo"),
        (11, False, "undécimo"),
        (12, False, "duodécimo"),
        (13, False, "décimo tercero"),
        (13, True, "décimo tercer"),
        (21, False, "vigésimo primero"),
        (21, True, "vigésimo primer"),
        (100, False, "centésimo"),
    ],
)
def test_ordinal_masculino(n, apocope, esperado):
    assert ordinal_masculino(n, apocope=apocope) == esperado


@pytest.mark.parametrize(
    ("n", "masculino", "femenino"),
    [
        (0, "cero", "cero"),
        (1, "uno", "una"),
        (2, "dos", "dos"),
        (16, "dieciséis", "dieciséis"),
        (21, "veintiuno", "veintiuna"),
        (22, "veintidós", "veintidós"),
        (31, "treinta y uno", "treinta y una"),
        (100, "cien", "cien"),
        (101, "ciento uno", "ciento una"),
        (121, "ciento veintiuno", "ciento veintiuna"),
        (200, "doscientos", "doscientas"),
        (201, "doscientos uno", "doscientas una"),
        (500, "quinientos", "quinientas"),
        (555, "quinientos cincuenta y cinco", "quinientas cincuenta y cinco"),
        (700, "setecientos", "setecientas"),
        (900, "novecientos", "novecientas"),
        (999, "novecientos noventa y nueve", "novecientas noventa y nueve"),
        (1000, "mil", "mil"),
        (1001, "mil uno", "mil una"),
        (2022, "dos mil veintidós", "dos mil veintidós"),
        (21000, "veintiún mil", "veintiún mil"),
        (21021, "veintiún mil veintiuno", "veintiún mil veintiuna"),
        (31000, "treinta y un mil", "treinta y un mil"),
        (100000, "cien mil", "cien mil"),
        (200000, "doscientos mil", "doscientas mil"),
        (201000, "doscientos un mil", "doscientas un mil"),
        (
            999999,
            "novecientos noventa y nueve mil novecientos noventa y nueve",
            "novecientas noventa y nueve mil novecientas noventa y nueve",
        ),
        (1000000, "un millón", "un millón"),
        (21000000, "veintiún millones", "veintiún millones"),
        (200000200, "doscientos millones doscientos", "doscientos millones doscientas"),
    ],
)
def test_cardinal(n, masculino, femenino):
    assert cardinal(n) == masculino
    assert cardinal(n, genero="m") == masculino
    assert cardinal(n, genero="f") == femenino


@pytest.mark.parametrize(
    ("n", "esperado"),
    [
        (0, "cero"),
        (1, "un"),
        (2, "dos"),
        (21, "veintiún"),
        (31, "treinta y un"),
        (101, "ciento un"),
        (1001, "mil un"),
        (21000, "veintiún mil"),
    ],
)
def test_cardinal_apocopado(n, esperado):
    assert cardinal_apocopado(n) == esperado


@pytest.mark.parametrize(
    ("anio", "esperado"),
    [
        (2022, "dos mil veintidós"),
        (2000, "dos mil"),
        (2021, "dos mil veintiuno"),
        (1999, "mil novecientos noventa y nueve"),
    ],
)
def test_anio_en_letras(anio, esperado):
    assert anio_en_letras(anio) == esperado


@pytest.mark.parametrize(
    ("mes", "esperado"),
    [(1, "enero"), (2, "febrero"), (9, "septiembre"), (12, "diciembre")],
)
def test_mes_en_letras(mes, esperado):
    assert mes_en_letras(mes) == esperado


@pytest.mark.parametrize(
    ("fecha", "esperado"),
    [
        (datetime.date(2022, 2, 4), "cuatro de febrero de dos mil veintidós"),
        (datetime.date(2022, 3, 1), "primero de marzo de dos mil veintidós"),
        (datetime.date(2022, 3, 21), "veintiuno de marzo de dos mil veintidós"),
        (
            datetime.date(1999, 12, 31),
            "treinta y uno de diciembre de mil novecientos noventa y nueve",
        ),
        (datetime.date(2000, 1, 1), "primero de enero de dos mil"),
    ],
)
def test_fecha_en_letras(fecha, esperado):
    assert fecha_en_letras(fecha) == esperado


@pytest.mark.parametrize(
    ("fecha", "larga", "con_dia"),
    [
        (datetime.date(2022, 2, 4), "4 de febrero de 2022", "viernes 4 de febrero de 2022"),
        (datetime.date(2022, 3, 1), "1 de marzo de 2022", "martes 1 de marzo de 2022"),
        (
            datetime.date(1999, 12, 31),
            "31 de diciembre de 1999",
            "viernes 31 de diciembre de 1999",
        ),
        (datetime.date(2023, 1, 1), "1 de enero de 2023", "domingo 1 de enero de 2023"),
        (datetime.date(2024, 5, 15), "15 de mayo de 2024", "miércoles 15 de mayo de 2024"),
        (datetime.date(2024, 6, 15), "15 de junio de 2024", "sábado 15 de junio de 2024"),
    ],
)
def test_fecha_larga_y_con_dia(fecha, larga, con_dia):
    assert fecha_larga(fecha) == larga
    assert fecha_con_dia(fecha) == con_dia


HORAS_EN_PUNTO = [
    (0, "cero horas"),
    (1, "una hora"),
    (2, "dos horas"),
    (3, "tres horas"),
    (4, "cuatro horas"),
    (5, "cinco horas"),
    (6, "seis horas"),
    (7, "siete horas"),
    (8, "ocho horas"),
    (9, "nueve horas"),
    (10, "diez horas"),
    (11, "once horas"),
    (12, "doce horas"),
    (13, "trece horas"),
    (14, "catorce horas"),
    (15, "quince horas"),
    (16, "dieciséis horas"),
    (17, "diecisiete horas"),
    (18, "dieciocho horas"),
    (19, "diecinueve horas"),
    (20, "veinte horas"),
    (21, "veintiuna horas"),
    (22, "veintidós horas"),
    (23, "veintitrés horas"),
]


@pytest.mark.parametrize(("hora", "esperado"), HORAS_EN_PUNTO)
def test_hora_en_letras_en_punto(hora, esperado):
    assert hora_en_letras(datetime.time(hora, 0)) == esperado


@pytest.mark.parametrize(
    ("hora", "minuto", "esperado"),
    [
        (10, 30, "diez horas con treinta minutos"),
        (1, 15, "una hora con quince minutos"),
        (1, 1, "una hora con un minuto"),
        (13, 5, "trece horas con cinco minutos"),
        (21, 1, "veintiuna horas con un minuto"),
        (12, 1, "doce horas con un minuto"),
        (11, 21, "once horas con veintiún minutos"),
        (9, 31, "nueve horas con treinta y un minutos"),
        (0, 45, "cero horas con cuarenta y cinco minutos"),
        (23, 59, "veintitrés horas con cincuenta y nueve minutos"),
    ],
)
def test_hora_en_letras_con_minutos(hora, minuto, esperado):
    assert hora_en_letras(datetime.time(hora, minuto)) == esperado


def test_hora_en_letras_ignora_segundos():
    assert hora_en_letras(datetime.time(10, 30, 59)) == "diez horas con treinta minutos"


@pytest.mark.parametrize(
    ("hora", "esperado"),
    [
        (datetime.time(10, 30), "10:30 horas"),
        (datetime.time(9, 5), "9:05 horas"),
        (datetime.time(0, 0), "0:00 horas"),
        (datetime.time(23, 59), "23:59 horas"),
    ],
)
def test_hora_corta(hora, esperado):
    assert hora_corta(hora) == esperado


@pytest.mark.parametrize(
    ("fecha_hora", "esperado"),
    [
        (
            datetime.datetime(2022, 2, 4, 10, 30),
            "siendo las diez horas con treinta minutos del día cuatro de febrero"
            " de dos mil veintidós",
        ),
        (
            datetime.datetime(2022, 2, 4, 1, 0),
            "siendo la una hora del día cuatro de febrero de dos mil veintidós",
        ),
        (
            datetime.datetime(2022, 2, 4, 1, 20),
            "siendo la una hora con veinte minutos del día cuatro de febrero de dos mil veintidós",
        ),
        (
            datetime.datetime(2022, 3, 1, 2, 0),
            "siendo las dos horas del día primero de marzo de dos mil veintidós",
        ),
        (
            datetime.datetime(2022, 3, 1, 21, 1),
            "siendo las veintiuna horas con un minuto del día primero de marzo"
            " de dos mil veintidós",
        ),
    ],
)
def test_frase_apertura(fecha_hora, esperado):
    assert frase_apertura(fecha_hora) == esperado


def test_frase_apertura_exacta_del_acta():
    frase = frase_apertura(datetime.datetime(2022, 2, 4, 10, 30))
    assert frase == (
        "siendo las diez horas con treinta minutos del día cuatro de febrero de dos mil veintidós"
    )


def test_frase_apertura_convierte_utc_a_hora_de_la_ciudad_de_mexico():
    # En febrero de 2022 la Ciudad de México estaba en UTC-6 (ya sin horario de verano).
    en_utc = datetime.datetime(2022, 2, 4, 16, 30, tzinfo=datetime.UTC)
    assert frase_apertura(en_utc) == (
        "siendo las diez horas con treinta minutos del día cuatro de febrero de dos mil veintidós"
    )


def test_frase_apertura_utc_cambia_de_dia_y_de_articulo():
    # 07:00 UTC del día 5 es la una de la madrugada del día 5 en la Ciudad de México.
    en_utc = datetime.datetime(2022, 2, 5, 7, 0, tzinfo=datetime.UTC)
    assert frase_apertura(en_utc) == (
        "siendo la una hora del día cinco de febrero de dos mil veintidós"
    )
    # 03:00 UTC del día 5 sigue siendo el día 4 en la Ciudad de México.
    en_utc = datetime.datetime(2022, 2, 5, 3, 0, tzinfo=datetime.UTC)
    assert frase_apertura(en_utc) == (
        "siendo las veintiuna horas del día cuatro de febrero de dos mil veintidós"
    )


def test_frase_apertura_con_otra_zona_se_lleva_a_la_local():
    en_madrid = datetime.datetime(2022, 2, 4, 17, 30, tzinfo=ZoneInfo("Europe/Madrid"))
    assert frase_apertura(en_madrid).startswith("siendo las diez horas con treinta minutos")


def test_fechas_con_datetime_aware_usan_el_dia_local():
    en_utc = datetime.datetime(2022, 2, 5, 3, 0, tzinfo=datetime.UTC)
    assert fecha_en_letras(en_utc) == "cuatro de febrero de dos mil veintidós"
    assert fecha_larga(en_utc) == "4 de febrero de 2022"
    assert fecha_con_dia(en_utc) == "viernes 4 de febrero de 2022"


@pytest.mark.parametrize(
    ("n", "esperado"),
    [
        (0, "cero votos"),
        (1, "un voto"),
        (2, "dos votos"),
        (21, "veintiún votos"),
        (31, "treinta y un votos"),
        (100, "cien votos"),
    ],
)
def test_votos_en_letras(n, esperado):
    assert votos_en_letras(n) == esperado


@pytest.mark.parametrize(
    ("funcion", "valor"),
    [
        (ordinal_femenino, 0),
        (ordinal_femenino, -1),
        (ordinal_femenino, 200),
        (ordinal_femenino_titulo, 0),
        (ordinal_masculino, 0),
        (ordinal_masculino, 1000),
        (cardinal, -1),
        (cardinal, 10**12),
        (cardinal_apocopado, -5),
        (anio_en_letras, 0),
        (anio_en_letras, -2022),
        (anio_en_letras, 10000),
        (mes_en_letras, 0),
        (mes_en_letras, 13),
        (votos_en_letras, -1),
    ],
)
def test_valores_invalidos_lanzan_value_error_en_espanol(funcion, valor):
    with pytest.raises(ValueError, match="debe estar entre"):
        funcion(valor)


def test_genero_invalido():
    with pytest.raises(ValueError, match="El género debe ser"):
        cardinal(1, genero="x")


@pytest.mark.parametrize("valor", [1.5, "3", True, None])
def test_tipos_invalidos_lanzan_type_error(valor):
    with pytest.raises(TypeError, match="debe ser un número entero"):
        ordinal_femenino(valor)

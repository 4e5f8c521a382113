"""Entrada hostil: un carácter nulo o un valor desconocido en la ruta, la consulta o el cuerpo
recibe 400 o 404 con un mensaje en español, nunca un 500.

Las rutas salen del resolvedor y los parámetros de consulta de lo que cada vista lee de verdad
(se observa qué claves consulta de request.GET), así que una vista nueva entra sola al recorrido.
Corre en SQLite y en PostgreSQL, que rechaza NUL en texto con DataError:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sesiones_b pytest tests/test_entrada_hostil.py
"""

import contextlib
import json
from unittest import mock
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth.models import User
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from acuerdos import services as acuerdos_services
from acuerdos.models import Acuerdo
from tests.test_rutas_por_rol import (
    CASOS_API,
    _clientes,
    _escrituras_api,
    _kwargs,
    _rutas,
    armar_escenario,
)

MIDDLEWARE_NULO = "comun.middleware.RechazarEntradaNulaMiddleware"
ROLES_HOSTILES = ("anonimo", "juridico", "miembro")

# Cada parámetro de ruta se cambia, uno a la vez, por cada uno de estos (los demás quedan válidos).
VALORES_RUTA = (
    "\x00",
    "a\x00b",
    "999999",
    "99999999999999999999",
    "bogus",
    "00000000-0000-0000-0000-000000000000",
    "..",
)
# Cada parámetro de consulta que la vista lee recibe, uno a la vez, cada uno de estos.
VALORES_CONSULTA = ("\x00", "bogus", "99999999999999999999", "-1", "2024-02-30", "ñ" * 300)
# Centinelas para armar la ruta con reverse() y luego poner el valor hostil en su lugar.
CENTINELA = {"int": 7070707, "str": "centinela"}


@pytest.fixture(autouse=True)
def _con_middleware(settings):
    """Las pruebas corren con el middleware aunque settings aún no lo tenga."""
    if MIDDLEWARE_NULO not in settings.MIDDLEWARE:
        middleware = list(settings.MIDDLEWARE)
        seguridad = middleware.index("django.middleware.security.SecurityMiddleware")
        middleware.insert(seguridad + 1, MIDDLEWARE_NULO)
        settings.MIDDLEWARE = middleware


@pytest.fixture
def escenario(db, settings):
    return armar_escenario(settings)


def _clientes_hostiles() -> dict[str, Client]:
    clientes = _clientes()
    for cliente in clientes.values():
        # Un 500 se cuenta como respuesta, no como excepción: se juntan todos los fallos.
        cliente.raise_request_exception = False
    return {rol: clientes[rol] for rol in ROLES_HOSTILES}


def _cerrar(respuesta) -> None:
    """Lee la descarga hasta el final para que el cliente cierre el archivo, como un servidor.
    (respuesta.close() directo dispararía request_finished y cerraría la conexión a la base
    dentro de la transacción de la prueba en PostgreSQL.)"""
    if respuesta.streaming:
        b"".join(respuesta.streaming_content)


def _tipo_convertidor(patron, nombre: str) -> str:
    return "int" if type(patron.pattern.converters[nombre]).__name__ == "IntConverter" else "str"


def test_middleware_va_despues_de_security_middleware():
    from config import settings as configuracion

    assert MIDDLEWARE_NULO in configuracion.MIDDLEWARE, (
        f"Agregue {MIDDLEWARE_NULO} a MIDDLEWARE, justo después de SecurityMiddleware."
    )
    posicion = configuracion.MIDDLEWARE.index(MIDDLEWARE_NULO)
    assert configuracion.MIDDLEWARE[posicion - 1] == (
        "django.middleware.security.SecurityMiddleware"
    )


@pytest.mark.parametrize(
    "ruta", ["/publico/organos/%00/rss/", "/portal/calendario/%00.ics", "/sesiones/%00/"]
)
def test_nulo_en_la_ruta_es_400_en_espanol(client, db, ruta):
    respuesta = client.get(ruta)
    assert respuesta.status_code == 400
    assert "carácter nulo" in respuesta.content.decode()


def test_nulo_en_cookie_o_encabezado_es_400(client, juridico):
    client.force_login(juridico)
    assert client.get("/", HTTP_X_PRUEBA="a\x00b").status_code == 400
    client.cookies["sessionid"] = "\x00" * 32
    assert client.get("/").status_code == 400


def test_nulo_en_un_campo_lo_explica_el_formulario_no_el_middleware(client, juridico, organo):
    """Lo que una persona escribe se corrige en su campo, conservando lo demás."""
    client.force_login(juridico)
    respuesta = client.post(reverse("sesiones:nueva"), {"organo": organo.pk, "sede": "Sala\x00"})
    assert respuesta.status_code == 200
    assert "nulo" in respuesta.content.decode()


def test_nulo_en_la_api_responde_json(client, db):
    respuesta = client.get("/api/v1/organos/%00/")
    assert respuesta.status_code == 400
    assert "carácter nulo" in respuesta.json()["detail"]


def test_parametros_de_ruta_hostiles_nunca_dan_500(escenario):
    clientes = _clientes_hostiles()
    fallos = []
    probadas = 0
    for nombre, patron in _rutas():
        validos = _kwargs(nombre, patron, escenario)
        for parametro in patron.pattern.converters:
            tipo = _tipo_convertidor(patron, parametro)
            plantilla = reverse(nombre, kwargs={**validos, parametro: CENTINELA[tipo]})
            for valor in VALORES_RUTA:
                url = plantilla.replace(str(CENTINELA[tipo]), quote(valor, safe=""), 1)
                for rol, cliente in clientes.items():
                    for metodo in (cliente.get, cliente.post):
                        respuesta = metodo(url)
                        _cerrar(respuesta)
                        probadas += 1
                        if respuesta.status_code >= 500:
                            fallos.append(f"{metodo.__name__.upper()} {url} {rol}: 500")
    assert probadas > 1000
    assert not fallos, "\n".join(fallos)


@contextlib.contextmanager
def _claves_leidas():
    """Anota cada clave que el código consulta en un QueryDict (request.GET, query_params)."""
    leidas: set[str] = set()
    originales = {n: getattr(QueryDict, n) for n in ("get", "getlist", "__getitem__")}

    def envolver(original):
        def envuelta(self, clave, *args, **kwargs):
            if isinstance(clave, str):
                leidas.add(clave)
            return original(self, clave, *args, **kwargs)

        return envuelta

    def contiene(self, clave):
        if isinstance(clave, str):
            leidas.add(clave)
        return dict.__contains__(self, clave)

    reemplazos = {n: envolver(f) for n, f in originales.items()}
    with mock.patch.multiple(QueryDict, **reemplazos, __contains__=contiene):
        yield leidas


def _parametros_leidos(cliente, url) -> set[str]:
    """Sin consulta se leen los filtros «estrictos»; con una cualquiera se ligan los formularios;
    y dando valor a lo ya leído aparece lo que se lee después (p. ej. «mes» tras «anio»)."""
    conocidos: set[str] = set()
    with _claves_leidas() as leidas:
        _cerrar(cliente.get(url))
    for _ronda in range(4):
        conocidos |= leidas - {"sonda"}
        with _claves_leidas() as leidas:
            consulta = urlencode({**dict.fromkeys(conocidos, "1"), "sonda": "1"})
            _cerrar(cliente.get(f"{url}?{consulta}"))
        if leidas - {"sonda"} <= conocidos:
            break
    return conocidos


def test_parametros_de_consulta_hostiles_nunca_dan_500(escenario):
    clientes = _clientes_hostiles()
    fallos = []
    leidos_por_ruta: dict[str, set[str]] = {}
    for nombre, patron in _rutas():
        url = reverse(nombre, kwargs=_kwargs(nombre, patron, escenario))
        for rol, cliente in clientes.items():
            parametros = _parametros_leidos(cliente, url)
            leidos_por_ruta.setdefault(nombre, set()).update(parametros)
            consultas = [{"\x00": "1"}, {"sonda": "\x00"}]
            consultas += [{p: v} for p in sorted(parametros) for v in VALORES_CONSULTA]
            for consulta in consultas:
                respuesta = cliente.get(f"{url}?{urlencode(consulta)}")
                _cerrar(respuesta)
                if respuesta.status_code >= 500:
                    fallos.append(f"GET {url}?{urlencode(consulta)[:60]} {rol}: 500")
    # La observación debe encontrar al menos los filtros conocidos; si no, no probó nada.
    for nombre, parametro in (
        ("sesiones:inicio", "mes"),
        ("sesiones:lista", "pagina"),
        ("bitacora:lista", "accion"),
        ("acuerdos:lista", "estado"),
        ("acuerdos:tablero", "anio"),
        ("transparencia:informe", "trimestre"),
        ("transparencia:pnt", "formato"),
        ("publico:acuerdos", "q"),
        ("publico:sesiones", "organo"),
        ("api:acuerdos", "por_pagina"),
        ("api:sesiones", "desde"),
    ):
        assert parametro in leidos_por_ruta[nombre], (nombre, leidos_por_ruta[nombre])
    assert not fallos, "\n".join(fallos)


VALORES_FORMULARIO = ("\x00", "a\x00b", "bogus", "99999999999999999999", "-1")


def _campos_leidos(cliente, url) -> set[str]:
    """Como _parametros_leidos, pero con lo que la vista lee del formulario (POST)."""
    conocidos: set[str] = set()
    datos: dict[str, str] = {}
    for _ronda in range(4):
        with _claves_leidas() as leidas:
            _cerrar(cliente.post(url, datos))
        nuevos = leidas - {"sonda", "csrfmiddlewaretoken"} - conocidos
        if not nuevos and datos:
            break
        conocidos |= nuevos
        datos = {**dict.fromkeys(conocidos, "1"), "sonda": "1"}
    return conocidos


def test_campos_de_formulario_hostiles_nunca_dan_500(escenario):
    clientes = {rol: c for rol, c in _clientes_hostiles().items() if rol != "anonimo"}
    fallos = []
    leidos_por_ruta: dict[str, set[str]] = {}
    for nombre, patron in _rutas():
        if nombre == "logout":
            continue  # cerraría la sesión de los clientes para el resto del recorrido
        url = reverse(nombre, kwargs=_kwargs(nombre, patron, escenario))
        for rol, cliente in clientes.items():
            campos = _campos_leidos(cliente, url)
            leidos_por_ruta.setdefault(nombre, set()).update(campos)
            for campo in sorted(campos):
                for valor in VALORES_FORMULARIO:
                    respuesta = cliente.post(url, {campo: valor})
                    _cerrar(respuesta)
                    if respuesta.status_code >= 500:
                        fallos.append(f"POST {url} {campo}={valor[:20]!r} {rol}: 500")
    for nombre, campo in (
        ("sesiones:transicion", "estado"),
        ("sesiones:nueva", "sede"),
        ("acuerdos:estado", "nota"),
        ("acuerdos:masivo", "accion"),
        ("portal:observar", "texto"),
    ):
        assert campo in leidos_por_ruta[nombre], (nombre, leidos_por_ruta[nombre])
    assert not fallos, "\n".join(fallos)


# API de gestión: valores desconocidos en el cuerpo ---------------------------------------------

VALORES_CUERPO = ("\x00", "bogus", 99999999999999999999, -1, None, [], {"a": 1}, "2024-02-30")
CAMPOS_CUERPO = (
    "estado",
    "tipo",
    "modalidad",
    "publicacion",
    "organo",
    "sesion",
    "integrante",
    "fecha_hora",
    "hora_llegada",
    "titulo",
    "texto",
    "nota",
    "motivo",
    "sede",
    "enlace",
    "evidencia_url",
)
INGLES = ("This field", "is not a valid", "Invalid", "must be", "Expected", "permission")


def _revisar_respuesta(respuesta, etiqueta: str, fallos: list[str]) -> None:
    if respuesta.status_code >= 500:
        fallos.append(f"{etiqueta}: 500")
    elif respuesta.status_code == 400:
        texto = json.dumps(respuesta.json(), ensure_ascii=False)
        if any(palabra in texto for palabra in INGLES):
            fallos.append(f"{etiqueta}: mensaje en inglés {texto[:200]}")


def test_api_de_gestion_con_valores_desconocidos_responde_400(escenario):
    juridico = User.objects.get(username="juridico")
    token, _creado = Token.objects.get_or_create(user=juridico)
    cliente = Client(HTTP_AUTHORIZATION=f"Token {token.key}", raise_request_exception=False)
    escenario["acuerdo_en_seguimiento"] = Acuerdo.objects.get(
        pk=escenario["pk_por_prefijo"]["acuerdos/"]
    )
    escenario["acuerdo_proyecto"] = acuerdos_services.acuerdo_crear(
        sesion=escenario["sesion"], texto="Acuerdo para entrada hostil.", usuario=juridico
    )
    assert {(c.ruta, c.metodo) for c in CASOS_API} == _escrituras_api()
    fallos: list[str] = []
    for caso in CASOS_API:
        url = reverse(caso.ruta, kwargs={"pk": caso.pk(escenario)} if caso.pk else {})
        enviar = getattr(cliente, caso.metodo)
        validos = caso.datos(escenario)
        # Un campo a la vez, solo y dentro de un cuerpo por lo demás válido.
        for campo in sorted({*CAMPOS_CUERPO, *validos}):
            for valor in VALORES_CUERPO:
                for cuerpo in ({campo: valor}, {**validos, campo: valor}):
                    respuesta = enviar(url, cuerpo, content_type="application/json")
                    _revisar_respuesta(respuesta, f"{caso.nombre} {cuerpo!r:.80}", fallos)
        for crudo in ("{", "[]", '"texto"', "null", '{"estado": "\\u0000"}'):
            respuesta = enviar(url, crudo, content_type="application/json")
            _revisar_respuesta(respuesta, f"{caso.nombre} crudo {crudo}", fallos)
    assert not fallos, "\n".join(fallos)


@pytest.mark.parametrize("ruta", ["api:gestion_sesion_estado", "api:gestion_acuerdo_estado"])
def test_estado_desconocido_en_la_api_es_400_en_espanol(escenario, ruta):
    juridico = User.objects.get(username="juridico")
    token, _creado = Token.objects.get_or_create(user=juridico)
    cliente = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    pk = escenario["sesion"].pk if "sesion" in ruta else escenario["pk_por_prefijo"]["acuerdos/"]
    respuesta = cliente.post(
        reverse(ruta, args=[pk]), {"estado": "bogus"}, content_type="application/json"
    )
    assert respuesta.status_code == 400
    assert "Estado desconocido «bogus»" in respuesta.json()["estado"][0]

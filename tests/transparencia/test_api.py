import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from acuerdos.models import EstadoAcuerdo
from bitacora.models import Bitacora
from sesiones.models import CambioEstadoSesion

from .conftest import TITULO_RESERVADO

pytestmark = pytest.mark.django_db


def _token(client, usuario):
    token, _ = Token.objects.get_or_create(user=usuario)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


PUBLICAS = ["api:organos", "api:sesiones", "api:acuerdos", "api:documentos"]


def test_api_publica_nunca_expone_lo_reservado(client, portal):
    sesion = portal["sesion"]
    urls = [reverse(n) for n in PUBLICAS] + [
        reverse("api:sesion", args=[sesion.pk]),
        reverse("api:sesion_popolo", args=[sesion.pk]),
        reverse("api:acuerdo", args=[portal["publicado"].pk]),
        reverse("api:acuerdos") + "?q=anexo",
    ]
    for url in urls:
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        contenido = respuesta.content.decode()
        assert TITULO_RESERVADO not in contenido, url
        assert "CONFIDENCIALES" not in contenido, url
        assert "aún sin publicar" not in contenido, url
    documentos = client.get(reverse("api:documentos")).json()
    assert [d["titulo"] for d in documentos["results"]] == ["Documento soporte público"]
    assert client.get(reverse("api:acuerdo", args=[portal["pendiente"].pk])).status_code == 404


def test_api_busqueda_sin_acentos(client, portal):
    datos = client.get(reverse("api:acuerdos"), {"q": "publicacion tuxtla"}).json()
    assert [a["clave"] for a in datos["results"]] == [portal["publicado"].clave]
    assert datos["results"][0]["estado"] == EstadoAcuerdo.PUBLICADO


@pytest.mark.parametrize(
    "params",
    [
        {"anio": "x"},
        {"desde": "2022-02-30"},
        {"estado": "proyecto"},
        {"campo_raro": "1"},
        {"por_pagina": "mucho"},
        {"organo": "-1"},
        {"hasta": "0000-01-01"},
    ],
)
def test_api_filtros_invalidos_400(client, portal, params):
    respuesta = client.get(reverse("api:acuerdos"), params)
    assert respuesta.status_code == 400
    assert respuesta.json()


def test_api_paginacion_acotada(client, portal):
    grande = client.get(reverse("api:sesiones"), {"por_pagina": 100000})
    assert grande.status_code == 200
    assert len(grande.json()["results"]) <= 100
    assert client.get(reverse("api:sesiones"), {"pagina": 9999}).status_code == 404


def test_api_sesion_no_celebrada_404(client, sesion_no_celebrada):
    assert client.get(reverse("api:sesion", args=[sesion_no_celebrada.pk])).status_code == 404
    assert (
        client.get(reverse("api:sesion_popolo", args=[sesion_no_celebrada.pk])).status_code == 404
    )


def test_popolo(client, portal):
    datos = client.get(reverse("api:sesion_popolo", args=[portal["sesion"].pk])).json()
    assert datos["event"]["name"] == portal["sesion"].nombre_completo
    assert datos["event"]["classification"] == "ordinaria"
    assert len(datos["agenda"]) == portal["sesion"].puntos.count()
    assert [v["identifier"] for v in datos["vote_events"]] == [portal["publicado"].clave]
    conteos = {c["option"]: c["value"] for c in datos["vote_events"][0]["counts"]}
    assert conteos["yes"] == 5 and conteos["no"] == 0


def test_api_lectura_publica_rechaza_escritura(client, portal):
    assert client.post(reverse("api:sesiones"), {}).status_code == 405


def test_schema_y_docs(client):
    assert client.get(reverse("api:schema")).status_code == 200
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()


# Personal con token ---------------------------------------------------------------------


def test_gestion_crear_sesion_con_token(client, juridico, organo):
    _token(client, juridico)
    respuesta = client.post(
        reverse("api:gestion_sesiones"),
        {
            "organo": organo.pk,
            "tipo": "ordinaria",
            "fecha_hora": "2025-06-10T10:00:00-06:00",
            "sede": "Sala & <juntas>",
        },
        content_type="application/json",
    )
    assert respuesta.status_code == 201, respuesta.content
    assert respuesta.json()["sede"] == "Sala & <juntas>"
    assert Bitacora.objects.filter(accion__startswith="sesion").exists()


def test_gestion_permisos(client, seguimiento, integrante, organo):
    url = reverse("api:gestion_sesiones")
    datos = {"organo": organo.pk, "tipo": "ordinaria", "fecha_hora": "2025-06-10T10:00:00-06:00"}
    assert client.post(url, datos, content_type="application/json").status_code in (401, 403)
    _token(client, integrante)
    assert client.post(url, datos, content_type="application/json").status_code == 403
    _token(client, seguimiento)
    assert client.post(url, datos, content_type="application/json").status_code == 403
    assert client.get(url).status_code == 403


def test_gestion_nul_y_estado_invalido(client, juridico, sesion):
    _token(client, juridico)
    url = reverse("api:gestion_puntos", args=[sesion.pk])
    assert (
        client.post(url, {"titulo": "a\x00b"}, content_type="application/json").status_code == 400
    )
    ok = client.post(url, {"titulo": "Punto «ñ» & <b>"}, content_type="application/json")
    assert ok.status_code == 201
    estado = reverse("api:gestion_sesion_estado", args=[sesion.pk])
    respuesta = client.post(estado, {"estado": "concluida"}, content_type="application/json")
    assert respuesta.status_code == 400
    assert "detail" in respuesta.json()


def test_gestion_cambiar_estado_escribe_historia(client, juridico, sesion):
    _token(client, juridico)
    url = reverse("api:gestion_sesion_estado", args=[sesion.pk])
    respuesta = client.post(
        url,
        {"estado": "cancelada", "motivo": "Falta de quórum previsto"},
        content_type="application/json",
    )
    assert respuesta.status_code == 200, respuesta.content
    assert CambioEstadoSesion.objects.filter(sesion=sesion, estado_nuevo="cancelada").exists()


def test_gestion_objeto_ajeno_404(client, integrante_ajeno, juridico, sesion):
    _token(client, juridico)
    assert (
        client.patch(
            reverse("api:gestion_sesion", args=[999999]), {}, content_type="application/json"
        ).status_code
        == 404
    )


def test_gestion_acuerdo_y_transicion(client, juridico, seguimiento, portal_minimo):
    _token(client, juridico)
    creado = client.post(
        reverse("api:gestion_acuerdos"),
        {
            "sesion": portal_minimo.pk,
            "texto": "Se aprueba algo.",
        },
        content_type="application/json",
    )
    assert creado.status_code == 201, creado.content
    _token(client, seguimiento)
    url = reverse("api:gestion_acuerdo_estado", args=[creado.json()["id"]])
    invalido = client.post(url, {"estado": "publicado"}, content_type="application/json")
    assert invalido.status_code == 400
    # Retirar un acuerdo es de la Dirección Jurídica: Seguimiento recibe 403 (lo dice el servicio).
    datos = {"estado": "retirado", "nota": "Se retira."}
    negado = client.post(url, datos, content_type="application/json")
    assert negado.status_code == 403, negado.content
    _token(client, juridico)
    retirado = client.post(url, datos, content_type="application/json")
    assert retirado.status_code == 200, retirado.content
    assert Bitacora.objects.filter(accion="acuerdo.estado").exists()


def test_gestion_documentos_estado(client, seguimiento, juridico, portal_minimo):
    _token(client, seguimiento)
    url = reverse("api:gestion_documentos", args=[portal_minimo.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"tipo": "acta"}, content_type="application/json").status_code == 403
    _token(client, juridico)
    assert (
        client.post(url, {"tipo": "inexistente"}, content_type="application/json").status_code
        == 400
    )

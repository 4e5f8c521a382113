import pytest
from django.urls import reverse

from acuerdos.models import Acuerdo
from transparencia import selectors

from .conftest import TITULO_RESERVADO, acuerdo_en

pytestmark = pytest.mark.django_db

PAGINAS = (
    "publico:inicio",
    "publico:sesiones",
    "publico:acuerdos",
    "publico:feed_rss",
    "publico:feed_atom",
)


def _todas_las_respuestas(client, portal):
    sesion = portal["sesion"]
    urls = [reverse(n) for n in PAGINAS] + [
        reverse("publico:sesion", args=[sesion.pk]),
        reverse("publico:acuerdo", args=[portal["publicado"].pk]),
        reverse("publico:acuerdos") + "?q=anexo",
        reverse("publico:feed_organo_rss", args=[sesion.organo.siglas]),
        reverse("publico:feed_organo_atom", args=[sesion.organo.siglas]),
    ]
    return {url: client.get(url) for url in urls}


def test_anonimo_ve_lo_publicado_y_nunca_lo_reservado(client, portal):
    respuestas = _todas_las_respuestas(client, portal)
    for url, respuesta in respuestas.items():
        assert respuesta.status_code == 200, url
        contenido = respuesta.content.decode()
        assert TITULO_RESERVADO not in contenido, url
        assert "CONFIDENCIALES" not in contenido, url
        assert "aún sin publicar" not in contenido, url
        assert portal["anexo_reservado"].archivo.name not in contenido, url
    detalle = respuestas[reverse("publico:sesion", args=[portal["sesion"].pk])].content.decode()
    assert "Documento soporte público" in detalle
    assert portal["publicado"].clave in detalle


def test_texto_hostil_se_muestra_escapado(client, portal):
    respuesta = client.get(reverse("publico:acuerdo", args=[portal["publicado"].pk]))
    contenido = respuesta.content.decode()
    assert "&lt;Chiapas&gt;" in contenido
    assert "<Chiapas>" not in contenido
    assert "«ñandú» 🙂" in contenido


def test_descarga_de_anexo_publico_y_404_del_reservado(client, portal):
    ok = client.get(reverse("publico:anexo", args=[portal["anexo_publico"].pk]))
    assert ok.status_code == 200
    assert b"".join(ok.streaming_content).startswith(b"%PDF")
    for clave in ("anexo_reservado", "anexo_confidencial"):
        assert client.get(reverse("publico:anexo", args=[portal[clave].pk])).status_code == 404


def test_sesion_no_celebrada_no_es_publica(client, organo, juridico):
    from tests.factories import sesion_programada

    programada = sesion_programada(organo=organo, usuario=juridico)
    assert client.get(reverse("publico:sesion", args=[programada.pk])).status_code == 404
    assert not selectors.sesiones_publicas().filter(pk=programada.pk).exists()


def test_acuerdo_no_publicado_da_404(client, portal):
    url = reverse("publico:acuerdo", args=[portal["pendiente"].pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("consulta", ["publicacion", "PUBLICACIÓN", "tuxtla", "gutierrez", "ñandu"])
def test_busqueda_sin_acentos_ni_mayusculas(client, portal, consulta):
    respuesta = client.get(reverse("publico:acuerdos"), {"q": consulta})
    assert respuesta.status_code == 200
    assert portal["publicado"].clave in respuesta.content.decode()


def test_busqueda_no_encuentra_lo_no_publicado(client, portal):
    respuesta = client.get(reverse("publico:acuerdos"), {"q": "aprobado sin publicar"})
    assert portal["pendiente"].clave not in respuesta.content.decode()


def test_busqueda_filtra_por_organo_y_anio(client, portal, otro_organo):
    sesion = portal["sesion"]
    url = reverse("publico:acuerdos")
    assert (
        portal["publicado"].clave in client.get(url, {"organo": sesion.organo_id}).content.decode()
    )
    assert (
        portal["publicado"].clave
        not in client.get(url, {"organo": otro_organo.pk}).content.decode()
    )
    assert portal["publicado"].clave not in client.get(url, {"anio": 1999}).content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"anio": "dos mil"},
        {"desde": "2022-13-45"},
        {"organo": "x"},
        {"estado": "reservado"},
        {"desconocido": "1"},
        {"q": "a\x00b"},
        {"desde": "2025-02-01", "hasta": "2025-01-01"},
    ],
)
def test_filtros_invalidos_dan_400_con_mensaje(client, portal, params):
    respuesta = client.get(reverse("publico:acuerdos"), params)
    assert respuesta.status_code == 400
    assert 'class="alert alert-warning" role="alert"' in respuesta.content.decode()


def test_pagina_fuera_de_rango_es_acotada(client, portal):
    respuesta = client.get(reverse("publico:acuerdos"), {"pagina": "99999"})
    assert respuesta.status_code == 200
    respuesta = client.get(reverse("publico:sesiones"), {"pagina": "abc"})
    assert respuesta.status_code == 200


def test_metodo_no_permitido(client, portal):
    for nombre in ("publico:inicio", "publico:acuerdos", "publico:sesiones"):
        assert client.post(reverse(nombre)).status_code == 405


def test_feed_por_organo_solo_trae_su_organo(client, portal, otro_organo):
    propio = client.get(reverse("publico:feed_organo_rss", args=[portal["sesion"].organo.siglas]))
    ajeno = client.get(reverse("publico:feed_organo_atom", args=[otro_organo.siglas]))
    assert portal["publicado"].clave in propio.content.decode()
    assert portal["publicado"].clave not in ajeno.content.decode()
    assert client.get(reverse("publico:feed_organo_rss", args=["NOEXISTE"])).status_code == 404


def test_feed_tiene_enlace_estable_al_acuerdo(client, portal):
    contenido = client.get(reverse("publico:feed_atom")).content.decode()
    assert reverse("publico:acuerdo", args=[portal["publicado"].pk]) in contenido


def test_listado_con_consultas_constantes(client, portal, juridico, django_assert_max_num_queries):
    for i in range(5):
        acuerdo_en(portal["sesion"], juridico, f"Acuerdo extra número {i}")
    assert Acuerdo.objects.count() >= 7
    with django_assert_max_num_queries(6):
        client.get(reverse("publico:acuerdos"))
    with django_assert_max_num_queries(8):
        client.get(reverse("publico:sesion", args=[portal["sesion"].pk]))

"""Rendimiento del portal sin cambiar lo que se ve: copia de la fecha, caché y paginación."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acuerdos.models import Acuerdo
from sesiones.models import Clasificacion
from tests.factories import MX
from transparencia import selectors

from .conftest import acuerdo_en

pytestmark = pytest.mark.django_db


def test_fecha_sesion_se_copia_y_sigue_a_la_sesion(portal):
    acuerdo = portal["publicado"]
    sesion = portal["sesion"]
    assert acuerdo.fecha_sesion == sesion.fecha_hora
    nueva = datetime.datetime(2025, 3, 11, 12, 30, tzinfo=MX)
    sesion.fecha_hora = nueva
    sesion.save(update_fields=["fecha_hora"])
    acuerdo.refresh_from_db()
    assert acuerdo.fecha_sesion == nueva
    # Guardar otro campo de la sesión no toca la copia.
    sesion.sede = "Otra sala"
    sesion.save(update_fields=["sede"])
    acuerdo.refresh_from_db()
    assert acuerdo.fecha_sesion == nueva


@pytest.mark.parametrize(
    ("params", "visible"),
    [
        ({"desde": "2025-03-10"}, True),
        ({"hasta": "2025-03-10"}, True),
        ({"desde": "2025-03-11"}, False),
        ({"hasta": "2025-03-09"}, False),
        ({"desde": "2025-03-10", "hasta": "2025-03-10"}, True),
    ],
)
def test_rango_de_fechas_en_hora_local(client, portal, params, visible):
    # La sesión es el 2025-03-10 a las 10:00 de la Ciudad de México (16:00 UTC).
    clave = portal["publicado"].clave
    assert (clave in client.get(reverse("publico:acuerdos"), params).content.decode()) is visible
    datos = client.get(reverse("api:acuerdos"), params).json()
    assert (clave in [a["clave"] for a in datos["results"]]) is visible


def test_publicar_un_acuerdo_invalida_la_pagina_en_cache(client, portal, juridico):
    url = reverse("publico:acuerdos")
    primera = client.get(url).content.decode()
    assert "Acuerdo NUEVO recién publicado" not in primera
    with CaptureQueriesContext(connection) as consultas:
        assert client.get(url).content.decode() == primera
    assert len(consultas) == 0
    acuerdo_en(portal["sesion"], juridico, "Acuerdo NUEVO recién publicado")
    assert "Acuerdo NUEVO recién publicado" in client.get(url).content.decode()
    api = client.get(reverse("api:acuerdos")).json()
    assert api["count"] == 2
    assert "Acuerdo NUEVO recién publicado" in [a["texto"] for a in api["results"]]


def test_cambio_de_anexo_invalida_la_pagina_de_sesion(client, portal):
    url = reverse("publico:sesion", args=[portal["sesion"].pk])
    anexo = portal["anexo_reservado"]
    assert anexo.titulo not in client.get(url).content.decode()
    anexo.clasificacion = Clasificacion.PUBLICA
    anexo.save(update_fields=["clasificacion"])
    assert anexo.titulo in client.get(url).content.decode()
    anexo.clasificacion = Clasificacion.RESERVADA
    anexo.save(update_fields=["clasificacion"])
    assert anexo.titulo not in client.get(url).content.decode()


def test_despublicar_en_bd_invalida_aunque_haya_cache(client, portal):
    # Cualquier guardado de un acuerdo renueva el sello, también fuera de los servicios.
    url = reverse("publico:acuerdo", args=[portal["publicado"].pk])
    assert client.get(url).status_code == 200
    acuerdo = Acuerdo.objects.get(pk=portal["publicado"].pk)
    acuerdo.estado = "cumplido"
    acuerdo.save(update_fields=["estado"])
    assert client.get(url).status_code == 404


def test_usuario_con_sesion_no_usa_la_cache(client, portal, juridico):
    client.force_login(juridico)
    url = reverse("publico:acuerdos")
    client.get(url)
    with CaptureQueriesContext(connection) as consultas:
        assert client.get(url).status_code == 200
    assert len(consultas) > 0


def test_sin_cache_de_paginas_el_total_se_cuenta_una_vez(client, portal, settings):
    settings.TRANSPARENCIA_CACHE_PAGINAS = 0
    url = reverse("publico:acuerdos")
    with CaptureQueriesContext(connection) as primera:
        client.get(url)
    with CaptureQueriesContext(connection) as segunda:
        respuesta = client.get(url)
    assert respuesta.status_code == 200
    conteos = [c for c in segunda.captured_queries if "COUNT(" in c["sql"].upper()]
    assert not conteos
    assert len(segunda) < len(primera)


def test_paginas_acotadas(client, portal, juridico, monkeypatch):
    for i in range(3):
        acuerdo_en(portal["sesion"], juridico, f"Acuerdo de relleno {i}")
    monkeypatch.setattr(selectors, "PAGINAS_MAXIMAS", 2)
    api = client.get(reverse("api:acuerdos"), {"por_pagina": 1})
    assert api.json()["count"] == 4  # el total real, aunque solo se recorran 2 páginas
    assert client.get(reverse("api:acuerdos"), {"por_pagina": 1, "pagina": 2}).status_code == 200
    assert client.get(reverse("api:acuerdos"), {"por_pagina": 1, "pagina": 3}).status_code == 404
    # En el portal, una página fuera de rango muestra la última (aquí, la única).
    pagina = client.get(reverse("publico:acuerdos"), {"pagina": 9})
    assert pagina.status_code == 200
    assert portal["publicado"].clave in pagina.content.decode()


def test_orden_reciente_primero(client, portal, juridico, organo):
    from tests.factories import sesion_programada

    from .conftest import celebrar

    posterior = sesion_programada(
        organo=organo, usuario=juridico, fecha=datetime.datetime(2025, 5, 5, 10, 0, tzinfo=MX)
    )
    celebrar(posterior, juridico)
    nuevo = acuerdo_en(posterior, juridico, "Acuerdo de la sesión POSTERIOR")
    otro = acuerdo_en(portal["sesion"], juridico, "Segundo acuerdo de la primera sesión")
    claves = [a["clave"] for a in client.get(reverse("api:acuerdos")).json()["results"]]
    assert claves == [nuevo.clave, otro.clave, portal["publicado"].clave]


def test_indice_de_trigramas_solo_en_postgresql():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'acuerdo_busqueda_trgm_idx'"
            )
            (definicion,) = cursor.fetchone()
            assert "gin_trgm_ops" in definicion
        else:
            nombres = list(connection.introspection.get_constraints(cursor, "acuerdos_acuerdo"))
            assert "acuerdo_busqueda_trgm_idx" not in nombres
            assert "acuerdo_pub_fecha_idx" in nombres


def test_anexo_reservado_sigue_oculto_con_cache(client, portal):
    url = reverse("publico:sesion", args=[portal["sesion"].pk])
    assert portal["anexo_reservado"].titulo not in client.get(url).content.decode()
    # Segunda vez, desde la caché: lo mismo.
    assert portal["anexo_reservado"].titulo not in client.get(url).content.decode()

"""Pruebas de propiedades contra el esquema OpenAPI: ningún 500 en los endpoints públicos."""

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings


def _esquema():
    # El esquema se genera en proceso (el mismo que sirve /api/v1/schema/) y las llamadas van
    # a la aplicación WSGI sin red; el middleware se arma sin redirección a HTTPS.
    documento = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
    cargado = schemathesis.openapi.from_dict(documento)
    with override_settings(SECURE_SSL_REDIRECT=False):
        cargado.app = get_wsgi_application()
    return cargado.include(method="GET").exclude(path_regex="gestion")


esquema = _esquema()


@pytest.fixture
def datos(db, portal):
    # Como el cliente de pruebas de Django: sin cerrar la conexión al terminar cada petición,
    # que en PostgreSQL cerraría la transacción de la prueba.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield portal
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@esquema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_sin_errores_500(case, datos):
    respuesta = case.call()
    assert respuesta.status_code < 500, (case.path, case.query, respuesta.text[:300])

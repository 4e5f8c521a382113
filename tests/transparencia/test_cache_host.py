"""Caché pública: otra petición con otro Host o con X-Forwarded-Proto no la envenena."""

import pytest

pytestmark = pytest.mark.django_db


def _popolo(client, sesion, **encabezados):
    return client.get(f"/api/v1/sesiones/{sesion.pk}/popolo/", **encabezados)


def test_otro_host_no_envenena_la_cache(client, settings, portal):
    settings.ALLOWED_HOSTS = ["testserver", "atacante.example"]
    sesion = portal["sesion"]
    envenenada = _popolo(client, sesion, HTTP_HOST="atacante.example")
    assert envenenada.status_code == 200
    assert "http://atacante.example/" in envenenada.content.decode()

    normal = _popolo(client, sesion)
    assert normal.status_code == 200
    cuerpo = normal.content.decode()
    assert "atacante.example" not in cuerpo
    assert "http://testserver/publico/sesiones/" in cuerpo


def test_x_forwarded_proto_se_ignora_sin_proxy_declarado(client, settings, portal):
    settings.SECURE_PROXY_SSL_HEADER = None  # lo que da SESIONES_PROXY_HTTPS apagado
    sesion = portal["sesion"]
    primera = _popolo(client, sesion, HTTP_X_FORWARDED_PROTO="https")
    assert "https://" not in primera.content.decode()
    assert "https://" not in _popolo(client, sesion).content.decode()


def test_con_proxy_declarado_el_esquema_separa_la_cache(client, settings, portal):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    sesion = portal["sesion"]
    segura = _popolo(client, sesion, HTTP_X_FORWARDED_PROTO="https")
    assert "https://testserver" in segura.content.decode()
    simple = _popolo(client, sesion)
    assert "https://" not in simple.content.decode()


def test_host_no_permitido_es_400(client, portal):
    respuesta = _popolo(client, portal["sesion"], HTTP_HOST="atacante.example")
    assert respuesta.status_code == 400

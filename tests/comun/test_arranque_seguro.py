"""Arranque de producción que no puede ser inseguro, límite de entradas por IP y 403 sin traza."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as ajustes
from django.core import signing
from django.urls import reverse

from comun.roles import GRUPO_JURIDICO
from entregas import enlaces
from entregas.models import Entrega
from tests import factories

RAIZ = Path(__file__).resolve().parent.parent.parent


def _manage(*args, tmp_path, **entorno):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SESIONES_"))}
    env.update({"SESIONES_VAR_DIR": str(tmp_path), **entorno})
    return subprocess.run(  # noqa: S603
        [sys.executable, str(RAIZ / "manage.py"), *args],
        cwd=RAIZ,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_sin_clave_propia_fuera_de_desarrollo_no_arranca(tmp_path):
    salida = _manage("check", tmp_path=tmp_path)
    assert salida.returncode != 0
    assert "Falta DJANGO_SECRET_KEY" in salida.stderr


def test_la_clave_publica_del_repositorio_tampoco_arranca(tmp_path):
    salida = _manage("check", tmp_path=tmp_path, DJANGO_SECRET_KEY=ajustes.CLAVE_DESARROLLO)
    assert salida.returncode != 0
    assert "Falta DJANGO_SECRET_KEY" in salida.stderr


def test_check_deploy_falla_con_la_clave_publica_aun_en_desarrollo(tmp_path):
    salida = _manage("check", "--deploy", tmp_path=tmp_path, DJANGO_DEBUG="1")
    assert salida.returncode != 0
    assert "sesiones.E001" in salida.stderr


def test_check_deploy_limpio_con_valores_de_produccion(tmp_path):
    salida = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        DJANGO_SECRET_KEY="una-clave-propia-larga-y-aleatoria-" + "k7Qz" * 10,
        DJANGO_ALLOWED_HOSTS="sesiones.example.gob.mx",
    )
    assert salida.returncode == 0, salida.stderr


def test_collectstatic_de_produccion_termina(tmp_path):
    """El almacenamiento con manifiesto falla si un archivo nombra un .map que no existe."""
    salida = _manage(
        "collectstatic",
        "--noinput",
        tmp_path=tmp_path,
        DJANGO_SECRET_KEY="una-clave-propia-larga-y-aleatoria-" + "k7Qz" * 10,
    )
    assert salida.returncode == 0, salida.stderr[-2000:]
    assert (tmp_path / "staticfiles" / "staticfiles.json").exists()


@pytest.mark.django_db
def test_un_enlace_firmado_con_la_clave_publica_no_sirve(client, sesion_proxima, juridico, enviar):
    enviar(sesion_proxima, juridico)
    entrega = Entrega.objects.order_by("pk").first()
    legitimo = enlaces.token_para(entrega)
    falsificado = signing.dumps(
        {"e": entrega.pk, "p": entrega.persona_id},
        key=ajustes.CLAVE_DESARROLLO,
        salt=enlaces.SAL,
        compress=True,
    )
    assert client.get(reverse("portal:enlace", args=[legitimo])).status_code == 200
    respuesta = client.post(reverse("portal:enlace_acusar", args=[falsificado]))
    assert respuesta.status_code in (400, 403, 404)
    entrega.refresh_from_db()
    assert entrega.acusado_en is None


@pytest.fixture
def limite_encendido(settings):
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    settings.SESIONES_FALLOS_POR_IP = 8
    yield
    AccessAttempt.objects.all().delete()


def _entrar(client, usuario, clave="equivocada"):
    return client.post(
        reverse("login"), {"username": usuario, "password": clave}, REMOTE_ADDR="10.9.8.7"
    )


@pytest.mark.django_db
def test_muchos_usuarios_desde_una_ip_la_bloquean(client, limite_encendido):
    factories.UserFactory(username="legitima", password="clave-correcta-1", grupos=[GRUPO_JURIDICO])
    for n in range(8):
        _entrar(client, f"usuario{n}")
    respuesta = _entrar(client, "legitima", "clave-correcta-1")
    assert respuesta.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_cinco_fallos_de_un_usuario_no_bloquean_a_otro(client, limite_encendido):
    factories.UserFactory(username="legitima", password="clave-correcta-1", grupos=[GRUPO_JURIDICO])
    for _ in range(5):
        _entrar(client, "adivinado")
    assert _entrar(client, "adivinado").status_code == 429
    respuesta = _entrar(client, "legitima", "clave-correcta-1")
    assert respuesta.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.django_db
def test_un_403_no_escribe_traza(client, seguimiento, caplog):
    client.force_login(seguimiento)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get("/sesiones/nueva/").status_code == 403
    rechazos = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert rechazos
    assert all(r.exc_info is None and not r.exc_text for r in rechazos)

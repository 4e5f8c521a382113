"""Pruebas en navegador: Chromium de Debian manejado por Playwright contra el live_server."""

import os
import re
import shutil
from pathlib import Path

import pytest

# Playwright corre su propio ciclo de eventos; el live_server de Django vive en otro hilo.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
RAIZ = Path(__file__).resolve().parents[2]
# Las capturas van a var/capturas/; con SESIONES_CAPTURAS_README=1 reemplazan las del README.
CAPTURAS = RAIZ / (
    "docs/capturas" if os.environ.get("SESIONES_CAPTURAS_README") else "var/capturas"
)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--lang=es-MX",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "es-MX",
        "viewport": {"width": 1366, "height": 900},
        "timezone_id": "America/Mexico_City",
    }


@pytest.fixture
def live_server(request, _ajustes_de_prueba, settings):
    """Un servidor por prueba, arrancado DESPUÉS de los ajustes de prueba.

    El de pytest-django es de sesión: arranca antes que los ajustes autouse y su
    SecurityMiddleware queda con la redirección a HTTPS del entorno (el navegador recibe
    ERR_SSL_PROTOCOL_ERROR). Arrancarlo aquí hace que lea los valores de prueba.
    """
    from pytest_django.live_server_helper import LiveServer

    settings.SECURE_HSTS_SECONDS = 0
    servidor = LiveServer(os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
    yield servidor
    servidor.stop()


@pytest.fixture
def demo(transactional_db, settings):
    from django.core.management import call_command

    settings.DEBUG = False
    call_command("cargar_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def entrar(live_server, page):
    def _entrar(usuario: str, clave: str = "sesiones2022"):
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/entrar/")
        page.fill("input[name=username]", usuario)
        page.fill("input[name=password]", clave)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _entrar


def campo(contenedor, etiqueta: str):
    """El control con esa etiqueta exacta; crispy agrega «*» a los obligatorios."""
    patron = re.escape(etiqueta).replace("\\ ", " ")  # «\ » no vale en JS con bandera u
    return contenedor.get_by_label(re.compile(rf"^\s*{patron}\s*\*?\s*$"))


def capturar(page, nombre: str) -> Path:
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    ruta = CAPTURAS / f"{nombre}.png"
    page.screenshot(path=str(ruta), full_page=True)
    return ruta


def pdf_de_una_pagina(ruta: Path) -> Path:
    """Un PDF real de una página (pypdf), para subirlo como anexo."""
    from pypdf import PdfWriter

    escritor = PdfWriter()
    escritor.add_blank_page(width=612, height=792)
    escritor.add_metadata({"/Title": "Anexo de prueba"})
    with ruta.open("wb") as salida:
        escritor.write(salida)
    return ruta

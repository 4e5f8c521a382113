"""Pruebas en navegador: Chromium de Debian manejado por Playwright contra el live_server."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright corre su propio ciclo de eventos; el live_server de Django vive en otro hilo.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CAPTURAS = Path(__file__).resolve().parents[2] / "docs" / "capturas"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "es-MX", "viewport": {"width": 1366, "height": 900},
            "timezone_id": "America/Mexico_City"}


@pytest.fixture
def demo(transactional_db, settings):
    from django.core.management import call_command

    settings.DEBUG = False
    call_command("cargar_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def entrar(live_server, page):
    def _entrar(usuario: str, clave: str = "sesiones2022"):
        page.goto(f"{live_server.url}/entrar/")
        page.fill("input[name=username]", usuario)
        page.fill("input[name=password]", clave)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _entrar


def capturar(page, nombre: str) -> Path:
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    ruta = CAPTURAS / f"{nombre}.png"
    page.screenshot(path=str(ruta), full_page=True)
    return ruta

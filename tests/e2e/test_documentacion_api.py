"""Swagger UI y ReDoc dibujan la API bajo la política de seguridad de contenido (sin unsafe-inline)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def _escuchar(page) -> list[str]:
    mensajes: list[str] = []
    page.on("console", lambda m: mensajes.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: mensajes.append(f"pageerror: {e}"))
    return mensajes


def test_swagger_ui_muestra_las_operaciones(live_server, page, settings):
    settings.DEBUG = False
    mensajes = _escuchar(page)
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/api/v1/docs/")
    operaciones = page.locator(".swagger-ui .opblock")
    expect(operaciones.first).to_be_visible()
    assert operaciones.count() > 5
    expect(page.locator(".swagger-ui .opblock-summary-path").first).to_contain_text("/api/v1/")
    assert not [m for m in mensajes if "Content Security Policy" in m or "pageerror" in m]


def test_redoc_muestra_las_operaciones(live_server, page, settings):
    settings.DEBUG = False
    mensajes = _escuchar(page)
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/api/v1/redoc/")
    expect(page.get_by_role("heading", name="Sesiones — datos abiertos (1.0.0)")).to_be_visible()
    operaciones = page.locator("[data-section-id*='/operation/']")
    expect(operaciones.first).to_be_visible()
    assert operaciones.count() > 5
    expect(page.locator("[data-section-id='tag/acuerdos/operation/acuerdos_list']")).to_be_visible()
    # Ni scripts en línea bloqueados ni hojas de estilo de fuera (antes: fuentes de Google).
    bloqueados = [m for m in mensajes if "Content Security Policy" in m]
    assert not [m for m in bloqueados if "inline script" in m or "stylesheet" in m]
    assert not [m for m in mensajes if "pageerror" in m]


def test_redoc_busca(live_server, page, settings):
    settings.DEBUG = False
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/api/v1/redoc/")
    expect(page.locator("[data-section-id*='/operation/']").first).to_be_visible()
    page.get_by_placeholder("Search...").fill("acuerdos")
    expect(page.locator("[data-role='search:results'] label").first).to_be_visible(timeout=5_000)

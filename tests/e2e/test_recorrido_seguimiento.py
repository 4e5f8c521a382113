"""Recorrido del área de seguimiento en el navegador: de «en seguimiento» a «publicado»."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import campo, capturar

pytestmark = pytest.mark.django_db(transaction=True)

URL_WEB = "https://sesaech.example/transparencia/estados-financieros-2021"


def _tarjeta(page, titulo: str):
    return page.locator(".card", has=page.get_by_role("heading", name=titulo, exact=True))


def test_seguimiento_publica_un_acuerdo(demo, entrar):
    from acuerdos.models import Acuerdo, EstadoAcuerdo

    # El acuerdo de los estados financieros del Órgano de Gobierno sigue en seguimiento.
    pendiente = Acuerdo.objects.get(organo__siglas="OG", texto__contains="estados financieros")
    assert pendiente.estado == EstadoAcuerdo.EN_SEGUIMIENTO
    publicados_og = Acuerdo.objects.filter(
        organo__siglas="OG", estado=EstadoAcuerdo.PUBLICADO
    ).count()

    page = entrar("seguimiento")
    page.get_by_role("navigation").get_by_role("link", name="Acuerdos").click()
    expect(page.get_by_role("heading", name="Seguimiento de acuerdos")).to_be_visible()
    filas = page.locator("main table tbody tr")
    expect(filas).to_have_count(Acuerdo.objects.count())  # sin filtros: todos
    expect(filas.filter(has_text=pendiente.clave)).to_have_count(1)

    # Filtrar: Órgano de Gobierno, en seguimiento.
    campo(page, "Órgano").select_option(label="Órgano de Gobierno")
    campo(page, "Estado").select_option(label="En seguimiento")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.get_by_text("1 acuerdos.")).to_be_visible()
    expect(filas).to_have_count(1)
    expect(filas.first).to_contain_text(pendiente.clave)
    expect(filas.first).to_contain_text("En seguimiento")
    capturar(page, "acuerdos")

    # El tablero, de paso.
    page.get_by_role("link", name="Tablero").first.click()
    expect(page.get_by_role("heading", name="Tablero de acuerdos")).to_be_visible()
    expect(page.get_by_role("img", name="Acuerdos por órgano y estado")).to_be_visible()
    capturar(page, "tablero")
    page.go_back()

    page.get_by_role("link", name=pendiente.clave, exact=True).click()
    expect(page.get_by_role("heading", name=f"Acuerdo {pendiente.clave}")).to_be_visible()

    # Este acuerdo también se publicará en el Periódico Oficial: se cambia el dato.
    page.get_by_text("Datos de seguimiento", exact=True).click()
    datos = page.locator("details", has_text="Datos de seguimiento")
    campo(datos, "Publicación requerida").select_option(
        label="Página electrónica y Periódico Oficial"
    )
    datos.get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("Datos de seguimiento actualizados.")).to_be_visible()

    # Cumplido, con su nota.
    cambiar = _tarjeta(page, "Cambiar estado")
    cambiar.get_by_label("Nuevo estado").select_option(label="Cumplido")
    campo(cambiar, "Nota").fill("La Unidad de Apoyo Administrativo remitió los estados a Hacienda.")
    cambiar.get_by_role("button", name="Cambiar estado").click()
    expect(page.get_by_text("Estado del acuerdo actualizado.")).to_be_visible()
    expect(page.locator("h1 + .badge, h1 ~ span").filter(has_text="Cumplido")).to_be_visible()

    # Publicar sin evidencia se rechaza con un mensaje claro.
    cambiar = _tarjeta(page, "Cambiar estado")
    cambiar.get_by_label("Nuevo estado").select_option(label="Publicado")
    cambiar.get_by_role("button", name="Cambiar estado").click()
    expect(page.get_by_text("Falta la evidencia de publicación en")).to_be_visible()

    # Evidencia en la página electrónica…
    publicar = _tarjeta(page, "Registrar publicación")
    campo(publicar, "Medio").select_option(label="Página electrónica")
    campo(publicar, "Fecha de publicación").fill("2022-03-15")
    campo(publicar, "URL (página electrónica)").fill(URL_WEB)
    publicar.get_by_role("button", name="Registrar evidencia").click()
    expect(page.get_by_text("Evidencia de publicación registrada.")).to_be_visible()

    # … y en el Periódico Oficial.
    publicar = _tarjeta(page, "Registrar publicación")
    campo(publicar, "Medio").select_option(label="Periódico Oficial del Estado")
    campo(publicar, "Fecha de publicación").fill("2022-03-16")
    campo(publicar, "Número del Periódico Oficial").fill("215")
    campo(publicar, "Tomo / sección").fill("Tomo III, 2.ª sección")
    campo(publicar, "Número de publicación").fill("Publicación No. 1812-A-2022")
    publicar.get_by_role("button", name="Registrar evidencia").click()
    expect(page.get_by_text("Evidencia de publicación registrada.")).to_be_visible()

    cambiar = _tarjeta(page, "Cambiar estado")
    cambiar.get_by_label("Nuevo estado").select_option(label="Publicado")
    campo(cambiar, "Nota").fill("Publicado en ambos medios.")
    cambiar.get_by_role("button", name="Cambiar estado").click()
    expect(page.get_by_text("Estado del acuerdo actualizado.")).to_be_visible()

    # Lo que ve: estado final, evidencia y la historia completa.
    expect(page.locator("h1 ~ span").filter(has_text="Publicado")).to_be_visible()
    evidencia = _tarjeta(page, "Evidencia de publicación")
    expect(evidencia.get_by_role("link", name=URL_WEB)).to_be_visible()
    expect(evidencia).to_contain_text("Periódico Oficial núm. 215, Tomo III, 2.ª sección")
    historia = page.locator("ol.linea-tiempo > li")
    expect(historia.filter(has_text="En seguimiento → Cumplido")).to_have_count(1)
    expect(historia.filter(has_text="Cumplido → Publicado")).to_have_count(1)
    expect(historia.filter(has_text="Publicación en Página electrónica")).to_have_count(1)
    expect(historia.filter(has_text="Publicación en Periódico Oficial del Estado")).to_have_count(1)
    expect(_tarjeta(page, "Cambiar estado")).to_have_count(0)  # estado final: sin destinos
    capturar(page, "acuerdo")

    # Y en la lista ya aparece entre los publicados del Órgano de Gobierno.
    page.get_by_role("link", name="Acuerdos", exact=True).first.click()
    campo(page, "Órgano").select_option(label="Órgano de Gobierno")
    campo(page, "Estado").select_option(label="Publicado")
    page.get_by_role("button", name="Filtrar").click()
    expect(filas).to_have_count(publicados_og + 1)
    expect(filas.filter(has_text=pendiente.clave)).to_have_count(1)
    assert re.search(r"estado=publicado", page.url)

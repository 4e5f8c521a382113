"""Lo que ve quien no es personal: un integrante (solo lo suyo) y un visitante anónimo."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import campo, capturar

pytestmark = pytest.mark.django_db(transaction=True)

CLAVE_CC = "SO-04-CC/SAECH/2022"


def test_integrante_ve_solo_lo_suyo(demo, entrar, live_server):
    from sesiones.models import Anexo, Clasificacion, Sesion

    sesion_cc = Sesion.objects.get(clave=CLAVE_CC)
    anexos = list(Anexo.objects.filter(punto__sesion=sesion_cc).order_by("pk"))
    reservado = next(a for a in anexos if a.clasificacion == Clasificacion.RESERVADA)
    publicos = [a for a in anexos if a.clasificacion == Clasificacion.PUBLICA]
    assert publicos
    # Las mismas personas integran CC y OG: lo ajeno para integrante.cc es la Comisión Ejecutiva.
    ajena = Sesion.objects.filter(organo__siglas="CE").order_by("fecha_hora").first()

    page = entrar("integrante.cc")
    expect(page.get_by_role("link", name="Programar sesión")).to_have_count(0)
    page.get_by_role("navigation").get_by_role("link", name="Sesiones", exact=True).click()
    filas = page.locator("main table tbody tr")
    expect(filas.filter(has_text=CLAVE_CC)).to_have_count(1)
    organos = set(page.locator("main table tbody tr td:nth-child(3)").all_inner_texts())
    assert "CE" not in organos
    assert "CC" in organos

    campo(page, "Clave o sede").fill("SO-04-CC")
    page.get_by_role("button", name="Filtrar").click()
    expect(filas).to_have_count(1)
    filas.first.get_by_role("link", name="Cuarta Sesión Ordinaria").click()
    expect(page.get_by_role("heading", name="Cuarta Sesión Ordinaria")).to_be_visible()
    expect(page.locator("main").get_by_text(CLAVE_CC, exact=True).first).to_be_visible()

    # Ve los anexos públicos y el reservado, marcado como tal; no ve acciones del personal.
    orden = page.locator("#orden-dia")
    for anexo in publicos:
        expect(orden.get_by_role("link", name=anexo.titulo, exact=True)).to_be_visible()
    enlace_reservado = orden.get_by_role("link", name=reservado.titulo, exact=True)
    expect(enlace_reservado).to_be_visible()
    fila_reservado = orden.locator(
        "li.d-flex", has=page.get_by_role("link", name=reservado.titulo, exact=True)
    )
    expect(fila_reservado.get_by_text("Reservada")).to_be_visible()
    expect(page.get_by_role("link", name="Pasar lista")).to_have_count(0)
    expect(page.get_by_role("link", name="Agregar punto")).to_have_count(0)
    expect(page.get_by_role("link", name="Documentos de la sesión")).to_have_count(0)
    with page.expect_download() as descarga:
        enlace_reservado.click()
    assert descarga.value.suggested_filename.endswith(".docx")

    # La sesión de un órgano ajeno, pedida por URL: 404, sin mostrar nada de ella.
    respuesta = page.goto(f"{live_server.url}{ajena.get_absolute_url()}")
    assert respuesta.status == 404
    expect(page.get_by_text(ajena.clave)).to_have_count(0)
    expect(page.get_by_text(ajena.sede)).to_have_count(0)
    page.go_back()

    # El portal: confirma su asistencia a la próxima sesión del Comité Coordinador.
    proxima = (
        Sesion.objects.filter(organo__siglas="CC", fecha_hora__gte=sesion_cc.fecha_hora)
        .exclude(pk=sesion_cc.pk)
        .order_by("fecha_hora")
        .first()
    )
    page.get_by_role("link", name="Mi portal").click()
    expect(page.get_by_role("heading", name="Portal de integrantes")).to_be_visible()
    proximas = page.locator(".card", has_text="Próximas sesiones")
    expect(proximas.get_by_text(ajena.nombre_completo)).to_have_count(0)
    proximas.get_by_role("link", name=proxima.nombre_completo).click()
    confirmacion = page.locator(".card", has_text="Confirmación de asistencia")
    confirmacion.get_by_label("Asistirá", exact=True).check()
    confirmacion.get_by_role("button", name="Enviar respuesta").click()
    expect(page.get_by_text("Su respuesta quedó registrada.")).to_be_visible()
    expect(page.locator(".card", has_text="Confirmación de asistencia")).to_contain_text(
        "Su respuesta actual: Asistirá"
    )
    capturar(page, "portal")


def test_visitante_anonimo(demo, page, live_server):
    from acuerdos.models import Acuerdo

    estatuto = Acuerdo.objects.get(texto__contains="Estatuto Orgánico")
    page.set_default_timeout(15_000)

    # Lo del personal pide entrar y vuelve a donde iba.
    page.goto(f"{live_server.url}/acuerdos/")
    expect(page).to_have_url(re.compile(r"/entrar/\?next=/acuerdos/$"))
    expect(page.get_by_role("heading", name="Entrar a Sesiones")).to_be_visible()
    page.goto(f"{live_server.url}/sesiones/{estatuto.sesion_id}/")
    expect(page).to_have_url(re.compile(rf"/entrar/\?next=/sesiones/{estatuto.sesion_id}/$"))

    # El portal público: busca sin acentos y encuentra el acuerdo publicado.
    page.goto(f"{live_server.url}/publico/")
    page.get_by_role("navigation", name="Secciones del portal").get_by_role(
        "link", name="Acuerdos"
    ).click()
    expect(page.get_by_role("heading", name="Acuerdos publicados")).to_be_visible()
    page.get_by_label("Texto o clave").fill("estatuto organico")
    page.get_by_role("button", name="Buscar").click()
    resultados = page.locator("main article")
    expect(resultados).to_have_count(1)
    expect(page.get_by_text("1 acuerdo.")).to_be_visible()
    resultados.first.get_by_role("link", name=estatuto.clave).click()
    expect(page.get_by_role("heading", name=f"Acuerdo {estatuto.clave}")).to_be_visible()
    expect(page.get_by_text("Se aprueba el Estatuto Orgánico")).to_be_visible()
    expect(page.locator("dl")).to_contain_text("Publicado")
    expect(page.locator("dl")).to_contain_text("Periódico Oficial núm. 209")
    capturar(page, "publico")

    # Lo que sigue en seguimiento no aparece en el portal público.
    page.get_by_role("link", name="Acuerdos", exact=True).first.click()
    page.get_by_label("Texto o clave").fill("estados financieros")
    page.get_by_role("button", name="Buscar").click()
    expect(page.get_by_text("0 acuerdos.")).to_be_visible()
    expect(page.get_by_text("No se encontraron acuerdos publicados.")).to_be_visible()

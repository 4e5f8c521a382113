"""Recorrido de la Dirección Jurídica en el navegador: de programar una sesión al acta."""

import datetime
import re
from email.utils import parseaddr

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import campo, capturar, pdf_de_una_pagina

pytestmark = pytest.mark.django_db(transaction=True)

ASUNTO = (
    "Análisis y, en su caso, aprobación del «Programa de Capacitación 2027» & anexos <técnicos>"
)
TEXTO_ACUERDO = "Se aprueba el Programa de Capacitación 2027 de la Secretaría Ejecutiva."


def _fecha_de_la_nueva_sesion():
    """Dos semanas adelante, en un periodo del Comité Coordinador que la contenga."""
    from django.utils import timezone

    from sesiones.models import OrganoColegiado, Periodo, Sesion, TipoSesion

    fecha = timezone.localdate() + datetime.timedelta(days=14)
    cc = OrganoColegiado.objects.get(siglas="CC")
    periodo = Periodo.objects.filter(
        organo=cc, fecha_inicio__lte=fecha, fecha_fin__gte=fecha
    ).first()
    if periodo is None:
        # Cerca de fin de año la demostración solo abre el periodo del año en curso.
        periodo = Periodo.objects.create(
            organo=cc,
            nombre=str(fecha.year),
            fecha_inicio=datetime.date(fecha.year, 1, 1),
            fecha_fin=datetime.date(fecha.year, 12, 31),
        )
    numero = Sesion.objects.filter(periodo=periodo, tipo=TipoSesion.ORDINARIA).count() + 1
    return fecha, numero


def test_direccion_juridica_prepara_y_celebra_una_sesion(demo, entrar, live_server, tmp_path):
    from comun.letras import ordinal_femenino_titulo

    fecha, numero = _fecha_de_la_nueva_sesion()
    clave = f"SO-{numero:02d}-CC/SAECH/{fecha.year}"
    nombre = f"{ordinal_femenino_titulo(numero)} Sesión Ordinaria"

    page = entrar("juridico")
    expect(page.get_by_role("heading", name="Inicio")).to_be_visible()
    expect(page.get_by_role("heading", name="Próximas sesiones")).to_be_visible()
    capturar(page, "inicio")

    # Programar la sesión.
    page.get_by_role("link", name="Programar sesión").click()
    campo(page, "Órgano colegiado").select_option(label="Comité Coordinador")
    campo(page, "Tipo de sesión").select_option(label="Ordinaria")
    campo(page, "Fecha").fill(fecha.isoformat())
    campo(page, "Hora").fill("10:30")
    campo(page, "Sede").fill("Sala de Juntas de la Secretaría Ejecutiva")
    page.get_by_role("button", name="Programar").click()
    expect(page.get_by_role("heading", name=nombre, exact=True)).to_be_visible()
    expect(page.get_by_text(f"Se programó la {nombre} ({clave}).")).to_be_visible()
    expect(page.locator("main").get_by_text(clave, exact=True).first).to_be_visible()
    url_sesion = page.url
    assert re.search(r"/sesiones/\d+/$", url_sesion)

    # Un punto «para acuerdo» con texto que debe mostrarse escapado.
    page.get_by_role("link", name="Agregar punto").click()
    campo(page, "Asunto").fill(ASUNTO)
    campo(page, "Tipo").select_option(label="Para acuerdo")
    campo(page, "Presenta").fill("la Secretaria Técnica")
    page.get_by_role("button", name="Guardar").click()
    punto = page.locator("#orden-dia > ol > li", has_text="Programa de Capacitación 2027")
    expect(punto).to_have_count(1)
    expect(punto.locator(".punto-texto")).to_have_text(ASUNTO)
    expect(punto.get_by_text("Para acuerdo")).to_be_visible()
    orden_punto = punto.locator("[data-orden]").inner_text().rstrip(".")

    # Un anexo PDF real, de una página.
    punto.get_by_role("button", name="Más acciones").click()
    punto.get_by_role("link", name="Subir anexo").click()
    campo(page, "Archivo").set_input_files(pdf_de_una_pagina(tmp_path / "programa.pdf"))
    campo(page, "Título").fill("Programa de Capacitación 2027 (proyecto)")
    page.get_by_role("button", name="Subir").click()
    page.wait_for_url(re.compile(r"/sesiones/\d+/(#orden-dia)?$"))
    punto = page.locator("#orden-dia > ol > li", has_text="Programa de Capacitación 2027")
    expect(
        punto.get_by_role("link", name="Programa de Capacitación 2027 (proyecto)", exact=True)
    ).to_be_visible()
    expect(punto.get_by_text("Pública")).to_be_visible()

    # Convocar (con justificación solo si la página la pide por aviso insuficiente).
    page.get_by_role("link", name="Convocar").click()
    expect(page.get_by_role("heading", name="Convocar")).to_be_visible()
    justificacion = campo(page, "Justificación de convocatoria tardía")
    if justificacion.count():
        justificacion.fill(
            "Se convoca con la anticipación disponible por acuerdo de la Presidencia."
        )
    page.get_by_role("button", name="Confirmar").click()
    expect(page.get_by_text(f"La {nombre} quedó convocada.")).to_be_visible()

    # Documentos: generar convocatorias, esperar a que terminen y descargar una.
    panel = page.locator("#panel-documentos")
    panel.get_by_role("button", name="Generar convocatorias").click()
    expect(panel.get_by_text("Aún no se han generado documentos")).to_have_count(0, timeout=30_000)
    filas = panel.locator("tbody tr", has_text="Convocatoria")
    expect(filas).to_have_count(7, timeout=30_000)  # los 7 titulares del Comité Coordinador
    expect(panel.get_by_role("status")).to_have_count(0, timeout=30_000)
    with page.expect_download() as descarga:
        filas.first.get_by_role("link", name="DOCX").click()
    archivo = descarga.value
    assert archivo.suggested_filename.endswith(".docx")
    ruta = tmp_path / archivo.suggested_filename
    archivo.save_as(ruta)
    assert ruta.read_bytes()[:2] == b"PK"  # un DOCX es un ZIP
    capturar(page, "documentos")

    # Entrega: cada titular recibe su convocatoria por correo.
    entregas = page.locator("#panel-entregas")
    expect(entregas.locator("tbody tr")).to_have_count(7)
    mail.outbox.clear()
    entregas.get_by_role("button", name="Enviar convocatorias (7)").click()
    expect(entregas.locator("[data-estado=enviado]")).to_have_count(7, timeout=30_000)
    expect(entregas.get_by_role("button", name=re.compile("Enviar convocatorias"))).to_have_count(0)
    destinatarios = sorted(parseaddr(d)[1] for correo in mail.outbox for d in correo.to)
    assert destinatarios == _correos_de_titulares(fecha)

    # Pasar lista hasta que el panel diga que hay quórum (se actualiza en vivo por htmx).
    page.get_by_role("link", name="Pasar lista").click()
    expect(page.get_by_role("heading", name="Lista de asistencia")).to_be_visible()
    quorum = page.locator("#panel-quorum")
    expect(quorum.get_by_text("Sin quórum")).to_be_visible()
    requeridos = int(quorum.locator("[data-dato=requeridos]").inner_text())
    selectores = page.locator("tbody select")
    assert selectores.count() == 7
    for i in range(requeridos):
        expect(quorum.get_by_text("Hay quórum")).to_have_count(0)
        selectores.nth(i).select_option(label="Presente")
        expect(quorum.locator("[data-dato=presentes]")).to_have_text(str(i + 1))
    expect(quorum.get_by_text("Hay quórum")).to_be_visible()
    expect(quorum.get_by_text(f"Presentes {requeridos} de 7")).to_be_visible()
    capturar(page, "asistencia")
    page.get_by_role("link", name="Volver a la sesión").click()

    # Celebrar.
    page.get_by_role("link", name="Marcar como celebrada").click()
    campo(page, "Hora de clausura").fill("12:15")
    expect(page.locator("#panel-quorum").get_by_text("Hay quórum")).to_be_visible()
    page.get_by_role("button", name="Confirmar").click()
    expect(page.get_by_text(f"La {nombre} quedó celebrada.")).to_be_visible()

    # Un acuerdo bajo el punto, con su votación.
    acuerdos = page.locator("#acuerdos-sesion")
    acuerdos.get_by_text("Registrar un acuerdo").click()
    campo(acuerdos, "Punto del orden del día").select_option(label=f"{orden_punto}. {ASUNTO[:90]}")
    campo(acuerdos, "Tipo").select_option(label="Aprobación")
    campo(acuerdos, "Texto del acuerdo").fill(TEXTO_ACUERDO)
    acuerdos.get_by_role("button", name="Guardar como proyecto").click()
    fila = page.locator("#acuerdos-sesion tbody tr", has_text=TEXTO_ACUERDO)
    expect(fila).to_have_count(1)
    expect(fila.get_by_text("Sin votar")).to_be_visible()
    expect(fila.locator("td").nth(1)).to_have_text(orden_punto)
    fila.get_by_role("link", name="Registrar votación").click()
    expect(page.get_by_text(f"Integrantes con voto presentes: {requeridos}")).to_be_visible()
    totales = page.locator(".card", has=page.get_by_role("heading", name="Por totales"))
    expect(totales.get_by_role("spinbutton", name="A favor")).to_have_value(str(requeridos))
    totales.get_by_role("button", name="Registrar votación").click()
    fila = page.locator("#acuerdos-sesion tbody tr", has_text=TEXTO_ACUERDO)
    expect(fila.get_by_text("Aprobado", exact=True)).to_be_visible()
    expect(fila.locator("td").nth(3)).to_contain_text("unanimidad")

    # La hora de clausura se capturó al marcar la sesión como celebrada: el acta ya se genera.
    page.goto(url_sesion)
    expect(page.get_by_text("Clausura:")).to_be_visible()
    panel = page.locator("#panel-documentos")
    panel.get_by_role("button", name=re.compile(r"Acta$")).click()
    fila_acta = panel.locator("tbody tr", has=page.locator("td", has_text=re.compile(r"^Acta$")))
    expect(fila_acta).to_have_count(1, timeout=30_000)
    expect(panel.get_by_role("status")).to_have_count(0, timeout=30_000)
    expect(page.locator("#acuerdos-sesion").get_by_text(TEXTO_ACUERDO)).to_be_visible()
    expect(page.locator("#panel-quorum").get_by_text("Hay quórum")).to_be_visible()
    capturar(page, "sesion")


def _correos_de_titulares(fecha) -> list[str]:
    from sesiones.models import Integrante

    vigentes = Integrante.objects.filter(organo__siglas="CC").vigentes(fecha)
    return sorted(vigentes.values_list("persona__correo", flat=True))

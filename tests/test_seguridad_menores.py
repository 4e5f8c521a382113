"""Seguridad menor: documentación de la API bajo CSP, archivos privados sin caché y políglotas.

- Swagger UI y ReDoc: cada script en línea lleva el nonce de la política, y nada viene de fuera.
- Todo archivo privado (documento generado, anexo, plantilla, exportación, informe, calendario)
  sale con «Cache-Control: private, no-store».
- Un archivo que es una página HTML seguida de un PDF (o con basura antes de «%PDF-») no pasa.
"""

import io
import re
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from comun.validadores import TIPOS_MIME, validar_archivo
from tests import factories

# --- Swagger UI y ReDoc --------------------------------------------------------------------

SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def _nonce_de(politica: str) -> str:
    script_src = next(d for d in politica.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src
    encontrado = re.search(r"'nonce-([^']+)'", script_src)
    return encontrado.group(1) if encontrado else ""


@pytest.mark.parametrize("nombre", ["api:docs", "api:redoc"])
def test_documentacion_de_la_api_cumple_la_politica(client, db, nombre):
    respuesta = client.get(reverse(nombre))
    assert respuesta.status_code == 200
    nonce = _nonce_de(respuesta["Content-Security-Policy"])
    html = respuesta.content.decode()
    scripts = SCRIPT.findall(html)
    assert scripts
    for atributos in scripts:
        fuente = re.search(r'src="([^"]*)"', atributos)
        if fuente:
            assert fuente.group(1).startswith("/static/"), atributos
        else:
            assert nonce, "hay un script en línea pero la política no trae nonce"
            assert f'nonce="{nonce}"' in atributos, atributos
    # Ni hojas de estilo, ni fuentes, ni conexiones previas a otros sitios.
    assert not re.search(r'<link[^>]+href="(https?:)?//', html, re.IGNORECASE)


def test_swagger_ui_lleva_su_script_de_arranque_con_nonce(client, db):
    respuesta = client.get(reverse("api:docs"))
    nonce = _nonce_de(respuesta["Content-Security-Policy"])
    assert nonce
    html = respuesta.content.decode()
    assert f'<script nonce="{nonce}">' in html
    assert "SwaggerUIBundle(" in html
    # Cada petición trae su propio nonce.
    otra = client.get(reverse("api:docs"))
    assert _nonce_de(otra["Content-Security-Policy"]) != nonce


# --- Archivos privados: sin copia en caché -------------------------------------------------


def _sin_cache(respuesta) -> list[str]:
    valor = respuesta.get("Cache-Control", "")
    directivas = {d.strip() for d in valor.split(",")}
    return [] if {"private", "no-store"} <= directivas else [valor or "(sin Cache-Control)"]


@pytest.fixture
def archivos(db, settings):
    """La demostración con documentos generados, un avance con evidencia y un calendario."""
    from acuerdos import services as acuerdos_services
    from acuerdos.models import Acuerdo
    from documentos import services as docs
    from documentos.models import DocumentoGenerado, LoteDocumentos, PlantillaDocumento, TipoLote
    from entregas import calendario
    from sesiones import services
    from sesiones.models import Anexo, Sesion

    settings.SESIONES_DOCUMENTOS_PDF = False
    call_command("cargar_demo", stdout=io.StringIO())
    juridico = User.objects.get(username="juridico")
    miembro = User.objects.get(username="integrante.cc")
    proxima = Sesion.objects.get(organo__siglas="CC", estado="programada")
    services.sesion_cambiar_estado(
        sesion=proxima, estado="convocada", usuario=juridico, justificacion_aviso="Prueba"
    )
    lote = LoteDocumentos.objects.create(sesion=proxima, tipo=TipoLote.CONVOCATORIAS_INVITACIONES)
    lote = docs.lote_procesar(lote_id=lote.pk)
    acuerdo = Acuerdo.objects.filter(estado="en_seguimiento").first()
    avance = acuerdos_services.avance_registrar(
        acuerdo=acuerdo,
        usuario=juridico,
        nota="Oficio enviado",
        evidencia_archivo=SimpleUploadedFile("oficio.pdf", factories.pdf_de_prueba()),
    )
    return {
        "juridico": juridico,
        "miembro": miembro,
        "lote": lote,
        "documento": DocumentoGenerado.objects.filter(sesion=proxima).first(),
        "documento_miembro": DocumentoGenerado.objects.filter(
            sesion=proxima, destinatario=miembro.persona
        ).first(),
        "plantilla": PlantillaDocumento.objects.first(),
        "anexo": Anexo.objects.get(clasificacion="reservada"),
        "avance": avance,
        "calendario": calendario.calendario_de(persona=miembro.persona),
    }


def test_archivos_privados_salen_sin_copia_en_cache(client, archivos):
    del_personal = {
        "anexo": reverse("sesiones:anexo", args=[archivos["anexo"].pk]),
        "zip del lote": reverse("documentos:zip", args=[archivos["lote"].pk]),
        "documento generado": reverse(
            "documentos:descargar", args=[archivos["documento"].pk, "docx"]
        ),
        "plantilla": reverse("documentos:plantilla_descargar", args=[archivos["plantilla"].pk]),
        "bitácora en CSV": reverse("bitacora:csv"),
        "informe trimestral": reverse("transparencia:informe_docx") + "?anio=2022&trimestre=4",
        "PNT en XLSX": reverse("transparencia:pnt") + "?anio=2022&trimestre=4&formato=xlsx",
        "PNT en CSV": reverse("transparencia:pnt") + "?anio=2022&trimestre=4&formato=csv",
    }
    del_integrante = {
        "anexo en el portal": reverse("portal:anexo", args=[archivos["anexo"].pk]),
        "documento en el portal": reverse(
            "portal:documento", args=[archivos["documento_miembro"].pk, "docx"]
        ),
    }
    fallas = []
    client.force_login(archivos["juridico"])
    for que, url in del_personal.items():
        respuesta = client.get(url)
        if respuesta.status_code != 200:
            fallas.append(f"{que}: {respuesta.status_code}")
        fallas += [f"{que}: {v}" for v in _sin_cache(respuesta)]
    client.force_login(archivos["miembro"])
    for que, url in del_integrante.items():
        respuesta = client.get(url)
        if respuesta.status_code != 200:
            fallas.append(f"{que}: {respuesta.status_code}")
        fallas += [f"{que}: {v}" for v in _sin_cache(respuesta)]
    client.logout()
    calendario = client.get(reverse("portal:calendario", args=[archivos["calendario"].token]))
    assert calendario.status_code == 200
    fallas += [f"calendario .ics: {v}" for v in _sin_cache(calendario)]
    assert not fallas, "\n".join(fallas)


def test_evidencia_de_acuerdo_sale_sin_copia_en_cache(client, archivos):
    client.force_login(archivos["juridico"])
    respuesta = client.get(reverse("acuerdos:evidencia", args=["avance", archivos["avance"].pk]))
    assert respuesta.status_code == 200
    assert not _sin_cache(respuesta)


def test_error_de_descarga_no_se_marca_como_archivo(client, juridico):
    # Lo que no existe es un 404 normal, sin encabezados de archivo.
    client.force_login(juridico)
    respuesta = client.get(reverse("documentos:descargar", args=[999999, "docx"]))
    assert respuesta.status_code == 404


# --- Archivos políglotas ---------------------------------------------------------------------


def _subido(contenido: bytes, nombre: str = "archivo.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nombre, contenido)


def _docx(comprimir: bool = True) -> bytes:
    import docx

    documento = docx.Document()
    documento.add_paragraph("Orden del día")
    salida = io.BytesIO()
    documento.save(salida)
    if comprimir:
        return salida.getvalue()
    # El mismo DOCX guardado sin comprimir: su XML queda a la vista en la cabecera.
    sin_comprimir = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(salida.getvalue())) as origen,
        zipfile.ZipFile(sin_comprimir, "w", zipfile.ZIP_STORED) as destino,
    ):
        for info in origen.infolist():
            destino.writestr(info.filename, origen.read(info.filename))
    return sin_comprimir.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    libro = Workbook()
    libro.active["A1"] = "Acuerdo"
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def _imagen(formato: str, **info) -> bytes:
    from PIL import Image, PngImagePlugin

    salida = io.BytesIO()
    imagen = Image.new("RGB", (8, 8), "purple")
    if info:
        metadatos = PngImagePlugin.PngInfo()
        for clave, valor in info.items():
            metadatos.add_text(clave, valor)
        imagen.save(salida, format=formato, pnginfo=metadatos)
    else:
        imagen.save(salida, format=formato)
    return salida.getvalue()


PAGINA = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n"


@pytest.mark.parametrize(
    ("nombre", "contenido", "tipo"),
    [
        ("a.pdf", factories.pdf_de_prueba(), "pdf"),
        ("a.docx", _docx(), "docx"),
        ("a.docx", _docx(comprimir=False), "docx"),
        ("a.xlsx", _xlsx(), "xlsx"),
        ("a.png", _imagen("PNG"), "png"),
        ("a.png", _imagen("PNG", Comment="Escaneo de la sesión"), "png"),
        ("a.jpg", _imagen("JPEG"), "jpeg"),
    ],
    ids=["pdf", "docx", "docx-sin-comprimir", "xlsx", "png", "png-con-texto", "jpeg"],
)
def test_archivos_legitimos_siguen_pasando(nombre, contenido, tipo):
    assert validar_archivo(_subido(contenido, nombre)) == TIPOS_MIME[tipo]


def test_pagina_html_seguida_de_un_pdf_se_rechaza():
    pdf = factories.pdf_de_prueba()
    # pypdf abre esto como PDF: el lector busca «%PDF-» y el final; el navegador ve la página.
    with pytest.raises(ValidationError) as error:
        validar_archivo(_subido(PAGINA + pdf))
    assert error.value.code == "tipo"
    assert "no empieza como PDF" in error.value.messages[0]


@pytest.mark.parametrize(
    "prefijo",
    [b" ", b"\n", b"\r\n\t ", b"\xef\xbb\xbf", b"basura", b"\x00" * 16],
    ids=["espacio", "salto", "blancos", "bom", "texto", "nulos"],
)
def test_pdf_con_algo_antes_de_su_firma_se_rechaza(prefijo):
    with pytest.raises(ValidationError) as error:
        validar_archivo(_subido(prefijo + factories.pdf_de_prueba()))
    assert "no empieza como PDF" in error.value.messages[0]


@pytest.mark.parametrize(
    "marca",
    [
        b"<html>",
        b"<HTML>",
        b"<script>alert(1)</script>",
        b"<ScRiPt src=//x>",
        b"<!doctype html>",
        b"<svg onload=alert(1)>",
        b'<?xml version="1.0"?>',
    ],
)
def test_pdf_con_pagina_en_su_cabecera_se_rechaza(marca):
    pdf = factories.pdf_de_prueba()
    # Un comentario PDF justo tras la firma: el PDF sigue abriendo, pero lleva la página dentro.
    primera_linea, resto = pdf.split(b"\n", 1)
    contenido = primera_linea + b"\n%" + marca + b"\n" + resto
    with pytest.raises(ValidationError) as error:
        validar_archivo(_subido(contenido))
    assert error.value.code == "pagina"
    assert "página web" in error.value.messages[0]


def test_png_con_html_en_sus_metadatos_se_rechaza():
    contenido = _imagen("PNG", Comment="<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError) as error:
        validar_archivo(_subido(contenido, "a.png"))
    assert error.value.code == "pagina"


@pytest.mark.parametrize("fabricar", [_docx, _xlsx], ids=["docx", "xlsx"])
def test_office_con_algo_antepuesto_se_rechaza(fabricar):
    # zipfile lee desde el final y abriría el archivo; el navegador vería la página.
    with pytest.raises(ValidationError):
        validar_archivo(_subido(PAGINA + fabricar(), "a.docx"))
    # Aunque lo antepuesto imite la firma de un ZIP.
    with pytest.raises(ValidationError):
        validar_archivo(_subido(b"PK\x03\x04" + PAGINA + fabricar(), "a.docx"))


def test_docx_con_html_en_su_cabecera_se_rechaza():
    salida = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx())) as origen, zipfile.ZipFile(salida, "w") as destino:
        # Primera entrada sin comprimir con una página: queda a la vista en la cabecera.
        destino.writestr(zipfile.ZipInfo("a.html"), PAGINA)
        for info in origen.infolist():
            destino.writestr(info, origen.read(info.filename))
    with pytest.raises(ValidationError) as error:
        validar_archivo(_subido(salida.getvalue(), "a.docx"))
    assert error.value.code == "pagina"

"""Inyección de fórmulas: ninguna hoja de cálculo ni CSV del producto lleva una fórmula viva.

Cada exportación se recorre por su entrada real (vista o comando) con texto hostil en los
campos que el usuario controla, y se reabre: el XLSX con openpyxl y como XML, el CSV con
`csv.reader`.
"""

import csv
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from bitacora.models import Bitacora
from comun.hojas import INICIOS_FORMULA, celda_segura, fila_segura
from comun.roles import GRUPO_JURIDICO
from documentos.models import Institucion
from sesiones import services
from sesiones.models import Sesion
from tests import factories
from tests.transparencia.conftest import celebrar
from transparencia import services as transparencia_services

pytestmark = pytest.mark.django_db

HOSTILES = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
# Un elemento <f> (fórmula) en el XML de cualquier hoja.
FORMULA_XML = re.compile(rb"<(?:\w+:)?f[\s>/]")


@pytest.fixture(autouse=True)
def _cache_limpia():
    cache.clear()
    yield
    cache.clear()


# --- Comprobaciones ----------------------------------------------------------------------


def _sin_formulas_xlsx(contenido: bytes) -> list[list]:
    """Falla si alguna celda es fórmula o empieza como una; devuelve los valores por fila."""
    with zipfile.ZipFile(io.BytesIO(contenido)) as archivo:
        for nombre in archivo.namelist():
            if nombre.startswith("xl/worksheets/") and nombre.endswith(".xml"):
                assert not FORMULA_XML.search(archivo.read(nombre)), nombre
    libro = openpyxl.load_workbook(io.BytesIO(contenido))
    filas = []
    for hoja in libro.worksheets:
        for fila in hoja.iter_rows():
            for celda in fila:
                assert celda.data_type != "f", (celda.coordinate, celda.value)
                if isinstance(celda.value, str):
                    assert not celda.value.startswith(INICIOS_FORMULA), celda.coordinate
            filas.append([celda.value for celda in fila])
    return filas


def _sin_formulas_csv(texto: str) -> list[list[str]]:
    filas = list(csv.reader(io.StringIO(texto.lstrip("\ufeff"), newline="")))
    for fila in filas:
        for campo in fila:
            assert not campo.startswith(INICIOS_FORMULA), campo
    return filas


def _neutralizado(hostil: str) -> str:
    return "'" + hostil


# --- El ayudante -------------------------------------------------------------------------


@pytest.mark.parametrize("hostil", HOSTILES)
def test_celda_segura_antepone_apostrofo(hostil):
    assert celda_segura(hostil) == "'" + hostil


def test_celda_segura_deja_lo_demas_igual():
    import datetime

    fecha = datetime.date(2025, 3, 10)
    assert fila_segura([1, -2, 2.5, None, fecha, "", "Acta 1", "a=b", "'ya"]) == [
        1,
        -2,
        2.5,
        None,
        fecha,
        "",
        "Acta 1",
        "a=b",
        "'ya",
    ]


def test_celda_segura_quita_controles_antes_de_revisar():
    # Sin el \x01 el texto empezaría con «=»: se revisa después de limpiarlo.
    assert celda_segura("\x01=1+1") == "'=1+1"
    assert celda_segura("a\x00b\x1fc\nd") == "abc\nd"


# --- PNT: XLSX y CSV ----------------------------------------------------------------------


@pytest.fixture
def pnt_hostil(request, organo, juridico):
    """Sesión celebrada cuyo órgano, clave, temas y área empiezan con texto hostil."""
    hostil = request.param
    organo.nombre = hostil
    organo.save()
    Institucion.objects.create(area=hostil)
    sesion = factories.sesion_programada(organo=organo, usuario=juridico)
    services.punto_agregar(sesion=sesion, titulo=hostil, usuario=juridico)
    sesion = celebrar(sesion, juridico)
    Sesion.objects.filter(pk=sesion.pk).update(clave=hostil)
    return hostil


def _celdas_de_sesion(filas):
    encabezado, *datos = filas
    assert len(datos) == 1
    return dict(zip(encabezado, datos[0], strict=True))


@pytest.mark.parametrize("pnt_hostil", HOSTILES, indirect=True)
def test_pnt_xlsx_por_comando_sin_formulas(pnt_hostil, tmp_path):
    salida = tmp_path / "pnt.xlsx"
    call_command("exportar_pnt", anio=2025, trimestre=1, salida=str(salida), stdout=io.StringIO())
    fila = _celdas_de_sesion(_sin_formulas_xlsx(salida.read_bytes()))
    assert fila["Número del acta (en su caso)"] == _neutralizado(pnt_hostil)
    assert fila[
        "Área(s) responsable(s) que genera(n), posee(n), publica(n) y actualizan la información"
    ] == (_neutralizado(pnt_hostil))
    assert fila["Nota"].startswith(_neutralizado(pnt_hostil))
    assert pnt_hostil in fila["Temas de la sesión (orden del día)"]


@pytest.mark.parametrize("pnt_hostil", HOSTILES, indirect=True)
def test_pnt_csv_por_comando_sin_formulas(pnt_hostil, tmp_path):
    salida = tmp_path / "pnt.csv"
    call_command("exportar_pnt", anio=2025, trimestre=1, salida=str(salida), stdout=io.StringIO())
    texto = salida.read_bytes().decode("utf-8")
    fila = _celdas_de_sesion(_sin_formulas_csv(texto))
    assert fila["Número del acta (en su caso)"] == _neutralizado(pnt_hostil)
    assert fila["Nota"].startswith(_neutralizado(pnt_hostil))
    assert fila["Fecha en que se realizaron las sesiones"] == "10/03/2025"


@pytest.mark.parametrize("formato", ["xlsx", "csv"])
@pytest.mark.parametrize("pnt_hostil", HOSTILES[:1] + HOSTILES[-2:], indirect=True)
def test_pnt_descarga_sin_formulas(pnt_hostil, formato, client, seguimiento):
    client.force_login(seguimiento)
    respuesta = client.get(
        reverse("transparencia:pnt"), {"anio": 2025, "trimestre": 1, "formato": formato}
    )
    assert respuesta.status_code == 200
    if formato == "xlsx":
        fila = _celdas_de_sesion(_sin_formulas_xlsx(respuesta.content))
    else:
        fila = _celdas_de_sesion(_sin_formulas_csv(respuesta.content.decode("utf-8")))
    assert fila["Número del acta (en su caso)"].startswith("'")


@pytest.mark.parametrize("hostil", HOSTILES)
def test_pnt_numero_de_acta_hostil_y_enlace_real(hostil, organo, juridico, tmp_path, settings):
    settings.SITE_URL = "https://sesiones.ejemplo.mx"
    sesion = celebrar(factories.sesion_programada(organo=organo, usuario=juridico), juridico)
    transparencia_services.acta_publica_subir(
        sesion=sesion,
        archivo=SimpleUploadedFile("acta.pdf", factories.pdf_de_prueba()),
        tipo_contenido="application/pdf",
        usuario=juridico,
        numero_acta=hostil,
    )
    salida = tmp_path / "pnt.xlsx"
    call_command("exportar_pnt", anio=2025, trimestre=1, salida=str(salida), stdout=io.StringIO())
    contenido = salida.read_bytes()
    fila = _celdas_de_sesion(_sin_formulas_xlsx(contenido))
    # El servicio recorta espacios (el tabulador inicial se va); lo que queda sigue hostil.
    assert fila["Número del acta (en su caso)"] == _neutralizado(hostil.strip())
    # El enlace que arma el producto es un hipervínculo de la celda, no una fórmula.
    url = f"https://sesiones.ejemplo.mx{reverse('publico:acta', args=[sesion.pk])}"
    hoja = openpyxl.load_workbook(io.BytesIO(contenido)).active
    celda = hoja.cell(row=2, column=9)
    assert celda.value == url and celda.data_type == "s"
    assert celda.hyperlink is not None and celda.hyperlink.target == url
    # Va como <hyperlink> del XML de la hoja (y _sin_formulas_xlsx ya descartó todo <f>).
    assert b"<hyperlink " in zipfile.ZipFile(io.BytesIO(contenido)).read("xl/worksheets/sheet1.xml")


# --- Bitácora: CSV ------------------------------------------------------------------------


@pytest.mark.parametrize("hostil", HOSTILES)
def test_bitacora_csv_sin_formulas(hostil, cliente_de, juridico, sesion):
    autor = factories.UserFactory(
        username="autor", first_name=hostil, last_name="", grupos=[GRUPO_JURIDICO]
    )
    Sesion.objects.filter(pk=sesion.pk).update(clave=hostil)
    sesion.refresh_from_db()
    punto = services.punto_agregar(sesion=sesion, titulo=hostil, usuario=autor)
    services.anexo_subir(
        punto=punto,
        archivo=SimpleUploadedFile("a.pdf", factories.pdf_de_prueba()),
        titulo=hostil,
        usuario=autor,
        tipo_contenido="application/pdf",
    )
    # Una entrada cuyo código y datos también son hostiles (un código nuevo se muestra tal cual).
    Bitacora.objects.create(
        accion=hostil, modelo="sesiones.sesion", objeto_id="1", objeto=hostil, datos={}
    )

    respuesta = cliente_de(juridico).get(reverse("bitacora:csv"))
    assert respuesta.status_code == 200
    texto = b"".join(respuesta.streaming_content).decode("utf-8")
    filas = _sin_formulas_csv(texto)
    encabezado, *datos = filas
    por_columna = {nombre: [fila[i] for fila in datos] for i, nombre in enumerate(encabezado)}
    # get_full_name() recorta espacios: el tabulador inicial se va y queda «=1».
    assert _neutralizado(hostil.strip()) in por_columna["Usuario"]
    assert _neutralizado(hostil) in por_columna["Objeto"]
    assert _neutralizado(hostil) in por_columna["Sesión"]
    assert _neutralizado(hostil) in por_columna["Código"]
    assert _neutralizado(hostil) in por_columna["Acción"]

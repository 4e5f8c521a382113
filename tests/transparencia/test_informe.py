import io
import re

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse

from transparencia import informe

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(hash_rapido):
    call_command("cargar_demo", stdout=io.StringIO())


def test_informe_2022_t1_reproduce_el_seed(demo):
    datos = informe.informe_datos(anio=2022, trimestre=1)
    por_siglas = {f.organo.siglas: f for f in datos.filas}
    assert datos.total_sesiones == 7
    assert [por_siglas[s].num_sesiones for s in ("SAECH", "CC", "OG", "CE")] == [1, 1, 1, 4]
    assert [por_siglas[s].convocatorias for s in ("SAECH", "CC", "OG", "CE")] == [26, 7, 7, 4]
    assert por_siglas["CE"].invitaciones == 1
    assert por_siglas["CE"].acuerdos == 3
    assert por_siglas["OG"].acuerdos == 5
    assert datos.meta_actas == 14
    assert datos.avance_actas == 50
    texto = " ".join(datos.parrafos())
    assert (
        "se coordinó la realización de 7 sesiones, de las cuales 1 corresponde al Sistema" in texto
    )
    assert "1 al Comité Coordinador, 1 al Órgano de Gobierno y 4 a la Comisión Ejecutiva." in texto
    assert (
        "4 proyectos de orden del día, 4 convocatorias, 1 invitación y 4 proyectos de acta" in texto
    )
    assert "Se tomaron 3 acuerdos." in texto and "Se tomaron 5 acuerdos." in texto
    assert "26 convocatorias" in texto
    assert "La meta lleva un avance del 50%." in texto


def test_comando_informe_escribe_docx_con_los_numeros(demo, tmp_path):
    salida = tmp_path / "informe.docx"
    call_command(
        "informe_trimestral", anio=2022, trimestre=1, salida=str(salida), stdout=io.StringIO()
    )
    documento = docx.Document(str(salida))
    texto = "\n".join(p.text for p in documento.paragraphs)
    celdas = [c.text for t in documento.tables for r in t.rows for c in r.cells]
    assert "7 sesiones" in texto
    assert "4 a la Comisión Ejecutiva" in texto
    assert "La meta lleva un avance del 50%." in texto
    assert "{{" not in texto and "{%" not in texto
    assert "Comisión Ejecutiva" in celdas and "Órgano de Gobierno" in celdas


def test_docx_escapa_texto_hostil(organo):
    organo.nombre = "Comité & <Pruebas> «ñ» 🙂"
    organo.save()
    datos = informe.informe_datos(anio=2025, trimestre=1)
    documento = docx.Document(io.BytesIO(informe.informe_docx(datos)))
    celdas = [c.text for t in documento.tables for r in t.rows for c in r.cells]
    assert "Comité & <Pruebas> «ñ» 🙂" in celdas
    assert "Generado desde el sistema" in documento.paragraphs[-1].text


def test_trimestre_vacio_dice_cero(db):
    datos = informe.informe_datos(anio=2030, trimestre=4)
    assert datos.total_sesiones == 0
    assert re.search(r"realización de 0 sesiones\.", datos.parrafo_resumen())


@pytest.mark.parametrize(("anio", "trimestre"), [(2022, 0), (2022, 5), (1800, 1)])
def test_trimestre_invalido(anio, trimestre):
    with pytest.raises(informe.TrimestreInvalido):
        informe.trimestre_fechas(anio=anio, trimestre=trimestre)


def test_comando_rechaza_trimestre_invalido(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="trimestre"):
        call_command("informe_trimestral", anio=2022, trimestre=7, salida=str(tmp_path / "x.docx"))


# Vistas del personal ---------------------------------------------------------------------


def test_informe_en_pantalla_para_personal(client, seguimiento, portal_minimo):
    client.force_login(seguimiento)
    respuesta = client.get(reverse("transparencia:informe"), {"anio": 2025, "trimestre": 1})
    assert respuesta.status_code == 200
    contenido = respuesta.content.decode()
    assert "chart.umd.min.js" in contenido
    assert "se coordinó la realización de 1 sesión" in contenido
    # Seguimiento no sube actas: el formulario es solo para la Dirección Jurídica.
    assert "acta-publica" not in contenido


def test_informe_docx_descarga(client, juridico, portal_minimo):
    client.force_login(juridico)
    respuesta = client.get(reverse("transparencia:informe_docx"), {"anio": 2025, "trimestre": 1})
    assert respuesta.status_code == 200
    assert "attachment" in respuesta["Content-Disposition"]
    texto = "\n".join(p.text for p in docx.Document(io.BytesIO(respuesta.content)).paragraphs)
    assert "1 sesión" in texto


@pytest.mark.parametrize("nombre", ["transparencia:informe", "transparencia:informe_docx"])
def test_informe_permisos(client, integrante, nombre):
    url = reverse(nombre)
    assert client.get(url).status_code == 302
    assert client.get(url)["Location"].startswith("/entrar/")
    client.force_login(integrante)
    assert client.get(url).status_code == 403


def test_informe_metodo_no_permitido(client, juridico):
    client.force_login(juridico)
    assert client.post(reverse("transparencia:informe")).status_code == 405
    assert client.post(reverse("transparencia:informe_docx")).status_code == 405


def test_informe_parametros_invalidos_400(client, juridico):
    client.force_login(juridico)
    respuesta = client.get(reverse("transparencia:informe"), {"anio": "abc", "trimestre": 9})
    assert respuesta.status_code == 400
    assert (
        "número entero" in respuesta.content.decode().lower()
        or "válid" in respuesta.content.decode()
    )

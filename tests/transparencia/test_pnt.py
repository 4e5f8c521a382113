import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from bitacora.models import Bitacora
from tests.factories import pdf_de_prueba
from transparencia import exportacion, services
from transparencia.models import VersionPublicaActa

pytestmark = pytest.mark.django_db


def _pdf(nombre="acta.pdf"):
    return SimpleUploadedFile(nombre, pdf_de_prueba(), content_type="application/pdf")


def test_filas_pnt_una_por_sesion_celebrada(portal_minimo, sesion_no_celebrada):
    filas = exportacion.pnt_filas(anio=2025, trimestre=1, hoy=datetime.date(2025, 4, 2))
    assert len(filas) == 1
    fila = dict(zip(exportacion.COLUMNAS, filas[0], strict=True))
    assert fila["Ejercicio"] == 2025
    assert fila["Fecha en que se realizaron las sesiones"] == datetime.date(2025, 3, 10)
    assert fila["Tipo de acta"] == "Ordinaria"
    assert fila["Número del acta (en su caso)"] == portal_minimo.clave
    assert "1. " in fila["Temas de la sesión (orden del día)"]
    assert fila["Hipervínculo a los documentos completos de las actas (versiones públicas)"] == ""


def test_filas_pnt_enlazan_el_acta_publica(portal_minimo, juridico):
    services.acta_publica_subir(
        sesion=portal_minimo,
        archivo=_pdf(),
        tipo_contenido="application/pdf",
        usuario=juridico,
        numero_acta="ACTA-01/2025",
    )
    fila = exportacion.pnt_filas(anio=2025, trimestre=1)[0]
    assert fila[6] == "ACTA-01/2025"
    assert fila[8].endswith(reverse("publico:acta", args=[portal_minimo.pk]))


def test_comando_exportar_pnt_xlsx_y_csv(portal_minimo, tmp_path):
    xlsx = tmp_path / "pnt.xlsx"
    call_command("exportar_pnt", anio=2025, trimestre=1, salida=str(xlsx), stdout=io.StringIO())
    hoja = openpyxl.load_workbook(xlsx).active
    filas = list(hoja.iter_rows(values_only=True))
    assert filas[0] == exportacion.COLUMNAS
    assert len(filas) == 2
    assert hoja.cell(row=2, column=4).number_format == "dd/mm/yyyy"
    archivo_csv = tmp_path / "pnt.csv"
    call_command(
        "exportar_pnt", anio=2025, trimestre=1, salida=str(archivo_csv), stdout=io.StringIO()
    )
    lineas = list(csv.reader(io.StringIO(archivo_csv.read_text(encoding="utf-8-sig"))))
    assert len(lineas) == 2
    assert lineas[1][3] == "10/03/2025"
    assert lineas[1][1] == "01/01/2025" and lineas[1][2] == "31/03/2025"


def test_comando_exportar_rechaza_extension(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="xlsx"):
        call_command("exportar_pnt", anio=2025, trimestre=1, salida=str(tmp_path / "x.txt"))


@pytest.mark.parametrize("formato", ["xlsx", "csv"])
def test_descarga_pnt_para_personal(client, seguimiento, portal_minimo, formato):
    client.force_login(seguimiento)
    respuesta = client.get(
        reverse("transparencia:pnt"), {"anio": 2025, "trimestre": 1, "formato": formato}
    )
    assert respuesta.status_code == 200
    assert f".{formato}" in respuesta["Content-Disposition"]


def test_descarga_pnt_permisos_y_metodo(client, integrante, juridico):
    url = reverse("transparencia:pnt")
    assert client.get(url)["Location"].startswith("/entrar/")
    client.force_login(integrante)
    assert client.get(url).status_code == 403
    client.force_login(juridico)
    assert client.post(url).status_code == 405
    assert client.get(url, {"anio": 2025, "trimestre": 1, "formato": "pdf"}).status_code == 400


# Versión pública del acta -------------------------------------------------------------------


def test_subir_acta_publica_registra_bitacora_y_reemplaza(portal_minimo, juridico):
    acta = services.acta_publica_subir(
        sesion=portal_minimo, archivo=_pdf(), tipo_contenido="application/pdf", usuario=juridico
    )
    assert Bitacora.objects.filter(accion="acta_publica.subir", objeto_id=str(acta.pk)).count() == 1
    services.acta_publica_subir(
        sesion=portal_minimo,
        archivo=_pdf("v2.pdf"),
        tipo_contenido="application/pdf",
        usuario=juridico,
    )
    assert VersionPublicaActa.objects.get().nombre_original == "v2.pdf"
    assert Bitacora.objects.filter(accion="acta_publica.subir").count() == 2


def test_subir_acta_publica_de_sesion_no_celebrada_falla(sesion, juridico):
    from sesiones.exceptions import TransicionNoPermitida

    with pytest.raises(TransicionNoPermitida):
        services.acta_publica_subir(
            sesion=sesion, archivo=_pdf(), tipo_contenido="application/pdf", usuario=juridico
        )
    assert not Bitacora.objects.filter(accion="acta_publica.subir").exists()


def test_vista_acta_publica(client, juridico, seguimiento, integrante, portal_minimo):
    url = reverse("transparencia:acta_publica", args=[portal_minimo.pk])
    assert client.post(url, {"archivo": _pdf()})["Location"].startswith("/entrar/")
    client.force_login(seguimiento)
    assert client.post(url, {"archivo": _pdf()}).status_code == 403
    client.force_login(juridico)
    assert client.get(url).status_code == 405
    assert (
        client.post(
            reverse("transparencia:acta_publica", args=[999999]), {"archivo": _pdf()}
        ).status_code
        == 404
    )
    falso = SimpleUploadedFile("acta.pdf", b"%PDF-1.7 falso", content_type="application/pdf")
    client.post(url, {"archivo": falso})
    assert not VersionPublicaActa.objects.exists()
    client.post(url, {"archivo": _pdf(), "numero_acta": "a\x00b"})
    assert not VersionPublicaActa.objects.exists()
    respuesta = client.post(url, {"archivo": _pdf(), "numero_acta": "ACTA & <1>"})
    assert respuesta.status_code == 302
    assert VersionPublicaActa.objects.get().numero_acta == "ACTA & <1>"
    publica = client.get(reverse("publico:acta", args=[portal_minimo.pk]))
    assert publica.status_code == 200
    assert b"".join(publica.streaming_content).startswith(b"%PDF")

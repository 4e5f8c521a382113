"""Formularios y validación de archivos: lo que se escribe mal recibe un mensaje en español."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from comun.validadores import TIPOS_MIME, validar_archivo
from sesiones.forms import (
    AnexoForm,
    FiltroSesionesForm,
    InvitadoForm,
    PuntoForm,
    SesionForm,
    TransicionForm,
)
from sesiones.models import EstadoSesion, OrganoColegiado, Sesion
from tests import factories

MX = factories.MX


def _docx() -> bytes:
    import docx

    documento = docx.Document()
    documento.add_paragraph("Orden del día")
    salida = io.BytesIO()
    documento.save(salida)
    return salida.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    libro = Workbook()
    libro.active["A1"] = "Acuerdo"
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def _imagen(formato: str) -> bytes:
    from PIL import Image

    salida = io.BytesIO()
    Image.new("RGB", (8, 8), "purple").save(salida, format=formato)
    return salida.getvalue()


def _archivo(nombre: str, contenido: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(nombre, contenido)


# validar_archivo


@pytest.mark.parametrize(
    "nombre, fabricar, tipo",
    [
        ("a.pdf", factories.pdf_de_prueba, "pdf"),
        ("a.docx", _docx, "docx"),
        ("a.xlsx", _xlsx, "xlsx"),
        ("a.png", lambda: _imagen("PNG"), "png"),
        ("a.jpg", lambda: _imagen("JPEG"), "jpeg"),
        # La extensión no importa: decide el contenido.
        ("sin-extension", factories.pdf_de_prueba, "pdf"),
        ("engaño.txt", _docx, "docx"),
    ],
)
def test_archivos_validos_devuelven_su_tipo(nombre, fabricar, tipo):
    archivo = _archivo(nombre, fabricar())
    assert validar_archivo(archivo) == TIPOS_MIME[tipo]
    assert archivo.tell() == 0  # queda listo para guardarse


@pytest.mark.parametrize(
    "contenido",
    [
        b"%PDF-1.7 fake",
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF",
        "texto común y corriente ñ".encode(),
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"\xff\xd8\xff\xe0" + b"\x00" * 64,
        b"PK\x03\x04" + b"\x00" * 64,
        b"<html><script>alert(1)</script></html>",
    ],
)
def test_archivos_falsos_se_rechazan(contenido):
    with pytest.raises(ValidationError) as error:
        validar_archivo(_archivo("documento.pdf", contenido))
    assert "No se reconoce el archivo" in error.value.messages[0]


def test_pdf_truncado_se_rechaza():
    completo = factories.pdf_de_prueba()
    with pytest.raises(ValidationError):
        validar_archivo(_archivo("t.pdf", completo[: len(completo) // 2]))


def test_zip_que_no_es_office_se_rechaza():
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as zf:
        zf.writestr("hola.txt", "hola")
    with pytest.raises(ValidationError):
        validar_archivo(_archivo("a.docx", salida.getvalue()))


def test_docx_no_pasa_como_xlsx_ni_al_reves():
    with pytest.raises(ValidationError):
        validar_archivo(_archivo("a.xlsx", _docx()), permitidos=("xlsx",))
    with pytest.raises(ValidationError):
        validar_archivo(_archivo("a.docx", _xlsx()), permitidos=("docx",))


def test_solo_los_tipos_permitidos():
    with pytest.raises(ValidationError) as error:
        validar_archivo(_archivo("a.png", _imagen("PNG")), permitidos=("pdf", "docx"))
    assert "PDF o Word (DOCX)" in error.value.messages[0]


def test_limite_de_tamano_y_archivo_vacio():
    with pytest.raises(ValidationError) as error:
        validar_archivo(
            _archivo("a.pdf", factories.pdf_de_prueba() + b" " * (1024 * 1024)), max_mb=1
        )
    assert "el máximo permitido es 1 MB" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        validar_archivo(_archivo("a.pdf", b""))
    assert "vacío" in error.value.messages[0]


def test_pdf_cifrado_se_rechaza_con_su_motivo():
    from pypdf import PdfReader, PdfWriter

    escritor = PdfWriter()
    escritor.append(PdfReader(io.BytesIO(factories.pdf_de_prueba())))
    escritor.encrypt("secreta")
    salida = io.BytesIO()
    escritor.write(salida)
    with pytest.raises(ValidationError) as error:
        validar_archivo(_archivo("c.pdf", salida.getvalue()))
    assert "protegido con contraseña" in error.value.messages[0]


def test_tipo_desconocido_en_permitidos_es_error_de_programacion():
    with pytest.raises(ValueError):
        validar_archivo(_archivo("a.pdf", factories.pdf_de_prueba()), permitidos=("exe",))


# SesionForm


def _datos_sesion(organo, **extra):
    return {
        "organo": organo.pk,
        "tipo": "ordinaria",
        "numero": "",
        "titulo": "",
        "fecha": "2025-07-01",
        "hora": "09:05",
        "sede": "Sala",
        "modalidad": "presencial",
        "enlace": "",
        **extra,
    }


@pytest.mark.django_db
def test_sesion_form_combina_fecha_y_hora_de_la_ciudad_de_mexico(organo):
    form = SesionForm(_datos_sesion(organo))
    assert form.is_valid(), form.errors
    fecha_hora = form.fecha_hora()
    assert fecha_hora == datetime.datetime(2025, 7, 1, 9, 5, tzinfo=MX)
    assert fecha_hora.utcoffset() == datetime.timedelta(hours=-6)
    assert form.datos_servicio()["numero"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "campo, valor, mensaje",
    [
        ("sede", "Sala\x00", "Caracteres nulos no están permitidos"),
        ("titulo", "\x00", "Caracteres nulos no están permitidos"),
        ("numero", "0", "mayor o igual a 1"),
        ("numero", "200", "menor o igual a 199"),
        ("fecha", "31/02/2025", "fecha válida"),
        ("hora", "25:00", "hora válida"),
        ("enlace", "javascript:alert(1)", "URL válida"),
    ],
)
def test_sesion_form_rechaza_con_mensaje(organo, campo, valor, mensaje):
    form = SesionForm(_datos_sesion(organo, **{campo: valor}))
    assert not form.is_valid()
    assert mensaje in " ".join(form.errors[campo])


@pytest.mark.django_db
def test_sesion_form_edicion_bloquea_organo_tipo_y_fecha_si_convocada(sesion):
    form = SesionForm(sesion=sesion)
    assert form.fields["organo"].disabled and form.fields["tipo"].disabled
    assert not form.fields["fecha"].disabled
    assert form.initial["hora"] == datetime.time(10, 0)
    Sesion.objects.filter(pk=sesion.pk).update(estado=EstadoSesion.CONVOCADA)
    sesion.refresh_from_db()
    form = SesionForm(sesion=sesion)
    assert form.fields["fecha"].disabled and form.fields["hora"].disabled


@pytest.mark.django_db
def test_sesion_form_no_ofrece_organos_inactivos(organo):
    OrganoColegiado.objects.filter(pk=organo.pk).update(activo=False)
    form = SesionForm(_datos_sesion(organo))
    assert not form.is_valid()
    assert "organo" in form.errors


# PuntoForm, FiltroSesionesForm, TransicionForm, InvitadoForm


def test_punto_form_acepta_texto_hostil_y_rechaza_nul():
    hostil = "<script>alert(1)</script> & “comillas” ñ 😀"
    form = PuntoForm({"titulo": hostil, "tipo": "acuerdo", "presenta": hostil, "descripcion": ""})
    assert form.is_valid()
    assert form.cleaned_data["titulo"] == hostil
    form = PuntoForm({"titulo": "a\x00", "tipo": "acuerdo", "descripcion": "b\x00"})
    assert not form.is_valid()
    assert set(form.errors) == {"titulo", "descripcion"}


@pytest.mark.django_db
def test_filtro_descarta_lo_invalido_y_conserva_lo_valido(organo):
    form = FiltroSesionesForm(
        {
            "organo": "no",
            "tipo": "ordinaria",
            "anio": "dos mil",
            "estado": "convocada",
            "texto": "x\x00",
        },
        organos=OrganoColegiado.objects.all(),
    )
    assert form.filtros_validos() == {"tipo": "ordinaria", "estado": "convocada"}
    form = FiltroSesionesForm({"organo": str(organo.pk)}, organos=OrganoColegiado.objects.all())
    assert form.filtros_validos() == {"organo": organo.pk}


@pytest.mark.django_db
def test_transicion_form_exige_motivo_para_diferir_y_cancelar(sesion):
    for estado in ("diferida", "cancelada"):
        form = TransicionForm({"estado": estado, "motivo": ""}, sesion=sesion, estado=estado)
        assert not form.is_valid()
        assert "motivo" in form.errors
    form = TransicionForm({"estado": "convocada"}, sesion=sesion, estado="convocada")
    assert form.is_valid()


@pytest.mark.django_db
def test_transicion_form_no_acepta_otro_destino(sesion):
    form = TransicionForm({"estado": "cancelada", "motivo": "x"}, sesion=sesion, estado="convocada")
    assert not form.is_valid()
    assert "estado" in form.errors


@pytest.mark.django_db
def test_invitado_form_exige_una_sola_fuente(sesion):
    persona = factories.PersonaFactory()
    form = InvitadoForm({"persona": persona.pk, "nombre": "Otra"}, sesion=sesion)
    assert not form.is_valid()
    assert "no ambas" in " ".join(form.non_field_errors())
    form = InvitadoForm({"nombre": "Nueva", "correo": "no-es-correo"}, sesion=sesion)
    assert not form.is_valid()
    assert "correo" in form.errors


@pytest.mark.django_db
def test_anexo_form_no_acepta_reserva_vencida(sesion):
    datos = {
        "titulo": "T",
        "clasificacion": "reservada",
        "fundamento_legal": "Art. 113",
        "reservado_hasta": "2020-01-01",
    }
    form = AnexoForm(
        datos, {"archivo": _archivo("a.pdf", factories.pdf_de_prueba())}, sesion=sesion, max_mb=5
    )
    assert not form.is_valid()
    assert "fecha futura" in " ".join(form.errors["reservado_hasta"])


@pytest.mark.django_db
def test_anexo_form_publico_descarta_datos_de_reserva(sesion):
    persona = sesion.organo.integrantes.first().persona
    datos = {
        "titulo": "T",
        "clasificacion": "publica",
        "fundamento_legal": "irrelevante",
        "reservado_hasta": "2031-01-01",
        "personas_autorizadas": [persona.pk],
    }
    form = AnexoForm(datos, {"archivo": _archivo("a.png", _imagen("PNG"))}, sesion=sesion, max_mb=5)
    assert form.is_valid(), form.errors
    servicio = form.datos_servicio()
    assert servicio["fundamento_legal"] == "" and servicio["personas_autorizadas"] == []
    assert servicio["tipo_contenido"] == "image/png"

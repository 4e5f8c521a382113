"""Plantillas reemplazables: validación, activación, restauración y la página de plantillas."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bitacora.models import Bitacora
from documentos import services as docs
from documentos.models import EstadoPlantilla, PlantillaDocumento, TipoLote
from docx_templates import construir
from tests.documentos.test_documentos import generar, leer, texto_docx


@pytest.fixture(autouse=True)
def _sin_pdf(settings):
    settings.SESIONES_DOCUMENTOS_PDF = False


def docx_con(*parrafos: str) -> bytes:
    documento = docx.Document()
    for texto in parrafos:
        documento.add_paragraph().add_run(texto)
    salida = io.BytesIO()
    documento.save(salida)
    return salida.getvalue()


def subir(contenido: bytes, nombre="plantilla.docx"):
    return SimpleUploadedFile(nombre, contenido)


def test_plantillas_por_omision_coinciden_con_el_script(tmp_path):
    rutas = construir.construir(tmp_path)
    assert {r.stem for r in rutas} == {
        "convocatoria",
        "invitacion",
        "orden_del_dia",
        "lista_asistencia",
        "acta",
        "certificacion",
        "certificacion_acuerdo",
    }
    for ruta in rutas:
        # Toda variable de la plantilla guardada es conocida para su tipo.
        docs.plantilla_validar(tipo=ruta.stem, contenido=ruta.read_bytes())
        guardada = (construir.DIRECTORIO / ruta.name).read_bytes()
        docs.plantilla_validar(tipo=ruta.stem, contenido=guardada)


def test_no_docx_rechazado(juridico):
    for contenido in (b"%PDF-1.7 falso", b"texto plano", b"PK\x03\x04 zip roto"):
        with pytest.raises(docs.PlantillaInvalida, match="no es un documento de Word"):
            docs.plantilla_subir(tipo="convocatoria", archivo=subir(contenido), usuario=juridico)
    assert not PlantillaDocumento.objects.filter(subida_por=juridico).exists()


def test_variable_desconocida_rechazada_con_su_nombre(juridico, django_capture_on_commit_callbacks):
    contenido = docx_con("Hola {{ destinatario_nombre }}", "{{ variable_inventada }} y {{ otra }}")
    with django_capture_on_commit_callbacks(execute=True):
        plantilla = docs.plantilla_subir(
            tipo="convocatoria", archivo=subir(contenido), usuario=juridico
        )
    plantilla.refresh_from_db()
    assert plantilla.estado == EstadoPlantilla.RECHAZADA and not plantilla.activa
    assert "variable_inventada" in plantilla.motivo_rechazo and "otra" in plantilla.motivo_rechazo
    assert Bitacora.objects.filter(
        accion="plantilla.rechazar", objeto_id=str(plantilla.pk)
    ).exists()
    # Una variable del acta no existe en la convocatoria.
    with pytest.raises(docs.PlantillaInvalida, match="frase_apertura"):
        docs.plantilla_validar(tipo="convocatoria", contenido=docx_con("{{ frase_apertura }}"))


def test_sintaxis_rota_rechazada(juridico):
    with pytest.raises(docs.PlantillaInvalida, match="error de sintaxis"):
        docs.plantilla_validar(tipo="acta", contenido=docx_con("{% for x in puntos %}"))
    with pytest.raises(docs.PlantillaInvalida, match="«puntos.noexiste», que no es un dato"):
        docs.plantilla_validar(tipo="acta", contenido=docx_con("{{ puntos.noexiste.tampoco }}"))
    with pytest.raises(docs.PlantillaInvalida, match="prueba de generación"):
        docs.plantilla_validar(
            tipo="acta", contenido=docx_con("{{ total_acuerdos|round(2, 'x') }}")
        )


def test_subir_valida_activa_y_restaurar(
    sesion, juridico, firmante_organo, django_capture_on_commit_callbacks
):
    contenido = docx_con(
        "CONVOCATORIA PERSONALIZADA {{ numero_oficio }}",
        "{{ destinatario_nombre }} — {{ sesion_nombre_completo }}",
    )
    with django_capture_on_commit_callbacks(execute=True):
        nueva = docs.plantilla_subir(
            tipo="convocatoria", archivo=subir(contenido), usuario=juridico, notas="Formato 2025"
        )
    # La revisión corre como tarea al confirmar; al terminar, la versión válida queda activa.
    nueva.refresh_from_db()
    assert nueva.version == 2 and nueva.activa and nueva.estado == EstadoPlantilla.VALIDA
    assert Bitacora.objects.filter(accion="plantilla.validar", objeto_id=str(nueva.pk)).exists()
    anterior = PlantillaDocumento.objects.get(tipo="convocatoria", version=1)
    assert not anterior.activa
    assert Bitacora.objects.filter(accion="plantilla.subir", objeto_id=str(nueva.pk)).exists()

    lote = generar(sesion, TipoLote.CONVOCATORIAS, juridico, django_capture_on_commit_callbacks)
    documento = lote.documentos.first()
    assert documento.plantilla == nueva
    assert "CONVOCATORIA PERSONALIZADA" in texto_docx(leer(documento.archivo))

    docs.plantilla_activar(plantilla=anterior, usuario=juridico)
    anterior.refresh_from_db()
    nueva.refresh_from_db()
    assert anterior.activa and not nueva.activa
    assert Bitacora.objects.filter(accion="plantilla.activar").exists()
    with pytest.raises(docs.DatosInvalidos):
        docs.plantilla_activar(plantilla=anterior, usuario=juridico)
    lote = generar(sesion, TipoLote.CONVOCATORIAS, juridico, django_capture_on_commit_callbacks)
    assert "CONVOCATORIA PERSONALIZADA" not in texto_docx(leer(lote.documentos.first().archivo))


def test_pagina_plantillas_lista_variables(cliente_juridico):
    respuesta = cliente_juridico.get(reverse("documentos:plantillas"))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "frase_apertura" in html and "siendo las diez horas con treinta minutos" in html
    assert "SESAECH/DJ/0012/2022" in html
    assert "votacion" in html  # claves de los acuerdos que agrega la app de acuerdos


def test_vista_subir_rechaza_y_conserva_lo_escrito(cliente_juridico):
    respuesta = cliente_juridico.post(
        reverse("documentos:plantilla_subir"),
        {"tipo": "acta", "notas": "Versión & <nueva>", "archivo": subir(b"no soy word", "x.pdf")},
    )
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "no es un documento de Word" in html
    assert "Versión &amp; &lt;nueva&gt;" in html
    nul = cliente_juridico.post(
        reverse("documentos:plantilla_subir"),
        {"tipo": "acta", "notas": "con \x00 nulo", "archivo": subir(docx_con("{{ organo }}"))},
    )
    assert nul.status_code == 400 and "nulo" in nul.content.decode()
    assert not PlantillaDocumento.objects.exists()


def test_vista_subir_y_restaurar(cliente_juridico, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_juridico.post(
            reverse("documentos:plantilla_subir"),
            {"tipo": "orden_del_dia", "notas": "", "archivo": subir(docx_con("{{ organo }}"))},
        )
    assert respuesta.status_code == 302
    activa = PlantillaDocumento.objects.get(tipo="orden_del_dia", activa=True)
    assert activa.version == 2
    original = PlantillaDocumento.objects.get(tipo="orden_del_dia", version=1)
    respuesta = cliente_juridico.post(reverse("documentos:plantilla_activar", args=[original.pk]))
    assert respuesta.status_code == 302
    original.refresh_from_db()
    assert original.activa
    descarga = cliente_juridico.get(reverse("documentos:plantilla_descargar", args=[activa.pk]))
    assert descarga.status_code == 200


def test_permisos_de_plantillas(client, seguimiento, integrante):
    url = reverse("documentos:plantillas")
    client.force_login(seguimiento)
    assert client.get(url).status_code == 403
    assert client.post(reverse("documentos:plantilla_subir"), {}).status_code == 403
    client.force_login(integrante)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.post(reverse("documentos:plantilla_activar", args=[1])).status_code == 302

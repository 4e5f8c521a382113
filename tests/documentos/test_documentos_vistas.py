"""Vistas de documentos: permisos (DJ, Seguimiento, integrante, anónimo), método y htmx."""

import pytest
from django.urls import reverse

from bitacora.models import Bitacora
from documentos.models import DocumentoGenerado, EstadoDocumento, LoteDocumentos, TipoLote
from tests import factories
from tests.documentos.test_documentos import HOSTIL, generar, leer, texto_docx


@pytest.fixture(autouse=True)
def _sin_pdf(settings):
    settings.SESIONES_DOCUMENTOS_PDF = False


@pytest.fixture
def generado(sesion, juridico, firmante_organo, django_capture_on_commit_callbacks):
    lote = generar(sesion, TipoLote.CONVOCATORIAS, juridico, django_capture_on_commit_callbacks)
    return lote


def test_panel_juridico_fragmento_y_pagina(client, juridico, sesion, generado):
    client.force_login(juridico)
    url = reverse("documentos:sesion", args=[sesion.pk])
    fragmento = client.get(url, HTTP_HX_REQUEST="true")
    assert fragmento.status_code == 200
    html = fragmento.content.decode()
    assert "<html" not in html and 'id="panel-documentos"' in html
    assert "Generar convocatorias" in html and "Certificación del acta" in html
    documento = generado.documentos.first()
    assert documento.numero_oficio in html
    assert documento.sha256[:10] in html
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "<html" in pagina.content.decode() and 'id="panel-documentos"' in pagina.content.decode()


def test_panel_seguimiento_solo_lectura(client, seguimiento, sesion, generado):
    client.force_login(seguimiento)
    respuesta = client.get(reverse("documentos:sesion", args=[sesion.pk]))
    assert respuesta.status_code == 200
    assert "Generar convocatorias" not in respuesta.content.decode()
    documento = generado.documentos.first()
    descarga = client.get(reverse("documentos:descargar", args=[documento.pk, "docx"]))
    assert descarga.status_code == 200
    assert documento.destinatario.nombre in texto_docx(b"".join(descarga.streaming_content))
    zip_ = client.get(reverse("documentos:zip", args=[generado.pk]))
    assert zip_.status_code == 200 and zip_["Content-Type"] == "application/zip"
    prohibido = client.post(
        reverse("documentos:generar", args=[sesion.pk]), {"tipo": TipoLote.ACTA}
    )
    assert prohibido.status_code == 403
    marcar = client.post(reverse("documentos:marcar", args=[documento.pk]), {"estado": "enviado"})
    assert marcar.status_code == 403


def test_integrante_recibe_404(client, integrante, sesion, generado):
    client.force_login(integrante)
    documento = generado.documentos.first()
    urls = [
        reverse("documentos:sesion", args=[sesion.pk]),
        reverse("documentos:descargar", args=[documento.pk, "docx"]),
        reverse("documentos:zip", args=[generado.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("documentos:generar", args=[sesion.pk]), {"tipo": "acta"}).status_code
        == 404
    )


def test_anonimo_va_a_entrar(client, sesion, generado):
    documento = generado.documentos.first()
    for url in (
        reverse("documentos:sesion", args=[sesion.pk]),
        reverse("documentos:descargar", args=[documento.pk, "docx"]),
        reverse("documentos:plantillas"),
    ):
        respuesta = client.get(url)
        assert respuesta.status_code == 302 and respuesta["Location"].startswith("/entrar/")
    respuesta = client.post(reverse("documentos:generar", args=[sesion.pk]), {"tipo": "acta"})
    assert respuesta.status_code == 302 and respuesta["Location"].startswith("/entrar/")


def test_metodo_equivocado(cliente_juridico, sesion, generado):
    documento = generado.documentos.first()
    for url in (
        reverse("documentos:generar", args=[sesion.pk]),
        reverse("documentos:marcar", args=[documento.pk]),
        reverse("documentos:reintentar", args=[generado.pk]),
        reverse("documentos:plantilla_subir"),
    ):
        assert cliente_juridico.get(url).status_code == 405
    assert cliente_juridico.post(reverse("documentos:sesion", args=[sesion.pk])).status_code == 405


def test_sesion_inexistente_404(cliente_juridico):
    assert cliente_juridico.get(reverse("documentos:sesion", args=[999999])).status_code == 404
    assert (
        cliente_juridico.get(reverse("documentos:descargar", args=[999999, "docx"])).status_code
        == 404
    )


def test_generar_desde_el_panel_con_htmx(
    client, juridico, sesion, firmante_organo, django_capture_on_commit_callbacks
):
    client.force_login(juridico)
    invitada = factories.PersonaFactory(nombre=HOSTIL, cargo="Invitada")
    sesion.invitados.create(persona=invitada, motivo="opinar")
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(
            reverse("documentos:generar", args=[sesion.pk]),
            {"tipo": TipoLote.CONVOCATORIAS_INVITACIONES},
            HTTP_HX_REQUEST="true",
        )
    assert respuesta.status_code == 200
    assert DocumentoGenerado.objects.filter(sesion=sesion).count() == 6
    panel = client.get(
        reverse("documentos:sesion", args=[sesion.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    # El nombre hostil se muestra escapado, nunca como marcado.
    assert "Ñandú &amp; &lt;Asociados&gt;" in panel
    assert "<Asociados>" not in panel
    invitacion = DocumentoGenerado.objects.get(tipo="invitacion")
    assert HOSTIL in texto_docx(leer(invitacion.archivo))


def test_generar_con_faltantes_muestra_la_lista(cliente_juridico, sesion):
    respuesta = cliente_juridico.post(
        reverse("documentos:generar", args=[sesion.pk]),
        {"tipo": TipoLote.ACTA},
        HTTP_HX_REQUEST="true",
    )
    html = respuesta.content.decode()
    assert "No hay firmante configurado" in html
    assert "La sesión no tiene hora de clausura registrada." in html
    assert not LoteDocumentos.objects.exists()
    sin_htmx = cliente_juridico.post(
        reverse("documentos:generar", args=[sesion.pk]),
        {"tipo": "desconocido"},
        follow=True,
    )
    assert "Elija un tipo de documento válido." in sin_htmx.content.decode()


def test_progreso_mientras_corre_un_lote(cliente_juridico, sesion, firmante_organo):
    LoteDocumentos.objects.create(
        sesion=sesion, tipo=TipoLote.CONVOCATORIAS, estado="en_proceso", total=10, hechos=4
    )
    html = cliente_juridico.get(
        reverse("documentos:sesion", args=[sesion.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert "4 de 10" in html and "40%" in html


def test_marcar_enviado_y_reintentar_desde_vista(
    cliente_juridico, sesion, generado, monkeypatch, django_capture_on_commit_callbacks
):
    documento = generado.documentos.first()
    respuesta = cliente_juridico.post(
        reverse("documentos:marcar", args=[documento.pk]), {"estado": "enviado"}
    )
    assert respuesta.status_code == 302
    documento.refresh_from_db()
    assert documento.estado == EstadoDocumento.ENVIADO
    assert Bitacora.objects.filter(accion="documento.marcar").count() == 1
    lote = LoteDocumentos.objects.create(
        sesion=sesion, tipo=TipoLote.ORDEN_DEL_DIA, estado="fallido", error="falló"
    )
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_juridico.post(reverse("documentos:reintentar", args=[lote.pk]))
    assert respuesta.status_code == 302
    lote.refresh_from_db()
    assert lote.estado == "terminado"
    pdf = cliente_juridico.get(reverse("documentos:descargar", args=[documento.pk, "pdf"]))
    assert pdf.status_code == 404

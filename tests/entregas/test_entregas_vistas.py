"""Panel de entregas de la sesión: permisos, fragmento htmx, envío, reenvío y quórum esperado."""

import pytest
from django.core import mail
from django.urls import reverse

from entregas import services as entregas
from entregas.models import ConfirmacionAsistencia, Entrega, EstadoEntrega
from tests import factories

HOSTIL = "Ñandú & <Asociados> \"comillas\" 'simples' 🎉"


@pytest.fixture(autouse=True)
def _rapido(hash_rapido):
    return None


def test_panel_permisos(
    cliente_de, sesion_proxima, juridico, seguimiento, integrante, integrante_ajeno
):
    ruta = reverse("entregas:sesion", args=[sesion_proxima.pk])
    assert cliente_de(juridico).get(ruta).status_code == 200
    assert cliente_de(seguimiento).get(ruta).status_code == 200
    assert cliente_de(integrante).get(ruta).status_code == 404
    assert cliente_de(integrante_ajeno).get(ruta).status_code == 404
    anonimo = cliente_de(None).get(ruta)
    assert anonimo.status_code == 302 and anonimo["Location"].startswith("/entrar/")
    assert cliente_de(juridico).post(ruta).status_code == 405
    assert cliente_de(juridico).get(reverse("entregas:sesion", args=[99999])).status_code == 404


def test_fragmento_htmx_y_pagina_completa(cliente_de, sesion_proxima, juridico):
    cliente = cliente_de(juridico)
    ruta = reverse("entregas:sesion", args=[sesion_proxima.pk])
    completa = cliente.get(ruta).content.decode()
    fragmento = cliente.get(ruta, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in completa and 'id="panel-entregas"' in completa
    assert "<html" not in fragmento and 'id="panel-entregas"' in fragmento
    assert "Enviar convocatorias (5)" in fragmento


def test_enviar_desde_el_panel(
    cliente_de,
    sesion_proxima,
    juridico,
    seguimiento,
    integrante,
    django_capture_on_commit_callbacks,
):
    ruta = reverse("entregas:enviar", args=[sesion_proxima.pk])
    assert cliente_de(juridico).get(ruta).status_code == 405
    assert cliente_de(seguimiento).post(ruta).status_code == 403
    assert cliente_de(integrante).post(ruta).status_code == 404
    assert cliente_de(None).post(ruta).status_code == 302
    assert not Entrega.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_de(juridico).post(ruta, headers={"HX-Request": "true"})
    assert respuesta.status_code == 200
    assert len(mail.outbox) == 5
    # La respuesta sale antes de que la tarea envíe: muestra pendientes y se refresca sola.
    assert respuesta.content.decode().count('data-estado="pendiente"') == 5
    assert 'hx-trigger="every 2s"' in respuesta.content.decode()
    html = (
        cliente_de(juridico)
        .get(
            reverse("entregas:sesion", args=[sesion_proxima.pk]),
            headers={"HX-Request": "true"},
        )
        .content.decode()
    )
    assert html.count('data-estado="enviado"') == 5
    assert "every 2s" not in html
    # Segundo clic: nada nuevo y un aviso claro.
    respuesta = cliente_de(juridico).post(ruta, follow=True)
    assert "ya se habían enviado" in respuesta.content.decode()
    assert len(mail.outbox) == 5


def test_enviar_sin_documentos_muestra_el_error(cliente_de, organo, juridico, firmante_organo):
    sesion = factories.sesion_futura(organo, juridico)
    ruta = reverse("entregas:enviar", args=[sesion.pk])
    respuesta = cliente_de(juridico).post(ruta, headers={"HX-Request": "true"})
    assert "Genere primero las convocatorias" in respuesta.content.decode()
    assert not Entrega.objects.exists()


def test_reenviar_una_fallida(
    cliente_de, sesion_proxima, juridico, seguimiento, enviar, django_capture_on_commit_callbacks
):
    enviar(sesion_proxima, juridico)
    entrega = Entrega.objects.first()
    Entrega.objects.filter(pk=entrega.pk).update(estado=EstadoEntrega.FALLIDO, error="550 rebotó")
    mail.outbox.clear()
    ruta = reverse("entregas:reenviar", args=[entrega.pk])
    assert cliente_de(juridico).get(ruta).status_code == 405
    assert cliente_de(seguimiento).post(ruta).status_code == 403
    assert cliente_de(None).post(ruta).status_code == 302
    panel = cliente_de(juridico).get(reverse("entregas:sesion", args=[sesion_proxima.pk]))
    assert "550 rebotó" in panel.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_de(juridico).post(ruta)
    assert respuesta.status_code == 302
    entrega.refresh_from_db()
    assert entrega.estado == EstadoEntrega.ENVIADO
    assert len(mail.outbox) == 1
    # Una entrega enviada no se reenvía.
    respuesta = cliente_de(juridico).post(ruta, follow=True)
    assert "Solo se puede reenviar" in respuesta.content.decode()
    assert len(mail.outbox) == 1


def test_reenviar_entrega_de_sesion_ajena_da_404(
    cliente_de, sesion_proxima, juridico, integrante, enviar
):
    enviar(sesion_proxima, juridico)
    entrega = Entrega.objects.first()
    ruta = reverse("entregas:reenviar", args=[entrega.pk])
    assert cliente_de(integrante).post(ruta).status_code == 404
    assert cliente_de(juridico).post(reverse("entregas:reenviar", args=[99999])).status_code == 404


def test_panel_muestra_acuse_confirmacion_y_quorum_esperado(
    cliente_de, sesion_proxima, juridico, enviar
):
    enviar(sesion_proxima, juridico)
    entrega = Entrega.objects.select_related("persona").first()
    entregas.entrega_acusar(entrega=entrega)
    entregas.confirmacion_registrar(
        sesion=sesion_proxima,
        persona=entrega.persona,
        respuesta="suplente",
        suplente_nombre=HOSTIL,
    )
    html = (
        cliente_de(juridico)
        .get(reverse("entregas:sesion", args=[sesion_proxima.pk]))
        .content.decode()
    )
    assert 'data-estado="acusado"' in html
    assert 'data-quorum-esperado="1/3"' in html
    assert "&lt;Asociados&gt;" in html and "<Asociados>" not in html
    assert ConfirmacionAsistencia.objects.count() == 1


def test_avisar_cambio_desde_el_panel(
    cliente_de, sesion_proxima, juridico, seguimiento, enviar, django_capture_on_commit_callbacks
):
    from sesiones import services

    enviar(sesion_proxima, juridico)
    ruta = reverse("entregas:avisar", args=[sesion_proxima.pk])
    assert cliente_de(juridico).get(ruta).status_code == 405
    assert cliente_de(seguimiento).post(ruta).status_code == 403
    respuesta = cliente_de(juridico).post(ruta, follow=True)
    assert "No hay cambios" in respuesta.content.decode()
    services.sesion_cambiar_estado(
        sesion=sesion_proxima, estado="cancelada", usuario=juridico, motivo="Motivo"
    )
    html = (
        cliente_de(juridico)
        .get(reverse("entregas:sesion", args=[sesion_proxima.pk]))
        .content.decode()
    )
    assert "Avisar la cancelación" in html
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cliente_de(juridico).post(ruta)
    assert len(mail.outbox) == 5
    assert all(m.subject.startswith("Cancelación: ") for m in mail.outbox)

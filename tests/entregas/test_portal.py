"""Portal de integrantes: sus sesiones, anexos por clasificación, documentos y calendario."""

import datetime

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from documentos.models import DocumentoGenerado
from sesiones import services
from sesiones.models import Clasificacion, DescargaAnexo
from sesiones.permisos import persona_de
from tests import factories


@pytest.fixture(autouse=True)
def _rapido(hash_rapido):
    return None


def _anexo(sesion, usuario, clasificacion, autorizadas=()):
    punto = sesion.puntos.order_by("orden").first()
    extra = {}
    if clasificacion != Clasificacion.PUBLICA:
        extra = {"fundamento_legal": "Artículo 113 de la Ley General de Transparencia."}
    if clasificacion == Clasificacion.RESERVADA:
        extra["reservado_hasta"] = datetime.date(2030, 1, 1)
    anexo = services.anexo_subir(
        punto=punto,
        archivo=SimpleUploadedFile("anexo.pdf", factories.pdf_de_prueba(), "application/pdf"),
        titulo=f"Anexo {clasificacion}",
        clasificacion=clasificacion,
        usuario=usuario,
        tipo_contenido="application/pdf",
        **extra,
    )
    if autorizadas:
        anexo.personas_autorizadas.set(autorizadas)
    return anexo


def test_inicio_del_portal_permisos(
    cliente_de, sesion, integrante, integrante_ajeno, juridico, seguimiento
):
    ruta = reverse("portal:inicio")
    respuesta = cliente_de(integrante).get(ruta)
    assert respuesta.status_code == 200
    assert sesion.nombre_completo in respuesta.content.decode()
    assert sesion.nombre_completo not in cliente_de(integrante_ajeno).get(ruta).content.decode()
    for personal in (juridico, seguimiento):
        redirigido = cliente_de(personal).get(ruta)
        assert redirigido.status_code == 302 and redirigido["Location"] == reverse(
            "sesiones:inicio"
        )
    anonimo = cliente_de(None).get(ruta)
    assert anonimo.status_code == 302 and anonimo["Location"].startswith("/entrar/")
    sin_persona = factories.UserFactory(username="sin.persona", grupos=["Integrante"])
    assert cliente_de(sin_persona).get(ruta).status_code == 403
    assert cliente_de(integrante).post(ruta).status_code == 405


def test_sesion_del_portal_muestra_orden_y_solo_anexos_visibles(
    cliente_de, sesion, juridico, integrante, integrante_ajeno
):
    publico = _anexo(sesion, juridico, Clasificacion.PUBLICA)
    reservado = _anexo(sesion, juridico, Clasificacion.RESERVADA)
    confidencial = _anexo(sesion, juridico, Clasificacion.CONFIDENCIAL)
    ruta = reverse("portal:sesion", args=[sesion.pk])
    html = cliente_de(integrante).get(ruta).content.decode()
    assert "Lista de asistencia" in html
    assert f'data-anexo="{publico.pk}"' in html
    assert f'data-anexo="{reservado.pk}"' in html
    assert f'data-anexo="{confidencial.pk}"' not in html
    assert cliente_de(integrante_ajeno).get(ruta).status_code == 404
    assert cliente_de(None).get(ruta).status_code == 302
    assert cliente_de(integrante).post(ruta).status_code == 405


@pytest.mark.parametrize(
    ("clasificacion", "esperado"),
    [
        # (juridico, integrante propio, integrante autorizado, integrante ajeno)
        (Clasificacion.PUBLICA, (200, 200, 200, 404)),
        (Clasificacion.RESERVADA, (200, 200, 200, 404)),
        (Clasificacion.CONFIDENCIAL, (200, 404, 200, 404)),
    ],
)
def test_matriz_de_acceso_a_anexos(
    cliente_de, sesion, organo, juridico, integrante, integrante_ajeno, clasificacion, esperado
):
    autorizada_usuario = factories.UserFactory(username="autorizada", grupos=["Integrante"])
    autorizada = organo.integrantes.order_by("pk").first().persona
    autorizada.usuario = autorizada_usuario
    autorizada.save()
    anexo = _anexo(sesion, juridico, clasificacion, autorizadas=[autorizada])
    ruta = reverse("portal:anexo", args=[anexo.pk])
    usuarios = (juridico, integrante, autorizada_usuario, integrante_ajeno)
    obtenido = tuple(cliente_de(u).get(ruta).status_code for u in usuarios)
    assert obtenido == esperado
    anonimo = cliente_de(None).get(ruta)
    assert anonimo.status_code == 302 and anonimo["Location"].startswith("/entrar/")
    descargas = DescargaAnexo.objects.filter(anexo=anexo)
    if clasificacion == Clasificacion.PUBLICA:
        assert not descargas.exists()
    else:
        # Cada descarga exitosa de un anexo no público queda registrada: quién y cuándo.
        assert descargas.count() == esperado.count(200)
        assert set(descargas.values_list("usuario__username", flat=True)) == {
            u.username for u, s in zip(usuarios, esperado, strict=True) if s == 200
        }
    assert cliente_de(juridico).post(ruta).status_code == 405


def test_descarga_no_usa_ruta_publica(cliente_de, sesion, juridico, integrante):
    anexo = _anexo(sesion, juridico, Clasificacion.RESERVADA)
    respuesta = cliente_de(integrante).get(reverse("portal:anexo", args=[anexo.pk]))
    assert respuesta["Cache-Control"] == "private, no-store"
    assert respuesta["Content-Disposition"].startswith("attachment")
    assert anexo.archivo.name not in reverse("portal:anexo", args=[anexo.pk])
    assert cliente_de(None).get("/media/" + anexo.archivo.name).status_code == 404


def test_integrante_dado_de_baja_pierde_acceso_al_momento(cliente_de, sesion, juridico, integrante):
    anexo = _anexo(sesion, juridico, Clasificacion.RESERVADA)
    cliente = cliente_de(integrante)
    assert cliente.get(reverse("portal:anexo", args=[anexo.pk])).status_code == 200
    persona_de(integrante).membresias.update(
        fecha_fin=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert cliente.get(reverse("portal:anexo", args=[anexo.pk])).status_code == 404
    assert cliente.get(reverse("portal:sesion", args=[sesion.pk])).status_code == 404
    assert sesion.nombre_completo not in cliente.get(reverse("portal:inicio")).content.decode()


def test_su_convocatoria_si_la_ajena_no(cliente_de, sesion_proxima, integrante, integrante_ajeno):
    persona = persona_de(integrante)
    propia = DocumentoGenerado.objects.get(sesion=sesion_proxima, destinatario=persona)
    ajena = (
        DocumentoGenerado.objects.filter(sesion=sesion_proxima)
        .exclude(destinatario=persona)
        .first()
    )
    cliente = cliente_de(integrante)
    html = cliente.get(reverse("portal:sesion", args=[sesion_proxima.pk])).content.decode()
    assert reverse("portal:documento", args=[propia.pk, "docx"]) in html
    respuesta = cliente.get(reverse("portal:documento", args=[propia.pk, "docx"]))
    assert respuesta.status_code == 200
    assert b"".join(respuesta.streaming_content)[:2] == b"PK"
    assert cliente.get(reverse("portal:documento", args=[ajena.pk, "docx"])).status_code == 404
    assert cliente.get(reverse("portal:documento", args=[propia.pk, "pdf"])).status_code == 404
    assert (
        cliente_de(integrante_ajeno)
        .get(reverse("portal:documento", args=[propia.pk, "docx"]))
        .status_code
        == 404
    )
    assert (
        cliente_de(None).get(reverse("portal:documento", args=[propia.pk, "docx"])).status_code
        == 302
    )


def test_confirmar_desde_el_portal(cliente_de, sesion_proxima, integrante, integrante_ajeno):
    ruta = reverse("portal:confirmar", args=[sesion_proxima.pk])
    assert cliente_de(integrante).get(ruta).status_code == 405
    assert cliente_de(integrante_ajeno).post(ruta, {"respuesta": "asistira"}).status_code == 404
    assert cliente_de(None).post(ruta, {"respuesta": "asistira"}).status_code == 302
    invalida = cliente_de(integrante).post(ruta, {"respuesta": "tal vez"})
    assert invalida.status_code == 400
    assert "Elija una respuesta válida" in invalida.content.decode()
    assert cliente_de(integrante).post(ruta, {"respuesta": "asistira"}).status_code == 302
    assert sesion_proxima.confirmaciones.get().respuesta == "asistira"


def test_calendario_privado(cliente_de, client, sesion, otro_organo, juridico, integrante):
    ajena = factories.sesion_programada(organo=otro_organo, usuario=juridico)
    html = cliente_de(integrante).get(reverse("portal:inicio")).content.decode()
    token = persona_de(integrante).calendario.token
    ruta = reverse("portal:calendario", args=[token])
    assert ruta in html
    respuesta = client.get(ruta)
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith("text/calendar")
    calendario = icalendar.Calendar.from_ical(respuesta.content)
    uids = {str(e["uid"]) for e in calendario.walk("VEVENT")}
    assert f"sesion-{sesion.pk}@127.0.0.1" in uids
    assert f"sesion-{ajena.pk}@127.0.0.1" not in uids
    assert calendario.walk("VTIMEZONE")
    assert client.get(reverse("portal:calendario", args=["no-existe"])).status_code == 404

    regenerar = reverse("portal:calendario_regenerar")
    assert cliente_de(integrante).get(regenerar).status_code == 405
    assert cliente_de(None).post(regenerar).status_code == 302
    assert cliente_de(integrante).post(regenerar).status_code == 302
    assert client.get(ruta).status_code == 404
    nuevo = persona_de(integrante).calendario.token
    assert nuevo != token
    assert client.get(reverse("portal:calendario", args=[nuevo])).status_code == 200

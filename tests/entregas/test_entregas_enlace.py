"""Enlace personal firmado: acuse, confirmación, manipulación, vencimiento y acceso ajeno."""

import datetime

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from bitacora.models import Bitacora
from entregas import enlaces
from entregas import services as entregas
from entregas.avisos import avisos_quorum_revisar
from entregas.models import AvisoQuorum, ConfirmacionAsistencia, Entrega, EstadoEntrega
from entregas.selectors import quorum_esperado
from sesiones.exceptions import DatosInvalidos, TransicionNoPermitida
from sesiones.models import Asistencia
from tests import factories

HOSTIL = "Ñandú & <Asociados> \"comillas\" 'simples' 🎉"


@pytest.fixture
def entrega(sesion_proxima, juridico, enviar):
    enviar(sesion_proxima, juridico)
    return Entrega.objects.select_related("persona").order_by("pk").first()


def url(nombre, entrega_o_token):
    token = (
        entrega_o_token if isinstance(entrega_o_token, str) else enlaces.token_para(entrega_o_token)
    )
    return reverse(f"portal:{nombre}", args=[token])


def test_abrir_el_enlace_no_acusa_y_muestra_la_sesion(client, entrega):
    respuesta = client.get(url("enlace", entrega))
    assert respuesta.status_code == 200
    assert entrega.sesion.nombre_completo in respuesta.content.decode()
    entrega.refresh_from_db()
    assert entrega.acusado_en is None


def test_el_correo_lleva_el_enlace_que_funciona(client, entrega):
    mensaje = next(m for m in mail.outbox if entrega.correo in m.to[0])
    enlace = next(linea for linea in mensaje.body.splitlines() if "/portal/enlace/" in linea)
    ruta = enlace.strip().replace("http://127.0.0.1:8000", "")
    assert client.get(ruta).status_code == 200


def test_acusar_registra_fecha_y_hora_una_sola_vez(client, entrega):
    antes = timezone.now()
    respuesta = client.post(url("enlace_acusar", entrega))
    assert respuesta.status_code == 302
    entrega.refresh_from_db()
    assert entrega.estado == EstadoEntrega.ACUSADO
    assert entrega.acusado_en >= antes
    primera = entrega.acusado_en
    assert Bitacora.objects.filter(accion="entrega.acusar", objeto_id=str(entrega.pk)).count() == 1
    client.post(url("enlace_acusar", entrega))
    entrega.refresh_from_db()
    assert entrega.acusado_en == primera
    assert Bitacora.objects.filter(accion="entrega.acusar").count() == 1
    assert "Acusó de recibido" in client.get(url("enlace", entrega)).content.decode()


def test_acusar_y_confirmar_exigen_post(client, entrega):
    assert client.get(url("enlace_acusar", entrega)).status_code == 405
    assert client.get(url("enlace_confirmar", entrega)).status_code == 405


def test_confirmar_asistencia_tambien_acusa(client, entrega):
    respuesta = client.post(url("enlace_confirmar", entrega), {"respuesta": "asistira"})
    assert respuesta.status_code == 302
    confirmacion = ConfirmacionAsistencia.objects.get(persona=entrega.persona)
    assert confirmacion.respuesta == "asistira"
    entrega.refresh_from_db()
    assert entrega.acusado_en is not None
    # La confirmación no es la asistencia real de la sesión.
    assert not Asistencia.objects.exists()
    assert Bitacora.objects.filter(accion="confirmacion.registrar").count() == 1
    client.post(url("enlace_confirmar", entrega), {"respuesta": "no_asistira"})
    confirmacion.refresh_from_db()
    assert confirmacion.respuesta == "no_asistira"
    cambio = Bitacora.objects.filter(accion="confirmacion.registrar").order_by("-pk").first()
    assert cambio.datos["de"] == "asistira" and cambio.datos["a"] == "no_asistira"


def test_suplente_sin_nombre_se_rechaza_y_con_nombre_se_guarda_escapado(client, entrega):
    respuesta = client.post(url("enlace_confirmar", entrega), {"respuesta": "suplente"})
    assert respuesta.status_code == 400
    assert "Indique el nombre de quien asistirá" in respuesta.content.decode()
    assert not ConfirmacionAsistencia.objects.exists()

    respuesta = client.post(
        url("enlace_confirmar", entrega), {"respuesta": "suplente", "suplente_nombre": HOSTIL}
    )
    assert respuesta.status_code == 302
    assert ConfirmacionAsistencia.objects.get().suplente_nombre == HOSTIL
    html = client.get(url("enlace", entrega)).content.decode()
    assert "&lt;Asociados&gt;" in html and "<Asociados>" not in html


def test_suplente_registrado_no_requiere_nombre(sesion_proxima, juridico, enviar):
    integrante = sesion_proxima.organo.integrantes.order_by("pk").first()
    integrante.suplente = factories.PersonaFactory(nombre="Suplente Registrado")
    integrante.save()
    confirmacion = entregas.confirmacion_registrar(
        sesion=sesion_proxima, persona=integrante.persona, respuesta="suplente"
    )
    assert confirmacion.suplente == integrante.suplente
    assert confirmacion.nombre_suplente == str(integrante.suplente)


def test_nul_en_el_nombre_del_suplente_se_rechaza(client, entrega):
    respuesta = client.post(
        url("enlace_confirmar", entrega), {"respuesta": "suplente", "suplente_nombre": "Ana\x00"}
    )
    assert respuesta.status_code == 400
    assert "caracteres nulos" in respuesta.content.decode().lower()
    assert not ConfirmacionAsistencia.objects.exists()


def test_enlace_manipulado_da_400_y_no_cambia_nada(client, entrega):
    token = enlaces.token_para(entrega)
    alterado = token[:-3] + ("abc" if token[-3:] != "abc" else "xyz")
    for nombre in ("enlace", "enlace_acusar", "enlace_confirmar"):
        metodo = client.get if nombre == "enlace" else client.post
        respuesta = metodo(
            url(nombre, alterado), {"respuesta": "asistira"} if nombre != "enlace" else None
        )
        assert respuesta.status_code == 400
        assert "no es válido" in respuesta.content.decode()
    # Un token firmado con otra sal (otro propósito) tampoco sirve.
    otro = signing.dumps({"e": entrega.pk, "p": entrega.persona_id}, salt="otra-cosa")
    assert client.post(url("enlace_acusar", otro)).status_code == 400
    entrega.refresh_from_db()
    assert entrega.acusado_en is None
    assert not ConfirmacionAsistencia.objects.exists()


def test_enlace_de_otra_persona_da_403(client, entrega):
    otra = Entrega.objects.exclude(pk=entrega.pk).first()
    mezclado = signing.dumps({"e": entrega.pk, "p": otra.persona_id}, salt=enlaces.SAL)
    assert client.post(url("enlace_acusar", mezclado)).status_code == 403
    entrega.refresh_from_db()
    assert entrega.acusado_en is None


def test_integrante_con_sesion_iniciada_no_usa_enlace_ajeno(client, entrega, hash_rapido):
    otra = Entrega.objects.exclude(pk=entrega.pk).select_related("persona").first()
    usuario = factories.UserFactory(username="otra.persona")
    otra.persona.usuario = usuario
    otra.persona.save()
    client.force_login(usuario)
    respuesta = client.post(url("enlace_confirmar", entrega), {"respuesta": "asistira"})
    assert respuesta.status_code == 403
    assert "personal de otra persona" in respuesta.content.decode()
    assert not ConfirmacionAsistencia.objects.exists()


def test_enlace_vencido_da_410(client, entrega, settings):
    # Sesión ya realizada: el enlace vale solo hasta el día siguiente.
    type(entrega.sesion).objects.filter(pk=entrega.sesion_id).update(
        fecha_hora=timezone.now() - datetime.timedelta(days=3)
    )
    respuesta = client.post(url("enlace_acusar", entrega))
    assert respuesta.status_code == 410
    assert "venció" in respuesta.content.decode()
    entrega.refresh_from_db()
    assert entrega.acusado_en is None


def test_enlace_mas_viejo_que_el_maximo_da_410(client, entrega, settings):
    settings.SESIONES_ENLACE_MAX_DIAS = -1
    respuesta = client.get(url("enlace", entrega))
    assert respuesta.status_code == 410


def test_integrante_dado_de_baja_pierde_el_enlace_al_momento(client, entrega):
    ayer = timezone.localdate() - datetime.timedelta(days=1)
    entrega.persona.membresias.update(fecha_fin=ayer)
    respuesta = client.post(url("enlace_confirmar", entrega), {"respuesta": "asistira"})
    assert respuesta.status_code == 403
    assert not ConfirmacionAsistencia.objects.exists()


def test_servicios_rechazan_estados_invalidos(sesion_proxima, juridico, entrega):
    pendiente = Entrega.objects.exclude(pk=entrega.pk).first()
    Entrega.objects.filter(pk=pendiente.pk).update(estado=EstadoEntrega.FALLIDO)
    pendiente.refresh_from_db()
    with pytest.raises(TransicionNoPermitida):
        entregas.entrega_acusar(entrega=pendiente)
    with pytest.raises(DatosInvalidos):
        entregas.confirmacion_registrar(
            sesion=sesion_proxima, persona=entrega.persona, respuesta="quizas"
        )
    ajena = factories.PersonaFactory()
    with pytest.raises(TransicionNoPermitida, match="no está convocado"):
        entregas.confirmacion_registrar(sesion=sesion_proxima, persona=ajena, respuesta="asistira")
    from sesiones import services

    services.sesion_cambiar_estado(
        sesion=sesion_proxima, estado="cancelada", usuario=juridico, motivo="Motivo"
    )
    sesion_proxima.refresh_from_db()
    with pytest.raises(TransicionNoPermitida, match="ya no admite"):
        entregas.confirmacion_registrar(
            sesion=sesion_proxima, persona=entrega.persona, respuesta="asistira"
        )


def test_quorum_esperado_cuenta_confirmaciones(sesion_proxima):
    personas = [i.persona for i in sesion_proxima.organo.integrantes.order_by("pk")]
    assert quorum_esperado(sesion_proxima).presentes == 0
    entregas.confirmacion_registrar(
        sesion=sesion_proxima, persona=personas[0], respuesta="asistira"
    )
    entregas.confirmacion_registrar(
        sesion=sesion_proxima, persona=personas[1], respuesta="suplente", suplente_nombre="Lic. X"
    )
    entregas.confirmacion_registrar(
        sesion=sesion_proxima, persona=personas[2], respuesta="no_asistira"
    )
    quorum = quorum_esperado(sesion_proxima)
    assert (quorum.presentes, quorum.requeridos, quorum.con_voto) == (2, 3, 5)
    assert not quorum.alcanzado


def test_aviso_de_quorum_una_vez_por_sesion(organo, juridico):
    juridico.email = "juridico@ejemplo.mx"
    juridico.save()
    proxima = factories.sesion_futura(organo, juridico, dias=1)
    lejana = factories.sesion_futura(organo, juridico, dias=20)
    avisos = avisos_quorum_revisar(hoy=timezone.localdate())
    assert [a.sesion for a in avisos] == [proxima]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["juridico@ejemplo.mx"]
    assert "Quórum en riesgo" in mail.outbox[0].subject
    assert "0 de 5" in mail.outbox[0].body
    assert Bitacora.objects.filter(accion="quorum.aviso", sesion=proxima).count() == 1
    assert avisos_quorum_revisar(hoy=timezone.localdate()) == []
    assert len(mail.outbox) == 1
    assert not AvisoQuorum.objects.filter(sesion=lejana).exists()


def test_sin_aviso_si_las_confirmaciones_dan_quorum(organo, juridico):
    proxima = factories.sesion_futura(organo, juridico, dias=1)
    for integrante in organo.integrantes.order_by("pk")[:3]:
        entregas.confirmacion_registrar(
            sesion=proxima, persona=integrante.persona, respuesta="asistira"
        )
    assert avisos_quorum_revisar(hoy=timezone.localdate()) == []
    assert not mail.outbox


def test_comando_avisar_quorum(organo, juridico, capsys):
    from django.core.management import call_command

    factories.sesion_futura(organo, juridico, dias=1)
    call_command("avisar_quorum")
    assert "Aviso enviado" in capsys.readouterr().out
    call_command("avisar_quorum")
    assert "Sin avisos" in capsys.readouterr().out

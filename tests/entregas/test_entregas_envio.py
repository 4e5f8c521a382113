"""Envío de convocatorias: correo con DOCX e invitación .ics, idempotencia, rebotes y avisos."""

import datetime
import smtplib
import zoneinfo
from email.header import decode_header, make_header
from email.utils import parseaddr

import icalendar
import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command

from bitacora.models import Bitacora
from documentos.models import DocumentoGenerado, EstadoDocumento
from entregas import services as entregas
from entregas import tasks as tasks_entregas
from entregas.models import Entrega, EstadoEntrega, MotivoEntrega
from sesiones import services
from sesiones.exceptions import DatosInvalidos, TransicionNoPermitida
from tests import factories

MX = zoneinfo.ZoneInfo("America/Mexico_City")
TIPO_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class BackendRebote(BaseEmailBackend):
    """Servidor que rechaza a los destinatarios, como un SMTP ante un buzón inexistente."""

    def send_messages(self, messages):
        for m in messages:
            raise smtplib.SMTPRecipientsRefused({m.to[0]: (550, b"5.1.1 Buzon inexistente")})


def adjuntos(mensaje):
    return {nombre: (contenido, tipo) for nombre, contenido, tipo in mensaje.attachments}


def evento(ics) -> icalendar.Event:
    calendario = icalendar.Calendar.from_ical(ics)
    return calendario, calendario.walk("VEVENT")[0]


def test_envia_un_correo_por_integrante_con_docx_e_ics(sesion_proxima, juridico, enviar):
    creadas = enviar(sesion_proxima, juridico)

    assert len(creadas) == 5
    assert len(mail.outbox) == 5
    correos = sorted(parseaddr(m.to[0])[1] for m in mail.outbox)
    assert correos == sorted(e.persona.correo for e in creadas)
    nombres = {str(make_header(decode_header(m.message()["To"]))) for m in mail.outbox}
    assert f"{creadas[0].persona.nombre_con_titulo} <{creadas[0].persona.correo}>" in nombres
    for mensaje in mail.outbox:
        assert mensaje.subject.startswith("Convocatoria: ")
        assert sesion_proxima.nombre in mensaje.subject
        partes = adjuntos(mensaje)
        docx = [n for n, (_c, t) in partes.items() if t == TIPO_DOCX]
        assert len(docx) == 1 and docx[0].endswith(".docx")
        calendario, ev = evento(partes["invitacion.ics"][0])
        assert str(calendario["method"]) == "REQUEST"
        assert ev.decoded("dtstart") == sesion_proxima.fecha_hora
        assert str(ev.decoded("dtstart").tzinfo) == "America/Mexico_City"
        assert str(ev["uid"]) == f"sesion-{sesion_proxima.pk}@127.0.0.1"
        assert int(ev["sequence"]) == 0
        assert calendario.walk("VTIMEZONE"), "falta el bloque VTIMEZONE"
        alternativas = [t for _c, t in mensaje.alternatives]
        assert "text/html" in alternativas
        assert "text/calendar; method=REQUEST" in alternativas
        assert "/portal/enlace/" in mensaje.body
    for entrega in Entrega.objects.filter(sesion=sesion_proxima):
        assert entrega.estado == EstadoEntrega.ENVIADO
        assert entrega.enviado_en is not None
        assert entrega.message_id.startswith("<")
        assert entrega.documento.estado == EstadoDocumento.ENVIADO
    assert Bitacora.objects.filter(accion="entrega.enviar", sesion=sesion_proxima).count() == 5
    assert Bitacora.objects.filter(accion="entregas.solicitar").count() == 1


def test_tarea_repetida_no_envia_dos_veces(sesion_proxima, juridico, enviar):
    enviar(sesion_proxima, juridico)
    tasks_entregas.enviar_sesion(sesion_proxima.pk)
    tasks_entregas.enviar_sesion(sesion_proxima.pk)
    for entrega in Entrega.objects.all():
        assert tasks_entregas.enviar_entrega(entrega.pk) == "La entrega ya estaba tomada o enviada."
    assert len(mail.outbox) == 5
    # Pulsar de nuevo «Enviar convocatorias» no crea entregas nuevas.
    assert enviar(sesion_proxima, juridico) == []
    assert Entrega.objects.count() == 5


def test_entrega_tomada_por_otro_proceso_se_salta(sesion_proxima, juridico):
    creadas = entregas.entregas_solicitar(sesion=sesion_proxima, usuario=juridico)
    Entrega.objects.filter(pk=creadas[0].pk).update(estado=EstadoEntrega.ENVIANDO)
    assert entregas.entrega_enviar(entrega_id=creadas[0].pk) is None
    entregas.entregas_enviar_pendientes(sesion_id=sesion_proxima.pk)
    assert len(mail.outbox) == 4


def test_rebote_queda_fallido_con_motivo_y_se_reenvia_solo(
    sesion_proxima, juridico, enviar, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.entregas.test_entregas_envio.BackendRebote"
    enviar(sesion_proxima, juridico)
    fallidas = Entrega.objects.filter(estado=EstadoEntrega.FALLIDO)
    assert fallidas.count() == 5
    entrega = fallidas.first()
    assert "rechazó" in entrega.error and "550" in entrega.error
    assert "Buzon inexistente" in entrega.error
    assert entrega.intentos == 1
    assert Bitacora.objects.filter(accion="entrega.fallo").count() == 5
    # Un documento no enviado sigue en borrador.
    assert entrega.documento.estado == EstadoDocumento.BORRADOR

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        entregas.entrega_reenviar(entrega=entrega, usuario=juridico)
    entrega.refresh_from_db()
    assert entrega.estado == EstadoEntrega.ENVIADO
    assert entrega.error == ""
    assert entrega.intentos == 2
    assert len(mail.outbox) == 1
    assert Entrega.objects.filter(estado=EstadoEntrega.FALLIDO).count() == 4
    assert Bitacora.objects.filter(accion="entrega.reenviar", objeto_id=str(entrega.pk)).exists()
    with pytest.raises(TransicionNoPermitida):
        entregas.entrega_reenviar(entrega=entrega, usuario=juridico)


def test_sin_correo_o_correo_invalido_falla_con_motivo(
    organo, juridico, firmante_organo, enviar, settings
):
    settings.SESIONES_DOCUMENTOS_PDF = False
    personas = [i.persona for i in organo.integrantes.order_by("pk")]
    personas[0].correo = ""
    personas[0].save()
    sesion = factories.sesion_futura(organo, juridico)
    factories.generar_convocatorias(sesion)
    # Una dirección con salto de línea nunca llega a un encabezado.
    type(personas[1]).objects.filter(pk=personas[1].pk).update(correo="a@b.mx\nBcc: x@y.mx")
    enviar(sesion, juridico)
    sin_correo = Entrega.objects.get(persona=personas[0])
    assert sin_correo.estado == EstadoEntrega.FALLIDO
    assert "no tiene correo" in sin_correo.error
    invalido = Entrega.objects.get(persona=personas[1])
    assert invalido.estado == EstadoEntrega.FALLIDO
    assert "no es una dirección válida" in invalido.error
    assert len(mail.outbox) == 3
    with pytest.raises(DatosInvalidos, match="Corrija el correo"):
        entregas.entrega_reenviar(entrega=sin_correo, usuario=juridico)


def test_nombre_con_saltos_no_rompe_encabezados(
    organo, juridico, firmante_organo, enviar, settings
):
    settings.SESIONES_DOCUMENTOS_PDF = False
    persona = organo.integrantes.order_by("pk").first().persona
    persona.nombre = "Ana\r\nBcc: intruso@x.mx Ñandú & <Asociados> 🎉"
    persona.save()
    sesion = factories.sesion_futura(organo, juridico)
    factories.generar_convocatorias(sesion)
    enviar(sesion, juridico)
    assert len(mail.outbox) == 5
    mensaje = next(m for m in mail.outbox if persona.correo in m.to[0])
    crudo = mensaje.message()
    assert crudo["Bcc"] is None
    # El encabezado crudo va codificado: el nombre no puede inyectar otra dirección.
    assert parseaddr(str(crudo["To"]))[1] == persona.correo
    assert "\n" not in str(crudo["To"]).replace("\n ", "")
    destinatario = str(make_header(decode_header(crudo["To"])))
    assert "Ana Bcc: intruso@x.mx Ñandú" in destinatario
    assert Entrega.objects.get(persona=persona).estado == EstadoEntrega.ENVIADO
    # En el HTML el nombre va escapado.
    html = next(c for c, t in mensaje.alternatives if t == "text/html")
    assert "&lt;Asociados&gt;" in html and "<Asociados>" not in html


def test_estados_que_no_admiten_envio(sesion, juridico, firmante_organo, settings):
    settings.SESIONES_DOCUMENTOS_PDF = False
    with pytest.raises(DatosInvalidos, match="Genere primero"):
        entregas.entregas_solicitar(sesion=sesion, usuario=juridico)
    services.sesion_cambiar_estado(
        sesion=sesion, estado="cancelada", usuario=juridico, motivo="Sin asuntos"
    )
    sesion.refresh_from_db()
    with pytest.raises(TransicionNoPermitida, match="cancelada"):
        entregas.entregas_solicitar(sesion=sesion, usuario=juridico)
    assert not Entrega.objects.exists()


def test_invitado_recibe_invitacion(sesion_proxima, juridico, enviar, settings):
    invitada = factories.PersonaFactory(nombre="Invitada Especial")
    services.invitado_agregar(sesion=sesion_proxima, persona=invitada, usuario=juridico)
    factories.generar_convocatorias(sesion_proxima)
    enviar(sesion_proxima, juridico)
    assert len(mail.outbox) == 6
    entrega = Entrega.objects.get(persona=invitada)
    assert entrega.es_invitado
    assert entrega.documento.tipo == "invitacion"
    mensaje = next(m for m in mail.outbox if invitada.correo in m.to[0])
    assert mensaje.subject.startswith("Invitación: ")


def test_cambio_de_fecha_y_cancelacion_actualizan_el_calendario(
    sesion_proxima, juridico, enviar, django_capture_on_commit_callbacks
):
    enviar(sesion_proxima, juridico)
    assert entregas.cambio_pendiente(sesion_proxima) == ""
    with pytest.raises(DatosInvalidos):
        entregas.entregas_avisar_cambio(sesion=sesion_proxima, usuario=juridico)
    mail.outbox.clear()

    nueva = sesion_proxima.fecha_hora + datetime.timedelta(days=3, hours=2)
    services.sesion_cambiar_estado(
        sesion=sesion_proxima, estado="diferida", usuario=juridico, motivo="Agenda"
    )
    services.sesion_cambiar_estado(
        sesion=sesion_proxima, estado="programada", usuario=juridico, nueva_fecha_hora=nueva
    )
    sesion_proxima.refresh_from_db()
    assert entregas.cambio_pendiente(sesion_proxima) == MotivoEntrega.ACTUALIZACION
    with django_capture_on_commit_callbacks(execute=True):
        entregas.entregas_avisar_cambio(sesion=sesion_proxima, usuario=juridico)
    assert len(mail.outbox) == 5
    for mensaje in mail.outbox:
        assert mensaje.subject.startswith("Cambio de fecha: ")
        calendario, ev = evento(adjuntos(mensaje)["invitacion.ics"][0])
        assert str(calendario["method"]) == "REQUEST"
        assert int(ev["sequence"]) == 1
        assert ev.decoded("dtstart") == nueva
    assert entregas.cambio_pendiente(sesion_proxima) == ""
    mail.outbox.clear()

    services.sesion_cambiar_estado(
        sesion=sesion_proxima, estado="cancelada", usuario=juridico, motivo="Sin quórum previsto"
    )
    sesion_proxima.refresh_from_db()
    assert entregas.cambio_pendiente(sesion_proxima) == MotivoEntrega.CANCELACION
    with django_capture_on_commit_callbacks(execute=True):
        entregas.entregas_avisar_cambio(sesion=sesion_proxima, usuario=juridico)
    assert len(mail.outbox) == 5
    for mensaje in mail.outbox:
        partes = adjuntos(mensaje)
        assert not [n for n in partes if n.endswith(".docx")]
        calendario, ev = evento(partes["invitacion.ics"][0])
        assert str(calendario["method"]) == "CANCEL"
        assert str(ev["status"]) == "CANCELLED"
        assert int(ev["sequence"]) == 2
        assert str(ev["uid"]) == f"sesion-{sesion_proxima.pk}@127.0.0.1"
    assert Bitacora.objects.filter(accion="entregas.cancelacion").count() == 1
    assert entregas.cambio_pendiente(sesion_proxima) == ""


def test_comando_genera_y_envia(organo, juridico, firmante_organo, settings, capsys):
    settings.SESIONES_DOCUMENTOS_PDF = False
    sesion = factories.sesion_futura(organo, juridico)
    assert not DocumentoGenerado.objects.filter(sesion=sesion).exists()
    call_command("enviar_convocatorias", "--sesion", sesion.clave)
    salida = capsys.readouterr().out
    lineas = [linea for linea in salida.splitlines() if linea.startswith("Enviado\t")]
    assert len(lineas) == 5
    assert len(mail.outbox) == 5
    # Correrlo de nuevo no repite correos.
    call_command("enviar_convocatorias", "--sesion", sesion.clave)
    assert len(mail.outbox) == 5


def test_comando_errores_en_espanol(db):
    with pytest.raises(CommandError, match="No existe una sesión"):
        call_command("enviar_convocatorias", "--sesion", "NO-EXISTE")


def test_cancelar_o_reprogramar_avisa_solo_a_quienes_ya_recibieron(
    sesion_proxima, juridico, enviar, django_capture_on_commit_callbacks
):
    enviar(sesion_proxima, juridico)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.sesion_cambiar_estado(
            sesion=sesion_proxima, estado="diferida", usuario=juridico, motivo="Agenda"
        )
    assert mail.outbox == []  # diferir sin fecha nueva no cambia la invitación
    nueva = sesion_proxima.fecha_hora + datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.sesion_cambiar_estado(
            sesion=sesion_proxima, estado="programada", usuario=juridico, nueva_fecha_hora=nueva
        )
    assert len(mail.outbox) == 5
    assert all(m.subject.startswith("Cambio de fecha: ") for m in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.sesion_cambiar_estado(
            sesion=sesion_proxima, estado="cancelada", usuario=juridico, motivo="Sin asuntos"
        )
    assert len(mail.outbox) == 5
    calendario, ev = evento(adjuntos(mail.outbox[0])["invitacion.ics"][0])
    assert str(calendario["method"]) == "CANCEL"

"""Escenario de la demostración: convocatorias del Comité Coordinador a archivos de correo."""

import email
import io
from email import policy

import icalendar
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from entregas import enlaces
from entregas.models import ConfirmacionAsistencia, Entrega
from sesiones.models import Anexo, Clasificacion, Sesion
from tests import factories

TIPO_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.django_db
def test_demo_convocatorias_del_comite_coordinador(settings, tmp_path, hash_rapido):
    settings.SESIONES_DOCUMENTOS_PDF = False
    call_command("cargar_demo", stdout=io.StringIO())
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "correo")
    proxima = (
        Sesion.objects.filter(organo__siglas="CC", estado="programada")
        .order_by("fecha_hora")
        .first()
    )
    assert proxima is not None

    call_command("enviar_convocatorias", "--sesion", proxima.clave, stdout=io.StringIO())

    mensajes = []
    for archivo in sorted((tmp_path / "correo").iterdir()):
        # El backend de archivos separa cada mensaje con una línea de 79 guiones.
        for bloque in archivo.read_bytes().split(b"-" * 79):
            if bloque.strip():
                mensajes.append(
                    email.message_from_bytes(bloque.lstrip(b"\r\n"), policy=policy.default)
                )
    assert len(mensajes) == 7
    for mensaje in mensajes:
        partes = list(mensaje.iter_attachments())
        docx = [p for p in partes if p.get_content_type() == TIPO_DOCX]
        assert len(docx) == 1
        assert docx[0].get_payload(decode=True)[:2] == b"PK"
        ics = [p for p in partes if p.get_filename() == "invitacion.ics"]
        assert len(ics) == 1
        calendario = icalendar.Calendar.from_ical(ics[0].get_payload(decode=True))
        evento = calendario.walk("VEVENT")[0]
        inicio = evento.decoded("dtstart")
        assert str(inicio.tzinfo) == "America/Mexico_City"
        assert inicio == proxima.fecha_hora
        assert evento["dtstart"].params["TZID"] == "America/Mexico_City"
        assert calendario.walk("VTIMEZONE")[0]["tzid"] == "America/Mexico_City"

    # Una integrante abre su enlace, acusa y confirma.
    entrega = Entrega.objects.filter(sesion=proxima).select_related("persona").first()
    cliente = Client()
    token = enlaces.token_para(entrega)
    assert cliente.get(reverse("portal:enlace", args=[token])).status_code == 200
    assert cliente.post(reverse("portal:enlace_acusar", args=[token])).status_code == 302
    assert (
        cliente.post(
            reverse("portal:enlace_confirmar", args=[token]), {"respuesta": "asistira"}
        ).status_code
        == 302
    )
    entrega.refresh_from_db()
    assert entrega.acusado_en is not None
    assert ConfirmacionAsistencia.objects.get(persona=entrega.persona).respuesta == "asistira"

    # Quien integra otro órgano no ve el anexo reservado del Comité Coordinador.
    reservado = Anexo.objects.get(
        punto__sesion__organo__siglas="CC", clasificacion=Clasificacion.RESERVADA
    )
    ajeno = factories.UserFactory(username="ajeno.ce")
    persona_ce = factories.PersonaFactory(nombre="Integrante Solo CE")
    from sesiones.models import Integrante, OrganoColegiado

    Integrante.objects.create(
        organo=OrganoColegiado.objects.get(siglas="CE"), persona=persona_ce, orden=99
    )
    persona_ce.usuario = ajeno
    persona_ce.save()
    from django.contrib.auth.models import Group

    ajeno.groups.add(Group.objects.get(name="Integrante"))
    cliente.force_login(ajeno)
    assert cliente.get(reverse("portal:anexo", args=[reservado.pk])).status_code == 404
    assert cliente.get(reverse("sesiones:anexo", args=[reservado.pk])).status_code == 404
    miembro = Client()
    from django.contrib.auth.models import User

    miembro.force_login(User.objects.get(username="integrante.cc"))
    assert miembro.get(reverse("portal:anexo", args=[reservado.pk])).status_code == 200

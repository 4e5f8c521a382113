"""Pase de lista con quórum en vivo e invitados."""

import datetime

import pytest
from django.urls import reverse

from bitacora.models import Bitacora
from sesiones import services
from sesiones.models import Asistencia, Invitado, Persona
from tests import factories

MX = factories.MX
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hash_rapido")]


@pytest.fixture
def convocada(sesion, juridico):
    services.sesion_cambiar_estado(
        sesion=sesion,
        estado="convocada",
        usuario=juridico,
        fecha_cambio=datetime.datetime(2025, 2, 1, 10, tzinfo=MX),
    )
    sesion.refresh_from_db()
    return sesion


def _miembros(sesion):
    return list(sesion.organo.integrantes.order_by("orden", "pk"))


def _marcar(cliente, sesion, integrante, estado, hora="", htmx=True):
    prefijo = f"a{integrante.pk}"
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return cliente.post(
        reverse("sesiones:asistencia_fila", args=[sesion.pk, integrante.pk]),
        {f"{prefijo}-estado": estado, f"{prefijo}-hora_llegada": hora},
        **extra,
    )


def test_pagina_de_asistencia_lista_a_los_integrantes(cliente_juridico, convocada):
    html = cliente_juridico.get(
        reverse("sesiones:asistencia", args=[convocada.pk])
    ).content.decode()
    for integrante in _miembros(convocada):
        assert integrante.persona.nombre in html
        assert f'id="fila-{integrante.pk}"' in html
        assert (
            f'hx-post="{reverse("sesiones:asistencia_fila", args=[convocada.pk, integrante.pk])}"'
            in html
        )
    assert 'hx-trigger="change"' in html


def test_cada_cambio_actualiza_el_quorum_en_la_respuesta(cliente_juridico, convocada):
    miembros = _miembros(convocada)
    for i, integrante in enumerate(miembros[:3], 1):
        respuesta = _marcar(cliente_juridico, convocada, integrante, "presente", f"10:0{i}")
        assert respuesta.status_code == 200
        html = respuesta.content.decode()
        assert html.lstrip().startswith(f'<tr id="fila-{integrante.pk}"')
        assert 'id="panel-quorum"' in html and 'hx-swap-oob="true"' in html
        assert f'data-dato="presentes">{i}<' in html
    assert 'data-quorum="alcanzado"' in html
    asistencia = Asistencia.objects.get(sesion=convocada, integrante=miembros[2])
    assert asistencia.hora_llegada == datetime.time(10, 3)
    assert Bitacora.objects.filter(accion="asistencia.registrar", sesion=convocada).count() == 3
    # Bajar a uno a ausente devuelve el quórum a «no alcanzado».
    html = _marcar(cliente_juridico, convocada, miembros[0], "ausente").content.decode()
    assert 'data-dato="presentes">2<' in html
    assert 'data-quorum="no-alcanzado"' in html
    assert "Falta 1 integrante con voto" in html


def test_suplente_sin_registrar_muestra_error_en_la_fila(cliente_juridico, convocada):
    integrante = _miembros(convocada)[0]
    respuesta = _marcar(cliente_juridico, convocada, integrante, "suplente")
    html = respuesta.content.decode()
    assert "no tiene suplente registrado" in html
    assert "table-danger" in html
    assert not Asistencia.objects.exists()


def test_sin_javascript_la_fila_redirige_a_la_lista(cliente_juridico, convocada):
    integrante = _miembros(convocada)[0]
    respuesta = _marcar(cliente_juridico, convocada, integrante, "justificada", htmx=False)
    assert respuesta.status_code == 302
    assert respuesta["Location"] == reverse("sesiones:asistencia", args=[convocada.pk])
    assert Asistencia.objects.get().estado == "justificada"


def test_sin_javascript_se_guarda_toda_la_lista(cliente_juridico, convocada):
    miembros = _miembros(convocada)
    datos = {f"a{i.pk}-estado": "presente" for i in miembros[:3]}
    datos[f"a{miembros[3].pk}-estado"] = "suplente"  # sin suplente: error, no detiene al resto
    respuesta = cliente_juridico.post(
        reverse("sesiones:asistencia", args=[convocada.pk]), datos, follow=True
    )
    assert Asistencia.objects.filter(estado="presente").count() == 3
    html = respuesta.content.decode()
    assert "no tiene suplente registrado" in html
    assert 'data-dato="presentes">3<' in html


def test_quien_no_integra_el_organo_da_404(cliente_juridico, convocada, otro_organo):
    ajeno = otro_organo.integrantes.first()
    assert _marcar(cliente_juridico, convocada, ajeno, "presente").status_code == 404


def test_asistencia_cerrada_en_sesion_programada(cliente_juridico, sesion):
    respuesta = cliente_juridico.get(reverse("sesiones:asistencia", args=[sesion.pk]), follow=True)
    assert (
        "La asistencia se registra con la sesión convocada o celebrada"
        in respuesta.content.decode()
    )
    html = _marcar(cliente_juridico, sesion, _miembros(sesion)[0], "presente").content.decode()
    assert "La asistencia se registra con la sesión convocada o celebrada" in html
    assert not Asistencia.objects.exists()


# Invitados


def test_invitar_persona_nueva_y_marcar_asistencia(cliente_juridico, convocada):
    url = reverse("sesiones:invitado_nuevo", args=[convocada.pk])
    respuesta = cliente_juridico.post(
        url,
        {
            "persona": "",
            "titulo": "Dra.",
            "nombre": "Ximena Ñúñez <b>López</b>",
            "cargo": "Auditora",
            "institucion": "ASE Chiapas",
            "correo": "ximena@ase.example",
            "motivo": "Presentar el punto 4",
        },
    )
    assert respuesta.status_code == 302
    invitado = Invitado.objects.get(sesion=convocada)
    assert invitado.persona.nombre == "Ximena Ñúñez <b>López</b>"
    assert Bitacora.objects.filter(accion="persona.registrar").exists()
    assert Bitacora.objects.filter(accion="invitado.agregar", sesion=convocada).exists()
    html = cliente_juridico.get(convocada.get_absolute_url()).content.decode()
    assert "Ximena Ñúñez &lt;b&gt;López&lt;/b&gt;" in html
    respuesta = cliente_juridico.post(
        reverse("sesiones:invitado_asistencia", args=[invitado.pk]), {"asistio": "1"}
    )
    assert respuesta.status_code == 302
    invitado.refresh_from_db()
    assert invitado.asistio and invitado.hora_llegada is not None
    assert Bitacora.objects.filter(accion="invitado.asistencia").exists()


def test_invitar_persona_registrada(cliente_juridico, convocada):
    persona = factories.PersonaFactory(nombre="Invitada Registrada")
    respuesta = cliente_juridico.post(
        reverse("sesiones:invitado_nuevo", args=[convocada.pk]),
        {"persona": persona.pk, "nombre": "", "motivo": ""},
    )
    assert respuesta.status_code == 302
    assert Invitado.objects.get().persona == persona


def test_invitado_sin_datos_o_con_nul_se_rechaza(cliente_juridico, convocada):
    url = reverse("sesiones:invitado_nuevo", args=[convocada.pk])
    html = cliente_juridico.post(url, {"persona": "", "nombre": ""}).content.decode()
    assert "Escriba el nombre de la persona invitada" in html
    html = cliente_juridico.post(url, {"persona": "", "nombre": "Con\x00nulo"}).content.decode()
    assert "Caracteres nulos no están permitidos" in html
    assert not Invitado.objects.exists()
    assert Persona.objects.filter(nombre__startswith="Con").count() == 0


def test_integrante_no_se_puede_invitar(cliente_juridico, convocada):
    miembro = _miembros(convocada)[0].persona
    respuesta = cliente_juridico.post(
        reverse("sesiones:invitado_nuevo", args=[convocada.pk]), {"persona": miembro.pk}
    )
    assert respuesta.status_code == 200
    assert not Invitado.objects.exists()


def test_quitar_invitado(cliente_juridico, convocada, juridico):
    invitado = services.invitado_agregar(
        sesion=convocada, persona=factories.PersonaFactory(), usuario=juridico
    )
    respuesta = cliente_juridico.post(reverse("sesiones:invitado_quitar", args=[invitado.pk]))
    assert respuesta.status_code == 302
    assert not Invitado.objects.exists()
    assert Bitacora.objects.filter(accion="invitado.quitar").exists()


def test_regreso_solo_a_rutas_del_sitio(cliente_juridico, convocada, juridico):
    invitado = services.invitado_agregar(
        sesion=convocada, persona=factories.PersonaFactory(), usuario=juridico
    )
    respuesta = cliente_juridico.post(
        reverse("sesiones:invitado_asistencia", args=[invitado.pk]),
        {"asistio": "1", "next": "https://malicioso.example/"},
    )
    assert respuesta["Location"] == reverse("sesiones:asistencia", args=[convocada.pk])

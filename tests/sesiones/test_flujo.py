"""El ciclo de vida de la sesión como datos (sesiones/flujo.py): qué permite cada estado, qué
transiciones hay y quién las toma; y que vistas, plantillas y servicios le pregunten a él."""

import itertools
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from comun.roles import AccionNoPermitida
from sesiones import flujo, services
from sesiones.exceptions import TransicionNoPermitida
from sesiones.flujo import EstadoSesion as E
from sesiones.models import Invitado, Persona, Sesion
from tests import factories

# Lo que cada estado permite, escrito a mano: si flujo.py cambia, esta tabla lo hace notar.
CAPACIDADES = {
    E.PROGRAMADA: {
        "editar",
        "mover_fecha",
        "editar_orden",
        "agregar_invitados",
        "quitar_invitados",
        "enviar_convocatorias",
        "confirmar_asistencia",
        "tomar_acuerdos",
        "cambiar_estado",
    },
    E.CONVOCADA: {
        "editar",
        "editar_orden",
        "capturar_asistencia",
        "agregar_invitados",
        "quitar_invitados",
        "enviar_convocatorias",
        "confirmar_asistencia",
        "tomar_acuerdos",
        "votar",
        "cambiar_estado",
    },
    E.DIFERIDA: {
        "editar",
        "mover_fecha",
        "editar_orden",
        "agregar_invitados",
        "quitar_invitados",
        "enviar_convocatorias",
        "confirmar_asistencia",
        "cambiar_estado",
    },
    E.CELEBRADA: {
        "capturar_asistencia",
        "agregar_invitados",
        "tomar_acuerdos",
        "votar",
        "observar_acta",
        "publicar_acta",
        "cambiar_estado",
    },
    E.ACTA_APROBADA: {
        "agregar_invitados",
        "tomar_acuerdos",
        "registrar_firmas",
        "publicar_acta",
        "cambiar_estado",
    },
    E.ACTA_FIRMADA: {
        "agregar_invitados",
        "tomar_acuerdos",
        "emitir_copias",
        "publicar_acta",
        "cambiar_estado",
    },
    E.CONCLUIDA: {"tomar_acuerdos", "emitir_copias", "publicar_acta"},
    E.CANCELADA: set(),
}

# (origen, destino): lo que exige, además del rol de la Dirección Jurídica.
TRANSICIONES = {
    (E.PROGRAMADA, E.CONVOCADA): {"aviso"},
    (E.PROGRAMADA, E.DIFERIDA): {"motivo"},
    (E.PROGRAMADA, E.CANCELADA): {"motivo"},
    (E.CONVOCADA, E.CELEBRADA): {"quorum"},
    (E.CONVOCADA, E.DIFERIDA): {"motivo"},
    (E.CONVOCADA, E.CANCELADA): {"motivo"},
    (E.DIFERIDA, E.PROGRAMADA): {"nueva_fecha"},
    (E.DIFERIDA, E.CONVOCADA): {"nueva_fecha", "aviso"},
    (E.DIFERIDA, E.CANCELADA): {"motivo"},
    (E.CELEBRADA, E.ACTA_APROBADA): set(),
    (E.ACTA_APROBADA, E.ACTA_FIRMADA): set(),
    (E.ACTA_FIRMADA, E.CONCLUIDA): set(),
}


def _exigencias(t: flujo.Transicion) -> set[str]:
    banderas = {
        "motivo": t.exige_motivo,
        "nueva_fecha": t.exige_nueva_fecha,
        "aviso": t.exige_aviso,
        "quorum": t.exige_quorum,
    }
    return {nombre for nombre, activa in banderas.items() if activa}


# --- La tabla -----------------------------------------------------------------------------


@pytest.mark.parametrize("estado", list(E))
def test_capacidades_de_cada_estado(estado):
    assert flujo.capacidades(estado) == CAPACIDADES[estado]
    for capacidad in CAPACIDADES[E.CONVOCADA] | CAPACIDADES[E.CELEBRADA]:
        assert flujo.puede(estado, capacidad) is (capacidad in CAPACIDADES[estado])


def test_toda_capacidad_tiene_su_motivo_de_rechazo_en_espanol():
    todas = set().union(*CAPACIDADES.values()) - {"cambiar_estado"}
    assert todas <= set(flujo.RECHAZOS)
    assert flujo.rechazo(E.CANCELADA, "capturar_asistencia") == (
        "La asistencia se registra con la sesión convocada o celebrada; está cancelada."
    )
    assert flujo.rechazo(E.CONCLUIDA, "algo_sin_mensaje") == (
        "Una sesión concluida no admite esta operación."
    )


@pytest.mark.parametrize(("origen", "destino"), list(itertools.product(E, E)))
def test_cada_transicion_permitida_o_rechazada(origen, destino):
    transicion = flujo.transicion(origen, destino)
    if (origen, destino) not in TRANSICIONES:
        assert transicion is None
        assert destino not in flujo.TRANSICIONES_SESION[origen]
        with pytest.raises(TransicionNoPermitida, match="no puede pasar a"):
            flujo.exigir_transicion(origen=origen, destino=destino, usuario=None)
        return
    assert destino in flujo.TRANSICIONES_SESION[origen]
    assert _exigencias(transicion) == TRANSICIONES[(origen, destino)]


@pytest.mark.parametrize(("origen", "destino"), list(TRANSICIONES))
def test_cada_transicion_la_toma_solo_la_direccion_juridica(
    origen, destino, juridico, seguimiento, integrante
):
    for usuario in (juridico, None):  # None: comandos y tareas del sistema
        assert flujo.exigir_transicion(origen=origen, destino=destino, usuario=usuario)
        assert destino in [t.destino for t in flujo.transiciones_desde(origen, usuario)]
    for usuario in (seguimiento, integrante):
        with pytest.raises(AccionNoPermitida, match="Dirección Jurídica"):
            flujo.exigir_transicion(origen=origen, destino=destino, usuario=usuario)
        assert flujo.transiciones_desde(origen, usuario) == []


def test_estado_desconocido_y_compatibilidad_de_los_modelos():
    from sesiones import models

    with pytest.raises(TransicionNoPermitida, match="desconocido"):
        flujo.exigir_transicion(origen=E.PROGRAMADA, destino="inventado", usuario=None)
    assert models.ESTADOS_CON_MOTIVO == (E.DIFERIDA, E.CANCELADA)
    assert models.TRANSICIONES_SESION is flujo.TRANSICIONES_SESION
    assert models.EstadoSesion is E


# --- La sesión responde ------------------------------------------------------------------


def _en(sesion: Sesion, estado: str) -> Sesion:
    Sesion.objects.filter(pk=sesion.pk).update(estado=estado)
    sesion.refresh_from_db()
    return sesion


@pytest.mark.parametrize("estado", list(E))
def test_la_sesion_dice_lo_que_puede(sesion, estado):
    _en(sesion, estado)
    assert sesion.capacidades == CAPACIDADES[estado]
    assert sesion.puede("capturar_asistencia") is (estado in (E.CONVOCADA, E.CELEBRADA))
    assert sesion.editable is sesion.puede("editar")
    with pytest.raises(TransicionNoPermitida):
        flujo.exigir(sesion, "una_capacidad_que_no_existe")


@pytest.fixture
def invitada(sesion, juridico):
    persona = Persona.objects.create(nombre="Invitada Externa")
    return services.invitado_agregar(sesion=sesion, persona=persona, usuario=juridico)


@pytest.mark.parametrize("estado", list(E))
def test_servicios_de_invitados_revisan_el_flujo(sesion, juridico, invitada, estado):
    _en(sesion, estado)
    invitada.refresh_from_db()
    otra = Persona.objects.create(nombre="Otra Persona")

    def intento(servicio):
        try:
            servicio()
        except TransicionNoPermitida:
            return False
        return True

    assert intento(
        lambda: services.invitado_agregar(sesion=sesion, persona=otra, usuario=juridico)
    ) is ("agregar_invitados" in CAPACIDADES[estado])
    assert intento(
        lambda: services.invitado_registrar_asistencia(
            invitado=invitada, asistio=True, usuario=juridico
        )
    ) is ("capturar_asistencia" in CAPACIDADES[estado])
    assert intento(lambda: services.invitado_quitar(invitado=invitada, usuario=juridico)) is (
        "quitar_invitados" in CAPACIDADES[estado]
    )
    assert Invitado.objects.filter(pk=invitada.pk).exists() is (
        "quitar_invitados" not in CAPACIDADES[estado]
    )


@pytest.mark.parametrize("estado", list(E))
def test_detalle_ofrece_solo_lo_que_el_estado_permite(cliente_juridico, sesion, estado):
    _en(sesion, estado)
    html = cliente_juridico.get(sesion.get_absolute_url()).content.decode()
    enlaces = {
        "editar": reverse("sesiones:editar", args=[sesion.pk]),
        "capturar_asistencia": reverse("sesiones:asistencia", args=[sesion.pk]),
        "agregar_invitados": reverse("sesiones:invitado_nuevo", args=[sesion.pk]),
        "editar_orden": reverse("sesiones:punto_nuevo", args=[sesion.pk]),
    }
    for capacidad, url in enlaces.items():
        assert (f'href="{url}' in html) is (capacidad in CAPACIDADES[estado]), capacidad
    botones = set(re.findall(r'data-transicion="(\w+)"', html))
    assert botones == set(flujo.TRANSICIONES_SESION[estado])


def test_detalle_no_ofrece_acciones_a_quien_no_es_juridico(cliente_de, seguimiento, sesion):
    _en(sesion, E.CONVOCADA)
    html = cliente_de(seguimiento).get(sesion.get_absolute_url()).content.decode()
    assert "data-transicion" not in html
    assert reverse("sesiones:asistencia", args=[sesion.pk]) not in html


@pytest.mark.parametrize("estado", [E.PROGRAMADA, E.ACTA_APROBADA, E.CANCELADA])
def test_paginas_de_asistencia_siguen_la_capacidad(cliente_juridico, sesion, estado):
    _en(sesion, estado)
    respuesta = cliente_juridico.get(reverse("sesiones:asistencia", args=[sesion.pk]))
    assert respuesta.status_code == 302
    mensajes = [str(m) for m in respuesta.wsgi_request._messages]
    assert mensajes == [flujo.rechazo(estado, "capturar_asistencia")]


# --- Nadie más compara estados ------------------------------------------------------------

# Una sesión en una plantilla: `sesion`, `s` (listas) o `algo.sesion`.
COMPARA_ESTADO = re.compile(r"\{%[^%]*\b(?:\w+\.)*(?:sesion|s)\.estado\b[^%]*%\}")


def _plantillas() -> list[Path]:
    raiz = Path(settings.BASE_DIR) / "templates"
    return sorted(raiz.rglob("*.html")) + sorted(raiz.rglob("*.txt"))


def test_ninguna_plantilla_compara_el_estado_de_una_sesion():
    plantillas = _plantillas()
    assert len(plantillas) > 20
    culpables = [
        f"{ruta.relative_to(settings.BASE_DIR)}: {encontrada.group(0)}"
        for ruta in plantillas
        for encontrada in COMPARA_ESTADO.finditer(ruta.read_text(encoding="utf-8"))
    ]
    assert culpables == [], "Pregúntele a la sesión: {% if 'x' in sesion.capacidades %}"


def test_la_revision_de_plantillas_si_detecta_una_comparacion():
    for texto in (
        '{% if sesion.estado == "celebrada" %}',
        "{% elif acuerdo.sesion.estado != 'cancelada' %}",
        "{% if s.estado in estados %}",
    ):
        assert COMPARA_ESTADO.search(texto), texto
    for texto in ('{% if "editar" in sesion.capacidades %}', "{{ s.estado }}"):
        assert not COMPARA_ESTADO.search(texto), texto


def test_sesion_celebrada_sigue_el_flujo_de_punta_a_punta(sesion, juridico):
    factories.celebrar(sesion, juridico)
    sesion.refresh_from_db()
    assert sesion.capacidades == CAPACIDADES[E.CELEBRADA]
    with pytest.raises(TransicionNoPermitida, match="orden del día ya no se modifica"):
        services.punto_agregar(sesion=sesion, titulo="Tarde", usuario=juridico)

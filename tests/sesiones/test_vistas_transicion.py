"""Cambios de estado desde la interfaz: confirmación, motivo, aviso tardío y reprogramación."""

import datetime

import pytest
from django.urls import reverse

from bitacora.models import Bitacora
from sesiones import services
from sesiones.models import Asistencia, CambioEstadoSesion, EstadoSesion, Sesion
from tests import factories

MX = factories.MX
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hash_rapido")]


@pytest.fixture
def futura(organo, juridico):
    """Sesión lejana: convocarla hoy cumple cualquier anticipación."""
    return factories.sesion_programada(
        organo=organo, usuario=juridico, fecha=datetime.datetime(2030, 6, 10, 10, tzinfo=MX)
    )


def _confirmar(cliente, sesion, estado):
    return cliente.get(
        reverse("sesiones:confirmar_transicion", args=[sesion.pk]), {"estado": estado}
    )


def _cambiar(cliente, sesion, estado, **datos):
    return cliente.post(
        reverse("sesiones:transicion", args=[sesion.pk]), {"estado": estado, **datos}
    )


def test_confirmacion_muestra_solo_los_campos_del_destino(cliente_juridico, futura):
    diferir = _confirmar(cliente_juridico, futura, "diferida")
    assert set(diferir.context["form"].fields) == {"estado", "motivo", "sin_quorum"}
    assert "No se celebró por falta de quórum" in diferir.content.decode()
    convocar = _confirmar(cliente_juridico, futura, "convocada")
    assert set(convocar.context["form"].fields) == {"estado", "motivo"}


def test_convocar_con_anticipacion_suficiente(cliente_juridico, futura):
    respuesta = _cambiar(cliente_juridico, futura, "convocada", motivo="Oficios enviados")
    assert respuesta.status_code == 302
    assert respuesta["Location"] == futura.get_absolute_url()
    futura.refresh_from_db()
    assert futura.estado == EstadoSesion.CONVOCADA
    cambio = futura.cambios.last()
    assert (cambio.estado_anterior, cambio.estado_nuevo, cambio.motivo) == (
        "programada",
        "convocada",
        "Oficios enviados",
    )
    html = cliente_juridico.get(futura.get_absolute_url()).content.decode()
    assert "quedó convocada" in html
    assert html.count("Oficios enviados") == 1  # una historia, no dos listas del mismo cambio
    # Una sola constancia del cambio: la bitácora lo deriva de CambioEstadoSesion.
    assert not Bitacora.objects.filter(accion="sesion.estado").exists()
    bitacora = cliente_juridico.get(reverse("bitacora:lista"), {"accion": "sesion.estado"})
    [entrada] = bitacora.context["pagina"].object_list
    assert (entrada.sesion, entrada.usuario, entrada.datos["a"], entrada.datos["motivo"]) == (
        futura,
        cambio.usuario,
        "convocada",
        "Oficios enviados",
    )


def test_convocatoria_tardia_pide_justificacion_y_conserva_lo_escrito(cliente_juridico, sesion):
    # La sesión del 10 de marzo de 2025 ya pasó: cualquier convocatoria es tardía.
    confirmacion = _confirmar(cliente_juridico, sesion, "convocada")
    assert "justificacion_aviso" in confirmacion.context["form"].fields
    assert "menos anticipación" in confirmacion.content.decode()
    respuesta = _cambiar(cliente_juridico, sesion, "convocada", motivo="Nota escrita & ñ")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "menos anticipación que la que fija el órgano (5 días hábiles)" in html
    assert 'name="justificacion_aviso"' in html
    assert "Nota escrita &amp; ñ" in html
    sesion.refresh_from_db()
    assert sesion.estado == EstadoSesion.PROGRAMADA
    respuesta = _cambiar(
        cliente_juridico,
        sesion,
        "convocada",
        motivo="",
        justificacion_aviso="Asunto urgente del Comité",
    )
    assert respuesta.status_code == 302
    sesion.refresh_from_db()
    assert sesion.estado == EstadoSesion.CONVOCADA
    assert sesion.justificacion_aviso == "Asunto urgente del Comité"


def test_diferir_sin_motivo_se_rechaza(cliente_juridico, futura):
    respuesta = _cambiar(cliente_juridico, futura, "diferida", motivo="   ")
    assert respuesta.status_code == 200
    assert "Indique el motivo para marcar la sesión como diferida." in respuesta.content.decode()
    futura.refresh_from_db()
    assert futura.estado == EstadoSesion.PROGRAMADA
    assert futura.cambios.count() == 1


def test_diferir_por_falta_de_quorum_y_reprogramar(cliente_juridico, futura):
    respuesta = _cambiar(
        cliente_juridico, futura, "diferida", motivo="No asistieron", sin_quorum="on"
    )
    assert respuesta.status_code == 302
    futura.refresh_from_db()
    assert futura.estado == EstadoSesion.DIFERIDA and futura.sin_quorum
    # Reprogramar exige la nueva fecha y hora.
    confirmacion = _confirmar(cliente_juridico, futura, "programada")
    assert {"nueva_fecha", "nueva_hora"} <= set(confirmacion.context["form"].fields)
    respuesta = _cambiar(cliente_juridico, futura, "programada", motivo="Nueva fecha")
    assert respuesta.status_code == 200
    assert "Indique la nueva fecha de la sesión." in respuesta.content.decode()
    respuesta = _cambiar(
        cliente_juridico,
        futura,
        "programada",
        motivo="Nueva fecha",
        nueva_fecha="2030-06-17",
        nueva_hora="11:00",
    )
    assert respuesta.status_code == 302
    futura.refresh_from_db()
    assert futura.estado == EstadoSesion.PROGRAMADA
    assert futura.fecha_hora == datetime.datetime(2030, 6, 17, 11, tzinfo=MX)
    cambio = futura.cambios.last()
    assert cambio.fecha_hora_anterior == datetime.datetime(2030, 6, 10, 10, tzinfo=MX)
    html = cliente_juridico.get(futura.get_absolute_url()).content.decode()
    assert "Fecha anterior: 10 de junio de 2030, 10:00 horas" in html


def test_celebrar_sin_quorum_explica_el_motivo(cliente_juridico, futura, juridico):
    services.sesion_cambiar_estado(sesion=futura, estado="convocada", usuario=juridico)
    confirmacion = _confirmar(cliente_juridico, futura, "celebrada").content.decode()
    assert 'data-quorum="no-alcanzado"' in confirmacion
    respuesta = _cambiar(cliente_juridico, futura, "celebrada", hora_clausura="12:40")
    assert respuesta.status_code == 200
    assert "No hay quórum: están presentes 0 de 3" in respuesta.content.decode()
    futura.refresh_from_db()
    assert futura.estado == EstadoSesion.CONVOCADA
    for integrante in futura.organo.integrantes.all()[:3]:
        Asistencia.objects.create(sesion=futura, integrante=integrante, estado="presente")
    sin_hora = _cambiar(cliente_juridico, futura, "celebrada")
    assert "Indique la hora de clausura" in sin_hora.content.decode()
    assert _cambiar(cliente_juridico, futura, "celebrada", hora_clausura="12:40").status_code == 302
    futura.refresh_from_db()
    assert futura.estado == EstadoSesion.CELEBRADA
    assert futura.hora_clausura == datetime.time(12, 40)


def test_cancelar_con_motivo(cliente_juridico, futura):
    respuesta = _cambiar(cliente_juridico, futura, "cancelada", motivo="Se fusionó con otra sesión")
    assert respuesta.status_code == 302
    futura.refresh_from_db()
    assert futura.estado == EstadoSesion.CANCELADA
    assert CambioEstadoSesion.objects.filter(
        sesion=futura, estado_nuevo="cancelada", motivo="Se fusionó con otra sesión"
    ).exists()
    html = cliente_juridico.get(futura.get_absolute_url()).content.decode()
    assert "data-transicion=" not in html  # una cancelada ya no cambia


@pytest.mark.parametrize("estado", ["concluida", "inventado", "", "celebrada"])
def test_destino_no_permitido_regresa_con_mensaje(cliente_juridico, futura, estado):
    confirmacion = _confirmar(cliente_juridico, futura, estado)
    assert confirmacion.status_code == 302
    respuesta = _cambiar(cliente_juridico, futura, estado, motivo="x")
    assert respuesta.status_code == 302
    futura.refresh_from_db()
    assert futura.estado == EstadoSesion.PROGRAMADA
    mensajes = [str(m) for m in respuesta.wsgi_request._messages]
    assert any("no puede pasar a" in m for m in mensajes)


def test_nul_en_motivo_se_rechaza(cliente_juridico, futura):
    respuesta = _cambiar(cliente_juridico, futura, "cancelada", motivo="Motivo\x00")
    assert respuesta.status_code == 200
    assert "Caracteres nulos no están permitidos" in respuesta.content.decode()
    assert Sesion.objects.get(pk=futura.pk).estado == EstadoSesion.PROGRAMADA

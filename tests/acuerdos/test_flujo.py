"""El ciclo de vida como datos (acuerdos/flujo.py): la tabla, las capacidades por estado, el rol de
cada transición, y que servicios, vistas y plantillas le pregunten al flujo."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from acuerdos import flujo, services
from acuerdos.exceptions import (
    AccionNoPermitida,
    DatosAcuerdoInvalidos,
    TransicionAcuerdoNoPermitida,
)
from acuerdos.models import Acuerdo, CambioEstadoAcuerdo, EstadoAcuerdo
from tests.acuerdos.conftest import votar_unanime

PLANTILLAS = Path(__file__).resolve().parents[2] / "templates" / "acuerdos"


def test_cada_estado_tiene_capacidades_y_cambiar_estado_sale_de_la_tabla():
    assert set(flujo.CAPACIDADES) == set(EstadoAcuerdo.values)
    for estado in EstadoAcuerdo:
        tiene_salida = bool(flujo.transiciones_desde(estado))
        assert flujo.puede(estado, flujo.CAMBIAR_ESTADO) == tiene_salida
        assert (estado in flujo.ESTADOS_TERMINALES) == (not tiene_salida)


def test_solo_se_vota_en_proyecto_y_el_texto_se_corrige_siempre():
    assert [e for e in EstadoAcuerdo if flujo.puede(e, flujo.VOTAR)] == [EstadoAcuerdo.PROYECTO]
    assert all(flujo.puede(e, flujo.CORREGIR_TEXTO) for e in EstadoAcuerdo)
    assert not flujo.correccion_exige_motivo(EstadoAcuerdo.PROYECTO)
    assert flujo.correccion_exige_motivo(EstadoAcuerdo.APROBADO)


def test_rol_y_requisitos_de_cada_transicion():
    juridicas = {(t.origen, t.destino) for t in flujo.TRANSICIONES if t.rol == flujo.Rol.JURIDICO}
    assert juridicas == {
        ("proyecto", "aprobado"),
        ("proyecto", "rechazado"),
        ("proyecto", "retirado"),
    }
    assert flujo.transicion("proyecto", "retirado").exige_nota
    assert not flujo.transicion("proyecto", "aprobado").manual
    assert flujo.transicion("cumplido", "publicado").exige_evidencia
    assert flujo.transicion("aprobado", "en_seguimiento").exige_responsable
    assert flujo.transicion("cumplido", "aprobado") is None


def test_un_destino_lo_toma_un_solo_rol():
    """El servicio revisa el rol del destino antes de cargar el acuerdo (y el masivo, antes de
    empezar): eso vale mientras todas las transiciones hacia un estado pidan el mismo rol."""
    for estado in EstadoAcuerdo:
        assert len({t.rol for t in flujo.transiciones_hacia(estado)}) <= 1, estado


def test_el_acuerdo_responde_por_su_estado(acuerdo):
    assert acuerdo.puede("votar") and "votar" in acuerdo.capacidades
    assert not acuerdo.puede("registrar_avance")
    acuerdo.estado = EstadoAcuerdo.PUBLICADO
    assert not acuerdo.puede("votar") and "cambiar_estado" not in acuerdo.capacidades


def test_puede_llevar_a_segun_el_rol_de_la_transicion(seguimiento, juridico):
    assert not services.puede_llevar_a(seguimiento, "retirado", desde="proyecto")
    assert services.puede_llevar_a(juridico, "retirado", desde="proyecto")
    assert services.puede_llevar_a(seguimiento, "cumplido", desde="aprobado")
    assert services.puede_llevar_a(None, "aprobado")


def test_seguimiento_no_retira_y_no_se_escribe_historia(acuerdo, seguimiento):
    with pytest.raises(AccionNoPermitida, match="Solo la Dirección Jurídica retira"):
        services.acuerdo_cambiar_estado(
            acuerdo=acuerdo, estado="retirado", usuario=seguimiento, nota="No procede"
        )
    assert CambioEstadoAcuerdo.objects.filter(acuerdo=acuerdo).count() == 1


def test_retirar_exige_la_nota_de_la_transicion(acuerdo, juridico):
    with pytest.raises(DatosAcuerdoInvalidos, match="motivo"):
        services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado="retirado", usuario=juridico)
    retirado = services.acuerdo_cambiar_estado(
        acuerdo=acuerdo, estado="retirado", usuario=juridico, nota="Lo retira quien lo propuso."
    )
    assert retirado.estado == "retirado"
    cambio = CambioEstadoAcuerdo.objects.filter(acuerdo=acuerdo).last()
    assert (cambio.estado_anterior, cambio.estado_nuevo) == ("proyecto", "retirado")


@pytest.mark.parametrize(
    ("servicio", "argumentos", "mensaje"),
    [
        ("avance_registrar", {"nota": "Avance"}, "no tiene seguimiento"),
        (
            "publicacion_registrar",
            {"medio": "web", "fecha": None, "url": "https://x.example"},
            "no se publica",
        ),
    ],
)
def test_servicios_rechazan_lo_que_el_estado_no_permite(
    acuerdo, juridico, servicio, argumentos, mensaje
):
    with pytest.raises(TransicionAcuerdoNoPermitida, match=mensaje):
        getattr(services, servicio)(acuerdo=acuerdo, usuario=juridico, **argumentos)


def test_terminal_no_se_edita_ni_se_vota(acuerdo, juridico):
    services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado="retirado", usuario=juridico, nota="x")
    acuerdo = Acuerdo.objects.get(pk=acuerdo.pk)
    with pytest.raises(TransicionAcuerdoNoPermitida, match="ya no se modifica"):
        services.acuerdo_actualizar(acuerdo=acuerdo, usuario=juridico, tipo="otro")
    with pytest.raises(TransicionAcuerdoNoPermitida, match="Solo se vota un acuerdo en proyecto"):
        votar_unanime(acuerdo, juridico)


def test_plantillas_no_comparan_estados():
    comparacion = re.compile(
        r"estado\s*(==|!=)|(==|!=)\s*['\"](" + "|".join(EstadoAcuerdo.values) + ")"
    )
    for ruta in PLANTILLAS.rglob("*.html"):
        assert not comparacion.search(ruta.read_text()), ruta.name


def test_votar_se_ofrece_solo_en_proyecto(client, juridico, acuerdo):
    client.force_login(juridico)
    url = reverse("acuerdos:sesion", args=[acuerdo.sesion_id])
    assert "Registrar votación" in client.get(url).content.decode()
    votar_unanime(acuerdo, juridico)
    assert "Registrar votación" not in client.get(url).content.decode()


def test_detalle_ofrece_lo_que_el_estado_permite(client, juridico, acuerdo):
    client.force_login(juridico)
    url = reverse("acuerdos:detalle", args=[acuerdo.pk])
    proyecto = client.get(url).content.decode()
    assert "Datos de seguimiento" in proyecto
    assert "Registrar avance" not in proyecto and "Registrar publicación" not in proyecto
    votar_unanime(acuerdo, juridico)
    aprobado = client.get(url).content.decode()
    assert "Registrar avance" in aprobado and "Registrar publicación" in aprobado
    assert "Certificar acuerdo" in aprobado

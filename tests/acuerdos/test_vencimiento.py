"""Vencido y por vencer se calculan al leer, con la fecha de hoy: no esperan al pase diario, que
solo envía los resúmenes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from acuerdos import services
from acuerdos.models import Acuerdo, EjecucionSeguimiento
from comun import habiles
from tests.acuerdos.conftest import votar_unanime


def _en_seguimiento(sesion, usuario, responsable, texto, limite):
    acuerdo = services.acuerdo_crear(
        sesion=sesion, texto=texto, usuario=usuario, responsable=responsable, fecha_limite=limite
    )
    votar_unanime(acuerdo, usuario)
    return services.acuerdo_cambiar_estado(
        acuerdo=acuerdo, estado="en_seguimiento", usuario=usuario
    )


@pytest.fixture
def hoy():
    return timezone.localdate()


def test_fecha_limite_pasada_es_vencido_sin_correr_el_pase(
    client, seguimiento, sesion_celebrada, juridico, responsable, hoy
):
    ayer = hoy - datetime.timedelta(days=1)
    acuerdo = _en_seguimiento(sesion_celebrada, juridico, responsable, "Informe mensual", ayer)
    assert not EjecucionSeguimiento.objects.exists()

    assert Acuerdo.objects.get(pk=acuerdo.pk).vencido
    assert Acuerdo.objects.con_vencimiento().get(pk=acuerdo.pk).vencido
    assert list(Acuerdo.objects.vencidos()) == [acuerdo]
    client.force_login(seguimiento)
    lista = client.get(reverse("acuerdos:lista"), {"vencido": "on"}).content.decode()
    assert acuerdo.clave in lista and "Vencido</span>" in lista and "table-danger" in lista
    detalle = client.get(reverse("acuerdos:detalle", args=[acuerdo.pk])).content.decode()
    assert "Vencido</span>" in detalle and "1 días vencido" in detalle

    # Cumplido deja de estar vencido en ese momento, sin nada que recalcular.
    services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado="cumplido", usuario=juridico)
    assert not Acuerdo.objects.get(pk=acuerdo.pk).vencido
    assert not Acuerdo.objects.vencidos().exists()


def test_cambiar_la_fecha_limite_cambia_el_vencimiento_al_instante(
    sesion_celebrada, juridico, responsable, hoy
):
    acuerdo = _en_seguimiento(
        sesion_celebrada, juridico, responsable, "Lineamientos", hoy - datetime.timedelta(days=3)
    )
    assert Acuerdo.objects.vencidos().exists()
    services.acuerdo_actualizar(
        acuerdo=acuerdo, usuario=juridico, fecha_limite=hoy + datetime.timedelta(days=60)
    )
    acuerdo = Acuerdo.objects.get(pk=acuerdo.pk)
    assert not acuerdo.vencido and not acuerdo.por_vencer
    assert not Acuerdo.objects.vencidos_o_por_vencer().exists()


@pytest.mark.parametrize(
    ("dias_habiles", "esperado"),
    [(-1, (True, False)), (0, (False, True)), (3, (False, True)), (4, (False, False))],
)
def test_por_vencer_hasta_n_dias_habiles_igual_en_la_base_y_en_el_objeto(
    settings, sesion_celebrada, juridico, responsable, hoy, dias_habiles, esperado
):
    settings.ACUERDOS_DIAS_POR_VENCER = 3
    limite = (
        hoy - datetime.timedelta(days=1)
        if dias_habiles < 0
        else habiles.sumar_dias_habiles(hoy, dias_habiles)
    )
    acuerdo = _en_seguimiento(sesion_celebrada, juridico, responsable, "Plazo", limite)
    anotado = Acuerdo.objects.con_vencimiento().get(pk=acuerdo.pk)
    leido = Acuerdo.objects.get(pk=acuerdo.pk)
    assert (anotado.vencido, anotado.por_vencer) == esperado
    assert (leido.vencido, leido.por_vencer) == esperado
    assert Acuerdo.objects.vencidos().exists() == esperado[0]
    assert Acuerdo.objects.por_vencer().exists() == esperado[1]


def test_el_pase_solo_envia_correos(sesion_celebrada, juridico, responsable, hoy, mailoutbox):
    for dias in (10, 2):
        _en_seguimiento(
            sesion_celebrada,
            juridico,
            responsable,
            f"Atrasado {dias}",
            hoy - datetime.timedelta(days=dias),
        )
    antes = list(Acuerdo.objects.order_by("pk").values_list())
    mailoutbox.clear()

    ejecucion = services.seguimiento_ejecutar()

    assert list(Acuerdo.objects.order_by("pk").values_list()) == antes
    assert ejecucion.vencidos == 2 and ejecucion.correos_enviados == len(mailoutbox) > 0
    resumen = next(m for m in mailoutbox if m.to == [responsable.correo])
    assert "Atrasado 10" in resumen.body and "Atrasado 2" in resumen.body
    # El mismo día no se repite.
    services.seguimiento_ejecutar()
    assert len(mailoutbox) == ejecucion.correos_enviados


def test_tablero_y_lista_ponen_los_vencidos_primero(
    client, seguimiento, sesion_celebrada, juridico, responsable, hoy
):
    def crear(texto, limite):
        return _en_seguimiento(sesion_celebrada, juridico, responsable, texto, limite)

    lejano = crear("Lejano", hoy + datetime.timedelta(days=90))
    reciente = crear("Vencido ayer", hoy - datetime.timedelta(days=1))
    pronto = crear("Vence hoy", hoy)
    antiguo = crear("Vencido hace un mes", hoy - datetime.timedelta(days=30))
    client.force_login(seguimiento)

    tablero = client.get(reverse("acuerdos:tablero"))
    datos = tablero.context["tablero"]
    assert [a.pk for a in datos.vencidos] == [antiguo.pk, reciente.pk]
    assert (datos.total_vencidos, datos.por_vencer) == (2, 1)
    contenido = tablero.content.decode()
    assert contenido.index(antiguo.clave) < contenido.index(reciente.clave)

    lista = client.get(reverse("acuerdos:lista"))
    orden = [a.pk for a in lista.context["pagina"]]
    assert orden == [antiguo.pk, reciente.pk, pronto.pk, lejano.pk]

"""Numeración de sesiones con programaciones y cancelaciones a la vez (PostgreSQL real).

Cada hilo usa su propia conexión; la barrera los suelta juntos para que las transacciones
se traslapen. Al final los números de las sesiones no canceladas deben ser 1..K, sin huecos
ni repetidos, y cada clave debe corresponder a su número.
"""

import datetime
import threading

import pytest
from django.db import connection

from sesiones import services
from sesiones.models import EstadoSesion, Sesion
from tests.factories import MX, organo_con_integrantes

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

PROGRAMADORES = 5
SESIONES_POR_PROGRAMADOR = 3
PREVIAS = 8
CANCELADORES = 4


def _en_paralelo(funciones):
    barrera = threading.Barrier(len(funciones))
    resultados: list = [None] * len(funciones)

    def correr(i, funcion):
        try:
            barrera.wait()
            resultados[i] = funcion()
        except Exception as error:  # noqa: BLE001 - se devuelve para afirmarlo en la prueba
            resultados[i] = error
        finally:
            connection.close()

    hilos = [threading.Thread(target=correr, args=(i, f)) for i, f in enumerate(funciones)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    return resultados


def _fecha(dia: int) -> datetime.datetime:
    return datetime.datetime(2025, 5, 1, 10, tzinfo=MX) + datetime.timedelta(days=dia)


def _programador(organo, desde: int):
    def programar():
        return [
            services.sesion_programar(
                organo=organo,
                tipo="ordinaria",
                usuario=None,
                fecha_hora=_fecha(desde + i),
                sede="Sala",
                con_marco=False,
            ).pk
            for i in range(SESIONES_POR_PROGRAMADOR)
        ]

    return programar


def _cancelador(pks: list[int]):
    def cancelar():
        for pk in pks:
            services.sesion_cambiar_estado(
                sesion=Sesion.objects.get(pk=pk),
                estado=EstadoSesion.CANCELADA,
                usuario=None,
                motivo="Se fusionó con otra",
            )
        return pks

    return cancelar


def _revisar_numeracion(organo) -> list[int]:
    sesiones = list(Sesion.objects.filter(organo=organo).select_related("organo", "periodo"))
    vivas = [s for s in sesiones if s.estado != EstadoSesion.CANCELADA]
    canceladas = [s for s in sesiones if s.estado == EstadoSesion.CANCELADA]
    numeros = sorted(s.numero for s in vivas)
    assert numeros == list(range(1, len(vivas) + 1)), f"huecos o repetidos: {numeros}"
    # Ninguna se convocó: toda cancelada liberó su número.
    assert [s.numero for s in canceladas] == [None] * len(canceladas)
    for s in vivas:
        esperada = services.clave_sesion(
            organo=s.organo,
            periodo=s.periodo,
            tipo=s.tipo,
            numero=s.numero,
            fecha_hora=s.fecha_hora,
        )
        assert s.clave == esperada, (s.pk, s.numero, s.clave)
    return numeros


@pytest.mark.parametrize("ronda", range(5))
def test_programar_y_cancelar_a_la_vez_no_deja_huecos(ronda):
    organo = organo_con_integrantes(3)
    previas = [
        services.sesion_programar(
            organo=organo,
            tipo="ordinaria",
            usuario=None,
            fecha_hora=_fecha(i),
            sede="Sala",
            con_marco=False,
        ).pk
        for i in range(PREVIAS)
    ]
    # Cada cancelador toma sesiones repartidas (primeras, de en medio y últimas) para que las
    # renumeraciones se encimen entre sí y con las altas.
    a_cancelar = previas[ronda % 2 :: 2]
    repartos = [a_cancelar[i::CANCELADORES] for i in range(CANCELADORES)]
    funciones = [_programador(organo, desde=100 + 10 * i) for i in range(PROGRAMADORES)] + [
        _cancelador(pks) for pks in repartos
    ]

    resultados = _en_paralelo(funciones)

    numeros = _revisar_numeracion(organo)
    errores = [r for r in resultados if isinstance(r, Exception)]
    assert not errores, errores
    assert len(numeros) == PREVIAS - len(a_cancelar) + PROGRAMADORES * SESIONES_POR_PROGRAMADOR


def test_cancelaciones_simultaneas_de_sesiones_vecinas():
    """Dos personas cancelan a la vez sesiones contiguas: ninguna se bloquea con la otra."""
    organo = organo_con_integrantes(3)
    pks = [
        services.sesion_programar(
            organo=organo,
            tipo="ordinaria",
            usuario=None,
            fecha_hora=_fecha(i),
            sede="Sala",
            con_marco=False,
        ).pk
        for i in range(6)
    ]
    resultados = _en_paralelo([_cancelador([pks[1]]), _cancelador([pks[2]]), _cancelador([pks[4]])])
    assert not [r for r in resultados if isinstance(r, Exception)], resultados
    assert _revisar_numeracion(organo) == [1, 2, 3]


def _convocador(pks: list[int]):
    def convocar():
        for pk in pks:
            services.sesion_cambiar_estado(
                sesion=Sesion.objects.get(pk=pk),
                estado=EstadoSesion.CONVOCADA,
                usuario=None,
                fecha_cambio=datetime.datetime(2025, 1, 6, 9, tzinfo=MX),
            )
        return pks

    return convocar


@pytest.mark.parametrize("ronda", range(3))
def test_convocar_cancelar_y_programar_a_la_vez_sin_interbloqueos(ronda):
    """Convocar solo bloquea la fila de la sesión: no se cruza con quien cancela y recorre.

    Una cancelada conserva su número si una posterior ya se convocó; aun así, los números
    asignados (de canceladas o no) son 1..K sin huecos ni repetidos.
    """
    organo = organo_con_integrantes(3)
    pks = [
        services.sesion_programar(
            organo=organo,
            tipo="ordinaria",
            usuario=None,
            fecha_hora=_fecha(i),
            sede="Sala",
            con_marco=False,
        ).pk
        for i in range(9)
    ]
    a_convocar = pks[2 + ronda :: 3]
    a_cancelar = [pk for pk in pks if pk not in a_convocar][::2]
    funciones = (
        [_convocador(a_convocar[i::2]) for i in range(2)]
        + [_cancelador(a_cancelar[i::2]) for i in range(2)]
        + [_programador(organo, desde=100 + 10 * i) for i in range(2)]
    )

    resultados = _en_paralelo(funciones)

    assert not [r for r in resultados if isinstance(r, Exception)], resultados
    asignados = sorted(
        Sesion.objects.filter(organo=organo, numero__isnull=False).values_list("numero", flat=True)
    )
    assert asignados == list(range(1, len(asignados) + 1)), asignados
    convocadas = Sesion.objects.filter(pk__in=a_convocar)
    assert {s.estado for s in convocadas} == {EstadoSesion.CONVOCADA}

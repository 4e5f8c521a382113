import datetime
import threading

import pytest
from django.db import connection

from sesiones import services
from sesiones.exceptions import NumeroOcupado
from sesiones.models import Sesion
from tests.factories import MX, organo_con_integrantes

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


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


def _programar(organo, numero=None):
    return lambda: services.sesion_programar(
        organo=organo,
        tipo="ordinaria",
        usuario=None,
        numero=numero,
        fecha_hora=datetime.datetime(2025, 5, 5, 10, tzinfo=MX),
        sede="Sala",
    )


def test_dos_personas_guardan_el_mismo_numero_gana_una():
    organo = organo_con_integrantes(3)
    resultados = _en_paralelo([_programar(organo, numero=7), _programar(organo, numero=7)])
    errores = [r for r in resultados if isinstance(r, Exception)]
    assert len(errores) == 1 and isinstance(errores[0], NumeroOcupado)
    assert "Ya existe la Séptima Sesión Ordinaria" in errores[0].mensaje
    assert Sesion.objects.filter(organo=organo, numero=7).count() == 1


def test_numeracion_automatica_concurrente_da_numeros_distintos():
    organo = organo_con_integrantes(3)
    resultados = _en_paralelo([_programar(organo) for _ in range(4)])
    assert not [r for r in resultados if isinstance(r, Exception)], resultados
    numeros = sorted(Sesion.objects.filter(organo=organo).values_list("numero", flat=True))
    assert numeros == [1, 2, 3, 4]

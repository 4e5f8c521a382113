"""Números de oficio: consecutivos por área y año, únicos aun con concurrencia."""

import threading

import pytest
from django.db import connection, connections

from documentos import services as docs
from documentos.models import ConsecutivoOficio, Institucion


def test_consecutivo_por_area_y_anio(db):
    assert docs.oficio_reservar(area="DJ", anio=2022) == [1]
    assert docs.oficio_reservar(area="DJ", anio=2022, cantidad=3) == [2, 3, 4]
    assert docs.oficio_reservar(area="DJ", anio=2023) == [1]
    assert docs.oficio_reservar(area="UAA", anio=2022) == [1]
    assert docs.oficio_reservar(area="DJ", anio=2022, cantidad=0) == []
    assert ConsecutivoOficio.objects.get(area="DJ", anio=2022).ultimo == 4


def test_patron_configurable(db):
    institucion = Institucion.actual()
    assert institucion.numero_oficio(numero=12, anio=2022) == "SESAECH/DJ/0012/2022"
    institucion.patron_oficio = "{area}-{anio}-{numero:03d}"
    assert institucion.numero_oficio(numero=7, anio=2022) == "DJ-2022-007"


@pytest.mark.django_db(transaction=True)
def test_concurrencia_sin_huecos_ni_duplicados():
    hilos, resultados, errores = 8, [], []
    barrera = threading.Barrier(hilos)

    def trabajar():
        try:
            barrera.wait()
            for _ in range(5):
                resultados.extend(docs.oficio_reservar(area="DJ", anio=2030))
        except Exception as error:  # noqa: BLE001
            errores.append(error)
        finally:
            connections.close_all()

    trabajadores = [threading.Thread(target=trabajar) for _ in range(hilos)]
    for t in trabajadores:
        t.start()
    for t in trabajadores:
        t.join()
    assert errores == []
    assert sorted(resultados) == list(range(1, hilos * 5 + 1))
    assert ConsecutivoOficio.objects.get(area="DJ", anio=2030).ultimo == hilos * 5
    assert connection.vendor in ("postgresql", "sqlite")

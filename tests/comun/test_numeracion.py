"""La política única de numeración: reintenta choques y bloqueos, y se rinde con un mensaje."""

import pytest
from django.db import IntegrityError, OperationalError

from comun import numeracion
from comun.exceptions import ErrorDominio


@pytest.fixture(autouse=True)
def _sin_espera(monkeypatch):
    monkeypatch.setattr(numeracion, "ESPERA_BASE", 0)


def _falla(veces, error):
    intentos = []

    def operacion():
        intentos.append(1)
        if len(intentos) <= veces:
            raise error
        return len(intentos)

    return operacion, intentos


@pytest.mark.django_db
@pytest.mark.parametrize(
    "error", [IntegrityError("unique"), OperationalError("database is locked")]
)
def test_reintenta_choques_y_bloqueos(error):
    operacion, intentos = _falla(3, error)
    assert numeracion.numerar(operacion, mensaje_agotado="x") == 4
    assert len(intentos) == 4


@pytest.mark.django_db
def test_se_rinde_con_el_mensaje_del_dominio():
    operacion, intentos = _falla(10_000, IntegrityError("unique"))
    with pytest.raises(numeracion.NumeracionAgotada, match="intente de nuevo"):
        numeracion.numerar(operacion, mensaje_agotado="No hubo número; intente de nuevo.")
    assert len(intentos) == numeracion.INTENTOS


@pytest.mark.django_db
def test_un_choque_que_no_es_de_numeracion_no_se_reintenta():
    operacion, intentos = _falla(10_000, IntegrityError("unique"))

    def ya_existia(_error):
        raise ErrorDominio("Ya se expidió.")

    with pytest.raises(ErrorDominio, match="Ya se expidió"):
        numeracion.numerar(operacion, mensaje_agotado="x", al_chocar=ya_existia)
    assert len(intentos) == 1


@pytest.mark.django_db
def test_otro_error_de_base_no_se_oculta():
    operacion, intentos = _falla(1, OperationalError("no such table"))
    with pytest.raises(OperationalError, match="no such table"):
        numeracion.numerar(operacion, mensaje_agotado="x")
    assert len(intentos) == 1

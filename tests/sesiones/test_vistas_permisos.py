"""Lo que cada rol ve dentro de las páginas de sesiones: botones de cambio y listados.

Quién entra a cada ruta y con qué código (GET y POST, cada rol, objetos ajenos o inexistentes)
lo dice la matriz única de tests/test_rutas_por_rol.py.
"""

import datetime

import pytest
from django.urls import reverse

from sesiones import services
from tests import factories

MX = factories.MX
pytestmark = pytest.mark.usefixtures("hash_rapido")


@pytest.fixture
def escenario(sesion, juridico, seguimiento, integrante, cliente_de):
    """Una sesión convocada de `organo`."""
    services.sesion_cambiar_estado(
        sesion=sesion,
        estado="convocada",
        usuario=juridico,
        fecha_cambio=datetime.datetime(2025, 2, 1, 10, 0, tzinfo=MX),
    )
    sesion.refresh_from_db()
    clientes = {
        "juridico": cliente_de(juridico),
        "seguimiento": cliente_de(seguimiento),
        "integrante": cliente_de(integrante),
    }
    return {"sesion": sesion, "organo": sesion.organo, "clientes": clientes}


@pytest.mark.django_db
def test_seguimiento_no_ve_botones_de_cambio(escenario):
    detalle = reverse("sesiones:detalle", args=[escenario["sesion"].pk])
    html = escenario["clientes"]["seguimiento"].get(detalle).content.decode()
    assert "data-transicion=" not in html
    assert "Agregar punto" not in html
    html = escenario["clientes"]["juridico"].get(detalle).content.decode()
    assert 'data-transicion="celebrada"' in html
    assert "Agregar punto" in html


@pytest.mark.django_db
def test_integrante_solo_ve_sus_organos_en_listados(escenario, otro_organo, juridico):
    ajena = factories.sesion_programada(organo=otro_organo, usuario=juridico)
    cliente = escenario["clientes"]["integrante"]
    lista = cliente.get(reverse("sesiones:lista")).content.decode()
    assert escenario["sesion"].get_absolute_url() in lista
    assert ajena.get_absolute_url() not in lista
    organos = cliente.get(reverse("sesiones:organos")).content.decode()
    assert escenario["organo"].nombre in organos
    assert otro_organo.nombre not in organos
    calendario = cliente.get(reverse("sesiones:inicio") + "?anio=2025&mes=3").content.decode()
    assert escenario["sesion"].get_absolute_url() in calendario
    assert ajena.get_absolute_url() not in calendario

import datetime
import threading

import pytest
from django.db import connections

from acuerdos import services
from acuerdos.models import Acuerdo
from tests import factories
from tests.acuerdos.conftest import MX


def test_consecutivo_por_organo_y_anio_con_clave(sesion, juridico, organo, otro_organo):
    a1 = services.acuerdo_crear(sesion=sesion, texto="Uno", usuario=juridico)
    a2 = services.acuerdo_crear(sesion=sesion, texto="Dos", usuario=juridico)
    otra = factories.sesion_programada(organo=otro_organo, usuario=juridico)
    b1 = services.acuerdo_crear(sesion=otra, texto="Otro órgano", usuario=juridico)
    siguiente_anio = factories.sesion_programada(
        organo=organo, usuario=juridico, fecha=datetime.datetime(2026, 1, 20, 10, tzinfo=MX)
    )
    c1 = services.acuerdo_crear(sesion=siguiente_anio, texto="Año nuevo", usuario=juridico)
    assert (a1.numero, a2.numero, b1.numero, c1.numero) == (1, 2, 1, 1)
    assert a2.clave == f"{organo.siglas}/SO-01/002/2025"
    assert c1.clave == f"{organo.siglas}/SO-02/001/2026"


def test_rechazado_conserva_su_numero(sesion, juridico):
    from tests.acuerdos.conftest import celebrar

    sesion = celebrar(sesion, juridico)
    a1 = services.acuerdo_crear(sesion=sesion, texto="Uno", usuario=juridico)
    services.votacion_registrar(acuerdo=a1, usuario=juridico, modo="totales", en_contra=5)
    a2 = services.acuerdo_crear(sesion=sesion, texto="Dos", usuario=juridico)
    a1.refresh_from_db()
    assert a1.estado == "rechazado" and a1.numero == 1 and a2.numero == 2


def test_patron_por_organo(sesion, juridico, organo):
    organo.patron_clave_acuerdo = "ACU-{siglas}-{anio}-{numero:04d}"
    organo.save()
    sesion.refresh_from_db()
    acuerdo = services.acuerdo_crear(sesion=sesion, texto="Uno", usuario=juridico)
    assert acuerdo.clave == f"ACU-{organo.siglas}-2025-0001"


def test_texto_hostil_se_guarda_igual(sesion, juridico):
    texto = "Acuerdo «ñandú» & <b>negritas</b> \"comillas\" 'simples' 🚀 Ñuñoa"
    acuerdo = services.acuerdo_crear(sesion=sesion, texto=texto, usuario=juridico)
    acuerdo.refresh_from_db()
    assert acuerdo.texto == texto
    assert "nunoa" in acuerdo.texto_busqueda and "nandu" in acuerdo.texto_busqueda


@pytest.mark.django_db(transaction=True)
def test_numeracion_concurrente_da_numeros_distintos(organo, juridico):
    # En PostgreSQL compiten de verdad (candado + restricción única); en SQLite se serializan.
    sesion = factories.sesion_programada(organo=organo, usuario=juridico)
    barrera = threading.Barrier(6)
    errores = []

    def crear(i):
        try:
            barrera.wait()
            services.acuerdo_crear(sesion=sesion, texto=f"Concurrente {i}", usuario=juridico)
        except Exception as error:  # noqa: BLE001
            errores.append(error)
        finally:
            connections.close_all()

    hilos = [threading.Thread(target=crear, args=(i,)) for i in range(6)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert errores == []
    numeros = sorted(Acuerdo.objects.filter(sesion=sesion).values_list("numero", flat=True))
    assert numeros == [1, 2, 3, 4, 5, 6]

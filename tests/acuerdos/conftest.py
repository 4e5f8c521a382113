import pytest

from acuerdos import services
from acuerdos.models import RequierePublicacion, Responsable
from tests.factories import MX, celebrar  # noqa: F401 — los usan las pruebas de acuerdos


@pytest.fixture
def sesion_celebrada(sesion, juridico):
    return celebrar(sesion, juridico)


@pytest.fixture
def responsable(db):
    return Responsable.objects.create(
        nombre="Unidad de Apoyo Administrativo",
        es_area_interna=True,
        correo="administracion@sesaech.example",
    )


@pytest.fixture
def acuerdo(sesion_celebrada, juridico, responsable):
    punto = sesion_celebrada.puntos.get(marco="orden_dia")
    return services.acuerdo_crear(
        sesion=sesion_celebrada,
        punto=punto,
        usuario=juridico,
        responsable=responsable,
        texto="Se aprueba el orden del día.",
        publicacion=RequierePublicacion.AMBOS,
        plazo_dias_habiles=10,
    )


def votar_unanime(acuerdo, usuario):
    presentes = services.integrantes_presentes_con_voto(acuerdo.sesion).count()
    return services.votacion_registrar(
        acuerdo=acuerdo, usuario=usuario, modo="totales", a_favor=presentes
    )

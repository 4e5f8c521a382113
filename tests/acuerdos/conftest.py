import datetime

import pytest

from acuerdos import services
from acuerdos.models import RequierePublicacion, Responsable
from sesiones import services as sesiones_services
from sesiones.models import EstadoSesion
from tests.factories import MX  # noqa: F401 — lo usan las pruebas de numeración


def celebrar(sesion, usuario, ausentes: int = 0, suplentes: int = 0):
    """Convoca, registra asistencia (los últimos `ausentes` faltan) y celebra la sesión."""
    sesiones_services.sesion_cambiar_estado(
        sesion=sesion,
        estado=EstadoSesion.CONVOCADA,
        usuario=usuario,
        justificacion_aviso="Prueba: convocada sin la anticipación ordinaria.",
    )
    sesion.refresh_from_db()
    integrantes = list(sesion.organo.integrantes.order_by("orden", "pk"))
    for i, integrante in enumerate(integrantes):
        estado = "ausente" if i >= len(integrantes) - ausentes else "presente"
        sesiones_services.asistencia_registrar(
            sesion=sesion,
            integrante=integrante,
            estado=estado,
            usuario=usuario,
            hora_llegada=datetime.time(10, 0) if estado == "presente" else None,
        )
    sesiones_services.sesion_cambiar_estado(
        sesion=sesion, estado=EstadoSesion.CELEBRADA, usuario=usuario
    )
    sesion.refresh_from_db()
    return sesion


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

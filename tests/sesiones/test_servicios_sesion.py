import pytest

from sesiones.models import EstadoSesion


@pytest.mark.django_db
def test_programar_asigna_numero_clave_y_marco(organo, juridico):
    from tests.factories import sesion_programada

    primera = sesion_programada(organo=organo, usuario=juridico)
    segunda = sesion_programada(organo=organo, usuario=juridico)
    assert (primera.numero, segunda.numero) == (1, 2)
    assert segunda.clave == f"SO-02-{organo.siglas}/SAECH/2025"
    assert segunda.nombre == "Segunda Sesión Ordinaria"
    assert [p.marco for p in segunda.puntos.all()][0] == "asistencia"
    assert segunda.estado == EstadoSesion.PROGRAMADA
    assert segunda.cambios.get().estado_nuevo == EstadoSesion.PROGRAMADA

import pytest


@pytest.mark.django_db
def test_pagina_404_en_espanol(client, juridico):
    client.force_login(juridico)
    respuesta = client.get("/sesiones/999999/")
    assert respuesta.status_code == 404
    assert "No encontramos esta página" in respuesta.content.decode()


@pytest.mark.django_db
def test_pagina_403_en_espanol(client, seguimiento):
    client.force_login(seguimiento)
    respuesta = client.get("/sesiones/nueva/")
    assert respuesta.status_code == 403
    assert "No tiene permiso para esta acción" in respuesta.content.decode()

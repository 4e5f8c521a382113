import pytest

from sesiones.permisos import GRUPO_INTEGRANTE, GRUPO_JURIDICO, GRUPO_SEGUIMIENTO
from tests import factories


@pytest.fixture(autouse=True)
def _ajustes_de_prueba(settings, tmp_path):
    # Las pruebas hablan HTTP simple con el cliente de Django y guardan archivos en un tmp.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.MEDIA_ROOT = tmp_path / "archivos"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def juridico(db):
    return factories.UserFactory(username="juridico", grupos=[GRUPO_JURIDICO])


@pytest.fixture
def seguimiento(db):
    return factories.UserFactory(username="seguimiento", grupos=[GRUPO_SEGUIMIENTO])


@pytest.fixture
def organo(db):
    return factories.organo_con_integrantes(5)


@pytest.fixture
def otro_organo(db):
    return factories.organo_con_integrantes(3)


def _usuario_integrante(organo, username):
    usuario = factories.UserFactory(username=username, grupos=[GRUPO_INTEGRANTE])
    integrante = organo.integrantes.order_by("pk").last()
    integrante.persona.usuario = usuario
    integrante.persona.save()
    return usuario


@pytest.fixture
def integrante(organo):
    """Usuario cuya persona integra `organo`."""
    return _usuario_integrante(organo, "integrante")


@pytest.fixture
def integrante_ajeno(otro_organo):
    """Usuario que integra otro órgano: no debe ver nada de `organo`."""
    return _usuario_integrante(otro_organo, "ajeno")


@pytest.fixture
def sesion(organo, juridico):
    return factories.sesion_programada(organo=organo, usuario=juridico)


@pytest.fixture
def cliente_juridico(client, juridico):
    client.force_login(juridico)
    return client


def pytest_collection_modifyitems(config, items):
    """Las pruebas de concurrencia real solo corren contra PostgreSQL (la pasada de CI).

    SQLite serializa las escrituras; ahí se prueba el mismo camino de forma determinista.
    """
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    solo_pg = [item for item in items if item.get_closest_marker("postgresql")]
    if solo_pg:
        config.hook.pytest_deselected(items=solo_pg)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]

import pytest

from comun.roles import GRUPO_INTEGRANTE, GRUPO_JURIDICO, GRUPO_SEGUIMIENTO
from tests import factories


@pytest.fixture(autouse=True)
def _ajustes_de_prueba(settings, tmp_path):
    # Las pruebas hablan HTTP simple con el cliente de Django y guardan archivos en un tmp.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.MEDIA_ROOT = tmp_path / "archivos"
    settings.AXES_ENABLED = False  # las pruebas del límite de entradas lo encienden
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


OMITIDAS: list[str] = []


def pytest_collection_modifyitems(config, items):
    """Quita del recorrido lo que esta máquina no puede correr, y lo dice al final.

    - Concurrencia real: solo contra PostgreSQL (la segunda pasada de CI); en SQLite el
      mismo camino se prueba de forma determinista.
    - Navegador (tests/e2e) y PDF: necesitan chromium y LibreOffice de Debian. En CI
      (variable CI) nunca se quitan: si faltan, esas pruebas fallan.
    - Lentas (matar al trabajador a media tarea, ~30 s cada una): en la máquina de un usuario
      solo con SESIONES_PRUEBAS_LENTAS=1; en CI siempre.
    """
    import os
    import shutil

    from django.conf import settings

    for item in items:
        if "tests/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker("requiere_chromium")
    quitar = []
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        quitar.append(("postgresql", "concurrencia real (corre con DATABASE_URL de PostgreSQL)"))
    if not os.environ.get("CI"):
        if not (shutil.which("chromium") or os.path.exists("/usr/bin/chromium")):
            quitar.append(("requiere_chromium", "pruebas en navegador: apt-get install chromium"))
        if not (shutil.which("soffice") or shutil.which("libreoffice")):
            quitar.append(("requiere_soffice", "PDF: apt-get install libreoffice-writer-nogui"))
        if not os.environ.get("SESIONES_PRUEBAS_LENTAS"):
            quitar.append(
                (
                    "lenta",
                    "lentas: matan al trabajador a media tarea (CI=true o SESIONES_PRUEBAS_LENTAS=1)",
                )
            )
    for marcador, motivo in quitar:
        fuera = [item for item in items if item.get_closest_marker(marcador)]
        if fuera:
            config.hook.pytest_deselected(items=fuera)
            items[:] = [item for item in items if not item.get_closest_marker(marcador)]
            OMITIDAS.append(f"{len(fuera)} {motivo}")


def pytest_terminal_summary(terminalreporter):
    for linea in OMITIDAS:
        terminalreporter.write_line(f"No corridas en esta máquina: {linea}")


# --- Documentos (agregado por el trabajo de documentos) ---------------------------------


@pytest.fixture
def firmante_organo(organo):
    """Firmante de convocatorias de `organo`, como lo configura la Dirección Jurídica."""
    from documentos.models import ConfiguracionDocumentosOrgano

    return ConfiguracionDocumentosOrgano.objects.create(
        organo=organo,
        firmante_nombre="Mtra. Rosalinda Toledo Pérez",
        firmante_cargo="Secretaria Técnica",
    )


@pytest.fixture
def cliente_de(db):
    """Fábrica de clientes: cliente_de(usuario) con sesión iniciada, cliente_de(None) anónimo."""
    from django.test import Client

    def crear(usuario=None):
        cliente = Client()
        if usuario is not None:
            cliente.force_login(usuario)
        return cliente

    return crear


@pytest.fixture
def hash_rapido(settings):
    """Contraseñas con MD5 en pruebas de vistas: cada usuario creado cuesta milisegundos."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- Entregas y portal (agregado por el trabajo de entregas) ----------------------------


@pytest.fixture
def sesion_proxima(organo, juridico, firmante_organo, settings):
    """Sesión de `organo` dentro de diez días con sus convocatorias generadas (sin PDF)."""
    settings.SESIONES_DOCUMENTOS_PDF = False
    sesion = factories.sesion_futura(organo, juridico)
    factories.generar_convocatorias(sesion)
    return sesion


@pytest.fixture
def enviar(django_capture_on_commit_callbacks):
    """enviar(sesion, usuario): solicita el envío y corre la tarea como lo haría el clúster."""
    from entregas import services as entregas

    def hacer(sesion, usuario):
        with django_capture_on_commit_callbacks(execute=True):
            creadas = entregas.entregas_solicitar(sesion=sesion, usuario=usuario)
        return creadas

    return hacer

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from acuerdos import services as acuerdos_services
from acuerdos.models import EstadoAcuerdo, MedioPublicacion, RequierePublicacion
from sesiones import services
from sesiones.models import Clasificacion
from tests.factories import celebrar

TITULO_RESERVADO = "Anexo RESERVADO de infraestructura secreta"
TEXTO_PUBLICADO = "Se aprueba la Publicación del informe de TUXTLA Gutiérrez & <Chiapas> «ñandú» 🙂"


def subir(punto, usuario, titulo, clasificacion=Clasificacion.PUBLICA, contenido=b"%PDF-1.4 x"):
    extra = {}
    if clasificacion != Clasificacion.PUBLICA:
        extra = {
            "fundamento_legal": "Artículo 113 LGTAIP.",
            "reservado_hasta": datetime.date(2030, 1, 1),
        }
    return services.anexo_subir(
        punto=punto,
        archivo=SimpleUploadedFile("doc.pdf", contenido),
        titulo=titulo,
        usuario=usuario,
        clasificacion=clasificacion,
        tipo_contenido="application/pdf",
        **extra,
    )


def acuerdo_en(sesion, usuario, texto, *, publicar=True, publicacion=RequierePublicacion.WEB):
    acuerdo = acuerdos_services.acuerdo_crear(
        sesion=sesion, usuario=usuario, texto=texto, publicacion=publicacion
    )
    presentes = acuerdos_services.integrantes_presentes_con_voto(sesion).count()
    acuerdos_services.votacion_registrar(
        acuerdo=acuerdo, usuario=usuario, modo="totales", a_favor=presentes
    )
    acuerdo.refresh_from_db()
    if publicar:
        acuerdo = acuerdos_services.acuerdo_cambiar_estado(
            acuerdo=acuerdo, estado=EstadoAcuerdo.CUMPLIDO, usuario=usuario
        )
        acuerdos_services.publicacion_registrar(
            acuerdo=acuerdo,
            usuario=usuario,
            medio=MedioPublicacion.WEB,
            fecha=datetime.date(2025, 4, 1),
            url="https://sesaech.example/acuerdos/1",
        )
        acuerdos_services.acuerdo_cambiar_estado(
            acuerdo=acuerdo, estado=EstadoAcuerdo.PUBLICADO, usuario=usuario
        )
    acuerdo.refresh_from_db()
    return acuerdo


@pytest.fixture
def portal(sesion, juridico):
    """Una sesión celebrada con un anexo público y uno reservado, un acuerdo publicado y uno no."""
    punto = sesion.puntos.filter(marco="").first() or sesion.puntos.order_by("orden").first()
    publico = subir(punto, juridico, "Documento soporte público")
    reservado = subir(punto, juridico, TITULO_RESERVADO, Clasificacion.RESERVADA)
    confidencial = subir(
        punto, juridico, "Datos CONFIDENCIALES personales", Clasificacion.CONFIDENCIAL
    )
    celebrar(sesion, juridico)
    publicado = acuerdo_en(sesion, juridico, TEXTO_PUBLICADO)
    pendiente = acuerdo_en(sesion, juridico, "Acuerdo APROBADO aún sin publicar", publicar=False)
    return {
        "sesion": sesion,
        "anexo_publico": publico,
        "anexo_reservado": reservado,
        "anexo_confidencial": confidencial,
        "publicado": publicado,
        "pendiente": pendiente,
    }


@pytest.fixture
def portal_minimo(sesion, juridico):
    """Solo la sesión celebrada (2025-03-10), sin anexos ni acuerdos."""
    return celebrar(sesion, juridico)


@pytest.fixture
def sesion_no_celebrada(organo, juridico):
    from tests.factories import MX, sesion_programada

    return sesion_programada(
        organo=organo, usuario=juridico, fecha=datetime.datetime(2025, 2, 10, 10, 0, tzinfo=MX)
    )


@pytest.fixture(autouse=True)
def _cache_limpia():
    """La caché local sobrevive al rollback de cada prueba: se vacía para no mezclar pruebas."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

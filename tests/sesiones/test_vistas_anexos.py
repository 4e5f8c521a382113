"""Subida de anexos validada abriendo el archivo, y quién puede descargarlos."""

import datetime
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bitacora.models import Bitacora
from comun.roles import GRUPO_INTEGRANTE
from sesiones import services
from sesiones.models import Anexo, DescargaAnexo, EstadoSesion, Sesion
from sesiones.permisos import anexo_visible_para
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hash_rapido")]


def _punto(sesion):
    return sesion.puntos.get(marco="seguimiento")


def _subir(cliente, punto, archivo, **extra):
    datos = {
        "archivo": archivo,
        "titulo": "Informe de actividades",
        "clasificacion": "publica",
        "fundamento_legal": "",
        "reservado_hasta": "",
        **extra,
    }
    return cliente.post(reverse("sesiones:anexo_nuevo", args=[punto.pk]), datos)


def test_pdf_real_se_guarda_con_su_huella(cliente_juridico, sesion):
    contenido = factories.pdf_de_prueba()
    respuesta = _subir(
        cliente_juridico, _punto(sesion), SimpleUploadedFile("informe 2025.pdf", contenido)
    )
    assert respuesta.status_code == 302
    anexo = Anexo.objects.get()
    assert anexo.sha256 == hashlib.sha256(contenido).hexdigest()
    assert anexo.tipo_contenido == "application/pdf"
    assert anexo.nombre_original == "informe 2025.pdf"
    assert anexo.tamano == len(contenido)
    # El nombre en disco no es el original.
    assert "informe" not in anexo.archivo.name
    assert Bitacora.objects.filter(accion="anexo.subir", objeto_id=str(anexo.pk)).exists()
    html = cliente_juridico.get(sesion.get_absolute_url()).content.decode()
    assert reverse("sesiones:anexo", args=[anexo.pk]) in html


@pytest.mark.parametrize(
    "nombre, contenido",
    [
        ("falso.pdf", b"%PDF-1.7 fake\nesto no es un pdf\n"),
        ("texto.pdf", "Solo texto con ñ".encode()),
        ("imagen.png", b"\x89PNG\r\n\x1a\n" + b"basura" * 20),
        ("hoja.xlsx", b"PK\x03\x04" + b"\x00" * 40),
    ],
)
def test_archivo_falso_se_rechaza_en_espanol(cliente_juridico, sesion, nombre, contenido):
    respuesta = _subir(
        cliente_juridico,
        _punto(sesion),
        SimpleUploadedFile(nombre, contenido),
        titulo="Mi título ñ",
    )
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "No se reconoce el archivo" in html
    assert "Mi título ñ" in html
    assert not Anexo.objects.exists()


def test_archivo_demasiado_grande_se_rechaza(cliente_juridico, sesion, settings):
    settings.SESIONES_MAX_UPLOAD_MB = 1
    grande = factories.pdf_de_prueba() + b"\n%" + b"0" * (1024 * 1024 + 10)
    respuesta = _subir(cliente_juridico, _punto(sesion), SimpleUploadedFile("grande.pdf", grande))
    assert "el máximo permitido es 1 MB" in respuesta.content.decode()
    assert not Anexo.objects.exists()


def test_reservado_exige_fundamento_y_fecha(cliente_juridico, sesion):
    archivo = SimpleUploadedFile("r.pdf", factories.pdf_de_prueba())
    respuesta = _subir(cliente_juridico, _punto(sesion), archivo, clasificacion="reservada")
    html = respuesta.content.decode()
    assert "requiere fundamento legal" in html
    assert "Indique hasta cuándo está reservada" in html
    assert not Anexo.objects.exists()
    hasta = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()
    archivo = SimpleUploadedFile("r.pdf", factories.pdf_de_prueba())
    respuesta = _subir(
        cliente_juridico,
        _punto(sesion),
        archivo,
        clasificacion="reservada",
        fundamento_legal="Artículo 113, fracción VIII, LGTAIP",
        reservado_hasta=hasta,
    )
    assert respuesta.status_code == 302
    assert Anexo.objects.get().clasificacion == "reservada"


def test_confidencial_exige_personas_del_organo(cliente_juridico, sesion, otro_organo):
    ajena = otro_organo.integrantes.first().persona
    archivo = SimpleUploadedFile("c.pdf", factories.pdf_de_prueba())
    respuesta = _subir(
        cliente_juridico,
        _punto(sesion),
        archivo,
        clasificacion="confidencial",
        fundamento_legal="Datos personales",
        personas_autorizadas=[ajena.pk],
    )
    assert respuesta.status_code == 200
    assert not Anexo.objects.exists()
    propia = sesion.organo.integrantes.first().persona
    archivo = SimpleUploadedFile("c.pdf", factories.pdf_de_prueba())
    respuesta = _subir(
        cliente_juridico,
        _punto(sesion),
        archivo,
        clasificacion="confidencial",
        fundamento_legal="Datos personales",
        personas_autorizadas=[propia.pk],
    )
    assert respuesta.status_code == 302
    assert list(Anexo.objects.get().personas_autorizadas.all()) == [propia]


def test_eliminar_anexo_con_confirmacion(cliente_juridico, sesion, juridico):
    anexo = services.anexo_subir(
        punto=_punto(sesion),
        usuario=juridico,
        titulo="Borrar",
        archivo=SimpleUploadedFile("b.pdf", factories.pdf_de_prueba()),
    )
    url = reverse("sesiones:anexo_eliminar", args=[anexo.pk])
    assert "¿Eliminar el anexo?" in cliente_juridico.get(url).content.decode()
    assert cliente_juridico.post(url).status_code == 302
    assert not Anexo.objects.filter(pk=anexo.pk).exists()
    assert Bitacora.objects.filter(accion="anexo.eliminar", objeto_id=str(anexo.pk)).exists()


def test_no_se_suben_anexos_a_una_sesion_celebrada(cliente_juridico, sesion):
    Sesion.objects.filter(pk=sesion.pk).update(estado=EstadoSesion.CELEBRADA)
    archivo = SimpleUploadedFile("a.pdf", factories.pdf_de_prueba())
    respuesta = _subir(cliente_juridico, _punto(sesion), archivo)
    assert respuesta.status_code == 302
    assert not Anexo.objects.exists()


# Matriz de descarga


@pytest.fixture
def anexos(sesion, juridico):
    punto = _punto(sesion)
    autorizado = sesion.organo.integrantes.order_by("pk").first().persona

    def subir(clasificacion, **extra):
        return services.anexo_subir(
            punto=punto,
            usuario=juridico,
            titulo=clasificacion,
            clasificacion=clasificacion,
            archivo=SimpleUploadedFile(f"{clasificacion} ñ.pdf", factories.pdf_de_prueba()),
            tipo_contenido="application/pdf",
            **extra,
        )

    return {
        "publica": subir("publica"),
        "reservada": subir(
            "reservada", fundamento_legal="Art. 113", reservado_hasta=datetime.date(2030, 1, 1)
        ),
        "confidencial": subir(
            "confidencial", fundamento_legal="Datos personales", personas_autorizadas=[autorizado]
        ),
        "autorizado": autorizado,
    }


@pytest.fixture
def usuarios(juridico, seguimiento, integrante, integrante_ajeno, anexos):
    autorizado = factories.UserFactory(username="autorizado", grupos=[GRUPO_INTEGRANTE])
    anexos["autorizado"].usuario = autorizado
    anexos["autorizado"].save()
    return {
        "juridico": juridico,
        "seguimiento": seguimiento,
        "miembro": integrante,
        "autorizado": autorizado,
        "ajeno": integrante_ajeno,
        "anonimo": None,
    }


# Lo que cada quien obtiene: 200 descarga, 404 como si no existiera, 302 a entrar.
MATRIZ = {
    "juridico": {"publica": 200, "reservada": 200, "confidencial": 200},
    "seguimiento": {"publica": 200, "reservada": 200, "confidencial": 200},
    "miembro": {"publica": 200, "reservada": 200, "confidencial": 404},
    "autorizado": {"publica": 200, "reservada": 200, "confidencial": 200},
    "ajeno": {"publica": 404, "reservada": 404, "confidencial": 404},
    "anonimo": {"publica": 302, "reservada": 302, "confidencial": 302},
}


@pytest.mark.parametrize("quien", sorted(MATRIZ))
@pytest.mark.parametrize("clasificacion", ["publica", "reservada", "confidencial"])
def test_matriz_de_descarga(cliente_de, anexos, usuarios, quien, clasificacion):
    anexo = anexos[clasificacion]
    usuario = usuarios[quien]
    respuesta = cliente_de(usuario).get(reverse("sesiones:anexo", args=[anexo.pk]))
    esperado = MATRIZ[quien][clasificacion]
    assert respuesta.status_code == esperado
    if usuario is not None:
        assert anexo_visible_para(usuario, anexo) is (esperado == 200)
    descargas = DescargaAnexo.objects.filter(anexo=anexo)
    if esperado == 200:
        assert b"".join(respuesta.streaming_content) == anexo.archivo.open("rb").read()
        assert respuesta["X-Content-Type-Options"] == "nosniff"
        assert respuesta["Content-Type"] == "application/pdf"
        assert respuesta["Content-Disposition"].startswith("attachment;")
        assert "filename*=utf-8''" in respuesta["Content-Disposition"]
        # Solo lo reservado y lo confidencial deja constancia de quién lo bajó.
        if clasificacion == "publica":
            assert not descargas.exists()
        else:
            assert list(descargas.values_list("usuario", flat=True)) == [usuario.pk]
    else:
        assert not descargas.exists()
    if quien == "anonimo":
        assert respuesta["Location"].startswith("/entrar/?next=")


def test_integrante_no_ve_el_enlace_del_confidencial_ajeno(cliente_de, anexos, usuarios, sesion):
    html = cliente_de(usuarios["miembro"]).get(sesion.get_absolute_url()).content.decode()
    assert reverse("sesiones:anexo", args=[anexos["publica"].pk]) in html
    assert reverse("sesiones:anexo", args=[anexos["confidencial"].pk]) not in html
    html = cliente_de(usuarios["autorizado"]).get(sesion.get_absolute_url()).content.decode()
    assert reverse("sesiones:anexo", args=[anexos["confidencial"].pk]) in html


def test_usuario_inactivo_no_descarga(cliente_de, anexos, usuarios):
    usuario = usuarios["miembro"]
    cliente = cliente_de(usuario)
    usuario.is_active = False
    usuario.save()
    assert not anexo_visible_para(usuario, anexos["publica"])
    respuesta = cliente.get(reverse("sesiones:anexo", args=[anexos["publica"].pk]))
    assert respuesta.status_code in (302, 404)

"""La bitácora del personal: permisos, filtros, escape de texto hostil y CSV."""

import csv
import datetime
import io
import json
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from bitacora.models import Bitacora
from comun.roles import GRUPO_JURIDICO, GRUPO_SEGUIMIENTO
from sesiones import services
from sesiones.models import CambioEstadoSesion, EstadoSesion
from tests import factories

MX = zoneinfo.ZoneInfo("America/Mexico_City")
URL = reverse("bitacora:lista")
URL_CSV = reverse("bitacora:csv")
HOSTIL = "<script>alert('x')</script> & \"comillas\" ñandú Ñuñoa 🎉"


def _entrada(**campos) -> Bitacora:
    valores = {
        "accion": "prueba.accion",
        "modelo": "sesiones.sesion",
        "objeto_id": "1",
        "objeto": "Objeto",
        "datos": {},
        **campos,
    }
    return Bitacora.objects.create(**valores)


def _cambio(sesion, **campos) -> CambioEstadoSesion:
    """Un cambio de estado: la bitácora lo muestra sin guardar una copia propia."""
    valores = {
        "sesion": sesion,
        "estado_anterior": EstadoSesion.PROGRAMADA,
        "estado_nuevo": EstadoSesion.DIFERIDA,
        **campos,
    }
    return CambioEstadoSesion.objects.create(**valores)


def _texto(respuesta) -> str:
    return respuesta.content.decode()


def _csv(respuesta) -> list[list[str]]:
    contenido = b"".join(respuesta.streaming_content).decode("utf-8")
    assert contenido.startswith("\ufeff")
    return list(csv.reader(io.StringIO(contenido.lstrip("\ufeff"))))


# --- Permisos ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", [URL, URL_CSV])
def test_personal_lee_la_bitacora(url, cliente_de, juridico, seguimiento, sesion):
    for usuario in (juridico, seguimiento):
        assert cliente_de(usuario).get(url).status_code == 200


@pytest.mark.parametrize("url", [URL, URL_CSV])
def test_integrante_recibe_403(url, cliente_de, integrante):
    assert cliente_de(integrante).get(url).status_code == 403


@pytest.mark.parametrize("url", [URL, URL_CSV])
def test_anonimo_va_a_entrar(url, client):
    respuesta = client.get(url)
    assert respuesta.status_code == 302
    assert respuesta.url.startswith(reverse("login"))


@pytest.mark.parametrize("url", [URL, URL_CSV])
def test_post_no_permitido(url, cliente_juridico):
    assert cliente_juridico.post(url).status_code == 405


def test_menu_muestra_bitacora_solo_al_personal(cliente_de, seguimiento, integrante):
    assert URL in _texto(cliente_de(seguimiento).get(reverse("sesiones:inicio")))
    assert URL not in _texto(cliente_de(integrante).get(reverse("sesiones:inicio")))


# --- Contenido --------------------------------------------------------------------------


def test_muestra_los_cambios_reales_con_etiqueta_usuario_y_enlace(
    cliente_juridico, sesion, juridico
):
    juridico.first_name, juridico.last_name = "Rosalinda", "Toledo"
    juridico.save()
    services.sesion_cambiar_estado(
        sesion=sesion, estado=EstadoSesion.CANCELADA, usuario=juridico, motivo="Se cancela"
    )
    _entrada(accion="codigo.desconocido", objeto="Algo raro")
    texto = _texto(cliente_juridico.get(URL))
    assert "Cambio de estado de la sesión" in texto
    assert "Sesión programada" in texto
    assert "Rosalinda Toledo" in texto
    assert "codigo.desconocido" in texto  # sin etiqueta: el código tal cual
    assert f'href="{sesion.get_absolute_url()}"' in texto
    assert sesion.clave in texto
    # Los datos del cambio aparecen como lista de definiciones.
    assert "<dl" in texto and "cancelada" in texto


def test_acuerdo_enlazado_y_objeto_sin_pagina_sin_enlace(cliente_juridico, db):
    _entrada(accion="acuerdo.estado", modelo="acuerdos.acuerdo", objeto_id="7", objeto="Acuerdo 7")
    _entrada(accion="anexo.subir", modelo="sesiones.anexo", objeto_id="9", objeto="Anexo 9")
    texto = _texto(cliente_juridico.get(URL))
    assert f'href="{reverse("acuerdos:detalle", args=[7])}"' in texto
    assert "Cambio de estado del acuerdo" in texto
    assert "Anexo subido" in texto
    assert "Anexo 9" in texto and "/anexos/9/" not in texto


def test_texto_hostil_en_datos_se_muestra_escapado(cliente_juridico, db):
    _entrada(objeto=HOSTIL, datos={HOSTIL: HOSTIL, "lista": [HOSTIL, 3], "anidado": {"a": HOSTIL}})
    texto = _texto(cliente_juridico.get(URL))
    assert "<script>alert" not in texto
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;comillas&quot;" in texto
    assert "ñandú Ñuñoa 🎉" in texto


def test_paginada_de_50_en_50_mas_reciente_primero(cliente_juridico, db):
    base = timezone.now() - datetime.timedelta(days=1)
    for i in range(60):
        _entrada(objeto=f"Objeto-{i:02d}-fin", fecha=base + datetime.timedelta(minutes=i))
    primera = cliente_juridico.get(URL)
    assert len(primera.context["pagina"].object_list) == 50
    texto = _texto(primera)
    assert texto.index("Objeto-59-fin") < texto.index("Objeto-58-fin")
    assert "Objeto-09-fin" not in texto
    segunda = _texto(cliente_juridico.get(URL, {"pagina": 2}))
    assert "Objeto-09-fin" in segunda and "Objeto-00-fin" in segunda
    assert "Objeto-10-fin" not in segunda
    # Una página inexistente o basura no rompe: da la última o la primera.
    assert cliente_juridico.get(URL, {"pagina": "x"}).status_code == 200
    assert cliente_juridico.get(URL, {"pagina": 999}).status_code == 200


def test_consultas_acotadas(cliente_juridico, juridico, django_assert_max_num_queries):
    organo = factories.organo_con_integrantes(2)
    otra_juridica = factories.UserFactory(username="juridico2", grupos=[GRUPO_JURIDICO])
    for i in range(30):
        sesion = factories.sesion_programada(
            organo=organo,
            usuario=juridico if i % 2 else otra_juridica,
            fecha=datetime.datetime(2025, 1, 1, 10, 0, tzinfo=MX) + datetime.timedelta(days=i),
        )
        _cambio(sesion, usuario=juridico, motivo=f"Motivo {i}")
    with django_assert_max_num_queries(12):
        respuesta = cliente_juridico.get(URL)
    assert respuesta.status_code == 200
    with django_assert_max_num_queries(12):
        respuesta = cliente_juridico.get(URL_CSV)
        assert len(_csv(respuesta)) == 61


# --- Filtros ----------------------------------------------------------------------------


@pytest.fixture
def variadas(juridico, seguimiento, organo):
    # «ALFA» es el nombre propio de la sesión: su cambio de estado se muestra con él.
    sesion_a = factories.sesion_programada(organo=organo, usuario=juridico, titulo="ALFA")
    sesion_b = factories.sesion_programada(
        organo=organo, usuario=juridico, fecha=datetime.datetime(2025, 4, 7, 10, 0, tzinfo=MX)
    )
    Bitacora.objects.all().delete()
    return {
        "a": _cambio(
            sesion_a,
            usuario=juridico,
            motivo="Falta de quórum",
            fecha=datetime.datetime(2025, 3, 1, 23, 30, tzinfo=MX),
        ),
        "b": _entrada(
            accion="acuerdo.estado",
            modelo="acuerdos.acuerdo",
            objeto="BETA",
            usuario=seguimiento,
            sesion=sesion_b,
            fecha=datetime.datetime(2025, 3, 2, 0, 30, tzinfo=MX),
        ),
        "c": _entrada(
            accion="anexo.subir",
            modelo="sesiones.anexo",
            objeto="GAMA",
            usuario=None,
            fecha=datetime.datetime(2025, 3, 5, 12, 0, tzinfo=MX),
        ),
        "sesion_a": sesion_a,
        "sesion_b": sesion_b,
    }


def _nombre(objeto: str) -> str:
    # Una sesión se muestra como «ALFA — SIGLAS»; aquí basta su nombre.
    return objeto.split(" — ")[0]


def _objetos(cliente, **parametros) -> set[str]:
    respuesta = cliente.get(URL, parametros)
    assert respuesta.status_code == 200
    return {_nombre(e.objeto) for e in respuesta.context["pagina"].object_list}


def test_filtros(cliente_juridico, variadas, seguimiento):
    c = cliente_juridico
    assert _objetos(c) == {"ALFA", "BETA", "GAMA"}
    assert _objetos(c, usuario=seguimiento.pk) == {"BETA"}
    assert _objetos(c, accion="sesion.estado") == {"ALFA"}
    assert _objetos(c, modelo="sesiones.anexo") == {"GAMA"}
    assert _objetos(c, clave=variadas["sesion_b"].clave.lower()) == {"BETA"}
    # Días completos en hora de la Ciudad de México: 23:30 del 1 y 00:30 del 2 caen en días distintos.
    assert _objetos(c, desde="2025-03-02") == {"BETA", "GAMA"}
    assert _objetos(c, hasta="2025-03-01") == {"ALFA"}
    assert _objetos(c, desde="2025-03-02", hasta="2025-03-02") == {"BETA"}
    assert _objetos(c, accion="acuerdo.estado", usuario=seguimiento.pk) == {"BETA"}


TODOS = {"ALFA", "BETA", "GAMA"}


@pytest.mark.parametrize(
    ("parametros", "esperados"),
    [
        ({"usuario": "abc"}, TODOS),
        ({"usuario": "999999"}, TODOS),
        ({"accion": "no.existe"}, TODOS),
        ({"modelo": "<b>x</b>"}, TODOS),
        ({"desde": "2025-13-45"}, TODOS),
        ({"hasta": "ayer"}, TODOS),
        # Rango al revés: se ignora la fecha final y se aplica la inicial.
        ({"desde": "2025-03-05", "hasta": "2025-03-01"}, {"GAMA"}),
        ({"clave": "x" * 500}, TODOS),
        ({"clave": "SO\x00-01"}, TODOS),
        ({"pagina": "-1"}, TODOS),
    ],
)
def test_filtros_invalidos_se_ignoran_sin_error(cliente_juridico, variadas, parametros, esperados):
    respuesta = cliente_juridico.get(URL, parametros)
    assert respuesta.status_code == 200
    assert {_nombre(e.objeto) for e in respuesta.context["pagina"].object_list} == esperados
    assert ("se ignoraron" in _texto(respuesta)) is ("pagina" not in parametros)
    assert cliente_juridico.get(URL_CSV, parametros).status_code == 200


def test_nul_en_la_clave_se_rechaza_con_mensaje(cliente_juridico, variadas):
    respuesta = cliente_juridico.get(URL, {"clave": "SO\x00-01", "accion": "anexo.subir"})
    assert respuesta.status_code == 200
    assert "clave" in respuesta.context["filtro"].errors
    assert "nulos" in _texto(respuesta)
    # El filtro válido sí se aplica.
    assert {e.objeto for e in respuesta.context["pagina"].object_list} == {"GAMA"}


def test_filtro_invalido_vuelve_a_mostrar_lo_escrito(cliente_juridico, variadas):
    texto = _texto(cliente_juridico.get(URL, {"hasta": "ayer", "clave": HOSTIL}))
    assert 'value="ayer"' in texto
    assert "&lt;script&gt;" in texto and "<script>alert" not in texto


# --- CSV --------------------------------------------------------------------------------


def test_csv_respeta_filtros_y_desactiva_formulas(cliente_juridico, variadas, seguimiento):
    Bitacora.objects.filter(pk=variadas["b"].pk).update(
        objeto='=HYPERLINK("http://malo")', datos={"nota": HOSTIL}
    )
    respuesta = cliente_juridico.get(URL_CSV, {"usuario": seguimiento.pk})
    assert respuesta["Content-Type"].startswith("text/csv")
    assert "attachment" in respuesta["Content-Disposition"]
    filas = _csv(respuesta)
    assert filas[0][:3] == ["Fecha", "Usuario", "Acción"]
    assert len(filas) == 2
    fila = filas[1]
    assert fila[0] == "2025-03-02 00:30:00"
    assert fila[1] == seguimiento.username
    assert fila[2] == "Cambio de estado del acuerdo" and fila[3] == "acuerdo.estado"
    assert fila[5] == '\'=HYPERLINK("http://malo")'
    assert fila[6] == variadas["sesion_b"].clave
    assert json.loads(fila[7]) == {"nota": HOSTIL}


def test_csv_sin_filtros_trae_todo_lo_mas_reciente_primero(cliente_juridico, variadas):
    filas = _csv(cliente_juridico.get(URL_CSV))
    assert [_nombre(f[5]) for f in filas[1:]] == ["GAMA", "BETA", "ALFA"]
    assert filas[3][1] == "juridico" and filas[1][1] == "Sistema"


def test_seguimiento_sin_grupo_juridico_tambien_descarga(cliente_de, db):
    usuario = factories.UserFactory(username="solo_seguimiento", grupos=[GRUPO_SEGUIMIENTO])
    _entrada(objeto="X")
    assert len(_csv(cliente_de(usuario).get(URL_CSV))) == 2

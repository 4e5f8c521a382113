"""Una sola regla de visibilidad de anexos: quién ve cuáles y a cuántas consultas."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comun.roles import GRUPO_INTEGRANTE
from sesiones.models import Anexo, Clasificacion, EstadoSesion, Sesion
from sesiones.permisos import anexo_visible_para
from sesiones.selectors import anexos_visibles, puntos_con_anexos_visibles
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hash_rapido")]

CLASIFICACIONES = (Clasificacion.PUBLICA, Clasificacion.RESERVADA, Clasificacion.CONFIDENCIAL)


def _anexo(punto, clasificacion, titulo, autorizadas=()):
    # Directo al modelo: aquí importa quién lo ve, no la validación del archivo al subirlo.
    anexo = Anexo.objects.create(
        punto=punto,
        titulo=titulo,
        archivo=f"anexos/{titulo}.pdf",
        nombre_original=f"{titulo}.pdf",
        tipo_contenido="application/pdf",
        tamano=10,
        sha256="0" * 64,
        clasificacion=clasificacion,
        fundamento_legal="" if clasificacion == Clasificacion.PUBLICA else "Artículo 113 LGTAIP.",
    )
    if autorizadas:
        anexo.personas_autorizadas.set(autorizadas)
    return anexo


def _celebrada(sesion):
    Sesion.objects.filter(pk=sesion.pk).update(estado=EstadoSesion.CELEBRADA)
    sesion.refresh_from_db()
    return sesion


@pytest.fixture
def escenario(organo, otro_organo, juridico, seguimiento, integrante, integrante_ajeno):
    """Tres sesiones con un anexo de cada clasificación.

    - «programada»: de `organo`, aún no celebrada (el público no ve nada de ella);
    - «celebrada»: de `organo`, celebrada;
    - «ajena»: de `otro_organo`, celebrada.
    Una persona de `organo` está autorizada solo en el confidencial de «celebrada».
    """
    autorizada = organo.integrantes.order_by("pk").first().persona
    autorizada.usuario = factories.UserFactory(username="autorizada", grupos=[GRUPO_INTEGRANTE])
    autorizada.save()
    sesiones = {
        "programada": factories.sesion_programada(organo=organo, usuario=juridico),
        "celebrada": _celebrada(factories.sesion_programada(organo=organo, usuario=juridico)),
        "ajena": _celebrada(factories.sesion_programada(organo=otro_organo, usuario=juridico)),
    }
    anexos = {}
    for nombre, sesion in sesiones.items():
        punto = sesion.puntos.order_by("orden").first()
        for clasificacion in CLASIFICACIONES:
            autorizadas = (
                [autorizada]
                if nombre == "celebrada" and clasificacion == Clasificacion.CONFIDENCIAL
                else []
            )
            anexos[f"{nombre}-{clasificacion}"] = _anexo(
                punto, clasificacion, f"{nombre}-{clasificacion}", autorizadas
            )
    inactivo = factories.UserFactory(username="inactivo", grupos=[GRUPO_INTEGRANTE])
    persona_inactiva = organo.integrantes.order_by("pk")[1].persona
    persona_inactiva.usuario = inactivo
    persona_inactiva.save()
    inactivo.is_active = False
    inactivo.save()
    usuarios = {
        "juridico": juridico,
        "seguimiento": seguimiento,
        "miembro": integrante,
        "autorizada": autorizada.usuario,
        "ajeno": integrante_ajeno,
        "sin_persona": factories.UserFactory(username="sin.persona", grupos=[GRUPO_INTEGRANTE]),
        "inactivo": inactivo,
        "anonimo": AnonymousUser(),
        "publico": None,
    }
    return {"sesiones": sesiones, "anexos": anexos, "usuarios": usuarios}


TODOS = {f"{s}-{c}" for s in ("programada", "celebrada", "ajena") for c in CLASIFICACIONES}
PUBLICO = {"celebrada-publica", "ajena-publica"}

# Lo que cada quien ve, y nada más.
ESPERADO = {
    "juridico": TODOS,
    "seguimiento": TODOS,
    # Integrante: públicos y reservados de las sesiones de su órgano, celebradas o no.
    "miembro": {
        "programada-publica",
        "programada-reservada",
        "celebrada-publica",
        "celebrada-reservada",
    },
    # Autorizada en un confidencial: ese sí; el de la otra sesión de su órgano, no.
    "autorizada": {
        "programada-publica",
        "programada-reservada",
        "celebrada-publica",
        "celebrada-reservada",
        "celebrada-confidencial",
    },
    "ajeno": {"ajena-publica", "ajena-reservada"},
    "sin_persona": set(),
    "inactivo": set(),
    # El público: solo lo público de sesiones celebradas, de cualquier órgano.
    "anonimo": PUBLICO,
    "publico": PUBLICO,
}


def _titulos(anexos) -> set[str]:
    return {a.titulo for a in anexos}


@pytest.mark.parametrize("quien", sorted(ESPERADO))
def test_cada_quien_ve_exactamente_sus_anexos(escenario, quien):
    usuario = escenario["usuarios"][quien]
    assert _titulos(anexos_visibles(user=usuario)) == ESPERADO[quien]


@pytest.mark.parametrize("quien", sorted(ESPERADO))
def test_descarga_individual_aplica_la_misma_regla(escenario, quien):
    usuario = escenario["usuarios"][quien]
    visibles = {
        nombre
        for nombre, anexo in escenario["anexos"].items()
        if anexo_visible_para(usuario, anexo)
    }
    assert visibles == ESPERADO[quien]


@pytest.mark.parametrize("quien", sorted(ESPERADO))
def test_por_sesion_y_por_punto(escenario, quien):
    usuario = escenario["usuarios"][quien]
    for nombre, sesion in escenario["sesiones"].items():
        esperado = {t for t in ESPERADO[quien] if t.startswith(f"{nombre}-")}
        assert _titulos(anexos_visibles(user=usuario, sesion=sesion)) == esperado
        puntos = sesion.puntos.all()
        assert _titulos(anexos_visibles(user=usuario, puntos=puntos)) == esperado
        agrupados = puntos_con_anexos_visibles(user=usuario, sesion=sesion)
        assert [p.orden for p in agrupados] == sorted(p.orden for p in agrupados)
        assert _titulos(a for p in agrupados for a in p.anexos_visibles) == esperado


def test_autorizacion_en_otro_anexo_no_abre_el_confidencial(escenario):
    # La autorización es por anexo: la persona autorizada en un confidencial no ve el de al lado.
    autorizada = escenario["usuarios"]["autorizada"]
    assert not anexo_visible_para(autorizada, escenario["anexos"]["programada-confidencial"])


def test_confidencial_con_varias_autorizadas_no_se_repite(escenario, organo):
    anexo = escenario["anexos"]["celebrada-confidencial"]
    anexo.personas_autorizadas.add(*[i.persona for i in organo.integrantes.all()])
    miembro = escenario["usuarios"]["miembro"]
    titulos = [a.titulo for a in anexos_visibles(user=miembro)]
    assert titulos.count("celebrada-confidencial") == 1
    assert len(titulos) == len(set(titulos))


def test_reservado_hecho_publico_aparece_para_el_publico(escenario):
    anexo = escenario["anexos"]["celebrada-reservada"]
    anexo.clasificacion = Clasificacion.PUBLICA
    anexo.save(update_fields=["clasificacion"])
    assert "celebrada-reservada" in _titulos(anexos_visibles(user=None))


# Número de consultas: constante con 3 y con 30 anexos -----------------------------------------


def _llenar(sesion, total, autorizada):
    """`total` anexos repartidos entre los puntos, de las tres clasificaciones."""
    puntos = list(sesion.puntos.order_by("orden"))
    for i in range(total):
        clasificacion = CLASIFICACIONES[i % 3]
        autorizadas = [autorizada] if clasificacion == Clasificacion.CONFIDENCIAL else []
        _anexo(puntos[i % len(puntos)], clasificacion, f"n{total}-{i}", autorizadas)


def _consultas(cliente, url) -> int:
    with CaptureQueriesContext(connection) as consultas:
        respuesta = cliente.get(url)
    assert respuesta.status_code == 200
    return len(consultas)


@pytest.mark.parametrize("quien", ["integrante", "autorizada"])
def test_portal_consultas_constantes(cliente_de, organo, juridico, integrante, quien):
    autorizada = organo.integrantes.order_by("pk").first().persona
    autorizada.usuario = factories.UserFactory(username="autorizada", grupos=[GRUPO_INTEGRANTE])
    autorizada.save()
    usuario = integrante if quien == "integrante" else autorizada.usuario
    cliente = cliente_de(usuario)
    conteos = {}
    for total in (3, 30):
        sesion = factories.sesion_programada(organo=organo, usuario=juridico)
        _llenar(sesion, total, autorizada)
        url = reverse("portal:sesion", args=[sesion.pk])
        cliente.get(url)  # la primera petición calienta sesión y caché de la plantilla
        conteos[total] = _consultas(cliente, url)
        html = cliente.get(url).content.decode()
        visibles = anexos_visibles(user=usuario, sesion=sesion)
        assert len(visibles) == (total if quien == "autorizada" else total - total // 3)
        for anexo in Anexo.objects.filter(punto__sesion=sesion):
            assert (f'data-anexo="{anexo.pk}"' in html) is (anexo in visibles)
    assert conteos[3] == conteos[30], conteos


def test_pagina_publica_consultas_constantes(cliente_de, organo, juridico, settings):
    settings.TRANSPARENCIA_CACHE_PAGINAS = 0  # se mide la página, no la caché
    autorizada = organo.integrantes.order_by("pk").first().persona
    cliente = cliente_de(None)
    conteos: dict[str, dict[int, int]] = {"publico:sesion": {}, "api:sesion": {}}
    for total in (3, 30):
        sesion = _celebrada(factories.sesion_programada(organo=organo, usuario=juridico))
        _llenar(sesion, total, autorizada)
        for nombre, por_total in conteos.items():
            url = reverse(nombre, args=[sesion.pk])
            cliente.get(url)
            por_total[total] = _consultas(cliente, url)
        html = cliente.get(reverse("publico:sesion", args=[sesion.pk])).content.decode()
        api = cliente.get(reverse("api:sesion", args=[sesion.pk])).json()
        en_api = {a["id"] for p in api["puntos"] for a in p["anexos"]}
        for anexo in Anexo.objects.filter(punto__sesion=sesion):
            publico = anexo.clasificacion == Clasificacion.PUBLICA
            assert (reverse("publico:anexo", args=[anexo.pk]) in html) is publico
            assert (anexo.titulo + "<" in html) is publico
            assert (anexo.pk in en_api) is publico
    for por_total in conteos.values():
        assert por_total[3] == por_total[30], conteos

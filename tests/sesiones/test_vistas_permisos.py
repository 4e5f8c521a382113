"""Matriz de acceso de todas las vistas del personal: quién entra, quién no y con qué código."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sesiones import services
from tests import factories

MX = factories.MX
pytestmark = pytest.mark.usefixtures("hash_rapido")


@pytest.fixture
def escenario(sesion, juridico, seguimiento, integrante, integrante_ajeno, cliente_de):
    """Una sesión convocada de `organo` con un punto, un anexo público y un invitado."""
    services.sesion_cambiar_estado(
        sesion=sesion,
        estado="convocada",
        usuario=juridico,
        fecha_cambio=datetime.datetime(2025, 2, 1, 10, 0, tzinfo=MX),
    )
    sesion.refresh_from_db()
    punto = services.punto_agregar(sesion=sesion, titulo="Informe trimestral", usuario=juridico)
    anexo = services.anexo_subir(
        punto=punto,
        usuario=juridico,
        titulo="Informe",
        archivo=SimpleUploadedFile("informe.pdf", factories.pdf_de_prueba()),
        tipo_contenido="application/pdf",
    )
    invitado = services.invitado_agregar(
        sesion=sesion, persona=factories.PersonaFactory(), usuario=juridico
    )
    clientes = {
        "juridico": cliente_de(juridico),
        "seguimiento": cliente_de(seguimiento),
        "integrante": cliente_de(integrante),
        "ajeno": cliente_de(integrante_ajeno),
        "anonimo": cliente_de(None),
    }
    miembro = sesion.organo.integrantes.order_by("pk").first()
    return {
        "sesion": sesion,
        "punto": punto,
        "anexo": anexo,
        "invitado": invitado,
        "miembro": miembro,
        "organo": sesion.organo,
        "clientes": clientes,
    }


def _url(escenario, nombre: str) -> str:
    s, p = escenario["sesion"], escenario["punto"]
    rutas = {
        "inicio": reverse("sesiones:inicio"),
        "organos": reverse("sesiones:organos"),
        "organo": reverse("sesiones:organo", args=[escenario["organo"].pk]),
        "lista": reverse("sesiones:lista"),
        "detalle": reverse("sesiones:detalle", args=[s.pk]),
        "anexo": reverse("sesiones:anexo", args=[escenario["anexo"].pk]),
        "nueva": reverse("sesiones:nueva"),
        "editar": reverse("sesiones:editar", args=[s.pk]),
        "confirmar_transicion": reverse("sesiones:confirmar_transicion", args=[s.pk])
        + "?estado=diferida",
        "punto_nuevo": reverse("sesiones:punto_nuevo", args=[s.pk]),
        "punto_editar": reverse("sesiones:punto_editar", args=[p.pk]),
        "punto_eliminar": reverse("sesiones:punto_eliminar", args=[p.pk]),
        "anexo_nuevo": reverse("sesiones:anexo_nuevo", args=[p.pk]),
        "anexo_eliminar": reverse("sesiones:anexo_eliminar", args=[escenario["anexo"].pk]),
        "asistencia": reverse("sesiones:asistencia", args=[s.pk]),
        "invitado_nuevo": reverse("sesiones:invitado_nuevo", args=[s.pk]),
        "transicion": reverse("sesiones:transicion", args=[s.pk]),
        "punto_mover": reverse("sesiones:punto_mover", args=[p.pk, "arriba"]),
        "asistencia_fila": reverse(
            "sesiones:asistencia_fila", args=[s.pk, escenario["miembro"].pk]
        ),
        "invitado_asistencia": reverse(
            "sesiones:invitado_asistencia", args=[escenario["invitado"].pk]
        ),
        "invitado_quitar": reverse("sesiones:invitado_quitar", args=[escenario["invitado"].pk]),
    }
    return rutas[nombre]


# Lecturas: el personal entra; el integrante ve lo de sus órganos y nada de los ajenos.
LECTURAS = {
    "inicio": {"juridico": 200, "seguimiento": 200, "integrante": 200, "ajeno": 200},
    "organos": {"juridico": 200, "seguimiento": 200, "integrante": 200, "ajeno": 200},
    "lista": {"juridico": 200, "seguimiento": 200, "integrante": 200, "ajeno": 200},
    "organo": {"juridico": 200, "seguimiento": 200, "integrante": 200, "ajeno": 404},
    "detalle": {"juridico": 200, "seguimiento": 200, "integrante": 200, "ajeno": 404},
    "anexo": {"juridico": 200, "seguimiento": 200, "integrante": 200, "ajeno": 404},
}

# Páginas de la Dirección Jurídica que se abren con GET.
PAGINAS_JURIDICO = [
    "nueva",
    "editar",
    "confirmar_transicion",
    "punto_nuevo",
    "punto_editar",
    "punto_eliminar",
    "anexo_nuevo",
    "anexo_eliminar",
    "asistencia",
    "invitado_nuevo",
]

# Acciones que solo aceptan POST.
SOLO_POST = [
    "transicion",
    "punto_mover",
    "asistencia_fila",
    "invitado_asistencia",
    "invitado_quitar",
]


@pytest.mark.django_db
@pytest.mark.parametrize("vista", sorted(LECTURAS))
@pytest.mark.parametrize("rol", ["juridico", "seguimiento", "integrante", "ajeno"])
def test_lecturas_por_rol(escenario, vista, rol):
    respuesta = escenario["clientes"][rol].get(_url(escenario, vista))
    assert respuesta.status_code == LECTURAS[vista][rol]


@pytest.mark.django_db
@pytest.mark.parametrize("vista", sorted(LECTURAS) + PAGINAS_JURIDICO + SOLO_POST)
def test_anonimo_va_a_entrar(escenario, vista):
    url = _url(escenario, vista)
    metodo = "post" if vista in SOLO_POST else "get"
    respuesta = getattr(escenario["clientes"]["anonimo"], metodo)(url)
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith("/entrar/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("vista", PAGINAS_JURIDICO)
def test_paginas_de_juridico(escenario, vista):
    url = _url(escenario, vista)
    assert escenario["clientes"]["juridico"].get(url).status_code == 200
    for rol in ("seguimiento", "integrante", "ajeno"):
        assert escenario["clientes"][rol].get(url).status_code == 403, rol
        assert escenario["clientes"][rol].post(url, {}).status_code == 403, rol


@pytest.mark.django_db
@pytest.mark.parametrize("vista", SOLO_POST)
def test_acciones_solo_post(escenario, vista):
    url = _url(escenario, vista)
    assert escenario["clientes"]["juridico"].get(url).status_code == 405
    for rol in ("seguimiento", "integrante", "ajeno"):
        assert escenario["clientes"][rol].post(url, {}).status_code == 403, rol


@pytest.mark.django_db
@pytest.mark.parametrize(
    "nombre, argumentos",
    [
        ("sesiones:detalle", [99999]),
        ("sesiones:organo", [99999]),
        ("sesiones:editar", [99999]),
        ("sesiones:punto_editar", [99999]),
        ("sesiones:anexo", [99999]),
        ("sesiones:anexo_eliminar", [99999]),
        ("sesiones:asistencia", [99999]),
    ],
)
def test_objeto_inexistente_da_404(cliente_juridico, nombre, argumentos):
    assert cliente_juridico.get(reverse(nombre, args=argumentos)).status_code == 404


@pytest.mark.django_db
def test_mover_con_direccion_desconocida_da_404(escenario):
    url = reverse("sesiones:punto_mover", args=[escenario["punto"].pk, "al-fondo"])
    assert escenario["clientes"]["juridico"].post(url).status_code == 404


@pytest.mark.django_db
def test_seguimiento_no_ve_botones_de_cambio(escenario):
    html = escenario["clientes"]["seguimiento"].get(_url(escenario, "detalle")).content.decode()
    assert "data-transicion=" not in html
    assert "Agregar punto" not in html
    html = escenario["clientes"]["juridico"].get(_url(escenario, "detalle")).content.decode()
    assert 'data-transicion="celebrada"' in html
    assert "Agregar punto" in html


@pytest.mark.django_db
def test_integrante_solo_ve_sus_organos_en_listados(escenario, otro_organo, juridico):
    ajena = factories.sesion_programada(organo=otro_organo, usuario=juridico)
    cliente = escenario["clientes"]["integrante"]
    lista = cliente.get(_url(escenario, "lista")).content.decode()
    assert escenario["sesion"].get_absolute_url() in lista
    assert ajena.get_absolute_url() not in lista
    organos = cliente.get(_url(escenario, "organos")).content.decode()
    assert escenario["organo"].nombre in organos
    assert otro_organo.nombre not in organos
    calendario = cliente.get(_url(escenario, "inicio") + "?anio=2025&mes=3").content.decode()
    assert escenario["sesion"].get_absolute_url() in calendario
    assert ajena.get_absolute_url() not in calendario

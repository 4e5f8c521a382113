import datetime

import pytest

from acuerdos import services
from acuerdos.documentos import ampliar_acta
from acuerdos.models import Acuerdo, Publicacion
from tests.acuerdos.conftest import votar_unanime


def test_ampliar_acta_por_punto_y_lista_plana(sesion_celebrada, juridico):
    puntos = list(sesion_celebrada.puntos.order_by("orden"))
    segundo = services.acuerdo_crear(
        sesion=sesion_celebrada,
        punto=puntos[2],
        texto="Se aprueba el acta anterior.",
        usuario=juridico,
    )
    primero = services.acuerdo_crear(
        sesion=sesion_celebrada,
        punto=puntos[1],
        texto="Se aprueba el orden del día & <anexos>.",
        usuario=juridico,
    )
    votar_unanime(primero, juridico)
    services.votacion_registrar(
        acuerdo=segundo, usuario=juridico, modo="totales", a_favor=3, en_contra=1, abstenciones=1
    )
    contexto = {"puntos": [{"id": p.pk, "numero": p.orden, "titulo": p.titulo} for p in puntos]}
    ampliar_acta(sesion_celebrada, contexto)
    assert contexto["total_acuerdos"] == 2
    assert [a["numero"] for a in contexto["acuerdos"]] == [primero.numero, segundo.numero]
    assert contexto["puntos"][1]["acuerdos"] == [
        {
            "clave": primero.clave,
            "numero": primero.numero,
            "texto": "Se aprueba el orden del día & <anexos>.",
            "votacion": "aprobado por unanimidad de votos de los integrantes presentes",
            "a_favor": 5,
            "en_contra": 0,
            "abstenciones": 0,
        }
    ]
    assert contexto["puntos"][2]["acuerdos"][0]["votacion"] == (
        "aprobado por mayoría de votos (3 a favor, 1 en contra y 1 abstención)"
    )
    assert contexto["puntos"][0]["acuerdos"] == []


def test_ampliacion_registrada_para_acta_y_certificacion():
    from documentos import registro

    assert ampliar_acta in registro._AMPLIACIONES.get("acta", [])
    assert ampliar_acta in registro._AMPLIACIONES.get("certificacion", [])


@pytest.fixture
def demo(db):
    from sesiones.demo import cargar_sesiones_demo

    return cargar_sesiones_demo()


def test_demo_carga_ocho_acuerdos_idempotente(demo, mailoutbox):
    from acuerdos.demo import cargar_acuerdos_demo

    cargar_acuerdos_demo()
    assert Acuerdo.objects.count() == 8
    assert Acuerdo.objects.filter(organo__siglas="OG").count() == 5
    claves_ce = list(
        Acuerdo.objects.filter(organo__siglas="CE")
        .order_by("numero")
        .values_list("clave", flat=True)
    )
    assert claves_ce == ["CE/SO-06/001/2022", "CE/SO-07/002/2022", "CE/SO-01/003/2022"]
    assert all(hasattr(a, "votacion") for a in Acuerdo.objects.all())
    estatuto = Acuerdo.objects.get(texto__contains="Estatuto Orgánico")
    assert estatuto.estado == "publicado"
    assert set(estatuto.publicaciones.values_list("medio", flat=True)) == {
        "web",
        "periodico_oficial",
    }
    vencidos = Acuerdo.objects.vencidos()
    assert vencidos.count() == 1 and vencidos[0].estado == "en_seguimiento"
    antes = (Acuerdo.objects.count(), Publicacion.objects.count())
    cargar_acuerdos_demo()
    assert (Acuerdo.objects.count(), Publicacion.objects.count()) == antes


def test_demo_seguimiento_envia_un_resumen_por_responsable(demo, mailoutbox):
    from acuerdos.demo import cargar_acuerdos_demo
    from acuerdos.services.seguimiento import seguimiento_ejecutar

    cargar_acuerdos_demo()
    mailoutbox.clear()
    ejecucion = seguimiento_ejecutar(hoy=datetime.date(2026, 11, 23))
    destinatarios = sorted(m.to[0] for m in mailoutbox)
    assert "apoyo.administrativo@sesaech.example" in destinatarios
    assert "juridico@sesaech.example" in destinatarios
    assert len(destinatarios) == len(set(destinatarios)) == ejecucion.correos_enviados
    seguimiento_ejecutar(hoy=datetime.date(2026, 11, 23))
    assert len(mailoutbox) == len(destinatarios)

"""Una sola constancia por cambio de estado: CambioEstadoSesion. La bitácora (página y CSV) y la
historia de la página de la sesión la leen de ahí, sin una fila «sesion.estado» duplicada."""

import csv
import datetime
import io
import json
import re

import pytest
from django.urls import reverse

from bitacora.models import Bitacora
from comun.roles import GRUPO_JURIDICO
from sesiones import services
from sesiones.models import CambioEstadoSesion, EstadoSesion
from tests import factories

MX = factories.MX
URL = reverse("bitacora:lista")
URL_CSV = reverse("bitacora:csv")


def _csv(respuesta) -> list[list[str]]:
    contenido = b"".join(respuesta.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(contenido.lstrip("\ufeff"))))


def _entradas(cliente, **parametros) -> list[Bitacora]:
    respuesta = cliente.get(URL, parametros)
    assert respuesta.status_code == 200
    return list(respuesta.context["pagina"].object_list)


@pytest.fixture
def reprogramada(sesion, juridico):
    """Diferida y reprogramada: dos cambios de estado, el segundo con fecha anterior."""
    services.sesion_cambiar_estado(
        sesion=sesion,
        estado=EstadoSesion.DIFERIDA,
        usuario=juridico,
        motivo="Falta de quórum previsto",
        fecha_cambio=datetime.datetime(2025, 3, 3, 9, 0, tzinfo=MX),
    )
    services.sesion_cambiar_estado(
        sesion=sesion,
        estado=EstadoSesion.PROGRAMADA,
        usuario=juridico,
        nueva_fecha_hora=datetime.datetime(2025, 3, 17, 10, 0, tzinfo=MX),
        fecha_cambio=datetime.datetime(2025, 3, 4, 9, 0, tzinfo=MX),
    )
    sesion.refresh_from_db()
    return sesion


def test_un_cambio_de_estado_deja_una_sola_fila(sesion, juridico):
    bitacora_antes = Bitacora.objects.count()
    services.sesion_cambiar_estado(
        sesion=sesion, estado=EstadoSesion.CANCELADA, usuario=juridico, motivo="Sin asuntos"
    )
    assert sesion.cambios.filter(estado_nuevo=EstadoSesion.CANCELADA).count() == 1
    assert not Bitacora.objects.filter(accion=CambioEstadoSesion.ACCION_BITACORA).exists()
    # Cancelar la única sesión del periodo no renumera a nadie: nada más se escribió.
    assert Bitacora.objects.count() == bitacora_antes


def test_la_bitacora_muestra_el_cambio_derivado(cliente_juridico, reprogramada, juridico):
    entradas = _entradas(cliente_juridico, accion="sesion.estado")
    assert [(e.datos["de"], e.datos["a"]) for e in entradas] == [
        ("diferida", "programada"),
        ("programada", "diferida"),
    ]
    reprogramar, diferir = entradas
    assert (reprogramar.usuario, reprogramar.sesion, reprogramar.modelo) == (
        juridico,
        reprogramada,
        "sesiones.sesion",
    )
    assert reprogramar.datos["fecha_anterior"] == "2025-03-10T16:00:00+00:00"
    assert diferir.datos == {
        "de": "programada",
        "a": "diferida",
        "motivo": "Falta de quórum previsto",
        "fecha_anterior": None,
    }
    texto = cliente_juridico.get(URL).content.decode()
    assert texto.count("Cambio de estado de la sesión") >= 2
    assert f'href="{reprogramada.get_absolute_url()}"' in texto
    assert "Falta de quórum previsto" in texto


def test_el_csv_trae_el_cambio_derivado(cliente_juridico, reprogramada):
    filas = _csv(cliente_juridico.get(URL_CSV, {"accion": "sesion.estado"}))
    assert len(filas) == 3
    fila = filas[2]
    assert fila[0] == "2025-03-03 09:00:00"
    assert fila[1:4] == ["juridico", "Cambio de estado de la sesión", "sesion.estado"]
    assert fila[4] == "Sesión" and fila[5] == str(reprogramada)
    assert fila[6] == reprogramada.clave
    assert json.loads(fila[7]) == {
        "de": "programada",
        "a": "diferida",
        "motivo": "Falta de quórum previsto",
        "fecha_anterior": None,
    }


def test_las_filas_viejas_de_sesion_estado_no_duplican_el_cambio(
    cliente_juridico, sesion, juridico
):
    # Antes cada cambio escribía también una fila «sesion.estado» en la bitácora.
    services.sesion_cambiar_estado(
        sesion=sesion, estado=EstadoSesion.DIFERIDA, usuario=juridico, motivo="Lluvia"
    )
    Bitacora.objects.create(
        accion="sesion.estado",
        modelo="sesiones.sesion",
        objeto_id=str(sesion.pk),
        objeto=str(sesion),
        sesion=sesion,
        usuario=juridico,
        datos={"de": "programada", "a": "diferida", "motivo": "Lluvia"},
    )
    assert len(_entradas(cliente_juridico, accion="sesion.estado")) == 1
    assert len(_csv(cliente_juridico.get(URL_CSV, {"accion": "sesion.estado"}))) == 2
    html = cliente_juridico.get(sesion.get_absolute_url()).content.decode()
    assert html.count("Lluvia") == 1


def test_filtros_sobre_los_cambios_derivados(cliente_juridico, reprogramada, juridico):
    solo_cambios = factories.UserFactory(username="solo_cambios", grupos=[GRUPO_JURIDICO])
    CambioEstadoSesion.objects.filter(estado_nuevo=EstadoSesion.DIFERIDA).update(
        usuario=solo_cambios
    )
    respuesta = cliente_juridico.get(URL)
    assert solo_cambios.pk in dict(respuesta.context["filtro"].fields["usuario"].choices)

    def acciones(**parametros):
        return [(e.accion, e.datos.get("a")) for e in _entradas(cliente_juridico, **parametros)]

    assert acciones(usuario=solo_cambios.pk) == [("sesion.estado", "diferida")]
    assert ("sesion.estado", "programada") in acciones(usuario=juridico.pk)
    assert acciones(accion="sesion.programar") == [("sesion.programar", None)]
    assert {a for a, _ in acciones(modelo="sesiones.sesion")} == {
        "sesion.programar",
        "sesion.estado",
    }
    assert acciones(accion="sesion.estado", desde="2025-03-04") == [("sesion.estado", "programada")]
    assert acciones(accion="sesion.estado", hasta="2025-03-03") == [("sesion.estado", "diferida")]
    assert acciones(accion="sesion.estado", clave="no-existe") == []
    assert len(acciones(accion="sesion.estado", clave=reprogramada.clave.lower())) == 2


def test_bitacora_y_cambios_se_intercalan_por_fecha_y_se_paginan(cliente_juridico, sesion):
    Bitacora.objects.all().delete()
    base = datetime.datetime(2025, 1, 1, 10, 0, tzinfo=MX)
    for i in range(30):
        Bitacora.objects.create(
            accion="punto.editar",
            modelo="sesiones.puntoorden",
            objeto_id="1",
            objeto=f"P{i}",
            sesion=sesion,
            fecha=base + datetime.timedelta(minutes=2 * i),
        )
        CambioEstadoSesion.objects.create(
            sesion=sesion,
            estado_anterior=EstadoSesion.PROGRAMADA,
            estado_nuevo=EstadoSesion.DIFERIDA,
            motivo=f"C{i}",
            fecha=base + datetime.timedelta(minutes=2 * i + 1),
        )
    primera = _entradas(cliente_juridico)
    segunda = _entradas(cliente_juridico, pagina=2)
    assert (len(primera), len(segunda)) == (50, 10)
    fechas = [e.fecha for e in primera + segunda]
    assert fechas == sorted(fechas, reverse=True)
    assert [e.objeto if e.pk else e.datos["motivo"] for e in primera[:3]] == ["C29", "P29", "C28"]
    filas = _csv(cliente_juridico.get(URL_CSV))
    assert len(filas) == 61
    assert [f[0] for f in filas[1:]] == sorted((f[0] for f in filas[1:]), reverse=True)


def test_consultas_acotadas_con_las_dos_fuentes(
    cliente_juridico, juridico, sesion, django_assert_max_num_queries
):
    base = datetime.datetime(2025, 1, 1, 10, 0, tzinfo=MX)
    Bitacora.objects.bulk_create(
        Bitacora(
            accion="punto.editar",
            modelo="sesiones.puntoorden",
            objeto_id=str(i),
            objeto=f"P{i}",
            sesion=sesion,
            usuario=juridico,
            fecha=base + datetime.timedelta(minutes=i),
        )
        for i in range(300)
    )
    CambioEstadoSesion.objects.bulk_create(
        CambioEstadoSesion(
            sesion=sesion,
            estado_anterior=EstadoSesion.PROGRAMADA,
            estado_nuevo=EstadoSesion.DIFERIDA,
            usuario=juridico,
            fecha=base + datetime.timedelta(minutes=i, seconds=30),
        )
        for i in range(300)
    )
    with django_assert_max_num_queries(12):
        assert cliente_juridico.get(URL).status_code == 200
    with django_assert_max_num_queries(12):
        assert len(_csv(cliente_juridico.get(URL_CSV))) == 1 + 300 + 300 + 1  # y el alta


# --- La página de la sesión: una sola historia ---------------------------------------------


def _historia(html: str) -> list[str]:
    bloque = html[html.index('id="historia"') :]
    bloque = bloque[: bloque.index("</ol>")]
    return re.findall(r'data-historia="(\w+)"', bloque)


def test_detalle_muestra_una_sola_historia_en_orden(cliente_juridico, sesion, juridico):
    services.punto_agregar(sesion=sesion, titulo="Asunto nuevo", usuario=juridico)
    services.sesion_cambiar_estado(
        sesion=sesion, estado=EstadoSesion.DIFERIDA, usuario=juridico, motivo="Sin sede"
    )
    html = cliente_juridico.get(sesion.get_absolute_url()).content.decode()
    assert html.count('id="historia"') == 1
    assert "Bitácora</h2>" not in html  # ya no hay un segundo panel
    # Alta (su cambio de estado y su entrada de bitácora), el punto y, al final, la diferida.
    assert _historia(html) == ["estado", "bitacora", "bitacora", "estado"]
    assert html.count("Sin sede") == 1
    assert 'title="punto.agregar"' in html and "Punto agregado al orden del día" in html


def test_integrante_ve_los_cambios_de_estado_sin_la_bitacora(client, integrante, reprogramada):
    client.force_login(integrante)
    html = client.get(reprogramada.get_absolute_url()).content.decode()
    assert _historia(html) == ["estado", "estado", "estado"]
    assert "Falta de quórum previsto" in html
    assert "/bitacora/" not in html

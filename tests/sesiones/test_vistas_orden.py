"""Armado del orden del día desde la interfaz: agregar, editar, mover y eliminar puntos."""

import pytest
from django.urls import reverse

from bitacora.models import Bitacora
from sesiones.models import EstadoSesion, PuntoOrden, Sesion

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hash_rapido")]

HOSTIL = "<script>alert(1)</script> & “comillas” 'simples' ñandú 😀"


def _titulos(sesion) -> list[str]:
    return list(sesion.puntos.order_by("orden").values_list("titulo", flat=True))


def _agregar(cliente, sesion, titulo, **extra):
    datos = {"titulo": titulo, "tipo": "acuerdo", "presenta": "", "descripcion": "", **extra}
    return cliente.post(reverse("sesiones:punto_nuevo", args=[sesion.pk]), datos)


def test_agregar_punto_lo_pone_antes_del_cierre(cliente_juridico, sesion):
    respuesta = _agregar(
        cliente_juridico, sesion, "Aprobación del programa anual", presenta="La Secretaria Técnica"
    )
    assert respuesta.status_code == 302
    assert respuesta["Location"].endswith("#orden-dia")
    titulos = _titulos(sesion)
    assert titulos[-3:] == [
        "Aprobación del programa anual",
        "Asuntos generales.",
        "Clausura de la sesión.",
    ]
    punto = sesion.puntos.get(titulo="Aprobación del programa anual")
    assert punto.presenta == "La Secretaria Técnica"
    assert Bitacora.objects.filter(accion="punto.agregar", objeto_id=str(punto.pk)).exists()


def test_texto_hostil_se_guarda_tal_cual_y_se_muestra_escapado(cliente_juridico, sesion):
    _agregar(cliente_juridico, sesion, HOSTIL, presenta=HOSTIL, descripcion=HOSTIL)
    assert sesion.puntos.filter(titulo=HOSTIL, presenta=HOSTIL, descripcion=HOSTIL).exists()
    html = cliente_juridico.get(sesion.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; “comillas” &#x27;simples&#x27; ñandú 😀"
        in html
    )


def test_nul_en_el_asunto_se_rechaza_y_conserva_lo_escrito(cliente_juridico, sesion):
    antes = sesion.puntos.count()
    respuesta = _agregar(
        cliente_juridico, sesion, "Punto con nulo\x00", presenta="Quien presenta ñ"
    )
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Caracteres nulos no están permitidos" in html
    assert "Quien presenta ñ" in html
    assert sesion.puntos.count() == antes


def test_asunto_de_mas_de_5000_caracteres_se_rechaza(cliente_juridico, sesion):
    respuesta = _agregar(cliente_juridico, sesion, "x" * 5001)
    assert respuesta.status_code == 200
    assert "5000" in respuesta.content.decode()
    assert _agregar(cliente_juridico, sesion, "y" * 5000).status_code == 302


def test_editar_punto(cliente_juridico, sesion):
    punto = sesion.puntos.get(marco="seguimiento")
    url = reverse("sesiones:punto_editar", args=[punto.pk])
    assert punto.titulo in cliente_juridico.get(url).content.decode()
    respuesta = cliente_juridico.post(
        url,
        {
            "titulo": "Seguimiento de acuerdos del CC",
            "tipo": "informativo",
            "presenta": "Dirección Jurídica",
            "descripcion": "",
        },
    )
    assert respuesta.status_code == 302
    punto.refresh_from_db()
    assert (punto.titulo, punto.presenta) == (
        "Seguimiento de acuerdos del CC",
        "Dirección Jurídica",
    )
    assert Bitacora.objects.filter(accion="punto.editar", objeto_id=str(punto.pk)).exists()


def test_mover_sin_javascript_renumera_y_regresa(cliente_juridico, sesion):
    antes = _titulos(sesion)
    segundo = sesion.puntos.get(orden=2)
    respuesta = cliente_juridico.post(reverse("sesiones:punto_mover", args=[segundo.pk, "arriba"]))
    assert respuesta.status_code == 302
    assert respuesta["Location"] == f"{sesion.get_absolute_url()}#orden-dia"
    assert _titulos(sesion) == [antes[1], antes[0], *antes[2:]]
    segundo.refresh_from_db()
    assert segundo.orden == 1
    assert Bitacora.objects.filter(accion="punto.mover", objeto_id=str(segundo.pk)).exists()


def test_mover_con_htmx_devuelve_la_lista_renumerada(cliente_juridico, sesion):
    antes = _titulos(sesion)
    primero = sesion.puntos.get(orden=1)
    respuesta = cliente_juridico.post(
        reverse("sesiones:punto_mover", args=[primero.pk, "abajo"]), HTTP_HX_REQUEST="true"
    )
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert html.lstrip().startswith('<div id="orden-dia"')
    assert "<html" not in html
    # El que era primero aparece ahora en segundo lugar.
    assert html.index(antes[1]) < html.index(antes[0])
    assert 'data-orden="2"' in html
    assert _titulos(sesion)[:2] == [antes[1], antes[0]]


def test_mover_el_primero_hacia_arriba_no_cambia_nada(cliente_juridico, sesion):
    antes = _titulos(sesion)
    primero = sesion.puntos.get(orden=1)
    cliente_juridico.post(reverse("sesiones:punto_mover", args=[primero.pk, "arriba"]))
    assert _titulos(sesion) == antes


def test_eliminar_pide_confirmacion_y_luego_renumera(cliente_juridico, sesion):
    punto = sesion.puntos.get(orden=3)
    url = reverse("sesiones:punto_eliminar", args=[punto.pk])
    confirmacion = cliente_juridico.get(url)
    assert "¿Eliminar el punto?" in confirmacion.content.decode()
    assert PuntoOrden.objects.filter(pk=punto.pk).exists()
    assert cliente_juridico.post(url).status_code == 302
    assert not PuntoOrden.objects.filter(pk=punto.pk).exists()
    assert list(sesion.puntos.order_by("orden").values_list("orden", flat=True)) == [1, 2, 3, 4, 5]
    assert Bitacora.objects.filter(accion="punto.eliminar", objeto_id=str(punto.pk)).exists()


def test_sesion_celebrada_no_deja_tocar_el_orden(cliente_juridico, sesion):
    Sesion.objects.filter(pk=sesion.pk).update(estado=EstadoSesion.CELEBRADA)
    antes = _titulos(sesion)
    respuesta = _agregar(cliente_juridico, sesion, "Tarde")
    assert respuesta.status_code == 302
    punto = sesion.puntos.get(orden=2)
    cliente_juridico.post(reverse("sesiones:punto_mover", args=[punto.pk, "arriba"]))
    cliente_juridico.post(reverse("sesiones:punto_eliminar", args=[punto.pk]))
    assert _titulos(sesion) == antes
    html = cliente_juridico.get(sesion.get_absolute_url()).content.decode()
    assert "Agregar punto" not in html
    respuesta = cliente_juridico.post(
        reverse("sesiones:punto_mover", args=[punto.pk, "arriba"]), HTTP_HX_REQUEST="true"
    )
    assert "ya no se modifica" in respuesta.content.decode()

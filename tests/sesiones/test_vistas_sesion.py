"""Inicio, órganos, listado, alta, edición y detalle de sesiones, vistos como los usa el personal."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bitacora.models import Bitacora
from sesiones.models import EstadoSesion, Sesion
from tests import factories

MX = factories.MX
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hash_rapido")]


def _datos_sesion(organo, **extra):
    return {
        "organo": organo.pk,
        "tipo": "ordinaria",
        "numero": "",
        "titulo": "",
        "fecha": "2029-02-04",
        "hora": "10:30",
        "sede": "Sala de juntas",
        "modalidad": "presencial",
        "enlace": "",
        **extra,
    }


# Inicio y calendario


def test_calendario_muestra_la_sesion_en_su_dia(cliente_juridico, sesion):
    html = cliente_juridico.get(reverse("sesiones:inicio") + "?anio=2025&mes=3").content.decode()
    inicio_celda = html.index('data-fecha="2025-03-10"')
    fin_celda = html.index("</td>", inicio_celda)
    assert sesion.get_absolute_url() in html[inicio_celda:fin_celda]
    assert f"estado-{sesion.estado}" in html[inicio_celda:fin_celda]
    assert "Marzo de 2025" in html
    # La navegación lleva al mes anterior y al siguiente, cruzando el año si hace falta.
    assert "?anio=2025&amp;mes=2" in html and "?anio=2025&amp;mes=4" in html


@pytest.mark.parametrize(
    "consulta",
    [
        "?anio=abc&mes=13",
        "?anio=2025&mes=0",
        "?anio=-5&mes=1",
        "?anio=99999&mes=2",
        "?mes=%00",
        "?anio=2025",
    ],
)
def test_calendario_con_valores_raros_muestra_el_mes_actual(cliente_juridico, consulta):
    respuesta = cliente_juridico.get(reverse("sesiones:inicio") + consulta)
    assert respuesta.status_code == 200
    hoy = timezone.localdate()
    assert respuesta.context["anio"] == hoy.year and respuesta.context["mes"] == hoy.month


def test_calendario_cruza_de_diciembre_a_enero(cliente_juridico):
    respuesta = cliente_juridico.get(reverse("sesiones:inicio") + "?anio=2025&mes=12")
    assert respuesta.context["siguiente"] == {"anio": 2026, "mes": 1}
    assert respuesta.context["anterior"] == {"anio": 2025, "mes": 11}


def test_inicio_muestra_proximas_y_conteo_para_el_personal(cliente_juridico, organo, juridico):
    hoy = timezone.localdate()
    proxima = factories.sesion_programada(
        organo=organo,
        usuario=juridico,
        fecha=datetime.datetime.combine(
            hoy + datetime.timedelta(days=3), datetime.time(10), tzinfo=MX
        ),
    )
    respuesta = cliente_juridico.get(reverse("sesiones:inicio"))
    assert proxima in list(respuesta.context["proximas"])
    conteo = {c["estado"]: c["total"] for c in respuesta.context["conteo"]}
    assert conteo["programada"] == 1
    assert "Próximas sesiones" in respuesta.content.decode()


def test_inicio_no_muestra_conteo_al_integrante(client, integrante, sesion):
    client.force_login(integrante)
    respuesta = client.get(reverse("sesiones:inicio"))
    assert "conteo" not in respuesta.context


# Órganos


def test_organo_muestra_integrantes_reglas_y_sesiones(cliente_juridico, organo, sesion):
    html = cliente_juridico.get(reverse("sesiones:organo", args=[organo.pk])).content.decode()
    presidente = organo.integrantes.order_by("pk").first()
    assert presidente.persona.nombre in html
    assert "Presidente" in html
    assert "Voz y voto" in html
    assert "mitad más uno" in html.lower()
    assert "5 días hábiles" in html
    assert "2020-2030" in html
    assert f"p. ej. SO-04-{organo.siglas}/SAECH/{timezone.localdate().year}" in html
    assert sesion.clave in html


def test_lista_de_organos_cuenta_integrantes_vigentes(cliente_juridico, organo):
    respuesta = cliente_juridico.get(reverse("sesiones:organos"))
    fila = next(o for o in respuesta.context["organos"] if o.pk == organo.pk)
    assert len(fila.vigentes) == 5


def test_enlace_a_configuracion_solo_para_superusuarios(client, juridico, organo):
    client.force_login(juridico)
    url = reverse("sesiones:organo", args=[organo.pk])
    assert "/admin/" not in client.get(url).content.decode()
    juridico.is_staff = True
    juridico.save()
    assert "/admin/" not in client.get(url).content.decode()
    juridico.is_superuser = True
    juridico.save()
    assert "/admin/sesiones/organocolegiado/" in client.get(url).content.decode()


# Listado


def test_lista_filtra_y_muestra_columnas(cliente_juridico, organo, otro_organo, juridico):
    propia = factories.sesion_programada(organo=organo, usuario=juridico)
    factories.sesion_programada(organo=otro_organo, usuario=juridico, tipo="extraordinaria")
    respuesta = cliente_juridico.get(reverse("sesiones:lista"), {"organo": organo.pk, "anio": 2025})
    assert list(respuesta.context["pagina"]) == [propia]
    html = respuesta.content.decode()
    assert propia.clave in html
    assert "Primera Sesión Ordinaria" in html
    assert "10 de marzo de 2025" in html
    assert "Sala de juntas" in html
    assert "estado-programada" in html


@pytest.mark.parametrize(
    "filtros",
    [
        {"organo": "abc", "tipo": "rara", "anio": "x", "estado": "zzz"},
        {"organo": "99999", "anio": "1800"},
        {"texto": "a\x00b"},
        {"pagina": "-3"},
        {"pagina": "muchas"},
    ],
)
def test_lista_ignora_filtros_invalidos(cliente_juridico, sesion, filtros):
    respuesta = cliente_juridico.get(reverse("sesiones:lista"), filtros)
    assert respuesta.status_code == 200
    assert sesion in list(respuesta.context["pagina"])


def test_lista_pagina_de_25_en_25(cliente_juridico, organo, juridico):
    for dia in range(1, 28):
        factories.sesion_programada(
            organo=organo,
            usuario=juridico,
            fecha=datetime.datetime(2025, 1, dia, 10, tzinfo=MX),
        )
    primera = cliente_juridico.get(reverse("sesiones:lista"))
    assert len(primera.context["pagina"]) == 25
    segunda = cliente_juridico.get(reverse("sesiones:lista"), {"pagina": 2})
    assert len(segunda.context["pagina"]) == 2


# Alta y edición


def test_programar_sesion_la_muestra_con_clave_y_nombre(cliente_juridico, organo):
    respuesta = cliente_juridico.post(reverse("sesiones:nueva"), _datos_sesion(organo), follow=True)
    sesion = Sesion.objects.get(organo=organo)
    assert respuesta.redirect_chain[-1][0] == sesion.get_absolute_url()
    html = respuesta.content.decode()
    assert sesion.clave == f"SO-01-{organo.siglas}/SAECH/2029"
    assert sesion.clave in html
    assert "Primera Sesión Ordinaria" in html
    assert "domingo 4 de febrero de 2029, 10:30 horas" in html
    # La hora escrita es la de la Ciudad de México.
    assert sesion.fecha_hora == datetime.datetime(2029, 2, 4, 10, 30, tzinfo=MX)
    assert Bitacora.objects.filter(accion="sesion.programar", sesion=sesion).exists()


def test_numero_ocupado_conserva_lo_escrito_y_explica(cliente_juridico, organo, juridico):
    factories.sesion_programada(
        organo=organo, usuario=juridico, fecha=datetime.datetime(2029, 1, 10, 10, tzinfo=MX)
    )
    datos = _datos_sesion(organo, numero="1", sede="Auditorio «Belisario Domínguez» & anexo")
    respuesta = cliente_juridico.post(reverse("sesiones:nueva"), datos)
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Ya existe la Primera Sesión Ordinaria" in html
    assert "Auditorio «Belisario Domínguez» &amp; anexo" in html
    assert 'value="2029-02-04"' in html and 'value="10:30"' in html
    assert Sesion.objects.filter(organo=organo).count() == 1


def test_fecha_fuera_de_periodo_es_error_del_formulario(cliente_juridico, organo):
    respuesta = cliente_juridico.post(
        reverse("sesiones:nueva"), _datos_sesion(organo, fecha="2035-01-10")
    )
    assert respuesta.status_code == 200
    assert "no tiene un periodo que incluya" in respuesta.content.decode()
    assert not Sesion.objects.exists()


def test_nul_en_sede_se_rechaza_sin_error_500(cliente_juridico, organo):
    respuesta = cliente_juridico.post(
        reverse("sesiones:nueva"), _datos_sesion(organo, sede="Sala\x00")
    )
    assert respuesta.status_code == 200
    assert "Caracteres nulos no están permitidos" in respuesta.content.decode()
    assert not Sesion.objects.exists()


def test_a_distancia_sin_enlace_es_error(cliente_juridico, organo):
    respuesta = cliente_juridico.post(
        reverse("sesiones:nueva"), _datos_sesion(organo, modalidad="a_distancia")
    )
    assert "necesita el enlace de conexión" in respuesta.content.decode()
    assert not Sesion.objects.exists()


def test_editar_guarda_y_registra_en_bitacora(cliente_juridico, sesion):
    datos = _datos_sesion(
        sesion.organo,
        numero="1",
        fecha="2025-03-11",
        hora="12:00",
        sede="Auditorio <b>principal</b>",
    )
    respuesta = cliente_juridico.post(reverse("sesiones:editar", args=[sesion.pk]), datos)
    assert respuesta.status_code == 302
    sesion.refresh_from_db()
    assert sesion.sede == "Auditorio <b>principal</b>"
    assert sesion.fecha_hora == datetime.datetime(2025, 3, 11, 12, 0, tzinfo=MX)
    assert Bitacora.objects.filter(accion="sesion.editar", sesion=sesion).exists()
    html = cliente_juridico.get(sesion.get_absolute_url()).content.decode()
    assert "Auditorio &lt;b&gt;principal&lt;/b&gt;" in html


def test_editar_no_cambia_organo_ni_tipo(cliente_juridico, sesion, otro_organo):
    datos = _datos_sesion(
        otro_organo, tipo="extraordinaria", numero="1", fecha="2025-03-10", hora="10:00"
    )
    cliente_juridico.post(reverse("sesiones:editar", args=[sesion.pk]), datos)
    sesion.refresh_from_db()
    assert (sesion.organo_id, sesion.tipo) != (otro_organo.pk, "extraordinaria")


def test_editar_sesion_celebrada_no_se_permite(cliente_juridico, sesion):
    Sesion.objects.filter(pk=sesion.pk).update(estado=EstadoSesion.CELEBRADA)
    respuesta = cliente_juridico.get(reverse("sesiones:editar", args=[sesion.pk]), follow=True)
    assert "ya no se editan" in respuesta.content.decode()


# Detalle


def test_detalle_muestra_cabecera_orden_quorum_e_historia(cliente_juridico, sesion):
    html = cliente_juridico.get(sesion.get_absolute_url()).content.decode()
    assert "Primera Sesión Ordinaria" in html
    assert sesion.clave in html
    assert "lunes 10 de marzo de 2025, 10:00 horas" in html
    assert "Lista de asistencia y declaración de quórum legal." in html
    assert 'data-dato="con_voto">5<' in html
    assert 'data-dato="requeridos">3<' in html
    assert "Sesión programada." in html
    assert "sesion.programar" in html  # bitácora para el personal


def test_detalle_sin_bitacora_para_integrante(client, integrante, sesion):
    client.force_login(integrante)
    html = client.get(sesion.get_absolute_url()).content.decode()
    assert "sesion.programar" not in html
    assert "Bitácora" not in html


def test_paneles_de_otros_modulos_solo_si_existe_su_ruta(cliente_juridico, sesion):
    from django.urls import NoReverseMatch

    html = cliente_juridico.get(sesion.get_absolute_url()).content.decode()
    for nombre, marca in (
        ("documentos:sesion", "panel-documentos"),
        ("acuerdos:sesion", "panel-acuerdos"),
    ):
        try:
            url = reverse(nombre, args=[sesion.pk])
        except NoReverseMatch:
            assert marca not in html
        else:
            assert f'hx-get="{url}"' in html and 'hx-trigger="load"' in html


def test_editar_convocada_no_mueve_la_fecha(cliente_juridico, sesion, juridico):
    from sesiones import services

    services.sesion_cambiar_estado(
        sesion=sesion, estado="convocada", usuario=juridico, justificacion_aviso="Urgente"
    )
    datos = _datos_sesion(sesion.organo, numero="1", fecha="2025-04-01", sede="Nueva sede")
    respuesta = cliente_juridico.post(reverse("sesiones:editar", args=[sesion.pk]), datos)
    assert respuesta.status_code == 302
    sesion.refresh_from_db()
    assert sesion.sede == "Nueva sede"
    assert sesion.fecha_hora == datetime.datetime(2025, 3, 10, 10, 0, tzinfo=MX)


def test_url_o_vacio_no_rompe_si_la_ruta_no_existe(sesion):
    from django.template import Context, Template

    plantilla = Template(
        "{% load sesiones_tags %}{% url_o_vacio 'no:existe' 1 as u %}[{{ u }}]"
        "{% url_o_vacio 'sesiones:detalle' pk as d %}[{{ d }}]"
    )
    assert plantilla.render(Context({"pk": sesion.pk})) == f"[][{sesion.get_absolute_url()}]"


def test_detalle_muestra_la_bitacora_reciente_y_enlaza_la_completa(
    cliente_juridico, sesion, juridico
):
    from sesiones import services

    for i in range(12):
        services.punto_agregar(sesion=sesion, titulo=f"Asunto número {i}", usuario=juridico)
    html = cliente_juridico.get(sesion.get_absolute_url()).content.decode()
    assert html.count("punto.agregar") == 10
    assert f"/bitacora/?clave={sesion.clave}" in html
    completa = cliente_juridico.get("/bitacora/", {"clave": sesion.clave}).content.decode()
    assert "Asunto número 0" in completa and "Asunto número 11" in completa

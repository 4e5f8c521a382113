import datetime

import pytest
from django.urls import reverse

from acuerdos import services
from acuerdos.models import Acuerdo, EstadoAcuerdo
from tests import factories
from tests.acuerdos.conftest import votar_unanime


def _aprobado_en_seguimiento(acuerdo, usuario):
    votar_unanime(acuerdo, usuario)
    services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado="en_seguimiento", usuario=usuario)
    acuerdo.refresh_from_db()
    return acuerdo


# Fragmento de la sesión


def test_fragmento_sesion_para_juridico_con_formulario(client, juridico, acuerdo):
    client.force_login(juridico)
    url = reverse("acuerdos:sesion", args=[acuerdo.sesion_id])
    fragmento = client.get(url, HTTP_HX_REQUEST="true")
    assert fragmento.status_code == 200
    assert b"<html" not in fragmento.content
    assert acuerdo.clave.encode() in fragmento.content
    assert b"Registrar un acuerdo" in fragmento.content
    completa = client.get(url)
    assert b"<html" in completa.content and acuerdo.clave.encode() in completa.content


def test_fragmento_sesion_integrante_solo_lectura_y_ajeno_404(
    client, integrante, integrante_ajeno, acuerdo
):
    url = reverse("acuerdos:sesion", args=[acuerdo.sesion_id])
    client.force_login(integrante)
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    assert b"Registrar un acuerdo" not in respuesta.content
    client.force_login(integrante_ajeno)
    assert client.get(url).status_code == 404


def test_fragmento_sesion_anonimo_redirige(client, sesion):
    respuesta = client.get(reverse("acuerdos:sesion", args=[sesion.pk]))
    assert respuesta.status_code == 302 and respuesta.url.startswith("/entrar/")


# Crear acuerdo


def test_crear_acuerdo_juridico(client, juridico, sesion, responsable):
    client.force_login(juridico)
    punto = sesion.puntos.get(marco="orden_dia")
    respuesta = client.post(
        reverse("acuerdos:nuevo", args=[sesion.pk]),
        {
            "punto": punto.pk,
            "tipo": "aprobacion",
            "texto": "Se aprueba <algo> & más 🚀",
            "responsable": responsable.pk,
            "plazo_dias_habiles": 5,
            "publicacion": "web",
        },
    )
    assert respuesta.status_code == 302
    acuerdo = Acuerdo.objects.get(sesion=sesion)
    assert acuerdo.texto == "Se aprueba <algo> & más 🚀" and acuerdo.numero == 1
    pagina = client.get(reverse("acuerdos:sesion", args=[sesion.pk]))
    assert "Se aprueba &lt;algo&gt; &amp; más 🚀" in pagina.content.decode()


def test_crear_acuerdo_rechaza_nul_y_conserva_lo_escrito(client, juridico, sesion):
    client.force_login(juridico)
    respuesta = client.post(
        reverse("acuerdos:nuevo", args=[sesion.pk]),
        {
            "tipo": "aprobacion",
            "texto": "Texto con \x00 nulo y «comillas»",
            "publicacion": "ninguna",
        },
    )
    assert respuesta.status_code == 200
    contenido = respuesta.content.decode()
    assert "nulo" in contenido and "comillas" in contenido
    assert "carácter nulo" in contenido or "caracteres nulos" in contenido.lower()
    assert not Acuerdo.objects.exists()


def test_crear_acuerdo_permisos(client, seguimiento, integrante, integrante_ajeno, sesion):
    url = reverse("acuerdos:nuevo", args=[sesion.pk])
    datos = {"tipo": "aprobacion", "texto": "x", "publicacion": "ninguna"}
    assert client.post(url, datos).status_code == 302  # anónimo
    client.force_login(seguimiento)
    assert client.post(url, datos).status_code == 403
    client.force_login(integrante)
    assert client.post(url, datos).status_code == 403
    client.force_login(integrante_ajeno)
    assert client.post(url, datos).status_code == 403
    assert client.get(url).status_code == 405
    assert not Acuerdo.objects.exists()


def test_crear_acuerdo_sesion_inexistente_404(client, juridico):
    client.force_login(juridico)
    respuesta = client.post(reverse("acuerdos:nuevo", args=[999999]), {"texto": "x"})
    assert respuesta.status_code == 404


# Votación


def test_votacion_nominal_desde_la_vista(client, juridico, acuerdo):
    client.force_login(juridico)
    url = reverse("acuerdos:votacion", args=[acuerdo.pk])
    pagina = client.get(url)
    assert pagina.status_code == 200
    presentes = list(services.integrantes_presentes_con_voto(acuerdo.sesion))
    datos = {"modo": "nominal", **{f"voto_{i.pk}": "a_favor" for i in presentes}}
    datos[f"voto_{presentes[-1].pk}"] = "abstencion"
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 302
    acuerdo.refresh_from_db()
    assert acuerdo.estado == "aprobado"
    assert acuerdo.votacion.texto == "aprobado por mayoría de votos (4 a favor y 1 abstención)"


def test_votacion_totales_invalida_muestra_motivo(client, juridico, acuerdo):
    client.force_login(juridico)
    respuesta = client.post(
        reverse("acuerdos:votacion", args=[acuerdo.pk]),
        {
            "modo": "totales",
            "a_favor": 9,
            "en_contra": 0,
            "abstenciones": 0,
        },
    )
    assert respuesta.status_code == 200
    assert "excede" in respuesta.content.decode()


def test_votacion_permisos(client, seguimiento, integrante_ajeno, acuerdo):
    url = reverse("acuerdos:votacion", args=[acuerdo.pk])
    assert client.get(url).status_code == 302
    client.force_login(seguimiento)
    assert client.post(url, {"modo": "totales", "a_favor": 5}).status_code == 403
    client.force_login(integrante_ajeno)
    assert client.get(url).status_code == 403


def test_votacion_juridico_acuerdo_inexistente_404(client, juridico):
    client.force_login(juridico)
    assert client.get(reverse("acuerdos:votacion", args=[999999])).status_code == 404


def test_votacion_metodo_no_permitido(client, juridico, acuerdo):
    client.force_login(juridico)
    assert client.put(reverse("acuerdos:votacion", args=[acuerdo.pk])).status_code == 405


# Detalle y acciones de seguimiento


def test_detalle_con_linea_de_tiempo(client, seguimiento, juridico, acuerdo):
    acuerdo = _aprobado_en_seguimiento(acuerdo, juridico)
    services.avance_registrar(acuerdo=acuerdo, usuario=juridico, nota="Oficio SESAECH/DJ/1/2025")
    client.force_login(seguimiento)
    respuesta = client.get(reverse("acuerdos:detalle", args=[acuerdo.pk]))
    contenido = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Proyecto → Aprobado" in contenido and "Aprobado → En seguimiento" in contenido
    assert "Oficio SESAECH/DJ/1/2025" in contenido
    assert "Cambiar estado" in contenido


def test_detalle_permisos(client, integrante, integrante_ajeno, acuerdo):
    url = reverse("acuerdos:detalle", args=[acuerdo.pk])
    assert client.get(url).status_code == 302
    client.force_login(integrante)
    respuesta = client.get(url)
    assert respuesta.status_code == 200 and "Cambiar estado" not in respuesta.content.decode()
    client.force_login(integrante_ajeno)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 405


def test_publicar_desde_las_vistas(client, seguimiento, juridico, acuerdo):
    acuerdo = _aprobado_en_seguimiento(acuerdo, juridico)
    client.force_login(seguimiento)
    estado = reverse("acuerdos:estado", args=[acuerdo.pk])
    assert client.post(estado, {"estado": "cumplido", "nota": "Cumplido"}).status_code == 302
    sin_evidencia = client.post(estado, {"estado": "publicado"})
    assert sin_evidencia.status_code == 200
    assert "Falta la evidencia de publicación" in sin_evidencia.content.decode()
    publicacion = reverse("acuerdos:publicacion", args=[acuerdo.pk])
    incompleta = client.post(publicacion, {"medio": "periodico_oficial", "fecha": "2025-03-20"})
    assert incompleta.status_code == 200 and "Obligatorio para el Periódico Oficial" in (
        incompleta.content.decode()
    )
    assert (
        client.post(
            publicacion,
            {
                "medio": "web",
                "fecha": "2025-03-20",
                "url": "https://sesaech.example/acuerdo",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            publicacion,
            {
                "medio": "periodico_oficial",
                "fecha": "2025-03-21",
                "numero_periodico": "215",
                "tomo_seccion": "Tomo III",
                "numero_publicacion": "1234-A-2025",
            },
        ).status_code
        == 302
    )
    assert client.post(estado, {"estado": "publicado", "nota": "Listo"}).status_code == 302
    acuerdo.refresh_from_db()
    assert acuerdo.estado == EstadoAcuerdo.PUBLICADO
    detalle = client.get(reverse("acuerdos:detalle", args=[acuerdo.pk])).content.decode()
    assert "Publicación en Periódico Oficial del Estado" in detalle and "1234-A-2025" in detalle


def test_acciones_de_seguimiento_permisos(client, integrante, integrante_ajeno, acuerdo, juridico):
    acuerdo = _aprobado_en_seguimiento(acuerdo, juridico)
    for nombre in ("estado", "avance", "publicacion", "datos", "corregir"):
        url = reverse(f"acuerdos:{nombre}", args=[acuerdo.pk])
        client.logout()
        assert client.post(url, {}).status_code == 302, nombre
        client.force_login(integrante)
        assert client.post(url, {"nota": "x"}).status_code == 403, nombre
        client.force_login(juridico)
        assert client.get(url).status_code == 405, nombre


def test_acciones_de_seguimiento_objeto_inexistente_404(client, seguimiento):
    client.force_login(seguimiento)
    assert client.post(reverse("acuerdos:avance", args=[999999]), {"nota": "x"}).status_code == 404


def test_seguimiento_no_retira_ni_corrige(client, seguimiento, acuerdo):
    client.force_login(seguimiento)
    retirar = client.post(
        reverse("acuerdos:estado", args=[acuerdo.pk]), {"estado": "retirado", "nota": "x"}
    )
    assert retirar.status_code == 403
    corregir = client.post(
        reverse("acuerdos:corregir", args=[acuerdo.pk]), {"texto": "otro", "motivo": "x"}
    )
    assert corregir.status_code == 403


def test_corregir_texto_desde_la_vista(client, juridico, acuerdo):
    votar_unanime(acuerdo, juridico)
    client.force_login(juridico)
    url = reverse("acuerdos:corregir", args=[acuerdo.pk])
    sin_motivo = client.post(url, {"texto": "Texto nuevo «bien»"})
    assert sin_motivo.status_code == 200 and "Texto nuevo «bien»" in sin_motivo.content.decode()
    assert client.post(url, {"texto": "Texto nuevo", "motivo": "Errata"}).status_code == 302
    assert acuerdo.versiones.count() == 2


def test_avance_con_archivo_y_descarga_protegida(
    client, seguimiento, juridico, acuerdo, integrante_ajeno
):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    acuerdo = _aprobado_en_seguimiento(acuerdo, juridico)
    imagen = io.BytesIO()
    Image.new("RGB", (4, 4)).save(imagen, "PNG")
    client.force_login(seguimiento)
    respuesta = client.post(
        reverse("acuerdos:avance", args=[acuerdo.pk]),
        {
            "nota": "Captura del oficio",
            "evidencia_archivo": SimpleUploadedFile("oficio.png", imagen.getvalue(), "image/png"),
        },
    )
    assert respuesta.status_code == 302
    avance = acuerdo.avances.get()
    url = reverse("acuerdos:evidencia", args=["avance", avance.pk])
    assert client.get(url).status_code == 200
    client.force_login(integrante_ajeno)
    assert client.get(url).status_code == 404
    falso = client.post(
        reverse("acuerdos:avance", args=[acuerdo.pk]),
        {
            "nota": "x",
            "evidencia_archivo": SimpleUploadedFile("f.pdf", b"%PDF-1.7 falso"),
        },
    )
    assert falso.status_code in (200, 403)


# Lista, masivo, tablero y ejecuciones


PALABRAS = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
]


@pytest.fixture
def muchos(sesion_celebrada, juridico, responsable):
    acuerdos = []
    for i in range(12):
        acuerdos.append(
            services.acuerdo_crear(
                sesion=sesion_celebrada,
                texto=f"Acuerdo {PALABRAS[i]} sobre Ñuñoa",
                usuario=juridico,
                responsable=responsable,
                fecha_limite=datetime.date(2025, 3, 20),
            )
        )
    return acuerdos


def test_lista_consultas_acotadas(client, seguimiento, muchos, django_assert_max_num_queries):
    client.force_login(seguimiento)
    with django_assert_max_num_queries(15):
        respuesta = client.get(reverse("acuerdos:lista"))
    assert respuesta.status_code == 200
    with django_assert_max_num_queries(15):
        client.get(reverse("acuerdos:lista"), {"q": "nunoa", "estado": "proyecto", "anio": 2025})


def test_lista_busqueda_sin_acentos_ni_mayusculas(client, seguimiento, muchos):
    client.force_login(seguimiento)
    respuesta = client.get(reverse("acuerdos:lista"), {"q": "ÑUÑOA TRÉS"})
    contenido = respuesta.content.decode()
    assert muchos[3].clave in contenido and muchos[4].clave not in contenido


def test_lista_integrante_solo_ve_sus_organos(client, integrante_ajeno, muchos):
    client.force_login(integrante_ajeno)
    respuesta = client.get(reverse("acuerdos:lista"))
    assert respuesta.status_code == 200 and muchos[0].clave not in respuesta.content.decode()


def test_lista_anonimo_redirige(client):
    assert client.get(reverse("acuerdos:lista")).status_code == 302


def test_masivo_pone_en_seguimiento(client, seguimiento, juridico, muchos):
    for acuerdo in muchos[:3]:
        votar_unanime(acuerdo, juridico)
    client.force_login(seguimiento)
    respuesta = client.post(
        reverse("acuerdos:masivo"),
        {
            "accion": "en_seguimiento",
            "ids": [a.pk for a in muchos[:4]],
        },
        follow=True,
    )
    estados = list(
        Acuerdo.objects.filter(pk__in=[a.pk for a in muchos[:4]])
        .order_by("numero")
        .values_list("estado", flat=True)
    )
    assert estados == ["en_seguimiento"] * 3 + ["proyecto"]
    assert "Se actualizaron 3 acuerdos" in respuesta.content.decode()


def test_masivo_permisos(client, integrante, muchos):
    url = reverse("acuerdos:masivo")
    assert client.post(url, {"accion": "cumplido", "ids": [muchos[0].pk]}).status_code == 302
    client.force_login(integrante)
    assert client.post(url, {"accion": "cumplido", "ids": [muchos[0].pk]}).status_code == 403
    assert client.get(url).status_code == 405


def test_masivo_asigna_responsable(client, seguimiento, muchos):
    from acuerdos.models import Responsable

    nuevo = Responsable.objects.create(nombre="Órgano Interno de Control", correo="oic@x.example")
    client.force_login(seguimiento)
    client.post(
        reverse("acuerdos:masivo"),
        {
            "accion": "responsable",
            "responsable": nuevo.pk,
            "ids": [muchos[0].pk, muchos[1].pk],
        },
    )
    assert Acuerdo.objects.filter(responsable=nuevo).count() == 2


def test_tablero_y_ejecuciones(client, seguimiento, integrante, muchos, juridico):
    from acuerdos.services.seguimiento import seguimiento_ejecutar

    votar_unanime(muchos[0], juridico)
    seguimiento_ejecutar()
    client.force_login(seguimiento)
    tablero = client.get(reverse("acuerdos:tablero"))
    contenido = tablero.content.decode()
    assert tablero.status_code == 200
    assert "chart.umd.min.js" in contenido and "datos-grafica" in contenido
    assert muchos[0].clave in contenido  # vencido, listado primero
    ejecuciones = client.get(reverse("acuerdos:ejecuciones"))
    assert (
        ejecuciones.status_code == 200
        and "Vencimientos y resúmenes" in ejecuciones.content.decode()
    )
    client.force_login(integrante)
    assert client.get(reverse("acuerdos:tablero")).status_code == 403
    assert client.get(reverse("acuerdos:ejecuciones")).status_code == 403
    client.logout()
    assert client.get(reverse("acuerdos:tablero")).status_code == 302
    client.force_login(seguimiento)
    assert client.post(reverse("acuerdos:tablero")).status_code == 405


def test_otro_organo_sesion_404_para_integrante(client, integrante, otro_organo, juridico):
    sesion = factories.sesion_programada(organo=otro_organo, usuario=juridico)
    acuerdo = services.acuerdo_crear(sesion=sesion, texto="Ajeno", usuario=juridico)
    client.force_login(integrante)
    assert client.get(reverse("acuerdos:detalle", args=[acuerdo.pk])).status_code == 404

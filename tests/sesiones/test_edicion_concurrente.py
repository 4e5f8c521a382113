"""Dos personas editan lo mismo a la vez: la segunda no pisa en silencio lo que guardó la primera.

Sesión, punto del orden del día y acuerdo (datos y corrección de texto) llevan una versión; un
formulario abierto con una versión vieja se rechaza, se dice qué cambió entretanto, se conserva
lo que se escribió y un segundo guardado deliberado sí entra.
"""

import collections
import datetime
import html
import re
import threading
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.urls import reverse

from acuerdos import services as acuerdos_services
from acuerdos.models import VersionTextoAcuerdo
from bitacora.models import Bitacora
from comun.roles import GRUPO_JURIDICO
from sesiones import services
from sesiones.exceptions import EdicionConcurrente
from sesiones.models import EstadoSesion, PuntoOrden, Sesion
from tests import factories
from tests.factories import MX, sesion_programada

AVISO_SESION = "Otra persona modificó esta sesión mientras usted la editaba"
AVISO_PUNTO = "Otra persona modificó este punto del orden del día mientras usted lo editaba"
AVISO_ACUERDO = "Otra persona modificó este acuerdo mientras usted lo editaba"


class _Formulario(HTMLParser):
    """Lo que un navegador enviaría con un formulario POST de la página (por su action)."""

    def __init__(self, accion: str | None):
        super().__init__()
        self.accion = accion
        self.dentro = False
        self.campos: dict[str, str] = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            es_post = (a.get("method") or "").lower() == "post"
            self.dentro = es_post and (self.accion is None or a.get("action") == self.accion)
            return
        if not self.dentro:
            return
        nombre = a.get("name")
        if tag == "input" and nombre and nombre != "csrfmiddlewaretoken":
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") == "file" or "disabled" in a:
                return
            self.campos[nombre] = a.get("value") or ""
        elif tag == "select" and nombre and "disabled" not in a:
            self._select = nombre
            self.campos.setdefault(nombre, "")
        elif tag == "option" and self._select and "selected" in a:
            self.campos[self._select] = a.get("value") or ""
        elif tag == "textarea" and nombre:
            self._textarea = nombre
            self.campos[nombre] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.dentro = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            # El navegador descarta el primer salto de línea de un textarea.
            texto = data[1:] if not self.campos[self._textarea] and data[:1] == "\n" else data
            self.campos[self._textarea] += texto


def formulario(respuesta, accion: str | None = None) -> dict[str, str]:
    lector = _Formulario(accion)
    lector.feed(respuesta.content.decode())
    assert lector.campos, "no se encontró el formulario"
    return lector.campos


def texto_de(respuesta) -> str:
    return html.unescape(respuesta.content.decode())


@pytest.fixture
def otro_juridico(db):
    return factories.UserFactory(username="juridico2", grupos=[GRUPO_JURIDICO])


@pytest.fixture
def clientes(cliente_de, juridico, otro_juridico):
    """Ana y Beto, del área jurídica, cada quien con su navegador."""
    return cliente_de(juridico), cliente_de(otro_juridico)


# Servicio: sesión


def test_servicio_rechaza_version_vieja_y_dice_que_cambio(sesion, juridico, otro_juridico):
    de_ana = Sesion.objects.get(pk=sesion.pk)
    de_beto = Sesion.objects.get(pk=sesion.pk)
    assert de_ana.version == de_beto.version == 1

    services.sesion_actualizar(
        sesion=de_ana, usuario=juridico, version=de_ana.version, sede="Auditorio"
    )
    with pytest.raises(EdicionConcurrente) as rechazo:
        services.sesion_actualizar(
            sesion=de_beto,
            usuario=otro_juridico,
            version=de_beto.version,
            sede="Sala B",
            titulo="Título de Beto",
        )

    error = rechazo.value
    assert error.mensaje == (
        f"{AVISO_SESION}: Sede: «Sala de juntas» → «Auditorio». Revise y vuelva a guardar."
    )
    assert [(c.campo, c.etiqueta, c.antes, c.ahora) for c in error.cambios] == [
        ("sede", "Sede", "Sala de juntas", "Auditorio")
    ]
    assert error.version_actual == 2
    sesion.refresh_from_db()
    assert (sesion.sede, sesion.titulo, sesion.version) == ("Auditorio", "", 2)
    assert Bitacora.objects.filter(accion="sesion.editar", usuario=otro_juridico).count() == 0

    # Visto el aviso, Beto guarda de nuevo con la versión vigente: ahora sí.
    services.sesion_actualizar(
        sesion=de_beto, usuario=otro_juridico, version=error.version_actual, sede="Sala B"
    )
    sesion.refresh_from_db()
    assert (sesion.sede, sesion.version) == ("Sala B", 3)


def test_cada_edicion_con_cambios_sube_la_version(sesion, juridico):
    services.sesion_actualizar(sesion=sesion, usuario=juridico, version=1, sede="Uno")
    services.sesion_actualizar(sesion=sesion, usuario=juridico, version=2, numero=4)
    sesion.refresh_from_db()
    assert (sesion.version, sesion.numero, sesion.clave[:5]) == (3, 4, "SO-04")
    # Guardar sin cambiar nada no deja vieja la página de nadie.
    services.sesion_actualizar(sesion=sesion, usuario=juridico, version=3, sede="Uno")
    sesion.refresh_from_db()
    assert sesion.version == 3


def test_varios_cambios_se_listan_con_su_etiqueta(sesion, juridico):
    vista = Sesion.objects.get(pk=sesion.pk)
    nueva_fecha = datetime.datetime(2025, 3, 12, 17, 30, tzinfo=MX)
    services.sesion_actualizar(
        sesion=sesion,
        usuario=juridico,
        version=1,
        fecha_hora=nueva_fecha,
        modalidad="mixta",
        enlace="https://reunion.example/abc",
    )
    with pytest.raises(EdicionConcurrente) as rechazo:
        services.sesion_actualizar(sesion=vista, usuario=juridico, version=1, sede="Otra")
    assert rechazo.value.mensaje == (
        f"{AVISO_SESION}: Fecha y hora: «10/03/2025 10:00» → «12/03/2025 17:30»; "
        "Modalidad: «Presencial» → «Mixta»; "
        "Enlace de conexión: «(vacío)» → «https://reunion.example/abc». "
        "Revise y vuelva a guardar."
    )


def test_sin_version_no_se_revisa(sesion, juridico):
    """Comandos y la API sin control de versión siguen guardando como antes."""
    vieja = Sesion.objects.get(pk=sesion.pk)
    services.sesion_actualizar(sesion=sesion, usuario=juridico, sede="A")
    services.sesion_actualizar(sesion=vieja, usuario=juridico, sede="B")
    sesion.refresh_from_db()
    assert (sesion.sede, sesion.version) == ("B", 3)


def test_renumerar_por_cancelacion_deja_viejo_el_formulario(organo, juridico):
    primera = sesion_programada(organo=organo, usuario=juridico)
    segunda = sesion_programada(organo=organo, usuario=juridico)
    abierta = Sesion.objects.get(pk=segunda.pk)
    services.sesion_cambiar_estado(
        sesion=primera, estado=EstadoSesion.CANCELADA, usuario=juridico, motivo="Sin asuntos"
    )
    segunda.refresh_from_db()
    assert (segunda.numero, segunda.version) == (1, 2)
    # Quien tenía abierta la edición con el número 2 no lo regresa sin darse cuenta.
    with pytest.raises(EdicionConcurrente) as rechazo:
        services.sesion_actualizar(
            sesion=abierta, usuario=juridico, version=abierta.version, numero=2, sede="X"
        )
    assert "Número: «2» → «1»" in rechazo.value.mensaje
    assert "Clave" not in rechazo.value.mensaje
    segunda.refresh_from_db()
    assert (segunda.numero, segunda.sede) == (1, "Sala de juntas")


def test_reprogramar_con_otra_fecha_deja_viejo_el_formulario(sesion, juridico):
    abierta = Sesion.objects.get(pk=sesion.pk)
    services.sesion_cambiar_estado(
        sesion=sesion, estado=EstadoSesion.DIFERIDA, usuario=juridico, motivo="Sin sala"
    )
    services.sesion_cambiar_estado(
        sesion=sesion,
        estado=EstadoSesion.PROGRAMADA,
        usuario=juridico,
        nueva_fecha_hora=datetime.datetime(2025, 3, 20, 10, tzinfo=MX),
    )
    with pytest.raises(EdicionConcurrente, match="Fecha y hora: «10/03/2025 10:00» → «20/03"):
        services.sesion_actualizar(sesion=abierta, usuario=juridico, version=1, sede="X")


# Servicio: punto del orden del día


def test_servicio_punto_rechaza_version_vieja(sesion, juridico):
    punto = sesion.puntos.get(marco="seguimiento")
    de_ana = PuntoOrden.objects.get(pk=punto.pk)
    de_beto = PuntoOrden.objects.get(pk=punto.pk)
    services.punto_actualizar(
        punto=de_ana, usuario=juridico, version=1, presenta="la Secretaria Técnica"
    )
    with pytest.raises(EdicionConcurrente) as rechazo:
        services.punto_actualizar(
            punto=de_beto, usuario=juridico, version=1, titulo="Seguimiento (Beto)"
        )
    assert rechazo.value.mensaje == (
        f"{AVISO_PUNTO}: Presenta: «(vacío)» → «la Secretaria Técnica». Revise y vuelva a guardar."
    )
    punto.refresh_from_db()
    assert (punto.titulo, punto.presenta, punto.version) == (
        "Seguimiento de acuerdos.",
        "la Secretaria Técnica",
        2,
    )
    services.punto_actualizar(
        punto=de_beto, usuario=juridico, version=2, titulo="Seguimiento (Beto)"
    )
    punto.refresh_from_db()
    assert (punto.titulo, punto.version) == ("Seguimiento (Beto)", 3)


def test_mover_puntos_no_deja_viejo_el_formulario_de_un_punto(sesion, juridico):
    punto = sesion.puntos.get(marco="seguimiento")
    services.punto_mover(punto=punto, usuario=juridico, desplazamiento=-1)
    services.punto_actualizar(punto=punto, usuario=juridico, version=1, presenta="X")
    punto.refresh_from_db()
    assert (punto.presenta, punto.version) == ("X", 2)


# Servicio: acuerdo


@pytest.fixture
def acuerdo(sesion, juridico):
    return acuerdos_services.acuerdo_crear(
        sesion=sesion,
        usuario=juridico,
        texto="Se aprueba el calendario de sesiones.",
        plazo_dias_habiles=10,
    )


def test_servicio_acuerdo_datos_y_correccion(acuerdo, juridico, otro_juridico):
    assert acuerdo.version == 1
    de_beto = type(acuerdo).objects.get(pk=acuerdo.pk)
    nueva = acuerdos_services.acuerdo_corregir_texto(
        acuerdo=acuerdo,
        texto="Se aprueba el calendario 2025.",
        motivo="",
        usuario=juridico,
        version=1,
    )
    assert nueva.version == 2  # la versión del texto, que se conserva

    with pytest.raises(EdicionConcurrente) as rechazo:
        acuerdos_services.acuerdo_actualizar(
            acuerdo=de_beto, usuario=otro_juridico, version=1, plazo_dias_habiles=20
        )
    assert rechazo.value.mensaje == (
        f"{AVISO_ACUERDO}: Texto vigente: «Se aprueba el calendario de sesiones.» → "
        "«Se aprueba el calendario 2025.». Revise y vuelva a guardar."
    )
    with pytest.raises(EdicionConcurrente):
        acuerdos_services.acuerdo_corregir_texto(
            acuerdo=de_beto, texto="Otro texto", motivo="", usuario=otro_juridico, version=1
        )
    acuerdo.refresh_from_db()
    assert (acuerdo.texto, acuerdo.plazo_dias_habiles, acuerdo.version) == (
        "Se aprueba el calendario 2025.",
        10,
        2,
    )
    assert VersionTextoAcuerdo.objects.filter(acuerdo=acuerdo).count() == 2

    acuerdos_services.acuerdo_actualizar(
        acuerdo=de_beto, usuario=otro_juridico, version=2, plazo_dias_habiles=20
    )
    acuerdo.refresh_from_db()
    assert (acuerdo.plazo_dias_habiles, acuerdo.version) == (20, 3)


# Vistas


def test_vista_sesion_segunda_edicion_se_rechaza_y_conserva_lo_escrito(sesion, clientes):
    ana, beto = clientes
    url = reverse("sesiones:editar", args=[sesion.pk])
    de_ana = formulario(ana.get(url))
    de_beto = formulario(beto.get(url))
    assert de_ana["version"] == de_beto["version"] == "1"

    assert ana.post(url, {**de_ana, "sede": "Auditorio"}).status_code == 302

    escrito = {**de_beto, "sede": "Sala de Beto", "titulo": "Sesión de Beto"}
    respuesta = beto.post(url, escrito)
    assert respuesta.status_code == 409
    pagina = texto_de(respuesta)
    assert (
        f"{AVISO_SESION}: Sede: «Sala de juntas» → «Auditorio». Revise y vuelva a guardar."
    ) in pagina
    sesion.refresh_from_db()
    assert (sesion.sede, sesion.titulo, sesion.version) == ("Auditorio", "", 2)

    # Lo que Beto escribió sigue en el formulario, ya con la versión vigente.
    otra_vez = formulario(respuesta)
    assert (otra_vez["sede"], otra_vez["titulo"], otra_vez["version"]) == (
        "Sala de Beto",
        "Sesión de Beto",
        "2",
    )
    assert beto.post(url, otra_vez).status_code == 302
    sesion.refresh_from_db()
    assert (sesion.sede, sesion.titulo, sesion.version) == ("Sala de Beto", "Sesión de Beto", 3)


def test_vista_sesion_rechazo_seguido_de_otro_cambio_ajeno(sesion, clientes):
    """Si alguien más guarda mientras Beto revisa el aviso, se le avisa de nuevo."""
    ana, beto = clientes
    url = reverse("sesiones:editar", args=[sesion.pk])
    de_beto = formulario(beto.get(url))
    ana.post(url, {**formulario(ana.get(url)), "sede": "Auditorio"})
    primera = beto.post(url, {**de_beto, "sede": "Sala de Beto"})
    assert primera.status_code == 409
    ana.post(url, {**formulario(ana.get(url)), "sede": "Terraza"})
    segunda = beto.post(url, formulario(primera))
    assert segunda.status_code == 409
    assert "Sede: «Auditorio» → «Terraza»" in texto_de(segunda)
    sesion.refresh_from_db()
    assert sesion.sede == "Terraza"


def test_vista_punto_segunda_edicion_se_rechaza_y_conserva_lo_escrito(sesion, clientes):
    ana, beto = clientes
    punto = sesion.puntos.get(marco="seguimiento")
    url = reverse("sesiones:punto_editar", args=[punto.pk])
    de_ana = formulario(ana.get(url))
    de_beto = formulario(beto.get(url))

    assert ana.post(url, {**de_ana, "titulo": "Seguimiento de acuerdos del CC"}).status_code == 302
    respuesta = beto.post(url, {**de_beto, "descripcion": "Notas de Beto\nsegunda línea"})
    assert respuesta.status_code == 409
    assert (
        f"{AVISO_PUNTO}: Asunto: «Seguimiento de acuerdos.» → «Seguimiento de acuerdos del CC». "
        "Revise y vuelva a guardar."
    ) in texto_de(respuesta)
    punto.refresh_from_db()
    assert (punto.titulo, punto.descripcion) == ("Seguimiento de acuerdos del CC", "")

    otra_vez = formulario(respuesta)
    assert otra_vez["descripcion"].replace("\r\n", "\n") == "Notas de Beto\nsegunda línea"
    assert otra_vez["titulo"] == "Seguimiento de acuerdos."  # lo que Beto tenía escrito
    assert beto.post(url, otra_vez).status_code == 302
    punto.refresh_from_db()
    assert punto.descripcion.replace("\r\n", "\n") == "Notas de Beto\nsegunda línea"
    assert punto.version == 3


def test_vista_acuerdo_datos_y_correccion(acuerdo, clientes):
    ana, beto = clientes
    detalle = reverse("acuerdos:detalle", args=[acuerdo.pk])
    url_datos = reverse("acuerdos:datos", args=[acuerdo.pk])
    url_corregir = reverse("acuerdos:corregir", args=[acuerdo.pk])
    datos_beto = formulario(beto.get(detalle), url_datos)
    correccion_beto = formulario(beto.get(detalle), url_corregir)
    assert datos_beto["version"] == correccion_beto["version"] == "1"

    correccion_ana = formulario(ana.get(detalle), url_corregir)
    texto_ana = "Se aprueba el calendario 2025."
    assert ana.post(url_corregir, {**correccion_ana, "texto": texto_ana}).status_code == 302

    # Beto cambia el plazo con la página vieja: se rechaza y ve qué cambió.
    respuesta = beto.post(url_datos, {**datos_beto, "plazo_dias_habiles": "20"})
    assert respuesta.status_code == 409
    assert (
        f"{AVISO_ACUERDO}: Texto vigente: «Se aprueba el calendario de sesiones.» → «{texto_ana}»"
    ) in texto_de(respuesta)
    acuerdo.refresh_from_db()
    assert (acuerdo.plazo_dias_habiles, acuerdo.texto) == (10, texto_ana)
    otra_vez = formulario(respuesta, url_datos)
    assert (otra_vez["plazo_dias_habiles"], otra_vez["version"]) == ("20", "2")
    assert beto.post(url_datos, otra_vez).status_code == 302
    acuerdo.refresh_from_db()
    assert (acuerdo.plazo_dias_habiles, acuerdo.version) == (20, 3)

    # La corrección de Beto, abierta desde el principio, tampoco pisa el texto de Ana.
    respuesta = beto.post(url_corregir, {**correccion_beto, "texto": "Texto de Beto"})
    assert respuesta.status_code == 409
    assert VersionTextoAcuerdo.objects.filter(acuerdo=acuerdo).count() == 2
    otra_vez = formulario(respuesta, url_corregir)
    assert (otra_vez["texto"], otra_vez["version"]) == ("Texto de Beto", "3")
    assert beto.post(url_corregir, otra_vez).status_code == 302
    acuerdo.refresh_from_db()
    assert acuerdo.texto == "Texto de Beto"
    assert list(acuerdo.versiones.order_by("version").values_list("version", flat=True)) == [
        1,
        2,
        3,
    ]


def test_pagina_del_acuerdo_con_dos_formularios_versionados_sin_ids_repetidos(acuerdo, clientes):
    ana, _beto = clientes
    pagina = ana.get(reverse("acuerdos:detalle", args=[acuerdo.pk])).content.decode()
    ids = collections.Counter(re.findall(r'\sid="([^"]+)"', pagina))
    assert [i for i, n in ids.items() if n > 1] == []
    assert pagina.count('name="version"') == 2


def test_vistos_alterados_no_rompen_y_se_rechaza_igual(sesion, clientes):
    ana, beto = clientes
    url = reverse("sesiones:editar", args=[sesion.pk])
    de_beto = formulario(beto.get(url))
    ana.post(url, {**formulario(ana.get(url)), "sede": "Auditorio"})
    respuesta = beto.post(url, {**de_beto, "vistos": "basura", "sede": "B"})
    assert respuesta.status_code == 409
    assert f"{AVISO_SESION}. Revise y vuelva a guardar." in texto_de(respuesta)


# PostgreSQL: dos guardados de verdad simultáneos


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_dos_guardados_simultaneos_solo_uno_entra():
    sesion = sesion_programada(organo=factories.organo_con_integrantes(3))
    barrera = threading.Barrier(4)
    resultados: list = [None] * 4

    def guardar(i):
        try:
            # Cada quien abrió su formulario antes de que nadie guardara.
            abierta = Sesion.objects.get(pk=sesion.pk)
            barrera.wait()
            resultados[i] = services.sesion_actualizar(
                sesion=abierta,
                usuario=None,
                version=1,
                sede=f"Sala {i}",
            )
        except Exception as error:  # noqa: BLE001 - se afirma abajo
            resultados[i] = error
        finally:
            connection.close()

    hilos = [threading.Thread(target=guardar, args=(i,)) for i in range(4)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    ganadores = [r for r in resultados if isinstance(r, Sesion)]
    rechazados = [r for r in resultados if isinstance(r, EdicionConcurrente)]
    assert (len(ganadores), len(rechazados)) == (1, 3), resultados
    sesion.refresh_from_db()
    assert (sesion.sede, sesion.version) == (ganadores[0].sede, 2)
    assert all("Sede: «Sala de juntas» → «" in r.mensaje for r in rechazados)

"""Plantillas hostiles: nada de lo que escriba una plantilla llega a Python ni a los secretos.

Cada carga útil conocida (recorridos por atributos internos, globales de Jinja, self, config,
request, trucos de formato, filtros attr y map) se rechaza al subirla con un motivo en español,
no puede activarse y, forzada a generarse sin revisión, no ejecuta nada ni muestra nada útil.
"""

import io
import os
import time
import zipfile

import docx
import jinja2
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bitacora.models import Bitacora
from documentos import contexto as ctx
from documentos import render
from documentos import services as docs
from documentos.models import EstadoPlantilla, PlantillaDocumento
from documentos.tasks import revisar_plantilla
from sesiones.exceptions import TransicionNoPermitida

MARCA = "MARCA_ABSOLUTA"  # se sustituye por una ruta absoluta dentro de tmp_path

CARGAS = {
    "mro_subclases": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler_popen": "{{ cycler.__init__.__globals__.os.popen('touch MARCA_ABSOLUTA').read() }}",
    "joiner_popen": "{{ joiner.__init__.__globals__.os.popen('touch MARCA_ABSOLUTA').read() }}",
    "namespace_popen": (
        "{{ namespace.__init__.__globals__.os.popen('touch MARCA_ABSOLUTA').read() }}"
    ),
    "lipsum_popen": "{{ lipsum.__globals__['os'].popen('touch MARCA_ABSOLUTA').read() }}",
    "self": "{{ self }}",
    "self_init": (
        "{{ self.__init__.__globals__.__builtins__.open('MARCA_ABSOLUTA', 'w').write('x') }}"
    ),
    "config": "{{ config }} {{ config.SECRET_KEY }}",
    "request": "{{ request }} {{ request.environ }}",
    "format_metodo": "{{ '{0.__class__.__init__.__globals__}'.format(organo) }}",
    "format_filtro": "{{ '%s %s'|format(self, organo) }}",
    "attr_filtro": "{{ organo|attr('__class__')|attr('__mro__') }}",
    "map_filtro": "{{ puntos|map(attribute='__class__')|list }}",
    "for_subclases": (
        "{% for c in ().__class__.__base__.__subclasses__() %}"
        "{% if c.__name__ == 'Popen' %}{{ c('touch MARCA_ABSOLUTA', shell=True) }}{% endif %}"
        "{% endfor %}"
    ),
    "dict_items": "{% for p in puntos %}{{ p.items() }}{% endfor %}",
    "operador_potencia": "{{ 9 ** 9 ** 9 }}",
}


def _docx(texto: str = "", *, pie: str = "", titulo: str = "") -> bytes:
    documento = docx.Document()
    if texto:
        documento.add_paragraph().add_run(texto)
    if pie:
        documento.sections[0].footer.paragraphs[0].text = pie
    if titulo:
        documento.core_properties.title = titulo
    salida = io.BytesIO()
    documento.save(salida)
    return salida.getvalue()


def _carga(nombre: str, marca) -> str:
    return CARGAS[nombre].replace(MARCA, str(marca))


def _subir(contenido: bytes, usuario, capturar, tipo="acta") -> PlantillaDocumento:
    with capturar(execute=True):
        plantilla = docs.plantilla_subir(
            tipo=tipo, archivo=SimpleUploadedFile("hostil.docx", contenido), usuario=usuario
        )
    plantilla.refresh_from_db()
    return plantilla


def _nada_peligroso(salida: bytes, usuario) -> None:
    texto = "\n".join(p.text for p in docx.Document(io.BytesIO(salida)).paragraphs)
    for prohibido in (
        settings.SECRET_KEY,
        usuario.password,
        "<class",
        "<module",
        "<function",
        "<built-in",
        "Template",
        "Undefined",
        "subprocess",
        "__",
        "uid=",
    ):
        assert prohibido not in texto, prohibido


def _forzar_render(contenido: bytes, usuario, tipo="acta") -> None:
    """Lo que pasaría si la plantilla se saltara la revisión: el sandbox la detiene."""
    try:
        salida = render.renderizar(contenido, ctx.contexto_muestra(tipo))
    except jinja2.TemplateError:
        return  # SecurityError, UndefinedError o filtro inexistente: no se ejecutó nada
    _nada_peligroso(salida, usuario)


@pytest.mark.parametrize("nombre", sorted(CARGAS))
def test_carga_hostil_rechazada_al_subir_y_sin_efecto_forzada(
    nombre, juridico, tmp_path, django_capture_on_commit_callbacks
):
    marca = tmp_path / "marca"
    contenido = _docx(f"Acta {_carga(nombre, marca)}")

    plantilla = _subir(contenido, juridico, django_capture_on_commit_callbacks)
    assert plantilla.estado == EstadoPlantilla.RECHAZADA
    assert not plantilla.activa
    assert plantilla.motivo_rechazo.startswith("La plantilla ")
    assert Bitacora.objects.filter(
        accion="plantilla.rechazar", objeto_id=str(plantilla.pk)
    ).exists()
    with pytest.raises(TransicionNoPermitida, match="Solo se puede activar una plantilla válida"):
        docs.plantilla_activar(plantilla=plantilla, usuario=juridico)
    plantilla.refresh_from_db()
    assert not plantilla.activa
    assert PlantillaDocumento.objects.get(tipo="acta", activa=True).version == 1

    _forzar_render(contenido, juridico)
    assert not marca.exists()


@pytest.mark.parametrize(
    ("nombre", "motivo"),
    [
        ("cycler_popen", "La plantilla usa «cycler», que no es una variable de este tipo"),
        ("cycler_popen", "La plantilla llama a una función («cycler.__init__.__globals__.os."),
        ("joiner_popen", "«joiner», que no es una variable"),
        ("namespace_popen", "«namespace», que no es una variable"),
        ("lipsum_popen", "«lipsum», que no es una variable"),
        ("self", "«self», que no es una variable"),
        ("self_init", "«self», que no es una variable"),
        ("config", "«config», que no es una variable"),
        ("request", "«request», que no es una variable"),
        ("mro_subclases", "«''.__class__», un atributo interno de Python"),
        ("for_subclases", "un atributo interno de Python"),
        ("format_metodo", "llama a una función («'{0.__class__.__init__.__globals__}'.format(…)»)"),
        ("format_filtro", "el filtro «format», que no está permitido"),
        ("attr_filtro", "el filtro «attr», que no está permitido"),
        ("map_filtro", "el filtro «map», que no está permitido"),
        ("dict_items", "«p.items», que no es un dato documentado"),
        ("operador_potencia", "el operador «**», que no está permitido"),
    ],
)
def test_motivo_dice_que_expresion_se_rechaza(nombre, motivo, tmp_path):
    with pytest.raises(docs.PlantillaInvalida) as error:
        docs.plantilla_validar(tipo="acta", contenido=_docx(_carga(nombre, tmp_path / "m")))
    assert motivo in error.value.mensaje


def test_carga_en_pie_y_en_propiedades_tambien_se_revisa(
    juridico, tmp_path, django_capture_on_commit_callbacks
):
    # docxtpl renderiza también encabezados, pies y propiedades (título, autor…).
    marca = tmp_path / "marca"
    for contenido in (
        _docx("{{ organo }}", pie=_carga("cycler_popen", marca)),
        _docx("{{ organo }}", titulo=_carga("cycler_popen", marca)),
    ):
        plantilla = _subir(contenido, juridico, django_capture_on_commit_callbacks)
        assert plantilla.estado == EstadoPlantilla.RECHAZADA
        assert "«cycler»" in plantilla.motivo_rechazo
        _forzar_render(contenido, juridico)
    assert not marca.exists()


def test_subida_hostil_por_la_vista_queda_rechazada(
    cliente_juridico, juridico, tmp_path, django_capture_on_commit_callbacks
):
    marca = tmp_path / "marca"
    contenido = _docx(_carga("cycler_popen", marca))
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_juridico.post(
            reverse("documentos:plantilla_subir"),
            {
                "tipo": "convocatoria",
                "notas": "",
                "archivo": SimpleUploadedFile("c.docx", contenido),
            },
        )
    assert respuesta.status_code == 302
    plantilla = PlantillaDocumento.objects.get(tipo="convocatoria", subida_por=juridico)
    assert plantilla.estado == EstadoPlantilla.RECHAZADA and not plantilla.activa

    pagina = cliente_juridico.get(respuesta["Location"]).content.decode()
    assert "Rechazada" in pagina and "«cycler»" in pagina  # la fila, con su motivo
    assert reverse("documentos:plantilla_activar", args=[plantilla.pk]) not in pagina

    respuesta = cliente_juridico.post(reverse("documentos:plantilla_activar", args=[plantilla.pk]))
    assert respuesta.status_code == 302
    plantilla.refresh_from_db()
    assert not plantilla.activa
    assert "Solo se puede activar una plantilla válida" in (
        cliente_juridico.get(respuesta["Location"]).content.decode()
    )
    assert not marca.exists()


def test_en_validacion_no_se_activa_y_la_pagina_lo_muestra(cliente_juridico, juridico):
    # Sin ejecutar los callbacks de on_commit la tarea no corre: queda «en validación».
    plantilla = docs.plantilla_subir(
        tipo="orden_del_dia",
        archivo=SimpleUploadedFile("o.docx", _docx("{{ organo }}")),
        usuario=juridico,
    )
    assert plantilla.estado == EstadoPlantilla.VALIDANDO and not plantilla.activa
    with pytest.raises(TransicionNoPermitida, match="en validación"):
        docs.plantilla_activar(plantilla=plantilla, usuario=juridico)
    pagina = cliente_juridico.get(reverse("documentos:plantillas")).content.decode()
    assert "En validación" in pagina
    assert 'hx-trigger="every 3s"' in pagina  # se actualiza sola mientras se revisa

    # La tarea es idempotente: la segunda entrega no vuelve a dictaminar ni a registrar.
    assert "Válida" in revisar_plantilla(plantilla.pk)
    assert revisar_plantilla(plantilla.pk) == "La plantilla ya estaba revisada."
    plantilla.refresh_from_db()
    assert plantilla.estado == EstadoPlantilla.VALIDA and plantilla.activa
    assert Bitacora.objects.filter(accion="plantilla.validar").count() == 1


def test_nunca_se_reactiva_una_rechazada(juridico, django_capture_on_commit_callbacks):
    rechazada = _subir(_docx("{{ config }}"), juridico, django_capture_on_commit_callbacks)
    assert rechazada.estado == EstadoPlantilla.RECHAZADA
    PlantillaDocumento.objects.update(activa=False)
    # Sin versión activa se reactiva la válida más reciente, no la rechazada (más nueva).
    assert docs.plantilla_activa(tipo="acta").version == 1


# --- Bomba ZIP --------------------------------------------------------------------------


def _docx_inflado(relleno: bytes) -> bytes:
    """Un DOCX real cuyo document.xml lleva `relleno` dentro de un comentario XML."""
    original = zipfile.ZipFile(io.BytesIO(_docx("{{ organo }}")))
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as nuevo:
        for parte in original.infolist():
            datos = original.read(parte.filename)
            if parte.filename == "word/document.xml":
                datos = datos.replace(b"<w:body>", b"<w:body><!--" + relleno + b"-->", 1)
            nuevo.writestr(parte.filename, datos)
    return salida.getvalue()


@pytest.fixture
def bomba():
    # 60 MB al abrirse que pesan unos 60 KB: como el DOCX de 181 KB que se volvía 60 MB.
    contenido = _docx_inflado(b"a" * (60 * 1024 * 1024))
    assert len(contenido) < 200 * 1024
    return contenido


def test_bomba_zip_se_rechaza_en_la_peticion_sin_leerla(juridico, bomba, monkeypatch):
    def abrir(*args, **kwargs):
        raise AssertionError("se intentó descomprimir el archivo")

    # Las revisiones de la petición solo leen el índice del ZIP, nunca abren una parte.
    monkeypatch.setattr(zipfile.ZipFile, "open", abrir)
    inicio = time.monotonic()
    with pytest.raises(docs.PlantillaInvalida, match="comprimido de forma anómala"):
        docs.plantilla_subir(
            tipo="acta", archivo=SimpleUploadedFile("bomba.docx", bomba), usuario=juridico
        )
    with pytest.raises(docs.PlantillaInvalida, match="comprimido de forma anómala"):
        docs.plantilla_validar(tipo="acta", contenido=bomba)
    assert time.monotonic() - inicio < 1
    assert not PlantillaDocumento.objects.filter(subida_por=juridico).exists()


def test_limite_de_tamano_descomprimido_total(juridico, settings):
    # Texto poco comprimible: la razón es normal, pero el total excede el límite configurado.
    settings.SESIONES_PLANTILLA_MAX_DESCOMPRIMIDO_MB = 1
    contenido = _docx_inflado(os.urandom(900 * 1024).hex().encode())
    with pytest.raises(docs.PlantillaInvalida, match="el máximo para una plantilla es 1 MB"):
        docs.plantilla_subir(
            tipo="acta", archivo=SimpleUploadedFile("grande.docx", contenido), usuario=juridico
        )
    settings.SESIONES_PLANTILLA_MAX_DESCOMPRIMIDO_MB = 20
    assert docs.plantilla_validar(tipo="acta", contenido=contenido) == {"organo"}


# --- El sandbox y las plantillas del sistema --------------------------------------------


def test_entorno_es_sandbox_sin_globales_peligrosos():
    entorno = render.entorno()
    assert isinstance(entorno, jinja2.sandbox.ImmutableSandboxedEnvironment)
    assert entorno.autoescape is True
    assert set(entorno.globals) == {"range"}
    for filtro in ("attr", "map", "format", "safe", "xmlattr", "tojson", "selectattr", "sort"):
        assert filtro not in entorno.filters


@pytest.mark.parametrize(
    "tipo",
    [
        "convocatoria",
        "invitacion",
        "orden_del_dia",
        "lista_asistencia",
        "acta",
        "certificacion",
        "certificacion_acuerdo",
    ],
)
def test_plantillas_del_sistema_pasan_la_revision_y_se_generan(tipo):
    contenido = (docs.DIRECTORIO_PLANTILLAS / f"{tipo}.docx").read_bytes()
    assert docs.plantilla_validar(tipo=tipo, contenido=contenido)
    muestra = ctx.contexto_muestra(tipo)
    salida = render.renderizar(contenido, muestra)
    documento = docx.Document(io.BytesIO(salida))
    texto = "\n".join(p.text for p in documento.paragraphs)
    texto += "\n".join(c.text for t in documento.tables for f in t.rows for c in f.cells)
    assert muestra["institucion"] in texto
    assert "{{" not in texto and "{%" not in texto


def test_informe_trimestral_usa_el_mismo_sandbox(db, monkeypatch):
    from transparencia import informe

    usados = []
    original = render.entorno

    def espia():
        usados.append(original())
        return usados[-1]

    monkeypatch.setattr(render, "entorno", espia)
    salida = informe.informe_docx(informe.informe_datos(anio=2025, trimestre=1))
    assert usados and all(e is original() for e in usados)
    texto = "\n".join(p.text for p in docx.Document(io.BytesIO(salida)).paragraphs)
    assert "2025" in texto


# --- Lo que sí puede escribir una plantilla ---------------------------------------------


def test_plantilla_legitima_con_filtros_y_ciclos_pasa():
    contenido = _docx(
        "{% for p in puntos %}{{ loop.index }}. {{ p.titulo|upper }}"
        "{% for a in p.acuerdos %}{{ a.clave }} {{ a.votacion|default('—') }}{% endfor %}"
        "{% for x in p.anexos|reverse %}{{ x|truncate(40) }}{% endfor %}"
        "{% if not loop.last %}; {% endif %}{% endfor %}"
        "{{ (puntos|first).titulo }} {{ puntos[0]['numero'] }} {{ puntos|length }}"
        "{% if sesion_tipo == 'ordinaria' and total_acuerdos is number %}{{ sesion_nombre ~ '.' }}"
        "{% else %}{{ sede|title }}{% endif %}"
    )
    usadas = docs.plantilla_validar(tipo="acta", contenido=contenido)
    assert {"puntos", "sesion_tipo", "total_acuerdos", "sesion_nombre", "sede"} <= usadas


@pytest.mark.parametrize(
    ("texto", "motivo"),
    [
        ("{% set x = organo %}{{ x }}", "«{% set %}», que no está permitido"),
        ("{% autoescape false %}{{ organo }}{% endautoescape %}", "«{% autoescape %}»"),
        ("{% macro m() %}x{% endmacro %}{{ m() }}", "«{% macro %}»"),
        ("{% include 'base.html' %}", "«{% include %}»"),
        ("{{ organo|safe }}", "el filtro «safe», que no está permitido"),
        ("{{ organo|center(999999999) }}", "el filtro «center», que no está permitido"),
        ("{{ organo * 99999999 }}", "el operador «*», que no está permitido"),
        ("{{ '%s' % organo }}", "el operador «%», que no está permitido"),
        ("{{ puntos[loop] }}", "un índice calculado"),
        ("{% for c in organo %}{{ c }}{% endfor %}", "recorre «organo», que no es una lista"),
        ("{% for p in puntos %}{{ p.asistio }}{% endfor %}", "«p.asistio», que no es un dato"),
        ("{% for p in puntos %}{{ loop.cycle('a', 'b') }}{% endfor %}", "llama a una función"),
        (
            "{% for a in puntos %}{% for b in puntos %}{% for c in puntos %}"
            "{% for d in puntos %}x{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
            "anida más de 3 ciclos",
        ),
    ],
)
def test_otras_construcciones_rechazadas(texto, motivo):
    with pytest.raises(docs.PlantillaInvalida) as error:
        docs.plantilla_validar(tipo="acta", contenido=_docx(texto))
    assert motivo in error.value.mensaje

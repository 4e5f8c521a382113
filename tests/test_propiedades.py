"""Pruebas de propiedades con texto hostil: nada debe romper formularios, servicios,
documentos ni encabezados de correo, sea cual sea el texto que escriba alguien."""

import io

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documentos.render import limpiar, renderizar
from entregas.correo import nombre_seguro
from sesiones import services
from sesiones.forms import PuntoForm

HOSTILES = st.sampled_from(
    ["&", "<", ">", '"', "'", "“", "”", "ñ", "Ñ", "😀", "<w:p>", "{{", "%}", "\x00", "\r\n"]
)
TEXTO_HOSTIL = st.lists(st.one_of(st.text(max_size=30), HOSTILES), max_size=12).map("".join)
AJUSTES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
@AJUSTES
@given(titulo=TEXTO_HOSTIL, presenta=TEXTO_HOSTIL)
def test_formulario_de_punto_valida_o_rechaza_y_el_servicio_guarda_intacto(
    sesion, juridico, titulo, presenta
):
    form = PuntoForm(data={"titulo": titulo, "tipo": "informativo", "presenta": presenta})
    if "\x00" in titulo + presenta:
        assert not form.is_valid()
        return
    if not form.is_valid():
        assert form.errors  # se explica por qué, no se cae
        return
    punto = services.punto_agregar(sesion=sesion, usuario=juridico, **form.cleaned_data)
    punto.refresh_from_db()
    assert punto.titulo == form.cleaned_data["titulo"]
    assert punto.presenta == form.cleaned_data["presenta"]


def _plantilla_minima() -> bytes:
    documento = docx.Document()
    documento.add_paragraph("{{ texto }}")
    salida = io.BytesIO()
    documento.save(salida)
    return salida.getvalue()


PLANTILLA = _plantilla_minima()
TEXTO_DE_UNA_LINEA = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30),
        HOSTILES.filter(lambda t: t not in ("\x00", "\r\n")),
    ),
    max_size=10,
).map("".join)


@AJUSTES
@given(texto=TEXTO_DE_UNA_LINEA)
def test_el_documento_conserva_el_texto_hostil(texto):
    resultado = docx.Document(io.BytesIO(renderizar(PLANTILLA, {"texto": texto})))
    assert resultado.paragraphs[0].text.strip() == limpiar(texto).strip()


@given(texto=st.text())
def test_ningun_nombre_llega_con_saltos_a_un_encabezado(texto):
    seguro = nombre_seguro(texto)
    assert "\n" not in seguro and "\r" not in seguro

"""Render de una plantilla Word con docxtpl, siempre con autoescape."""

import io
import re
import zipfile

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

# Caracteres de control que XML no admite: dentro de un documento lo corrompen.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def limpiar(valor):
    """Quita caracteres inválidos en XML de todas las cadenas del contexto."""
    if isinstance(valor, str):
        return _CONTROL.sub("", valor)
    if isinstance(valor, dict):
        return {k: limpiar(v) for k, v in valor.items()}
    if isinstance(valor, list | tuple):
        return [limpiar(v) for v in valor]
    return valor


def entorno() -> jinja2.Environment:
    # autoescape=True siempre: sin él «&» desaparece y «<» borra el resto del documento.
    return jinja2.Environment(autoescape=True)


def renderizar(plantilla: bytes, contexto: dict, *, membrete: bytes | None = None) -> bytes:
    """Devuelve el DOCX resultante en bytes."""
    documento = DocxTemplate(io.BytesIO(plantilla))
    datos = limpiar(contexto)
    if membrete:
        datos["membrete"] = InlineImage(documento, io.BytesIO(membrete), width=Mm(170))
    else:
        datos["membrete"] = ""
    documento.render(datos, jinja_env=entorno(), autoescape=True)
    salida = io.BytesIO()
    documento.save(salida)
    return salida.getvalue()


def es_docx(contenido: bytes) -> bool:
    """Un DOCX es un ZIP con word/document.xml; lo demás (PDF, .doc, texto) no lo es."""
    try:
        with zipfile.ZipFile(io.BytesIO(contenido)) as archivo:
            return "word/document.xml" in archivo.namelist()
    except zipfile.BadZipFile:
        return False


def variables_usadas(plantilla: bytes) -> set[str]:
    return DocxTemplate(io.BytesIO(plantilla)).get_undeclared_template_variables(
        jinja_env=entorno()
    )

"""Render de plantillas Word con docxtpl dentro del sandbox de Jinja, siempre con autoescape.

Las plantillas las sube el personal y no son de confianza: con `jinja2.Environment` una
plantilla alcanzaba Python (`cycler.__init__.__globals__.os`, `''.__class__.__mro__`) y con
ello la clave secreta y la base de datos. Por eso hay dos defensas:

- `revisar_plantilla`: antes de aceptar una plantilla se recorre su árbol de Jinja y se rechaza
  todo lo que no sea mostrar las variables documentadas de su tipo (ni llamadas, ni atributos
  internos, ni filtros fuera de una lista corta).
- `entorno()`: todo render (documentos, certificaciones, informe trimestral) corre en un único
  `ImmutableSandboxedEnvironment` sin globales útiles, que solo deja leer datos.
"""

import datetime
import decimal
import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext as _
from docx import Document
from docx.opc.oxml import parse_xml
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from jinja2.tests import TESTS

# Caracteres de control que XML no admite: dentro de un documento lo corrompen.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Filtros que una plantilla puede usar: dan formato a un texto o a una lista y nada más.
# Fuera quedan los que leen atributos por nombre (attr, map, selectattr, sort…), los que dan
# formato con cadenas de Python (format), los que desactivan el escape (safe) y los que
# multiplican el tamaño del texto (center, indent, replace).
FILTROS_PERMITIDOS = frozenset(
    {
        "abs",
        "capitalize",
        "count",
        "d",
        "default",
        "e",
        "escape",
        "first",
        "float",
        "int",
        "join",
        "last",
        "length",
        "list",
        "lower",
        "reverse",
        "round",
        "string",
        "striptags",
        "title",
        "trim",
        "truncate",
        "upper",
        "wordcount",
    }
)
PRUEBAS_PERMITIDAS = frozenset(
    {
        "boolean",
        "defined",
        "divisibleby",
        "eq",
        "equalto",
        "==",
        "even",
        "false",
        "float",
        "ge",
        ">=",
        "gt",
        "greaterthan",
        ">",
        "in",
        "integer",
        "le",
        "<=",
        "lessthan",
        "lower",
        "lt",
        "<",
        "ne",
        "!=",
        "none",
        "number",
        "odd",
        "string",
        "true",
        "undefined",
        "upper",
    }
)
# Lo que se puede leer de `loop` dentro de un {% for %} (sin cycle ni changed, que son llamadas).
ATRIBUTOS_LOOP = frozenset(
    {
        "index",
        "index0",
        "revindex",
        "revindex0",
        "first",
        "last",
        "length",
        "depth",
        "depth0",
        "previtem",
        "nextitem",
    }
)
# Profundidad máxima de {% for %} anidados: tres listas bastan (punto → acuerdos → …) y más
# niveles multiplican el trabajo de generar.
MAX_ANIDACION = 3
# Claves de un elemento que son listas de textos (las listas de registros están en el registro).
_LISTAS_DE_TEXTOS = frozenset({"anexos"})
# Propiedades del documento que docxtpl también renderiza (ver DocxTemplate.render_properties).
_PROPIEDADES = ("author", "comments", "identifier", "language", "subject", "title")
_TIPO_NOTAS_AL_PIE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


# --- Entorno ----------------------------------------------------------------------------


def _finalizar(valor):
    """Solo se imprimen datos: textos, números, fechas y objetos de docxtpl (imagen, RichText).

    Cualquier otro objeto que llegue a {{ }} (self, loop, una función) sale vacío en lugar de
    mostrar su representación de Python.
    """
    if valor is None or isinstance(
        valor, str | int | float | decimal.Decimal | datetime.date | datetime.time
    ):
        return valor
    if hasattr(type(valor), "__html__"):
        return valor
    return ""


def _es_numero(valor) -> bool:
    return isinstance(valor, int | float | decimal.Decimal) and not isinstance(valor, bool)


class EntornoSeguro(ImmutableSandboxedEnvironment):
    """Sandbox de Jinja que solo deja leer datos del contexto."""

    # «*» repite textos y listas, «**» crea números enormes y «%» da formato con cadenas de
    # Python: se interceptan (también impide que Jinja los calcule al compilar).
    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self):
        super().__init__(autoescape=True, finalize=_finalizar)
        # Sin cycler, joiner, namespace, lipsum ni dict: nada que una plantilla pueda recorrer
        # hasta Python. range queda en su versión acotada del sandbox.
        self.globals.clear()
        self.globals["range"] = safe_range
        self.filters = {n: f for n, f in FILTERS.items() if n in FILTROS_PERMITIDOS}
        self.tests = {n: f for n, f in TESTS.items() if n in PRUEBAS_PERMITIDAS}

    def is_safe_attribute(self, obj, attr, value) -> bool:
        # Los datos son diccionarios y se leen como claves (Jinja cae a obj[attr] cuando el
        # atributo no existe). Como atributo solo se admite lo de `loop`; ningún método.
        if not super().is_safe_attribute(obj, attr, value) or callable(value):
            return False
        return isinstance(obj, LoopContext) and attr in ATRIBUTOS_LOOP

    def is_safe_callable(self, obj) -> bool:
        return obj is safe_range or isinstance(obj, Macro)

    def call_binop(self, context, operator, left, right):
        if operator == "*" and _es_numero(left) and _es_numero(right):
            return left * right
        raise SecurityError(
            _("El operador «%(op)s» no está permitido en una plantilla.") % {"op": operator}
        )


@lru_cache(maxsize=1)
def entorno() -> EntornoSeguro:
    """El único entorno de Jinja para todo render: sandbox y autoescape=True.

    autoescape siempre: sin él «&» desaparece y «<» borra el resto del documento.
    """
    return EntornoSeguro()


# --- Render -----------------------------------------------------------------------------


def limpiar(valor):
    """Quita caracteres inválidos en XML de todas las cadenas del contexto."""
    if isinstance(valor, str):
        return _CONTROL.sub("", valor)
    if isinstance(valor, dict):
        return {k: limpiar(v) for k, v in valor.items()}
    if isinstance(valor, list | tuple):
        return [limpiar(v) for v in valor]
    return valor


def renderizar_docx(plantilla: DocxTemplate, contexto: dict) -> bytes:
    """Renderiza una DocxTemplate ya abierta en el sandbox y devuelve el DOCX en bytes."""
    plantilla.render(contexto, jinja_env=entorno(), autoescape=True)
    salida = io.BytesIO()
    plantilla.save(salida)
    return salida.getvalue()


def renderizar(plantilla: bytes, contexto: dict, *, membrete: bytes | None = None) -> bytes:
    """Devuelve el DOCX resultante en bytes."""
    documento = DocxTemplate(io.BytesIO(plantilla))
    datos = limpiar(contexto)
    if membrete:
        datos["membrete"] = InlineImage(documento, io.BytesIO(membrete), width=Mm(170))
    else:
        datos["membrete"] = ""
    return renderizar_docx(documento, datos)


# --- Revisiones baratas del archivo (sin descomprimirlo) --------------------------------


def es_docx(contenido: bytes) -> bool:
    """Un DOCX es un ZIP con word/document.xml; lo demás (PDF, .doc, texto) no lo es."""
    try:
        with zipfile.ZipFile(io.BytesIO(contenido)) as archivo:
            return "word/document.xml" in archivo.namelist()
    except zipfile.BadZipFile:
        return False


def limite_descomprimido() -> int:
    return int(getattr(settings, "SESIONES_PLANTILLA_MAX_DESCOMPRIMIDO_MB", 20)) * 1024 * 1024


# Un XML de Word se comprime 5 a 20 veces; 100 veces o más en una parte grande es una bomba.
MAX_RAZON_COMPRESION = 100
_PARTE_GRANDE = 1024 * 1024


def revisar_tamano_descomprimido(contenido: bytes) -> str | None:
    """Motivo de rechazo si el DOCX se expande demasiado; None si está bien.

    Solo lee el directorio central del ZIP (los tamaños declarados), nunca descomprime: zipfile
    no entrega más bytes que el tamaño declarado de cada parte, así que el límite se cumple
    también al leerlo después.
    """
    limite = limite_descomprimido()
    try:
        with zipfile.ZipFile(io.BytesIO(contenido)) as archivo:
            partes = archivo.infolist()
    except zipfile.BadZipFile:
        return None  # es_docx ya lo explica
    total = 0
    for parte in partes:
        total += parte.file_size
        razon = parte.file_size / max(parte.compress_size, 1)
        if parte.file_size > _PARTE_GRANDE and razon > MAX_RAZON_COMPRESION:
            return _(
                "El archivo está comprimido de forma anómala («%(parte)s» crece %(razon)d veces "
                "al abrirse). Guárdelo de nuevo desde Word como «Documento de Word (.docx)»."
            ) % {"parte": parte.filename[:80], "razon": razon}
    if total > limite:
        return _(
            "El documento ocupa %(mb)d MB al abrirse; el máximo para una plantilla es "
            "%(limite)d MB. Quite imágenes o contenido que no sea parte del formato."
        ) % {"mb": -(-total // (1024 * 1024)), "limite": limite // (1024 * 1024)}
    return None


# --- Fuentes de Jinja del DOCX ----------------------------------------------------------


def fuentes_jinja(plantilla: bytes) -> list[tuple[str, str]]:
    """(parte, texto Jinja) de cada parte que docxtpl renderiza, con su mismo preprocesado.

    Reproduce DocxTemplate.render: cuerpo, encabezados, pies, propiedades del documento y notas
    al pie. get_undeclared_template_variables omite las dos últimas y ahí también se ejecuta.
    """
    tpl = DocxTemplate(io.BytesIO(plantilla))
    documento = Document(io.BytesIO(plantilla))
    fuentes = [("cuerpo", tpl.patch_xml(tpl.xml_to_string(documento._element.body)))]
    for uri, nombre in ((tpl.HEADER_URI, "encabezado"), (tpl.FOOTER_URI, "pie de página")):
        for relacion in documento._part.rels.values():
            if relacion.reltype == uri and relacion.target_part.blob:
                xml = tpl.xml_to_string(parse_xml(relacion.target_part.blob))
                fuentes.append((nombre, tpl.patch_xml(xml)))
    for propiedad in _PROPIEDADES:
        valor = getattr(documento.core_properties, propiedad) or ""
        if valor:
            fuentes.append((_("propiedades del documento"), valor))
    for parte in documento.part.package.parts:
        if parte.content_type == _TIPO_NOTAS_AL_PIE:
            blob = parte.blob.decode("utf-8") if isinstance(parte.blob, bytes) else parte.blob
            fuentes.append((_("notas al pie"), tpl.patch_xml(blob)))
    return fuentes


def variables_usadas(plantilla: bytes) -> set[str]:
    usadas: set[str] = set()
    for _parte, fuente in fuentes_jinja(plantilla):
        usadas |= meta.find_undeclared_variables(entorno().parse(fuente))
    return usadas


# --- Revisión estática ------------------------------------------------------------------


@dataclass(frozen=True)
class _Forma:
    """Lo que se sabe de una expresión: lista (con las claves de sus elementos), registro
    (diccionario con claves documentadas), `loop` o un valor simple."""

    clase: str  # "lista" | "registro" | "loop" | "valor"
    claves: tuple[str, ...] = ()


_VALOR = _Forma("valor")
_LOOP = _Forma("loop")
# Expresión ya rechazada: lo que se lea de ella no repite el motivo.
_RECHAZADA = _Forma("rechazada")

_INSTRUCCIONES = {
    "Assign": "{% set %}",
    "AssignBlock": "{% set %}",
    "Macro": "{% macro %}",
    "CallBlock": "{% call %}",
    "Include": "{% include %}",
    "Import": "{% import %}",
    "FromImport": "{% from … import %}",
    "Extends": "{% extends %}",
    "Block": "{% block %}",
    "FilterBlock": "{% filter %}",
    "With": "{% with %}",
    "Scope": "{% autoescape %}",
    "ScopedEvalContextModifier": "{% autoescape %}",
    "EvalContextModifier": "{% autoescape %}",
    "ExprStmt": "{% do %}",
    "Continue": "{% continue %}",
    "Break": "{% break %}",
    "Dict": "{ … }",
}
_OPERADORES_PERMITIDOS = (nodes.Add, nodes.Sub, nodes.Div, nodes.FloorDiv)


def _texto(nodo, limite: int = 80) -> str:
    """La expresión como la escribió la persona, para el mensaje de rechazo."""

    def t(n) -> str:
        if isinstance(n, nodes.Name):
            return n.name
        if isinstance(n, nodes.Const):
            return repr(n.value)
        if isinstance(n, nodes.Getattr):
            return f"{t(n.node)}.{n.attr}"
        if isinstance(n, nodes.Getitem):
            return f"{t(n.node)}[{t(n.arg)}]"
        if isinstance(n, nodes.Call):
            return f"{t(n.node)}(…)"
        if isinstance(n, nodes.Filter):
            base = t(n.node) if n.node is not None else ""
            return f"{base}|{n.name}"
        if isinstance(n, nodes.Test):
            return f"{t(n.node)} is {n.name}"
        return "…"

    texto = t(nodo)
    return texto if len(texto) <= limite else texto[: limite - 1] + "…"


def _llama_antes(nodo) -> bool:
    while isinstance(nodo, nodes.Getattr | nodes.Getitem | nodes.Call):
        if isinstance(nodo, nodes.Call):
            return True
        nodo = nodo.node
    return False


class _Revision:
    """Recorre el árbol de Jinja y junta, en español, lo que una plantilla no puede hacer."""

    def __init__(self, conocidas: set[str], listas: dict[str, tuple[str, ...]]):
        self.conocidas = conocidas
        # Claves de los elementos de cada lista, sea variable del tipo o clave de un elemento
        # (punto.acuerdos).
        self.listas = listas
        self.motivos: list[str] = []

    def rechazar(self, motivo: str) -> None:
        if motivo not in self.motivos:
            self.motivos.append(motivo)

    # Formas de los datos documentados.

    def _forma_de_nombre(self, nombre: str) -> _Forma:
        return self._forma_de_clave(nombre)

    def _forma_de_clave(self, clave: str) -> _Forma:
        if clave in self.listas:
            return _Forma("lista", self.listas[clave])
        if clave in _LISTAS_DE_TEXTOS:
            return _Forma("lista")
        return _VALOR

    # Instrucciones.

    def plantilla(self, arbol: nodes.Template) -> None:
        self.instrucciones(arbol.body, {}, 0)

    def instrucciones(self, lista, alcance: dict, anidacion: int) -> None:
        for nodo in lista:
            self.instruccion(nodo, alcance, anidacion)

    def instruccion(self, nodo, alcance: dict, anidacion: int) -> None:
        if isinstance(nodo, nodes.Output):
            for parte in nodo.nodes:
                if not isinstance(parte, nodes.TemplateData):
                    self.expresion(parte, alcance)
        elif isinstance(nodo, nodes.If):
            self.expresion(nodo.test, alcance)
            self.instrucciones(nodo.body, alcance, anidacion)
            for rama in nodo.elif_:
                self.instruccion(rama, alcance, anidacion)
            self.instrucciones(nodo.else_, alcance, anidacion)
        elif isinstance(nodo, nodes.For):
            self.ciclo(nodo, alcance, anidacion)
        else:
            self._no_permitida(nodo)

    def ciclo(self, nodo: nodes.For, alcance: dict, anidacion: int) -> None:
        if anidacion >= MAX_ANIDACION:
            self.rechazar(
                _("La plantilla anida más de %(n)d ciclos {%% for %%}; el máximo es %(n)d.")
                % {"n": MAX_ANIDACION}
            )
            return
        if nodo.recursive:
            self.rechazar(_("La plantilla usa un ciclo «recursive», que no está permitido."))
        forma = self.expresion(nodo.iter, alcance)
        if forma.clase not in ("lista", "rechazada"):
            self.rechazar(
                _("La plantilla recorre «%(expr)s», que no es una lista de este tipo de documento.")
                % {"expr": _texto(nodo.iter)}
            )
        elemento = _Forma("registro", forma.claves) if forma.claves else _VALOR
        interno = dict(alcance)
        if isinstance(nodo.target, nodes.Name):
            interno[nodo.target.name] = elemento
        elif isinstance(nodo.target, nodes.Tuple) and all(
            isinstance(n, nodes.Name) for n in nodo.target.items
        ):
            for n in nodo.target.items:
                assert isinstance(n, nodes.Name)  # revisado en la condición de arriba
                interno[n.name] = _VALOR
        else:
            self.rechazar(_("La plantilla usa un {% for %} con una variable que no es un nombre."))
        if nodo.test is not None:
            self.expresion(nodo.test, interno)
        self.instrucciones(nodo.body, {**interno, "loop": _LOOP}, anidacion + 1)
        self.instrucciones(nodo.else_, alcance, anidacion)

    def _no_permitida(self, nodo) -> None:
        nombre = type(nodo).__name__
        self.rechazar(
            _(
                "La plantilla usa «%(instr)s», que no está permitido; solo se admiten "
                "{{ variable }}, {%% if %%} y {%% for %%}."
            )
            % {"instr": _INSTRUCCIONES.get(nombre, nombre)}
        )

    # Expresiones: devuelven la forma del dato para revisar lo que se lee de él.

    def expresion(self, nodo, alcance: dict) -> _Forma:
        if isinstance(nodo, nodes.Const):
            return _VALOR
        if isinstance(nodo, nodes.Name):
            if nodo.name in alcance:
                return alcance[nodo.name]
            if nodo.name in self.conocidas:
                return self._forma_de_nombre(nodo.name)
            self.rechazar(
                _(
                    "La plantilla usa «%(nombre)s», que no es una variable de este tipo de documento."
                )
                % {"nombre": nodo.name}
            )
            return _RECHAZADA
        if isinstance(nodo, nodes.Getattr):
            return self.acceso(self.expresion(nodo.node, alcance), nodo.attr, nodo)
        if isinstance(nodo, nodes.Getitem):
            return self.indice(nodo, alcance)
        if isinstance(nodo, nodes.Call):
            if not _llama_antes(nodo.node):  # en a(…).b(…) basta con señalar a(…)
                self.rechazar(
                    _(
                        "La plantilla llama a una función («%(expr)s»); las plantillas solo pueden "
                        "mostrar variables."
                    )
                    % {"expr": _texto(nodo)}
                )
            # Lo llamado y sus argumentos también se revisan: «cycler», «__globals__»…
            self.expresion(nodo.node, alcance)
            self.argumentos(nodo, alcance)
            return _RECHAZADA
        if isinstance(nodo, nodes.Filter):
            return self.filtro(nodo, alcance)
        if isinstance(nodo, nodes.Test):
            if nodo.name not in PRUEBAS_PERMITIDAS:
                self.rechazar(
                    _("La plantilla usa la prueba «is %(nombre)s», que no está permitida.")
                    % {"nombre": nodo.name}
                )
            self.argumentos(nodo, alcance)
            return _VALOR
        if isinstance(nodo, nodes.Compare):
            self.expresion(nodo.expr, alcance)
            for operando in nodo.ops:
                self.expresion(operando.expr, alcance)
            return _VALOR
        if isinstance(nodo, nodes.And | nodes.Or):
            self.expresion(nodo.left, alcance)
            self.expresion(nodo.right, alcance)
            return _VALOR
        if isinstance(nodo, nodes.Concat | nodes.Tuple | nodes.List):
            for hijo in nodo.nodes if isinstance(nodo, nodes.Concat) else nodo.items:
                self.expresion(hijo, alcance)
            return _VALOR
        if isinstance(nodo, nodes.Not | nodes.Neg | nodes.Pos):
            self.expresion(nodo.node, alcance)
            return _VALOR
        if isinstance(nodo, nodes.CondExpr):
            self.expresion(nodo.test, alcance)
            primera = self.expresion(nodo.expr1, alcance)
            if nodo.expr2 is not None:
                self.expresion(nodo.expr2, alcance)
            return primera
        if isinstance(nodo, _OPERADORES_PERMITIDOS):
            self.expresion(nodo.left, alcance)
            self.expresion(nodo.right, alcance)
            return _VALOR
        if isinstance(nodo, nodes.BinExpr):
            self.rechazar(
                _("La plantilla usa el operador «%(op)s», que no está permitido.")
                % {"op": nodo.operator}
            )
            return _VALOR
        self._no_permitida(nodo)
        return _VALOR

    def acceso(self, base: _Forma, atributo: str, nodo) -> _Forma:
        if base.clase == "rechazada":
            return _RECHAZADA
        if atributo.startswith("_"):
            self.rechazar(
                _(
                    "La plantilla intenta leer «%(expr)s», un atributo interno de Python; las "
                    "plantillas solo pueden mostrar variables."
                )
                % {"expr": _texto(nodo)}
            )
            return _RECHAZADA
        if base.clase == "loop" and atributo in ATRIBUTOS_LOOP:
            return _VALOR
        if base.clase == "registro" and atributo in base.claves:
            return self._forma_de_clave(atributo)
        self.rechazar(
            _(
                "La plantilla lee «%(expr)s», que no es un dato documentado de este tipo de "
                "documento."
            )
            % {"expr": _texto(nodo)}
        )
        return _RECHAZADA

    def indice(self, nodo: nodes.Getitem, alcance: dict) -> _Forma:
        base = self.expresion(nodo.node, alcance)
        argumento = nodo.arg
        if base.clase == "rechazada":
            return _RECHAZADA
        if isinstance(argumento, nodes.Const) and isinstance(argumento.value, str):
            return self.acceso(base, argumento.value, nodo)
        if isinstance(argumento, nodes.Const) and isinstance(argumento.value, int):
            if base.clase == "lista":
                return _Forma("registro", base.claves) if base.claves else _VALOR
            return _VALOR
        if isinstance(argumento, nodes.Slice) and all(
            parte is None or isinstance(parte, nodes.Const)
            for parte in (argumento.start, argumento.stop, argumento.step)
        ):
            return base
        self.rechazar(
            _("La plantilla usa un índice calculado («%(expr)s»); escriba el nombre del dato.")
            % {"expr": _texto(nodo)}
        )
        return _VALOR

    def argumentos(self, nodo, alcance: dict) -> None:
        if nodo.dyn_args is not None or nodo.dyn_kwargs is not None:
            self.rechazar(_("La plantilla pasa argumentos con * o **, que no están permitidos."))
        for argumento in nodo.args:
            self.expresion(argumento, alcance)
        for palabra in nodo.kwargs:
            self.expresion(palabra.value, alcance)

    def filtro(self, nodo: nodes.Filter, alcance: dict) -> _Forma:
        base = self.expresion(nodo.node, alcance) if nodo.node is not None else _VALOR
        if nodo.name not in FILTROS_PERMITIDOS:
            self.rechazar(
                _(
                    "La plantilla usa el filtro «%(nombre)s», que no está permitido. Filtros "
                    "permitidos: %(lista)s."
                )
                % {"nombre": nodo.name, "lista": ", ".join(sorted(FILTROS_PERMITIDOS))}
            )
            return _VALOR
        self.argumentos(nodo, alcance)
        if base.clase == "lista" and nodo.name in ("first", "last"):
            return _Forma("registro", base.claves) if base.claves else _VALOR
        if base.clase == "lista" and nodo.name in ("reverse", "list"):
            return base
        return _VALOR


MAX_MOTIVOS = 8


def revisar_plantilla(
    plantilla: bytes, *, conocidas: set[str], listas: dict[str, tuple[str, ...]]
) -> list[str]:
    """Motivos (en español) por los que la plantilla no puede aceptarse; vacía si está bien.

    `conocidas` son las variables documentadas del tipo y `listas` las claves de los elementos
    de cada lista. Lanza jinja2.TemplateSyntaxError si la plantilla no es Jinja válido.
    """
    revision = _Revision(conocidas, listas)
    for _parte, fuente in fuentes_jinja(plantilla):
        revision.plantilla(entorno().parse(fuente))
    motivos = revision.motivos
    if len(motivos) > MAX_MOTIVOS:
        resto = len(motivos) - MAX_MOTIVOS
        motivos = [*motivos[:MAX_MOTIVOS], _("… y %(n)d motivos más.") % {"n": resto}]
    return motivos

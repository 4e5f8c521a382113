"""Todo mensaje que ve el usuario pasa por gettext: un literal nuevo sin traducir rompe la prueba.

Se revisan con `ast` los .py de DIRECTORIOS (sin migraciones) y se marca:

- `raise Error("…")`, `raise Error(f"…")`, `raise Error("… %s" % x)`, `raise Error("…" + x)` o
  `raise Error("…".format(x))`: el primer argumento es un literal en lugar de `_("…")`. Si el
  primer argumento es un dict (`ValidationError({"campo": "…"})`), se revisan sus valores.
- `messages.<nivel>(request, "…")` y `messages.add_message(request, nivel, "…")` con un literal.

Exenciones (documentadas, no por descuido):

- Las llamadas a `logger.*`: son para quien opera el sistema y se quedan como están; esta
  prueba solo mira `raise` y `messages`, así que no las toca.
- EXCEPCIONES_INTERNAS: errores de programación o de infraestructura cuyo texto nunca llega
  a la pantalla (ValueError, TypeError, KeyError, LookupError, RuntimeError, AssertionError…),
  más dos del proyecto: `TareaEnCurso` (solo le pide a django-q2 reintentar; su texto va al
  registro del trabajador) y `ErrorPDF` (documentos/services.py lo escribe con logger.warning
  y al usuario le muestra un aviso propio, ya traducido). Una subclase que sí habla con el
  usuario (p. ej. `TrimestreInvalido(ValueError)`) se revisa: la exención es por nombre.
- Un literal sin letras (un código, una ruta vacía) no se marca.

Para cubrir otra aplicación basta con agregar su directorio a DIRECTORIOS. PENDIENTES lista los
archivos de estos directorios que aún no se pasan por gettext (los edita otra parte del
issue 11); en cuanto uno queda limpio la prueba pide quitarlo de la lista, para que no vuelva a
quedar fuera de la revisión.
"""

import ast
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[2]

# Aplicaciones cuyos mensajes ya pasan por gettext (issue 11). Agregue aquí las que se cubran.
DIRECTORIOS = (
    "comun",
    "bitacora",
    "sesiones",
    "documentos",
    "entregas",
    "acuerdos",
    "transparencia",
    "api",
)

# Archivos de DIRECTORIOS que todavía tienen literales (issue 11, otra parte): se saltan hasta
# que se traduzcan. Quítelos de aquí al traducirlos; test_pendientes_siguen_pendientes lo exige.
PENDIENTES: frozenset[str] = frozenset()

EXCEPCIONES_INTERNAS = frozenset(
    {
        "AssertionError",
        "AttributeError",
        "IndexError",
        "KeyError",
        "LookupError",
        "NotImplementedError",
        "RuntimeError",
        "TypeError",
        "ValueError",
        "TareaEnCurso",
        "ErrorPDF",
    }
)

NIVELES_MESSAGES = frozenset({"debug", "info", "success", "warning", "error"})


def _archivos() -> list[Path]:
    archivos = []
    for directorio in DIRECTORIOS:
        for ruta in sorted((RAIZ / directorio).rglob("*.py")):
            relativa = ruta.relative_to(RAIZ)
            if "migrations" in relativa.parts:
                continue
            if relativa.as_posix() in PENDIENTES:
                continue
            archivos.append(ruta)
    return archivos


def _nombre(funcion: ast.expr) -> str:
    if isinstance(funcion, ast.Name):
        return funcion.id
    if isinstance(funcion, ast.Attribute):
        return funcion.attr
    return ""


def _tiene_letras(nodo: ast.expr) -> bool:
    if isinstance(nodo, ast.Constant):
        return any(c.isalpha() for c in nodo.value)
    return any(
        isinstance(parte, ast.Constant) and any(c.isalpha() for c in parte.value)
        for parte in nodo.values
    )


def _es_literal(nodo: ast.expr | None) -> bool:
    """Un texto escrito tal cual: "…", f"…", "…" % x, "…" + x o "…".format(x)."""
    if isinstance(nodo, ast.Constant) and isinstance(nodo.value, str):
        return _tiene_letras(nodo)
    if isinstance(nodo, ast.JoinedStr):
        return _tiene_letras(nodo)
    if isinstance(nodo, ast.BinOp) and isinstance(nodo.op, ast.Mod | ast.Add):
        return _es_literal(nodo.left) or (isinstance(nodo.op, ast.Add) and _es_literal(nodo.right))
    if isinstance(nodo, ast.Call) and isinstance(nodo.func, ast.Attribute):
        return nodo.func.attr == "format" and _es_literal(nodo.func.value)
    return False


def _mensaje_sin_traducir(nodo: ast.expr | None) -> bool:
    if isinstance(nodo, ast.Dict):
        return any(_es_literal(valor) for valor in nodo.values)
    return _es_literal(nodo)


def _revisar_raise(nodo: ast.Raise) -> str | None:
    llamada = nodo.exc
    if not isinstance(llamada, ast.Call) or not llamada.args:
        return None
    excepcion = _nombre(llamada.func)
    if excepcion in EXCEPCIONES_INTERNAS:
        return None
    if _mensaje_sin_traducir(llamada.args[0]):
        return f"raise {excepcion}(…) con un literal"
    return None


def _revisar_messages(nodo: ast.Call) -> str | None:
    funcion = nodo.func
    if not (
        isinstance(funcion, ast.Attribute)
        and isinstance(funcion.value, ast.Name)
        and funcion.value.id == "messages"
    ):
        return None
    if funcion.attr in NIVELES_MESSAGES:
        posicion = 1
    elif funcion.attr == "add_message":
        posicion = 2
    else:
        return None
    mensaje = nodo.args[posicion] if len(nodo.args) > posicion else None
    if mensaje is None:
        mensaje = next((k.value for k in nodo.keywords if k.arg == "message"), None)
    if _es_literal(mensaje):
        return f"messages.{funcion.attr}(…) con un literal"
    return None


def literales_sin_traducir(codigo: str) -> list[tuple[int, str]]:
    """(línea, motivo) de cada mensaje para el usuario escrito sin gettext."""
    hallazgos = []
    for nodo in ast.walk(ast.parse(codigo)):
        motivo = None
        if isinstance(nodo, ast.Raise):
            motivo = _revisar_raise(nodo)
        elif isinstance(nodo, ast.Call):
            motivo = _revisar_messages(nodo)
        if motivo:
            hallazgos.append((nodo.lineno, motivo))
    return sorted(hallazgos)


def test_los_directorios_cubiertos_existen():
    for directorio in DIRECTORIOS:
        assert (RAIZ / directorio / "__init__.py").exists(), directorio
    assert len(_archivos()) > 50


def test_pendientes_siguen_pendientes():
    """Un archivo ya traducido sale de PENDIENTES: desde entonces la prueba lo revisa."""
    for relativa in sorted(PENDIENTES):
        ruta = RAIZ / relativa
        assert ruta.exists(), f"{relativa} ya no existe: quítelo de PENDIENTES"
        assert literales_sin_traducir(ruta.read_text(encoding="utf-8")), (
            f"{relativa} ya no tiene literales sin traducir: quítelo de PENDIENTES"
        )


@pytest.mark.parametrize(
    "codigo",
    [
        'raise DatosInvalidos("La sesión no tiene sede.")',
        'raise DatosInvalidos(f"Falta el cargo de {persona}.")',
        'raise DatosInvalidos("Falta el cargo de %s." % persona)',
        'raise DatosInvalidos("Falta el documento de: " + nombres)',
        'raise DatosInvalidos("Falta el cargo de {}.".format(persona))',
        'raise errores.DatosInvalidos("Mensaje.")',
        'raise ValidationError({"campo": "Escriba un valor."})',
        'raise CommandError("No existe la sesión.") from None',
        'messages.success(request, "Listo.")',
        'messages.error(request, f"Falló {x}.")',
        'messages.add_message(request, messages.INFO, "Aviso.")',
        'messages.info(request, message="Aviso.")',
    ],
)
def test_detecta_literales_sin_traducir(codigo):
    assert literales_sin_traducir(codigo)


@pytest.mark.parametrize(
    "codigo",
    [
        'raise DatosInvalidos(_("La sesión no tiene sede."))',
        'raise DatosInvalidos(_("Falta el cargo de %(p)s.") % {"p": persona})',
        'raise ValidationError({"campo": _("Escriba un valor.")})',
        'raise ValueError(f"Tipo desconocido: {tipo}")',
        'raise LookupError("No hay constructor registrado.")',
        'raise TareaEnCurso(f"El lote {pk} sigue tomado.")',
        "raise DatosInvalidos(error.mensaje)",
        'raise Http404("")',
        "raise",
        'messages.success(request, _("Listo."))',
        "messages.error(request, error.mensaje)",
        'logger.warning("Falló el envío %s", pk)',
    ],
)
def test_acepta_mensajes_traducidos_y_exenciones(codigo):
    assert literales_sin_traducir(codigo) == []


def test_todo_mensaje_para_el_usuario_pasa_por_gettext():
    hallazgos = [
        f"{ruta.relative_to(RAIZ)}:{linea}: {motivo}"
        for ruta in _archivos()
        for linea, motivo in literales_sin_traducir(ruta.read_text(encoding="utf-8"))
    ]
    assert not hallazgos, "Mensajes sin gettext:\n" + "\n".join(hallazgos)

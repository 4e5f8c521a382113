"""Registro de ampliaciones de contexto y de las variables que conoce cada tipo de documento.

Otras aplicaciones (acuerdos) completan el contexto del acta y la certificación sin que
sesiones las importe: registran aquí una función que recibe (sesion, contexto) y lo modifica.
"""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeAlias

from django.utils.translation import gettext_lazy as _lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_AMPLIACIONES: dict[str, list[Callable]] = {}
# Documentos de un solo objeto de otra aplicación (un acuerdo): quién construye su contexto.
_CONSTRUCTORES: dict[str, Callable] = {}


def registrar_ampliacion(tipo: str, funcion: Callable) -> None:
    """Registra `funcion(sesion, contexto)` para completar el contexto de `tipo`."""
    funciones = _AMPLIACIONES.setdefault(tipo, [])
    if funcion not in funciones:
        funciones.append(funcion)


def quitar_ampliacion(tipo: str, funcion: Callable) -> None:
    if funcion in _AMPLIACIONES.get(tipo, []):
        _AMPLIACIONES[tipo].remove(funcion)


def aplicar_ampliaciones(tipo: str, sesion, contexto: dict) -> dict:
    for funcion in list(_AMPLIACIONES.get(tipo, [])):
        funcion(sesion, contexto)
    return contexto


def registrar_constructor(tipo: str, funcion: Callable) -> None:
    """Registra `funcion(objeto) -> dict` que arma el contexto completo de `tipo`."""
    _CONSTRUCTORES[tipo] = funcion


def constructor_de(tipo: str) -> Callable:
    if tipo not in _CONSTRUCTORES:
        raise LookupError(f"No hay constructor de contexto registrado para «{tipo}».")
    return _CONSTRUCTORES[tipo]


# Una variable de plantilla: (nombre, descripción, ejemplo); la descripción se traduce al mostrarse.
Variable: TypeAlias = "tuple[str, StrOrPromise, str]"

# Variables comunes a todos los documentos.
VARIABLES_COMUNES: list[Variable] = [
    (
        "institucion",
        _lazy("Nombre de la institución"),
        "Secretaría Ejecutiva del Sistema Anticorrupción del Estado de Chiapas",
    ),
    ("institucion_siglas", _lazy("Siglas de la institución"), "SESAECH"),
    ("area", _lazy("Área emisora"), "Dirección Jurídica"),
    ("ciudad", _lazy("Ciudad"), "Tuxtla Gutiérrez, Chiapas"),
    ("lema", _lazy("Lema al pie"), "“Por un Chiapas sin corrupción”"),
    ("membrete", _lazy("Imagen de membrete (vacía si no se configuró)"), ""),
    (
        "lugar_fecha",
        _lazy("Lugar y fecha del documento"),
        "Tuxtla Gutiérrez, Chiapas; a 28 de enero de 2022",
    ),
    ("fecha_documento", _lazy("Fecha del documento"), "28 de enero de 2022"),
    (
        "organo",
        _lazy("Órgano en documentos"),
        "Comité Coordinador del Sistema Anticorrupción del Estado de Chiapas",
    ),
    ("organo_siglas", _lazy("Siglas del órgano"), "CC"),
    ("sesion_nombre", _lazy("Nombre de la sesión"), "Cuarta Sesión Ordinaria"),
    (
        "sesion_nombre_completo",
        _lazy("Nombre completo de la sesión"),
        "Cuarta Sesión Ordinaria del Comité Coordinador del Sistema Anticorrupción del Estado de Chiapas",
    ),
    ("sesion_ordinal", _lazy("Ordinal en letras"), "cuarta"),
    ("sesion_tipo", _lazy("Tipo de sesión"), "ordinaria"),
    ("sesion_clave", _lazy("Clave de la sesión"), "SO-04-CC/SAECH/2022"),
    ("periodo", _lazy("Periodo"), "2021-2022"),
    ("sesion_fecha", _lazy("Fecha con día de la semana"), "viernes 4 de febrero de 2022"),
    ("sesion_fecha_letras", _lazy("Fecha en letras"), "cuatro de febrero de dos mil veintidós"),
    ("sesion_hora", _lazy("Hora en cifras"), "10:30 horas"),
    ("sesion_hora_letras", _lazy("Hora en letras"), "diez horas con treinta minutos"),
    (
        "sede",
        _lazy("Sede"),
        "instalaciones del Tribunal Administrativo del Poder Judicial del Estado de Chiapas",
    ),
    ("modalidad", _lazy("Modalidad"), "presencial"),
    ("enlace", _lazy("Enlace de conexión (a distancia o mixta)"), ""),
    (
        "consulta_anexos",
        _lazy("Dónde se consultan los anexos"),
        "el portal de integrantes del sistema Sesiones",
    ),
    ("firmante_nombre", _lazy("Quien firma"), "Mtra. Nombre de la Secretaria Técnica"),
    ("firmante_cargo", _lazy("Cargo de quien firma"), "Secretaria Técnica"),
    (
        "puntos",
        _lazy("Orden del día: lista con numero, titulo, descripcion, tipo, presenta, anexos"),
        "1. Lista de asistencia y declaración de quórum legal.",
    ),
]

_OFICIO: list[Variable] = [
    ("numero_oficio", _lazy("Número de oficio"), "SESAECH/DJ/0012/2022"),
    ("asunto", _lazy("Asunto del oficio"), "Convocatoria a la Cuarta Sesión Ordinaria"),
    ("destinatario_titulo", _lazy("Título del destinatario"), "Mtra."),
    ("destinatario_nombre", _lazy("Nombre del destinatario"), "Adriana Aguilar Ruiz"),
    ("destinatario_cargo", _lazy("Cargo del destinatario"), "Comisionada Presidenta"),
    (
        "destinatario_institucion",
        _lazy("Institución del destinatario"),
        "Instituto de Transparencia del Estado de Chiapas",
    ),
]

_ASISTENCIA: list[Variable] = [
    (
        "integrantes",
        _lazy("Integrantes: lista con numero, nombre, cargo, institucion, rol, asistencia"),
        "1. Dra. Adriana Aguilar Ruiz",
    ),
    ("invitados", _lazy("Invitados: lista con nombre, cargo, institucion, motivo"), ""),
]

_ACTA: list[Variable] = [
    (
        "frase_apertura",
        _lazy("Apertura en letras"),
        "siendo las diez horas con treinta minutos del día cuatro de febrero de dos mil veintidós",
    ),
    ("hora_clausura_letras", _lazy("Hora de clausura en letras"), "doce horas con quince minutos"),
    ("hora_clausura", _lazy("Hora de clausura en cifras"), "12:15 horas"),
    ("asistentes", _lazy("Presentes: lista con nombre, cargo, institucion, calidad"), ""),
    ("ausentes", _lazy("Ausentes: lista con nombre, cargo, motivo"), ""),
    ("quorum_presentes", _lazy("Integrantes con voto presentes"), "6"),
    ("quorum_con_voto", _lazy("Integrantes con voto"), "7"),
    (
        "quorum_declaracion",
        _lazy("Declaración de quórum"),
        "se declara la existencia de quórum legal para sesionar, con la presencia de seis de siete integrantes con derecho a voto",
    ),
    (
        "acuerdos",
        _lazy(
            "Acuerdos: lista con clave, numero, texto, votacion, a_favor, en_contra, abstenciones"
        ),
        "",
    ),
    ("total_acuerdos", _lazy("Total de acuerdos"), "0"),
    ("firmantes", _lazy("Bloque de firmas: lista con nombre, cargo"), ""),
]

VARIABLES_POR_TIPO: dict[str, list[Variable]] = {
    # Las variables propias del acuerdo las declara acuerdos con registrar_variables.
    "certificacion_acuerdo": list(VARIABLES_COMUNES),
    "convocatoria": VARIABLES_COMUNES + _OFICIO,
    "invitacion": VARIABLES_COMUNES
    + _OFICIO
    + [
        ("motivo", _lazy("Motivo de la invitación"), "presentar el punto 4"),
    ],
    "orden_del_dia": VARIABLES_COMUNES,
    "lista_asistencia": VARIABLES_COMUNES + _ASISTENCIA,
    "acta": VARIABLES_COMUNES + _ASISTENCIA + _ACTA,
    "certificacion": VARIABLES_COMUNES
    + _ASISTENCIA
    + _ACTA
    + [
        ("numero_oficio", _lazy("Folio de la certificación"), "SESAECH/DJ/0013/2022"),
        (
            "fecha_certificacion_letras",
            _lazy("Fecha de la certificación en letras"),
            "veintiocho de febrero de dos mil veintidós",
        ),
    ],
}

# Claves de cada elemento de las listas, para la tabla de variables de la página de plantillas.
CLAVES_DE_LISTAS = {
    "puntos": ("id", "numero", "titulo", "descripcion", "tipo", "presenta", "anexos", "acuerdos"),
    "acuerdos": ("clave", "numero", "texto", "votacion", "a_favor", "en_contra", "abstenciones"),
    "integrantes": ("numero", "nombre", "cargo", "institucion", "rol", "asistencia"),
    "invitados": ("nombre", "cargo", "institucion", "motivo"),
    "asistentes": ("nombre", "cargo", "institucion", "calidad"),
    "ausentes": ("nombre", "cargo", "motivo"),
    "firmantes": ("nombre", "cargo"),
}

_VARIABLES_EXTRA: dict[str, list[Variable]] = {}


def registrar_variables(tipo: str, variables: Sequence[Variable]) -> None:
    """Otra aplicación declara variables que su ampliación añade a un tipo."""
    existentes = {nombre for nombre, _d, _e in variables_de(tipo)}
    _VARIABLES_EXTRA.setdefault(tipo, []).extend(v for v in variables if v[0] not in existentes)


def variables_de(tipo: str) -> list[Variable]:
    vistos: dict[str, Variable] = {}
    for variable in VARIABLES_POR_TIPO.get(tipo, []) + _VARIABLES_EXTRA.get(tipo, []):
        vistos[variable[0]] = variable
    return list(vistos.values())


def nombres_conocidos(tipo: str) -> set[str]:
    return {nombre for nombre, _d, _e in variables_de(tipo)}

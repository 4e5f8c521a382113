"""Celdas seguras para todo CSV y XLSX que el producto escribe.

Un texto que empieza con ``=``, ``+``, ``-``, ``@``, tabulador o retorno de carro se vuelve
fórmula al abrir el archivo en Excel o LibreOffice (``=HYPERLINK(…)`` manda datos a otro
sitio). Siguiendo la recomendación de OWASP sobre inyección en CSV, se antepone un apóstrofo:
la hoja muestra el texto tal cual. En XLSX, además, la celda se escribe como cadena: openpyxl
guarda como fórmula cualquier ``str`` que empiece con ``=``.

Cada exportación pasa **todas** sus celdas por aquí (no solo las que hoy parecen del
usuario): un campo que mañana se vuelva editable queda cubierto sin tocar la exportación.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# Inicios que una hoja de cálculo interpreta como fórmula (lista de OWASP).
INICIOS_FORMULA = ("=", "+", "-", "@", "\t", "\r")
# Caracteres de control que XLSX no puede guardar (openpyxl lanzaría IllegalCharacterError);
# en un CSV tampoco significan nada. Se conservan el tabulador y los saltos de línea.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def celda_segura(valor: Any) -> Any:
    """Devuelve `valor` listo para una celda de CSV o XLSX.

    Los números, fechas y ``None`` pasan sin cambio (no pueden ser fórmulas); un texto pierde
    los caracteres de control y, si empieza como fórmula, lleva un apóstrofo delante.
    """
    if not isinstance(valor, str):
        return valor
    # Primero se quitan los controles: «\x01=1» sin el \x01 empezaría como fórmula.
    texto = _CONTROL.sub("", valor)
    if texto.startswith(INICIOS_FORMULA):
        return "'" + texto
    return texto


def fila_segura(valores: Iterable[Any]) -> list[Any]:
    """Una fila de CSV con cada celda neutralizada."""
    return [celda_segura(valor) for valor in valores]


def xlsx_agregar_fila(hoja, valores: Iterable[Any]) -> None:
    """Agrega una fila a una hoja de openpyxl con cada celda neutralizada y el texto como texto.

    Forzar ``data_type = "s"`` es la segunda barrera: aunque un texto llegara sin apóstrofo,
    openpyxl lo guarda como cadena (``inlineStr``) y nunca como ``<f>``.
    """
    hoja.append(fila_segura(valores))
    for celda in hoja[hoja.max_row]:
        if isinstance(celda.value, str):
            celda.data_type = "s"

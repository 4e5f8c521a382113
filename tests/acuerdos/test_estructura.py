"""La forma del paquete: los servicios se importan en un solo sentido y ningún módulo de la app
importa otro módulo del proyecto dentro de una función (salvo el registro en AppConfig.ready)."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "acuerdos"
PROYECTO = {"acuerdos", "sesiones", "transparencia", "config"}
# Cada módulo de servicios solo importa a los que están antes que él.
ORDEN_SERVICIOS = ("comun", "acuerdo", "votacion", "seguimiento")


def _importados(arbol) -> list[tuple[ast.AST, str]]:
    """(nodo, módulo) de cada importación; en `from paquete import x`, el módulo es `paquete`."""
    nombres = []
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.ImportFrom) and nodo.module:
            nombres.append((nodo, nodo.module))
        elif isinstance(nodo, ast.Import):
            nombres.extend((nodo, a.name) for a in nodo.names)
    return nombres


@pytest.mark.parametrize("modulo", ORDEN_SERVICIOS)
def test_servicios_se_importan_en_un_solo_sentido(modulo):
    arbol = ast.parse((APP / "services" / f"{modulo}.py").read_text())
    anteriores = ORDEN_SERVICIOS[: ORDEN_SERVICIOS.index(modulo)]
    for _nodo, nombre in _importados(arbol):
        # Del paquete (su __init__) no: el paquete importa a todos.
        assert nombre != "acuerdos.services", f"services/{modulo}.py importa del paquete"
        partes = nombre.split(".")
        if partes[:2] == ["acuerdos", "services"]:
            assert partes[2] in anteriores, f"services/{modulo}.py importa {nombre}"


def _archivos_de_la_app():
    for ruta in sorted(APP.rglob("*.py")):
        if "migrations" in ruta.parts or ruta.name == "apps.py":
            continue
        yield ruta


@pytest.mark.parametrize("ruta", list(_archivos_de_la_app()), ids=lambda r: str(r.relative_to(APP)))
def test_sin_importaciones_del_proyecto_dentro_de_funciones(ruta):
    arbol = ast.parse(ruta.read_text())
    for funcion in ast.walk(arbol):
        if not isinstance(funcion, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for nodo, nombre in _importados(funcion):
            assert nombre.split(".")[0] not in PROYECTO, (
                f"{ruta.relative_to(APP)}:{nodo.lineno} importa {nombre} dentro de una función"
            )


@pytest.mark.parametrize(
    "modulo",
    [
        "acuerdos.services.votacion",
        "acuerdos.services.seguimiento",
        "acuerdos.services.acuerdo",
        "acuerdos.views.seguimiento",
        "acuerdos.flujo",
    ],
)
def test_cada_modulo_se_importa_primero_sin_ciclos(modulo):
    """En un intérprete nuevo, importar el módulo antes que cualquier otro de la app funciona."""
    codigo = f"import django; django.setup(); import {modulo}"
    entorno = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    resultado = subprocess.run(  # noqa: S603 — el intérprete de la prueba y un módulo fijo
        [sys.executable, "-c", codigo],
        cwd=APP.parent,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resultado.returncode == 0, resultado.stderr[-2000:]

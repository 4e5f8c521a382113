"""`make bench`: corre cada script de bench/ y resume sus cifras en una tabla.

Cada script imprime lo que mide; las líneas `RESULTADO: medida | valor | meta` se
reúnen al final en una sola tabla junto con el tiempo y el estado de cada script.
"""

import platform
import subprocess
import sys
import time
from pathlib import Path

AQUI = Path(__file__).resolve().parent
RAIZ = AQUI.parent


def scripts() -> list[Path]:
    return sorted(p for p in AQUI.glob("*.py") if p.name not in {"todos.py", "__init__.py"})


def correr(script: Path) -> tuple[int, float, list[str]]:
    inicio = time.perf_counter()
    proceso = subprocess.run(  # noqa: S603 - scripts propios del repositorio
        [sys.executable, str(script)], cwd=RAIZ, capture_output=True, text=True, check=False
    )
    duracion = time.perf_counter() - inicio
    print(f"\n===== {script.name} ({duracion:.1f} s, salida {proceso.returncode})")
    print(proceso.stdout.rstrip())
    if proceso.returncode:
        print(proceso.stderr.rstrip()[-3000:])
    resultados = [
        linea.removeprefix("RESULTADO:").strip()
        for linea in proceso.stdout.splitlines()
        if linea.startswith("RESULTADO:")
    ]
    return proceso.returncode, duracion, resultados


def main() -> int:
    filas = []
    fallos = 0
    for script in scripts():
        codigo, duracion, resultados = correr(script)
        fallos += codigo != 0
        estado = "ok" if codigo == 0 else f"falló ({codigo})"
        if not resultados:
            filas.append((script.stem, f"{duracion:.1f} s en total", "", estado))
        for resultado in resultados:
            partes = [p.strip() for p in resultado.split("|")] + ["", ""]
            filas.append(
                (script.stem, partes[0], f"{partes[1]} (meta: {partes[2] or '—'})", estado)
            )
    print("\n===== Resumen")
    print(
        f"Máquina: {platform.node()} · {platform.processor() or platform.machine()} · "
        f"{_cpus()} CPU · Python {platform.python_version()}"
    )
    ancho = [
        max(len(str(f[i])) for f in [*filas, ("script", "medida", "valor", "estado")])
        for i in range(4)
    ]
    encabezado = ("script", "medida", "valor", "estado")
    print(" | ".join(t.ljust(a) for t, a in zip(encabezado, ancho, strict=True)))
    print("-+-".join("-" * a for a in ancho))
    for fila in filas:
        print(" | ".join(str(c).ljust(a) for c, a in zip(fila, ancho, strict=True)))
    return 1 if fallos else 0


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())

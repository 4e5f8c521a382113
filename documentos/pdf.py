"""Conversión a PDF con LibreOffice: una sola llamada por juego y un perfil propio por llamada."""

import shutil
import subprocess  # noqa: S404 — se invoca soffice con argumentos fijos, sin shell.
import tempfile
from pathlib import Path


class ErrorPDF(Exception):
    def __init__(self, mensaje: str):
        super().__init__(mensaje)
        self.mensaje = mensaje


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_disponible() -> bool:
    return soffice() is not None


def convertir_lote(rutas: list[Path], destino: Path, *, timeout: int | None = None) -> list[Path]:
    """Convierte todos los DOCX en una llamada; devuelve los PDF en el mismo orden."""
    ejecutable = soffice()
    if ejecutable is None:
        raise ErrorPDF("LibreOffice no está instalado: el PDF no está disponible.")
    if not rutas:
        return []
    destino.mkdir(parents=True, exist_ok=True)
    # Dos conversiones que comparten perfil fallan en silencio: cada llamada usa el suyo.
    with tempfile.TemporaryDirectory(prefix="lo-perfil-") as perfil:
        comando = [
            ejecutable,
            f"-env:UserInstallation={Path(perfil).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(destino),
            *[str(r) for r in rutas],
        ]
        try:
            resultado = subprocess.run(  # noqa: S603
                comando, capture_output=True, timeout=timeout or 60 + 5 * len(rutas), check=False
            )
        except subprocess.TimeoutExpired as error:
            raise ErrorPDF("LibreOffice tardó demasiado en convertir los documentos.") from error
    pdfs = [destino / f"{Path(r).stem}.pdf" for r in rutas]
    faltan = [p.name for p in pdfs if not p.exists() or p.stat().st_size == 0]
    if faltan:
        detalle = resultado.stderr.decode("utf-8", "replace")[-300:]
        raise ErrorPDF(
            f"LibreOffice no produjo {len(faltan)} PDF ({', '.join(faltan[:3])}). {detalle}".strip()
        )
    return pdfs

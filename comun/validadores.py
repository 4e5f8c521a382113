"""Validación de archivos subidos: el tipo se decide abriendo el archivo, no por su nombre.

La firma de los primeros bytes solo elige qué lector probar; quien decide es el lector.
Un texto llamado «.pdf» o que empieza con «%PDF-1.7» sin ser PDF se rechaza.

El archivo también debe empezar en su primer byte con su formato y no llevar una página web
al inicio: una página HTML seguida de un PDF abre en un lector de PDF (que tolera basura antes
de «%PDF-») y, servida como página, ejecuta su script. Un navegador adivina el tipo mirando los
primeros 1445 bytes (WHATWG MIME Sniffing), así que ahí no se admiten etiquetas de página.
"""

import logging
import warnings
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TIPOS_MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
NOMBRES_TIPO = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "png": "PNG",
    "jpeg": "JPEG",
}
PERMITIDOS_ANEXO = ("pdf", "docx", "xlsx", "png", "jpeg")

# Un DOCX o XLSX es un ZIP: se limita lo que ocuparía descomprimido para no abrir bombas.
MAXIMO_DESCOMPRIMIDO = 300 * 1024 * 1024

# Lo que un navegador mira para adivinar el tipo de un archivo.
BYTES_CABECERA = 1445
# Etiquetas de página web que no pueden aparecer en la cabecera de ningún archivo aceptado.
MARCAS_PAGINA = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<iframe",
    b"<svg",
    b"<?xml",
)
# Un DOCX o XLSX guardado sin comprimir lleva su XML a la vista: ahí «<?xml» es del formato.
MARCAS_PROPIAS = {"docx": (b"<?xml",), "xlsx": (b"<?xml",)}


def validar_archivo(archivo, permitidos=PERMITIDOS_ANEXO, max_mb: int | None = None) -> str:
    """Devuelve el tipo MIME detectado o lanza ValidationError con el motivo en español."""
    desconocidos = set(permitidos) - set(TIPOS_MIME)
    if desconocidos:
        raise ValueError(f"Tipos no soportados: {sorted(desconocidos)}")
    max_mb = settings.SESIONES_MAX_UPLOAD_MB if max_mb is None else max_mb
    tamano = getattr(archivo, "size", None)
    if tamano is None:
        archivo.seek(0, 2)
        tamano = archivo.tell()
    if tamano == 0:
        raise ValidationError(_("El archivo está vacío."), code="vacio")
    if tamano > max_mb * 1024 * 1024:
        raise ValidationError(
            _("El archivo pesa %(mb).1f MB; el máximo permitido es %(max)s MB.")
            % {"mb": tamano / (1024 * 1024), "max": max_mb},
            code="tamano",
        )
    archivo.seek(0)
    cabecera = archivo.read(BYTES_CABECERA)
    archivo.seek(0)
    candidatos = [tipo for tipo in _candidatos(cabecera) if tipo in permitidos]
    if not candidatos and "pdf" in permitidos and b"%PDF-" in cabecera:
        raise ValidationError(
            _(
                "El archivo no empieza como PDF: tiene contenido antes de «%(firma)s». "
                "Vuelva a guardarlo o imprimirlo como PDF y súbalo de nuevo."
            )
            % {"firma": "%PDF-"},
            code="tipo",
        )
    for tipo in candidatos:
        _exigir_sin_pagina(cabecera, tipo)
    try:
        for tipo in candidatos:
            if _LECTORES[tipo](archivo):
                return TIPOS_MIME[tipo]
    finally:
        archivo.seek(0)
    raise ValidationError(
        _(
            "No se reconoce el archivo como %(tipos)s válido: no se pudo abrir. "
            "Verifique que no esté dañado ni sea otro tipo de archivo con la extensión cambiada."
        )
        % {"tipos": _lista_tipos(permitidos)},
        code="tipo",
    )


def _lista_tipos(permitidos) -> str:
    nombres = [NOMBRES_TIPO[t] for t in permitidos]
    if len(nombres) == 1:
        return nombres[0]
    return ", ".join(nombres[:-1]) + " o " + nombres[-1]


def _exigir_sin_pagina(cabecera: bytes, tipo: str) -> None:
    minusculas = cabecera.lower()
    propias = MARCAS_PROPIAS.get(tipo, ())
    if any(marca in minusculas for marca in MARCAS_PAGINA if marca not in propias):
        raise ValidationError(
            _(
                "El archivo contiene una página web (HTML, SVG o script) al inicio y no se "
                "acepta como %(tipo)s. Vuelva a guardarlo desde el programa que lo creó."
            )
            % {"tipo": NOMBRES_TIPO[tipo]},
            code="pagina",
        )


def _candidatos(cabecera: bytes) -> list[str]:
    # Cada formato se reconoce desde el byte 0: nada puede ir antes de su firma.
    if cabecera.startswith(b"%PDF-"):
        return ["pdf"]
    if cabecera.startswith(b"PK\x03\x04"):
        return ["docx", "xlsx"]
    if cabecera.startswith(b"\x89PNG\r\n\x1a\n"):
        return ["png"]
    if cabecera.startswith(b"\xff\xd8\xff"):
        return ["jpeg"]
    return []


def _es_pdf(archivo) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    archivo.seek(0)
    # pypdf avisa por logging de cada defecto menor; aquí solo importa si abre.
    registro = logging.getLogger("pypdf")
    nivel = registro.level
    registro.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lector = PdfReader(archivo)
            if lector.is_encrypted:
                raise ValidationError(
                    _("El PDF está protegido con contraseña; súbalo sin protección."),
                    code="cifrado",
                )
            return len(lector.pages) >= 1
    except ValidationError:
        raise
    except (
        PdfReadError,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        RecursionError,
        OSError,
        AssertionError,
    ):
        return False
    finally:
        registro.setLevel(nivel)


def _zip_razonable(archivo) -> bool:
    archivo.seek(0)
    try:
        with zipfile.ZipFile(archivo) as zf:
            entradas = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    # zipfile lee desde el final y tolera datos antepuestos: el primer archivo debe estar en 0.
    if not entradas or min(info.header_offset for info in entradas) != 0:
        return False
    total = sum(info.file_size for info in entradas)
    if total > MAXIMO_DESCOMPRIMIDO:
        raise ValidationError(
            _("El archivo comprimido es demasiado grande al abrirse."), code="tamano"
        )
    return True


def _es_docx(archivo) -> bool:
    if not _zip_razonable(archivo):
        return False
    import docx

    archivo.seek(0)
    try:
        docx.Document(archivo)
    except Exception:  # noqa: BLE001 - cualquier falla al abrir significa «no es DOCX»
        return False
    return True


def _es_xlsx(archivo) -> bool:
    if not _zip_razonable(archivo):
        return False
    from openpyxl import load_workbook

    archivo.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            libro = load_workbook(archivo, read_only=True)
            libro.close()
    except Exception:  # noqa: BLE001 - cualquier falla al abrir significa «no es XLSX»
        return False
    return True


def _imagen(formato: str):
    def lector(archivo) -> bool:
        from PIL import Image

        archivo.seek(0)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(archivo) as imagen:
                    if imagen.format != formato:
                        return False
                    imagen.verify()
        except Exception:  # noqa: BLE001 - imagen ilegible, truncada o desmesurada
            return False
        return True

    return lector


_LECTORES = {
    "pdf": _es_pdf,
    "docx": _es_docx,
    "xlsx": _es_xlsx,
    "png": _imagen("PNG"),
    "jpeg": _imagen("JPEG"),
}

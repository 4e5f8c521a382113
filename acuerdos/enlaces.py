"""Revisión de un enlace publicado: que responda y que mencione la clave del acuerdo.

Tiempo de espera corto, a lo más 5 redirecciones y un tope de lectura: un enlace que no
responde, tarda o redirige sin fin da un resultado marcado, nunca una excepción.
"""

import html
import urllib.error
import urllib.request
from dataclasses import dataclass

from acuerdos.models import EstadoEnlace, normalizar_busqueda

MAXIMO_REDIRECCIONES = 5
MAXIMO_BYTES = 2 * 1024 * 1024
AGENTE = "Sesiones-SESAECH/1.0 (revision de enlaces de acuerdos)"


@dataclass(frozen=True)
class ResultadoEnlace:
    estado: str
    motivo: str


class _Redirecciones(urllib.request.HTTPRedirectHandler):
    max_redirections = MAXIMO_REDIRECCIONES
    max_repeats = MAXIMO_REDIRECCIONES


def _abridor() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_Redirecciones())


def revisar_enlace(url: str, clave: str, *, timeout: float = 5.0) -> ResultadoEnlace:
    url = (url or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        return ResultadoEnlace(EstadoEnlace.ROTO, "La URL no es http ni https.")
    peticion = urllib.request.Request(url, headers={"User-Agent": AGENTE})  # noqa: S310
    try:
        with _abridor().open(peticion, timeout=timeout) as respuesta:
            cuerpo = respuesta.read(MAXIMO_BYTES)
            juego = respuesta.headers.get_content_charset() or "utf-8"
            codigo = respuesta.status
    except urllib.error.HTTPError as error:
        if error.code in (301, 302, 303, 307, 308):
            return ResultadoEnlace(EstadoEnlace.ROTO, "Demasiadas redirecciones.")
        return ResultadoEnlace(EstadoEnlace.ROTO, f"Responde con error HTTP {error.code}.")
    except urllib.error.URLError as error:
        razon = error.reason
        if isinstance(razon, TimeoutError):
            return ResultadoEnlace(EstadoEnlace.ROTO, "No respondió a tiempo.")
        return ResultadoEnlace(EstadoEnlace.ROTO, f"No se pudo conectar: {razon}"[:300])
    except TimeoutError:
        return ResultadoEnlace(EstadoEnlace.ROTO, "No respondió a tiempo.")
    except Exception as error:  # noqa: BLE001 — cualquier falla de red es un enlace roto
        return ResultadoEnlace(EstadoEnlace.ROTO, f"Falla al consultar: {error}"[:300])
    try:
        texto = cuerpo.decode(juego, errors="replace")
    except LookupError:
        texto = cuerpo.decode("utf-8", errors="replace")
    contenido = normalizar_busqueda(html.unescape(texto))
    if normalizar_busqueda(clave) in contenido:
        return ResultadoEnlace(EstadoEnlace.OK, f"Responde ({codigo}) y menciona la clave.")
    return ResultadoEnlace(
        EstadoEnlace.SIN_CLAVE, f"Responde ({codigo}) pero no menciona la clave {clave}."
    )

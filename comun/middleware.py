"""Middleware propio: entrada que ninguna vista debe llegar a ver."""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _


def _con_nulo(valor) -> bool:
    return isinstance(valor, str) and "\x00" in valor


class RechazarEntradaNulaMiddleware:
    """Responde 400, en español, si la ruta, una cookie o un encabezado traen un carácter nulo.

    PostgreSQL no guarda NUL en texto: un `%00` en una ruta con `<str:…>` (las siglas de un feed,
    el token del calendario) llegaba a la consulta y terminaba en DataError y en un 500. Nadie
    escribe NUL en una dirección, una cookie o un encabezado, así que se corta aquí, antes de
    sesiones, autenticación y vistas (va justo después de SecurityMiddleware).

    Los valores de la consulta y de los formularios no se revisan aquí a propósito: los
    formularios, los filtros y los serializadores ya los rechazan campo por campo con su mensaje
    (la persona ve qué campo corregir y conserva lo escrito). tests/test_entrada_hostil.py manda
    NUL a cada parámetro que cada vista lee para comprobar que ninguno llega a un 500. Los nombres
    de archivo subidos tampoco: Django quita los caracteres no imprimibles al recibirlos.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._tiene_nulo(request):
            return self._rechazar(request)
        return self.get_response(request)

    @staticmethod
    def _tiene_nulo(request) -> bool:
        if _con_nulo(request.path) or _con_nulo(request.path_info):
            return True
        if any(_con_nulo(k) or _con_nulo(v) for k, v in request.COOKIES.items()):
            return True
        return any(_con_nulo(v) for k, v in request.META.items() if k.startswith("HTTP_"))

    @staticmethod
    def _rechazar(request):
        mensaje = _(
            "La solicitud trae un carácter nulo (\\x00) en la dirección, una cookie o un "
            "encabezado, y no es válida. Revise el enlace e inténtelo de nuevo."
        )
        if request.path_info.startswith("/api/") or "json" in request.headers.get("Accept", ""):
            return JsonResponse({"detail": mensaje}, status=400)
        titulo = _("Solicitud no válida")
        return HttpResponseBadRequest(
            f'<!doctype html><html lang="es-MX"><head><meta charset="utf-8">'
            f"<title>{escape(titulo)}</title></head><body><h1>{escape(titulo)} (400)</h1>"
            f"<p>{escape(mensaje)}</p></body></html>",
            content_type="text/html; charset=utf-8",
        )

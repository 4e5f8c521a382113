"""Piezas comunes de la API: paginación acotada y errores en español."""

from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler

from comun.roles import AccionNoPermitida
from transparencia.selectors import FiltroInvalido, PaginadorPublico


class Paginacion(PageNumberPagination):
    """Páginas numeradas; «count» es el total real, contado una vez por sello y filtros (caché),
    y las páginas se acotan a PAGINAS_MAXIMAS (más allá: 404, como una página inexistente)."""

    django_paginator_class = PaginadorPublico
    page_size = 25
    page_query_param = "pagina"
    page_size_query_param = "por_pagina"
    # Un tamaño enorme se acota a este máximo en lugar de fallar.
    max_page_size = 100
    # DRF lo formatea al responder, así que admite texto perezoso; sus tipos solo declaran str.
    invalid_page_message = _lazy("La página solicitada no existe.")  # type: ignore[assignment]

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise
        except InvalidPage:
            raise NotFound(self.invalid_page_message) from None

    def get_page_size(self, request):
        valor = request.query_params.get(self.page_size_query_param)
        if valor is None:
            return self.page_size
        try:
            tamano = int(valor)
        except ValueError:
            raise ValidationError({"por_pagina": _("Debe ser un número entero.")}) from None
        if tamano < 1:
            raise ValidationError({"por_pagina": _("Debe ser al menos 1.")})
        return min(tamano, self.max_page_size)

    def get_paginated_response_schema(self, schema):
        esquema = super().get_paginated_response_schema(schema)
        propiedades = esquema["properties"]
        propiedades["next"]["example"] = "https://ejemplo.mx/api/v1/acuerdos/?pagina=4"
        propiedades["previous"]["example"] = "https://ejemplo.mx/api/v1/acuerdos/?pagina=2"
        return esquema


def manejar_excepcion(exc, context):
    if isinstance(exc, FiltroInvalido):
        exc = ValidationError({"detail": str(exc)})
    elif isinstance(exc, AccionNoPermitida):
        # La regla de rol la aplica el servicio; aquí solo se traduce a 403 con su mensaje.
        exc = PermissionDenied(str(exc.mensaje))
    return exception_handler(exc, context)

"""API de datos abiertos: lectura pública con las reglas de selectors.py; escritura del
personal con token, siempre a través de los servicios (historia y bitácora incluidas)."""

from django.http import Http404
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from acuerdos.models import EstadoAcuerdo
from sesiones.exceptions import ErrorSesiones
from sesiones.models import ESTADOS_CELEBRADA
from transparencia import selectors
from transparencia import serializers as s
from transparencia.popolo import sesion_popolo
from transparencia.views.publico import cache_publica

ESTADOS_SESION = tuple(str(e) for e in ESTADOS_CELEBRADA)
ESTADOS_ACUERDO = tuple(str(e) for e in selectors.ESTADOS_ACUERDO_PUBLICOS)
CONTROL = {"pagina", "por_pagina", "format"}


def _p(nombre, tipo, descripcion, enum=None):
    return OpenApiParameter(
        nombre, tipo, OpenApiParameter.QUERY, description=descripcion, enum=enum
    )


P_ORGANO = _p("organo", OpenApiTypes.INT, _lazy("Id del órgano."))
P_ANIO = _p("anio", OpenApiTypes.INT, _lazy("Año (1900-2999)."))
P_DESDE = _p("desde", OpenApiTypes.DATE, _lazy("Fecha mínima de la sesión (AAAA-MM-DD)."))
P_HASTA = _p("hasta", OpenApiTypes.DATE, _lazy("Fecha máxima de la sesión (AAAA-MM-DD)."))


def _descripcion_pagina() -> str:
    return _("Número de página (máximo %(maximo)s).") % {"maximo": selectors.PAGINAS_MAXIMAS}


P_PAGINAS = [
    _p("pagina", OpenApiTypes.INT, lazy(_descripcion_pagina, str)()),
    _p("por_pagina", OpenApiTypes.INT, _lazy("Elementos por página (máximo 100).")),
]


class LecturaPublica:
    """Lectura anónima en caché corta (ver views_publico.cache_publica): igual para todos."""

    @classmethod
    def as_view(cls, **initkwargs):
        return cache_publica(super().as_view(**initkwargs))


def _filtros(request, permitidos, estados=()):
    return selectors.filtros_leer(
        request.query_params, permitidos=permitidos, estados=estados, ignorar=CONTROL
    )


class OrganosLista(LecturaPublica, generics.ListAPIView):
    """Órganos colegiados activos."""

    serializer_class = s.OrganoSerializer

    def get_queryset(self):
        _filtros(self.request, set())
        return selectors.organos_publicos()


class OrganoDetalle(LecturaPublica, generics.RetrieveAPIView):
    serializer_class = s.OrganoSerializer

    def get_queryset(self):
        return selectors.organos_publicos()


@extend_schema(
    parameters=[
        P_ORGANO,
        P_ANIO,
        P_DESDE,
        P_HASTA,
        _p(
            "tipo",
            OpenApiTypes.STR,
            _lazy("Tipo de sesión."),
            ["ordinaria", "extraordinaria", "solemne"],
        ),
        _p("estado", OpenApiTypes.STR, _lazy("Estado de la sesión."), list(ESTADOS_SESION)),
        *P_PAGINAS,
    ]
)
class SesionesLista(LecturaPublica, generics.ListAPIView):
    """Sesiones celebradas."""

    serializer_class = s.SesionSerializer

    def get_queryset(self):
        filtros = _filtros(
            self.request, {"organo", "anio", "tipo", "estado", "desde", "hasta"}, ESTADOS_SESION
        )
        return selectors.sesiones_buscar(filtros=filtros)


class SesionDetalle(LecturaPublica, generics.RetrieveAPIView):
    """Una sesión celebrada con su orden del día, anexos públicos y acuerdos publicados."""

    serializer_class = s.SesionDetalleSerializer

    def get_queryset(self):
        return selectors.sesiones_publicas().select_related("organo", "periodo")


@extend_schema(
    parameters=[
        _p(
            "q",
            OpenApiTypes.STR,
            _lazy("Texto o clave; sin distinguir acentos ni mayúsculas."),
        ),
        P_ORGANO,
        P_ANIO,
        P_DESDE,
        P_HASTA,
        _p("estado", OpenApiTypes.STR, _lazy("Estado del acuerdo."), list(ESTADOS_ACUERDO)),
        *P_PAGINAS,
    ]
)
class AcuerdosLista(LecturaPublica, generics.ListAPIView):
    """Acuerdos publicados."""

    serializer_class = s.AcuerdoPublicoSerializer

    def get_queryset(self):
        filtros = _filtros(
            self.request, {"q", "organo", "anio", "estado", "desde", "hasta"}, ESTADOS_ACUERDO
        )
        return selectors.acuerdos_buscar(filtros=filtros)


class AcuerdoDetalle(LecturaPublica, generics.RetrieveAPIView):
    serializer_class = s.AcuerdoPublicoSerializer

    def get_queryset(self):
        return selectors.acuerdos_publicos().select_related("organo")


@extend_schema(parameters=[P_ORGANO, P_ANIO, P_DESDE, P_HASTA, *P_PAGINAS])
class DocumentosLista(LecturaPublica, generics.ListAPIView):
    """Documentos públicos (anexos clasificados como públicos de sesiones celebradas)."""

    serializer_class = s.AnexoPublicoSerializer

    def get_queryset(self):
        filtros = _filtros(self.request, {"organo", "anio", "desde", "hasta"})
        anexos = selectors.anexos_publicos().select_related("punto")
        if filtros.organo:
            anexos = anexos.filter(punto__sesion__organo_id=filtros.organo)
        if filtros.anio:
            anexos = anexos.filter(punto__sesion__fecha_hora__year=filtros.anio)
        if filtros.desde:
            anexos = anexos.filter(punto__sesion__fecha_hora__date__gte=filtros.desde)
        if filtros.hasta:
            anexos = anexos.filter(punto__sesion__fecha_hora__date__lte=filtros.hasta)
        return anexos.order_by("-pk")


class SesionPopolo(APIView):
    """La sesión en términos de Open Civic Data / Popolo: evento, orden del día y votaciones."""

    @extend_schema(
        responses=inline_serializer(
            "Popolo",
            {
                "event": serializers.DictField(),
                "agenda": serializers.ListField(),
                "vote_events": serializers.ListField(),
            },
        )
    )
    def get(self, request, pk: int):
        try:
            sesion = selectors.sesion_publica_o_404(pk=pk)
        except Http404:
            return Response(
                {"detail": _("Sesión no encontrada.")}, status=status.HTTP_404_NOT_FOUND
            )
        return Response(sesion_popolo(sesion=sesion, request=request))


def error_dominio(error: ErrorSesiones) -> ValidationError:
    return ValidationError({"detail": str(error.mensaje)})


__all__ = ["EstadoAcuerdo"]

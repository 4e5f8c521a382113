"""Operaciones del personal por API (token): las mismas reglas y servicios que las páginas."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from acuerdos import services as acuerdos_services
from acuerdos.models import EstadoAcuerdo
from acuerdos.selectors import acuerdos_visibles
from api import serializers as s
from api.permisos import EsJuridico, EsPersonal
from comun.roles import es_juridico
from documentos.models import LoteDocumentos
from documentos.services import lote_solicitar
from sesiones import services
from sesiones.exceptions import ErrorSesiones
from sesiones.models import EstadoSesion, Integrante
from sesiones.permisos import sesiones_visibles
from transparencia import serializers as publicos


def _error(error: ErrorSesiones) -> ValidationError:
    return ValidationError({"detail": str(error.mensaje)})


def _sesion(request, pk):
    # Un objeto fuera de los órganos del usuario es 404, igual que en las páginas.
    sesion = (
        sesiones_visibles(request.user).select_related("organo", "periodo").filter(pk=pk).first()
    )
    if sesion is None:
        raise NotFound(_("Sesión no encontrada."))
    return sesion


def _validar(serializer_class, request, **kwargs):
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _estado_conocido(datos: dict, opciones) -> dict:
    """Un estado que no existe es un 400 con la lista de los válidos, nunca un 500."""
    if datos["estado"] not in opciones.values:
        raise ValidationError(
            {
                "estado": [
                    _("Estado desconocido «%(estado)s». Use uno de: %(validos)s.")
                    % {"estado": datos["estado"][:40], "validos": ", ".join(opciones.values)}
                ]
            }
        )
    return datos


class Gestion(APIView):
    permission_classes = [EsJuridico]


def _lote(lote: LoteDocumentos) -> dict:
    return {
        "id": lote.pk,
        "sesion": lote.sesion_id,
        "tipo": lote.tipo,
        "estado": lote.estado,
        "total": lote.total,
        "hechos": lote.hechos,
        "porcentaje": lote.porcentaje,
        "error": lote.error,
        "creado": lote.creado,
    }


class SesionesGestion(Gestion):
    @extend_schema(request=s.SesionCrearSerializer, responses={201: publicos.SesionSerializer})
    def post(self, request):
        datos = _validar(s.SesionCrearSerializer, request)
        try:
            sesion = services.sesion_programar(usuario=request.user, **datos)
        except ErrorSesiones as error:
            raise _error(error) from None
        return Response(publicos.SesionSerializer(sesion).data, status=status.HTTP_201_CREATED)


class SesionGestion(Gestion):
    @extend_schema(request=s.SesionEditarSerializer, responses=publicos.SesionSerializer)
    def patch(self, request, pk: int):
        sesion = _sesion(request, pk)
        datos = _validar(s.SesionEditarSerializer, request)
        try:
            sesion = services.sesion_actualizar(sesion=sesion, usuario=request.user, **datos)
        except ErrorSesiones as error:
            raise _error(error) from None
        return Response(publicos.SesionSerializer(sesion).data)


class SesionEstado(Gestion):
    @extend_schema(request=s.EstadoSerializer, responses=publicos.SesionSerializer)
    def post(self, request, pk: int):
        sesion = _sesion(request, pk)
        datos = _estado_conocido(_validar(s.EstadoSerializer, request), EstadoSesion)
        try:
            sesion = services.sesion_cambiar_estado(sesion=sesion, usuario=request.user, **datos)
        except ErrorSesiones as error:
            raise _error(error) from None
        sesion.refresh_from_db()
        return Response(publicos.SesionSerializer(sesion).data)


class SesionPuntos(Gestion):
    @extend_schema(request=s.PuntoCrearSerializer, responses={201: publicos.PuntoPublicoSerializer})
    def post(self, request, pk: int):
        sesion = _sesion(request, pk)
        datos = _validar(s.PuntoCrearSerializer, request)
        try:
            punto = services.punto_agregar(sesion=sesion, usuario=request.user, **datos)
        except ErrorSesiones as error:
            raise _error(error) from None
        punto.anexos_publicos = []
        return Response(publicos.PuntoPublicoSerializer(punto).data, status=status.HTTP_201_CREATED)


class SesionAsistencia(Gestion):
    @extend_schema(request=s.AsistenciaSerializer, responses={200: s.AsistenciaSerializer})
    def post(self, request, pk: int):
        sesion = _sesion(request, pk)
        datos = _validar(s.AsistenciaSerializer, request)
        integrante = Integrante.objects.filter(
            pk=datos.pop("integrante"), organo=sesion.organo
        ).first()
        if integrante is None:
            raise ValidationError({"integrante": _("No es integrante del órgano de esta sesión.")})
        try:
            asistencia = services.asistencia_registrar(
                sesion=sesion, integrante=integrante, usuario=request.user, **datos
            )
        except ErrorSesiones as error:
            raise _error(error) from None
        return Response(
            {
                "integrante": integrante.pk,
                "estado": asistencia.estado,
                "hora_llegada": asistencia.hora_llegada,
                "nota": asistencia.nota,
            }
        )


class SesionDocumentos(APIView):
    permission_classes = [EsPersonal]

    @extend_schema(responses=s.LoteSolicitarSerializer(many=True))
    def get(self, request, pk: int):
        sesion = _sesion(request, pk)
        return Response([_lote(lote) for lote in sesion.lotes_documentos.all()[:50]])

    @extend_schema(request=s.LoteSolicitarSerializer, responses={202: s.LoteSolicitarSerializer})
    def post(self, request, pk: int):

        if not es_juridico(request.user):
            return Response({"detail": EsJuridico.message}, status=status.HTTP_403_FORBIDDEN)
        sesion = _sesion(request, pk)
        datos = _validar(s.LoteSolicitarSerializer, request)
        try:
            lote = lote_solicitar(sesion=sesion, tipo=datos["tipo"], usuario=request.user)
        except ErrorSesiones as error:
            raise _error(error) from None
        lote.refresh_from_db()
        return Response(_lote(lote), status=status.HTTP_202_ACCEPTED)


def _acuerdo_datos(acuerdo) -> dict:
    return {
        "id": acuerdo.pk,
        "clave": acuerdo.clave,
        "sesion": acuerdo.sesion_id,
        "texto": acuerdo.texto,
        "estado": acuerdo.estado,
        "publicacion": acuerdo.publicacion,
    }


class AcuerdosGestion(Gestion):
    @extend_schema(request=s.AcuerdoCrearSerializer, responses={201: s.AcuerdoCrearSerializer})
    def post(self, request):
        datos = _validar(s.AcuerdoCrearSerializer, request)
        sesion = _sesion(request, datos.pop("sesion"))
        try:
            acuerdo = acuerdos_services.acuerdo_crear(sesion=sesion, usuario=request.user, **datos)
        except ErrorSesiones as error:
            raise _error(error) from None
        return Response(_acuerdo_datos(acuerdo), status=status.HTTP_201_CREATED)


class AcuerdoEstado(APIView):
    # Seguimiento también registra avances y publicaciones: mismo permiso que sus páginas.
    permission_classes = [EsPersonal]

    @extend_schema(request=s.AcuerdoEstadoSerializer, responses=s.AcuerdoEstadoSerializer)
    def post(self, request, pk: int):
        acuerdo = acuerdos_visibles(request.user).filter(pk=pk).first()
        if acuerdo is None:
            raise NotFound(_("Acuerdo no encontrado."))
        datos = _estado_conocido(_validar(s.AcuerdoEstadoSerializer, request), EstadoAcuerdo)
        try:
            with transaction.atomic():
                acuerdo = acuerdos_services.acuerdo_cambiar_estado(
                    acuerdo=acuerdo, usuario=request.user, **datos
                )
        except ErrorSesiones as error:
            raise _error(error) from None
        return Response(_acuerdo_datos(acuerdo))

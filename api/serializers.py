"""Serializadores de escritura de la API del personal: solo validan la entrada."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from acuerdos.models import RequierePublicacion
from sesiones.models import EstadoAsistencia, Modalidad, OrganoColegiado, TipoPunto, TipoSesion


def _sin_nul(valor: str) -> str:
    if "\x00" in (valor or ""):
        raise serializers.ValidationError(_("El texto contiene un carácter no válido (NUL)."))
    return valor


class TextoSeguro(serializers.CharField):
    def to_internal_value(self, data):
        return _sin_nul(super().to_internal_value(data))


class SesionCrearSerializer(serializers.Serializer):
    organo = serializers.PrimaryKeyRelatedField(queryset=OrganoColegiado.objects.all())
    tipo = serializers.ChoiceField(choices=TipoSesion.choices)
    fecha_hora = serializers.DateTimeField()
    sede = TextoSeguro(max_length=300, required=False, default="", allow_blank=True)
    modalidad = serializers.ChoiceField(choices=Modalidad.choices, default=Modalidad.PRESENCIAL)
    enlace = serializers.URLField(required=False, default="", allow_blank=True)
    titulo = TextoSeguro(max_length=200, required=False, default="", allow_blank=True)


class SesionEditarSerializer(serializers.Serializer):
    fecha_hora = serializers.DateTimeField(required=False)
    sede = TextoSeguro(max_length=300, required=False, allow_blank=True)
    modalidad = serializers.ChoiceField(choices=Modalidad.choices, required=False)
    enlace = serializers.URLField(required=False, allow_blank=True)


class EstadoSerializer(serializers.Serializer):
    estado = serializers.CharField(max_length=30)
    motivo = TextoSeguro(max_length=5000, required=False, default="", allow_blank=True)
    justificacion_aviso = TextoSeguro(max_length=5000, required=False, default="", allow_blank=True)


class PuntoCrearSerializer(serializers.Serializer):
    titulo = TextoSeguro(max_length=5000)
    tipo = serializers.ChoiceField(choices=TipoPunto.choices, default=TipoPunto.INFORMATIVO)
    presenta = TextoSeguro(max_length=300, required=False, default="", allow_blank=True)
    descripcion = TextoSeguro(max_length=20000, required=False, default="", allow_blank=True)


class AsistenciaSerializer(serializers.Serializer):
    integrante = serializers.IntegerField(min_value=1)
    estado = serializers.ChoiceField(choices=EstadoAsistencia.choices)
    hora_llegada = serializers.TimeField(required=False, allow_null=True, default=None)
    nota = TextoSeguro(max_length=300, required=False, default="", allow_blank=True)


class AcuerdoCrearSerializer(serializers.Serializer):
    sesion = serializers.IntegerField(min_value=1)
    texto = TextoSeguro(max_length=20000)
    publicacion = serializers.ChoiceField(
        choices=RequierePublicacion.choices, default=RequierePublicacion.NINGUNA
    )


class AcuerdoEstadoSerializer(serializers.Serializer):
    estado = serializers.CharField(max_length=30)
    nota = TextoSeguro(max_length=5000, required=False, default="", allow_blank=True)
    evidencia_url = serializers.URLField(required=False, default="", allow_blank=True)


class LoteSolicitarSerializer(serializers.Serializer):
    tipo = serializers.CharField(max_length=40)

"""Campos de la API en español; solo lo que la página pública también muestra."""

from django.urls import reverse
from rest_framework import serializers

from acuerdos.models import Acuerdo, RequierePublicacion
from sesiones.models import (
    Anexo,
    EstadoAsistencia,
    Modalidad,
    OrganoColegiado,
    PuntoOrden,
    Sesion,
    TipoPunto,
    TipoSesion,
)


class OrganoSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrganoColegiado
        fields = [
            "id",
            "nombre",
            "nombre_completo",
            "siglas",
            "meta_actas_anual",
            "meta_acuerdos_anual",
        ]


class AnexoPublicoSerializer(serializers.ModelSerializer):
    url_descarga = serializers.SerializerMethodField()
    sesion = serializers.IntegerField(source="punto.sesion_id", read_only=True)
    punto = serializers.IntegerField(source="punto_id", read_only=True)
    es_version_publica = serializers.SerializerMethodField()

    class Meta:
        model = Anexo
        fields = [
            "id",
            "titulo",
            "sesion",
            "punto",
            "tipo_contenido",
            "tamano",
            "sha256",
            "es_version_publica",
            "url_descarga",
        ]

    def get_url_descarga(self, anexo) -> str:
        return reverse("publico:anexo", args=[anexo.pk])

    def get_es_version_publica(self, anexo) -> bool:
        return anexo.version_publica_de_id is not None


class PuntoPublicoSerializer(serializers.ModelSerializer):
    anexos = AnexoPublicoSerializer(source="anexos_publicos", many=True, read_only=True)

    class Meta:
        model = PuntoOrden
        fields = ["id", "orden", "titulo", "tipo", "presenta", "anexos"]


class SesionSerializer(serializers.ModelSerializer):
    organo = serializers.IntegerField(source="organo_id", read_only=True)
    organo_siglas = serializers.CharField(source="organo.siglas", read_only=True)
    periodo = serializers.CharField(source="periodo.nombre", read_only=True)
    nombre = serializers.CharField(read_only=True)
    url_publica = serializers.SerializerMethodField()

    class Meta:
        model = Sesion
        fields = [
            "id",
            "organo",
            "organo_siglas",
            "periodo",
            "tipo",
            "numero",
            "nombre",
            "clave",
            "fecha_hora",
            "sede",
            "modalidad",
            "estado",
            "url_publica",
        ]

    def get_url_publica(self, sesion) -> str:
        return reverse("publico:sesion", args=[sesion.pk])


class AcuerdoPublicoSerializer(serializers.ModelSerializer):
    organo = serializers.IntegerField(source="organo_id", read_only=True)
    organo_siglas = serializers.CharField(source="organo.siglas", read_only=True)
    sesion = serializers.IntegerField(source="sesion_id", read_only=True)
    fecha_sesion = serializers.DateTimeField(read_only=True)
    url_publica = serializers.SerializerMethodField()

    class Meta:
        model = Acuerdo
        fields = [
            "id",
            "clave",
            "anio",
            "numero",
            "organo",
            "organo_siglas",
            "sesion",
            "fecha_sesion",
            "tipo",
            "texto",
            "estado",
            "url_publica",
        ]

    def get_url_publica(self, acuerdo) -> str:
        return reverse("publico:acuerdo", args=[acuerdo.pk])


class SesionDetalleSerializer(SesionSerializer):
    puntos = serializers.SerializerMethodField()
    acuerdos = serializers.SerializerMethodField()
    acta_publica = serializers.SerializerMethodField()

    class Meta(SesionSerializer.Meta):
        fields = [*SesionSerializer.Meta.fields, "puntos", "acuerdos", "acta_publica"]

    def get_puntos(self, sesion) -> list[dict]:
        from transparencia.selectors import sesion_puntos_publicos

        return PuntoPublicoSerializer(sesion_puntos_publicos(sesion=sesion), many=True).data

    def get_acuerdos(self, sesion) -> list[dict]:
        from transparencia.selectors import sesion_acuerdos_publicos

        return AcuerdoPublicoSerializer(sesion_acuerdos_publicos(sesion=sesion), many=True).data

    def get_acta_publica(self, sesion) -> str | None:
        from transparencia.selectors import sesion_acta_publica

        acta = sesion_acta_publica(sesion=sesion)
        return reverse("publico:acta", args=[sesion.pk]) if acta else None


# Escritura del personal: validan la forma; las reglas las aplican los servicios. ----------------


def _sin_nul(valor: str) -> str:
    if "\x00" in (valor or ""):
        raise serializers.ValidationError("El texto contiene un carácter no válido (NUL).")
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

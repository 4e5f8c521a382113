"""Campos de la API en español; solo lo que la página pública también muestra."""

from typing import cast

from django.urls import reverse
from rest_framework import serializers

from acuerdos.models import Acuerdo
from sesiones.models import (
    Anexo,
    OrganoColegiado,
    PuntoOrden,
    Sesion,
)
from transparencia.selectors import (
    sesion_acta_publica,
    sesion_acuerdos_publicos,
    sesion_puntos_publicos,
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
        # many=True da un ListSerializer, cuyos datos son una lista; los tipos de DRF no
        # distinguen many=True y los declaran como un dict (igual abajo).
        datos = PuntoPublicoSerializer(sesion_puntos_publicos(sesion=sesion), many=True).data
        return cast(list[dict], datos)

    def get_acuerdos(self, sesion) -> list[dict]:
        datos = AcuerdoPublicoSerializer(sesion_acuerdos_publicos(sesion=sesion), many=True).data
        return cast(list[dict], datos)

    def get_acta_publica(self, sesion) -> str | None:

        acta = sesion_acta_publica(sesion=sesion)
        return reverse("publico:acta", args=[sesion.pk]) if acta else None


# Escritura del personal: validan la forma; las reglas las aplican los servicios. ----------------

"""Etiquetas de plantilla: fechas en español y paneles que dependen de rutas opcionales."""

import datetime

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from comun import letras

register = template.Library()


@register.simple_tag
def url_o_vacio(nombre, *args, **kwargs) -> str:
    """Como {% url %}, pero devuelve "" si la ruta aún no existe (otro módulo la agrega)."""
    try:
        return reverse(nombre, args=args, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _local(valor):
    if isinstance(valor, datetime.datetime) and timezone.is_aware(valor):
        return timezone.localtime(valor)
    return valor


@register.filter
def fecha_larga(valor) -> str:
    """«4 de febrero de 2022»."""
    if not valor:
        return ""
    return letras.fecha_larga(_local(valor))


@register.filter
def fecha_con_dia(valor) -> str:
    """«viernes 4 de febrero de 2022»."""
    if not valor:
        return ""
    return letras.fecha_con_dia(_local(valor))


@register.filter
def hora_corta(valor) -> str:
    """«10:00 horas»; acepta datetime (se lleva a la hora local) o time."""
    if not valor:
        return ""
    valor = _local(valor)
    if isinstance(valor, datetime.datetime):
        valor = valor.time()
    return letras.hora_corta(valor)


@register.filter
def fecha_hora_corta(valor) -> str:
    """«4 de febrero de 2022, 10:00 horas»."""
    if not valor:
        return ""
    return f"{fecha_larga(valor)}, {hora_corta(valor)}"


@register.filter
def mes_nombre(mes) -> str:
    try:
        return letras.mes_en_letras(int(mes))
    except (TypeError, ValueError):
        return ""


@register.inclusion_tag("sesiones/_estado.html")
def estado_sesion(sesion):
    return {"estado": sesion.estado, "etiqueta": sesion.get_estado_display()}

"""Permisos de DRF de la API del personal: una primera puerta; la regla la aplica el servicio."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from comun.roles import es_juridico, es_personal


class EsPersonal(permissions.BasePermission):
    message = _("Esta operación es solo para el personal de la Secretaría Ejecutiva.")

    def has_permission(self, request, view):
        return es_personal(request.user)


class EsJuridico(permissions.BasePermission):
    message = _("Esta operación es solo para la Dirección Jurídica.")

    def has_permission(self, request, view):
        return es_juridico(request.user)

"""Rutas de la historia de auditoría (bitácora) para el personal."""

from django.urls import path

from sesiones import views_bitacora as b

urlpatterns = [
    path("bitacora/", b.bitacora, name="bitacora"),
    path("bitacora/csv/", b.bitacora_csv, name="bitacora_csv"),
]

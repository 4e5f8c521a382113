"""Rutas de la historia de auditoría (bitácora) para el personal."""

from django.urls import path

from bitacora import views

app_name = "bitacora"

urlpatterns = [
    path("bitacora/", views.bitacora, name="lista"),
    path("bitacora/csv/", views.bitacora_csv, name="csv"),
]

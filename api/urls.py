"""Rutas de la API del personal (token): escritura a través de los mismos servicios que la web.

Comparten el espacio «api» con la API pública de transparencia: config/urls.py las une.
"""

from django.urls import path

from api import views

urlpatterns = [
    path("gestion/sesiones/", views.SesionesGestion.as_view(), name="gestion_sesiones"),
    path("gestion/sesiones/<int:pk>/", views.SesionGestion.as_view(), name="gestion_sesion"),
    path(
        "gestion/sesiones/<int:pk>/estado/",
        views.SesionEstado.as_view(),
        name="gestion_sesion_estado",
    ),
    path(
        "gestion/sesiones/<int:pk>/puntos/",
        views.SesionPuntos.as_view(),
        name="gestion_puntos",
    ),
    path(
        "gestion/sesiones/<int:pk>/asistencia/",
        views.SesionAsistencia.as_view(),
        name="gestion_asistencia",
    ),
    path(
        "gestion/sesiones/<int:pk>/documentos/",
        views.SesionDocumentos.as_view(),
        name="gestion_documentos",
    ),
    path("gestion/acuerdos/", views.AcuerdosGestion.as_view(), name="gestion_acuerdos"),
    path(
        "gestion/acuerdos/<int:pk>/estado/",
        views.AcuerdoEstado.as_view(),
        name="gestion_acuerdo_estado",
    ),
]

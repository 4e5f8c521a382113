"""Rutas del portal de integrantes, del enlace personal y del panel de entregas."""

from django.urls import path

from sesiones import views_entregas as e
from sesiones import views_portal as p

urlpatterns = [
    path("portal/", p.portal, name="portal"),
    path("portal/sesiones/<int:pk>/", p.portal_sesion, name="portal_sesion"),
    path("portal/sesiones/<int:pk>/confirmar/", p.portal_confirmar, name="portal_confirmar"),
    path("portal/sesiones/<int:pk>/observaciones/", p.portal_observar, name="portal_observar"),
    path("portal/anexos/<int:pk>/", p.portal_anexo, name="portal_anexo"),
    path("portal/documentos/<int:pk>/<str:formato>/", p.portal_documento, name="portal_documento"),
    path(
        "portal/calendario/regenerar/",
        p.portal_calendario_regenerar,
        name="portal_calendario_regenerar",
    ),
    path("portal/calendario/<str:token>.ics", p.portal_calendario, name="portal_calendario"),
    path("portal/enlace/<str:token>/", p.enlace, name="enlace"),
    path("portal/enlace/<str:token>/acusar/", p.enlace_acusar, name="enlace_acusar"),
    path("portal/enlace/<str:token>/confirmar/", p.enlace_confirmar, name="enlace_confirmar"),
    path("sesiones/<int:pk>/entregas/", e.entregas_sesion, name="entregas_sesion"),
    path("sesiones/<int:pk>/entregas/enviar/", e.entregas_enviar, name="entregas_enviar"),
    path("sesiones/<int:pk>/entregas/avisar/", e.entregas_avisar, name="entregas_avisar"),
    path("entregas/<int:pk>/reenviar/", e.entrega_reenviar, name="entrega_reenviar"),
    path("sesiones/<int:pk>/firmas/", e.firma_registrar, name="firma_registrar"),
    path("sesiones/<int:pk>/acta-firmada/", e.acta_firmada_subir, name="acta_firmada_subir"),
    path(
        "sesiones/<int:pk>/acta-firmada/descargar/",
        e.acta_firmada_descargar,
        name="acta_firmada_descargar",
    ),
    path("sesiones/<int:pk>/copias/", e.copia_emitir, name="copia_emitir"),
    path("copias/<int:pk>/entregar/", e.copia_entregar, name="copia_entregar"),
]

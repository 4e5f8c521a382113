"""Rutas de la entrega (panel del personal, espacio «entregas») y del portal de integrantes
con su enlace personal (espacio «portal»)."""

from django.urls import path

from entregas.views import envio, portal

app_name = "entregas"

urlpatterns = [
    path("sesiones/<int:pk>/entregas/", envio.entregas_sesion, name="sesion"),
    path("sesiones/<int:pk>/entregas/enviar/", envio.entregas_enviar, name="enviar"),
    path("sesiones/<int:pk>/entregas/avisar/", envio.entregas_avisar, name="avisar"),
    path("entregas/<int:pk>/reenviar/", envio.entrega_reenviar, name="reenviar"),
    # Firmas, acta firmada y copias se registran desde el mismo panel de la entrega.
    path("sesiones/<int:pk>/firmas/", envio.firma_registrar, name="firma_registrar"),
    path("sesiones/<int:pk>/acta-firmada/", envio.acta_firmada_subir, name="acta_firmada_subir"),
    path(
        "sesiones/<int:pk>/acta-firmada/descargar/",
        envio.acta_firmada_descargar,
        name="acta_firmada_descargar",
    ),
    path("sesiones/<int:pk>/copias/", envio.copia_emitir, name="copia_emitir"),
    path("copias/<int:pk>/entregar/", envio.copia_entregar, name="copia_entregar"),
]

portal_urlpatterns = [
    path("portal/", portal.portal, name="inicio"),
    path("portal/sesiones/<int:pk>/", portal.portal_sesion, name="sesion"),
    path("portal/sesiones/<int:pk>/confirmar/", portal.portal_confirmar, name="confirmar"),
    path("portal/sesiones/<int:pk>/observaciones/", portal.portal_observar, name="observar"),
    path("portal/anexos/<int:pk>/", portal.portal_anexo, name="anexo"),
    path("portal/documentos/<int:pk>/<str:formato>/", portal.portal_documento, name="documento"),
    path(
        "portal/calendario/regenerar/",
        portal.portal_calendario_regenerar,
        name="calendario_regenerar",
    ),
    path("portal/calendario/<str:token>.ics", portal.portal_calendario, name="calendario"),
    path("portal/enlace/<str:token>/", portal.enlace, name="enlace"),
    path("portal/enlace/<str:token>/acusar/", portal.enlace_acusar, name="enlace_acusar"),
    path("portal/enlace/<str:token>/confirmar/", portal.enlace_confirmar, name="enlace_confirmar"),
]

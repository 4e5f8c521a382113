"""Rutas de documentos generados y plantillas (incluidas en el espacio «sesiones»)."""

from django.urls import path

from sesiones import views_documentos as v

urlpatterns = [
    path("sesiones/<int:pk>/documentos/", v.documentos_sesion, name="documentos_sesion"),
    path("sesiones/<int:pk>/documentos/generar/", v.documentos_generar, name="documentos_generar"),
    path("documentos/lotes/<int:pk>/reintentar/", v.lote_reintentar, name="documentos_reintentar"),
    path("documentos/lotes/<int:pk>/zip/", v.lote_zip, name="documentos_zip"),
    path(
        "documentos/<int:pk>/descargar/<str:formato>/",
        v.documento_descargar,
        name="documento_descargar",
    ),
    path("documentos/<int:pk>/marcar/", v.documento_marcar, name="documento_marcar"),
    path("plantillas/", v.plantillas, name="plantillas"),
    path("plantillas/subir/", v.plantilla_subir, name="plantilla_subir"),
    path("plantillas/<int:pk>/activar/", v.plantilla_activar, name="plantilla_activar"),
    path("plantillas/<int:pk>/descargar/", v.plantilla_descargar, name="plantilla_descargar"),
]

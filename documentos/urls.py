"""Rutas de documentos generados y plantillas."""

from django.urls import path

from documentos import views as generacion

app_name = "documentos"

urlpatterns = [
    path("sesiones/<int:pk>/documentos/", generacion.documentos_sesion, name="sesion"),
    path("sesiones/<int:pk>/documentos/generar/", generacion.documentos_generar, name="generar"),
    path("documentos/lotes/<int:pk>/reintentar/", generacion.lote_reintentar, name="reintentar"),
    path("documentos/lotes/<int:pk>/zip/", generacion.lote_zip, name="zip"),
    path(
        "documentos/<int:pk>/descargar/<str:formato>/",
        generacion.documento_descargar,
        name="descargar",
    ),
    path("documentos/<int:pk>/marcar/", generacion.documento_marcar, name="marcar"),
    path("plantillas/", generacion.plantillas, name="plantillas"),
    path("plantillas/subir/", generacion.plantilla_subir, name="plantilla_subir"),
    path("plantillas/<int:pk>/activar/", generacion.plantilla_activar, name="plantilla_activar"),
    path(
        "plantillas/<int:pk>/descargar/",
        generacion.plantilla_descargar,
        name="plantilla_descargar",
    ),
]

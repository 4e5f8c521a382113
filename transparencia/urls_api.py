from csp.constants import SELF
from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from transparencia import api, api_gestion

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    # La búsqueda de ReDoc corre en un worker creado desde un blob: solo esta página lo permite.
    path(
        "redoc/",
        csp_update({"worker-src": [SELF, "blob:"]})(
            SpectacularRedocView.as_view(url_name="api:schema")
        ),
        name="redoc",
    ),
    path("organos/", api.OrganosLista.as_view(), name="organos"),
    path("organos/<int:pk>/", api.OrganoDetalle.as_view(), name="organo"),
    path("sesiones/", api.SesionesLista.as_view(), name="sesiones"),
    path("sesiones/<int:pk>/", api.SesionDetalle.as_view(), name="sesion"),
    path("sesiones/<int:pk>/popolo/", api.SesionPopolo.as_view(), name="sesion_popolo"),
    path("acuerdos/", api.AcuerdosLista.as_view(), name="acuerdos"),
    path("acuerdos/<int:pk>/", api.AcuerdoDetalle.as_view(), name="acuerdo"),
    path("documentos/", api.DocumentosLista.as_view(), name="documentos"),
    # Personal (token): escritura a través de los servicios.
    path("gestion/sesiones/", api_gestion.SesionesGestion.as_view(), name="gestion_sesiones"),
    path("gestion/sesiones/<int:pk>/", api_gestion.SesionGestion.as_view(), name="gestion_sesion"),
    path(
        "gestion/sesiones/<int:pk>/estado/",
        api_gestion.SesionEstado.as_view(),
        name="gestion_sesion_estado",
    ),
    path(
        "gestion/sesiones/<int:pk>/puntos/",
        api_gestion.SesionPuntos.as_view(),
        name="gestion_puntos",
    ),
    path(
        "gestion/sesiones/<int:pk>/asistencia/",
        api_gestion.SesionAsistencia.as_view(),
        name="gestion_asistencia",
    ),
    path(
        "gestion/sesiones/<int:pk>/documentos/",
        api_gestion.SesionDocumentos.as_view(),
        name="gestion_documentos",
    ),
    path("gestion/acuerdos/", api_gestion.AcuerdosGestion.as_view(), name="gestion_acuerdos"),
    path(
        "gestion/acuerdos/<int:pk>/estado/",
        api_gestion.AcuerdoEstado.as_view(),
        name="gestion_acuerdo_estado",
    ),
]

"""Rutas de transparencia en tres espacios: el informe y la PNT del personal («transparencia»),
el portal público («publico») y la API de datos abiertos («api»); config/urls.py los incluye."""

from csp.constants import SELF
from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from transparencia import api, feeds
from transparencia.views import informe, publico

app_name = "transparencia"

urlpatterns = [
    path("informe/", informe.informe_trimestral, name="informe"),
    path("informe/docx/", informe.informe_docx, name="informe_docx"),
    path("pnt/", informe.pnt, name="pnt"),
    path("sesiones/<int:pk>/acta-publica/", informe.acta_publica, name="acta_publica"),
]

publico_urlpatterns = [
    path("", publico.inicio, name="inicio"),
    path("sesiones/", publico.sesiones, name="sesiones"),
    path("sesiones/<int:pk>/", publico.sesion, name="sesion"),
    path("sesiones/<int:pk>/acta/", publico.acta, name="acta"),
    path("documentos/<int:pk>/", publico.anexo, name="anexo"),
    path("acuerdos/", publico.acuerdos, name="acuerdos"),
    path("acuerdos/<int:pk>/", publico.acuerdo, name="acuerdo"),
    path("acuerdos/rss/", feeds.AcuerdosRss(), name="feed_rss"),
    path("acuerdos/atom/", feeds.AcuerdosAtom(), name="feed_atom"),
    path("organos/<str:siglas>/rss/", feeds.AcuerdosRss(), name="feed_organo_rss"),
    path("organos/<str:siglas>/atom/", feeds.AcuerdosAtom(), name="feed_organo_atom"),
]

api_urlpatterns = [
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
]

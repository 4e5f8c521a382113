from django.urls import path

from transparencia import feeds, views_publico

app_name = "publico"

urlpatterns = [
    path("", views_publico.inicio, name="inicio"),
    path("sesiones/", views_publico.sesiones, name="sesiones"),
    path("sesiones/<int:pk>/", views_publico.sesion, name="sesion"),
    path("sesiones/<int:pk>/acta/", views_publico.acta, name="acta"),
    path("documentos/<int:pk>/", views_publico.anexo, name="anexo"),
    path("acuerdos/", views_publico.acuerdos, name="acuerdos"),
    path("acuerdos/<int:pk>/", views_publico.acuerdo, name="acuerdo"),
    path("acuerdos/rss/", feeds.AcuerdosRss(), name="feed_rss"),
    path("acuerdos/atom/", feeds.AcuerdosAtom(), name="feed_atom"),
    path("organos/<str:siglas>/rss/", feeds.AcuerdosRss(), name="feed_organo_rss"),
    path("organos/<str:siglas>/atom/", feeds.AcuerdosAtom(), name="feed_organo_atom"),
]

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from api.urls import urlpatterns as api_gestion
from entregas.urls import portal_urlpatterns
from transparencia.urls import api_urlpatterns, publico_urlpatterns

urlpatterns = [
    path("entrar/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("salir/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("acuerdos/", include("acuerdos.urls")),
    path("publico/", include((publico_urlpatterns, "publico"))),
    # Un solo espacio «api»: datos abiertos (transparencia) y escritura del personal (api).
    path("api/v1/", include((api_urlpatterns + api_gestion, "api"))),
    path("transparencia/", include("transparencia.urls")),
    path("", include("documentos.urls")),
    path("", include("entregas.urls")),
    path("", include((portal_urlpatterns, "portal"))),
    path("", include("bitacora.urls")),
    path("", include("sesiones.urls")),
]

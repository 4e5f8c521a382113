from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("entrar/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("salir/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("acuerdos/", include("acuerdos.urls")),
    path("publico/", include("transparencia.urls_publico")),
    path("api/v1/", include("transparencia.urls_api")),
    path("transparencia/", include("transparencia.urls")),
    path("", include("sesiones.urls")),
]

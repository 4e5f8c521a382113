from django.urls import path

from acuerdos import views, views_seguimiento

app_name = "acuerdos"
urlpatterns = [
    path("", views_seguimiento.lista, name="lista"),
    path("masivo/", views_seguimiento.masivo, name="masivo"),
    path("tablero/", views_seguimiento.tablero, name="tablero"),
    path("ejecuciones/", views_seguimiento.ejecuciones, name="ejecuciones"),
    path("sesion/<int:pk>/", views.sesion, name="sesion"),
    path("sesion/<int:pk>/nuevo/", views.nuevo, name="nuevo"),
    path("<int:pk>/", views.detalle, name="detalle"),
    path("<int:pk>/votacion/", views.votacion, name="votacion"),
    path("<int:pk>/estado/", views.estado, name="estado"),
    path("<int:pk>/avance/", views.avance, name="avance"),
    path("<int:pk>/publicacion/", views.publicacion, name="publicacion"),
    path("<int:pk>/datos/", views.datos, name="datos"),
    path("<int:pk>/corregir/", views.corregir, name="corregir"),
    path("<int:pk>/certificar/", views.certificar, name="certificar"),
    path("evidencia/<str:tipo>/<int:pk>/", views.evidencia, name="evidencia"),
]

from django.urls import path

from acuerdos.views import acuerdo, seguimiento

app_name = "acuerdos"
urlpatterns = [
    path("", seguimiento.lista, name="lista"),
    path("masivo/", seguimiento.masivo, name="masivo"),
    path("tablero/", seguimiento.tablero, name="tablero"),
    path("ejecuciones/", seguimiento.ejecuciones, name="ejecuciones"),
    path("sesion/<int:pk>/", acuerdo.sesion, name="sesion"),
    path("sesion/<int:pk>/nuevo/", acuerdo.nuevo, name="nuevo"),
    path("<int:pk>/", acuerdo.detalle, name="detalle"),
    path("<int:pk>/votacion/", acuerdo.votacion, name="votacion"),
    path("<int:pk>/estado/", acuerdo.estado, name="estado"),
    path("<int:pk>/avance/", acuerdo.avance, name="avance"),
    path("<int:pk>/publicacion/", acuerdo.publicacion, name="publicacion"),
    path("<int:pk>/datos/", acuerdo.datos, name="datos"),
    path("<int:pk>/corregir/", acuerdo.corregir, name="corregir"),
    path("<int:pk>/certificar/", acuerdo.certificar, name="certificar"),
    path("evidencia/<str:tipo>/<int:pk>/", acuerdo.evidencia, name="evidencia"),
]

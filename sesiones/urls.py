from django.urls import path

from sesiones import views

app_name = "sesiones"
urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("organos/", views.organos, name="organos"),
    path("organos/<int:pk>/", views.organo, name="organo"),
    path("sesiones/", views.lista, name="lista"),
    path("sesiones/nueva/", views.nueva, name="nueva"),
    path("sesiones/<int:pk>/", views.detalle, name="detalle"),
    path("sesiones/<int:pk>/editar/", views.editar, name="editar"),
    path("sesiones/<int:pk>/estado/", views.confirmar_transicion, name="confirmar_transicion"),
    path("sesiones/<int:pk>/estado/cambiar/", views.transicion, name="transicion"),
    path("sesiones/<int:pk>/puntos/nuevo/", views.punto_nuevo, name="punto_nuevo"),
    path("sesiones/<int:pk>/asistencia/", views.asistencia, name="asistencia"),
    path(
        "sesiones/<int:pk>/asistencia/<int:integrante_pk>/",
        views.asistencia_fila,
        name="asistencia_fila",
    ),
    path("sesiones/<int:pk>/invitados/nuevo/", views.invitado_nuevo, name="invitado_nuevo"),
    path("puntos/<int:pk>/editar/", views.punto_editar, name="punto_editar"),
    path("puntos/<int:pk>/eliminar/", views.punto_eliminar, name="punto_eliminar"),
    path("puntos/<int:pk>/mover/<str:direccion>/", views.punto_mover, name="punto_mover"),
    path("puntos/<int:pk>/anexos/nuevo/", views.anexo_nuevo, name="anexo_nuevo"),
    path("anexos/<int:pk>/", views.anexo_descargar, name="anexo"),
    path("anexos/<int:pk>/eliminar/", views.anexo_eliminar, name="anexo_eliminar"),
    path("invitados/<int:pk>/asistencia/", views.invitado_asistencia, name="invitado_asistencia"),
    path("invitados/<int:pk>/quitar/", views.invitado_quitar, name="invitado_quitar"),
]

from django.urls import path

from transparencia import views

app_name = "transparencia"

urlpatterns = [
    path("informe/", views.informe_trimestral, name="informe"),
    path("informe/docx/", views.informe_docx, name="informe_docx"),
    path("pnt/", views.pnt, name="pnt"),
    path("sesiones/<int:pk>/acta-publica/", views.acta_publica, name="acta_publica"),
]

from django.urls import path

from sesiones import views

app_name = "sesiones"
urlpatterns = [
    path("", views.inicio, name="inicio"),
]

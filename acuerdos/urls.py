app_name = "acuerdos"
urlpatterns: list = []

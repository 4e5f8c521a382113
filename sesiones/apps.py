from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SesionesConfig(AppConfig):
    name = "sesiones"
    verbose_name = _("Sesiones de órganos colegiados")

    def ready(self):
        from sesiones import checks  # noqa: F401  (registra las revisiones de despliegue)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """API del personal: escribe a través de los mismos servicios y reglas que la web."""

    name = "api"
    verbose_name = _("API del personal")

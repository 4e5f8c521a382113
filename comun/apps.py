from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComunConfig(AppConfig):
    """Piezas sin modelos: palabras, días hábiles, validadores, tareas, roles, respaldo."""

    name = "comun"
    verbose_name = _("Común")

    def ready(self):
        from comun import checks  # noqa: F401  (registra las revisiones de despliegue)

"""Revisiones de `manage.py check --deploy` propias de la aplicación."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def clave_secreta_propia(app_configs, **kwargs):
    # Django solo avisa (W009) ante una clave débil; la del repositorio es pública y con ella
    # cualquiera firma enlaces personales válidos, así que aquí es un error que detiene el check.
    if getattr(settings, "CLAVE_DESARROLLO", None) == settings.SECRET_KEY:
        return [
            Error(
                "La clave secreta es la pública del repositorio.",
                hint="Defina DJANGO_SECRET_KEY con una clave propia y larga.",
                id="sesiones.E001",
            )
        ]
    return []

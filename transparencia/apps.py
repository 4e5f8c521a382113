from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparenciaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "transparencia"
    verbose_name = _("Transparencia y datos abiertos")

    def ready(self) -> None:
        # Conecta las señales que invalidan la caché pública en todo proceso (web y tareas).
        from bitacora.registro import registrar_acciones
        from transparencia import selectors  # noqa: F401

        registrar_acciones(
            {
                "acta_publica.subir": _("Versión pública del acta subida"),
            }
        )

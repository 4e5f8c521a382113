from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BitacoraConfig(AppConfig):
    name = "bitacora"
    verbose_name = _("Bitácora")

    def ready(self):
        from bitacora.registro import registrar_acciones

        registrar_acciones(
            {
                "admin.agregar": _("Alta en la configuración"),
                "admin.editar": _("Cambio en la configuración"),
                "admin.eliminar": _("Baja en la configuración"),
            }
        )

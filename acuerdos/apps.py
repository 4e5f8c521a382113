from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcuerdosConfig(AppConfig):
    name = "acuerdos"
    verbose_name = _("Acuerdos y seguimiento")

    def ready(self):
        # El acta y la certificación listan los acuerdos; sesiones no importa acuerdos,
        # así que aquí se registra la ampliación de su contexto (si el registro existe).
        try:
            from sesiones.documentos.registro import (
                registrar_ampliacion,
                registrar_constructor,
                registrar_variables,
            )
        except ImportError:
            return
        from acuerdos.documentos import (
            VARIABLES_CERTIFICACION_ACUERDO,
            ampliar_acta,
            contexto_certificacion_acuerdo,
        )

        registrar_ampliacion("acta", ampliar_acta)
        registrar_ampliacion("certificacion", ampliar_acta)
        registrar_constructor("certificacion_acuerdo", contexto_certificacion_acuerdo)
        registrar_variables("certificacion_acuerdo", VARIABLES_CERTIFICACION_ACUERDO)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcuerdosConfig(AppConfig):
    name = "acuerdos"
    verbose_name = _("Acuerdos y seguimiento")

    def ready(self):
        # El acta y la certificación listan los acuerdos; documentos no importa acuerdos,
        # así que aquí se registra la ampliación de su contexto.
        from acuerdos.documentos import (
            VARIABLES_CERTIFICACION_ACUERDO,
            ampliar_acta,
            contexto_certificacion_acuerdo,
        )
        from bitacora.registro import registrar_acciones, registrar_enlace
        from documentos.registro import (
            registrar_ampliacion,
            registrar_constructor,
            registrar_variables,
        )

        registrar_acciones(
            {
                "acuerdo.crear": _("Acuerdo registrado"),
                "acuerdo.actualizar": _("Acuerdo editado"),
                "acuerdo.corregir_texto": _("Texto del acuerdo corregido"),
                "acuerdo.votacion": _("Votación del acuerdo"),
                "acuerdo.estado": _("Cambio de estado del acuerdo"),
                "acuerdo.avance": _("Avance del acuerdo"),
                "acuerdo.publicacion": _("Publicación del acuerdo"),
            }
        )
        registrar_enlace("acuerdos.acuerdo", "acuerdos:detalle")
        registrar_ampliacion("acta", ampliar_acta)
        registrar_ampliacion("certificacion", ampliar_acta)
        registrar_constructor("certificacion_acuerdo", contexto_certificacion_acuerdo)
        registrar_variables("certificacion_acuerdo", VARIABLES_CERTIFICACION_ACUERDO)

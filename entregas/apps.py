from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntregasConfig(AppConfig):
    name = "entregas"
    verbose_name = _("Entrega de convocatorias y portal de integrantes")

    def ready(self):
        from bitacora.registro import registrar_acciones
        from entregas.services import avisar_cambio_de_sesion
        from sesiones.signals import sesion_cambio_estado

        registrar_acciones(
            {
                "quorum.aviso": _("Aviso de quórum"),
                "entregas.solicitar": _("Envío de convocatorias solicitado"),
                "entregas.actualizacion": _("Aviso de cambio de fecha"),
                "entregas.cancelacion": _("Aviso de cancelación"),
                "entrega.enviar": _("Correo enviado"),
                "entrega.fallo": _("Falló el envío de un correo"),
                "entrega.reenviar": _("Correo reenviado"),
                "entrega.recuperar": _("Envío interrumpido recuperado"),
                "entrega.acusar": _("Acuse de recibo"),
                "confirmacion.registrar": _("Confirmación de asistencia"),
                "calendario.regenerar": _("Enlace de calendario regenerado"),
            }
        )
        # Un cambio de fecha o una cancelación se avisa a quien ya recibió la convocatoria.
        sesion_cambio_estado.connect(avisar_cambio_de_sesion, dispatch_uid="entregas.avisar")

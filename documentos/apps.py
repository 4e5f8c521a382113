from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentosConfig(AppConfig):
    name = "documentos"
    verbose_name = _("Documentos, firmas y copias certificadas")

    def ready(self):
        from bitacora.registro import registrar_acciones

        registrar_acciones(
            {
                "plantilla.subir": _("Plantilla subida"),
                "plantilla.activar": _("Plantilla restaurada"),
                "plantilla.validar": _("Plantilla validada"),
                "plantilla.rechazar": _("Plantilla rechazada"),
                "documentos.solicitar": _("Generación de documentos solicitada"),
                "documentos.generar": _("Documentos generados"),
                "documentos.fallo": _("Falló la generación de documentos"),
                "documentos.reintentar": _("Generación de documentos reintentada"),
                "documento.marcar": _("Cambio de estado de un documento"),
                "acta.observacion": _("Observación al proyecto de acta"),
                "acta.firma": _("Firma del acta registrada"),
                "acta.subir_firmada": _("Acta firmada subida"),
                "acta.bloquear": _("Acta bloqueada"),
                "copia.emitir": _("Copia certificada emitida"),
                "copia.entregar": _("Copia certificada entregada"),
            }
        )

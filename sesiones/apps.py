from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SesionesConfig(AppConfig):
    name = "sesiones"
    verbose_name = _("Sesiones de órganos colegiados")

    def ready(self):
        from bitacora.registro import registrar_acciones, registrar_enlace

        registrar_acciones(
            {
                "sesion.programar": _("Sesión programada"),
                "sesion.editar": _("Sesión editada"),
                "sesion.estado": _("Cambio de estado de la sesión"),
                "sesion.renumerar": _("Sesión renumerada"),
                "punto.agregar": _("Punto agregado al orden del día"),
                "punto.editar": _("Punto del orden del día editado"),
                "punto.eliminar": _("Punto del orden del día eliminado"),
                "punto.mover": _("Punto movido en el orden del día"),
                "punto.reordenar": _("Orden del día reordenado"),
                "anexo.subir": _("Anexo subido"),
                "anexo.eliminar": _("Anexo eliminado"),
                "asistencia.registrar": _("Asistencia registrada"),
                "invitado.agregar": _("Invitado agregado"),
                "invitado.asistencia": _("Asistencia de invitado"),
                "invitado.quitar": _("Invitado quitado"),
                "persona.registrar": _("Persona registrada"),
            }
        )
        registrar_enlace("sesiones.sesion", "sesiones:detalle")

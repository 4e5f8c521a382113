"""Avisa a la Dirección Jurídica de sesiones a dos días hábiles sin quórum confirmado."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from entregas.avisos import avisos_quorum_revisar


class Command(BaseCommand):
    help = (
        "Revisa las sesiones de los próximos dos días hábiles y avisa por correo a la Dirección "
        "Jurídica si las confirmaciones no alcanzan el quórum (una vez por sesión)."
    )

    def handle(self, *args, **options):
        avisos = avisos_quorum_revisar()
        for aviso in avisos:
            self.stdout.write(
                _("Aviso enviado\t%(sesion)s\t%(confirmados)s de %(requeridos)s")
                % {
                    "sesion": aviso.sesion,
                    "confirmados": aviso.confirmados,
                    "requeridos": aviso.requeridos,
                }
            )
        if not avisos:
            self.stdout.write(_("Sin avisos de quórum pendientes."))

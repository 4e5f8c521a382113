"""Avisa a la Dirección Jurídica de sesiones a dos días hábiles sin quórum confirmado."""

from django.core.management.base import BaseCommand

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
                f"Aviso enviado\t{aviso.sesion}\t{aviso.confirmados} de {aviso.requeridos}"
            )
        if not avisos:
            self.stdout.write("Sin avisos de quórum pendientes.")

"""Corre el seguimiento una vez, en primer plano, e imprime lo que hizo."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from acuerdos import services


class Command(BaseCommand):
    help = "Envía los resúmenes del día (vencidos y por vencer) y revisa los enlaces publicados."

    def add_arguments(self, parser):
        parser.add_argument("--fecha", help="Día a evaluar (AAAA-MM-DD); por omisión, hoy.")
        parser.add_argument("--sin-enlaces", action="store_true", help="No revisar enlaces.")
        parser.add_argument("--sin-correo", action="store_true", help="No enviar resúmenes.")

    def handle(self, *args, **options):
        hoy = None
        if options["fecha"]:
            try:
                hoy = datetime.date.fromisoformat(options["fecha"])
            except ValueError as error:
                raise CommandError(_("La fecha debe tener la forma AAAA-MM-DD.")) from error
        pase = services.seguimiento_ejecutar(
            hoy=hoy, enviar=not options["sin_correo"], origen="comando"
        )
        self.stdout.write(
            f"Seguimiento del {pase.fecha:%d/%m/%Y}: {pase.vencidos} vencidos, "
            f"{pase.por_vencer} por vencer, {pase.correos_enviados} correos enviados, "
            f"{pase.correos_omitidos} ya enviados hoy."
        )
        for destinatario in pase.destinatarios:
            self.stdout.write(f"  → {destinatario['correo']} ({destinatario['acuerdos']} acuerdos)")
        errores = pase.errores
        if not options["sin_enlaces"]:
            enlaces = services.enlaces_revisar(hoy=hoy, origen="comando")
            self.stdout.write(
                f"Enlaces: {enlaces.enlaces_revisados} revisados, "
                f"{enlaces.enlaces_con_problema} marcados para revisión."
            )
            errores += enlaces.errores
        if errores:
            self.stderr.write(self.style.ERROR(f"Errores:\n{errores}"))
        else:
            self.stdout.write(self.style.SUCCESS("Listo."))

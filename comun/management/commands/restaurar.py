"""`python manage.py restaurar DIR`: verifica el respaldo y lo carga de forma atómica."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from comun.respaldo import ErrorRespaldo, respaldo_restaurar


class Command(BaseCommand):
    help = (
        "Restaura un respaldo hecho con «respaldar»: comprueba la firma del manifiesto "
        "(SESIONES_RESPALDO_CLAVE), rechaza enlaces simbólicos y rutas fuera del respaldo, "
        "comprueba huellas y migraciones, carga las filas en una transacción y coloca los "
        "archivos en MEDIA_ROOT."
    )

    def add_arguments(self, parser):
        parser.add_argument("directorio", type=Path, help="Directorio del respaldo.")
        parser.add_argument(
            "--reemplazar",
            action="store_true",
            help="Borra los datos actuales del proyecto antes de cargar el respaldo.",
        )

    def handle(self, *args, directorio: Path, reemplazar: bool, **options):
        try:
            resumen = respaldo_restaurar(directorio=directorio, reemplazar=reemplazar)
        except ErrorRespaldo as error:
            raise CommandError(error.mensaje) from error
        for modelo, filas in sorted(resumen.filas.items()):
            if filas or options["verbosity"] > 1:
                self.stdout.write(f"{modelo:<40} {filas:>9}")
        if resumen.archivos_anteriores:
            self.stdout.write(
                _("Los archivos que había en MEDIA_ROOT quedaron en %(ruta)s.")
                % {"ruta": resumen.archivos_anteriores}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restauración completa: %(filas)s filas de %(modelos)s modelos y "
                    "%(archivos)s archivos (%(bytes)s bytes)."
                )
                % {
                    "filas": resumen.total_filas,
                    "modelos": len(resumen.filas),
                    "archivos": resumen.archivos,
                    "bytes": resumen.bytes_archivos,
                }
            )
        )

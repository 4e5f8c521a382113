"""`python manage.py respaldar --salida DIR`: base de datos y archivos en un directorio."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sesiones.respaldo import ErrorRespaldo, respaldo_crear


class Command(BaseCommand):
    help = "Respalda todas las filas y los archivos subidos en DIR, con manifiesto y SHA-256."

    def add_arguments(self, parser):
        parser.add_argument("--salida", required=True, type=Path, help="Directorio destino.")
        parser.add_argument(
            "--forzar", action="store_true", help="Sobrescribe un directorio que no está vacío."
        )

    def handle(self, *args, salida: Path, forzar: bool, **options):
        try:
            resumen = respaldo_crear(salida=salida, forzar=forzar)
        except ErrorRespaldo as error:
            raise CommandError(error.mensaje) from error
        if options["verbosity"] > 1:
            for modelo, filas in sorted(resumen.filas.items()):
                self.stdout.write(f"{modelo:<40} {filas:>9}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Respaldo listo en {resumen.directorio}: {resumen.total_filas} filas de "
                f"{len(resumen.filas)} modelos y {resumen.archivos} archivos "
                f"({resumen.bytes_archivos} bytes)."
            )
        )

"""`python manage.py respaldar --salida DIR` o `--carpeta DIR`: base de datos y archivos.

Con ``--salida`` el respaldo va a ese directorio. Con ``--carpeta`` cada respaldo va a
``DIR/respaldo-AAAAMMDD-HHMMSS/`` (hora UTC) y se conservan solo las
``SESIONES_RESPALDO_COPIAS`` copias más recientes (7 por omisión): lo que corre cada noche.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from comun.respaldo import ErrorRespaldo, respaldo_crear, respaldo_crear_rotando


class Command(BaseCommand):
    help = (
        "Respalda todas las filas y los archivos subidos, con manifiesto SHA-256 firmado "
        "(HMAC). --salida DIR escribe en DIR; --carpeta DIR escribe una copia nueva con fecha "
        "y borra las más antiguas que excedan SESIONES_RESPALDO_COPIAS."
    )

    def add_arguments(self, parser):
        destino = parser.add_mutually_exclusive_group(required=True)
        destino.add_argument("--salida", type=Path, help="Directorio destino.")
        destino.add_argument(
            "--carpeta",
            type=Path,
            help="Carpeta de copias: crea DIR/respaldo-AAAAMMDD-HHMMSS/ y rota las anteriores.",
        )
        parser.add_argument(
            "--forzar",
            action="store_true",
            help="Con --salida: sobrescribe un respaldo anterior en el mismo directorio.",
        )

    def handle(self, *args, salida: Path | None, carpeta: Path | None, forzar: bool, **options):
        if carpeta is not None and forzar:
            raise CommandError(_("--forzar solo se usa con --salida."))
        try:
            if carpeta is not None:
                resumen = respaldo_crear_rotando(carpeta=carpeta)
            else:
                assert salida is not None  # el grupo --salida/--carpeta es obligatorio
                resumen = respaldo_crear(salida=salida, forzar=forzar)
        except ErrorRespaldo as error:
            raise CommandError(error.mensaje) from error
        if options["verbosity"] > 1:
            for modelo, filas in sorted(resumen.filas.items()):
                self.stdout.write(f"{modelo:<40} {filas:>9}")
        for vieja in resumen.eliminadas:
            self.stdout.write(_("Copia anterior eliminada: %(ruta)s") % {"ruta": vieja})
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Respaldo listo en %(directorio)s: %(filas)s filas de %(modelos)s modelos "
                    "y %(archivos)s archivos (%(bytes)s bytes)."
                )
                % {
                    "directorio": resumen.directorio,
                    "filas": resumen.total_filas,
                    "modelos": len(resumen.filas),
                    "archivos": resumen.archivos,
                    "bytes": resumen.bytes_archivos,
                }
            )
        )

"""Exporta el formato de actas de sesiones de la PNT (XLSX o CSV, según la extensión)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from transparencia import exportacion, informe


class Command(BaseCommand):
    help = "Exporta las actas de sesiones del trimestre en el formato de la PNT (.xlsx o .csv)."

    def add_arguments(self, parser):
        parser.add_argument("--anio", type=int, required=True, help="Año, p. ej. 2022.")
        parser.add_argument("--trimestre", type=int, required=True, help="Trimestre: 1 a 4.")
        parser.add_argument("--salida", required=True, help="Archivo .xlsx o .csv a escribir.")

    def handle(self, *args, anio, trimestre, salida, **options):
        destino = Path(salida)
        extension = destino.suffix.lower()
        if extension not in (".xlsx", ".csv"):
            raise CommandError(_("La salida debe terminar en .xlsx o .csv."))
        try:
            filas = exportacion.pnt_filas(anio=anio, trimestre=trimestre)
        except informe.TrimestreInvalido as error:
            raise CommandError(str(error)) from None
        contenido = (
            exportacion.pnt_xlsx(filas) if extension == ".xlsx" else exportacion.pnt_csv(filas)
        )
        destino.parent.mkdir(parents=True, exist_ok=True)
        destino.write_bytes(contenido)
        self.stdout.write(
            self.style.SUCCESS(
                _("%(n)s sesiones exportadas a %(destino)s") % {"n": len(filas), "destino": destino}
            )
        )

"""Escribe la sección de la Dirección Jurídica del informe trimestral en un DOCX."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from transparencia import informe


class Command(BaseCommand):
    help = "Genera el informe trimestral de la Dirección Jurídica (DOCX) desde los registros."

    def add_arguments(self, parser):
        parser.add_argument("--anio", type=int, required=True, help="Año, p. ej. 2022.")
        parser.add_argument("--trimestre", type=int, required=True, help="Trimestre: 1 a 4.")
        parser.add_argument("--salida", required=True, help="Archivo .docx a escribir.")

    def handle(self, *args, anio, trimestre, salida, **options):
        try:
            datos = informe.informe_datos(anio=anio, trimestre=trimestre)
        except informe.TrimestreInvalido as error:
            raise CommandError(str(error)) from None
        destino = Path(salida)
        destino.parent.mkdir(parents=True, exist_ok=True)
        destino.write_bytes(informe.informe_docx(datos))
        for parrafo in datos.parrafos():
            self.stdout.write(parrafo)
        self.stdout.write(
            self.style.SUCCESS(_("Informe escrito en %(destino)s") % {"destino": destino})
        )

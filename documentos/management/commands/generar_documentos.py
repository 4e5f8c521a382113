"""Genera documentos de una sesión desde la línea de comandos y los copia a un directorio."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documentos import contexto as ctx
from documentos import services as docs
from documentos.models import DOCUMENTOS_POR_LOTE, EstadoLote, LoteDocumentos, TipoLote
from sesiones.exceptions import ErrorSesiones
from sesiones.models import Sesion

TIPOS = {
    "convocatorias": TipoLote.CONVOCATORIAS,
    "invitaciones": TipoLote.INVITACIONES,
    "orden_del_dia": TipoLote.ORDEN_DEL_DIA,
    "lista_asistencia": TipoLote.LISTA_ASISTENCIA,
    "acta": TipoLote.ACTA,
    "certificacion": TipoLote.CERTIFICACION,
}


class Command(BaseCommand):
    help = "Genera los documentos de una sesión y escribe una línea por archivo."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sesion", required=True, help="Clave de la sesión, p. ej. SO-04-CC/SAECH/2022"
        )
        parser.add_argument("--tipo", required=True, choices=sorted(TIPOS))
        parser.add_argument(
            "--salida", required=True, help="Directorio donde escribir los archivos"
        )

    def handle(self, *args, sesion, tipo, salida, **options):
        encontradas = list(Sesion.objects.filter(clave=sesion)[:2])
        if not encontradas:
            raise CommandError(
                _("No existe una sesión con la clave «%(clave)s».") % {"clave": sesion}
            )
        if len(encontradas) > 1:
            raise CommandError(
                _("Hay más de una sesión con la clave «%(clave)s».") % {"clave": sesion}
            )
        destino = Path(salida)
        destino.mkdir(parents=True, exist_ok=True)
        faltan = ctx.faltantes(encontradas[0], DOCUMENTOS_POR_LOTE[TIPOS[tipo]])
        if faltan:
            raise CommandError(
                _("Faltan datos para generar los documentos:\n- %(faltan)s")
                % {"faltan": "\n- ".join(faltan)}
            )
        try:
            lote = LoteDocumentos.objects.create(sesion=encontradas[0], tipo=TIPOS[tipo])
            lote = docs.lote_procesar(lote_id=lote.pk)
        except ErrorSesiones as error:
            raise CommandError(error.mensaje) from error
        if lote is None or lote.estado != EstadoLote.TERMINADO:
            raise CommandError(lote.error if lote else _("El lote no se pudo procesar."))
        for documento in lote.documentos.select_related("destinatario").order_by("tipo", "pk"):
            for campo, extension in ((documento.archivo, ".docx"), (documento.pdf, ".pdf")):
                if not campo:
                    continue
                ruta = destino / (documento.nombre_descarga[:-5] + extension)
                with campo.open("rb") as origen:
                    ruta.write_bytes(origen.read())
                destinatario = str(documento.destinatario) if documento.destinatario else "—"
                self.stdout.write(f"{documento.get_tipo_display()}\t{destinatario}\t{ruta}")

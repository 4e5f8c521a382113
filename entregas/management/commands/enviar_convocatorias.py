"""Envía las convocatorias de una sesión por correo; genera antes los documentos que falten."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documentos import contexto as ctx
from documentos import services as docs
from documentos.models import DOCUMENTOS_POR_LOTE, EstadoLote, LoteDocumentos, TipoLote
from entregas import services as srv
from entregas.models import Entrega, MotivoEntrega
from sesiones.exceptions import ErrorSesiones
from sesiones.models import Sesion


class Command(BaseCommand):
    help = (
        "Envía por correo las convocatorias e invitaciones de una sesión (una línea por persona)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sesion", required=True, help="Clave de la sesión, p. ej. SO-04-CC/SAECH/2022"
        )

    def handle(self, *args, sesion, **options):
        encontradas = list(Sesion.objects.filter(clave=sesion).select_related("organo")[:2])
        if not encontradas:
            raise CommandError(
                _("No existe una sesión con la clave «%(clave)s».") % {"clave": sesion}
            )
        if len(encontradas) > 1:
            raise CommandError(
                _("Hay más de una sesión con la clave «%(clave)s».") % {"clave": sesion}
            )
        objetivo = encontradas[0]
        personas = {p.pk for p, _i in srv.destinatarios(objetivo)}
        if not personas.issubset(srv.documentos_vigentes(objetivo)):
            self._generar(objetivo)
        try:
            srv.entregas_solicitar(sesion=objetivo, usuario=None)
        except ErrorSesiones as error:
            raise CommandError(error.mensaje) from error
        # Con el clúster asíncrono la tarea ya quedó en cola; aquí se envía en línea y lo ya
        # tomado por la tarea se salta, así que nadie recibe dos correos.
        srv.entregas_enviar_pendientes(sesion_id=objetivo.pk)
        entregas = (
            Entrega.objects.filter(sesion=objetivo, motivo=MotivoEntrega.CONVOCATORIA)
            .select_related("persona")
            .order_by("persona__nombre")
        )
        for entrega in entregas:
            detalle = entrega.error if entrega.error else (entrega.correo or "—")
            self.stdout.write(f"{entrega.get_estado_display()}\t{entrega.persona}\t{detalle}")

    def _generar(self, sesion):
        tipos = DOCUMENTOS_POR_LOTE[TipoLote.CONVOCATORIAS_INVITACIONES]
        faltan = ctx.faltantes(sesion, tipos)
        if faltan:
            raise CommandError(
                _("Faltan datos para generar las convocatorias:\n- %(faltan)s")
                % {"faltan": "\n- ".join(faltan)}
            )
        lote = LoteDocumentos.objects.create(
            sesion=sesion, tipo=TipoLote.CONVOCATORIAS_INVITACIONES
        )
        try:
            lote = docs.lote_procesar(lote_id=lote.pk)
        except ErrorSesiones as error:
            raise CommandError(error.mensaje) from error
        if lote is None or lote.estado != EstadoLote.TERMINADO:
            raise CommandError(
                lote.error if lote else _("No se pudieron generar las convocatorias.")
            )
        self.stdout.write(_("Documentos generados: %(n)s") % {"n": lote.hechos})

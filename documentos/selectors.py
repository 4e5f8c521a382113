"""Lecturas para el panel de documentos de una sesión."""

from django.utils.translation import gettext_lazy as _

from documentos import contexto as ctx
from documentos.models import (
    DOCUMENTOS_POR_LOTE,
    DocumentoGenerado,
    EstadoLote,
    LoteDocumentos,
    TipoLote,
)
from sesiones.models import Sesion

# Botones del panel: (tipo de lote, etiqueta).
BOTONES = [
    (TipoLote.CONVOCATORIAS_INVITACIONES, _("Generar convocatorias")),
    (TipoLote.ORDEN_DEL_DIA, _("Generar orden del día")),
    (TipoLote.LISTA_ASISTENCIA, _("Lista de asistencia")),
    (TipoLote.ACTA, _("Acta")),
    (TipoLote.CERTIFICACION, _("Certificación del acta")),
]


def panel_documentos(*, sesion: Sesion) -> dict:
    documentos = list(
        DocumentoGenerado.objects.filter(sesion=sesion, vigente=True)
        .select_related("destinatario", "generado_por", "plantilla")
        .order_by("tipo", "destinatario__nombre", "pk")
    )
    anteriores = DocumentoGenerado.objects.filter(sesion=sesion, vigente=False).count()
    lotes = list(LoteDocumentos.objects.filter(sesion=sesion).order_by("-creado", "-pk")[:20])
    activos = [lote for lote in lotes if lote.activo]
    ultimos_zip = {}
    for lote in lotes:
        if lote.estado == EstadoLote.TERMINADO and lote.zip and lote.tipo not in ultimos_zip:
            ultimos_zip[lote.tipo] = lote
    fallidos: list[LoteDocumentos] = []
    for lote in lotes:
        # Solo interesa el fallo si no hubo después un lote exitoso o activo del mismo tipo.
        posteriores = [
            otro
            for otro in lotes
            if otro.tipo == lote.tipo
            and otro.creado > lote.creado
            and otro.estado != EstadoLote.FALLIDO
        ]
        if (
            lote.estado == EstadoLote.FALLIDO
            and not posteriores
            and all(f.tipo != lote.tipo for f in fallidos)
        ):
            fallidos.append(lote)
    botones = [
        {
            "tipo": tipo,
            "etiqueta": etiqueta,
            "faltantes": ctx.faltantes(sesion, DOCUMENTOS_POR_LOTE[tipo]),
        }
        for tipo, etiqueta in BOTONES
    ]
    return {
        "documentos": documentos,
        "anteriores": anteriores,
        "lotes_activos": activos,
        "lotes_zip": list(ultimos_zip.values()),
        "lotes_fallidos": fallidos,
        "avisos_pdf": [
            lote for lote in lotes[:1] if lote.estado == EstadoLote.TERMINADO and lote.error
        ],
        "botones": botones,
    }

"""Contexto de acuerdos para el acta y las certificaciones (registrado en AcuerdosConfig.ready)."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from acuerdos import flujo
from acuerdos.exceptions import TransicionAcuerdoNoPermitida
from acuerdos.models import Acuerdo
from acuerdos.selectors import acuerdos_de_sesion
from bitacora.services import bitacora_registrar
from comun import letras
from comun.roles import es_juridico, exige_rol
from documentos.contexto import contexto_base
from documentos.individual import documento_individual_generar
from documentos.models import DocumentoGenerado, TipoDocumento
from documentos.services import DocumentosIncompletos

# Variables que la certificación de un acuerdo añade a las comunes: (nombre, descripción, ejemplo).
VARIABLES_CERTIFICACION_ACUERDO = [
    ("clave", "Clave del acuerdo", "CC/SO-04/001/2022"),
    ("numero", "Número del acuerdo", "1"),
    ("texto", "Texto vigente del acuerdo", "Se aprueba el orden del día."),
    (
        "votacion",
        "Resultado de la votación",
        "aprobado por unanimidad de votos de los integrantes presentes",
    ),
    ("a_favor", "Votos a favor", "7"),
    ("en_contra", "Votos en contra", "0"),
    ("abstenciones", "Abstenciones", "0"),
    ("punto_numero", "Número del punto del orden del día", "3"),
    ("punto_titulo", "Título del punto del orden del día", "Aprobación del orden del día."),
    ("numero_oficio", "Folio de la certificación", "SESAECH/DJ/0013/2022"),
    (
        "fecha_certificacion_letras",
        "Fecha de la certificación en letras",
        "veintiocho de febrero de dos mil veintidós",
    ),
]


def acuerdo_para_documento(acuerdo) -> dict:
    votacion = getattr(acuerdo, "votacion", None)
    return {
        "clave": acuerdo.clave,
        "numero": acuerdo.numero,
        "texto": acuerdo.texto,
        "votacion": votacion.texto if votacion else "",
        "a_favor": votacion.a_favor if votacion else 0,
        "en_contra": votacion.en_contra if votacion else 0,
        "abstenciones": votacion.abstenciones if votacion else 0,
    }


def ampliar_acta(sesion, contexto: dict) -> dict:
    """Añade a cada punto sus acuerdos (aprobados o no, en el orden del día) y la lista plana."""
    puntos = {p.get("id"): p for p in contexto.get("puntos", []) if isinstance(p, dict)}
    for datos_punto in puntos.values():
        datos_punto.setdefault("acuerdos", [])
    planos = []
    for acuerdo in acuerdos_de_sesion(sesion):
        datos = acuerdo_para_documento(acuerdo)
        planos.append(datos)
        punto = puntos.get(acuerdo.punto_id)
        if punto is not None:
            punto["acuerdos"].append(datos)
    contexto["acuerdos"] = planos
    contexto["total_acuerdos"] = len(planos)
    return contexto


def referencia_acuerdo(acuerdo) -> str:
    return f"acuerdo:{acuerdo.pk}"


def contexto_certificacion_acuerdo(acuerdo: Acuerdo) -> dict:
    """Contexto completo de la copia certificada de un acuerdo (el folio lo pone la maquinaria)."""
    contexto = contexto_base(acuerdo.sesion)
    contexto.update(acuerdo_para_documento(acuerdo))
    contexto.update(
        {
            "punto_numero": acuerdo.punto.orden if acuerdo.punto is not None else "",
            "punto_titulo": acuerdo.punto.titulo if acuerdo.punto is not None else "",
            "numero_oficio": "",
            "fecha_certificacion_letras": letras.fecha_en_letras(timezone.localdate()),
        }
    )
    return contexto


@exige_rol(es_juridico, _lazy("Solo la Dirección Jurídica certifica acuerdos."))
def certificacion_acuerdo_generar(*, acuerdo: Acuerdo, usuario: User | None) -> DocumentoGenerado:
    """Genera una versión nueva de la copia certificada; lo enviado o firmado no se toca."""
    acuerdo = Acuerdo.objects.select_related("sesion__organo", "sesion__periodo", "punto").get(
        pk=acuerdo.pk
    )
    # Solo lo aprobado existe como acuerdo del órgano y puede certificarse (flujo.CAPACIDADES).
    if not acuerdo.puede(flujo.CERTIFICAR):
        raise TransicionAcuerdoNoPermitida(
            _("Solo se certifica un acuerdo aprobado; el acuerdo %(clave)s está %(estado)s.")
            % {"clave": acuerdo.clave, "estado": acuerdo.get_estado_display().lower()}
        )
    contexto = contexto_base(acuerdo.sesion)
    if not contexto["firmante_nombre"] or not contexto["firmante_cargo"]:
        raise DocumentosIncompletos(
            [f"No hay firmante con cargo configurado para el {acuerdo.sesion.organo.nombre}."]
        )
    nombre = f"certificacion_{slugify(acuerdo.clave) or f'acuerdo-{acuerdo.pk}'}.docx"
    with transaction.atomic():
        documento = documento_individual_generar(
            tipo=TipoDocumento.CERTIFICACION_ACUERDO,
            sesion=acuerdo.sesion,
            objeto=acuerdo,
            referencia=referencia_acuerdo(acuerdo),
            nombre_descarga=nombre,
            usuario=usuario,
        )
        bitacora_registrar(
            usuario=usuario,
            accion="acuerdo.certificar",
            objeto=documento,
            sesion=acuerdo.sesion,
            datos={
                "acuerdo": acuerdo.clave,
                "acuerdo_id": acuerdo.pk,
                "folio": documento.numero_oficio,
                "version": documento.version,
            },
        )
    return documento


def certificaciones_de_acuerdo(*, acuerdo: Acuerdo):
    return DocumentoGenerado.objects.filter(
        tipo=TipoDocumento.CERTIFICACION_ACUERDO, referencia=referencia_acuerdo(acuerdo)
    ).order_by("-version")

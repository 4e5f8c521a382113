"""El seguimiento diario: envía los resúmenes de vencidos y por vencer y revisa enlaces.

Vencido y por vencer no se guardan: se calculan al leer (`Acuerdo.objects.con_vencimiento`), así
que el pase no escribe en los acuerdos; solo envía. Los resúmenes se arman leyendo por lotes con
`iterator(chunk_size=…)`. Cada aviso se reclama (fila única por destinatario, día y tipo) antes de
enviarse: una segunda ejecución el mismo día no repite nada.
"""

import datetime
import logging
import traceback

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from acuerdos.enlaces import revisar_enlace
from acuerdos.models import (
    Acuerdo,
    AvisoEnviado,
    CambioEstadoAcuerdo,
    EjecucionSeguimiento,
    EstadoAcuerdo,
    EstadoEnlace,
    MedioPublicacion,
    Publicacion,
    RequierePublicacion,
    TipoEjecucion,
)
from comun.letras import fecha_larga
from comun.roles import GRUPO_JURIDICO

logger = logging.getLogger(__name__)

LOTE = 1000
# Cuántos acuerdos se listan en un correo; el resto se consulta con el enlace a la lista.
MAXIMO_EN_CORREO = 100


def _enlaces_por_ejecucion() -> int:
    return getattr(settings, "ACUERDOS_ENLACES_POR_EJECUCION", 200)


def _url(ruta: str) -> str:
    return f"{settings.SITE_URL}{ruta}"


# Resúmenes


def _fila(acuerdo: dict, hoy: datetime.date) -> dict:
    limite = acuerdo["fecha_limite"]
    return {
        "clave": acuerdo["clave"],
        "extracto": _extracto(acuerdo["texto"]),
        "organo": acuerdo["organo__siglas"],
        "estado": EstadoAcuerdo(acuerdo["estado"]).label,
        "fecha_limite": fecha_larga(limite) if limite else "",
        "dias_vencido": max((hoy - limite).days, 0) if limite else 0,
        "vencido": acuerdo["vencido"],
        "url": _url(reverse("acuerdos:detalle", args=[acuerdo["pk"]])),
    }


def _extracto(texto: str, largo: int = 160) -> str:
    texto = " ".join((texto or "").split())
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"


CAMPOS_RESUMEN = (
    "pk",
    "clave",
    "texto",
    "estado",
    "fecha_limite",
    "vencido",
    "organo__siglas",
    "responsable_id",
    "responsable__nombre",
    "responsable__correo",
    "responsable__persona__correo",
)


def _pendientes_por_responsable(hoy: datetime.date) -> dict[int, dict]:
    """Un grupo por responsable con correo; cada grupo cuenta todo y guarda hasta el máximo."""
    grupos: dict[int, dict] = {}
    consulta = (
        Acuerdo.objects.vencidos_o_por_vencer(hoy)
        .con_vencimiento(hoy)
        .filter(responsable__isnull=False, responsable__activo=True)
        .order_by("responsable_id", "fecha_limite", "pk")
        .values(*CAMPOS_RESUMEN)
    )
    for fila in consulta.iterator(chunk_size=LOTE):
        correo = fila["responsable__correo"] or fila["responsable__persona__correo"]
        if not correo:
            continue
        grupo = grupos.setdefault(
            fila["responsable_id"],
            {
                "nombre": fila["responsable__nombre"],
                "correo": correo,
                "vencidos": [],
                "por_vencer": [],
                "total_vencidos": 0,
                "total_por_vencer": 0,
            },
        )
        clave = "vencidos" if fila["vencido"] else "por_vencer"
        grupo[f"total_{clave}"] += 1
        if len(grupo[clave]) < MAXIMO_EN_CORREO:
            grupo[clave].append(_fila(fila, hoy))
    return grupos


def _resumen_juridico(hoy: datetime.date) -> dict:
    acuerdos = Acuerdo.objects.con_vencimiento(hoy)
    vencidos = acuerdos.vencidos(hoy)
    sin_publicar = acuerdos.filter(estado=EstadoAcuerdo.CUMPLIDO).exclude(
        publicacion=RequierePublicacion.NINGUNA
    )
    revision = acuerdos.filter(requiere_revision=True)

    def primeras(consulta):
        return [
            _fila(f, hoy)
            for f in consulta.order_by("fecha_limite", "pk").values(*CAMPOS_RESUMEN)[
                :MAXIMO_EN_CORREO
            ]
        ]

    return {
        "vencidos": primeras(vencidos),
        "total_vencidos": vencidos.count(),
        "sin_publicar": primeras(sin_publicar),
        "total_sin_publicar": sin_publicar.count(),
        "revision": primeras(revision),
        "total_revision": revision.count(),
    }


def _correos_juridico() -> list[str]:
    correos = set(
        User.objects.filter(groups__name=GRUPO_JURIDICO, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    extra = getattr(settings, "ACUERDOS_CORREO_JURIDICO", "")
    if extra:
        correos.add(extra)
    return sorted(c.lower() for c in correos)


def aviso_reclamar(
    *, destinatario: str, fecha: datetime.date, tipo: str, referencia: str = "", acuerdos: int = 0
) -> AvisoEnviado | None:
    """Inserta la fila del aviso si no existe; None si otra ejecución ya lo reclamó."""
    try:
        with transaction.atomic():
            return AvisoEnviado.objects.create(
                destinatario=destinatario.lower(),
                fecha=fecha,
                tipo=tipo,
                referencia=referencia,
                acuerdos=acuerdos,
            )
    except IntegrityError:
        return None


def _enviar(*, asunto: str, plantilla: str, contexto: dict, destinatario: str) -> None:
    texto = render_to_string(f"acuerdos/correo/{plantilla}.txt", contexto)
    html = render_to_string(f"acuerdos/correo/{plantilla}.html", contexto)
    mensaje = EmailMultiAlternatives(asunto, texto, to=[destinatario])
    mensaje.attach_alternative(html, "text/html")
    mensaje.send()


def _enviar_reclamado(aviso: AvisoEnviado, **kwargs) -> str:
    """Envía; si falla, deja el error en la fila del aviso y lo devuelve para la bitácora."""
    try:
        _enviar(**kwargs)
    except Exception as error:  # noqa: BLE001 — un correo fallido no detiene el seguimiento
        mensaje = f"{aviso.destinatario}: {error}"
        AvisoEnviado.objects.filter(pk=aviso.pk).update(error=str(error)[:2000])
        logger.warning("No se envió el resumen a %s: %s", aviso.destinatario, error)
        return mensaje
    return ""


def resumenes_enviar(*, hoy: datetime.date, ejecucion: EjecucionSeguimiento) -> None:
    fecha_texto = fecha_larga(hoy)
    asunto = f"Acuerdos pendientes al {fecha_texto}"
    errores = []
    lista = _url(reverse("acuerdos:lista"))
    for grupo in _pendientes_por_responsable(hoy).values():
        aviso = aviso_reclamar(
            destinatario=grupo["correo"],
            fecha=hoy,
            tipo="resumen_responsable",
            acuerdos=grupo["total_vencidos"] + grupo["total_por_vencer"],
        )
        if aviso is None:
            ejecucion.correos_omitidos += 1
            continue
        error = _enviar_reclamado(
            aviso,
            asunto=asunto,
            plantilla="resumen_responsable",
            destinatario=grupo["correo"],
            contexto={
                **grupo,
                "fecha": fecha_texto,
                "lista_url": lista,
                "maximo": MAXIMO_EN_CORREO,
            },
        )
        if error:
            errores.append(error)
        else:
            ejecucion.correos_enviados += 1
            ejecucion.destinatarios.append(
                {"correo": grupo["correo"], "tipo": "responsable", "acuerdos": aviso.acuerdos}
            )
    juridico = None
    for correo in _correos_juridico():
        juridico = juridico or _resumen_juridico(hoy)
        total = (
            juridico["total_vencidos"] + juridico["total_sin_publicar"] + juridico["total_revision"]
        )
        if not total:
            break
        aviso = aviso_reclamar(
            destinatario=correo, fecha=hoy, tipo="resumen_juridico", acuerdos=total
        )
        if aviso is None:
            ejecucion.correos_omitidos += 1
            continue
        error = _enviar_reclamado(
            aviso,
            asunto=f"Seguimiento de acuerdos al {fecha_texto}: vencidos y sin publicar",
            plantilla="resumen_juridico",
            destinatario=correo,
            contexto={
                **juridico,
                "fecha": fecha_texto,
                "lista_url": lista,
                "maximo": MAXIMO_EN_CORREO,
            },
        )
        if error:
            errores.append(error)
        else:
            ejecucion.correos_enviados += 1
            ejecucion.destinatarios.append(
                {"correo": correo, "tipo": "juridico", "acuerdos": total}
            )
    if errores:
        ejecucion.errores += "\n".join(errores) + "\n"


def seguimiento_ejecutar(
    *, hoy: datetime.date | None = None, enviar: bool = True, origen: str = "tarea"
) -> EjecucionSeguimiento:
    """El pase diario: cuenta vencidos y por vencer de `hoy` y envía los resúmenes; no escribe en
    los acuerdos. Nunca lanza: los errores quedan en la bitácora de ejecuciones."""
    hoy = hoy or timezone.localdate()
    ejecucion = EjecucionSeguimiento.objects.create(
        tipo=TipoEjecucion.PASE, fecha=hoy, origen=origen[:40]
    )
    try:
        ejecucion.vencidos = Acuerdo.objects.vencidos(hoy).count()
        ejecucion.por_vencer = Acuerdo.objects.por_vencer(hoy).count()
        if enviar:
            resumenes_enviar(hoy=hoy, ejecucion=ejecucion)
    except Exception:  # noqa: BLE001 — la ejecución se registra aunque algo falle
        logger.exception("Falló el seguimiento de acuerdos")
        ejecucion.errores += traceback.format_exc()[-4000:]
    ejecucion.fin = timezone.now()
    ejecucion.save()
    return ejecucion


# Enlaces publicados


def enlaces_revisar(
    *,
    hoy: datetime.date | None = None,
    limite: int | None = None,
    origen: str = "tarea",
    timeout: float = 5.0,
) -> EjecucionSeguimiento:
    """Revisa los enlaces web de acuerdos publicados no revisados hoy, los más antiguos primero.

    Un enlace roto, sin la clave o que no responde marca el acuerdo para revisión; nunca lanza.
    """
    hoy = hoy or timezone.localdate()
    limite = limite or _enlaces_por_ejecucion()
    ejecucion = EjecucionSeguimiento.objects.create(
        tipo=TipoEjecucion.ENLACES, fecha=hoy, origen=origen[:40]
    )
    inicio_dia = timezone.make_aware(datetime.datetime.combine(hoy, datetime.time.min))
    try:
        publicados = (
            Acuerdo.objects.filter(estado=EstadoAcuerdo.PUBLICADO, publicaciones__medio="web")
            .filter(Q(enlace_revisado__isnull=True) | Q(enlace_revisado__lt=inicio_dia))
            .order_by("enlace_revisado", "pk")
            .distinct()
            .values_list("pk", "clave")[:limite]
        )
        pendientes = list(publicados)
        urls = {}
        for pub in (
            Publicacion.objects.filter(
                acuerdo_id__in=[pk for pk, _c in pendientes], medio=MedioPublicacion.WEB
            )
            .order_by("acuerdo_id", "fecha", "pk")
            .values_list("acuerdo_id", "url")
        ):
            urls[pub[0]] = pub[1]  # la más reciente gana
        for pk, clave in pendientes:
            resultado = revisar_enlace(urls.get(pk, ""), clave, timeout=timeout)
            problema = resultado.estado != EstadoEnlace.OK
            Acuerdo.objects.filter(pk=pk).update(
                enlace_estado=resultado.estado,
                enlace_motivo=resultado.motivo[:300],
                enlace_revisado=timezone.now(),
                requiere_revision=problema,
            )
            ejecucion.enlaces_revisados += 1
            ejecucion.enlaces_con_problema += int(problema)
    except Exception:  # noqa: BLE001
        logger.exception("Falló la revisión de enlaces")
        ejecucion.errores += traceback.format_exc()[-4000:]
    ejecucion.fin = timezone.now()
    ejecucion.save()
    return ejecucion


# Aviso de asignación (encolado al poner un acuerdo en seguimiento)


def asignacion_avisar(*, cambio_id: int) -> bool:
    cambio = (
        CambioEstadoAcuerdo.objects.select_related(
            "acuerdo__responsable__persona", "acuerdo__organo"
        )
        .filter(pk=cambio_id)
        .first()
    )
    if cambio is None:
        return False
    acuerdo = cambio.acuerdo
    responsable = acuerdo.responsable
    if responsable is None:
        return False
    correo = responsable.correo_aviso
    if not correo:
        return False
    aviso = aviso_reclamar(
        destinatario=correo,
        fecha=timezone.localdate(),
        tipo="asignacion",
        referencia=str(cambio.pk),
        acuerdos=1,
    )
    if aviso is None:
        return False
    hoy = timezone.localdate()
    fila = {
        "clave": acuerdo.clave,
        "extracto": _extracto(acuerdo.texto, 400),
        "fecha_limite": fecha_larga(acuerdo.fecha_limite) if acuerdo.fecha_limite else "",
        "url": _url(acuerdo.get_absolute_url()),
        "organo": acuerdo.organo.siglas,
        "dias_vencido": max((hoy - acuerdo.fecha_limite).days, 0) if acuerdo.fecha_limite else 0,
    }
    return not _enviar_reclamado(
        aviso,
        asunto=f"Acuerdo {acuerdo.clave} asignado para su seguimiento",
        plantilla="asignacion",
        destinatario=correo,
        contexto={"acuerdo": fila, "responsable": responsable.nombre},
    )

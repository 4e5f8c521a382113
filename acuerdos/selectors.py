"""Lecturas de acuerdos: lo que las vistas y los documentos muestran, sin efectos."""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from acuerdos.models import (
    Acuerdo,
    AcuerdoQuerySet,
    EstadoAcuerdo,
    RequierePublicacion,
    normalizar_busqueda,
    q_por_vencer,
    q_vencido,
)
from comun.roles import es_personal
from sesiones.models import OrganoColegiado, Sesion
from sesiones.permisos import organos_de_integrante

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def acuerdos_visibles(user) -> AcuerdoQuerySet:
    """Personal: todos. Integrante: los de los órganos que integra hoy. Nadie más: ninguno."""
    if es_personal(user):
        return Acuerdo.objects.all()
    if user.is_authenticated and user.is_active:
        return Acuerdo.objects.filter(organo_id__in=organos_de_integrante(user))
    return Acuerdo.objects.none()


def acuerdo_visible_o_404(user, pk: int) -> Acuerdo:
    acuerdo = (
        acuerdos_visibles(user)
        .select_related("organo", "sesion__organo", "punto", "responsable", "votacion")
        .filter(pk=pk)
        .first()
    )
    if acuerdo is None:
        raise Http404(_("Acuerdo no encontrado"))
    return acuerdo


def acuerdos_filtrar(
    *,
    user,
    organo: int | None = None,
    anio: int | None = None,
    estado: str = "",
    responsable: int | None = None,
    vencido: bool = False,
    pendiente_publicacion: bool = False,
    revision: bool = False,
    texto: str = "",
) -> QuerySet:
    hoy = timezone.localdate()
    acuerdos = (
        acuerdos_visibles(user)
        .con_vencimiento(hoy)
        .select_related("organo", "sesion", "responsable", "votacion")
    )
    if organo:
        acuerdos = acuerdos.filter(organo_id=organo)
    if anio:
        acuerdos = acuerdos.filter(anio=anio)
    if estado:
        acuerdos = acuerdos.filter(estado=estado)
    if responsable:
        acuerdos = acuerdos.filter(responsable_id=responsable)
    if vencido:
        acuerdos = acuerdos.vencidos(hoy)
    if pendiente_publicacion:
        acuerdos = acuerdos.filter(estado=EstadoAcuerdo.CUMPLIDO).exclude(
            publicacion=RequierePublicacion.NINGUNA
        )
    if revision:
        acuerdos = acuerdos.filter(requiere_revision=True)
    for palabra in normalizar_busqueda(texto).split()[:8]:
        acuerdos = acuerdos.filter(texto_busqueda__contains=palabra)
    # Lo vencido primero; después lo que vence antes; al final lo más reciente.
    return acuerdos.order_by("-vencido", "-por_vencer", "fecha_limite", "-anio", "-numero")


def acuerdos_de_sesion(sesion: Sesion) -> list[Acuerdo]:
    """En el orden del acta: por punto del orden del día y número."""
    return list(
        Acuerdo.objects.con_vencimiento()
        .filter(sesion=sesion)
        .select_related("punto", "responsable", "votacion")
        .prefetch_related("votacion__votos__integrante__persona")
        .order_by("punto__orden", "numero")
    )


def anios_con_acuerdos() -> list[int]:
    return list(Acuerdo.objects.order_by("-anio").values_list("anio", flat=True).distinct())


@dataclass
class EventoLinea:
    fecha: datetime.datetime
    tipo: str
    titulo: str
    usuario: object
    nota: str = ""
    url: str = ""
    archivo_url: str = ""
    archivo_nombre: str = ""
    datos: object = None


def acuerdo_linea_tiempo(acuerdo: Acuerdo) -> list[EventoLinea]:
    """Cada cambio, avance, versión, votación y publicación, en orden cronológico."""
    eventos: list[EventoLinea] = []
    for cambio in acuerdo.cambios.select_related("usuario"):
        titulo = (
            f"{EstadoAcuerdo(cambio.estado_anterior).label} → {cambio.get_estado_nuevo_display()}"
            if cambio.estado_anterior
            else f"Registrado como {cambio.get_estado_nuevo_display().lower()}"
        )
        eventos.append(
            EventoLinea(
                fecha=cambio.fecha,
                tipo="estado",
                titulo=titulo,
                usuario=cambio.usuario,
                nota=cambio.nota,
                url=cambio.evidencia_url,
                archivo_nombre=cambio.evidencia_nombre,
                archivo_url=reverse("acuerdos:evidencia", args=["cambio", cambio.pk])
                if cambio.evidencia_archivo
                else "",
            )
        )
    for avance in acuerdo.avances.select_related("usuario"):
        eventos.append(
            EventoLinea(
                fecha=avance.fecha,
                tipo="avance",
                titulo="Avance registrado",
                usuario=avance.usuario,
                nota=avance.nota,
                url=avance.evidencia_url,
                archivo_nombre=avance.evidencia_nombre,
                archivo_url=reverse("acuerdos:evidencia", args=["avance", avance.pk])
                if avance.evidencia_archivo
                else "",
            )
        )
    for version in acuerdo.versiones.select_related("usuario").filter(version__gt=1):
        eventos.append(
            EventoLinea(
                fecha=version.fecha,
                tipo="version",
                titulo=f"Corrección del texto (versión {version.version})",
                usuario=version.usuario,
                nota=version.motivo,
                datos=version,
            )
        )
    for publicacion in acuerdo.publicaciones.select_related("usuario"):
        eventos.append(
            EventoLinea(
                fecha=publicacion.registrada,
                tipo="publicacion",
                titulo=f"Publicación en {publicacion.get_medio_display()}",
                usuario=publicacion.usuario,
                url=publicacion.url,
                datos=publicacion,
                archivo_nombre=publicacion.archivo_nombre,
                archivo_url=reverse("acuerdos:evidencia", args=["publicacion", publicacion.pk])
                if publicacion.archivo
                else "",
            )
        )
    votacion = getattr(acuerdo, "votacion", None)
    if votacion is not None:
        eventos.append(
            EventoLinea(
                fecha=votacion.fecha,
                tipo="votacion",
                titulo="Votación",
                usuario=votacion.usuario,
                nota=votacion.texto,
                datos=votacion,
            )
        )
    return sorted(eventos, key=lambda e: e.fecha)


@dataclass
class Tablero:
    por_estado: "list[tuple[str, StrOrPromise, int]]"
    por_organo: list[dict]
    vencidos: list[Acuerdo]
    total_vencidos: int
    por_vencer: int
    sin_publicar: int
    en_revision: int
    total: int


def tablero_datos(*, user, anio: int | None = None) -> Tablero:
    hoy = timezone.localdate()
    acuerdos = acuerdos_visibles(user)
    if anio:
        acuerdos = acuerdos.filter(anio=anio)
    conteos = dict(
        acuerdos.order_by().values_list("estado").annotate(n=Count("pk")).values_list("estado", "n")
    )
    por_estado: list[tuple[str, StrOrPromise, int]] = [
        (e.value, e.label, conteos.get(e.value, 0)) for e in EstadoAcuerdo
    ]
    filas = acuerdos.order_by().values("organo_id", "estado").annotate(n=Count("pk"))
    matriz: dict[int, dict[str, int]] = {}
    for fila in filas:
        matriz.setdefault(fila["organo_id"], {})[fila["estado"]] = fila["n"]
    vencidos_por_organo = dict(
        acuerdos.vencidos(hoy)
        .order_by()
        .values_list("organo_id")
        .annotate(n=Count("pk"))
        .values_list("organo_id", "n")
    )
    organos = OrganoColegiado.objects.filter(pk__in=list(matriz)).order_by("orden", "nombre")
    por_organo = [
        {
            "organo": o,
            "conteos": [matriz[o.pk].get(e.value, 0) for e in EstadoAcuerdo],
            "total": sum(matriz[o.pk].values()),
            "vencidos": vencidos_por_organo.get(o.pk, 0),
        }
        for o in organos
    ]
    agregados = acuerdos.aggregate(
        vencidos=Count("pk", filter=q_vencido(hoy)),
        por_vencer=Count("pk", filter=q_por_vencer(hoy)),
        sin_publicar=Count(
            "pk",
            filter=Q(estado=EstadoAcuerdo.CUMPLIDO) & ~Q(publicacion=RequierePublicacion.NINGUNA),
        ),
        revision=Count("pk", filter=Q(requiere_revision=True)),
        total=Count("pk"),
    )
    # Vencidos primero: el más atrasado arriba.
    vencidos = list(
        acuerdos.vencidos(hoy)
        .con_vencimiento(hoy)
        .select_related("organo", "responsable")
        .order_by("fecha_limite", "pk")[:20]
    )
    return Tablero(
        por_estado=por_estado,
        por_organo=por_organo,
        vencidos=vencidos,
        total_vencidos=agregados["vencidos"],
        por_vencer=agregados["por_vencer"],
        sin_publicar=agregados["sin_publicar"],
        en_revision=agregados["revision"],
        total=agregados["total"],
    )

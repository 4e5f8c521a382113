"""Reglas de lo público, escritas una sola vez: portal, búsqueda, feeds y API las usan.

- Sesión: aparece una vez celebrada (ESTADOS_CELEBRADA).
- Anexo: solo si su clasificación es pública (de un reservado o confidencial no sale ni el
  título); una versión pública subida como anexo público es, por tanto, visible.
- Acuerdo: solo publicado, y de una sesión pública.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from acuerdos.models import Acuerdo, EstadoAcuerdo, normalizar_busqueda
from sesiones.models import (
    ESTADOS_CELEBRADA,
    Anexo,
    Clasificacion,
    OrganoColegiado,
    PuntoOrden,
    Sesion,
)

ESTADOS_ACUERDO_PUBLICOS = (EstadoAcuerdo.PUBLICADO,)
MAXIMO_PALABRAS = 8
MAXIMO_TEXTO = 200


class FiltroInvalido(ValueError):
    """Un filtro que no se entiende; su texto es el mensaje en español para quien consulta."""


def organos_publicos() -> QuerySet:
    return OrganoColegiado.objects.filter(activo=True).order_by("orden", "nombre")


def sesiones_publicas() -> QuerySet:
    return Sesion.objects.filter(estado__in=ESTADOS_CELEBRADA)


def anexos_publicos() -> QuerySet:
    return Anexo.objects.filter(
        clasificacion=Clasificacion.PUBLICA, punto__sesion__estado__in=ESTADOS_CELEBRADA
    )


def acuerdos_publicos() -> QuerySet:
    return Acuerdo.objects.filter(
        estado__in=ESTADOS_ACUERDO_PUBLICOS, sesion__estado__in=ESTADOS_CELEBRADA
    )


def sesion_publica_o_404(*, pk: int) -> Sesion:
    sesion = sesiones_publicas().select_related("organo", "periodo").filter(pk=pk).first()
    if sesion is None:
        raise Http404("Sesión no encontrada")
    return sesion


def acuerdo_publico_o_404(*, pk: int) -> Acuerdo:
    acuerdo = (
        acuerdos_publicos()
        .select_related("organo", "sesion__organo", "punto", "votacion")
        .prefetch_related("publicaciones")
        .filter(pk=pk)
        .first()
    )
    if acuerdo is None:
        raise Http404("Acuerdo no encontrado")
    return acuerdo


def anexo_publico_o_404(*, pk: int) -> Anexo:
    anexo = anexos_publicos().filter(pk=pk).first()
    if anexo is None:
        raise Http404("Documento no encontrado")
    return anexo


def sesion_puntos_publicos(*, sesion: Sesion) -> list[PuntoOrden]:
    """El orden del día con sus anexos públicos ya filtrados (en una sola consulta más)."""
    return list(
        sesion.puntos.order_by("orden").prefetch_related(
            Prefetch(
                "anexos",
                queryset=Anexo.objects.filter(clasificacion=Clasificacion.PUBLICA).order_by("pk"),
                to_attr="anexos_publicos",
            )
        )
    )


def sesion_acuerdos_publicos(*, sesion: Sesion) -> list[Acuerdo]:
    return list(
        acuerdos_publicos().filter(sesion=sesion).select_related("punto").order_by("numero")
    )


def sesion_acta_publica(*, sesion: Sesion):
    from transparencia.models import VersionPublicaActa

    return VersionPublicaActa.objects.filter(sesion=sesion).first()


# Filtros -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filtros:
    organo: int | None = None
    anio: int | None = None
    estado: str = ""
    desde: datetime.date | None = None
    hasta: datetime.date | None = None
    texto: str = ""
    tipo: str = ""


def _entero(valor: str, nombre: str, minimo: int, maximo: int) -> int:
    try:
        numero = int(valor)
    except (TypeError, ValueError):
        raise FiltroInvalido(f"El filtro «{nombre}» debe ser un número entero.") from None
    if not minimo <= numero <= maximo:
        raise FiltroInvalido(f"El filtro «{nombre}» debe estar entre {minimo} y {maximo}.")
    return numero


def _fecha(valor: str, nombre: str) -> datetime.date:
    try:
        fecha = datetime.date.fromisoformat(valor)
    except (TypeError, ValueError):
        raise FiltroInvalido(
            f"El filtro «{nombre}» debe ser una fecha con formato AAAA-MM-DD."
        ) from None
    if not 1900 <= fecha.year <= 2999:
        raise FiltroInvalido(f"El filtro «{nombre}» tiene un año fuera de rango.")
    return fecha


def filtros_leer(
    params, *, permitidos: set[str], estados: tuple[str, ...] = (), ignorar: set[str] = frozenset()
) -> Filtros:
    """Lee y valida filtros de una consulta; un filtro desconocido o mal escrito es un error."""
    desconocidos = sorted(set(params) - permitidos - set(ignorar))
    if desconocidos:
        raise FiltroInvalido(
            "Filtro desconocido: "
            + ", ".join(f"«{d[:40]}»" for d in desconocidos[:5])
            + ". Use: "
            + ", ".join(sorted(permitidos))
            + "."
        )
    datos: dict = {}
    for nombre in permitidos:
        valor = (params.get(nombre) or "").strip()
        if "\x00" in valor:
            raise FiltroInvalido(f"El filtro «{nombre}» contiene caracteres no válidos.")
        if not valor:
            continue
        if nombre == "organo":
            datos["organo"] = _entero(valor, nombre, 1, 2**31 - 1)
        elif nombre == "anio":
            datos["anio"] = _entero(valor, nombre, 1900, 2999)
        elif nombre in ("desde", "hasta"):
            datos[nombre] = _fecha(valor, nombre)
        elif nombre == "estado":
            if valor not in estados:
                raise FiltroInvalido(
                    f"Estado desconocido «{valor[:40]}». Use: {', '.join(estados)}."
                )
            datos["estado"] = valor
        elif nombre == "tipo":
            from sesiones.models import TipoSesion

            if valor not in TipoSesion.values:
                raise FiltroInvalido(
                    f"Tipo desconocido «{valor[:40]}». Use: {', '.join(TipoSesion.values)}."
                )
            datos["tipo"] = valor
        elif nombre == "q":
            datos["texto"] = valor[:MAXIMO_TEXTO]
    if datos.get("desde") and datos.get("hasta") and datos["desde"] > datos["hasta"]:
        raise FiltroInvalido("La fecha «desde» no puede ser posterior a «hasta».")
    return Filtros(**datos)


def acuerdos_buscar(*, filtros: Filtros) -> QuerySet:
    """Búsqueda sin acentos ni mayúsculas sobre la columna normalizada, igual en SQLite y PG."""
    acuerdos = acuerdos_publicos().select_related("organo", "sesion")
    if filtros.organo:
        acuerdos = acuerdos.filter(organo_id=filtros.organo)
    if filtros.anio:
        acuerdos = acuerdos.filter(anio=filtros.anio)
    if filtros.estado:
        acuerdos = acuerdos.filter(estado=filtros.estado)
    if filtros.desde:
        acuerdos = acuerdos.filter(sesion__fecha_hora__date__gte=filtros.desde)
    if filtros.hasta:
        acuerdos = acuerdos.filter(sesion__fecha_hora__date__lte=filtros.hasta)
    for palabra in normalizar_busqueda(filtros.texto).split()[:MAXIMO_PALABRAS]:
        acuerdos = acuerdos.filter(texto_busqueda__contains=palabra)
    return acuerdos.order_by("-anio", "organo__orden", "-numero", "-pk")


def sesiones_buscar(*, filtros: Filtros) -> QuerySet:
    sesiones = sesiones_publicas().select_related("organo", "periodo")
    if filtros.organo:
        sesiones = sesiones.filter(organo_id=filtros.organo)
    if filtros.anio:
        sesiones = sesiones.filter(fecha_hora__year=filtros.anio)
    if filtros.tipo:
        sesiones = sesiones.filter(tipo=filtros.tipo)
    if filtros.estado:
        sesiones = sesiones.filter(estado=filtros.estado)
    if filtros.desde:
        sesiones = sesiones.filter(fecha_hora__date__gte=filtros.desde)
    if filtros.hasta:
        sesiones = sesiones.filter(fecha_hora__date__lte=filtros.hasta)
    return sesiones.order_by("-fecha_hora", "-pk")


def portal_resumen() -> list[dict]:
    """Sesiones celebradas por órgano y año, para la portada."""
    filas = (
        sesiones_publicas()
        .order_by()
        .values("organo_id", "fecha_hora__year")
        .annotate(n=Count("pk"))
    )
    por_organo: dict[int, dict[int, int]] = {}
    for fila in filas:
        por_organo.setdefault(fila["organo_id"], {})[fila["fecha_hora__year"]] = fila["n"]
    return [
        {"organo": o, "anios": sorted(por_organo.get(o.pk, {}).items(), reverse=True)}
        for o in organos_publicos()
    ]


def anios_publicos() -> list[int]:
    return sorted(
        {f.year for f in sesiones_publicas().datetimes("fecha_hora", "year")}, reverse=True
    )

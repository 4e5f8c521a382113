"""Reglas de lo público, escritas una sola vez: portal, búsqueda, feeds y API las usan.

- Sesión: aparece una vez celebrada (ESTADOS_CELEBRADA).
- Anexo: solo si su clasificación es pública y su sesión está celebrada (de un reservado o
  confidencial no sale ni el título); una versión pública subida como anexo público es, por
  tanto, visible. Esta regla es la de sesiones.permisos.anexos_visibles_para con user=None,
  la misma que decide lo que ve cada integrante.
- Acuerdo: solo publicado, y de una sesión pública.
"""

import datetime
import hashlib
import uuid
from collections.abc import Set
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, QuerySet, signals
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from acuerdos.models import Acuerdo, EstadoAcuerdo, Publicacion, normalizar_busqueda
from sesiones.models import (
    ESTADOS_CELEBRADA,
    Anexo,
    OrganoColegiado,
    PuntoOrden,
    Sesion,
    TipoSesion,
)
from sesiones.models import Anexo as _Anexo
from sesiones.selectors import anexos_visibles, puntos_con_anexos_visibles
from transparencia.models import VersionPublicaActa

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
    # La regla de anexos es una sola para todos (sesiones.permisos); el público es user=None.
    return anexos_visibles(user=None)


def acuerdos_publicos() -> QuerySet:
    return Acuerdo.objects.filter(
        estado__in=ESTADOS_ACUERDO_PUBLICOS, sesion__estado__in=ESTADOS_CELEBRADA
    )


def sesion_publica_o_404(*, pk: int) -> Sesion:
    sesion = sesiones_publicas().select_related("organo", "periodo").filter(pk=pk).first()
    if sesion is None:
        raise Http404(_("Sesión no encontrada"))
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
        raise Http404(_("Acuerdo no encontrado"))
    return acuerdo


def anexo_publico_o_404(*, pk: int) -> Anexo:
    anexo = anexos_publicos().filter(pk=pk).first()
    if anexo is None:
        raise Http404(_("Documento no encontrado"))
    return anexo


def sesion_puntos_publicos(*, sesion: Sesion) -> list[PuntoOrden]:
    """El orden del día con sus anexos públicos ya filtrados (en una sola consulta más)."""
    return puntos_con_anexos_visibles(user=None, sesion=sesion, atributo="anexos_publicos")


def sesion_acuerdos_publicos(*, sesion: Sesion) -> list[Acuerdo]:
    return list(
        acuerdos_publicos()
        .filter(sesion=sesion)
        .select_related("punto", "organo")
        .order_by("numero")
    )


def sesion_acta_publica(*, sesion: Sesion):

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
        raise FiltroInvalido(
            _("El filtro «%(nombre)s» debe ser un número entero.") % {"nombre": nombre}
        ) from None
    if not minimo <= numero <= maximo:
        raise FiltroInvalido(
            _("El filtro «%(nombre)s» debe estar entre %(minimo)s y %(maximo)s.")
            % {"nombre": nombre, "minimo": minimo, "maximo": maximo}
        )
    return numero


def _fecha(valor: str, nombre: str) -> datetime.date:
    try:
        fecha = datetime.date.fromisoformat(valor)
    except (TypeError, ValueError):
        raise FiltroInvalido(
            _("El filtro «%(nombre)s» debe ser una fecha con formato AAAA-MM-DD.")
            % {"nombre": nombre}
        ) from None
    if not 1900 <= fecha.year <= 2999:
        raise FiltroInvalido(
            _("El filtro «%(nombre)s» tiene un año fuera de rango.") % {"nombre": nombre}
        )
    return fecha


def filtros_leer(
    params, *, permitidos: set[str], estados: tuple[str, ...] = (), ignorar: Set[str] = frozenset()
) -> Filtros:
    """Lee y valida filtros de una consulta; un filtro desconocido o mal escrito es un error."""
    desconocidos = sorted(set(params) - permitidos - set(ignorar))
    if desconocidos:
        raise FiltroInvalido(
            _("Filtro desconocido: %(desconocidos)s. Use: %(permitidos)s.")
            % {
                "desconocidos": ", ".join(f"«{d[:40]}»" for d in desconocidos[:5]),
                "permitidos": ", ".join(sorted(permitidos)),
            }
        )
    datos: dict = {}
    for nombre in permitidos:
        valor = (params.get(nombre) or "").strip()
        if "\x00" in valor:
            raise FiltroInvalido(
                _("El filtro «%(nombre)s» contiene caracteres no válidos.") % {"nombre": nombre}
            )
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
                    _("Estado desconocido «%(valor)s». Use: %(opciones)s.")
                    % {"valor": valor[:40], "opciones": ", ".join(estados)}
                )
            datos["estado"] = valor
        elif nombre == "tipo":
            if valor not in TipoSesion.values:
                raise FiltroInvalido(
                    _("Tipo desconocido «%(valor)s». Use: %(opciones)s.")
                    % {"valor": valor[:40], "opciones": ", ".join(TipoSesion.values)}
                )
            datos["tipo"] = valor
        elif nombre == "q":
            datos["texto"] = valor[:MAXIMO_TEXTO]
    if datos.get("desde") and datos.get("hasta") and datos["desde"] > datos["hasta"]:
        raise FiltroInvalido(_("La fecha «desde» no puede ser posterior a «hasta»."))
    return Filtros(**datos)


def _inicio_del_dia(fecha: datetime.date) -> datetime.datetime:
    # Igual que «__date» en la zona horaria activa, pero como rango que usa el índice.
    return timezone.make_aware(datetime.datetime.combine(fecha, datetime.time.min))


# Orden de la lista pública: la sesión más reciente primero y, dentro de ella, el último acuerdo;
# coincide con los índices acuerdo_pub_* (estado[, órgano | año], fecha_sesion, numero, id).
ORDEN_ACUERDOS = ("-fecha_sesion", "-numero", "-pk")


def acuerdos_buscar(*, filtros: Filtros) -> QuerySet:
    """Búsqueda sin acentos ni mayúsculas sobre la columna normalizada, igual en SQLite y PG.

    Filtra y ordena sobre columnas del propio acuerdo (fecha_sesion es copia de la sesión);
    la unión con la sesión queda solo para la regla «sesión celebrada».
    """
    acuerdos = acuerdos_publicos().select_related("organo")
    if filtros.organo:
        acuerdos = acuerdos.filter(organo_id=filtros.organo)
    if filtros.anio:
        acuerdos = acuerdos.filter(anio=filtros.anio)
    if filtros.estado:
        acuerdos = acuerdos.filter(estado=filtros.estado)
    if filtros.desde:
        acuerdos = acuerdos.filter(fecha_sesion__gte=_inicio_del_dia(filtros.desde))
    if filtros.hasta:
        siguiente = filtros.hasta + datetime.timedelta(days=1)
        acuerdos = acuerdos.filter(fecha_sesion__lt=_inicio_del_dia(siguiente))
    for palabra in normalizar_busqueda(filtros.texto).split()[:MAXIMO_PALABRAS]:
        acuerdos = acuerdos.filter(texto_busqueda__contains=palabra)
    return acuerdos.order_by(*ORDEN_ACUERDOS)


# Caché de lo público ------------------------------------------------------------------------
#
# Todo lo que se guarda en caché lleva en su clave un «sello» que cambia con cualquier cambio
# de lo que el portal muestra (acuerdos, sesiones, puntos, anexos, actas, publicaciones,
# órganos). Con Redis (REDIS_URL) el sello es común a todos los procesos; con la caché en
# memoria de cada proceso, un cambio hecho en otro proceso (p. ej. una tarea) se ve, a lo
# sumo, SEGUNDOS_CACHE después: ese es el precio aceptado a cambio de no contar 100 000 filas
# en cada página.

SEGUNDOS_CACHE = 60
CLAVE_SELLO = "transparencia:sello"
PAGINAS_MAXIMAS = 400  # OFFSET acotado: más allá, los filtros acotan mejor que la paginación.


def sello_publico() -> str:
    sello = cache.get(CLAVE_SELLO)
    if sello is None:
        sello = uuid.uuid4().hex
        cache.add(CLAVE_SELLO, sello, None)
        sello = cache.get(CLAVE_SELLO) or sello
    return sello


def sello_renovar(**kwargs) -> None:
    """Invalida todo lo público en caché: ahora y al confirmar la transacción en curso."""

    def renovar():
        cache.set(CLAVE_SELLO, uuid.uuid4().hex, None)

    # Ahora, para este proceso; al confirmar, para que nadie guarde con el sello nuevo lo que
    # leyó antes de que el cambio fuera visible.
    renovar()
    transaction.on_commit(renovar)


def clave_cache(prefijo: str, texto: str) -> str:
    resumen = hashlib.sha256(texto.encode("utf-8", "surrogatepass")).hexdigest()
    return f"transparencia:{prefijo}:{sello_publico()}:{resumen}"


def contar_cacheado(queryset: QuerySet) -> int:
    """El total de una consulta pública, contado una vez por sello y por conjunto de filtros."""
    clave = clave_cache("conteo", str(queryset.query))
    total = cache.get(clave)
    if total is None:
        total = queryset.count()
        cache.set(clave, total, SEGUNDOS_CACHE)
    return total


class PaginadorPublico(Paginator):
    """Paginator con el total en caché y el número de páginas acotado a PAGINAS_MAXIMAS."""

    # Siempre pagina consultas (el total se cuenta con su SQL), nunca listas.
    object_list: QuerySet

    @cached_property
    def count(self) -> int:
        return contar_cacheado(self.object_list)

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, PAGINAS_MAXIMAS)


def _conectar_sello() -> None:

    for modelo in (Acuerdo, Publicacion, Sesion, PuntoOrden, _Anexo, OrganoColegiado):
        for senal in (signals.post_save, signals.post_delete):
            senal.connect(sello_renovar, sender=modelo, dispatch_uid=f"sello_{modelo.__name__}")
    for senal in (signals.post_save, signals.post_delete):
        senal.connect(sello_renovar, sender=VersionPublicaActa, dispatch_uid="sello_acta")
    signals.m2m_changed.connect(
        sello_renovar, sender=_Anexo.personas_autorizadas.through, dispatch_uid="sello_m2m"
    )


_conectar_sello()


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

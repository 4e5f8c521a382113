"""Lecturas: lo que las vistas muestran, sin efectos."""

import calendar
import datetime
import math
from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from sesiones.models import (
    ESTADOS_PRESENTES,
    Asistencia,
    EstadoSesion,
    Integrante,
    OrganoColegiado,
    PuntoOrden,
    ReglaQuorum,
    Sesion,
)
from sesiones.permisos import anexos_visibles_para, sesiones_visibles


@dataclass(frozen=True)
class Quorum:
    con_voto: int
    requeridos: int
    presentes: int

    @property
    def alcanzado(self) -> bool:
        return self.con_voto > 0 and self.presentes >= self.requeridos

    @property
    def faltan(self) -> int:
        return max(self.requeridos - self.presentes, 0)


def quorum_requerido(*, organo: OrganoColegiado, con_voto: int) -> int:
    if organo.regla_quorum == ReglaQuorum.FIJO and organo.quorum_fijo:
        return min(organo.quorum_fijo, con_voto) if con_voto else organo.quorum_fijo
    if organo.regla_quorum == ReglaQuorum.DOS_TERCIOS:
        return math.ceil(con_voto * 2 / 3)
    return con_voto // 2 + 1


def integrantes_de_sesion(sesion: Sesion) -> QuerySet:
    """Integrantes en funciones el día de la sesión."""
    return (
        Integrante.objects.vigentes(sesion.fecha_local.date())
        .filter(organo_id=sesion.organo_id)
        .select_related("persona", "suplente")
        .order_by("orden", "pk")
    )


def sesion_quorum(sesion: Sesion) -> Quorum:
    integrantes = integrantes_de_sesion(sesion).filter(con_voto=True)
    con_voto = integrantes.count()
    presentes = Asistencia.objects.filter(
        sesion=sesion, integrante__in=integrantes, estado__in=ESTADOS_PRESENTES
    ).count()
    return Quorum(
        con_voto=con_voto,
        requeridos=quorum_requerido(organo=sesion.organo, con_voto=con_voto),
        presentes=presentes,
    )


@dataclass
class FilaAsistencia:
    integrante: Integrante
    asistencia: Asistencia | None
    # Los pone la vista de captura para la plantilla: el formulario de la fila y su error.
    form: forms.Form | None = field(default=None, init=False, repr=False, compare=False)
    error: str = field(default="", init=False, repr=False, compare=False)

    @property
    def estado(self) -> str:
        return self.asistencia.estado if self.asistencia else ""


def sesion_lista_asistencia(sesion: Sesion) -> list[FilaAsistencia]:
    registradas = {a.integrante_id: a for a in sesion.asistencias.all()}
    return [
        FilaAsistencia(integrante=i, asistencia=registradas.get(i.pk))
        for i in integrantes_de_sesion(sesion)
    ]


def sesiones_filtrar(
    *,
    user,
    organo: int | None = None,
    tipo: str = "",
    anio: int | None = None,
    estado: str = "",
    texto: str = "",
) -> QuerySet:
    sesiones = sesiones_visibles(user).select_related("organo", "periodo")
    if organo:
        sesiones = sesiones.filter(organo_id=organo)
    if tipo:
        sesiones = sesiones.filter(tipo=tipo)
    if anio:
        sesiones = sesiones.filter(fecha_hora__year=anio)
    if estado:
        sesiones = sesiones.filter(estado=estado)
    if texto:
        sesiones = sesiones.filter(Q(clave__icontains=texto) | Q(sede__icontains=texto))
    return sesiones.order_by("-fecha_hora")


def sesiones_proximas(*, user, limite: int = 8) -> QuerySet:
    ahora = timezone.now() - datetime.timedelta(hours=6)
    return (
        sesiones_visibles(user)
        .filter(fecha_hora__gte=ahora)
        .exclude(estado=EstadoSesion.CANCELADA)
        .select_related("organo")
        .order_by("fecha_hora")[:limite]
    )


@dataclass
class DiaCalendario:
    fecha: datetime.date
    del_mes: bool
    sesiones: list


def calendario_mes(*, user, anio: int, mes: int) -> list[list[DiaCalendario]]:
    """Semanas del mes (lunes a domingo) con las sesiones visibles de cada día."""
    semanas = calendar.Calendar(firstweekday=0).monthdatescalendar(anio, mes)
    inicio, fin = semanas[0][0], semanas[-1][-1]
    por_dia: dict[datetime.date, list] = {}
    sesiones = (
        sesiones_visibles(user)
        .filter(fecha_hora__date__gte=inicio, fecha_hora__date__lte=fin)
        .select_related("organo")
        .order_by("fecha_hora")
    )
    for sesion in sesiones:
        por_dia.setdefault(sesion.fecha_local.date(), []).append(sesion)
    return [
        [
            DiaCalendario(fecha=d, del_mes=d.month == mes, sesiones=por_dia.get(d, []))
            for d in semana
        ]
        for semana in semanas
    ]


def organos_con_integrantes(user) -> QuerySet:
    hoy = timezone.localdate()
    vigentes = Integrante.objects.vigentes(hoy).select_related("persona", "suplente")
    organos = OrganoColegiado.objects.annotate(
        total_sesiones=Count("sesiones", filter=Q(sesiones__in=sesiones_visibles(user)))
    ).prefetch_related(Prefetch("integrantes", queryset=vigentes, to_attr="vigentes"))
    return organos


def anios_con_sesiones() -> list[int]:
    return [f.year for f in Sesion.objects.dates("fecha_hora", "year", order="DESC")]


def anexos_visibles(
    *,
    user=None,
    sesion: Sesion | None = None,
    puntos: QuerySet | list[PuntoOrden] | None = None,
) -> QuerySet:
    """Anexos que `user` puede ver (None: el público); la regla es permisos.anexos_visibles_para.

    Acotados a una sesión o a unos puntos si se piden. Es un solo filtro: sirve para una lista,
    para un Prefetch o para preguntar por un anexo, con un número fijo de consultas.
    """
    anexos = anexos_visibles_para(user)
    if sesion is not None:
        anexos = anexos.filter(punto__sesion=sesion)
    if puntos is not None:
        anexos = anexos.filter(punto__in=puntos)
    return anexos.order_by("punto_id", "pk")


def puntos_con_anexos_visibles(
    *, user=None, sesion: Sesion, atributo: str = "anexos_visibles"
) -> list[PuntoOrden]:
    """El orden del día con los anexos que `user` puede ver de cada punto en `punto.<atributo>`.

    Las mismas consultas (los puntos y, de una vez, sus anexos) con 3 anexos que con 300.
    """
    return list(
        sesion.puntos.order_by("orden").prefetch_related(
            Prefetch(
                "anexos",
                queryset=anexos_visibles(user=user).order_by("pk"),
                to_attr=atributo,
            )
        )
    )

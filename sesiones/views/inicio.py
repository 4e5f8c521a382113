"""Inicio (próximas sesiones y calendario) y consulta de órganos."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from comun.roles import es_personal
from sesiones import selectors
from sesiones.models import EstadoSesion, ReglaQuorum, TipoSesion, UnidadAviso
from sesiones.permisos import sesiones_visibles
from sesiones.views.comun import organos_visibles

ANIO_MINIMO, ANIO_MAXIMO = 1900, 2200


def _mes_pedido(params) -> tuple[int, int]:
    """Año y mes de la URL; cualquier valor raro lleva al mes actual."""
    hoy = timezone.localdate()
    try:
        anio, mes = int(params.get("anio", "")), int(params.get("mes", ""))
    except (TypeError, ValueError):
        return hoy.year, hoy.month
    if not (ANIO_MINIMO <= anio <= ANIO_MAXIMO and 1 <= mes <= 12):
        return hoy.year, hoy.month
    return anio, mes


def _mes_vecino(anio: int, mes: int, paso: int) -> dict:
    indice = anio * 12 + (mes - 1) + paso
    return {"anio": indice // 12, "mes": indice % 12 + 1}


def _conteo_por_estado(user, anio: int) -> list[dict]:
    cuentas = dict(
        sesiones_visibles(user)
        .filter(fecha_hora__year=anio)
        .values_list("estado")
        .annotate(n=Count("pk"))
        .values_list("estado", "n")
    )
    return [
        {"estado": estado.value, "etiqueta": estado.label, "total": cuentas.get(estado.value, 0)}
        for estado in EstadoSesion
    ]


@login_required
def inicio(request):
    anio, mes = _mes_pedido(request.GET)
    hoy = timezone.localdate()
    contexto = {
        "proximas": selectors.sesiones_proximas(user=request.user),
        "semanas": selectors.calendario_mes(user=request.user, anio=anio, mes=mes),
        "anio": anio,
        "mes": mes,
        "hoy": hoy,
        "anterior": _mes_vecino(anio, mes, -1),
        "siguiente": _mes_vecino(anio, mes, 1),
        "dias_semana": ["Lun", "Mar", "Mié", "Jue", "Vie", "Sáb", "Dom"],
    }
    if es_personal(request.user):
        conteo = _conteo_por_estado(request.user, hoy.year)
        contexto["conteo"] = conteo
        contexto["total_anio"] = sum(c["total"] for c in conteo)
    return render(request, "sesiones/inicio.html", contexto)


@login_required
def organos(request):
    lista = selectors.organos_con_integrantes(request.user).filter(
        pk__in=organos_visibles(request.user).values("pk")
    )
    return render(request, "sesiones/organos.html", {"organos": lista})


def _ejemplo_clave(organo, periodo, anio: int) -> str:
    """La clave que daría la cuarta sesión ordinaria, para ver el patrón aplicado."""
    try:
        return organo.patron_clave.format(
            tipo="SO",
            numero=4,
            siglas=organo.siglas,
            anio=anio,
            periodo=periodo.nombre if periodo else anio,
        )
    except (KeyError, ValueError, IndexError):
        return ""


def _reglas(organo, periodo, anio: int) -> dict:
    avisos = []
    for tipo in TipoSesion:
        cantidad, unidad = organo.aviso_para(tipo.value)
        avisos.append(
            {"tipo": tipo.label, "cantidad": cantidad, "unidad": UnidadAviso(unidad).label}
        )
    return {
        "quorum": ReglaQuorum(organo.regla_quorum).label,
        "quorum_fijo": organo.quorum_fijo if organo.regla_quorum == ReglaQuorum.FIJO else None,
        "avisos": avisos,
        "ejemplo_clave": _ejemplo_clave(organo, periodo, anio),
    }


@login_required
def organo(request, pk: int):
    encontrado = organos_visibles(request.user).filter(pk=pk).first()
    if encontrado is None:
        raise Http404(_("Órgano no encontrado"))
    hoy = timezone.localdate()
    periodo_actual = next((p for p in encontrado.periodos.all() if p.contiene(hoy)), None)
    contexto = {
        "organo": encontrado,
        "integrantes": encontrado.integrantes_vigentes(hoy),
        "periodos": encontrado.periodos.all(),
        "reglas": _reglas(encontrado, periodo_actual, hoy.year),
        "sesiones": sesiones_visibles(request.user)
        .filter(organo=encontrado)
        .select_related("organo")
        .order_by("-fecha_hora")[:10],
        "periodo_actual": periodo_actual,
        "hoy": hoy,
    }
    return render(request, "sesiones/organo.html", contexto)

"""Vistas del seguimiento: la lista con filtros, las acciones masivas, el tablero y la bitácora."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from acuerdos import selectors, services
from acuerdos.forms import FiltroAcuerdosForm, MasivoForm
from acuerdos.models import EjecucionSeguimiento, EstadoAcuerdo
from comun.roles import es_seguimiento, requiere_personal

POR_PAGINA = 50


@login_required
@require_GET
def lista(request):
    filtro = FiltroAcuerdosForm(request.GET or None, anios=selectors.anios_con_acuerdos())
    acuerdos = selectors.acuerdos_filtrar(user=request.user, **filtro.filtros_validos())
    pagina = Paginator(acuerdos, POR_PAGINA).get_page(request.GET.get("pagina"))
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    return render(
        request,
        "acuerdos/lista.html",
        {
            "filtro": filtro,
            "pagina": pagina,
            "consulta": consulta.urlencode(),
            "puede_seguir": es_seguimiento(request.user),
            "masivo": MasivoForm() if es_seguimiento(request.user) else None,
        },
    )


@require_POST
@requiere_personal
def masivo(request):
    form = MasivoForm(request.POST)
    volver = request.POST.get("volver", "")
    destino = volver if volver.startswith(reverse("acuerdos:lista")) else reverse("acuerdos:lista")
    if not form.is_valid():
        for errores in form.errors.values():
            for error in errores:
                messages.error(request, error)
        return redirect(destino)
    acuerdos = list(
        selectors.acuerdos_visibles(request.user)
        .filter(pk__in=form.ids_elegidos)
        .order_by("anio", "numero")
    )
    accion = form.cleaned_data["accion"]
    if accion == "responsable":
        hechos, rechazados = services.acuerdos_asignar_responsable(
            acuerdos=acuerdos, responsable=form.cleaned_data["responsable"], usuario=request.user
        )
    else:
        hechos, rechazados = services.acuerdos_cambiar_estado_masivo(
            acuerdos=acuerdos,
            estado=accion,
            usuario=request.user,
            nota=form.cleaned_data.get("nota") or "",
        )
    if hechos:
        messages.success(request, _("Se actualizaron %(n)s acuerdos.") % {"n": len(hechos)})
    for acuerdo, motivo in rechazados[:20]:
        messages.warning(request, f"{acuerdo.clave}: {motivo}")
    if len(rechazados) > 20:
        messages.warning(
            request,
            _("… y %(n)s acuerdos más no se actualizaron.") % {"n": len(rechazados) - 20},
        )
    return redirect(destino)


@require_GET
@requiere_personal
def tablero(request):
    anio = request.GET.get("anio")
    anio = int(anio) if anio and anio.isdigit() else None
    datos = selectors.tablero_datos(user=request.user, anio=anio)
    grafica = {
        "etiquetas": [str(e.label) for e in EstadoAcuerdo],
        "series": [
            {"organo": fila["organo"].siglas, "datos": fila["conteos"]} for fila in datos.por_organo
        ],
    }
    return render(
        request,
        "acuerdos/tablero.html",
        {
            "tablero": datos,
            "anio": anio,
            "anios": selectors.anios_con_acuerdos(),
            "grafica": grafica,
            "estados": list(EstadoAcuerdo),
        },
    )


@require_GET
@requiere_personal
def ejecuciones(request):
    return render(
        request,
        "acuerdos/ejecuciones.html",
        {
            "ejecuciones": EjecucionSeguimiento.objects.all()[:100],
        },
    )

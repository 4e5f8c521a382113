"""Listado, alta, edición, detalle y cambios de estado de una sesión."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comun.roles import es_juridico, es_personal, requiere_juridico
from sesiones import selectors, services
from sesiones.exceptions import AvisoInsuficiente, EdicionConcurrente, ErrorSesiones
from sesiones.forms import FiltroSesionesForm, SesionForm, TransicionForm
from sesiones.models import (
    ESTADOS_CON_MOTIVO,
    Anexo,
    Clasificacion,
    EstadoSesion,
    PuntoOrden,
    UnidadAviso,
)
from sesiones.permisos import persona_de, sesion_visible_o_404
from sesiones.views.comun import organos_visibles

POR_PAGINA = 25

# Texto del botón y color de cada destino de la tabla de transiciones.
ACCIONES_ESTADO = {
    EstadoSesion.PROGRAMADA: ("Reprogramar", "bi-calendar-plus", "btn-outline-secondary"),
    EstadoSesion.CONVOCADA: ("Convocar", "bi-megaphone", "btn-primary"),
    EstadoSesion.CELEBRADA: ("Marcar como celebrada", "bi-check2-circle", "btn-success"),
    EstadoSesion.ACTA_APROBADA: ("Registrar acta aprobada", "bi-journal-check", "btn-success"),
    EstadoSesion.ACTA_FIRMADA: ("Registrar acta firmada", "bi-pen", "btn-success"),
    EstadoSesion.CONCLUIDA: ("Concluir", "bi-flag", "btn-dark"),
    EstadoSesion.DIFERIDA: ("Diferir", "bi-hourglass-split", "btn-outline-warning"),
    EstadoSesion.CANCELADA: ("Cancelar sesión", "bi-x-octagon", "btn-outline-danger"),
}


def acciones_de(sesion) -> list[dict]:
    return [
        {
            "estado": estado,
            "texto": ACCIONES_ESTADO[EstadoSesion(estado)][0],
            "icono": ACCIONES_ESTADO[EstadoSesion(estado)][1],
            "clase": ACCIONES_ESTADO[EstadoSesion(estado)][2],
        }
        for estado in sesion.transiciones_posibles
    ]


@login_required
def lista(request):
    anios = sorted({*selectors.anios_con_sesiones(), timezone.localdate().year}, reverse=True)
    filtro = FiltroSesionesForm(
        request.GET or None, organos=organos_visibles(request.user), anios=anios
    )
    filtros = filtro.filtros_validos() if request.GET else {}
    sesiones = selectors.sesiones_filtrar(user=request.user, **filtros)
    pagina = Paginator(sesiones, POR_PAGINA).get_page(request.GET.get("pagina"))
    parametros = request.GET.copy()
    parametros.pop("pagina", None)
    return render(
        request,
        "sesiones/lista.html",
        {
            "filtro": filtro,
            "pagina": pagina,
            "parametros": parametros.urlencode(),
            "hay_filtros": bool(filtros),
        },
    )


@requiere_juridico
def nueva(request):
    inicial = {"organo": request.GET.get("organo")} if request.method == "GET" else None
    form = SesionForm(request.POST or None, initial=inicial)
    if request.method == "POST" and form.is_valid():
        try:
            sesion = services.sesion_programar(usuario=request.user, **form.datos_servicio())
        except ErrorSesiones as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(request, f"Se programó la {sesion.nombre} ({sesion.clave}).")
            return redirect(sesion)
    return render(request, "sesiones/sesion_form.html", {"form": form, "sesion": None})


@requiere_juridico
def editar(request, pk: int):
    sesion = sesion_visible_o_404(request.user, pk)
    if not sesion.editable:
        messages.error(
            request,
            f"La sesión está {sesion.get_estado_display().lower()}; sus datos ya no se editan.",
        )
        return redirect(sesion)
    form = SesionForm(request.POST or None, sesion=sesion)
    status = 200
    if request.method == "POST" and form.is_valid():
        datos = form.datos_servicio()
        if sesion.estado == EstadoSesion.CONVOCADA:
            datos.pop("fecha_hora")
        try:
            sesion = services.sesion_actualizar(sesion=sesion, usuario=request.user, **datos)
        except EdicionConcurrente as error:
            # Se vuelve a mostrar lo que escribió, con el aviso y la versión vigente.
            form.add_error(None, error.mensaje)
            form.poner_al_dia(error)
            status = 409
        except ErrorSesiones as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(request, _("Se guardaron los datos de la sesión."))
            return redirect(sesion)
    return render(
        request, "sesiones/sesion_form.html", {"form": form, "sesion": sesion}, status=status
    )


def contexto_orden(request, sesion) -> dict:
    """Lo que necesita el parcial del orden del día (también se devuelve por htmx)."""
    puntos = list(
        PuntoOrden.objects.filter(sesion=sesion)
        .order_by("orden")
        .prefetch_related(
            Prefetch("anexos", queryset=Anexo.objects.prefetch_related("personas_autorizadas"))
        )
    )
    personal = es_personal(request.user)
    persona = None if personal else persona_de(request.user)
    for punto in puntos:
        punto.anexos_visibles = [
            a
            for a in punto.anexos.all()
            if personal
            or a.clasificacion != Clasificacion.CONFIDENCIAL
            or (persona is not None and persona in a.personas_autorizadas.all())
        ]
    return {
        "sesion": sesion,
        "puntos": puntos,
        "puede_editar": es_juridico(request.user) and sesion.editable,
    }


@login_required
def detalle(request, pk: int):
    sesion = sesion_visible_o_404(request.user, pk)
    personal = es_personal(request.user)
    juridico = es_juridico(request.user)
    contexto = {
        **contexto_orden(request, sesion),
        "quorum": selectors.sesion_quorum(sesion),
        "invitados": sesion.invitados.select_related("persona"),
        "cambios": sesion.cambios.select_related("usuario"),
        "acciones": acciones_de(sesion) if juridico else [],
        "es_juridico_sesion": juridico,
        "captura_asistencia": juridico
        and sesion.estado in (EstadoSesion.CONVOCADA, EstadoSesion.CELEBRADA),
    }
    if personal:
        # Lo más reciente; la historia completa, con filtros, vive en /bitacora/.
        contexto["bitacora"] = sesion.bitacora.select_related("usuario")[:10]
    return render(request, "sesiones/detalle.html", contexto)


def _pide_justificacion(sesion, estado: str) -> bool:
    if estado != EstadoSesion.CONVOCADA:
        return False
    if sesion.estado == EstadoSesion.DIFERIDA:
        # La nueva fecha aún no se conoce: se ofrece el campo por si hiciera falta.
        return True
    return not services.aviso_suficiente(sesion=sesion, convocada_en=timezone.now())


def _render_confirmacion(request, sesion, form, aviso: str = "", status: int = 200):
    return render(
        request,
        "sesiones/transicion.html",
        {
            "sesion": sesion,
            "form": form,
            "destino": EstadoSesion(form.destino),
            "accion": ACCIONES_ESTADO[EstadoSesion(form.destino)],
            "aviso": aviso,
            "con_motivo": form.destino in ESTADOS_CON_MOTIVO,
            "quorum": (
                selectors.sesion_quorum(sesion) if form.destino == EstadoSesion.CELEBRADA else None
            ),
        },
        status=status,
    )


def _destino_permitido(request, sesion, estado: str) -> bool:
    if estado in sesion.transiciones_posibles:
        return True
    destino = (
        f"«{EstadoSesion(estado).label.lower()}»" if estado in EstadoSesion.values else "ese estado"
    )
    messages.error(
        request, f"Una sesión {sesion.get_estado_display().lower()} no puede pasar a {destino}."
    )
    return False


@requiere_juridico
def confirmar_transicion(request, pk: int):
    sesion = sesion_visible_o_404(request.user, pk)
    estado = request.GET.get("estado", "")
    if not _destino_permitido(request, sesion, estado):
        return redirect(sesion)
    form = TransicionForm(
        sesion=sesion, estado=estado, pedir_justificacion=_pide_justificacion(sesion, estado)
    )
    aviso = ""
    if "justificacion_aviso" in form.fields and sesion.estado != EstadoSesion.DIFERIDA:
        cantidad, unidad = sesion.organo.aviso_para(sesion.tipo)
        aviso = (
            f"Se convoca con menos anticipación que la que fija el órgano "
            f"({cantidad} {UnidadAviso(unidad).label}). "
            "Registre la justificación para convocar de todos modos."
        )
    return _render_confirmacion(request, sesion, form, aviso=aviso)


@require_POST
@requiere_juridico
def transicion(request, pk: int):
    sesion = sesion_visible_o_404(request.user, pk)
    estado = request.POST.get("estado", "")
    if not _destino_permitido(request, sesion, estado):
        return redirect(sesion)
    pedir = _pide_justificacion(sesion, estado) or bool(request.POST.get("justificacion_aviso"))
    form = TransicionForm(request.POST, sesion=sesion, estado=estado, pedir_justificacion=pedir)
    if not form.is_valid():
        return _render_confirmacion(request, sesion, form)
    try:
        sesion = services.sesion_cambiar_estado(
            sesion=sesion, usuario=request.user, **form.datos_servicio()
        )
    except AvisoInsuficiente as error:
        # Se vuelve a mostrar con el campo de justificación y lo ya escrito.
        form = TransicionForm(request.POST, sesion=sesion, estado=estado, pedir_justificacion=True)
        form.is_valid()
        return _render_confirmacion(request, sesion, form, aviso=error.mensaje)
    except ErrorSesiones as error:
        form.add_error(None, error.mensaje)
        return _render_confirmacion(request, sesion, form)
    messages.success(request, f"La {sesion.nombre} quedó {sesion.get_estado_display().lower()}.")
    return redirect(sesion)

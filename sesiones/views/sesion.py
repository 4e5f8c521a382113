"""Listado, alta, edición, detalle y cambios de estado de una sesión."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bitacora.models import Bitacora
from bitacora.registro import etiqueta_accion
from comun.roles import es_juridico, es_personal, requiere_juridico
from sesiones import flujo, selectors, services
from sesiones.exceptions import AvisoInsuficiente, EdicionConcurrente, ErrorSesiones
from sesiones.forms import FiltroSesionesForm, SesionForm, TransicionForm
from sesiones.models import (
    CambioEstadoSesion,
    EstadoSesion,
    UnidadAviso,
)
from sesiones.permisos import sesion_visible_o_404
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


def acciones_de(sesion, usuario) -> list[dict]:
    """Un botón por transición que sale del estado actual y que el rol del usuario puede tomar."""
    return [
        {
            "estado": t.destino,
            "texto": ACCIONES_ESTADO[EstadoSesion(t.destino)][0],
            "icono": ACCIONES_ESTADO[EstadoSesion(t.destino)][1],
            "clase": ACCIONES_ESTADO[EstadoSesion(t.destino)][2],
        }
        for t in flujo.transiciones_desde(sesion.estado, usuario)
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
            messages.success(
                request,
                _("Se programó la %(nombre)s (%(clave)s).")
                % {"nombre": sesion.nombre, "clave": sesion.clave},
            )
            return redirect(sesion)
    return render(request, "sesiones/sesion_form.html", {"form": form, "sesion": None})


@requiere_juridico
def editar(request, pk: int):
    sesion = sesion_visible_o_404(request.user, pk)
    if not sesion.puede(flujo.EDITAR):
        messages.error(request, flujo.rechazo(sesion.estado, flujo.EDITAR))
        return redirect(sesion)
    form = SesionForm(request.POST or None, sesion=sesion)
    status = 200
    if request.method == "POST" and form.is_valid():
        datos = form.datos_servicio()
        if not sesion.puede(flujo.MOVER_FECHA):
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
    # La misma regla de visibilidad que el portal y el sitio público, en una consulta.
    puntos = selectors.puntos_con_anexos_visibles(user=request.user, sesion=sesion)
    return {
        "sesion": sesion,
        "puntos": puntos,
        "puede_editar": es_juridico(request.user) and sesion.puede(flujo.EDITAR_ORDEN),
    }


# Entradas de bitácora que acompañan a los cambios de estado en la página de la sesión.
BITACORA_RECIENTE = 10


@dataclass(frozen=True)
class EventoHistoria:
    """Un renglón de la historia de la sesión: un cambio de estado o una entrada de bitácora."""

    fecha: datetime.datetime
    usuario: User | None
    cambio: CambioEstadoSesion | None = None
    entrada: Bitacora | None = None

    @property
    def etiqueta(self) -> str:
        return etiqueta_accion(self.entrada.accion) if self.entrada else ""

    @property
    def nombre_usuario(self) -> str:
        if self.usuario is None:
            return _("Sistema")
        return self.usuario.get_full_name() or self.usuario.username


def historia_de(sesion, *, con_bitacora: bool) -> list[EventoHistoria]:
    """Una sola historia, en orden cronológico: todos los cambios de estado (la única constancia
    de cada uno) y, para el personal, lo más reciente de la bitácora; la completa, con filtros,
    vive en /bitacora/."""
    eventos = [
        EventoHistoria(fecha=c.fecha, usuario=c.usuario, cambio=c)
        for c in sesion.cambios.select_related("usuario")
    ]
    if con_bitacora:
        # Las filas «sesion.estado» que quedan de antes duplican un cambio de estado: se omiten.
        recientes = (
            sesion.bitacora.exclude(accion=CambioEstadoSesion.ACCION_BITACORA)
            .select_related("usuario")
            .order_by("-fecha", "-pk")[:BITACORA_RECIENTE]
        )
        eventos += [EventoHistoria(fecha=b.fecha, usuario=b.usuario, entrada=b) for b in recientes]
    # Orden estable: a la misma hora, el cambio de estado antes que la bitácora.
    return sorted(eventos, key=lambda e: e.fecha)


@login_required
def detalle(request, pk: int):
    sesion = sesion_visible_o_404(request.user, pk)
    personal = es_personal(request.user)
    juridico = es_juridico(request.user)
    contexto = {
        **contexto_orden(request, sesion),
        "quorum": selectors.sesion_quorum(sesion),
        "invitados": sesion.invitados.select_related("persona"),
        "historia": historia_de(sesion, con_bitacora=personal),
        "con_bitacora": personal,
        "acciones": acciones_de(sesion, request.user) if juridico else [],
        "es_juridico_sesion": juridico,
    }
    return render(request, "sesiones/detalle.html", contexto)


def _pide_justificacion(sesion, estado: str) -> bool:
    transicion = flujo.transicion(sesion.estado, estado)
    if transicion is None or not transicion.exige_aviso:
        return False
    if transicion.exige_nueva_fecha:
        # La nueva fecha aún no se conoce: se ofrece el campo por si hiciera falta.
        return True
    return not services.aviso_suficiente(sesion=sesion, convocada_en=timezone.now())


def _render_confirmacion(request, sesion, form, aviso: str = "", status: int = 200):
    transicion = flujo.transicion(sesion.estado, form.destino)
    return render(
        request,
        "sesiones/transicion.html",
        {
            "sesion": sesion,
            "form": form,
            "destino": EstadoSesion(form.destino),
            "accion": ACCIONES_ESTADO[EstadoSesion(form.destino)],
            "aviso": aviso,
            "con_motivo": bool(transicion and transicion.exige_motivo),
            "quorum": (
                selectors.sesion_quorum(sesion)
                if transicion is not None and transicion.exige_quorum
                else None
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
        request,
        _("Una sesión %(estado)s no puede pasar a %(destino)s.")
        % {"estado": sesion.get_estado_display().lower(), "destino": destino},
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
    transicion = flujo.transicion(sesion.estado, estado)
    reprograma = transicion is not None and transicion.exige_nueva_fecha
    if "justificacion_aviso" in form.fields and not reprograma:
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
    messages.success(
        request,
        _("La %(nombre)s quedó %(estado)s.")
        % {"nombre": sesion.nombre, "estado": sesion.get_estado_display().lower()},
    )
    return redirect(sesion)

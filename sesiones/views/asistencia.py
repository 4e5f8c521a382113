"""Captura de asistencia con quórum en vivo, e invitados (voz sin voto)."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comun.roles import requiere_juridico
from sesiones import flujo, selectors, services
from sesiones.exceptions import ErrorSesiones
from sesiones.forms import AsistenciaForm, InvitadoForm
from sesiones.permisos import sesion_visible_o_404
from sesiones.views.comun import invitado_visible_o_404, volver


def _form_fila(fila, datos=None) -> AsistenciaForm:
    asistencia = fila.asistencia
    return AsistenciaForm(
        datos,
        prefix=AsistenciaForm.prefijo(fila.integrante),
        initial={
            "estado": asistencia.estado if asistencia else "",
            "hora_llegada": asistencia.hora_llegada if asistencia else None,
        },
    )


def _filas(sesion, datos=None) -> list:
    filas = selectors.sesion_lista_asistencia(sesion)
    for fila in filas:
        fila.form = _form_fila(fila, datos)
        fila.error = ""
    return filas


def _no_permitido(request, sesion, capacidad: str):
    """La misma regla que aplica el servicio (flujo.py); aquí solo decide qué página mostrar."""
    messages.error(request, flujo.rechazo(sesion.estado, capacidad))
    return redirect(sesion)


def _registrar(request, sesion, fila) -> str:
    """Registra una fila si cambió; devuelve el mensaje de error o ""."""
    form = fila.form
    if not form.is_valid():
        return " ".join(str(e) for errores in form.errors.values() for e in errores)
    estado = form.cleaned_data["estado"]
    hora = form.cleaned_data["hora_llegada"]
    actual = fila.asistencia
    if not estado or (
        actual and actual.estado == estado and (hora is None or actual.hora_llegada == hora)
    ):
        return ""
    try:
        fila.asistencia = services.asistencia_registrar(
            sesion=sesion,
            integrante=fila.integrante,
            estado=estado,
            usuario=request.user,
            hora_llegada=hora,
        )
    except ErrorSesiones as error:
        return error.mensaje
    return ""


@requiere_juridico
def asistencia(request, pk: int):
    sesion = sesion_visible_o_404(request.user, pk)
    if not sesion.puede(flujo.CAPTURAR_ASISTENCIA):
        return _no_permitido(request, sesion, flujo.CAPTURAR_ASISTENCIA)
    if request.method == "POST":
        # Sin JavaScript llega la lista completa: se registra cada fila que cambió.
        errores = []
        for fila in _filas(sesion, request.POST):
            error = _registrar(request, sesion, fila)
            if error:
                errores.append(f"{fila.integrante.persona}: {error}")
        for error in errores:
            messages.error(request, error)
        if not errores:
            messages.success(request, _("Se guardó la lista de asistencia."))
        return redirect("sesiones:asistencia", pk=sesion.pk)
    return render(
        request,
        "sesiones/asistencia.html",
        {
            "sesion": sesion,
            "filas": _filas(sesion),
            "quorum": selectors.sesion_quorum(sesion),
            "invitados": sesion.invitados.select_related("persona"),
        },
    )


@require_POST
@requiere_juridico
def asistencia_fila(request, pk: int, integrante_pk: int):
    sesion = sesion_visible_o_404(request.user, pk)
    fila = next(
        (f for f in selectors.sesion_lista_asistencia(sesion) if f.integrante.pk == integrante_pk),
        None,
    )
    if fila is None:
        raise Http404(_("Esa persona no integra el órgano en la fecha de la sesión"))
    if not sesion.puede(flujo.CAPTURAR_ASISTENCIA):
        error = flujo.rechazo(sesion.estado, flujo.CAPTURAR_ASISTENCIA)
    else:
        fila.form = _form_fila(fila, request.POST)
        error = _registrar(request, sesion, fila)
    if not request.htmx:
        if error:
            messages.error(request, f"{fila.integrante.persona}: {error}")
        return redirect("sesiones:asistencia", pk=sesion.pk)
    # La fila vuelve con su valor guardado (o con lo escrito y el error) y el quórum por OOB.
    if not error:
        fila.form = _form_fila(fila)
    fila.error = error
    return render(
        request,
        "sesiones/_fila_asistencia_htmx.html",
        {
            "sesion": sesion,
            "fila": fila,
            "quorum": selectors.sesion_quorum(sesion),
        },
    )


@requiere_juridico
def invitado_nuevo(request, pk: int):
    sesion = sesion_visible_o_404(request.user, pk)
    if not sesion.puede(flujo.AGREGAR_INVITADOS):
        return _no_permitido(request, sesion, flujo.AGREGAR_INVITADOS)
    form = InvitadoForm(request.POST or None, sesion=sesion)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                persona = form.cleaned_data["persona"] or services.persona_registrar(
                    usuario=request.user, sesion=sesion, **form.datos_persona()
                )
                invitado = services.invitado_agregar(
                    sesion=sesion,
                    persona=persona,
                    usuario=request.user,
                    motivo=form.cleaned_data["motivo"].strip(),
                )
        except ErrorSesiones as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(request, _("Se invitó a %(persona)s.") % {"persona": invitado.persona})
            return volver(request, f"{sesion.get_absolute_url()}#invitados")
    return render(
        request,
        "sesiones/invitado_form.html",
        {
            "form": form,
            "sesion": sesion,
            "next": request.GET.get("next", ""),
        },
    )


@require_POST
@requiere_juridico
def invitado_asistencia(request, pk: int):
    invitado = invitado_visible_o_404(request.user, pk)
    asistio = request.POST.get("asistio") == "1"
    try:
        services.invitado_registrar_asistencia(
            invitado=invitado, asistio=asistio, usuario=request.user
        )
    except ErrorSesiones as error:
        messages.error(request, error.mensaje)
        return redirect(invitado.sesion)
    messages.success(
        request,
        f"{invitado.persona}: {'asistió' if asistio else 'se quitó su asistencia'}.",
    )
    return volver(request, reverse("sesiones:asistencia", args=[invitado.sesion_id]))


@require_POST
@requiere_juridico
def invitado_quitar(request, pk: int):
    invitado = invitado_visible_o_404(request.user, pk)
    sesion = invitado.sesion
    nombre = str(invitado.persona)
    try:
        services.invitado_quitar(invitado=invitado, usuario=request.user)
    except ErrorSesiones as error:
        messages.error(request, error.mensaje)
        return redirect(sesion)
    messages.success(request, _("Se quitó la invitación a %(nombre)s.") % {"nombre": nombre})
    return volver(request, f"{sesion.get_absolute_url()}#invitados")

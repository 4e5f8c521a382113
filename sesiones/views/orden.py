"""Armado del orden del día: puntos, su orden y sus anexos; descarga controlada de anexos."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comun.respuestas import respuesta_privada
from comun.roles import requiere_juridico
from sesiones import flujo, services
from sesiones.exceptions import EdicionConcurrente, ErrorSesiones
from sesiones.forms import AnexoForm, PuntoForm
from sesiones.models import Anexo
from sesiones.permisos import anexo_visible_para, sesion_visible_o_404
from sesiones.views.comun import anexo_de_sesion_visible_o_404, punto_visible_o_404
from sesiones.views.sesion import contexto_orden

DESPLAZAMIENTOS = {"arriba": -1, "abajo": 1}


def _al_orden(sesion):
    return redirect(f"{sesion.get_absolute_url()}#orden-dia")


def _no_editable(request, sesion):
    messages.error(request, flujo.rechazo(sesion.estado, flujo.EDITAR_ORDEN))
    return redirect(sesion)


@requiere_juridico
def punto_nuevo(request, pk: int):
    sesion = sesion_visible_o_404(request.user, pk)
    if not sesion.puede(flujo.EDITAR_ORDEN):
        return _no_editable(request, sesion)
    form = PuntoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            punto = services.punto_agregar(sesion=sesion, usuario=request.user, **form.cleaned_data)
        except ErrorSesiones as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(
                request,
                _("Se agregó el punto %(orden)s al orden del día.") % {"orden": punto.orden},
            )
            return _al_orden(sesion)
    return render(
        request, "sesiones/punto_form.html", {"form": form, "sesion": sesion, "punto": None}
    )


@requiere_juridico
def punto_editar(request, pk: int):
    punto = punto_visible_o_404(request.user, pk)
    sesion = punto.sesion
    if not sesion.puede(flujo.EDITAR_ORDEN):
        return _no_editable(request, sesion)
    form = PuntoForm(request.POST or None, punto=punto)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            punto = services.punto_actualizar(
                punto=punto, usuario=request.user, **form.cleaned_data
            )
        except EdicionConcurrente as error:
            # Se vuelve a mostrar lo que escribió, con el aviso y la versión vigente.
            form.add_error(None, error.mensaje)
            form.poner_al_dia(error)
            status = 409
        except ErrorSesiones as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(request, _("Se guardó el punto %(orden)s.") % {"orden": punto.orden})
            return _al_orden(sesion)
    return render(
        request,
        "sesiones/punto_form.html",
        {"form": form, "sesion": sesion, "punto": punto},
        status=status,
    )


@requiere_juridico
def punto_eliminar(request, pk: int):
    punto = punto_visible_o_404(request.user, pk)
    sesion = punto.sesion
    if not sesion.puede(flujo.EDITAR_ORDEN):
        return _no_editable(request, sesion)
    if request.method == "POST":
        try:
            services.punto_eliminar(punto=punto, usuario=request.user)
        except ErrorSesiones as error:
            messages.error(request, error.mensaje)
        else:
            messages.success(request, _("Se eliminó el punto y el orden del día se renumeró."))
        return _al_orden(sesion)
    return render(
        request,
        "sesiones/confirmar_eliminar.html",
        {
            "sesion": sesion,
            "que": "el punto",
            "objeto": punto,
            "detalle": punto.titulo,
            "advertencia": (
                f"También se eliminarán sus {punto.anexos.count()} anexos."
                if punto.anexos.exists()
                else ""
            ),
        },
    )


@require_POST
@requiere_juridico
def punto_mover(request, pk: int, direccion: str):
    if direccion not in DESPLAZAMIENTOS:
        raise Http404(_("Dirección desconocida"))
    punto = punto_visible_o_404(request.user, pk)
    sesion = punto.sesion
    error = ""
    try:
        services.punto_mover(
            punto=punto, usuario=request.user, desplazamiento=DESPLAZAMIENTOS[direccion]
        )
    except ErrorSesiones as e:
        error = e.mensaje
    if request.htmx:
        # Se devuelve solo la lista para reemplazarla en su lugar.
        sesion.refresh_from_db()
        return render(
            request,
            "sesiones/_orden_dia.html",
            {**contexto_orden(request, sesion), "error_orden": error},
        )
    if error:
        messages.error(request, error)
    return _al_orden(sesion)


@requiere_juridico
def anexo_nuevo(request, pk: int):
    punto = punto_visible_o_404(request.user, pk)
    sesion = punto.sesion
    if not sesion.puede(flujo.EDITAR_ORDEN):
        return _no_editable(request, sesion)
    form = AnexoForm(
        request.POST or None,
        request.FILES or None,
        sesion=sesion,
        max_mb=settings.SESIONES_MAX_UPLOAD_MB,
    )
    if request.method == "POST" and form.is_valid():
        try:
            anexo = services.anexo_subir(punto=punto, usuario=request.user, **form.datos_servicio())
        except ErrorSesiones as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(
                request,
                _("Se subió el anexo «%(titulo)s» al punto %(orden)s.")
                % {"titulo": anexo.titulo, "orden": punto.orden},
            )
            return _al_orden(sesion)
    return render(
        request, "sesiones/anexo_form.html", {"form": form, "sesion": sesion, "punto": punto}
    )


@requiere_juridico
def anexo_eliminar(request, pk: int):
    anexo = anexo_de_sesion_visible_o_404(request.user, pk)
    sesion = anexo.punto.sesion
    if not sesion.puede(flujo.EDITAR_ORDEN):
        return _no_editable(request, sesion)
    if request.method == "POST":
        try:
            services.anexo_eliminar(anexo=anexo, usuario=request.user)
        except ErrorSesiones as error:
            messages.error(request, error.mensaje)
        else:
            messages.success(
                request, _("Se eliminó el anexo «%(titulo)s».") % {"titulo": anexo.titulo}
            )
        return _al_orden(sesion)
    return render(
        request,
        "sesiones/confirmar_eliminar.html",
        {
            "sesion": sesion,
            "que": "el anexo",
            "objeto": anexo,
            "detalle": f"{anexo.titulo} ({anexo.nombre_original})",
            "advertencia": "",
        },
    )


@login_required
def anexo_descargar(request, pk: int):
    anexo = Anexo.objects.select_related("punto", "punto__sesion").filter(pk=pk).first()
    # Quien no puede verlo recibe lo mismo que si no existiera.
    if anexo is None or not anexo_visible_para(request.user, anexo):
        raise Http404(_("Anexo no encontrado"))
    try:
        archivo = anexo.archivo.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("El archivo del anexo no está disponible")) from error
    services.anexo_registrar_descarga(anexo=anexo, usuario=request.user)
    respuesta = FileResponse(
        archivo,
        as_attachment=True,
        filename=anexo.nombre_original,
        content_type=anexo.tipo_contenido or "application/octet-stream",
    )
    respuesta["X-Content-Type-Options"] = "nosniff"
    return respuesta_privada(respuesta)

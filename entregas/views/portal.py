"""Portal de integrantes y enlace personal firmado. Lo ajeno responde 404; el enlace, su página."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from comun.roles import es_personal
from documentos.models import DocumentoGenerado, TipoDocumento
from entregas import calendario, enlaces
from entregas import selectors as sel
from entregas import services as srv
from entregas.forms import ConfirmacionForm, ObservacionForm
from entregas.models import EstadoEntrega
from sesiones.exceptions import ErrorSesiones
from sesiones.permisos import persona_de, sesion_visible_o_404
from sesiones.selectors import anexos_visibles, puntos_con_anexos_visibles
from sesiones.services import anexo_registrar_descarga

TIPO_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _integrante_requerido(vista):
    """Solo integrantes con persona vinculada; el personal va a su propio inicio."""

    @wraps(vista)
    def envuelta(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if es_personal(request.user):
            messages.info(
                request,
                _(
                    "El portal es para los integrantes de los órganos; el personal trabaja desde "
                    "la página de cada sesión."
                ),
            )
            return redirect("sesiones:inicio")
        persona = persona_de(request.user)
        if persona is None:
            raise PermissionDenied(_("Su cuenta no está vinculada a un integrante."))
        request.persona = persona
        return vista(request, *args, **kwargs)

    return envuelta


@require_GET
@_integrante_requerido
def portal(request):
    sesiones = sel.sesiones_de_persona(request.persona)
    ahora = timezone.now()
    proximas = list(sesiones.filter(fecha_hora__gte=ahora).order_by("fecha_hora"))
    pasadas = list(sesiones.filter(fecha_hora__lt=ahora)[:50])
    cal = calendario.calendario_de(persona=request.persona)
    return render(
        request,
        "entregas/portal/inicio.html",
        {
            "persona": request.persona,
            "proximas": proximas,
            "pasadas": pasadas,
            "copias": sel.copias_de_persona(request.persona),
            "url_calendario": settings.SITE_URL + reverse("portal:calendario", args=[cal.token]),
        },
    )


def _contexto_sesion(request, sesion, **extra):
    persona = request.persona
    puntos = puntos_con_anexos_visibles(user=request.user, sesion=sesion)
    confirmacion = sesion.confirmaciones.filter(persona=persona).first()
    inicial = (
        {"respuesta": confirmacion.respuesta, "suplente_nombre": confirmacion.suplente_nombre}
        if confirmacion
        else None
    )
    return {
        "sesion": sesion,
        "persona": persona,
        "puntos": puntos,
        "confirmacion": confirmacion,
        "form_confirmacion": ConfirmacionForm(initial=inicial),
        "form_observacion": ObservacionForm(),
        "admite_observaciones": srv.admite_observaciones(sesion),
        "admite_confirmacion": sesion.estado in srv.ESTADOS_CONVOCABLES
        and sesion.fecha_hora >= timezone.now(),
        "observaciones": sesion.observaciones_acta.filter(persona=persona).order_by("fecha"),
        **sel.documentos_de_persona(sesion=sesion, persona=persona),
        **extra,
    }


@require_GET
@_integrante_requerido
def portal_sesion(request, pk):
    sesion = sesion_visible_o_404(request.user, pk)
    return render(request, "entregas/portal/sesion.html", _contexto_sesion(request, sesion))


@require_POST
@_integrante_requerido
def portal_observar(request, pk):
    sesion = sesion_visible_o_404(request.user, pk)
    form = ObservacionForm(request.POST)
    if form.is_valid():
        try:
            srv.observacion_agregar(
                sesion=sesion,
                persona=request.persona,
                texto=form.cleaned_data["texto"],
                usuario=request.user,
            )
        except ErrorSesiones as error:
            form.add_error("texto", error.mensaje)
        else:
            messages.success(
                request, _("Su observación quedó registrada para la Dirección Jurídica.")
            )
            return redirect("portal:sesion", pk=sesion.pk)
    contexto = _contexto_sesion(request, sesion, form_observacion=form)
    return render(request, "entregas/portal/sesion.html", contexto, status=400)


@require_POST
@_integrante_requerido
def portal_confirmar(request, pk):
    sesion = sesion_visible_o_404(request.user, pk)
    form = ConfirmacionForm(request.POST)
    if form.is_valid():
        try:
            srv.confirmacion_registrar(
                sesion=sesion, persona=request.persona, usuario=request.user, **form.cleaned_data
            )
        except ErrorSesiones as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(request, _("Su respuesta quedó registrada."))
            return redirect("portal:sesion", pk=sesion.pk)
    contexto = _contexto_sesion(request, sesion, form_confirmacion=form)
    return render(request, "entregas/portal/sesion.html", contexto, status=400)


def _archivo(campo, nombre, tipo):
    try:
        archivo = campo.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("El archivo no está disponible")) from error
    respuesta = FileResponse(archivo, as_attachment=True, filename=nombre, content_type=tipo)
    respuesta["X-Content-Type-Options"] = "nosniff"
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta


@require_GET
def portal_anexo(request, pk):
    """Descarga con la regla única de acceso; reservados y confidenciales quedan registrados."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # Lo que no puede ver responde igual que lo que no existe.
    anexo = anexos_visibles(user=request.user).filter(pk=pk).first()
    if anexo is None:
        raise Http404(_("Anexo no encontrado"))
    respuesta = _archivo(
        anexo.archivo, anexo.nombre_original, anexo.tipo_contenido or "application/octet-stream"
    )
    anexo_registrar_descarga(anexo=anexo, usuario=request.user)
    return respuesta


@require_GET
@_integrante_requerido
def portal_documento(request, pk, formato):
    documento = get_object_or_404(DocumentoGenerado.objects.select_related("sesion"), pk=pk)
    sesion_visible_o_404(request.user, documento.sesion_id)
    propio = documento.destinatario_id == request.persona.pk and documento.tipo in (
        TipoDocumento.CONVOCATORIA,
        TipoDocumento.INVITACION,
    )
    acta = documento.tipo == TipoDocumento.ACTA and documento.vigente
    if not (propio or acta):
        raise Http404(_("Documento no encontrado"))
    if formato == "docx":
        return _archivo(documento.archivo, documento.nombre_descarga, TIPO_DOCX)
    if formato == "pdf" and documento.pdf:
        return _archivo(documento.pdf, documento.nombre_descarga[:-5] + ".pdf", "application/pdf")
    raise Http404(_("Formato no disponible"))


@require_POST
@_integrante_requerido
def portal_calendario_regenerar(request):
    calendario.calendario_regenerar(persona=request.persona, usuario=request.user)
    messages.success(request, _("Se generó una dirección nueva; la anterior dejó de funcionar."))
    return redirect("portal:inicio")


@require_GET
def portal_calendario(request, token):
    persona = calendario.persona_de_token(token)
    if persona is None:
        raise Http404(_("Calendario no encontrado"))
    respuesta = HttpResponse(
        calendario.calendario_ics(persona=persona), content_type="text/calendar; charset=utf-8"
    )
    respuesta["Cache-Control"] = "private, no-store"
    respuesta["Content-Disposition"] = 'inline; filename="sesiones.ics"'
    return respuesta


# --- Enlace personal firmado ------------------------------------------------------------


def _entrega_de_enlace(request, token):
    """(entrega, None) o (None, respuesta con la página del problema)."""
    try:
        entrega = enlaces.entrega_de_token(token)
    except enlaces.EnlaceInvalido as error:
        return None, render(
            request,
            "entregas/portal/enlace_invalido.html",
            {"titulo": error.titulo, "mensaje": error.mensaje},
            status=error.status,
        )
    persona = persona_de(request.user)
    if persona is not None and persona.pk != entrega.persona_id:
        return None, render(
            request,
            "entregas/portal/enlace_invalido.html",
            {
                "titulo": "Enlace ajeno",
                "mensaje": "Este enlace es personal de otra persona. Abra el que llegó a su correo.",
            },
            status=403,
        )
    return entrega, None


def _pagina_enlace(request, token, entrega, form=None, errores=None, status=200):
    sesion = entrega.sesion
    confirmacion = sesion.confirmaciones.filter(persona=entrega.persona).first()
    inicial = (
        {"respuesta": confirmacion.respuesta, "suplente_nombre": confirmacion.suplente_nombre}
        if confirmacion
        else None
    )
    return render(
        request,
        "entregas/portal/enlace.html",
        {
            "token": token,
            "entrega": entrega,
            "sesion": sesion,
            "persona": entrega.persona,
            "confirmacion": confirmacion,
            "form": form or ConfirmacionForm(initial=inicial),
            "errores": errores or [],
            "puede_acusar": entrega.estado == EstadoEntrega.ENVIADO,
            "admite_confirmacion": sesion.estado in srv.ESTADOS_CONVOCABLES
            and sesion.fecha_hora >= timezone.now(),
            "vence": enlaces.vence(entrega),
        },
        status=status,
    )


@require_GET
def enlace(request, token):
    entrega, problema = _entrega_de_enlace(request, token)
    if problema:
        return problema
    return _pagina_enlace(request, token, entrega)


@require_POST
def enlace_acusar(request, token):
    entrega, problema = _entrega_de_enlace(request, token)
    if problema:
        return problema
    try:
        srv.entrega_acusar(entrega=entrega, usuario=request.user)
    except ErrorSesiones as error:
        return _pagina_enlace(request, token, entrega, errores=[error.mensaje], status=409)
    messages.success(request, _("Gracias: su acuse de recibo quedó registrado."))
    return redirect("portal:enlace", token=token)


@require_POST
def enlace_confirmar(request, token):
    entrega, problema = _entrega_de_enlace(request, token)
    if problema:
        return problema
    form = ConfirmacionForm(request.POST)
    if not form.is_valid():
        return _pagina_enlace(request, token, entrega, form=form, status=400)
    try:
        if entrega.estado == EstadoEntrega.ENVIADO:
            # Quien responde ya recibió la convocatoria: su respuesta vale como acuse.
            srv.entrega_acusar(entrega=entrega, usuario=request.user)
        srv.confirmacion_registrar(
            sesion=entrega.sesion,
            persona=entrega.persona,
            usuario=request.user,
            **form.cleaned_data,
        )
    except ErrorSesiones as error:
        return _pagina_enlace(
            request, token, entrega, form=form, errores=[error.mensaje], status=400
        )
    messages.success(request, _("Gracias: su respuesta quedó registrada."))
    return redirect("portal:enlace", token=token)

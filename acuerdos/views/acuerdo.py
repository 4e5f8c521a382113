"""Vistas de acuerdos en la sesión y de cada acuerdo. Cortas: acceso, un servicio, un mensaje."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from acuerdos import documentos, flujo, selectors, services
from acuerdos.exceptions import AccionNoPermitida
from acuerdos.forms import (
    AcuerdoForm,
    AvanceForm,
    CorreccionForm,
    DatosSeguimientoForm,
    PublicacionForm,
    TransicionForm,
    VotacionNominalForm,
    VotacionTotalesForm,
    destinos_manuales,
)
from acuerdos.models import (
    AvanceAcuerdo,
    CambioEstadoAcuerdo,
    ModoVotacion,
    Publicacion,
)
from comun.respuestas import archivo_privado
from comun.roles import es_juridico, es_seguimiento, requiere_juridico, requiere_personal
from sesiones.exceptions import EdicionConcurrente, ErrorSesiones
from sesiones.permisos import sesion_visible_o_404

# Acuerdos en la sesión


def _contexto_sesion(request, sesion, form=None) -> dict:
    puede_capturar = es_juridico(request.user)
    return {
        "sesion": sesion,
        "acuerdos": selectors.acuerdos_de_sesion(sesion),
        "puede_capturar": puede_capturar,
        "puede_votar": puede_capturar and sesion.estado in services.ESTADOS_SESION_VOTACION,
        "form": form or (AcuerdoForm(sesion=sesion) if puede_capturar else None),
    }


def _render_sesion(request, sesion, form=None, status=200):
    contexto = _contexto_sesion(request, sesion, form)
    plantilla = "acuerdos/_sesion.html" if request.htmx else "acuerdos/sesion.html"
    return render(request, plantilla, contexto, status=status)


@login_required
@require_GET
def sesion(request, pk: int):
    return _render_sesion(request, sesion_visible_o_404(request.user, pk))


@require_POST
@requiere_juridico
def nuevo(request, pk: int):
    sesion_obj = sesion_visible_o_404(request.user, pk)
    form = AcuerdoForm(request.POST, sesion=sesion_obj)
    if form.is_valid():
        try:
            acuerdo = services.acuerdo_crear(
                sesion=sesion_obj, usuario=request.user, **form.cleaned_data
            )
        except ErrorSesiones as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(
                request,
                _("Acuerdo %(clave)s registrado como proyecto.") % {"clave": acuerdo.clave},
            )
            if request.htmx:
                return _render_sesion(request, sesion_obj)
            return redirect("acuerdos:sesion", sesion_obj.pk)
    return _render_sesion(request, sesion_obj, form=form)


@require_http_methods(["GET", "POST"])
@requiere_juridico
def votacion(request, pk: int):
    acuerdo = selectors.acuerdo_visible_o_404(request.user, pk)
    presentes = list(services.integrantes_presentes_con_voto(acuerdo.sesion))
    modo = request.POST.get("modo", ModoVotacion.TOTALES)
    totales = VotacionTotalesForm(
        request.POST if request.method == "POST" and modo == ModoVotacion.TOTALES else None,
        initial={"a_favor": len(presentes)},
    )
    nominal = VotacionNominalForm(
        request.POST if request.method == "POST" and modo == ModoVotacion.NOMINAL else None,
        presentes=presentes,
    )
    if request.method == "POST":
        form = nominal if modo == ModoVotacion.NOMINAL else totales
        if form.is_valid():
            try:
                votacion_obj = services.votacion_registrar(
                    acuerdo=acuerdo, usuario=request.user, **form.datos_servicio()
                )
            except ErrorSesiones as error:
                form.add_error(None, error.mensaje)
            else:
                messages.success(
                    request,
                    _("Acuerdo %(clave)s: %(texto)s.")
                    % {"clave": acuerdo.clave, "texto": votacion_obj.texto},
                )
                return redirect("acuerdos:sesion", acuerdo.sesion_id)
    return render(
        request,
        "acuerdos/votacion.html",
        {
            "acuerdo": acuerdo,
            "presentes": presentes,
            "totales": totales,
            "nominal": nominal,
            "modo": modo,
        },
    )


# Un acuerdo


def _render_detalle(request, acuerdo, status=200, **formularios):
    seguimiento = es_seguimiento(request.user)
    juridico = es_juridico(request.user)
    # Se ofrecen los destinos que el servicio le permitiría a este usuario.
    destinos = (
        [
            (e, etiqueta)
            for e, etiqueta in destinos_manuales(acuerdo.estado)
            if services.puede_llevar_a(request.user, e, desde=acuerdo.estado)
        ]
        if seguimiento
        else []
    )
    contexto = {
        "acuerdo": acuerdo,
        "eventos": selectors.acuerdo_linea_tiempo(acuerdo),
        "versiones": acuerdo.versiones.select_related("usuario"),
        "publicaciones": acuerdo.publicaciones.all(),
        "votacion": getattr(acuerdo, "votacion", None),
        "puede_seguir": seguimiento,
        "puede_corregir": juridico and acuerdo.puede(flujo.CORREGIR_TEXTO),
        "puede_certificar": juridico and acuerdo.puede(flujo.CERTIFICAR),
        "certificaciones": documentos.certificaciones_de_acuerdo(acuerdo=acuerdo)
        if seguimiento
        else [],
        "destinos": destinos,
        "transicion_form": formularios.get("transicion") or TransicionForm(),
        "avance_form": formularios.get("avance") or AvanceForm(),
        "publicacion_form": formularios.get("publicacion")
        or PublicacionForm(initial={"medio": (acuerdo.medios_requeridos or ("web",))[0]}),
        "correccion_form": formularios.get("correccion")
        or CorreccionForm(initial={"texto": acuerdo.texto}, objeto=acuerdo),
        "datos_form": formularios.get("datos")
        or DatosSeguimientoForm(
            initial={
                "tipo": acuerdo.tipo,
                "responsable": acuerdo.responsable_id,
                "plazo_dias_habiles": acuerdo.plazo_dias_habiles,
                "fecha_limite": None if acuerdo.plazo_dias_habiles else acuerdo.fecha_limite,
                "publicacion": acuerdo.publicacion,
            },
            objeto=acuerdo,
        ),
    }
    return render(request, "acuerdos/detalle.html", contexto, status=status)


@login_required
@require_GET
def detalle(request, pk: int):
    return _render_detalle(request, selectors.acuerdo_visible_o_404(request.user, pk))


def _accion_seguimiento(request, pk: int, form_class, clave: str, ejecutar, exito: str):
    """Patrón común: acceso, formulario, servicio; si algo falla, se re-muestra lo escrito.

    El servicio decide quién puede; si no puede, se responde 403 con su mensaje.
    """
    acuerdo = selectors.acuerdo_visible_o_404(request.user, pk)
    form = form_class(request.POST, request.FILES)
    status = 200
    if form.is_valid():
        try:
            ejecutar(acuerdo, form.cleaned_data)
        except AccionNoPermitida as error:
            messages.error(request, error.mensaje)
            return _render_detalle(request, acuerdo, status=403, **{clave: form})
        except EdicionConcurrente as error:
            # Otra persona guardó antes: se re-muestra lo escrito con el aviso y la versión vigente.
            form.add_error(None, error.mensaje)
            form.poner_al_dia(error)
            status = 409
        except ErrorSesiones as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(request, exito)
            return redirect("acuerdos:detalle", acuerdo.pk)
    messages.error(request, _("No se guardó: revise los datos marcados."))
    return _render_detalle(request, acuerdo, status=status, **{clave: form})


@require_POST
@requiere_personal
def estado(request, pk: int):
    return _accion_seguimiento(
        request,
        pk,
        TransicionForm,
        "transicion",
        lambda acuerdo, datos: services.acuerdo_cambiar_estado(
            acuerdo=acuerdo, usuario=request.user, **datos
        ),
        "Estado del acuerdo actualizado.",
    )


@require_POST
@requiere_personal
def avance(request, pk: int):
    return _accion_seguimiento(
        request,
        pk,
        AvanceForm,
        "avance",
        lambda acuerdo, datos: services.avance_registrar(
            acuerdo=acuerdo, usuario=request.user, **datos
        ),
        "Avance registrado.",
    )


@require_POST
@requiere_personal
def publicacion(request, pk: int):
    return _accion_seguimiento(
        request,
        pk,
        PublicacionForm,
        "publicacion",
        lambda acuerdo, datos: services.publicacion_registrar(
            acuerdo=acuerdo, usuario=request.user, **datos
        ),
        "Evidencia de publicación registrada.",
    )


@require_POST
@requiere_personal
def datos(request, pk: int):
    return _accion_seguimiento(
        request,
        pk,
        DatosSeguimientoForm,
        "datos",
        lambda acuerdo, datos: services.acuerdo_actualizar(
            acuerdo=acuerdo, usuario=request.user, **datos
        ),
        "Datos de seguimiento actualizados.",
    )


@require_POST
@requiere_juridico
def corregir(request, pk: int):
    return _accion_seguimiento(
        request,
        pk,
        CorreccionForm,
        "correccion",
        lambda acuerdo, datos: services.acuerdo_corregir_texto(
            acuerdo=acuerdo, usuario=request.user, **datos
        ),
        "Texto corregido: se guardó una versión nueva.",
    )


@require_POST
@requiere_juridico
def certificar(request, pk: int):
    acuerdo = selectors.acuerdo_visible_o_404(request.user, pk)
    try:
        documento = documentos.certificacion_acuerdo_generar(acuerdo=acuerdo, usuario=request.user)
    except ErrorSesiones as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(
            request,
            _(
                "Certificación del acuerdo %(clave)s generada (folio %(folio)s, versión %(version)s)."
            )
            % {
                "clave": acuerdo.clave,
                "folio": documento.numero_oficio,
                "version": documento.version,
            },
        )
    return redirect("acuerdos:detalle", acuerdo.pk)


MODELOS_EVIDENCIA: dict[
    str, tuple[type[CambioEstadoAcuerdo] | type[AvanceAcuerdo] | type[Publicacion], str, str]
] = {
    "cambio": (CambioEstadoAcuerdo, "evidencia_archivo", "evidencia_nombre"),
    "avance": (AvanceAcuerdo, "evidencia_archivo", "evidencia_nombre"),
    "publicacion": (Publicacion, "archivo", "archivo_nombre"),
}


@login_required
@require_GET
@archivo_privado
def evidencia(request, tipo: str, pk: int):
    """Los archivos nunca se sirven por ruta pública: aquí se revisa que el acuerdo sea visible."""
    if tipo not in MODELOS_EVIDENCIA:
        raise Http404
    modelo, campo, nombre = MODELOS_EVIDENCIA[tipo]
    objeto = modelo.objects.filter(pk=pk).first()
    if objeto is None or not getattr(objeto, campo):
        raise Http404
    selectors.acuerdo_visible_o_404(request.user, objeto.acuerdo_id)
    archivo = getattr(objeto, campo)
    nombre_archivo = getattr(objeto, nombre) or archivo.name.rsplit("/", 1)[-1]
    tipo_contenido = mimetypes.guess_type(nombre_archivo)[0] or "application/octet-stream"
    return FileResponse(
        archivo.open("rb"), as_attachment=True, filename=nombre_archivo, content_type=tipo_contenido
    )

"""Panel de entregas de la Dirección Jurídica: envíos, acuses, confirmaciones, firmas y copias."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from comun.roles import es_juridico, juridico_o_404, personal_o_404
from documentos import firmas
from documentos.models import CopiaCertificada
from entregas import selectors as sel
from entregas import services as srv
from entregas.forms import ActaFirmadaForm, CopiaForm, FirmaForm
from entregas.models import Entrega
from sesiones.exceptions import ErrorSesiones
from sesiones.models import Integrante, Persona
from sesiones.permisos import sesion_visible_o_404


def _panel(request, sesion, errores=None, status=200):
    datos = sel.panel_entregas(sesion=sesion)
    datos.update(
        {
            "sesion": sesion,
            "errores": errores or [],
            "puede_actuar": es_juridico(request.user),
            "form_acta": ActaFirmadaForm(),
        }
    )
    plantilla = "entregas/_panel.html" if request.htmx else "entregas/panel.html"
    return render(request, plantilla, datos, status=status)


def _responder(request, sesion, errores, exito: str):
    if request.htmx:
        return _panel(request, sesion, errores=errores, status=200)
    if errores:
        messages.error(request, " ".join(errores))
    else:
        messages.success(request, exito)
    return redirect("entregas:sesion", pk=sesion.pk)


@require_GET
@personal_o_404
def entregas_sesion(request, pk):
    sesion = sesion_visible_o_404(request.user, pk)
    return _panel(request, sesion)


@require_POST
@juridico_o_404
def entregas_enviar(request, pk):
    sesion = sesion_visible_o_404(request.user, pk)
    errores = []
    try:
        creadas = srv.entregas_solicitar(sesion=sesion, usuario=request.user)
        if not creadas:
            errores = [
                _("Todas las convocatorias ya se habían enviado; use «Reenviar» en las fallidas.")
            ]
    except ErrorSesiones as error:
        errores = [error.mensaje]
    return _responder(request, sesion, errores, _("Las convocatorias se están enviando."))


@require_POST
@juridico_o_404
def entregas_avisar(request, pk):
    sesion = sesion_visible_o_404(request.user, pk)
    errores = []
    try:
        srv.entregas_avisar_cambio(sesion=sesion, usuario=request.user)
    except ErrorSesiones as error:
        errores = [error.mensaje]
    return _responder(request, sesion, errores, _("Se está enviando el aviso a los convocados."))


@require_POST
@juridico_o_404
def entrega_reenviar(request, pk):
    entrega = get_object_or_404(Entrega.objects.select_related("persona"), pk=pk)
    sesion = sesion_visible_o_404(request.user, entrega.sesion_id)
    errores = []
    try:
        srv.entrega_reenviar(entrega=entrega, usuario=request.user)
    except ErrorSesiones as error:
        errores = [error.mensaje]
    return _responder(
        request,
        sesion,
        errores,
        _("Se reenvía el correo a %(persona)s.") % {"persona": entrega.persona},
    )


@require_POST
@juridico_o_404
def firma_registrar(request, pk):
    sesion = sesion_visible_o_404(request.user, pk)
    form = FirmaForm(request.POST)
    errores = []
    if not form.is_valid():
        errores = [m for lista in form.errors.values() for m in lista]
    else:
        integrante = (
            Integrante.objects.filter(
                pk=form.cleaned_data["integrante"], organo_id=sesion.organo_id
            )
            .select_related("persona")
            .first()
        )
        if integrante is None:
            errores = [_("Ese integrante no pertenece al órgano de la sesión.")]
        else:
            try:
                firmas.firma_registrar(
                    sesion=sesion,
                    integrante=integrante,
                    usuario=request.user,
                    fecha=form.cleaned_data["fecha"],
                )
            except ErrorSesiones as error:
                errores = [error.mensaje]
    return _responder(request, sesion, errores, _("Firma registrada."))


@require_POST
@juridico_o_404
def acta_firmada_subir(request, pk):
    sesion = sesion_visible_o_404(request.user, pk)
    form = ActaFirmadaForm(request.POST, request.FILES)
    errores = []
    if not form.is_valid():
        errores = [m for lista in form.errors.values() for m in lista]
    else:
        try:
            firmas.acta_firmada_subir(
                sesion=sesion, archivo=form.cleaned_data["archivo"], usuario=request.user
            )
        except ErrorSesiones as error:
            errores = [error.mensaje]
    if errores and not request.htmx:
        return _panel(request, sesion, errores=errores, status=400)
    return _responder(request, sesion, errores, _("Acta firmada guardada."))


@require_GET
@personal_o_404
def acta_firmada_descargar(request, pk):
    sesion = sesion_visible_o_404(request.user, pk)
    acta = getattr(sesion, "acta_firmada", None)
    if acta is None or not acta.archivo:
        raise Http404(_("No hay acta firmada"))
    nombre = f"acta_firmada_{sesion.clave or sesion.pk}.pdf".replace("/", "-")
    respuesta = FileResponse(
        acta.archivo.open("rb"), as_attachment=True, filename=nombre, content_type="application/pdf"
    )
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta


@require_POST
@juridico_o_404
def copia_emitir(request, pk):
    sesion = sesion_visible_o_404(request.user, pk)
    form = CopiaForm(request.POST)
    errores = []
    persona = None
    if form.is_valid():
        persona = Persona.objects.filter(pk=form.cleaned_data["persona"]).first()
    if persona is None:
        errores = [_("Elija a quién se expide la copia.")]
    else:
        try:
            firmas.copia_emitir(sesion=sesion, persona=persona, usuario=request.user)
        except ErrorSesiones as error:
            errores = [error.mensaje]
    return _responder(request, sesion, errores, _("Copia certificada expedida."))


@require_POST
@juridico_o_404
def copia_entregar(request, pk):
    copia = get_object_or_404(CopiaCertificada, pk=pk)
    sesion = sesion_visible_o_404(request.user, copia.sesion_id)
    errores = []
    try:
        firmas.copia_entregar(copia=copia, usuario=request.user)
    except ErrorSesiones as error:
        errores = [error.mensaje]
    return _responder(
        request,
        sesion,
        errores,
        _("Entrega de la copia %(folio)s registrada.") % {"folio": copia.folio},
    )

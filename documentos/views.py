"""Vistas de documentos: panel de la sesión, descargas y plantillas. Cortas: acceso, servicio, aviso."""

from django.contrib import messages
from django.db.models import Max
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from comun.respuestas import archivo_privado
from comun.roles import es_juridico, juridico_o_404, personal_o_404, requiere_juridico
from documentos import pdf, registro, selectors
from documentos import services as docs
from documentos.forms import GenerarForm, MarcarForm, PlantillaForm
from documentos.models import (
    DocumentoGenerado,
    EstadoPlantilla,
    LoteDocumentos,
    PlantillaDocumento,
    TipoDocumento,
)
from sesiones.exceptions import ErrorSesiones
from sesiones.permisos import sesion_visible_o_404

TIPO_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _panel(request, sesion, errores=None, status=200):
    datos = selectors.panel_documentos(sesion=sesion)
    datos.update(
        {
            "sesion": sesion,
            "errores": errores or [],
            "puede_generar": es_juridico(request.user),
            "pdf_disponible": pdf.soffice_disponible(),
        }
    )
    plantilla = "documentos/_panel.html" if request.htmx else "documentos/panel.html"
    return render(request, plantilla, datos, status=status)


@require_GET
@personal_o_404
def documentos_sesion(request, pk):
    sesion = sesion_visible_o_404(request.user, pk)
    return _panel(request, sesion)


@require_POST
@juridico_o_404
def documentos_generar(request, pk):
    sesion = sesion_visible_o_404(request.user, pk)
    form = GenerarForm(request.POST)
    errores = []
    if not form.is_valid():
        errores = [_("Elija un tipo de documento válido.")]
    else:
        try:
            docs.lote_solicitar(sesion=sesion, tipo=form.cleaned_data["tipo"], usuario=request.user)
        except docs.DocumentosIncompletos as error:
            errores = [_("Faltan datos para generar los documentos:"), *error.faltantes]
        except ErrorSesiones as error:
            errores = [error.mensaje]
    if request.htmx:
        return _panel(request, sesion, errores=errores)
    if errores:
        messages.error(request, " ".join(errores))
    else:
        messages.success(request, _("La generación de documentos está en curso."))
    return redirect("documentos:sesion", pk=sesion.pk)


def _lote_o_404(user, pk) -> LoteDocumentos:
    lote = get_object_or_404(LoteDocumentos.objects.select_related("sesion"), pk=pk)
    sesion_visible_o_404(user, lote.sesion_id)
    return lote


@require_POST
@juridico_o_404
def lote_reintentar(request, pk):
    lote = _lote_o_404(request.user, pk)
    errores = []
    try:
        docs.lote_reintentar(lote=lote, usuario=request.user)
    except ErrorSesiones as error:
        errores = [error.mensaje]
    if request.htmx:
        return _panel(request, lote.sesion, errores=errores)
    if errores:
        messages.error(request, " ".join(errores))
    else:
        messages.success(request, _("Se reintenta la generación de documentos."))
    return redirect("documentos:sesion", pk=lote.sesion_id)


@require_GET
@archivo_privado
@personal_o_404
def lote_zip(request, pk):
    lote = _lote_o_404(request.user, pk)
    if not lote.zip:
        raise Http404(_("El lote no tiene archivo ZIP"))
    nombre = f"{lote.tipo}_{lote.sesion.clave or lote.sesion_id}.zip".replace("/", "-")
    return FileResponse(
        lote.zip.open("rb"), as_attachment=True, filename=nombre, content_type="application/zip"
    )


def _documento_o_404(user, pk) -> DocumentoGenerado:
    documento = get_object_or_404(DocumentoGenerado.objects.select_related("sesion"), pk=pk)
    sesion_visible_o_404(user, documento.sesion_id)
    return documento


@require_GET
@archivo_privado
@personal_o_404
def documento_descargar(request, pk, formato):
    documento = _documento_o_404(request.user, pk)
    if formato == "docx":
        archivo, nombre, tipo = documento.archivo, documento.nombre_descarga, TIPO_DOCX
    elif formato == "pdf" and documento.pdf:
        archivo, tipo = documento.pdf, "application/pdf"
        nombre = documento.nombre_descarga[:-5] + ".pdf"
    else:
        raise Http404(_("Formato no disponible"))
    nombre = nombre.replace(".docx", f"_v{documento.version}.docx").replace(
        ".pdf", f"_v{documento.version}.pdf"
    )
    return FileResponse(archivo.open("rb"), as_attachment=True, filename=nombre, content_type=tipo)


@require_POST
@juridico_o_404
def documento_marcar(request, pk):
    documento = _documento_o_404(request.user, pk)
    form = MarcarForm(request.POST)
    errores = []
    if not form.is_valid():
        errores = [_("Elija «enviado» o «firmado».")]
    else:
        try:
            docs.documento_marcar(
                documento=documento, estado=form.cleaned_data["estado"], usuario=request.user
            )
        except ErrorSesiones as error:
            errores = [error.mensaje]
    if request.htmx:
        return _panel(request, documento.sesion, errores=errores)
    if errores:
        messages.error(request, " ".join(errores))
    else:
        messages.success(
            request,
            _("%(documento)s quedó como %(estado)s.")
            % {"documento": documento, "estado": documento.get_estado_display().lower()},
        )
    return redirect("documentos:sesion", pk=documento.sesion_id)


# --- Plantillas -------------------------------------------------------------------------


CLASE_ESTADO_PLANTILLA = {
    EstadoPlantilla.VALIDANDO: "text-bg-secondary",
    EstadoPlantilla.VALIDA: "text-bg-light border",
    EstadoPlantilla.RECHAZADA: "text-bg-danger",
}


def _pagina_plantillas(request, form=None, status=200):
    por_tipo = []
    activas_registradas = set(
        PlantillaDocumento.objects.filter(activa=True).values_list("tipo", flat=True)
    )
    ultimas = dict(PlantillaDocumento.objects.values_list("tipo").annotate(m=Max("version")))
    for tipo, etiqueta in TipoDocumento.choices:
        versiones = list(
            PlantillaDocumento.objects.filter(tipo=tipo)
            .select_related("subida_por")
            .order_by("-version")
        )
        for version in versiones:
            version.puede_activarse = docs.plantilla_puede_activarse(version)
            version.clase_estado = CLASE_ESTADO_PLANTILLA.get(version.estado, "")
        por_tipo.append(
            {
                "tipo": tipo,
                "etiqueta": etiqueta,
                "versiones": versiones,
                "validando": any(v.estado == EstadoPlantilla.VALIDANDO for v in versiones),
                "por_omision": tipo not in activas_registradas,
                "ultima": ultimas.get(tipo),
                "variables": registro.variables_de(tipo),
                "listas": {
                    nombre: claves
                    for nombre, claves in registro.CLAVES_DE_LISTAS.items()
                    if nombre in registro.nombres_conocidos(tipo)
                },
            }
        )
    return render(
        request,
        "documentos/plantillas.html",
        {"tipos": por_tipo, "form": form or PlantillaForm()},
        status=status,
    )


@require_GET
@requiere_juridico
def plantillas(request):
    return _pagina_plantillas(request)


def _avisar_revision(request, plantilla: PlantillaDocumento) -> None:
    # Con el clúster en modo síncrono la revisión ya terminó; si no, sigue en el trabajador.
    plantilla.refresh_from_db()
    if plantilla.estado == EstadoPlantilla.RECHAZADA:
        messages.error(
            request,
            _("La plantilla %(p)s fue rechazada: %(motivo)s")
            % {"p": plantilla, "motivo": plantilla.motivo_rechazo},
        )
    elif plantilla.activa:
        messages.success(request, _("Plantilla %(p)s revisada y activada.") % {"p": plantilla})
    elif plantilla.estado == EstadoPlantilla.VALIDA:
        messages.success(
            request,
            _("Plantilla %(p)s revisada: es válida; sigue activa una versión más reciente.")
            % {"p": plantilla},
        )
    else:
        messages.info(
            request,
            _(
                "Plantilla %(p)s recibida. Se está revisando; se activará sola si resulta válida "
                "y esta página muestra el resultado."
            )
            % {"p": plantilla},
        )


@require_POST
@requiere_juridico
def plantilla_subir(request):
    form = PlantillaForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            plantilla = docs.plantilla_subir(
                tipo=form.cleaned_data["tipo"],
                archivo=form.cleaned_data["archivo"],
                usuario=request.user,
                notas=form.cleaned_data["notas"],
            )
        except ErrorSesiones as error:
            form.add_error("archivo", error.mensaje)
        else:
            _avisar_revision(request, plantilla)
            return redirect("documentos:plantillas")
    return _pagina_plantillas(request, form=form, status=400)


@require_POST
@requiere_juridico
def plantilla_activar(request, pk):
    plantilla = get_object_or_404(PlantillaDocumento, pk=pk)
    try:
        docs.plantilla_activar(plantilla=plantilla, usuario=request.user)
    except ErrorSesiones as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, _("Se restauró la plantilla %(p)s.") % {"p": plantilla})
    return redirect("documentos:plantillas")


@require_GET
@archivo_privado
@requiere_juridico
def plantilla_descargar(request, pk):
    plantilla = get_object_or_404(PlantillaDocumento, pk=pk)
    return FileResponse(
        plantilla.archivo.open("rb"),
        as_attachment=True,
        filename=f"{plantilla.tipo}_v{plantilla.version}.docx",
        content_type=TIPO_DOCX,
    )

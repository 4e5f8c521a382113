"""Páginas del personal: informe trimestral (pantalla y DOCX), formato PNT y acta pública."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from comun.respuestas import respuesta_privada
from comun.roles import requiere_juridico, requiere_personal
from sesiones.exceptions import ErrorSesiones
from sesiones.permisos import sesion_visible_o_404
from transparencia import exportacion, informe, services
from transparencia.forms import ActaPublicaForm, TrimestreForm
from transparencia.models import VersionPublicaActa

TIPO_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _trimestre(request) -> TrimestreForm:
    hoy = timezone.localdate()
    datos = (
        request.GET
        if "anio" in request.GET
        else {
            "anio": hoy.year,
            "trimestre": (hoy.month - 1) // 3 + 1,
        }
    )
    return TrimestreForm(datos)


def _descarga(contenido: bytes, tipo: str, nombre: str) -> HttpResponse:
    respuesta = HttpResponse(contenido, content_type=tipo)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta_privada(respuesta)


@require_safe
@requiere_personal
def informe_trimestral(request):
    form = _trimestre(request)
    if not form.is_valid():
        return render(request, "transparencia/informe.html", {"form": form}, status=400)
    datos = informe.informe_datos(**form.cleaned_data)
    grafica = {
        "organos": [f.organo.siglas for f in datos.filas],
        "sesiones": [f.num_sesiones for f in datos.filas],
        "acuerdos": [f.acuerdos for f in datos.filas],
        "actas_anio": [f.actas_anio for f in datos.filas],
        "meta_actas": [f.organo.meta_actas_anual for f in datos.filas],
        "acuerdos_anio": [f.acuerdos_anio for f in datos.filas],
        "meta_acuerdos": [f.organo.meta_acuerdos_anual for f in datos.filas],
    }
    actas = {
        a.sesion_id: a
        for a in VersionPublicaActa.objects.filter(
            sesion__in=[s for f in datos.filas for s in f.sesiones]
        )
    }
    sesiones = [(s, actas.get(s.pk)) for f in datos.filas for s in f.sesiones]
    return render(
        request,
        "transparencia/informe.html",
        {
            "form": form,
            "informe": datos,
            "sesiones": sorted(sesiones, key=lambda x: x[0].fecha_hora),
            "acta_form": ActaPublicaForm(),
            "grafica": grafica,
            "parametros": request.GET.urlencode()
            or f"anio={datos.anio}&trimestre={datos.trimestre}",
        },
    )


@require_safe
@requiere_personal
def informe_docx(request):
    form = _trimestre(request)
    if not form.is_valid():
        return render(request, "transparencia/informe.html", {"form": form}, status=400)
    datos = informe.informe_datos(**form.cleaned_data)
    nombre = f"informe_trimestral_{datos.anio}_T{datos.trimestre}.docx"
    return _descarga(informe.informe_docx(datos), TIPO_DOCX, nombre)


@require_safe
@requiere_personal
def pnt(request):
    form = _trimestre(request)
    formato = request.GET.get("formato", "xlsx")
    if not form.is_valid() or formato not in ("xlsx", "csv"):
        if formato not in ("xlsx", "csv"):
            form.add_error(None, _("El formato debe ser xlsx o csv."))
        return render(request, "transparencia/informe.html", {"form": form}, status=400)
    filas = exportacion.pnt_filas(**form.cleaned_data)
    nombre = f"pnt_actas_{form.cleaned_data['anio']}_T{form.cleaned_data['trimestre']}.{formato}"
    if formato == "csv":
        return _descarga(exportacion.pnt_csv(filas), "text/csv; charset=utf-8", nombre)
    return _descarga(exportacion.pnt_xlsx(filas), TIPO_XLSX, nombre)


@require_POST
@requiere_juridico
def acta_publica(request, pk: int):
    sesion = sesion_visible_o_404(request.user, pk)
    form = ActaPublicaForm(request.POST, request.FILES)
    if not form.is_valid():
        for errores in form.errors.values():
            for error in errores:
                messages.error(request, str(error))
        return redirect(_volver(sesion))
    try:
        services.acta_publica_subir(
            sesion=sesion,
            archivo=form.cleaned_data["archivo"],
            tipo_contenido=form.tipo_contenido,
            usuario=request.user,
            numero_acta=form.cleaned_data["numero_acta"],
        )
    except ErrorSesiones as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, _("Versión pública del acta publicada en el portal."))
    return redirect(_volver(sesion))


def _volver(sesion) -> str:
    fecha = sesion.fecha_local
    return f"{reverse('transparencia:informe')}?anio={fecha.year}&trimestre={(fecha.month - 1) // 3 + 1}"

"""Portal público: sin sesión iniciada, solo lo que las reglas de selectors.py dejan ver."""

import mimetypes

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from acuerdos.models import EstadoAcuerdo
from sesiones.models import ESTADOS_CELEBRADA, EstadoSesion, TipoSesion
from transparencia import selectors

POR_PAGINA = 25
ESTADOS_SESION_PUBLICOS = tuple(str(e) for e in ESTADOS_CELEBRADA)
ESTADOS_ACUERDO_PUBLICOS = tuple(str(e) for e in selectors.ESTADOS_ACUERDO_PUBLICOS)


def _pagina(request, queryset):
    # Una página fuera de rango muestra la última: resultado acotado, nunca un error.
    return Paginator(queryset, POR_PAGINA).get_page(request.GET.get("pagina"))


def _error_filtro(request, error, plantilla, contexto):
    contexto = {**contexto, "error_filtro": str(error)}
    return render(request, plantilla, contexto, status=400)


def _opciones():
    return {
        "organos": list(selectors.organos_publicos()),
        "anios": selectors.anios_publicos(),
    }


@require_safe
def inicio(request):
    return render(request, "publico/inicio.html", {"resumen": selectors.portal_resumen()})


@require_safe
def sesiones(request):
    contexto = {
        **_opciones(),
        "tipos": TipoSesion.choices,
        "params": request.GET,
    }
    try:
        filtros = selectors.filtros_leer(
            request.GET,
            permitidos={"organo", "anio", "tipo", "desde", "hasta"},
            ignorar={"pagina"},
        )
    except selectors.FiltroInvalido as error:
        return _error_filtro(request, error, "publico/sesiones.html", contexto)
    contexto["pagina"] = _pagina(request, selectors.sesiones_buscar(filtros=filtros))
    return render(request, "publico/sesiones.html", contexto)


@require_safe
def sesion(request, pk: int):
    sesion = selectors.sesion_publica_o_404(pk=pk)
    return render(
        request,
        "publico/sesion.html",
        {
            "sesion": sesion,
            "puntos": selectors.sesion_puntos_publicos(sesion=sesion),
            "acuerdos": selectors.sesion_acuerdos_publicos(sesion=sesion),
            "acta": selectors.sesion_acta_publica(sesion=sesion),
            "estado_etiqueta": EstadoSesion(sesion.estado).label,
        },
    )


@require_safe
def acuerdos(request):
    contexto = {
        **_opciones(),
        "estados": [(e, EstadoAcuerdo(e).label) for e in ESTADOS_ACUERDO_PUBLICOS],
        "params": request.GET,
    }
    try:
        filtros = selectors.filtros_leer(
            request.GET,
            permitidos={"q", "organo", "anio", "estado", "desde", "hasta"},
            estados=ESTADOS_ACUERDO_PUBLICOS,
            ignorar={"pagina"},
        )
    except selectors.FiltroInvalido as error:
        return _error_filtro(request, error, "publico/acuerdos.html", contexto)
    contexto["pagina"] = _pagina(request, selectors.acuerdos_buscar(filtros=filtros))
    contexto["texto"] = filtros.texto
    return render(request, "publico/acuerdos.html", contexto)


@require_safe
def acuerdo(request, pk: int):
    acuerdo = selectors.acuerdo_publico_o_404(pk=pk)
    return render(request, "publico/acuerdo.html", {"acuerdo": acuerdo})


def _archivo(campo, nombre: str, tipo: str = ""):
    try:
        manejador = campo.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Archivo no disponible") from None
    tipo = tipo or mimetypes.guess_type(nombre)[0] or "application/octet-stream"
    return FileResponse(manejador, as_attachment=True, filename=nombre, content_type=tipo)


@require_safe
def anexo(request, pk: int):
    anexo = selectors.anexo_publico_o_404(pk=pk)
    return _archivo(anexo.archivo, anexo.nombre_original, anexo.tipo_contenido)


@require_safe
def acta(request, pk: int):
    sesion = selectors.sesion_publica_o_404(pk=pk)
    acta = selectors.sesion_acta_publica(sesion=sesion)
    if acta is None:
        raise Http404("Esta sesión aún no tiene versión pública del acta")
    return _archivo(acta.archivo, acta.nombre_original, acta.tipo_contenido)

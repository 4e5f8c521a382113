"""Portal público: sin sesión iniciada, solo lo que las reglas de selectors.py dejan ver."""

import functools
import mimetypes

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from acuerdos.models import EstadoAcuerdo
from sesiones.models import ESTADOS_CELEBRADA, EstadoSesion, TipoSesion
from transparencia import selectors

POR_PAGINA = 25
ESTADOS_SESION_PUBLICOS = tuple(str(e) for e in ESTADOS_CELEBRADA)
ESTADOS_ACUERDO_PUBLICOS = tuple(str(e) for e in selectors.ESTADOS_ACUERDO_PUBLICOS)


def cache_publica(vista):
    """Guarda por poco tiempo la respuesta 200 que ve un visitante anónimo.

    Es correcto para las reglas de visibilidad porque lo público es igual para todos: la página
    no depende de quién la pide. La clave lleva el sello de selectors (cambia con cada cambio
    de lo público), la ruta con su consulta y los encabezados que cambian la respuesta. El
    precio: con caché por proceso, un cambio hecho en otro proceso tarda hasta
    TRANSPARENCIA_CACHE_PAGINAS segundos en verse; con Redis, se ve en la siguiente petición.
    """

    @functools.wraps(vista)
    def envoltura(request, *args, **kwargs):
        segundos = getattr(settings, "TRANSPARENCIA_CACHE_PAGINAS", selectors.SEGUNDOS_CACHE)
        if (
            not segundos
            or request.method != "GET"
            or "HTTP_AUTHORIZATION" in request.META
            or request.user.is_authenticated
        ):
            return vista(request, *args, **kwargs)
        clave = selectors.clave_cache(
            "pagina",
            "\n".join(
                (
                    # Las páginas llevan enlaces absolutos: esquema y host son parte de la clave,
                    # o una petición con otro Host envenenaría la caché de todos.
                    request.scheme,
                    request.get_host(),
                    request.get_full_path(),
                    request.META.get("HTTP_ACCEPT", ""),
                    request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
                )
            ),
        )
        guardada = cache.get(clave)
        if guardada is not None:
            contenido, tipo = guardada
            return HttpResponse(contenido, content_type=tipo)
        respuesta = vista(request, *args, **kwargs)
        if callable(getattr(respuesta, "render", None)) and not respuesta.is_rendered:
            respuesta.render()
        if respuesta.status_code == 200 and not respuesta.streaming:
            cache.set(clave, (respuesta.content, respuesta["Content-Type"]), segundos)
        return respuesta

    return envoltura


def _pagina(request, queryset):
    # Una página fuera de rango muestra la última: resultado acotado, nunca un error.
    # El total sale de la caché (por sello y filtros) y las páginas se acotan a PAGINAS_MAXIMAS.
    return selectors.PaginadorPublico(queryset, POR_PAGINA).get_page(request.GET.get("pagina"))


def _error_filtro(request, error, plantilla, contexto):
    contexto = {**contexto, "error_filtro": str(error)}
    return render(request, plantilla, contexto, status=400)


def _opciones():
    return {
        "organos": list(selectors.organos_publicos()),
        "anios": selectors.anios_publicos(),
    }


@require_safe
@cache_publica
def inicio(request):
    return render(request, "publico/inicio.html", {"resumen": selectors.portal_resumen()})


@require_safe
@cache_publica
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
@cache_publica
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
@cache_publica
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
    # Solo las columnas que la lista muestra: el texto completo pesa y lo demás sobra.
    acuerdos = selectors.acuerdos_buscar(filtros=filtros).only(
        "id", "clave", "texto", "fecha_sesion", "organo__nombre"
    )
    contexto["pagina"] = _pagina(request, acuerdos)
    contexto["texto"] = filtros.texto
    return render(request, "publico/acuerdos.html", contexto)


@require_safe
@cache_publica
def acuerdo(request, pk: int):
    acuerdo = selectors.acuerdo_publico_o_404(pk=pk)
    return render(request, "publico/acuerdo.html", {"acuerdo": acuerdo})


def _archivo(campo, nombre: str, tipo: str = ""):
    try:
        manejador = campo.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("Archivo no disponible")) from None
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
        raise Http404(_("Esta sesión aún no tiene versión pública del acta"))
    return _archivo(acta.archivo, acta.nombre_original, acta.tipo_contenido)

"""Historia de auditoría para el personal: quién cambió qué y cuándo, con filtros y CSV."""

import csv
import datetime
import json

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from bitacora import registro
from bitacora.models import Bitacora
from bitacora.registro import etiqueta_accion
from comun.hojas import fila_segura
from comun.respuestas import respuesta_privada
from comun.roles import requiere_personal

POR_PAGINA = 50


def etiqueta_modelo(etiqueta: str) -> str:
    try:
        return str(apps.get_model(etiqueta)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return etiqueta


class FiltroBitacoraForm(forms.Form):
    usuario = forms.TypedChoiceField(label=_("Usuario"), required=False, coerce=int)
    accion = forms.ChoiceField(label=_("Acción"), required=False)
    modelo = forms.ChoiceField(label=_("Tipo de objeto"), required=False)
    clave = forms.CharField(label=_("Clave de la sesión"), required=False, max_length=60)
    desde = forms.DateField(
        label=_("Desde"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    hasta = forms.DateField(
        label=_("Hasta"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Las opciones salen de lo que hay en la bitácora: tres consultas acotadas.
        ids = Bitacora.objects.exclude(usuario=None).values("usuario_id").distinct()
        usuarios = get_user_model().objects.filter(pk__in=ids).order_by("username")
        self.fields["usuario"].choices = [("", "Todos")] + [
            (u.pk, u.get_full_name() or u.username) for u in usuarios
        ]
        codigos = set(Bitacora.objects.values_list("accion", flat=True).distinct()) | set(
            registro.acciones()
        )
        self.fields["accion"].choices = [("", "Todas")] + sorted(
            ((c, etiqueta_accion(c)) for c in codigos), key=lambda par: par[1]
        )
        modelos = Bitacora.objects.values_list("modelo", flat=True).distinct()
        self.fields["modelo"].choices = [("", "Todos")] + sorted(
            ((m, etiqueta_modelo(m)) for m in set(modelos)), key=lambda par: par[1]
        )

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta and desde > hasta:
            self.add_error("hasta", _("La fecha final es anterior a la inicial."))
        return datos

    def filtros(self) -> dict:
        """Solo los valores válidos: un filtro incorrecto se ignora y se avisa en el formulario."""
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "")}


def bitacora_filtrar(filtros: dict) -> QuerySet:
    entradas = Bitacora.objects.select_related("usuario", "sesion").order_by("-fecha", "-pk")
    if "usuario" in filtros:
        entradas = entradas.filter(usuario_id=filtros["usuario"])
    if "accion" in filtros:
        entradas = entradas.filter(accion=filtros["accion"])
    if "modelo" in filtros:
        entradas = entradas.filter(modelo=filtros["modelo"])
    if "clave" in filtros:
        entradas = entradas.filter(sesion__clave__icontains=filtros["clave"].strip())
    # Días completos en la hora de la Ciudad de México, con límites que usan el índice.
    zona = timezone.get_current_timezone()
    if "desde" in filtros:
        inicio = datetime.datetime.combine(filtros["desde"], datetime.time.min, tzinfo=zona)
        entradas = entradas.filter(fecha__gte=inicio)
    if "hasta" in filtros:
        fin = datetime.datetime.combine(
            filtros["hasta"] + datetime.timedelta(days=1), datetime.time.min, tzinfo=zona
        )
        entradas = entradas.filter(fecha__lt=fin)
    return entradas


def _enlace(entrada: Bitacora) -> str:
    nombre = registro.enlace_de(entrada.modelo)
    if not nombre or not entrada.objeto_id.isdigit():
        return ""
    try:
        return reverse(nombre, args=[int(entrada.objeto_id)])
    except NoReverseMatch:
        return ""


def _valor(valor) -> str:
    if isinstance(valor, str):
        return valor
    if isinstance(valor, list) and all(isinstance(v, str | int | float) for v in valor):
        return ", ".join(str(v) for v in valor)
    return json.dumps(valor, ensure_ascii=False)


def _detalles(datos) -> list[tuple[str, str]]:
    if not isinstance(datos, dict):
        return [("", _valor(datos))] if datos else []
    return [(str(k), _valor(v)) for k, v in datos.items()]


def _usuario(entrada: Bitacora) -> str:
    if entrada.usuario is None:
        return "Sistema"
    return entrada.usuario.get_full_name() or entrada.usuario.username


@require_GET
@requiere_personal
def bitacora(request):
    filtro = FiltroBitacoraForm(request.GET or None)
    filtros = filtro.filtros() if request.GET else {}
    pagina = Paginator(bitacora_filtrar(filtros), POR_PAGINA).get_page(request.GET.get("pagina"))
    for entrada in pagina:
        entrada.etiqueta = etiqueta_accion(entrada.accion)
        entrada.enlace = _enlace(entrada)
        entrada.detalles = _detalles(entrada.datos)
        entrada.nombre_usuario = _usuario(entrada)
        entrada.tipo_objeto = etiqueta_modelo(entrada.modelo)
    parametros = request.GET.copy()
    parametros.pop("pagina", None)
    return render(
        request,
        "bitacora/lista.html",
        {
            "filtro": filtro,
            "pagina": pagina,
            "parametros": parametros.urlencode(),
            "hay_filtros": bool(filtros),
        },
    )


class _Eco:
    """Archivo mínimo para csv.writer: devuelve la línea en vez de guardarla."""

    def write(self, valor: str) -> str:
        return valor


def _filas_csv(entradas: QuerySet):
    escritor = csv.writer(_Eco())
    yield "\ufeff" + escritor.writerow(
        fila_segura(
            [
                "Fecha",
                "Usuario",
                "Acción",
                "Código",
                "Tipo de objeto",
                "Objeto",
                "Sesión",
                "Detalles",
            ]
        )
    )
    zona = timezone.get_current_timezone()
    for entrada in entradas.iterator(chunk_size=500):
        # Toda celda pasa por fila_segura: un nombre u objeto que empiece con «=» no se
        # vuelve fórmula al abrir el CSV en una hoja de cálculo.
        yield escritor.writerow(
            fila_segura(
                [
                    timezone.localtime(entrada.fecha, zona).strftime("%Y-%m-%d %H:%M:%S"),
                    _usuario(entrada),
                    etiqueta_accion(entrada.accion),
                    entrada.accion,
                    etiqueta_modelo(entrada.modelo),
                    entrada.objeto,
                    entrada.sesion.clave if entrada.sesion else "",
                    json.dumps(entrada.datos, ensure_ascii=False),
                ]
            )
        )


@require_GET
@requiere_personal
def bitacora_csv(request):
    filtros = FiltroBitacoraForm(request.GET or None).filtros() if request.GET else {}
    respuesta = StreamingHttpResponse(
        _filas_csv(bitacora_filtrar(filtros)), content_type="text/csv; charset=utf-8"
    )
    nombre = f"bitacora-{timezone.localdate():%Y-%m-%d}.csv"
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta_privada(respuesta)

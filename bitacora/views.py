"""Historia de auditoría para el personal: quién cambió qué y cuándo, con filtros y CSV.

Lo que otra aplicación ya guarda como historia propia (los cambios de estado de una sesión, en
CambioEstadoSesion) no se copia en la bitácora: se lee de ahí y se intercala por fecha.
"""

import csv
import datetime
import json
from collections import defaultdict

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import IntegerField, Q, QuerySet, Value
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
LOTE_CSV = 500

# Historias que otra aplicación guarda en sus propias filas y la bitácora muestra sin copiarlas.
# Por nombre, como la llave de Bitacora a «sesiones.Sesion»: la bitácora está debajo de sesiones
# y no la importa. Cada modelo ofrece ACCION_BITACORA y MODELO_BITACORA (el código y el tipo de
# objeto con que se muestra), para_bitacora() (sus filas, con `fecha`, `usuario` y `sesion`) y
# como_bitacora() (la entrada, sin guardar, con que se presenta cada fila).
FUENTES_DERIVADAS = ("sesiones.CambioEstadoSesion",)


def fuentes_derivadas() -> list:
    return [apps.get_model(nombre) for nombre in FUENTES_DERIVADAS]


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
        fuentes = fuentes_derivadas()
        con_usuario = Q(pk__in=Bitacora.objects.exclude(usuario=None).values("usuario_id"))
        for modelo in fuentes:
            con_usuario |= Q(pk__in=modelo.objects.exclude(usuario=None).values("usuario_id"))
        usuarios = get_user_model().objects.filter(con_usuario).order_by("username")
        self.fields["usuario"].choices = [("", "Todos")] + [
            (u.pk, u.get_full_name() or u.username) for u in usuarios
        ]
        codigos = (
            # Sin order_by() el orden de Meta entra al DISTINCT y trae una fila por entrada.
            set(Bitacora.objects.order_by().values_list("accion", flat=True).distinct())
            | set(registro.acciones())
            | {modelo.ACCION_BITACORA for modelo in fuentes}
        )
        self.fields["accion"].choices = [("", "Todas")] + sorted(
            ((c, etiqueta_accion(c)) for c in codigos), key=lambda par: par[1]
        )
        modelos = set(Bitacora.objects.order_by().values_list("modelo", flat=True).distinct()) | {
            modelo.MODELO_BITACORA for modelo in fuentes
        }
        self.fields["modelo"].choices = [("", "Todos")] + sorted(
            ((m, etiqueta_modelo(m)) for m in modelos), key=lambda par: par[1]
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


def _filtrar_comunes(entradas: QuerySet, filtros: dict) -> QuerySet:
    """Usuario, sesión y fechas: campos que tienen la bitácora y cada fuente derivada."""
    if "usuario" in filtros:
        entradas = entradas.filter(usuario_id=filtros["usuario"])
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


def _claves(entradas: QuerySet, fuente: int) -> QuerySet:
    # Solo (fuente, pk, fecha): así se unen tablas distintas y se ordenan y paginan en la base.
    return (
        entradas.order_by()
        .annotate(fuente=Value(fuente, output_field=IntegerField()))
        .values_list("fuente", "pk", "fecha")
    )


def bitacora_filtrar(filtros: dict) -> QuerySet:
    """Las claves (fuente, pk, fecha) de lo que cumple los filtros, lo más reciente primero.

    Fuente 0 es la bitácora; 1, 2… las de FUENTES_DERIVADAS, en su orden. `_cargar` las
    convierte en entradas.
    """
    fuentes = fuentes_derivadas()
    propias = Bitacora.objects.exclude(accion__in=[m.ACCION_BITACORA for m in fuentes])
    if "accion" in filtros:
        propias = propias.filter(accion=filtros["accion"])
    if "modelo" in filtros:
        propias = propias.filter(modelo=filtros["modelo"])
    partes = [_claves(_filtrar_comunes(propias, filtros), 0)]
    for numero, modelo in enumerate(fuentes, 1):
        if filtros.get("accion", modelo.ACCION_BITACORA) != modelo.ACCION_BITACORA:
            continue
        if filtros.get("modelo", modelo.MODELO_BITACORA) != modelo.MODELO_BITACORA:
            continue
        partes.append(_claves(_filtrar_comunes(modelo.para_bitacora(), filtros), numero))
    claves = partes[0].union(*partes[1:], all=True) if len(partes) > 1 else partes[0]
    return claves.order_by("-fecha", "fuente", "-pk")


def _cargar(claves) -> list[Bitacora]:
    """Las entradas de esas claves, en el mismo orden: una consulta por fuente presente."""
    por_fuente: dict[int, list] = defaultdict(list)
    for fuente, pk, _fecha in claves:
        por_fuente[fuente].append(pk)
    entradas: dict[tuple[int, int], Bitacora] = {}
    if por_fuente.get(0):
        for entrada in Bitacora.objects.select_related("usuario", "sesion").filter(
            pk__in=por_fuente[0]
        ):
            entradas[(0, entrada.pk)] = entrada
    for numero, modelo in enumerate(fuentes_derivadas(), 1):
        if por_fuente.get(numero):
            for fila in modelo.para_bitacora().filter(pk__in=por_fuente[numero]):
                entradas[(numero, fila.pk)] = fila.como_bitacora()
    return [entradas[(f, pk)] for f, pk, _fecha in claves if (f, pk) in entradas]


def _en_lotes(claves: QuerySet):
    """Todas las entradas, cargadas de LOTE_CSV en LOTE_CSV, sin tener la bitácora en memoria."""
    lote = []
    for clave in claves.iterator(chunk_size=LOTE_CSV):
        lote.append(clave)
        if len(lote) == LOTE_CSV:
            yield from _cargar(lote)
            lote = []
    if lote:
        yield from _cargar(lote)


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
    pagina.object_list = _cargar(list(pagina.object_list))
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


def _filas_csv(claves: QuerySet):
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
    for entrada in _en_lotes(claves):
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

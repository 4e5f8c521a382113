"""Formato de la Plataforma Nacional de Transparencia: actas de sesiones (una fila por sesión).

Las sesiones solemnes se reportan como «Extraordinaria» con una nota: el catálogo de la PNT
solo admite ordinaria o extraordinaria, y el acta de una solemne también es pública.

Cada celda pasa por `comun.hojas`: un nombre de órgano o un número de acta que empiece
con «=» no se vuelve fórmula al abrir el archivo.
"""

import csv
import datetime
import io

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from comun.hojas import fila_segura, xlsx_agregar_fila
from documentos.models import Institucion
from sesiones.models import TipoSesion
from transparencia import informe, selectors
from transparencia.models import VersionPublicaActa

# Los encabezados son los del formato oficial de la PNT: una traducción debe conservarlos.
COLUMNAS = (
    _lazy("Ejercicio"),
    _lazy("Fecha de inicio del periodo que se informa"),
    _lazy("Fecha de término del periodo que se informa"),
    _lazy("Fecha en que se realizaron las sesiones"),
    _lazy("Tipo de acta"),
    _lazy("Número de la sesión"),
    _lazy("Número del acta (en su caso)"),
    _lazy("Temas de la sesión (orden del día)"),
    _lazy("Hipervínculo a los documentos completos de las actas (versiones públicas)"),
    _lazy("Área(s) responsable(s) que genera(n), posee(n), publica(n) y actualizan la información"),
    _lazy("Fecha de validación"),
    _lazy("Fecha de actualización"),
    _lazy("Nota"),
)
# Columnas con fecha: en XLSX son fechas reales con formato día/mes/año.
COLUMNAS_FECHA = (1, 2, 3, 10, 11)
# Columna del enlace al acta pública: en XLSX es un hipervínculo real, no una fórmula.
COLUMNA_ENLACE = 8
FORMATO_FECHA = "%d/%m/%Y"


def encabezados() -> list[str]:
    """Los encabezados ya traducidos: las celdas de CSV y XLSX solo aceptan texto."""
    return [str(columna) for columna in COLUMNAS]


def _area() -> str:
    institucion = Institucion.objects.first()
    return institucion.area if institucion else _("Dirección Jurídica")


def pnt_filas(*, anio: int, trimestre: int, hoy: datetime.date | None = None) -> list[list]:
    inicio, fin = informe.trimestre_fechas(anio=anio, trimestre=trimestre)
    hoy = hoy or timezone.localdate()
    filtros = selectors.Filtros(desde=inicio, hasta=fin)
    sesiones = list(
        selectors.sesiones_buscar(filtros=filtros)
        .prefetch_related("puntos")
        .order_by("fecha_hora", "pk")
    )
    actas = {a.sesion_id: a for a in VersionPublicaActa.objects.filter(sesion__in=sesiones)}
    area = _area()
    filas = []
    for sesion in sesiones:
        acta = actas.get(sesion.pk)
        temas = "; ".join(
            f"{p.orden}. {p.titulo}" for p in sorted(sesion.puntos.all(), key=lambda p: p.orden)
        )
        notas = []
        if sesion.tipo == TipoSesion.SOLEMNE:
            notas.append(
                _("%(sesion)s del %(organo)s; el catálogo solo admite ordinaria o extraordinaria.")
                % {"sesion": sesion.nombre, "organo": sesion.organo.nombre}
            )
        else:
            notas.append(f"{sesion.organo.nombre}.")
        if acta is None:
            notas.append(_("La versión pública del acta se encuentra en elaboración."))
        filas.append(
            [
                anio,
                inicio,
                fin,
                sesion.fecha_local.date(),
                "Ordinaria" if sesion.tipo == TipoSesion.ORDINARIA else "Extraordinaria",
                sesion.numero or "",
                (acta.numero_acta if acta and acta.numero_acta else sesion.clave),
                temas,
                f"{settings.SITE_URL}{reverse('publico:acta', args=[sesion.pk])}" if acta else "",
                area,
                hoy,
                hoy,
                " ".join(notas),
            ]
        )
    return filas


def pnt_csv(filas: list[list]) -> bytes:
    salida = io.StringIO()
    escritor = csv.writer(salida)
    escritor.writerow(fila_segura(encabezados()))
    for fila in filas:
        escritor.writerow(
            fila_segura(
                v.strftime(FORMATO_FECHA) if isinstance(v, datetime.date) else v for v in fila
            )
        )
    # BOM: Excel abre así los acentos correctamente.
    return ("\ufeff" + salida.getvalue()).encode("utf-8")


def pnt_xlsx(filas: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    libro = Workbook()
    hoja = libro.active
    hoja.title = _("Reporte de Formatos")
    xlsx_agregar_fila(hoja, encabezados())
    for celda in hoja[1]:
        celda.font = Font(bold=True)
        celda.alignment = Alignment(wrap_text=True, vertical="top")
    for fila in filas:
        xlsx_agregar_fila(hoja, fila)
    for fila in hoja.iter_rows(min_row=2):
        for indice in COLUMNAS_FECHA:
            fila[indice].number_format = "dd/mm/yyyy"
        fila[7].alignment = Alignment(wrap_text=True, vertical="top")
        enlace = fila[COLUMNA_ENLACE]
        # La URL la arma el producto (SITE_URL + ruta): se enlaza con el atributo de la
        # celda, con el texto como valor; nunca con una fórmula HYPERLINK.
        if isinstance(enlace.value, str) and enlace.value.startswith(("https://", "http://")):
            enlace.hyperlink = enlace.value
            enlace.style = "Hyperlink"
    for letra, ancho in zip(
        "ABCDEFGHIJKLM", (10, 14, 14, 14, 14, 10, 22, 60, 40, 24, 14, 14, 40), strict=True
    ):
        hoja.column_dimensions[letra].width = ancho
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()

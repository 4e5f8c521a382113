"""Sección de la Dirección Jurídica del informe trimestral, escrita desde los registros.

Reglas de conteo (reproducen el informe del primer trimestre de 2022):
- Sesiones: las celebradas (ESTADOS_CELEBRADA) cuya fecha local cae en el trimestre.
- Proyectos de orden del día y proyectos de acta: uno por sesión celebrada.
- Convocatorias: personas distintas convocadas por el órgano en el trimestre. El informe
  cuenta destinatarios, no oficios repetidos: 26 del Sistema, 7 del CC, 7 del OG y
  «4 convocatorias» para las 4 sesiones de la Comisión Ejecutiva (sus 4 integrantes).
  Por sesión, los destinatarios son los de las convocatorias vigentes generadas; si nunca se
  generaron (como en la demostración), los integrantes en funciones el día de la sesión, que
  son a quienes la sesión debía convocar.
- Invitaciones: invitados registrados en esas sesiones (sesiones.Invitado).
- Acuerdos tomados: los de esas sesiones que no quedaron en proyecto, rechazados ni retirados.
- Avance de la meta: actas del año hasta el fin del trimestre contra la suma de las metas
  anuales de actas de los órganos (2+4+4+4 = 14 en la demostración: 7/14 = 50 %); y acuerdos
  del año de cada órgano contra su meta anual de acuerdos.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from acuerdos.models import Acuerdo, EstadoAcuerdo, RequierePublicacion
from comun.letras import MESES, fecha_larga
from documentos.models import DocumentoGenerado, TipoDocumento
from documentos.render import renderizar_docx
from sesiones.models import ESTADOS_CELEBRADA, Integrante, Invitado, OrganoColegiado, Sesion

PLANTILLA = Path(settings.BASE_DIR) / "docx_templates" / "informe_trimestral.docx"
ESTADOS_NO_TOMADOS = (EstadoAcuerdo.PROYECTO, EstadoAcuerdo.RECHAZADO, EstadoAcuerdo.RETIRADO)


class TrimestreInvalido(ValueError):
    """Año o trimestre fuera de rango; el texto es el mensaje para el usuario."""


def trimestre_fechas(*, anio: int, trimestre: int) -> tuple[datetime.date, datetime.date]:
    if trimestre not in (1, 2, 3, 4):
        raise TrimestreInvalido(_("El trimestre debe ser 1, 2, 3 o 4."))
    if not 2000 <= anio <= 2100:
        raise TrimestreInvalido(_("El año debe estar entre 2000 y 2100."))
    inicio = datetime.date(anio, 3 * trimestre - 2, 1)
    fin_mes = 3 * trimestre
    fin = (
        datetime.date(anio, 12, 31)
        if fin_mes == 12
        else datetime.date(anio, fin_mes + 1, 1) - datetime.timedelta(days=1)
    )
    return inicio, fin


def _rango_local(inicio: datetime.date, fin: datetime.date):
    zona = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    desde = datetime.datetime.combine(inicio, datetime.time.min, tzinfo=zona)
    hasta = datetime.datetime.combine(
        fin + datetime.timedelta(days=1), datetime.time.min, tzinfo=zona
    )
    return desde, hasta


def _plural(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


@dataclass
class FilaOrgano:
    organo: OrganoColegiado
    sesiones: list[Sesion] = field(default_factory=list)
    convocatorias: int = 0
    invitaciones: int = 0
    acuerdos: int = 0
    acuerdos_sin_procedimiento: bool = False
    actas_anio: int = 0
    acuerdos_anio: int = 0

    @property
    def num_sesiones(self) -> int:
        return len(self.sesiones)

    @property
    def al_organo(self) -> str:
        return f"{'a la' if self.organo.genero == 'f' else 'al'} {self.organo.nombre}"

    @property
    def de_organo(self) -> str:
        return f"{'De la' if self.organo.genero == 'f' else 'Del'} {self.organo.nombre}"

    @property
    def avance_acuerdos(self) -> int | None:
        meta = self.organo.meta_acuerdos_anual
        return round(self.acuerdos_anio * 100 / meta) if meta else None


@dataclass
class Informe:
    anio: int
    trimestre: int
    inicio: datetime.date
    fin: datetime.date
    filas: list[FilaOrgano]
    actas_anio: int
    meta_actas: int
    meta_acuerdos: int

    @property
    def total_sesiones(self) -> int:
        return sum(f.num_sesiones for f in self.filas)

    @property
    def total_acuerdos(self) -> int:
        return sum(f.acuerdos for f in self.filas)

    @property
    def total_convocatorias(self) -> int:
        return sum(f.convocatorias for f in self.filas)

    @property
    def total_invitaciones(self) -> int:
        return sum(f.invitaciones for f in self.filas)

    @property
    def acuerdos_anio(self) -> int:
        return sum(f.acuerdos_anio for f in self.filas)

    @property
    def avance_actas(self) -> int:
        return round(self.actas_anio * 100 / self.meta_actas) if self.meta_actas else 0

    @property
    def periodo_texto(self) -> str:
        return f"de {MESES[self.inicio.month - 1]} a {MESES[self.fin.month - 1]} del {self.anio}"

    @property
    def filas_con_sesiones(self) -> list[FilaOrgano]:
        return [f for f in self.filas if f.sesiones]

    def parrafo_resumen(self) -> str:
        # Como el informe: el verbo solo en la primera parte («1 corresponde al…, 1 al…»).
        partes = [f"{f.num_sesiones} {f.al_organo}" for f in self.filas_con_sesiones]
        if partes:
            primera = self.filas_con_sesiones[0]
            verbo = "corresponde" if primera.num_sesiones == 1 else "corresponden"
            partes[0] = f"{primera.num_sesiones} {verbo} {primera.al_organo}"
        texto = (
            f"Durante el trimestre comprendido {self.periodo_texto}, se coordinó la realización "
            f"de {_plural(self.total_sesiones, 'sesión', 'sesiones')}"
        )
        if len(partes) > 1:
            return f"{texto}, de las cuales {', '.join(partes[:-1])} y {partes[-1]}."
        if partes:
            return f"{texto}, que corresponde {self.filas_con_sesiones[0].al_organo}."
        return f"{texto}."

    def parrafos_organos(self) -> list[str]:
        return [_parrafo_organo(f) for f in self.filas_con_sesiones]

    def parrafo_meta(self) -> str:
        return f"La meta lleva un avance del {self.avance_actas}%."

    def parrafos(self) -> list[str]:
        return [self.parrafo_resumen(), *self.parrafos_organos(), self.parrafo_meta()]


def _parrafo_organo(fila: FilaOrgano) -> str:
    sesiones = fila.sesiones
    n = len(sesiones)
    detalle = [
        f"la {s.nombre}, {'celebrada el' if n == 1 else 'de fecha'} {fecha_larga(s.fecha_local.date())}"
        + (f", en las {s.sede}" if n == 1 and s.sede.startswith("instalaciones") else "")
        + (f", en {s.sede}" if n == 1 and s.sede and not s.sede.startswith("instalaciones") else "")
        for s in sesiones
    ]
    lista = detalle[0] if n == 1 else f"{', '.join(detalle[:-1])} y {detalle[-1]}"
    if n == 1:
        inicio = f"{fila.de_organo}: Se celebró 1 sesión correspondiente a {lista}."
        productos = [
            "el proyecto del orden del día",
            _plural(fila.convocatorias, "convocatoria", "convocatorias"),
        ]
        if fila.invitaciones:
            productos.append(_plural(fila.invitaciones, "invitación", "invitaciones"))
        productos.append("el proyecto del acta")
        hecho = f" De dicha sesión se realizaron: {', '.join(productos[:-1])} y {productos[-1]}."
    else:
        inicio = f"{fila.de_organo}: Se celebraron {n} sesiones correspondientes a {lista}."
        productos = [
            _plural(n, "proyecto de orden del día", "proyectos de orden del día"),
            _plural(fila.convocatorias, "convocatoria", "convocatorias"),
        ]
        if fila.invitaciones:
            productos.append(_plural(fila.invitaciones, "invitación", "invitaciones"))
        productos.append(_plural(n, "proyecto de acta", "proyectos de acta"))
        hecho = (
            f" De dichas sesiones se realizó lo siguiente: {', '.join(productos[:-1])} y "
            f"{productos[-1]}."
        )
    if fila.acuerdos:
        cierre = f" Se {'tomó' if fila.acuerdos == 1 else 'tomaron'} {_plural(fila.acuerdos, 'acuerdo', 'acuerdos')}."
        if fila.acuerdos_sin_procedimiento:
            cierre += (
                " Los acuerdos tomados no requirieron de procedimiento alguno para su "
                "seguimiento y cumplimiento."
            )
    else:
        cierre = " No se tomaron acuerdos."
    return inicio + hecho + cierre


def _convocados_por_sesion(sesiones: list[Sesion]) -> dict[int, set[int]]:
    ids = [s.pk for s in sesiones]
    emitidos: dict[int, set[int]] = {}
    for sesion_id, persona_id in DocumentoGenerado.objects.filter(
        sesion_id__in=ids,
        tipo=TipoDocumento.CONVOCATORIA,
        vigente=True,
        destinatario__isnull=False,
    ).values_list("sesion_id", "destinatario_id"):
        emitidos.setdefault(sesion_id, set()).add(persona_id)
    resultado: dict[int, set[int]] = {}
    for sesion in sesiones:
        if sesion.pk in emitidos:
            resultado[sesion.pk] = emitidos[sesion.pk]
            continue
        resultado[sesion.pk] = set(
            Integrante.objects.vigentes(sesion.fecha_local.date())
            .filter(organo_id=sesion.organo_id)
            .values_list("persona_id", flat=True)
        )
    return resultado


def informe_datos(*, anio: int, trimestre: int) -> Informe:
    inicio, fin = trimestre_fechas(anio=anio, trimestre=trimestre)
    desde, hasta = _rango_local(inicio, fin)
    desde_anio, _hasta = _rango_local(datetime.date(anio, 1, 1), fin)
    organos = list(OrganoColegiado.objects.filter(activo=True).order_by("orden", "nombre"))
    sesiones = list(
        Sesion.objects.filter(
            estado__in=ESTADOS_CELEBRADA, fecha_hora__gte=desde, fecha_hora__lt=hasta
        )
        .select_related("organo", "periodo")
        .order_by("fecha_hora", "pk")
    )
    convocados = _convocados_por_sesion(sesiones)
    invitados = dict(
        Invitado.objects.filter(sesion__in=sesiones)
        .order_by()
        .values_list("sesion_id")
        .annotate(n=Count("pk"))
        .values_list("sesion_id", "n")
    )
    tomados = Acuerdo.objects.exclude(estado__in=ESTADOS_NO_TOMADOS)
    acuerdos_trim = dict(
        tomados.filter(sesion__in=sesiones)
        .order_by()
        .values_list("organo_id")
        .annotate(n=Count("pk"))
        .values_list("organo_id", "n")
    )
    con_procedimiento = set(
        tomados.filter(sesion__in=sesiones)
        .exclude(publicacion=RequierePublicacion.NINGUNA)
        .values_list("organo_id", flat=True)
    )
    sesiones_anio = Sesion.objects.filter(
        estado__in=ESTADOS_CELEBRADA, fecha_hora__gte=desde_anio, fecha_hora__lt=hasta
    )
    actas_anio = dict(
        sesiones_anio.order_by()
        .values_list("organo_id")
        .annotate(n=Count("pk"))
        .values_list("organo_id", "n")
    )
    acuerdos_anio = dict(
        tomados.filter(sesion__in=sesiones_anio)
        .order_by()
        .values_list("organo_id")
        .annotate(n=Count("pk"))
        .values_list("organo_id", "n")
    )
    filas = []
    for organo in organos:
        propias = [s for s in sesiones if s.organo_id == organo.pk]
        personas: set[int] = set()
        for s in propias:
            personas |= convocados[s.pk]
        filas.append(
            FilaOrgano(
                organo=organo,
                sesiones=propias,
                convocatorias=len(personas),
                invitaciones=sum(invitados.get(s.pk, 0) for s in propias),
                acuerdos=acuerdos_trim.get(organo.pk, 0),
                acuerdos_sin_procedimiento=bool(acuerdos_trim.get(organo.pk))
                and organo.pk not in con_procedimiento,
                actas_anio=actas_anio.get(organo.pk, 0),
                acuerdos_anio=acuerdos_anio.get(organo.pk, 0),
            )
        )
    return Informe(
        anio=anio,
        trimestre=trimestre,
        inicio=inicio,
        fin=fin,
        filas=filas,
        actas_anio=sum(actas_anio.get(o.pk, 0) for o in organos),
        meta_actas=sum(o.meta_actas_anual for o in organos),
        meta_acuerdos=sum(o.meta_acuerdos_anual for o in organos),
    )


def informe_contexto(informe: Informe) -> dict:
    return {
        "anio": informe.anio,
        "trimestre": informe.trimestre,
        "periodo": informe.periodo_texto,
        "resumen": informe.parrafo_resumen(),
        "organos": informe.parrafos_organos(),
        "meta": informe.parrafo_meta(),
        "filas": [
            {
                "organo": f.organo.nombre,
                "sesiones": f.num_sesiones,
                "convocatorias": f.convocatorias,
                "invitaciones": f.invitaciones,
                "acuerdos": f.acuerdos,
                "actas_anio": f.actas_anio,
                "meta_actas": f.organo.meta_actas_anual,
                "acuerdos_anio": f.acuerdos_anio,
                "meta_acuerdos": f.organo.meta_acuerdos_anual,
                "avance_acuerdos": "—" if f.avance_acuerdos is None else f"{f.avance_acuerdos}%",
            }
            for f in informe.filas
        ],
        "total_sesiones": informe.total_sesiones,
        "total_acuerdos": informe.total_acuerdos,
        "actas_anio": informe.actas_anio,
        "meta_actas": informe.meta_actas,
        "avance_actas": f"{informe.avance_actas}%",
        "generado": fecha_larga(datetime.date.today()),
    }


def informe_docx(informe: Informe) -> bytes:
    from docxtpl import DocxTemplate

    # El mismo sandbox de Jinja (con autoescape) que los demás documentos: un «&» o «<» en un
    # nombre no borra el resto del documento y la plantilla solo puede leer datos.
    return renderizar_docx(DocxTemplate(str(PLANTILLA)), informe_contexto(informe))

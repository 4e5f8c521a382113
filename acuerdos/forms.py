"""Formularios de acuerdos: solo validan lo que se escribe; los servicios deciden el resto."""

from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from acuerdos import flujo
from acuerdos.models import (
    EstadoAcuerdo,
    MedioPublicacion,
    ModoVotacion,
    RequierePublicacion,
    Responsable,
    SentidoVoto,
    TipoAcuerdo,
)
from acuerdos.services import CAMPOS_VISTOS_ACUERDO
from comun.validadores import validar_archivo
from sesiones.forms import FormularioConVersion
from sesiones.models import OrganoColegiado, PuntoOrden, RolIntegrante, Sesion, TipoPunto

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MENSAJE_NUL = _("El texto contiene un carácter nulo (\\x00) que no se puede guardar; quítelo.")
PERMITIDOS_EVIDENCIA = ("pdf", "docx", "xlsx", "png", "jpeg")


def _campo_fecha(**kwargs):
    return forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


class SinNulosMixin:
    """PostgreSQL rechaza NUL en texto: se detiene aquí con un mensaje en vez de un error 500."""

    def clean(self):
        datos = super().clean()
        for nombre, valor in list(self.data.items()):
            if isinstance(valor, str) and "\x00" in valor and nombre in self.fields:
                self.add_error(nombre, MENSAJE_NUL)
        return datos


def _validar_evidencia(archivo):
    if archivo:
        validar_archivo(archivo, PERMITIDOS_EVIDENCIA)
    return archivo


class AcuerdoForm(SinNulosMixin, forms.Form):
    punto = forms.ModelChoiceField(
        label=_("Punto del orden del día"),
        queryset=PuntoOrden.objects.none(),
        required=False,
        empty_label=_("(sin punto)"),
    )
    tipo = forms.ChoiceField(label=_("Tipo"), choices=TipoAcuerdo.choices)
    texto = forms.CharField(
        label=_("Texto del acuerdo"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )
    responsable = forms.ModelChoiceField(
        label=_("Responsable"),
        queryset=Responsable.objects.filter(activo=True),
        required=False,
        empty_label=_("(sin responsable)"),
    )
    plazo_dias_habiles = forms.IntegerField(
        label=_("Plazo en días hábiles"), min_value=1, max_value=365, required=False
    )
    fecha_limite = _campo_fecha(label=_("o fecha límite"), required=False)
    publicacion = forms.ChoiceField(
        label=_("Publicación requerida"),
        choices=RequierePublicacion.choices,
        initial=RequierePublicacion.NINGUNA,
    )

    def __init__(self, *args, sesion: Sesion, **kwargs):
        super().__init__(*args, **kwargs)
        # Los puntos «para acuerdo» primero: son donde se toman.
        puntos = sorted(sesion.puntos.all(), key=lambda p: (p.tipo != TipoPunto.ACUERDO, p.orden))
        campo_punto = self.fields["punto"]
        assert isinstance(campo_punto, forms.ModelChoiceField)
        campo_punto.queryset = sesion.puntos.all()
        campo_punto.choices = [("", _("(sin punto)"))] + [
            (p.pk, f"{p.orden}. {p.titulo[:90]}") for p in puntos
        ]

    def clean(self):
        datos = super().clean()
        if datos.get("plazo_dias_habiles") and datos.get("fecha_limite"):
            raise ValidationError(
                _("Indique el plazo en días hábiles o la fecha límite, no ambos.")
            )
        return datos


class VotacionTotalesForm(SinNulosMixin, forms.Form):
    a_favor = forms.IntegerField(label=_("A favor"), min_value=0, max_value=999, initial=0)
    en_contra = forms.IntegerField(label=_("En contra"), min_value=0, max_value=999, initial=0)
    abstenciones = forms.IntegerField(
        label=_("Abstenciones"), min_value=0, max_value=999, initial=0
    )
    voto_calidad = forms.ChoiceField(
        label=_("En empate, voto de calidad de la Presidencia"),
        required=False,
        choices=[
            ("", _("(no hubo empate)")),
            (SentidoVoto.A_FAVOR, _("A favor")),
            (SentidoVoto.EN_CONTRA, _("En contra")),
        ],
    )

    def datos_servicio(self) -> dict:
        return {"modo": ModoVotacion.TOTALES, **self.cleaned_data}


class VotacionNominalForm(forms.Form):
    """Un campo por integrante con voto presente."""

    def __init__(self, *args, presentes, **kwargs):
        super().__init__(*args, **kwargs)
        self.presentes = list(presentes)
        for integrante in self.presentes:
            etiqueta = str(integrante.persona)
            if integrante.rol == RolIntegrante.PRESIDENTE:
                etiqueta += " (Presidencia)"
            self.fields[f"voto_{integrante.pk}"] = forms.ChoiceField(
                label=etiqueta,
                choices=SentidoVoto.choices,
                initial=SentidoVoto.A_FAVOR,
                widget=forms.RadioSelect,
            )

    def datos_servicio(self) -> dict:
        return {
            "modo": ModoVotacion.NOMINAL,
            "votos": {i.pk: self.cleaned_data[f"voto_{i.pk}"] for i in self.presentes},
        }


class TransicionForm(SinNulosMixin, forms.Form):
    estado = forms.ChoiceField(label=_("Nuevo estado"), choices=EstadoAcuerdo.choices)
    nota = forms.CharField(
        label=_("Nota"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidencia_url = forms.URLField(
        label=_("URL de evidencia"), required=False, max_length=500, assume_scheme="https"
    )
    evidencia_archivo = forms.FileField(label=_("Archivo de evidencia"), required=False)

    def clean_evidencia_archivo(self):
        return _validar_evidencia(self.cleaned_data.get("evidencia_archivo"))


class AvanceForm(SinNulosMixin, forms.Form):
    nota = forms.CharField(
        label=_("Avance"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidencia_url = forms.URLField(
        label=_("URL de evidencia"), required=False, max_length=500, assume_scheme="https"
    )
    evidencia_archivo = forms.FileField(label=_("Archivo de evidencia"), required=False)

    def __init__(self, *args, **kwargs):
        # Comparte página con el cambio de estado, que tiene campos homónimos: ids distintos.
        kwargs.setdefault("auto_id", "avance_%s")
        super().__init__(*args, **kwargs)

    def clean_evidencia_archivo(self):
        return _validar_evidencia(self.cleaned_data.get("evidencia_archivo"))


class PublicacionForm(SinNulosMixin, forms.Form):
    medio = forms.ChoiceField(label=_("Medio"), choices=MedioPublicacion.choices)
    fecha = _campo_fecha(label=_("Fecha de publicación"))
    url = forms.URLField(
        label=_("URL (página electrónica)"), required=False, max_length=500, assume_scheme="https"
    )
    numero_periodico = forms.CharField(
        label=_("Número del Periódico Oficial"), required=False, max_length=40
    )
    tomo_seccion = forms.CharField(label=_("Tomo / sección"), required=False, max_length=80)
    numero_publicacion = forms.CharField(
        label=_("Número de publicación"), required=False, max_length=80
    )
    archivo = forms.FileField(label=_("Archivo (ejemplar o captura)"), required=False)

    def clean_archivo(self):
        return _validar_evidencia(self.cleaned_data.get("archivo"))

    def clean(self):
        datos = super().clean()
        medio = datos.get("medio")
        if medio == MedioPublicacion.WEB and not datos.get("url"):
            self.add_error("url", _("La publicación en la página electrónica requiere la URL."))
        if medio == MedioPublicacion.PERIODICO:
            for campo in ("numero_periodico", "tomo_seccion", "numero_publicacion"):
                if not (datos.get(campo) or "").strip():
                    self.add_error(campo, _("Obligatorio para el Periódico Oficial."))
        return datos


class CorreccionForm(SinNulosMixin, FormularioConVersion):
    """Con `objeto=acuerdo` lleva la versión que se corrige (ver FormularioConVersion)."""

    campos_vistos = CAMPOS_VISTOS_ACUERDO

    texto = forms.CharField(
        label=_("Texto corregido"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )
    motivo = forms.CharField(
        label=_("Motivo de la corrección"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DatosSeguimientoForm(SinNulosMixin, FormularioConVersion):
    """Con `objeto=acuerdo` lleva la versión que se edita (ver FormularioConVersion)."""

    campos_vistos = CAMPOS_VISTOS_ACUERDO

    tipo = forms.ChoiceField(label=_("Tipo"), choices=TipoAcuerdo.choices)
    responsable = forms.ModelChoiceField(
        label=_("Responsable"),
        queryset=Responsable.objects.filter(activo=True),
        required=False,
        empty_label=_("(sin responsable)"),
    )
    plazo_dias_habiles = forms.IntegerField(
        label=_("Plazo en días hábiles"), min_value=1, max_value=365, required=False
    )
    fecha_limite = _campo_fecha(label=_("o fecha límite"), required=False)
    publicacion = forms.ChoiceField(
        label=_("Publicación requerida"), choices=RequierePublicacion.choices
    )

    def clean(self):
        datos = super().clean()
        if datos.get("plazo_dias_habiles") and datos.get("fecha_limite"):
            raise ValidationError(
                _("Indique el plazo en días hábiles o la fecha límite, no ambos.")
            )
        return datos


def _si_no(valor) -> bool:
    return valor in ("1", "on", "true", "si", "sí")


class FiltroAcuerdosForm(SinNulosMixin, forms.Form):
    q = forms.CharField(label=_("Buscar"), required=False, max_length=200)
    organo = forms.ModelChoiceField(
        label=_("Órgano"),
        queryset=OrganoColegiado.objects.all(),
        required=False,
        empty_label=_("Todos"),
    )
    anio = forms.TypedChoiceField(label=_("Año"), required=False, coerce=int, empty_value=None)
    estado = forms.ChoiceField(
        label=_("Estado"), required=False, choices=[("", _("Todos")), *EstadoAcuerdo.choices]
    )
    responsable = forms.ModelChoiceField(
        label=_("Responsable"),
        queryset=Responsable.objects.all(),
        required=False,
        empty_label=_("Todos"),
    )
    vencido = forms.BooleanField(label=_("Solo vencidos"), required=False)
    pendiente_publicacion = forms.BooleanField(label=_("Pendientes de publicar"), required=False)
    revision = forms.BooleanField(label=_("Enlace por revisar"), required=False)

    def __init__(self, *args, anios=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anio"].choices = [("", _("Todos"))] + [(a, a) for a in anios]

    def filtros_validos(self) -> dict:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "texto": d.get("q") or "",
            "organo": d["organo"].pk if d.get("organo") else None,
            "anio": d.get("anio"),
            "estado": d.get("estado") or "",
            "responsable": d["responsable"].pk if d.get("responsable") else None,
            "vencido": bool(d.get("vencido")),
            "pendiente_publicacion": bool(d.get("pendiente_publicacion")),
            "revision": bool(d.get("revision")),
        }


ACCIONES_MASIVAS = [
    ("en_seguimiento", _("Poner en seguimiento")),
    ("cumplido", _("Marcar como cumplidos")),
    ("concluido", _("Concluir sin publicación")),
    ("responsable", _("Asignar responsable")),
]


class MasivoForm(SinNulosMixin, forms.Form):
    accion = forms.ChoiceField(label=_("Acción"), choices=ACCIONES_MASIVAS)
    responsable = forms.ModelChoiceField(
        label=_("Responsable"), queryset=Responsable.objects.filter(activo=True), required=False
    )
    nota = forms.CharField(label=_("Nota"), required=False, max_length=2000)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.ids_elegidos: list[int] = []
        if self.data:
            valores = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
            self.ids_elegidos = [int(v) for v in valores if str(v).isdigit()][:500]

    def clean(self):
        datos = super().clean()
        if not self.ids_elegidos:
            raise ValidationError(_("Seleccione al menos un acuerdo."))
        if datos.get("accion") == "responsable" and not datos.get("responsable"):
            self.add_error("responsable", _("Elija el responsable a asignar."))
        return datos


def destinos_manuales(estado: str) -> "list[tuple[str, StrOrPromise]]":
    """Los destinos que se eligen a mano desde `estado` (lo que sale de la votación, no)."""
    return [
        (t.destino, EstadoAcuerdo(t.destino).label)
        for t in flujo.transiciones_desde(estado)
        if t.manual
    ]

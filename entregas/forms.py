"""Formularios del portal de integrantes y del panel de entregas: solo validan lo que se escribe."""

from django import forms
from django.utils.translation import gettext_lazy as _

from comun.validadores import validar_archivo
from entregas.models import RespuestaAsistencia

MENSAJE_NUL = _("El texto contiene caracteres no permitidos.")


def _sin_nul(valor: str) -> str:
    if valor and "\x00" in valor:
        raise forms.ValidationError(MENSAJE_NUL, code="nul")
    return valor


class ConfirmacionForm(forms.Form):
    respuesta = forms.ChoiceField(
        label=_("Su respuesta"),
        choices=RespuestaAsistencia.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Elija una respuesta."),
            "invalid_choice": _("Elija una respuesta válida."),
        },
    )
    suplente_nombre = forms.CharField(
        label=_("Nombre de quien le suplirá"),
        required=False,
        max_length=200,
        help_text=_("Solo si asistirá su suplente y no es el suplente registrado."),
    )

    def clean_suplente_nombre(self):
        return _sin_nul(self.cleaned_data["suplente_nombre"]).strip()


class ObservacionForm(forms.Form):
    texto = forms.CharField(
        label=_("Observación al proyecto de acta"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        error_messages={"required": _("Escriba su observación.")},
    )

    def clean_texto(self):
        texto = _sin_nul(self.cleaned_data["texto"]).strip()
        if not texto:
            raise forms.ValidationError(_("Escriba su observación."))
        return texto


class FirmaForm(forms.Form):
    integrante = forms.IntegerField(widget=forms.HiddenInput)
    fecha = forms.DateField(
        label=_("Fecha de firma"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Escriba una fecha válida.")},
    )


class ActaFirmadaForm(forms.Form):
    archivo = forms.FileField(
        label=_("Acta firmada escaneada (PDF)"),
        error_messages={"required": _("Elija el PDF del acta firmada.")},
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        validar_archivo(archivo, permitidos=("pdf",))
        return archivo


class CopiaForm(forms.Form):
    persona = forms.IntegerField(widget=forms.HiddenInput)

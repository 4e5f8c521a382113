from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from comun.validadores import validar_archivo

ANIOS = range(2000, 2101)


def _sin_nul(valor: str) -> str:
    if "\x00" in (valor or ""):
        raise ValidationError(_("El texto contiene un carácter no válido (NUL)."))
    return valor


class TrimestreForm(forms.Form):
    anio = forms.IntegerField(label=_("Año"), min_value=2000, max_value=2100)
    trimestre = forms.TypedChoiceField(
        label=_("Trimestre"),
        coerce=int,
        choices=[
            (1, _("1 (enero-marzo)")),
            (2, _("2 (abril-junio)")),
            (3, _("3 (julio-septiembre)")),
            (4, _("4 (octubre-diciembre)")),
        ],
    )


class ActaPublicaForm(forms.Form):
    archivo = forms.FileField(label=_("Versión pública del acta (PDF)"))
    numero_acta = forms.CharField(
        label=_("Número de acta"),
        max_length=80,
        required=False,
        help_text=_("Como se reporta en la PNT; vacío: la clave de la sesión."),
    )

    def clean_numero_acta(self):
        return _sin_nul(self.cleaned_data["numero_acta"]).strip()

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        self.tipo_contenido = validar_archivo(archivo, permitidos=("pdf",))
        return archivo

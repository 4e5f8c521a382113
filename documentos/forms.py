"""Formularios de documentos: solo validan la entrada."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from documentos.models import EstadoDocumento, TipoDocumento, TipoLote

MENSAJE_NUL = _("El texto contiene caracteres no permitidos (carácter nulo). Elimínelos.")


def _sin_nul(valor: str) -> str:
    if "\x00" in (valor or ""):
        raise forms.ValidationError(MENSAJE_NUL)
    return valor


class GenerarForm(forms.Form):
    tipo = forms.ChoiceField(label=_("Documentos"), choices=TipoLote.choices)


class MarcarForm(forms.Form):
    estado = forms.ChoiceField(
        label=_("Estado"),
        choices=[(EstadoDocumento.ENVIADO, _("Enviado")), (EstadoDocumento.FIRMADO, _("Firmado"))],
    )


class PlantillaForm(forms.Form):
    tipo = forms.ChoiceField(label=_("Tipo de documento"), choices=TipoDocumento.choices)
    archivo = forms.FileField(
        label=_("Archivo de Word (.docx)"),
        help_text=_("Se revisa antes de activarse; las versiones anteriores se conservan."),
    )
    notas = forms.CharField(label=_("Notas"), max_length=500, required=False)

    def clean_notas(self):
        return _sin_nul(self.cleaned_data["notas"])

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        limite = settings.SESIONES_MAX_UPLOAD_MB * 1024 * 1024
        if archivo.size > limite:
            raise forms.ValidationError(
                _("El archivo pesa más de %(mb)s MB.") % {"mb": settings.SESIONES_MAX_UPLOAD_MB}
            )
        return archivo

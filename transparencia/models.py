"""La versión pública del acta: el único archivo de acta que ve el público.

El acta firmada contiene firmas y datos personales; la Dirección Jurídica sube aparte su
versión pública (testada), que es la que enlazan el portal y el formato de la PNT.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sesiones.models import Sesion


def ruta_acta_publica(instance, filename: str) -> str:
    extension = Path(filename).suffix.lower()[:10]
    return f"actas_publicas/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class VersionPublicaActa(models.Model):
    """Versión pública del acta de una sesión; una nueva reemplaza a la anterior."""

    sesion = models.OneToOneField(
        Sesion, on_delete=models.CASCADE, related_name="acta_publica", verbose_name=_("sesión")
    )
    archivo = models.FileField(_("archivo"), upload_to=ruta_acta_publica, max_length=200)
    nombre_original = models.CharField(_("nombre original"), max_length=255)
    tipo_contenido = models.CharField(_("tipo de contenido"), max_length=100)
    numero_acta = models.CharField(
        _("número de acta"),
        max_length=80,
        blank=True,
        help_text=_("Como se reporta en la PNT; vacío: la clave de la sesión."),
    )
    subida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subida por"),
    )
    subida = models.DateTimeField(_("subida"), default=timezone.now)

    class Meta:
        verbose_name = _("versión pública de acta")
        verbose_name_plural = _("versiones públicas de actas")

    def __str__(self) -> str:
        return gettext("Versión pública del acta — %(sesion)s") % {"sesion": self.sesion}

    def get_absolute_url(self) -> str:
        return reverse("publico:acta", args=[self.sesion_id])

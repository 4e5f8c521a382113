"""La historia de auditoría: cada cambio hecho por un servicio, con quién y qué."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Bitacora(models.Model):
    """Historia de auditoría: cada cambio hecho por un servicio, con quién y qué."""

    fecha = models.DateTimeField(_("fecha"), default=timezone.now, db_index=True)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("usuario"),
    )
    accion = models.CharField(_("acción"), max_length=80)
    modelo = models.CharField(_("modelo"), max_length=80)
    objeto_id = models.CharField(_("id del objeto"), max_length=40)
    objeto = models.CharField(_("objeto"), max_length=300)
    sesion = models.ForeignKey(
        # Por nombre: la bitácora está debajo de sesiones y no la importa.
        "sesiones.Sesion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bitacora",
        verbose_name=_("sesión"),
    )
    datos = models.JSONField(_("datos"), default=dict, blank=True)

    class Meta:
        verbose_name = _("entrada de bitácora")
        verbose_name_plural = _("bitácora")
        ordering = ["-fecha", "-pk"]
        indexes = [models.Index(fields=["modelo", "objeto_id"])]

    def __str__(self) -> str:
        return f"{self.fecha:%Y-%m-%d %H:%M} {self.accion} {self.objeto}"

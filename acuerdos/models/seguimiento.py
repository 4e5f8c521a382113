"""Bitácora de ejecuciones del seguimiento y avisos ya enviados (para no repetirlos)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TipoEjecucion(models.TextChoices):
    PASE = "pase", _("Vencimientos y resúmenes")
    ENLACES = "enlaces", _("Revisión de enlaces publicados")


class EjecucionSeguimiento(models.Model):
    """Qué hizo cada ejecución del seguimiento; el personal la consulta en una página."""

    tipo = models.CharField(_("tipo"), max_length=20, choices=TipoEjecucion.choices)
    fecha = models.DateField(_("día evaluado"))
    inicio = models.DateTimeField(_("inicio"), default=timezone.now)
    fin = models.DateTimeField(_("fin"), null=True, blank=True)
    vencidos = models.PositiveIntegerField(_("vencidos"), default=0)
    por_vencer = models.PositiveIntegerField(_("por vencer"), default=0)
    marcados = models.PositiveIntegerField(
        _("marcas cambiadas"), default=0, help_text=_("Acuerdos cuya marca de vencimiento cambió.")
    )
    correos_enviados = models.PositiveIntegerField(_("correos enviados"), default=0)
    correos_omitidos = models.PositiveIntegerField(
        _("correos omitidos"), default=0, help_text=_("Ya enviados hoy por otra ejecución.")
    )
    destinatarios = models.JSONField(_("destinatarios"), default=list, blank=True)
    enlaces_revisados = models.PositiveIntegerField(_("enlaces revisados"), default=0)
    enlaces_con_problema = models.PositiveIntegerField(_("enlaces con problema"), default=0)
    errores = models.TextField(_("errores"), blank=True)
    origen = models.CharField(
        _("origen"), max_length=40, blank=True, help_text=_("Tarea programada o comando.")
    )

    class Meta:
        verbose_name = _("ejecución del seguimiento")
        verbose_name_plural = _("ejecuciones del seguimiento")
        ordering = ["-inicio", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_tipo_display()} {self.inicio:%Y-%m-%d %H:%M}"

    @property
    def duracion(self):
        return (self.fin - self.inicio) if self.fin else None


class AvisoEnviado(models.Model):
    """Un aviso por destinatario, día y tipo: se reclama antes de enviar, así nunca se repite."""

    destinatario = models.CharField(_("destinatario"), max_length=254)
    fecha = models.DateField(_("fecha"))
    tipo = models.CharField(_("tipo"), max_length=40)
    referencia = models.CharField(_("referencia"), max_length=40, blank=True, default="")
    enviado = models.DateTimeField(_("enviado"), default=timezone.now)
    acuerdos = models.PositiveIntegerField(_("acuerdos incluidos"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("aviso enviado")
        verbose_name_plural = _("avisos enviados")
        ordering = ["-fecha", "destinatario"]
        constraints = [
            models.UniqueConstraint(
                fields=["destinatario", "fecha", "tipo", "referencia"], name="aviso_unico_por_dia"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fecha} {self.tipo} → {self.destinatario}"

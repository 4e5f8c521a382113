"""Entrega de convocatorias, acuses, confirmaciones, observaciones, firmas y copias certificadas."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from documentos.models import DocumentoGenerado
from sesiones.models import Persona, Sesion


class EstadoEntrega(models.TextChoices):
    PENDIENTE = "pendiente", _("Pendiente")
    ENVIANDO = "enviando", _("Enviando")
    ENVIADO = "enviado", _("Enviado")
    FALLIDO = "fallido", _("Fallido")
    ACUSADO = "acusado", _("Acusado")


class MotivoEntrega(models.TextChoices):
    CONVOCATORIA = "convocatoria", _("Convocatoria")
    ACTUALIZACION = "actualizacion", _("Cambio de fecha")
    CANCELACION = "cancelacion", _("Cancelación")


class Entrega(models.Model):
    """Un correo a una persona sobre una sesión; un reintento nunca lo envía dos veces."""

    sesion = models.ForeignKey(
        Sesion, on_delete=models.CASCADE, related_name="entregas", verbose_name=_("sesión")
    )
    persona = models.ForeignKey(
        Persona, on_delete=models.PROTECT, related_name="entregas", verbose_name=_("persona")
    )
    documento = models.ForeignKey(
        DocumentoGenerado,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entregas",
        verbose_name=_("documento adjunto"),
        help_text=_("Convocatoria o invitación enviada; vacío en avisos de cancelación."),
    )
    motivo = models.CharField(
        _("motivo"),
        max_length=20,
        choices=MotivoEntrega.choices,
        default=MotivoEntrega.CONVOCATORIA,
    )
    es_invitado = models.BooleanField(
        _("invitado"), default=False, help_text=_("Persona invitada: voz sin voto.")
    )
    correo = models.EmailField(_("correo"), blank=True)
    estado = models.CharField(
        _("estado"),
        max_length=20,
        choices=EstadoEntrega.choices,
        default=EstadoEntrega.PENDIENTE,
    )
    intentos = models.PositiveSmallIntegerField(_("intentos"), default=0)
    error = models.TextField(_("error"), blank=True)
    secuencia = models.PositiveIntegerField(
        _("secuencia iCalendar"),
        default=0,
        help_text=_("SEQUENCE del evento: crece con cada cambio de fecha o cancelación."),
    )
    fecha_sesion = models.DateTimeField(
        _("fecha de la sesión anunciada"),
        null=True,
        blank=True,
        help_text=_("Fecha y hora que anunció este correo; si la sesión cambia, se avisa."),
    )
    message_id = models.CharField(_("Message-ID"), max_length=300, blank=True)
    reclamada_en = models.DateTimeField(_("tomada para envío"), null=True, blank=True)
    enviado_en = models.DateTimeField(_("enviado"), null=True, blank=True)
    acusado_en = models.DateTimeField(_("acuse de recibo"), null=True, blank=True)
    solicitada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("solicitada por"),
    )
    creada = models.DateTimeField(_("creada"), default=timezone.now)

    class Meta:
        verbose_name = _("entrega")
        verbose_name_plural = _("entregas")
        ordering = ["sesion", "persona__nombre", "-creada", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sesion", "persona", "motivo", "secuencia"], name="entrega_unica"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_motivo_display()} — {self.persona} ({self.get_estado_display()})"


class RespuestaAsistencia(models.TextChoices):
    ASISTIRA = "asistira", _("Asistirá")
    NO_ASISTIRA = "no_asistira", _("No asistirá")
    SUPLENTE = "suplente", _("Asistirá su suplente")


# Respuestas que cuentan para el quórum esperado.
RESPUESTAS_PRESENTES = (RespuestaAsistencia.ASISTIRA, RespuestaAsistencia.SUPLENTE)


class ConfirmacionAsistencia(models.Model):
    """Lo que la persona dijo que hará; la asistencia real se toma el día de la sesión."""

    sesion = models.ForeignKey(
        Sesion, on_delete=models.CASCADE, related_name="confirmaciones", verbose_name=_("sesión")
    )
    persona = models.ForeignKey(
        Persona,
        on_delete=models.PROTECT,
        related_name="confirmaciones",
        verbose_name=_("persona"),
    )
    respuesta = models.CharField(_("respuesta"), max_length=20, choices=RespuestaAsistencia.choices)
    suplente = models.ForeignKey(
        Persona,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suplente registrado"),
    )
    suplente_nombre = models.CharField(
        _("nombre del suplente"),
        max_length=200,
        blank=True,
        help_text=_("Quien asistirá en su lugar, si no es el suplente registrado."),
    )
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("confirmación de asistencia")
        verbose_name_plural = _("confirmaciones de asistencia")
        ordering = ["sesion", "persona__nombre"]
        constraints = [
            models.UniqueConstraint(fields=["sesion", "persona"], name="confirmacion_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.persona}: {self.get_respuesta_display()}"

    @property
    def nombre_suplente(self) -> str:
        return self.suplente_nombre or (str(self.suplente) if self.suplente_id else "")


class AvisoQuorum(models.Model):
    """Aviso enviado a la Dirección Jurídica de que las confirmaciones no alcanzan quórum."""

    sesion = models.OneToOneField(
        Sesion, on_delete=models.CASCADE, related_name="aviso_quorum", verbose_name=_("sesión")
    )
    enviado_en = models.DateTimeField(_("enviado"), default=timezone.now)
    confirmados = models.PositiveSmallIntegerField(_("confirmados"))
    requeridos = models.PositiveSmallIntegerField(_("requeridos"))

    class Meta:
        verbose_name = _("aviso de quórum")
        verbose_name_plural = _("avisos de quórum")

    def __str__(self) -> str:
        return f"{self.sesion}: {self.confirmados}/{self.requeridos}"


def nuevo_token_calendario() -> str:
    return secrets.token_urlsafe(32)


class CalendarioPersona(models.Model):
    """Secreto del calendario privado (.ics) de una persona; regenerarlo invalida el anterior."""

    persona = models.OneToOneField(
        Persona, on_delete=models.CASCADE, related_name="calendario", verbose_name=_("persona")
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=nuevo_token_calendario)
    creado = models.DateTimeField(_("creado"), default=timezone.now)

    class Meta:
        verbose_name = _("calendario privado")
        verbose_name_plural = _("calendarios privados")

    def __str__(self) -> str:
        return gettext("Calendario de %(persona)s") % {"persona": self.persona}

"""Entrega de convocatorias, acuses, confirmaciones, observaciones, firmas y copias certificadas."""

import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .documento import DocumentoGenerado
from .organo import Integrante, Persona
from .sesion import Sesion


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


class ObservacionActa(models.Model):
    """Observación de un integrante al proyecto de acta, antes de su aprobación."""

    sesion = models.ForeignKey(
        Sesion,
        on_delete=models.CASCADE,
        related_name="observaciones_acta",
        verbose_name=_("sesión"),
    )
    persona = models.ForeignKey(
        Persona,
        on_delete=models.PROTECT,
        related_name="observaciones_acta",
        verbose_name=_("persona"),
    )
    documento = models.ForeignKey(
        DocumentoGenerado,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versión del acta"),
    )
    texto = models.TextField(_("observación"), max_length=10000)
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("observación al acta")
        verbose_name_plural = _("observaciones al acta")
        ordering = ["sesion", "fecha", "pk"]

    def __str__(self) -> str:
        return f"{self.persona}: {self.texto[:60]}"


class FirmaActa(models.Model):
    """Constancia de que un integrante firmó el acta."""

    sesion = models.ForeignKey(
        Sesion, on_delete=models.CASCADE, related_name="firmas_acta", verbose_name=_("sesión")
    )
    integrante = models.ForeignKey(
        Integrante,
        on_delete=models.PROTECT,
        related_name="firmas_acta",
        verbose_name=_("integrante"),
    )
    firmado_en = models.DateField(_("fecha de firma"))
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrado por"),
    )
    registrado_en = models.DateTimeField(_("registrado"), default=timezone.now)

    class Meta:
        verbose_name = _("firma del acta")
        verbose_name_plural = _("firmas del acta")
        ordering = ["sesion", "integrante__orden", "integrante__pk"]
        constraints = [
            models.UniqueConstraint(fields=["sesion", "integrante"], name="firma_acta_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.integrante.persona} firmó el {self.firmado_en:%d/%m/%Y}"


def ruta_acta_firmada(instance: "ActaFirmada", filename: str) -> str:
    extension = Path(filename).suffix.lower()[:6] or ".pdf"
    return f"actas_firmadas/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class ActaFirmada(models.Model):
    """El acta escaneada con firmas; al completarse las firmas queda bloqueada con su hash."""

    sesion = models.OneToOneField(
        Sesion, on_delete=models.CASCADE, related_name="acta_firmada", verbose_name=_("sesión")
    )
    archivo = models.FileField(_("acta escaneada"), upload_to=ruta_acta_firmada, max_length=200)
    nombre_original = models.CharField(_("nombre original"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    documento = models.ForeignKey(
        DocumentoGenerado,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versión del acta firmada"),
    )
    subida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subida por"),
    )
    subida_en = models.DateTimeField(_("subida"), default=timezone.now)
    bloqueada_en = models.DateTimeField(
        _("acta bloqueada"),
        null=True,
        blank=True,
        help_text=_("Desde entonces el acta no se modifica ni se vuelve a generar."),
    )
    hash_bloqueo = models.CharField(_("hash al bloquear"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("acta firmada")
        verbose_name_plural = _("actas firmadas")

    def __str__(self) -> str:
        return f"Acta firmada — {self.sesion}"

    @property
    def bloqueada(self) -> bool:
        return self.bloqueada_en is not None


class CopiaCertificada(models.Model):
    """Copia certificada del acta para un integrante, con folio único y su entrega."""

    sesion = models.ForeignKey(
        Sesion,
        on_delete=models.CASCADE,
        related_name="copias_certificadas",
        verbose_name=_("sesión"),
    )
    persona = models.ForeignKey(
        Persona,
        on_delete=models.PROTECT,
        related_name="copias_certificadas",
        verbose_name=_("persona"),
    )
    folio = models.CharField(_("folio"), max_length=40, unique=True)
    documento = models.ForeignKey(
        DocumentoGenerado,
        on_delete=models.PROTECT,
        related_name="copias_certificadas",
        verbose_name=_("certificación"),
    )
    emitida_en = models.DateTimeField(_("emitida"), default=timezone.now)
    emitida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("emitida por"),
    )
    entregada_en = models.DateTimeField(_("entregada"), null=True, blank=True)
    entregada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entregada por"),
    )

    class Meta:
        verbose_name = _("copia certificada")
        verbose_name_plural = _("copias certificadas")
        ordering = ["sesion", "folio"]
        constraints = [
            models.UniqueConstraint(fields=["sesion", "persona"], name="copia_certificada_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.folio} — {self.persona}"


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
        return f"Calendario de {self.persona}"

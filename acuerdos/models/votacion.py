"""Votaciones de los acuerdos y las reglas de mayoría de cada órgano."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sesiones.models import Integrante, OrganoColegiado

from .acuerdo import Acuerdo, TipoAcuerdo


class Mayoria(models.TextChoices):
    SIMPLE = "simple", _("Mayoría simple: más votos a favor que en contra")
    ABSOLUTA = "absoluta", _("Mayoría absoluta: más de la mitad de los presentes con voto")
    DOS_TERCIOS = "dos_tercios", _("Mayoría calificada: dos terceras partes de los presentes")


class ReglaVotacion(models.Model):
    """Mayoría que un órgano exige para un tipo de acuerdo; sin regla, mayoría simple."""

    organo = models.ForeignKey(
        OrganoColegiado,
        on_delete=models.CASCADE,
        related_name="reglas_votacion",
        verbose_name=_("órgano"),
    )
    tipo_acuerdo = models.CharField(
        _("tipo de acuerdo"), max_length=30, choices=TipoAcuerdo.choices
    )
    mayoria = models.CharField(_("mayoría requerida"), max_length=20, choices=Mayoria.choices)

    class Meta:
        verbose_name = _("regla de votación")
        verbose_name_plural = _("reglas de votación")
        constraints = [
            models.UniqueConstraint(fields=["organo", "tipo_acuerdo"], name="regla_votacion_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.organo.siglas}: {self.get_tipo_acuerdo_display()} — {self.get_mayoria_display()}"


class ModoVotacion(models.TextChoices):
    TOTALES = "totales", _("Totales")
    NOMINAL = "nominal", _("Nominal (por integrante)")


class SentidoVoto(models.TextChoices):
    A_FAVOR = "a_favor", _("A favor")
    EN_CONTRA = "en_contra", _("En contra")
    ABSTENCION = "abstencion", _("Abstención")


class ResultadoVotacion(models.TextChoices):
    APROBADO = "aprobado", _("Aprobado")
    RECHAZADO = "rechazado", _("Rechazado")


class Votacion(models.Model):
    """La votación de un acuerdo: totales o nominal; el resultado sigue la regla del órgano."""

    acuerdo = models.OneToOneField(Acuerdo, on_delete=models.CASCADE, related_name="votacion")
    modo = models.CharField(_("modo"), max_length=10, choices=ModoVotacion.choices)
    presentes = models.PositiveSmallIntegerField(
        _("integrantes con voto presentes"), help_text=_("Al momento de votar.")
    )
    a_favor = models.PositiveSmallIntegerField(_("a favor"), default=0)
    en_contra = models.PositiveSmallIntegerField(_("en contra"), default=0)
    abstenciones = models.PositiveSmallIntegerField(_("abstenciones"), default=0)
    voto_calidad = models.CharField(
        _("voto de calidad de la Presidencia"),
        max_length=20,
        blank=True,
        choices=[(SentidoVoto.A_FAVOR, _("A favor")), (SentidoVoto.EN_CONTRA, _("En contra"))],
        help_text=_("Solo en empate: el sentido del voto de quien preside."),
    )
    mayoria = models.CharField(_("mayoría aplicada"), max_length=20, choices=Mayoria.choices)
    resultado = models.CharField(_("resultado"), max_length=20, choices=ResultadoVotacion.choices)
    unanimidad = models.BooleanField(_("por unanimidad"), default=False)
    decidio_calidad = models.BooleanField(_("decidió el voto de calidad"), default=False)
    texto = models.CharField(
        _("redacción para el acta"),
        max_length=300,
        help_text=_("P. ej. «aprobado por unanimidad de votos de los integrantes presentes»."),
    )
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("votación")
        verbose_name_plural = _("votaciones")

    def __str__(self) -> str:
        return f"{self.acuerdo}: {self.texto}"


class VotoNominal(models.Model):
    votacion = models.ForeignKey(Votacion, on_delete=models.CASCADE, related_name="votos")
    integrante = models.ForeignKey(
        Integrante, on_delete=models.PROTECT, related_name="votos", verbose_name=_("integrante")
    )
    sentido = models.CharField(_("sentido"), max_length=20, choices=SentidoVoto.choices)

    class Meta:
        verbose_name = _("voto nominal")
        verbose_name_plural = _("votos nominales")
        ordering = ["votacion", "integrante__orden", "integrante__pk"]
        constraints = [
            models.UniqueConstraint(fields=["votacion", "integrante"], name="voto_nominal_unico"),
        ]

    def __str__(self) -> str:
        return f"{self.integrante.persona}: {self.get_sentido_display()}"

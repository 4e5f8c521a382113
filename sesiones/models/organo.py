"""Órganos colegiados, sus periodos, las personas y sus membresías."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnidadAviso(models.TextChoices):
    DIAS_HABILES = "dias_habiles", _("días hábiles")
    HORAS = "horas", _("horas")


class ReglaQuorum(models.TextChoices):
    MITAD_MAS_UNO = "mitad_mas_uno", _("mitad más uno de los integrantes con voto")
    DOS_TERCIOS = "dos_tercios", _("dos terceras partes de los integrantes con voto")
    FIJO = "fijo", _("número fijo de integrantes con voto")


class OrganoColegiado(models.Model):
    """Un cuerpo que sesiona, vota y levanta actas. Sus reglas son datos, no código."""

    nombre = models.CharField(
        _("nombre"),
        max_length=200,
        unique=True,
        help_text=_("Nombre oficial completo, p. ej. «Comité Coordinador»."),
    )
    nombre_completo = models.CharField(
        _("nombre en documentos"),
        max_length=300,
        blank=True,
        help_text=_(
            "Como aparece en oficios y actas, p. ej. «Comité Coordinador del Sistema "
            "Anticorrupción del Estado de Chiapas». Vacío: se usa el nombre."
        ),
    )
    genero = models.CharField(
        _("género gramatical"),
        max_length=1,
        choices=[("m", _("masculino")), ("f", _("femenino"))],
        default="m",
        help_text=_("Para escribir «del Comité Coordinador» o «de la Comisión Ejecutiva»."),
    )
    siglas = models.CharField(
        _("siglas"),
        max_length=20,
        unique=True,
        help_text=_("Siglas usadas en claves de sesión y de acuerdo, p. ej. «CC»."),
    )
    orden = models.PositiveSmallIntegerField(
        _("orden"), default=0, help_text=_("Posición en listados y reportes.")
    )
    activo = models.BooleanField(
        _("activo"), default=True, help_text=_("Un órgano inactivo conserva su historia.")
    )
    regla_quorum = models.CharField(
        _("regla de quórum"),
        max_length=20,
        choices=ReglaQuorum.choices,
        default=ReglaQuorum.MITAD_MAS_UNO,
        help_text=_("Cuántos integrantes con voto deben estar presentes para sesionar."),
    )
    quorum_fijo = models.PositiveSmallIntegerField(
        _("quórum fijo"),
        null=True,
        blank=True,
        help_text=_("Solo con la regla «número fijo»: integrantes con voto requeridos."),
    )
    aviso_ordinaria = models.PositiveSmallIntegerField(
        _("anticipación de sesión ordinaria"),
        default=5,
        help_text=_("Anticipación mínima de la convocatoria a una sesión ordinaria."),
    )
    aviso_ordinaria_unidad = models.CharField(
        _("unidad (ordinaria)"),
        max_length=20,
        choices=UnidadAviso.choices,
        default=UnidadAviso.DIAS_HABILES,
    )
    aviso_extraordinaria = models.PositiveSmallIntegerField(
        _("anticipación de sesión extraordinaria"),
        default=24,
        help_text=_("Anticipación mínima de la convocatoria a una sesión extraordinaria."),
    )
    aviso_extraordinaria_unidad = models.CharField(
        _("unidad (extraordinaria)"),
        max_length=20,
        choices=UnidadAviso.choices,
        default=UnidadAviso.HORAS,
    )
    aviso_solemne = models.PositiveSmallIntegerField(
        _("anticipación de sesión solemne"),
        default=3,
        help_text=_("Anticipación mínima de la convocatoria a una sesión solemne."),
    )
    aviso_solemne_unidad = models.CharField(
        _("unidad (solemne)"),
        max_length=20,
        choices=UnidadAviso.choices,
        default=UnidadAviso.DIAS_HABILES,
    )
    patron_clave = models.CharField(
        _("patrón de clave de sesión"),
        max_length=120,
        default="{tipo}-{numero:02d}-{siglas}/SAECH/{anio}",
        help_text=_(
            "Variables: {tipo} (SO, SE, SS), {numero}, {siglas}, {anio}, {periodo}. "
            "Ejemplo: «{tipo}-{numero:02d}-{siglas}/SAECH/{anio}» da «SO-04-CC/SAECH/2022»."
        ),
    )
    patron_clave_acuerdo = models.CharField(
        _("patrón de clave de acuerdo"),
        max_length=120,
        default="{siglas}/{tipo}-{sesion:02d}/{numero:03d}/{anio}",
        help_text=_(
            "Variables: {siglas}, {tipo}, {sesion} (número de la sesión), {numero} "
            "(consecutivo del acuerdo en el año), {anio}. Ejemplo: «CE/SO-01/003/2022»."
        ),
    )
    meta_actas_anual = models.PositiveSmallIntegerField(
        _("meta anual de actas"),
        default=0,
        help_text=_("Actas que el programa anual de trabajo espera de este órgano."),
    )
    meta_acuerdos_anual = models.PositiveSmallIntegerField(
        _("meta anual de acuerdos"),
        default=12,
        help_text=_("Acuerdos que el programa anual de trabajo espera de este órgano."),
    )

    class Meta:
        verbose_name = _("órgano colegiado")
        verbose_name_plural = _("órganos colegiados")
        ordering = ["orden", "nombre"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(regla_quorum="fijo") | Q(quorum_fijo__gte=1),
                name="organo_quorum_fijo_requerido",
                violation_error_message=_("La regla «número fijo» requiere el quórum fijo."),
            )
        ]

    def __str__(self) -> str:
        return self.nombre

    def get_absolute_url(self) -> str:
        return reverse("sesiones:organo", args=[self.pk])

    @property
    def nombre_documentos(self) -> str:
        return self.nombre_completo or self.nombre

    @property
    def del_organo(self) -> str:
        """«del Comité Coordinador…» o «de la Comisión Ejecutiva…», para oficios y actas."""
        return f"{'de la' if self.genero == 'f' else 'del'} {self.nombre_documentos}"

    def aviso_para(self, tipo: str) -> tuple[int, str]:
        """Anticipación (cantidad, unidad) que exige el órgano para un tipo de sesión."""
        return (
            getattr(self, f"aviso_{tipo}"),
            getattr(self, f"aviso_{tipo}_unidad"),
        )

    def integrantes_vigentes(self, fecha: datetime.date | None = None):
        fecha = fecha or timezone.localdate()
        return (
            self.integrantes.vigentes(fecha)
            .select_related("persona", "suplente")
            .order_by("orden", "pk")
        )


class Periodo(models.Model):
    """Periodo de un órgano; la numeración de sesiones reinicia en cada periodo."""

    organo = models.ForeignKey(
        OrganoColegiado,
        on_delete=models.PROTECT,
        related_name="periodos",
        verbose_name=_("órgano"),
    )
    nombre = models.CharField(
        _("nombre"), max_length=40, help_text=_("P. ej. «2021-2022» o «2022».")
    )
    fecha_inicio = models.DateField(_("inicio"))
    fecha_fin = models.DateField(_("fin"))

    class Meta:
        verbose_name = _("periodo")
        verbose_name_plural = _("periodos")
        ordering = ["organo", "-fecha_inicio"]
        constraints = [
            models.UniqueConstraint(fields=["organo", "nombre"], name="periodo_nombre_unico"),
            models.CheckConstraint(
                condition=Q(fecha_fin__gte=models.F("fecha_inicio")),
                name="periodo_fechas_ordenadas",
                violation_error_message=_("El periodo no puede terminar antes de empezar."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organo.siglas} {self.nombre}"

    def contiene(self, fecha: datetime.date) -> bool:
        return self.fecha_inicio <= fecha <= self.fecha_fin


class Persona(models.Model):
    """Quien integra un órgano o es invitada; puede tener cuenta de usuario."""

    titulo = models.CharField(
        _("título"),
        max_length=30,
        blank=True,
        help_text=_("Tratamiento antes del nombre: «Mtro.», «Dra.», «Lic.»."),
    )
    nombre = models.CharField(_("nombre completo"), max_length=200)
    cargo = models.CharField(
        _("cargo"),
        max_length=300,
        blank=True,
        help_text=_("Puesto con el que se le dirige la convocatoria."),
    )
    institucion = models.CharField(
        _("institución"),
        max_length=300,
        blank=True,
        help_text=_("Dependencia o ente al que pertenece."),
    )
    correo = models.EmailField(_("correo electrónico"), blank=True)
    telefono = models.CharField(_("teléfono"), max_length=40, blank=True)
    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persona",
        verbose_name=_("cuenta de usuario"),
        help_text=_("Cuenta con la que entra al portal de integrantes."),
    )

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        ordering = ["nombre"]

    def __str__(self) -> str:
        return self.nombre_con_titulo

    @property
    def nombre_con_titulo(self) -> str:
        return f"{self.titulo} {self.nombre}".strip()


class RolIntegrante(models.TextChoices):
    PRESIDENTE = "presidente", _("Presidente")
    SECRETARIO_TECNICO = "secretario_tecnico", _("Secretario Técnico")
    INTEGRANTE = "integrante", _("Integrante")
    INVITADO_PERMANENTE = "invitado_permanente", _("Invitado permanente")


class IntegranteQuerySet(models.QuerySet):
    def vigentes(self, fecha: datetime.date):
        return self.filter(
            Q(fecha_fin__isnull=True) | Q(fecha_fin__gte=fecha), fecha_inicio__lte=fecha
        )


class Integrante(models.Model):
    """Membresía de una persona en un órgano; al terminar se cierra, no se borra."""

    organo = models.ForeignKey(
        OrganoColegiado,
        on_delete=models.PROTECT,
        related_name="integrantes",
        verbose_name=_("órgano"),
    )
    persona = models.ForeignKey(
        Persona, on_delete=models.PROTECT, related_name="membresias", verbose_name=_("persona")
    )
    rol = models.CharField(
        _("rol"), max_length=30, choices=RolIntegrante.choices, default=RolIntegrante.INTEGRANTE
    )
    con_voto = models.BooleanField(
        _("con voto"),
        default=True,
        help_text=_("Desmarcado: participa solo con voz; no cuenta para quórum ni votación."),
    )
    suplente = models.ForeignKey(
        Persona,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suplencias",
        verbose_name=_("suplente"),
        help_text=_("Quien asiste en su lugar cuando no puede."),
    )
    fecha_inicio = models.DateField(_("inicio"), default=datetime.date(2000, 1, 1))
    fecha_fin = models.DateField(
        _("fin"), null=True, blank=True, help_text=_("Vacío mientras sigue en funciones.")
    )
    orden = models.PositiveSmallIntegerField(
        _("orden"), default=0, help_text=_("Orden en listas de asistencia y firmas.")
    )

    objects = IntegranteQuerySet.as_manager()

    class Meta:
        verbose_name = _("integrante")
        verbose_name_plural = _("integrantes")
        ordering = ["organo", "orden", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fecha_fin__isnull=True) | Q(fecha_fin__gte=models.F("fecha_inicio")),
                name="integrante_fechas_ordenadas",
                violation_error_message=_("La membresía no puede terminar antes de empezar."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.persona} ({self.get_rol_display()}, {self.organo.siglas})"

    def vigente_en(self, fecha: datetime.date) -> bool:
        return self.fecha_inicio <= fecha and (self.fecha_fin is None or self.fecha_fin >= fecha)

"""Sesiones, su historia de estados, el orden del día, los anexos y la asistencia."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bitacora.models import Bitacora
from comun.letras import ordinal_femenino_titulo
from sesiones import flujo

# Los estados, sus transiciones y lo que cada estado permite viven en flujo.py; se reexportan
# aquí para quien ya los importaba de los modelos.
from sesiones.flujo import (  # noqa: F401
    ESTADOS_CELEBRADA,
    ESTADOS_CON_MOTIVO,
    TRANSICIONES_SESION,
    EstadoSesion,
)

from .organo import Integrante, OrganoColegiado, Periodo, Persona


class TipoSesion(models.TextChoices):
    ORDINARIA = "ordinaria", _("Ordinaria")
    EXTRAORDINARIA = "extraordinaria", _("Extraordinaria")
    SOLEMNE = "solemne", _("Solemne")


# Código del tipo en la clave de la sesión (SO-04-CC/SAECH/2022).
CODIGO_TIPO = {
    TipoSesion.ORDINARIA: "SO",
    TipoSesion.EXTRAORDINARIA: "SE",
    TipoSesion.SOLEMNE: "SS",
}


class Modalidad(models.TextChoices):
    PRESENCIAL = "presencial", _("Presencial")
    A_DISTANCIA = "a_distancia", _("A distancia")
    MIXTA = "mixta", _("Mixta")


class Sesion(models.Model):
    """Una sesión de un órgano; su número se asigna al programarla y nunca se repite."""

    organo = models.ForeignKey(
        OrganoColegiado,
        on_delete=models.PROTECT,
        related_name="sesiones",
        verbose_name=_("órgano"),
    )
    periodo = models.ForeignKey(
        Periodo,
        on_delete=models.PROTECT,
        related_name="sesiones",
        verbose_name=_("periodo"),
        help_text=_("La numeración reinicia por periodo y por tipo de sesión."),
    )
    tipo = models.CharField(
        _("tipo"), max_length=20, choices=TipoSesion.choices, default=TipoSesion.ORDINARIA
    )
    numero = models.PositiveSmallIntegerField(
        _("número"),
        null=True,
        blank=True,
        help_text=_("Consecutivo en el periodo y tipo. Vacío solo si se canceló y lo liberó."),
    )
    clave = models.CharField(
        _("clave"),
        max_length=80,
        blank=True,
        help_text=_("Clave del acta según el patrón del órgano, p. ej. «SO-04-CC/SAECH/2022»."),
    )
    titulo = models.CharField(
        _("título especial"),
        max_length=200,
        blank=True,
        help_text=_("Para sesiones con nombre propio: «Sesión Solemne de Instalación»."),
    )
    fecha_hora = models.DateTimeField(_("fecha y hora"))
    hora_clausura = models.TimeField(
        _("hora de clausura"),
        null=True,
        blank=True,
        help_text=_("Se registra al celebrarse; el acta la escribe en palabras."),
    )
    sede = models.CharField(
        _("sede"),
        max_length=300,
        blank=True,
        help_text=_("Lugar: «instalaciones del Tribunal Administrativo del Poder Judicial…»."),
    )
    modalidad = models.CharField(
        _("modalidad"), max_length=20, choices=Modalidad.choices, default=Modalidad.PRESENCIAL
    )
    enlace = models.URLField(
        _("enlace de conexión"),
        blank=True,
        help_text=_("Obligatorio para sesiones a distancia o mixtas."),
    )
    estado = models.CharField(
        _("estado"),
        max_length=20,
        choices=EstadoSesion.choices,
        default=EstadoSesion.PROGRAMADA,
        editable=False,
    )
    justificacion_aviso = models.TextField(
        _("justificación de convocatoria tardía"),
        blank=True,
        help_text=_("Obligatoria si se convoca con menos anticipación que la que fija el órgano."),
    )
    sin_quorum = models.BooleanField(
        _("no celebrada por falta de quórum"),
        default=False,
        editable=False,
        help_text=_("Se difirió porque no se reunió el quórum; conserva su número."),
    )
    constancia_sin_quorum = models.FileField(
        _("constancia de falta de quórum"), upload_to="constancias/%Y/", blank=True
    )
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("creada por"),
    )
    creada = models.DateTimeField(_("creada"), auto_now_add=True)
    actualizada = models.DateTimeField(_("actualizada"), auto_now=True)
    version = models.PositiveIntegerField(
        _("versión de edición"),
        default=1,
        editable=False,
        help_text=_("Sube con cada edición; un formulario con una versión anterior se rechaza."),
    )

    class Meta:
        verbose_name = _("sesión")
        verbose_name_plural = _("sesiones")
        ordering = ["-fecha_hora"]
        constraints = [
            models.UniqueConstraint(
                fields=["organo", "periodo", "tipo", "numero"],
                condition=Q(numero__isnull=False),
                name="sesion_numero_unico",
                violation_error_message=_("Ese número ya está asignado a otra sesión."),
            ),
        ]
        indexes = [
            models.Index(fields=["organo", "fecha_hora"]),
            models.Index(fields=["estado", "fecha_hora"]),
        ]

    def __str__(self) -> str:
        return f"{self.nombre} — {self.organo.siglas}"

    def get_absolute_url(self) -> str:
        return reverse("sesiones:detalle", args=[self.pk])

    @property
    def codigo_tipo(self) -> str:
        return CODIGO_TIPO[TipoSesion(self.tipo)]

    @property
    def nombre(self) -> str:
        """«Cuarta Sesión Ordinaria»; las solemnes pueden tener nombre propio."""

        if self.titulo:
            return self.titulo
        tipo = self.get_tipo_display()
        if self.numero is None:
            return f"Sesión {tipo} (sin número)"
        return f"{ordinal_femenino_titulo(self.numero)} Sesión {tipo}"

    @property
    def nombre_completo(self) -> str:
        """«Cuarta Sesión Ordinaria del Comité Coordinador…»."""
        return f"{self.nombre} {self.organo.del_organo}"

    @property
    def fecha_local(self):
        return timezone.localtime(self.fecha_hora)

    @property
    def transiciones_posibles(self) -> tuple[str, ...]:
        return TRANSICIONES_SESION[EstadoSesion(self.estado)]

    def puede(self, capacidad: str) -> bool:
        """¿Lo permite el estado actual? (flujo.py); el rol de quien lo hace lo revisa el servicio."""
        return flujo.puede(self.estado, capacidad)

    @property
    def capacidades(self) -> frozenset[str]:
        """Para las plantillas, que no pasan argumentos: `{% if "editar" in sesion.capacidades %}`."""
        return flujo.capacidades(self.estado)

    @property
    def celebrada(self) -> bool:
        return self.estado in ESTADOS_CELEBRADA

    @property
    def editable(self) -> bool:
        """Datos y orden del día se editan hasta que la sesión se celebra."""
        return self.puede(flujo.EDITAR)


class CambioEstadoSesion(models.Model):
    """Historia de estados: quién, cuándo, de qué a qué y por qué. Nunca se edita."""

    sesion = models.ForeignKey(
        Sesion, on_delete=models.CASCADE, related_name="cambios", verbose_name=_("sesión")
    )
    estado_anterior = models.CharField(
        _("estado anterior"), max_length=20, choices=EstadoSesion.choices, blank=True
    )
    estado_nuevo = models.CharField(_("estado nuevo"), max_length=20, choices=EstadoSesion.choices)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("usuario"),
    )
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)
    motivo = models.TextField(_("motivo o nota"), blank=True)
    fecha_hora_anterior = models.DateTimeField(
        _("fecha de sesión anterior"),
        null=True,
        blank=True,
        help_text=_("Si el cambio movió la fecha de la sesión, la que tenía antes."),
    )

    # La bitácora no guarda una copia de cada cambio de estado: lo lee de aquí, con este código
    # de acción y como cambio del objeto sesión (ver bitacora/views.py).
    ACCION_BITACORA = "sesion.estado"
    MODELO_BITACORA = "sesiones.sesion"

    class Meta:
        verbose_name = _("cambio de estado de sesión")
        verbose_name_plural = _("cambios de estado de sesión")
        ordering = ["fecha", "pk"]

    def __str__(self) -> str:
        return f"{self.sesion}: {self.estado_anterior or '—'} → {self.estado_nuevo}"

    @classmethod
    def para_bitacora(cls) -> models.QuerySet:
        """Los cambios que la bitácora muestra: el alta ya consta como «sesion.programar»."""
        return cls.objects.exclude(estado_anterior="").select_related("usuario", "sesion__organo")

    def como_bitacora(self) -> Bitacora:
        """La entrada (sin guardar) con que la bitácora presenta este cambio."""
        return Bitacora(
            fecha=self.fecha,
            usuario=self.usuario,
            accion=self.ACCION_BITACORA,
            modelo=self.MODELO_BITACORA,
            objeto_id=str(self.sesion_id),
            objeto=str(self.sesion)[:300],
            sesion=self.sesion,
            datos={
                "de": self.estado_anterior,
                "a": self.estado_nuevo,
                "motivo": self.motivo,
                "fecha_anterior": (
                    self.fecha_hora_anterior.isoformat() if self.fecha_hora_anterior else None
                ),
            },
        )


class TipoPunto(models.TextChoices):
    TRAMITE = "tramite", _("Trámite")
    INFORMATIVO = "informativo", _("Informativo")
    ACUERDO = "acuerdo", _("Para acuerdo")


class PuntoMarco(models.TextChoices):
    ASISTENCIA = "asistencia", _("Lista de asistencia y declaración de quórum")
    ORDEN_DIA = "orden_dia", _("Aprobación del orden del día")
    ACTA_ANTERIOR = "acta_anterior", _("Aprobación del acta de la sesión anterior")
    SEGUIMIENTO = "seguimiento", _("Seguimiento de acuerdos")
    INSTALACION = "instalacion", _("Instalación y toma de protesta")
    ASUNTOS_GENERALES = "asuntos_generales", _("Asuntos generales")
    CLAUSURA = "clausura", _("Clausura de la sesión")


# Puntos de cierre: los puntos nuevos se insertan antes de ellos.
MARCO_CIERRE = (PuntoMarco.ASUNTOS_GENERALES, PuntoMarco.CLAUSURA)


class PuntoOrden(models.Model):
    """Un punto del orden del día; el orden lo fija el personal y puede cambiar."""

    # Los llena puntos_con_anexos_visibles (Prefetch con to_attr) para mostrar cada punto.
    anexos_visibles: list["Anexo"]
    anexos_publicos: list["Anexo"]

    sesion = models.ForeignKey(
        Sesion, on_delete=models.CASCADE, related_name="puntos", verbose_name=_("sesión")
    )
    orden = models.PositiveSmallIntegerField(
        _("número"), help_text=_("Posición en el orden del día.")
    )
    titulo = models.TextField(_("asunto"), max_length=5000)
    descripcion = models.TextField(
        _("descripción"),
        blank=True,
        max_length=20000,
        help_text=_("Antecedentes o desarrollo que el acta puede retomar."),
    )
    tipo = models.CharField(
        _("tipo"), max_length=20, choices=TipoPunto.choices, default=TipoPunto.INFORMATIVO
    )
    presenta = models.CharField(
        _("presenta"),
        max_length=300,
        blank=True,
        help_text=_("Quién expone el punto, p. ej. «la Secretaria Técnica»."),
    )
    marco = models.CharField(
        _("punto de marco"),
        max_length=30,
        choices=PuntoMarco.choices,
        blank=True,
        help_text=_(
            "Puntos fijos del formato (lista de asistencia, clausura…); vacío si es sustantivo."
        ),
    )
    version = models.PositiveIntegerField(
        _("versión de edición"),
        default=1,
        editable=False,
        help_text=_("Sube con cada edición; un formulario con una versión anterior se rechaza."),
    )

    class Meta:
        verbose_name = _("punto del orden del día")
        verbose_name_plural = _("puntos del orden del día")
        ordering = ["sesion", "orden"]
        constraints = [
            models.UniqueConstraint(fields=["sesion", "orden"], name="punto_orden_unico"),
        ]

    def __str__(self) -> str:
        return f"{self.orden}. {self.titulo[:80]}"


class Clasificacion(models.TextChoices):
    PUBLICA = "publica", _("Pública")
    RESERVADA = "reservada", _("Reservada")
    CONFIDENCIAL = "confidencial", _("Confidencial")


def ruta_anexo(instance: "Anexo", filename: str) -> str:
    # El nombre original nunca llega al disco: se guarda aparte y se usa solo al descargar.
    extension = Path(filename).suffix.lower()[:10]
    return f"anexos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Anexo(models.Model):
    """Documento de un punto, con su clasificación conforme a la ley de transparencia."""

    punto = models.ForeignKey(
        PuntoOrden, on_delete=models.CASCADE, related_name="anexos", verbose_name=_("punto")
    )
    titulo = models.CharField(_("título"), max_length=300)
    archivo = models.FileField(_("archivo"), upload_to=ruta_anexo, max_length=200)
    nombre_original = models.CharField(_("nombre original"), max_length=255)
    tipo_contenido = models.CharField(_("tipo de contenido"), max_length=100)
    tamano = models.PositiveBigIntegerField(_("tamaño en bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    clasificacion = models.CharField(
        _("clasificación"),
        max_length=20,
        choices=Clasificacion.choices,
        default=Clasificacion.PUBLICA,
        help_text=_("Reservada y confidencial nunca se muestran al público."),
    )
    fundamento_legal = models.TextField(
        _("fundamento legal"),
        blank=True,
        help_text=_("Obligatorio para información reservada o confidencial."),
    )
    reservado_hasta = models.DateField(
        _("reservado hasta"),
        null=True,
        blank=True,
        help_text=_("Fecha en que termina la reserva."),
    )
    personas_autorizadas = models.ManyToManyField(
        Persona,
        blank=True,
        related_name="anexos_confidenciales",
        verbose_name=_("personas autorizadas"),
        help_text=_("Solo para confidenciales: integrantes que sí pueden verlo."),
    )
    version_publica_de = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="versiones_publicas",
        verbose_name=_("versión pública de"),
        help_text=_("Si este archivo es la versión pública de otro anexo."),
    )
    subido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subido por"),
    )
    subido = models.DateTimeField(_("subido"), auto_now_add=True)

    class Meta:
        verbose_name = _("anexo")
        verbose_name_plural = _("anexos")
        ordering = ["punto", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(clasificacion="publica") | ~Q(fundamento_legal=""),
                name="anexo_fundamento_si_no_publico",
                violation_error_message=_(
                    "La información reservada o confidencial requiere fundamento legal."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.titulo

    @property
    def sesion(self) -> Sesion:
        return self.punto.sesion


class DescargaAnexo(models.Model):
    """Registro de cada descarga de un anexo reservado o confidencial."""

    anexo = models.ForeignKey(Anexo, on_delete=models.CASCADE, related_name="descargas")
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    fecha = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("descarga de anexo")
        verbose_name_plural = _("descargas de anexos")
        ordering = ["-fecha"]

    def __str__(self) -> str:
        return f"{self.anexo} — {self.usuario} ({self.fecha:%Y-%m-%d %H:%M})"


class EstadoAsistencia(models.TextChoices):
    PRESENTE = "presente", _("Presente")
    SUPLENTE = "suplente", _("Representado por suplente")
    AUSENTE = "ausente", _("Ausente")
    JUSTIFICADA = "justificada", _("Ausencia justificada")


# Quien cuenta para el quórum si tiene voto.
ESTADOS_PRESENTES = (EstadoAsistencia.PRESENTE, EstadoAsistencia.SUPLENTE)


class Asistencia(models.Model):
    """Asistencia de un integrante a una sesión."""

    sesion = models.ForeignKey(
        Sesion, on_delete=models.CASCADE, related_name="asistencias", verbose_name=_("sesión")
    )
    integrante = models.ForeignKey(
        Integrante,
        on_delete=models.PROTECT,
        related_name="asistencias",
        verbose_name=_("integrante"),
    )
    estado = models.CharField(
        _("asistencia"),
        max_length=20,
        choices=EstadoAsistencia.choices,
        default=EstadoAsistencia.AUSENTE,
    )
    hora_llegada = models.TimeField(_("hora de llegada"), null=True, blank=True)
    nota = models.CharField(_("nota"), max_length=300, blank=True)
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actualizada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("asistencia")
        verbose_name_plural = _("asistencias")
        ordering = ["sesion", "integrante__orden", "integrante__pk"]
        constraints = [
            models.UniqueConstraint(fields=["sesion", "integrante"], name="asistencia_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.integrante.persona}: {self.get_estado_display()}"

    @property
    def presente(self) -> bool:
        return self.estado in ESTADOS_PRESENTES


class Invitado(models.Model):
    """Persona invitada a una sesión: participa con voz y sin voto."""

    sesion = models.ForeignKey(
        Sesion, on_delete=models.CASCADE, related_name="invitados", verbose_name=_("sesión")
    )
    persona = models.ForeignKey(
        Persona, on_delete=models.PROTECT, related_name="invitaciones", verbose_name=_("persona")
    )
    motivo = models.CharField(
        _("motivo"),
        max_length=300,
        blank=True,
        help_text=_("Para qué se le invita, p. ej. «presentar el punto 4»."),
    )
    asistio = models.BooleanField(_("asistió"), default=False)
    hora_llegada = models.TimeField(_("hora de llegada"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitado")
        verbose_name_plural = _("invitados")
        ordering = ["sesion", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sesion", "persona"], name="invitado_unico"),
        ]

    def __str__(self) -> str:
        return str(self.persona)

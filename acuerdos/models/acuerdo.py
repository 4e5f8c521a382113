"""Acuerdos, su ciclo de vida, sus versiones de texto, su historia y su publicación."""

import datetime
import unicodedata
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acuerdos import flujo
from acuerdos.flujo import EstadoAcuerdo
from comun import habiles
from sesiones.models import OrganoColegiado, Persona, PuntoOrden, Sesion


def normalizar_busqueda(texto: str) -> str:
    """Minúsculas y sin acentos: la búsqueda se comporta igual en SQLite y en PostgreSQL."""
    descompuesto = unicodedata.normalize("NFKD", texto or "")
    sin_marcas = "".join(c for c in descompuesto if not unicodedata.combining(c))
    return " ".join(sin_marcas.lower().split())


class TipoAcuerdo(models.TextChoices):
    APROBACION = "aprobacion", _("Aprobación")
    INSTRUCCION = "instruccion", _("Instrucción")
    TOMA_CONOCIMIENTO = "toma_conocimiento", _("Toma de conocimiento")
    RECOMENDACION = "recomendacion", _("Recomendación")
    DESIGNACION = "designacion", _("Designación")
    OTRO = "otro", _("Otro")


class RequierePublicacion(models.TextChoices):
    NINGUNA = "ninguna", _("No requiere procedimiento de publicación")
    WEB = "web", _("Página electrónica")
    PERIODICO = "periodico", _("Periódico Oficial")
    AMBOS = "ambos", _("Página electrónica y Periódico Oficial")


class MedioPublicacion(models.TextChoices):
    WEB = "web", _("Página electrónica")
    PERIODICO = "periodico_oficial", _("Periódico Oficial del Estado")


MEDIOS_REQUERIDOS = {
    RequierePublicacion.NINGUNA: (),
    RequierePublicacion.WEB: (MedioPublicacion.WEB,),
    RequierePublicacion.PERIODICO: (MedioPublicacion.PERIODICO,),
    RequierePublicacion.AMBOS: (MedioPublicacion.WEB, MedioPublicacion.PERIODICO),
}


class EstadoEnlace(models.TextChoices):
    SIN_REVISAR = "sin_revisar", _("Sin revisar")
    OK = "ok", _("Responde y menciona la clave")
    ROTO = "roto", _("No responde")
    SIN_CLAVE = "sin_clave", _("Responde pero no menciona la clave")


class Responsable(models.Model):
    """Institución integrante o área interna que debe cumplir acuerdos; recibe el resumen diario."""

    nombre = models.CharField(
        _("nombre"),
        max_length=300,
        unique=True,
        help_text=_("Institución o área, p. ej. «Unidad de Apoyo Administrativo»."),
    )
    es_area_interna = models.BooleanField(
        _("área interna"),
        default=False,
        help_text=_(
            "Marcado: área de la Secretaría Ejecutiva; desmarcado: institución integrante."
        ),
    )
    persona = models.ForeignKey(
        Persona,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsabilidades",
        verbose_name=_("persona de contacto"),
    )
    correo = models.EmailField(
        _("correo para avisos"),
        blank=True,
        help_text=_("A esta dirección llega un solo resumen diario de lo pendiente."),
    )
    activo = models.BooleanField(_("activo"), default=True)

    class Meta:
        verbose_name = _("responsable")
        verbose_name_plural = _("responsables")
        ordering = ["nombre"]

    def __str__(self) -> str:
        return self.nombre

    @property
    def correo_aviso(self) -> str:
        return self.correo or (self.persona.correo if self.persona is not None else "")


# Vencimiento: se calcula al leer, con la fecha de hoy; nada lo guarda ni lo tiene que refrescar.


def dias_por_vencer() -> int:
    return getattr(settings, "ACUERDOS_DIAS_POR_VENCER", 5)


def limite_por_vencer(hoy: datetime.date) -> datetime.date:
    """Último día que cuenta como «por vencer»: N días hábiles después de hoy."""
    return habiles.sumar_dias_habiles(hoy, dias_por_vencer())


def q_vencido(hoy: datetime.date) -> Q:
    """Pendiente de cumplir con la fecha límite ya pasada."""
    return Q(estado__in=flujo.ESTADOS_PENDIENTES, fecha_limite__lt=hoy)


def q_por_vencer(hoy: datetime.date) -> Q:
    """Pendiente de cumplir y vence de hoy a N días hábiles."""
    return Q(
        estado__in=flujo.ESTADOS_PENDIENTES,
        fecha_limite__gte=hoy,
        fecha_limite__lte=limite_por_vencer(hoy),
    )


def _si(condicion: Q) -> Case:
    return Case(
        When(condicion, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


class AcuerdoQuerySet(models.QuerySet):
    """Los filtros usan las condiciones tal cual (aprovechan el índice de pendientes por fecha
    límite); `con_vencimiento` las anota para mostrar y ordenar."""

    def con_vencimiento(self, hoy: datetime.date | None = None) -> "AcuerdoQuerySet":
        hoy = hoy or timezone.localdate()
        return self.annotate(vencido=_si(q_vencido(hoy)), por_vencer=_si(q_por_vencer(hoy)))

    def vencidos(self, hoy: datetime.date | None = None) -> "AcuerdoQuerySet":
        return self.filter(q_vencido(hoy or timezone.localdate()))

    def por_vencer(self, hoy: datetime.date | None = None) -> "AcuerdoQuerySet":
        return self.filter(q_por_vencer(hoy or timezone.localdate()))

    def vencidos_o_por_vencer(self, hoy: datetime.date | None = None) -> "AcuerdoQuerySet":
        hoy = hoy or timezone.localdate()
        return self.filter(q_vencido(hoy) | q_por_vencer(hoy))


class Acuerdo(models.Model):
    """Un acuerdo tomado en una sesión; su número se asigna al crearlo y nunca se reutiliza."""

    organo = models.ForeignKey(
        OrganoColegiado,
        on_delete=models.PROTECT,
        related_name="acuerdos",
        verbose_name=_("órgano"),
        editable=False,
    )
    sesion = models.ForeignKey(
        Sesion, on_delete=models.PROTECT, related_name="acuerdos", verbose_name=_("sesión")
    )
    punto = models.ForeignKey(
        PuntoOrden,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acuerdos",
        verbose_name=_("punto del orden del día"),
    )
    anio = models.PositiveSmallIntegerField(
        _("año"),
        editable=False,
        help_text=_("Año calendario de la sesión; la numeración reinicia."),
    )
    numero = models.PositiveIntegerField(
        _("número"), editable=False, help_text=_("Consecutivo del órgano en el año.")
    )
    clave = models.CharField(
        _("clave"),
        max_length=80,
        editable=False,
        help_text=_("Según el patrón del órgano, p. ej. «CE/SO-01/003/2022»."),
    )
    tipo = models.CharField(
        _("tipo"), max_length=30, choices=TipoAcuerdo.choices, default=TipoAcuerdo.APROBACION
    )
    texto = models.TextField(
        _("texto vigente"),
        max_length=20000,
        help_text=_("Copia de la última versión; las correcciones crean una versión nueva."),
    )
    responsable = models.ForeignKey(
        Responsable,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="acuerdos",
        verbose_name=_("responsable"),
    )
    plazo_dias_habiles = models.PositiveSmallIntegerField(
        _("plazo en días hábiles"),
        null=True,
        blank=True,
        help_text=_("Contados desde la fecha de la sesión. Alternativa a la fecha límite."),
    )
    fecha_limite = models.DateField(
        _("fecha límite"),
        null=True,
        blank=True,
        help_text=_("Fecha para cumplir; se calcula si se dio el plazo en días hábiles."),
    )
    publicacion = models.CharField(
        _("publicación requerida"),
        max_length=20,
        choices=RequierePublicacion.choices,
        default=RequierePublicacion.NINGUNA,
    )
    estado = models.CharField(
        _("estado"),
        max_length=20,
        choices=EstadoAcuerdo.choices,
        default=EstadoAcuerdo.PROYECTO,
        editable=False,
    )
    enlace_estado = models.CharField(
        _("estado del enlace"),
        max_length=20,
        choices=EstadoEnlace.choices,
        default=EstadoEnlace.SIN_REVISAR,
        editable=False,
    )
    enlace_motivo = models.CharField(_("resultado de la revisión"), max_length=300, blank=True)
    enlace_revisado = models.DateTimeField(_("enlace revisado"), null=True, blank=True)
    requiere_revision = models.BooleanField(
        _("requiere revisión"),
        default=False,
        help_text=_("El enlace publicado dejó de responder o ya no menciona la clave."),
    )
    texto_busqueda = models.TextField(editable=False, blank=True, default="")
    # Copia de sesion.fecha_hora: el portal ordena y filtra por ella sin unir con la sesión.
    fecha_sesion = models.DateTimeField(_("fecha de la sesión"), null=True, editable=False)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    creado = models.DateTimeField(_("creado"), default=timezone.now)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)
    version = models.PositiveIntegerField(
        _("versión de edición"),
        default=1,
        editable=False,
        help_text=_("Sube con cada edición; un formulario con una versión anterior se rechaza."),
    )

    objects = AcuerdoQuerySet.as_manager()

    # Lo que trae `con_vencimiento()` (calculado por la base); sin él, las propiedades calculan.
    _vencido: bool | None = None
    _por_vencer: bool | None = None

    class Meta:
        verbose_name = _("acuerdo")
        verbose_name_plural = _("acuerdos")
        ordering = ["-anio", "organo", "-numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["organo", "anio", "numero"],
                name="acuerdo_numero_unico",
                violation_error_message=_("Ese número de acuerdo ya está asignado."),
            ),
            models.CheckConstraint(
                condition=Q(numero__gte=1),
                name="acuerdo_numero_positivo",
            ),
        ]
        indexes = [
            models.Index(fields=["estado", "fecha_limite"]),
            models.Index(fields=["organo", "anio"]),
            # Vencidos y por vencer: pendientes por fecha límite, ya en el orden del tablero.
            models.Index(
                fields=["fecha_limite"],
                condition=Q(estado__in=flujo.ESTADOS_PENDIENTES),
                name="acuerdo_pendiente_limite_idx",
            ),
            models.Index(fields=["responsable", "estado"]),
            # Portal público: filtro por estado (y órgano o año) en el orden de la lista.
            models.Index(
                fields=["estado", "-fecha_sesion", "-numero", "-id"], name="acuerdo_pub_fecha_idx"
            ),
            models.Index(
                fields=["estado", "organo", "-fecha_sesion", "-numero", "-id"],
                name="acuerdo_pub_organo_idx",
            ),
            models.Index(
                fields=["estado", "anio", "-fecha_sesion", "-numero", "-id"],
                name="acuerdo_pub_anio_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.clave

    def save(self, *args, **kwargs):
        self.texto_busqueda = normalizar_busqueda(f"{self.clave} {self.texto}")
        if self.fecha_sesion is None and self.sesion_id:
            self.fecha_sesion = self.sesion.fecha_hora
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and ("texto" in update_fields or "clave" in update_fields):
            kwargs["update_fields"] = {*update_fields, "texto_busqueda"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("acuerdos:detalle", args=[self.pk])

    def refresh_from_db(self, *args, **kwargs):
        # Lo anotado por `con_vencimiento()` correspondía a los datos de antes.
        self._vencido = self._por_vencer = None
        super().refresh_from_db(*args, **kwargs)

    @staticmethod
    def sincronizar_fecha_sesion(sender, instance, created=False, update_fields=None, **kwargs):
        """Si la sesión cambia de fecha, la copia en sus acuerdos la sigue (una consulta)."""
        if created or (update_fields is not None and "fecha_hora" not in update_fields):
            return
        Acuerdo.objects.filter(sesion=instance).exclude(fecha_sesion=instance.fecha_hora).update(
            fecha_sesion=instance.fecha_hora
        )

    @property
    def transiciones_posibles(self) -> tuple[str, ...]:
        return flujo.TRANSICIONES_ACUERDO[self.estado]

    def puede(self, capacidad: str) -> bool:
        """¿Lo permite el estado actual? (flujo.py); el rol de quien lo hace lo revisa el servicio."""
        return flujo.puede(self.estado, capacidad)

    @property
    def capacidades(self) -> frozenset[str]:
        """Para las plantillas, que no pasan argumentos: `{% if "votar" in a.capacidades %}`."""
        return flujo.capacidades(self.estado)

    @property
    def ofrece_registrar_publicacion(self) -> bool:
        """Mientras falta publicar; ya publicado, solo si el enlace publicado dejó de servir."""
        if not self.medios_requeridos or not self.puede(flujo.REGISTRAR_PUBLICACION):
            return False
        return self.requiere_revision or self.puede(flujo.CAMBIAR_ESTADO)

    @property
    def medios_requeridos(self) -> tuple[str, ...]:
        return MEDIOS_REQUERIDOS[RequierePublicacion(self.publicacion)]

    @property
    def pendiente_publicacion(self) -> bool:
        return self.estado == EstadoAcuerdo.CUMPLIDO and bool(self.medios_requeridos)

    @property
    def vencido(self) -> bool:
        """Pendiente con la fecha límite ya pasada, hoy."""
        if self._vencido is not None:
            return self._vencido
        limite = self.fecha_limite
        if limite is None or not self._pendiente_con_limite():
            return False
        return limite < timezone.localdate()

    @vencido.setter
    def vencido(self, valor: bool) -> None:
        self._vencido = bool(valor)

    @property
    def por_vencer(self) -> bool:
        """Pendiente y vence de hoy a N días hábiles (ACUERDOS_DIAS_POR_VENCER)."""
        if self._por_vencer is not None:
            return self._por_vencer
        limite = self.fecha_limite
        if limite is None or not self._pendiente_con_limite():
            return False
        hoy = timezone.localdate()
        return hoy <= limite <= limite_por_vencer(hoy)

    @por_vencer.setter
    def por_vencer(self, valor: bool) -> None:
        self._por_vencer = bool(valor)

    def _pendiente_con_limite(self) -> bool:
        return self.fecha_limite is not None and self.estado in flujo.ESTADOS_PENDIENTES

    @property
    def dias_vencido(self) -> int:
        if not self.fecha_limite or self.estado not in flujo.ESTADOS_PENDIENTES:
            return 0
        return max((timezone.localdate() - self.fecha_limite).days, 0)


models.signals.post_save.connect(
    Acuerdo.sincronizar_fecha_sesion, sender=Sesion, dispatch_uid="acuerdo_fecha_sesion"
)


class VersionTextoAcuerdo(models.Model):
    """El texto aprobado nunca se edita en su lugar: cada corrección es una versión con motivo."""

    acuerdo = models.ForeignKey(Acuerdo, on_delete=models.CASCADE, related_name="versiones")
    version = models.PositiveSmallIntegerField(_("versión"))
    texto = models.TextField(_("texto"), max_length=20000)
    motivo = models.TextField(_("motivo"), blank=True)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("versión del texto")
        verbose_name_plural = _("versiones del texto")
        ordering = ["acuerdo", "version"]
        constraints = [
            models.UniqueConstraint(fields=["acuerdo", "version"], name="version_acuerdo_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.acuerdo} v{self.version}"


def ruta_evidencia(instance, filename: str) -> str:
    # El nombre original no llega al disco; se guarda aparte para la descarga.
    extension = Path(filename).suffix.lower()[:10]
    return f"acuerdos/evidencias/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class CambioEstadoAcuerdo(models.Model):
    """Historia de estados: quién, cuándo, de qué a qué, nota y evidencia. Nunca se edita."""

    acuerdo = models.ForeignKey(Acuerdo, on_delete=models.CASCADE, related_name="cambios")
    estado_anterior = models.CharField(
        _("estado anterior"), max_length=20, choices=EstadoAcuerdo.choices, blank=True
    )
    estado_nuevo = models.CharField(_("estado nuevo"), max_length=20, choices=EstadoAcuerdo.choices)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)
    nota = models.TextField(_("nota"), blank=True)
    evidencia_url = models.URLField(_("URL de evidencia"), max_length=500, blank=True)
    evidencia_archivo = models.FileField(
        _("archivo de evidencia"), upload_to=ruta_evidencia, blank=True, max_length=200
    )
    evidencia_nombre = models.CharField(_("nombre del archivo"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("cambio de estado de acuerdo")
        verbose_name_plural = _("cambios de estado de acuerdos")
        ordering = ["fecha", "pk"]

    def __str__(self) -> str:
        return f"{self.acuerdo}: {self.estado_anterior or '—'} → {self.estado_nuevo}"


class AvanceAcuerdo(models.Model):
    """Nota de avance con su evidencia, sin cambio de estado."""

    acuerdo = models.ForeignKey(Acuerdo, on_delete=models.CASCADE, related_name="avances")
    nota = models.TextField(_("avance"), max_length=5000)
    evidencia_url = models.URLField(_("URL de evidencia"), max_length=500, blank=True)
    evidencia_archivo = models.FileField(
        _("archivo de evidencia"), upload_to=ruta_evidencia, blank=True, max_length=200
    )
    evidencia_nombre = models.CharField(_("nombre del archivo"), max_length=255, blank=True)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("avance")
        verbose_name_plural = _("avances")
        ordering = ["fecha", "pk"]

    def __str__(self) -> str:
        return f"{self.acuerdo}: {self.nota[:60]}"


class Publicacion(models.Model):
    """Evidencia de publicación en un medio; publicado exige una por cada medio requerido."""

    acuerdo = models.ForeignKey(Acuerdo, on_delete=models.CASCADE, related_name="publicaciones")
    medio = models.CharField(_("medio"), max_length=20, choices=MedioPublicacion.choices)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    fecha = models.DateField(_("fecha de publicación"))
    numero_periodico = models.CharField(
        _("número del Periódico Oficial"), max_length=40, blank=True, help_text=_("P. ej. «215».")
    )
    tomo_seccion = models.CharField(
        _("tomo / sección"),
        max_length=80,
        blank=True,
        help_text=_("P. ej. «Tomo III, 2.ª sección»."),
    )
    numero_publicacion = models.CharField(
        _("número de publicación"),
        max_length=80,
        blank=True,
        help_text=_("P. ej. «Publicación No. 1234-A-2022»."),
    )
    archivo = models.FileField(_("archivo"), upload_to=ruta_evidencia, blank=True, max_length=200)
    archivo_nombre = models.CharField(_("nombre del archivo"), max_length=255, blank=True)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registrada = models.DateTimeField(_("registrada"), default=timezone.now)

    class Meta:
        verbose_name = _("publicación")
        verbose_name_plural = _("publicaciones")
        ordering = ["acuerdo", "medio", "fecha"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(medio="web") | ~Q(url=""),
                name="publicacion_web_con_url",
                violation_error_message=_("La publicación en la página electrónica requiere URL."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.acuerdo} — {self.get_medio_display()} ({self.fecha:%d/%m/%Y})"

"""Documentos generados desde plantillas Word: institución, plantillas, lotes y versiones."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sesiones.models import Integrante, OrganoColegiado, Persona, Sesion


class TipoDocumento(models.TextChoices):
    CONVOCATORIA = "convocatoria", _("Convocatoria")
    INVITACION = "invitacion", _("Invitación")
    ORDEN_DEL_DIA = "orden_del_dia", _("Orden del día")
    LISTA_ASISTENCIA = "lista_asistencia", _("Lista de asistencia")
    ACTA = "acta", _("Acta")
    CERTIFICACION = "certificacion", _("Certificación")
    CERTIFICACION_ACUERDO = "certificacion_acuerdo", _("Certificación de acuerdo")


class TipoLote(models.TextChoices):
    CONVOCATORIAS_INVITACIONES = "convocatorias_invitaciones", _("Convocatorias e invitaciones")
    CONVOCATORIAS = "convocatorias", _("Convocatorias")
    INVITACIONES = "invitaciones", _("Invitaciones")
    ORDEN_DEL_DIA = "orden_del_dia", _("Orden del día")
    LISTA_ASISTENCIA = "lista_asistencia", _("Lista de asistencia")
    ACTA = "acta", _("Acta")
    CERTIFICACION = "certificacion", _("Certificación del acta")


# Qué tipos de documento produce cada lote, en este orden.
DOCUMENTOS_POR_LOTE: dict[str, tuple[str, ...]] = {
    TipoLote.CONVOCATORIAS_INVITACIONES: (TipoDocumento.CONVOCATORIA, TipoDocumento.INVITACION),
    TipoLote.CONVOCATORIAS: (TipoDocumento.CONVOCATORIA,),
    TipoLote.INVITACIONES: (TipoDocumento.INVITACION,),
    TipoLote.ORDEN_DEL_DIA: (TipoDocumento.ORDEN_DEL_DIA,),
    TipoLote.LISTA_ASISTENCIA: (TipoDocumento.LISTA_ASISTENCIA,),
    TipoLote.ACTA: (TipoDocumento.ACTA,),
    TipoLote.CERTIFICACION: (TipoDocumento.CERTIFICACION,),
}

# Documentos que son oficios y llevan número consecutivo.
TIPOS_CON_OFICIO = (
    TipoDocumento.CONVOCATORIA,
    TipoDocumento.INVITACION,
    TipoDocumento.CERTIFICACION,
    TipoDocumento.CERTIFICACION_ACUERDO,
)


class Institucion(models.Model):
    """Datos de la institución que emite los documentos; un solo registro, editable en el admin."""

    nombre = models.CharField(
        _("nombre"),
        max_length=300,
        default="Secretaría Ejecutiva del Sistema Anticorrupción del Estado de Chiapas",
    )
    siglas = models.CharField(_("siglas"), max_length=30, default="SESAECH")
    area = models.CharField(
        _("área emisora"),
        max_length=200,
        default="Dirección Jurídica",
        help_text=_("Área que firma y numera los oficios."),
    )
    siglas_area = models.CharField(_("siglas del área"), max_length=20, default="DJ")
    ciudad = models.CharField(_("ciudad"), max_length=120, default="Tuxtla Gutiérrez, Chiapas")
    lema = models.CharField(
        _("lema"),
        max_length=300,
        blank=True,
        default="“Por un Chiapas sin corrupción”",
        help_text=_("Se imprime al pie de cada documento."),
    )
    membrete = models.ImageField(
        _("imagen de membrete"),
        upload_to="institucion/",
        blank=True,
        help_text=_("PNG o JPG; se coloca en la parte superior de cada documento."),
    )
    patron_oficio = models.CharField(
        _("patrón del número de oficio"),
        max_length=120,
        default="{siglas}/{area}/{numero:04d}/{anio}",
        help_text=_(
            "Variables: {siglas}, {area}, {numero}, {anio}. "
            "Ejemplo: «{siglas}/{area}/{numero:04d}/{anio}» da «SESAECH/DJ/0012/2022»."
        ),
    )
    consulta_anexos = models.CharField(
        _("dónde consultar los anexos"),
        max_length=500,
        blank=True,
        default="el portal de integrantes del sistema Sesiones",
        help_text=_("Texto que completa «Los anexos pueden consultarse en …»."),
    )
    firmante_nombre = models.CharField(
        _("firmante por omisión"),
        max_length=200,
        blank=True,
        help_text=_("Se usa cuando el órgano no tiene firmante propio."),
    )
    firmante_cargo = models.CharField(
        _("cargo del firmante por omisión"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("institución")
        verbose_name_plural = _("institución")

    def __str__(self) -> str:
        return self.nombre

    @classmethod
    def actual(cls) -> "Institucion":
        institucion = cls.objects.order_by("pk").first()
        if institucion is None:
            institucion = cls.objects.create()
        return institucion

    def numero_oficio(self, *, numero: int, anio: int) -> str:
        return self.patron_oficio.format(
            siglas=self.siglas, area=self.siglas_area, numero=numero, anio=anio
        )


class ConfiguracionDocumentosOrgano(models.Model):
    """Quién firma las convocatorias de un órgano (por lo común, su Secretaría Técnica)."""

    organo = models.OneToOneField(
        OrganoColegiado,
        on_delete=models.CASCADE,
        related_name="configuracion_documentos",
        verbose_name=_("órgano"),
    )
    firmante_nombre = models.CharField(_("nombre del firmante"), max_length=200, blank=True)
    firmante_cargo = models.CharField(_("cargo del firmante"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("configuración de documentos del órgano")
        verbose_name_plural = _("configuración de documentos por órgano")

    def __str__(self) -> str:
        return str(self.organo)


class ConsecutivoOficio(models.Model):
    """Último número de oficio usado por área y año; se incrementa con bloqueo de fila."""

    area = models.CharField(_("área"), max_length=20)
    anio = models.PositiveSmallIntegerField(_("año"))
    ultimo = models.PositiveIntegerField(_("último número"), default=0)

    class Meta:
        verbose_name = _("consecutivo de oficios")
        verbose_name_plural = _("consecutivos de oficios")
        constraints = [
            models.UniqueConstraint(fields=["area", "anio"], name="consecutivo_oficio_unico"),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.anio}: {self.ultimo}"


def ruta_plantilla(instance: "PlantillaDocumento", filename: str) -> str:
    return f"plantillas/{instance.tipo}/{uuid.uuid4().hex}.docx"


class EstadoPlantilla(models.TextChoices):
    VALIDANDO = "validando", _("En validación")
    VALIDA = "valida", _("Válida")
    RECHAZADA = "rechazada", _("Rechazada")


class PlantillaDocumento(models.Model):
    """Una versión de la plantilla Word de un tipo de documento; solo una está activa."""

    tipo = models.CharField(_("tipo"), max_length=30, choices=TipoDocumento.choices)
    version = models.PositiveIntegerField(_("versión"))
    archivo = models.FileField(_("archivo"), upload_to=ruta_plantilla, max_length=200)
    nombre_original = models.CharField(_("nombre original"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    activa = models.BooleanField(_("activa"), default=False)
    subida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subida por"),
    )
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)
    notas = models.CharField(_("notas"), max_length=500, blank=True)
    estado = models.CharField(
        _("estado"),
        max_length=20,
        choices=EstadoPlantilla.choices,
        default=EstadoPlantilla.VALIDA,
        editable=False,
        help_text=_("Una plantilla subida se valida en segundo plano antes de poder activarse."),
    )
    motivo_rechazo = models.TextField(_("motivo del rechazo"), blank=True, editable=False)

    class Meta:
        verbose_name = _("plantilla de documento")
        verbose_name_plural = _("plantillas de documentos")
        ordering = ["tipo", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["tipo", "version"], name="plantilla_version_unica"),
            models.UniqueConstraint(
                fields=["tipo"], condition=Q(activa=True), name="plantilla_una_activa"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_tipo_display()} v{self.version}"


class EstadoLote(models.TextChoices):
    PENDIENTE = "pendiente", _("Pendiente")
    EN_PROCESO = "en_proceso", _("En proceso")
    TERMINADO = "terminado", _("Terminado")
    FALLIDO = "fallido", _("Fallido")


def ruta_zip(instance: "LoteDocumentos", filename: str) -> str:
    return f"documentos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.zip"


class LoteDocumentos(models.Model):
    """Un trabajo de generación: avance, error y reintentos. Nunca deja un juego a medias."""

    sesion = models.ForeignKey(
        Sesion, on_delete=models.CASCADE, related_name="lotes_documentos", verbose_name=_("sesión")
    )
    tipo = models.CharField(_("tipo"), max_length=30, choices=TipoLote.choices)
    estado = models.CharField(
        _("estado"), max_length=20, choices=EstadoLote.choices, default=EstadoLote.PENDIENTE
    )
    total = models.PositiveIntegerField(_("total"), default=0)
    hechos = models.PositiveIntegerField(_("hechos"), default=0)
    error = models.TextField(_("error"), blank=True)
    intentos = models.PositiveSmallIntegerField(_("intentos"), default=0)
    oficios_reservados = models.JSONField(
        _("oficios reservados"),
        default=dict,
        blank=True,
        help_text=_("Números ya asignados por destinatario; un reintento los reutiliza."),
    )
    solicitado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("solicitado por"),
    )
    creado = models.DateTimeField(_("creado"), default=timezone.now)
    iniciado = models.DateTimeField(_("iniciado"), null=True, blank=True)
    terminado = models.DateTimeField(_("terminado"), null=True, blank=True)
    zip = models.FileField(_("ZIP"), upload_to=ruta_zip, blank=True, max_length=200)

    class Meta:
        verbose_name = _("lote de documentos")
        verbose_name_plural = _("lotes de documentos")
        ordering = ["-creado", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_tipo_display()} — {self.sesion}"

    @property
    def activo(self) -> bool:
        return self.estado in (EstadoLote.PENDIENTE, EstadoLote.EN_PROCESO)

    @property
    def porcentaje(self) -> int:
        return int(self.hechos * 100 / self.total) if self.total else 0


class EstadoDocumento(models.TextChoices):
    BORRADOR = "borrador", _("Borrador")
    ENVIADO = "enviado", _("Enviado")
    FIRMADO = "firmado", _("Firmado")


def ruta_documento(instance: "DocumentoGenerado", filename: str) -> str:
    extension = Path(filename).suffix.lower()[:6]
    return f"documentos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class DocumentoGenerado(models.Model):
    """Una versión de un documento; la anterior se conserva y un documento enviado no se toca."""

    tipo = models.CharField(_("tipo"), max_length=30, choices=TipoDocumento.choices)
    sesion = models.ForeignKey(
        Sesion, on_delete=models.CASCADE, related_name="documentos", verbose_name=_("sesión")
    )
    lote = models.ForeignKey(
        LoteDocumentos,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documentos",
        verbose_name=_("lote"),
    )
    destinatario = models.ForeignKey(
        Persona,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documentos",
        verbose_name=_("destinatario"),
    )
    # Clave estable del destinatario ("" para documentos de la sesión) para restricciones únicas.
    clave_destinatario = models.CharField(max_length=20, blank=True, editable=False)
    # Objeto de otra aplicación al que se refiere el documento («acuerdo:15»), sin importarla.
    referencia = models.CharField(
        _("referencia"),
        max_length=80,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Objeto del documento, p. ej. «acuerdo:15»; vacío si es de la sesión."),
    )
    version = models.PositiveIntegerField(_("versión"))
    plantilla = models.ForeignKey(
        PlantillaDocumento,
        on_delete=models.PROTECT,
        related_name="documentos",
        verbose_name=_("plantilla"),
    )
    archivo = models.FileField(_("archivo DOCX"), upload_to=ruta_documento, max_length=200)
    pdf = models.FileField(_("archivo PDF"), upload_to=ruta_documento, blank=True, max_length=200)
    nombre_descarga = models.CharField(_("nombre de descarga"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    numero_oficio = models.CharField(_("número de oficio"), max_length=80, blank=True)
    generado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("generado por"),
    )
    generado = models.DateTimeField(_("generado"), default=timezone.now)
    estado = models.CharField(
        _("estado"),
        max_length=20,
        choices=EstadoDocumento.choices,
        default=EstadoDocumento.BORRADOR,
    )
    vigente = models.BooleanField(_("vigente"), default=True)

    class Meta:
        verbose_name = _("documento generado")
        verbose_name_plural = _("documentos generados")
        ordering = ["sesion", "tipo", "destinatario__nombre", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["sesion", "tipo", "clave_destinatario", "version"],
                name="documento_version_unica",
            ),
            models.UniqueConstraint(
                fields=["sesion", "tipo", "clave_destinatario"],
                condition=Q(vigente=True),
                name="documento_un_vigente",
            ),
        ]

    def __str__(self) -> str:
        destinatario = f" — {self.destinatario}" if self.destinatario_id else ""
        return f"{self.get_tipo_display()}{destinatario} v{self.version}"

    @property
    def editable(self) -> bool:
        return self.estado == EstadoDocumento.BORRADOR


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
        return gettext("%(persona)s firmó el %(fecha)s") % {
            "persona": self.integrante.persona,
            "fecha": f"{self.firmado_en:%d/%m/%Y}",
        }


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
        return gettext("Acta firmada — %(sesion)s") % {"sesion": self.sesion}

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

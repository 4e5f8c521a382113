"""Escrituras de documentos: plantillas, números de oficio, lotes y estados de documentos."""

import hashlib
import io
import logging
import tempfile
import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from bitacora.services import bitacora_registrar
from comun import numeracion
from comun.roles import es_juridico, exige_rol
from comun.tareas import encolar_al_confirmar, reclamo_vencido_desde
from documentos import contexto as ctx
from documentos import pdf, registro, render
from documentos.models import (
    DOCUMENTOS_POR_LOTE,
    TIPOS_CON_OFICIO,
    ActaFirmada,
    ConsecutivoOficio,
    DocumentoGenerado,
    EstadoDocumento,
    EstadoLote,
    EstadoPlantilla,
    Institucion,
    LoteDocumentos,
    PlantillaDocumento,
    TipoDocumento,
)
from sesiones.exceptions import DatosInvalidos, ErrorSesiones, TransicionNoPermitida
from sesiones.models import Sesion

logger = logging.getLogger(__name__)

DIRECTORIO_PLANTILLAS = Path(settings.BASE_DIR) / "docx_templates"


class DocumentosIncompletos(ErrorSesiones):
    """Faltan datos para generar; `faltantes` los enumera en español."""

    def __init__(self, faltantes: list[str]):
        super().__init__(
            _("Faltan datos para generar los documentos: %(faltantes)s")
            % {"faltantes": " ".join(faltantes)}
        )
        self.faltantes = faltantes


class PlantillaInvalida(ErrorSesiones):
    pass


# Transiciones de un documento: lo enviado o firmado ya no vuelve a borrador.
TRANSICIONES_DOCUMENTO = {
    EstadoDocumento.BORRADOR: (EstadoDocumento.ENVIADO, EstadoDocumento.FIRMADO),
    EstadoDocumento.ENVIADO: (EstadoDocumento.FIRMADO,),
    EstadoDocumento.FIRMADO: (),
}


def _sha256(contenido: bytes) -> str:
    return hashlib.sha256(contenido).hexdigest()


# --- Plantillas -------------------------------------------------------------------------


def plantilla_activa(*, tipo: str) -> PlantillaDocumento:
    """La versión activa; si nunca se subió una, registra la de docx_templates/ como versión 1."""
    plantilla = PlantillaDocumento.objects.filter(tipo=tipo, activa=True).first()
    if plantilla:
        return plantilla
    ruta = DIRECTORIO_PLANTILLAS / f"{tipo}.docx"
    contenido = ruta.read_bytes()
    try:
        with transaction.atomic():
            versiones = PlantillaDocumento.objects.filter(tipo=tipo)
            # Hay versiones pero ninguna activa: se reactiva la válida más reciente (nunca una
            # rechazada o sin revisar).
            ultima = versiones.filter(estado=EstadoPlantilla.VALIDA).order_by("-version").first()
            if ultima:
                PlantillaDocumento.objects.filter(pk=ultima.pk).update(activa=True)
                ultima.activa = True
                return ultima
            version = (versiones.aggregate(m=Max("version"))["m"] or 0) + 1
            plantilla = PlantillaDocumento(
                tipo=tipo,
                version=version,
                activa=True,
                estado=EstadoPlantilla.VALIDA,
                nombre_original=ruta.name,
                sha256=_sha256(contenido),
                notas=_("Plantilla por omisión del sistema."),
            )
            plantilla.archivo.save(ruta.name, ContentFile(contenido), save=False)
            plantilla.save()
            return plantilla
    except IntegrityError:
        # Otro proceso la registró al mismo tiempo.
        return PlantillaDocumento.objects.get(tipo=tipo, activa=True)


def _revisar_archivo(*, tipo: str, contenido: bytes) -> None:
    """Revisiones baratas, aptas para la petición web: no descomprimen ni interpretan nada."""
    if tipo not in TipoDocumento.values:
        raise PlantillaInvalida(_("Tipo de documento desconocido."))
    limite = settings.SESIONES_MAX_UPLOAD_MB * 1024 * 1024
    if len(contenido) > limite:
        raise PlantillaInvalida(
            _("El archivo pesa más de %(mb)s MB.") % {"mb": settings.SESIONES_MAX_UPLOAD_MB}
        )
    if not render.es_docx(contenido):
        raise PlantillaInvalida(
            _(
                "El archivo no es un documento de Word (.docx) válido. Guárdelo como «Documento "
                "de Word (.docx)» e inténtelo de nuevo."
            )
        )
    motivo = render.revisar_tamano_descomprimido(contenido)
    if motivo:
        raise PlantillaInvalida(motivo)


def plantilla_validar(*, tipo: str, contenido: bytes) -> set[str]:
    """Revisión completa de un DOCX; corre en el trabajador de tareas, nunca en la petición.

    Que sea Word y no se expanda de más, que solo muestre variables documentadas de su tipo
    (sin llamadas, atributos internos ni filtros fuera de la lista) y que se genere en el
    sandbox con datos de ejemplo. Devuelve las variables que usa.
    """
    _revisar_archivo(tipo=tipo, contenido=contenido)
    try:
        motivos = render.revisar_plantilla(
            contenido,
            conocidas=registro.nombres_conocidos(tipo),
            listas=registro.CLAVES_DE_LISTAS,
        )
    except Exception as error:  # noqa: BLE001 — cualquier falla de Jinja o XML se explica al usuario.
        raise PlantillaInvalida(
            _("La plantilla tiene un error de sintaxis: %(error)s") % {"error": error}
        ) from error
    if motivos:
        raise PlantillaInvalida(" ".join(motivos))
    try:
        # Después de la revisión: compilar (aquí y al generar) ya no encuentra filtros prohibidos.
        usadas = render.variables_usadas(contenido)
        render.renderizar(contenido, ctx.contexto_muestra(tipo))
    except Exception as error:  # noqa: BLE001
        raise PlantillaInvalida(
            _("La prueba de generación con datos de ejemplo falló: %(error)s") % {"error": error}
        ) from error
    return usadas


@exige_rol(es_juridico, _lazy("Solo la Dirección Jurídica sube plantillas de documentos."))
def plantilla_subir(
    *, tipo: str, archivo, usuario: User | None, notas: str = ""
) -> PlantillaDocumento:
    """Guarda una versión nueva «en validación» y encola su revisión; las anteriores se conservan.

    En la petición solo van las revisiones baratas (Word, tamaño, bomba ZIP): interpretar la
    plantilla y generarla de prueba corre en el trabajador (`plantilla_revisar`), que la activa
    si resulta válida.
    """
    tamano = getattr(archivo, "size", None)
    if tamano is not None and tamano > settings.SESIONES_MAX_UPLOAD_MB * 1024 * 1024:
        raise PlantillaInvalida(
            _("El archivo pesa más de %(mb)s MB.") % {"mb": settings.SESIONES_MAX_UPLOAD_MB}
        )
    contenido = archivo.read()
    _revisar_archivo(tipo=tipo, contenido=contenido)
    plantilla_activa(tipo=tipo)  # la versión 1 por omisión queda registrada antes que la nueva
    with transaction.atomic():
        version = (
            PlantillaDocumento.objects.filter(tipo=tipo).aggregate(m=Max("version"))["m"] or 0
        ) + 1
        plantilla = PlantillaDocumento(
            tipo=tipo,
            version=version,
            activa=False,
            estado=EstadoPlantilla.VALIDANDO,
            subida_por=usuario,
            nombre_original=(getattr(archivo, "name", "") or "")[:255],
            sha256=_sha256(contenido),
            notas=notas,
        )
        plantilla.archivo.save(f"{tipo}.docx", ContentFile(contenido), save=False)
        plantilla.save()
        bitacora_registrar(
            usuario=usuario,
            accion="plantilla.subir",
            objeto=plantilla,
            datos={"tipo": tipo, "version": version, "sha256": plantilla.sha256},
        )
        encolar_al_confirmar("documentos.tasks.revisar_plantilla", plantilla.pk)
    return plantilla


def plantilla_revisar(*, plantilla_id: int) -> PlantillaDocumento | None:
    """Dictamina una plantilla en validación: válida (y activa) o rechazada con su motivo.

    Puede correr dos veces: la revisión no escribe nada y solo el intento que cambia el estado
    desde «en validación» (actualización condicional) registra el resultado.
    """
    plantilla = PlantillaDocumento.objects.filter(
        pk=plantilla_id, estado=EstadoPlantilla.VALIDANDO
    ).first()
    if plantilla is None:
        return None
    with plantilla.archivo.open("rb") as f:
        contenido = f.read()
    try:
        plantilla_validar(tipo=plantilla.tipo, contenido=contenido)
    except PlantillaInvalida as error:
        estado, motivo = EstadoPlantilla.RECHAZADA, str(error.mensaje)
    else:
        estado, motivo = EstadoPlantilla.VALIDA, ""
    with transaction.atomic():
        cambiados = PlantillaDocumento.objects.filter(
            pk=plantilla.pk, estado=EstadoPlantilla.VALIDANDO
        ).update(estado=estado, motivo_rechazo=motivo)
        if not cambiados:
            return None  # otro intento ya la dictaminó
        # Se activa salvo que, mientras tanto, una versión más nueva ya resultara válida.
        activar = (
            estado == EstadoPlantilla.VALIDA
            and not PlantillaDocumento.objects.filter(
                tipo=plantilla.tipo, version__gt=plantilla.version, estado=EstadoPlantilla.VALIDA
            ).exists()
        )
        if activar:
            PlantillaDocumento.objects.filter(tipo=plantilla.tipo, activa=True).update(activa=False)
            PlantillaDocumento.objects.filter(pk=plantilla.pk).update(activa=True)
        plantilla.refresh_from_db()
        bitacora_registrar(
            usuario=plantilla.subida_por,
            accion="plantilla.validar"
            if estado == EstadoPlantilla.VALIDA
            else "plantilla.rechazar",
            objeto=plantilla,
            datos={
                "tipo": plantilla.tipo,
                "version": plantilla.version,
                "activada": activar,
                "motivo": motivo[:300],
            },
        )
    return plantilla


def plantilla_puede_activarse(plantilla: PlantillaDocumento) -> bool:
    return plantilla.estado == EstadoPlantilla.VALIDA and not plantilla.activa


@exige_rol(es_juridico, _lazy("Solo la Dirección Jurídica activa plantillas de documentos."))
def plantilla_activar(*, plantilla: PlantillaDocumento, usuario: User | None) -> PlantillaDocumento:
    """Restaura una versión anterior como activa; solo una plantilla ya revisada y válida."""
    if plantilla.activa:
        raise DatosInvalidos(_("Esa versión ya es la activa."))
    if plantilla.estado != EstadoPlantilla.VALIDA:
        raise TransicionNoPermitida(
            _("Solo se puede activar una plantilla válida; esta versión está «%(estado)s».")
            % {"estado": plantilla.get_estado_display().lower()}
        )
    with transaction.atomic():
        PlantillaDocumento.objects.filter(tipo=plantilla.tipo, activa=True).update(activa=False)
        # El estado se exige también en la escritura: la fila manda, no el objeto en memoria.
        if not PlantillaDocumento.objects.filter(
            pk=plantilla.pk, estado=EstadoPlantilla.VALIDA
        ).update(activa=True):
            raise TransicionNoPermitida(
                _("La plantilla cambió mientras tanto; recargue la página.")
            )
        plantilla.activa = True
        bitacora_registrar(
            usuario=usuario,
            accion="plantilla.activar",
            objeto=plantilla,
            datos={"tipo": plantilla.tipo, "version": plantilla.version},
        )
    return plantilla


# --- Números de oficio ------------------------------------------------------------------


def oficio_reservar(*, area: str, anio: int, cantidad: int = 1) -> list[int]:
    """Reserva `cantidad` números consecutivos, únicos aunque haya concurrencia."""
    if cantidad <= 0:
        return []

    def reservar() -> list[int]:
        fila = ConsecutivoOficio.objects.select_for_update().filter(area=area, anio=anio).first()
        if fila is None:
            # Si otro proceso la crea a la vez, la restricción única lo detecta y se reintenta.
            fila = ConsecutivoOficio.objects.create(area=area, anio=anio, ultimo=0)
        ConsecutivoOficio.objects.filter(pk=fila.pk).update(ultimo=F("ultimo") + cantidad)
        ultimo = ConsecutivoOficio.objects.values_list("ultimo", flat=True).get(pk=fila.pk)
        return list(range(ultimo - cantidad + 1, ultimo + 1))

    try:
        return numeracion.numerar(
            reservar,
            mensaje_agotado=_("No fue posible asignar el número de oficio; intente de nuevo."),
        )
    except numeracion.NumeracionAgotada as error:
        raise ErrorSesiones(error.mensaje) from error


# --- Lotes ------------------------------------------------------------------------------


@exige_rol(es_juridico, _lazy("Solo la Dirección Jurídica genera documentos."))
def lote_solicitar(*, sesion: Sesion, tipo: str, usuario: User | None) -> LoteDocumentos:
    """Revisa los datos, crea el lote y lo encola al confirmar la transacción."""
    tipos = DOCUMENTOS_POR_LOTE.get(tipo)
    if tipos is None:
        raise DatosInvalidos(_("Tipo de lote desconocido."))
    if TipoDocumento.ACTA in tipos and _acta_bloqueada(sesion):
        raise TransicionNoPermitida(
            _("El acta ya fue firmada por todos y está bloqueada: no se vuelve a generar.")
        )
    faltan = ctx.faltantes(sesion, tipos)
    if faltan:
        raise DocumentosIncompletos(faltan)
    with transaction.atomic():
        Sesion.objects.select_for_update().filter(pk=sesion.pk).first()
        if LoteDocumentos.objects.filter(
            sesion=sesion, tipo=tipo, estado__in=(EstadoLote.PENDIENTE, EstadoLote.EN_PROCESO)
        ).exists():
            raise DatosInvalidos(_("Ya se están generando esos documentos; espere a que terminen."))
        lote = LoteDocumentos.objects.create(sesion=sesion, tipo=tipo, solicitado_por=usuario)
        bitacora_registrar(
            usuario=usuario,
            accion="documentos.solicitar",
            objeto=lote,
            sesion=sesion,
            datos={"tipo": tipo},
        )
        _encolar(lote)
    return lote


def _acta_bloqueada(sesion: Sesion) -> bool:

    return ActaFirmada.objects.filter(sesion=sesion, bloqueada_en__isnull=False).exists()


@exige_rol(es_juridico, _lazy("Solo la Dirección Jurídica genera documentos."))
def lote_reintentar(*, lote: LoteDocumentos, usuario: User | None) -> LoteDocumentos:
    if lote.estado != EstadoLote.FALLIDO:
        raise TransicionNoPermitida(_("Solo se puede reintentar un lote que falló."))
    with transaction.atomic():
        cambiados = LoteDocumentos.objects.filter(pk=lote.pk, estado=EstadoLote.FALLIDO).update(
            estado=EstadoLote.PENDIENTE, error="", hechos=0
        )
        if not cambiados:
            raise TransicionNoPermitida(_("El lote ya se está reintentando."))
        bitacora_registrar(
            usuario=usuario,
            accion="documentos.reintentar",
            objeto=lote,
            sesion=lote.sesion,
        )
        _encolar(lote)
    lote.refresh_from_db()
    return lote


def _encolar(lote: LoteDocumentos) -> None:
    encolar_al_confirmar("documentos.tasks.generar_lote", lote.pk)


def _reclamar(lote_id: int) -> bool:
    """Toma el lote para este proceso; si otro ya lo tomó o terminó, no hace nada.

    Un lote «en proceso» con un reclamo vencido quedó abandonado (el trabajador murió).
    """
    abandonado = reclamo_vencido_desde()
    return bool(
        LoteDocumentos.objects.filter(
            Q(estado=EstadoLote.PENDIENTE)
            | Q(estado=EstadoLote.EN_PROCESO, iniciado__lt=abandonado),
            pk=lote_id,
        ).update(
            estado=EstadoLote.EN_PROCESO,
            iniciado=timezone.now(),
            hechos=0,
            intentos=F("intentos") + 1,
        )
    )


def _guardar(ruta: str, contenido: bytes, escritos: list[str]) -> str:
    nombre = default_storage.save(ruta, ContentFile(contenido))
    escritos.append(nombre)
    return nombre


def _carpeta(lote_id: int) -> str:
    # Una carpeta por lote: lo que deje un intento muerto se encuentra y se borra al retomarlo.
    return f"documentos/lotes/{lote_id}"


def _ruta(lote_id: int, extension: str) -> str:
    return f"{_carpeta(lote_id)}/{uuid.uuid4().hex}{extension}"


def _borrar_restos(lote_id: int) -> None:
    """Borra los archivos de un intento anterior que murió antes de registrar sus filas."""
    carpeta = _carpeta(lote_id)
    try:
        _subcarpetas, archivos = default_storage.listdir(carpeta)
    except FileNotFoundError:
        return
    usados = {
        nombre
        for fila in DocumentoGenerado.objects.filter(lote_id=lote_id).values_list("archivo", "pdf")
        for nombre in fila
        if nombre
    }
    usados.update(
        n for n in LoteDocumentos.objects.filter(pk=lote_id).values_list("zip", flat=True) if n
    )
    for archivo in archivos:
        nombre = f"{carpeta}/{archivo}"
        if nombre not in usados:
            default_storage.delete(nombre)


def lote_en_curso(*, lote_id: int) -> bool:
    """El lote sigue tomado por otro intento cuyo reclamo aún no vence."""
    return LoteDocumentos.objects.filter(
        pk=lote_id, estado=EstadoLote.EN_PROCESO, iniciado__gte=reclamo_vencido_desde()
    ).exists()


def _pdf_activado() -> bool:
    return getattr(settings, "SESIONES_DOCUMENTOS_PDF", True) and pdf.soffice_disponible()


def lote_procesar(*, lote_id: int) -> LoteDocumentos | None:
    """Genera todo el lote o nada: archivos primero, filas en una sola transacción al final."""
    if not _reclamar(lote_id):
        return None
    lote = LoteDocumentos.objects.select_related("sesion__organo", "sesion__periodo").get(
        pk=lote_id
    )
    _borrar_restos(lote_id)
    escritos: list[str] = []
    try:
        documentos = _generar(lote, escritos)
    except Exception as error:  # noqa: BLE001 — todo fallo deja el lote fallido y sin archivos.
        for nombre in escritos:
            default_storage.delete(nombre)
        mensaje = getattr(error, "mensaje", None) or _(
            "Error al generar los documentos: %(error)s"
        ) % {"error": error}
        if not getattr(error, "mensaje", None):
            logger.exception("Falló el lote de documentos %s", lote_id)
        LoteDocumentos.objects.filter(pk=lote_id).update(
            estado=EstadoLote.FALLIDO, error=str(mensaje)[:2000], terminado=timezone.now()
        )
        lote.refresh_from_db()
        bitacora_registrar(
            usuario=lote.solicitado_por,
            accion="documentos.fallo",
            objeto=lote,
            sesion=lote.sesion,
            datos={"error": str(mensaje)[:300]},
        )
        return lote
    lote.refresh_from_db()
    bitacora_registrar(
        usuario=lote.solicitado_por,
        accion="documentos.generar",
        objeto=lote,
        sesion=lote.sesion,
        datos={"tipo": lote.tipo, "documentos": len(documentos)},
    )
    return lote


def _oficios(lote: LoteDocumentos, pedidos: list[ctx.Pedido], previos: dict) -> dict[str, str]:
    """Número de oficio por clave de pedido: se conserva el de la versión anterior o el reservado."""
    institucion = Institucion.actual()
    reservados = dict(lote.oficios_reservados)
    necesitan = [
        f"{p.tipo}:{p.clave}"
        for p in pedidos
        if p.tipo in TIPOS_CON_OFICIO
        and not previos.get((p.tipo, p.clave))
        and f"{p.tipo}:{p.clave}" not in reservados
    ]
    if necesitan:
        anio = timezone.localdate().year
        numeros = oficio_reservar(area=institucion.siglas_area, anio=anio, cantidad=len(necesitan))
        for clave, numero in zip(necesitan, numeros, strict=True):
            reservados[clave] = institucion.numero_oficio(numero=numero, anio=anio)
        LoteDocumentos.objects.filter(pk=lote.pk).update(oficios_reservados=reservados)
    resultado = {}
    for p in pedidos:
        if p.tipo in TIPOS_CON_OFICIO:
            clave = f"{p.tipo}:{p.clave}"
            resultado[clave] = previos.get((p.tipo, p.clave)) or reservados[clave]
    return resultado


def _generar(lote: LoteDocumentos, escritos: list[str]) -> list[DocumentoGenerado]:
    sesion = lote.sesion
    tipos = DOCUMENTOS_POR_LOTE[lote.tipo]
    faltan = ctx.faltantes(sesion, tipos)
    if faltan:
        raise DocumentosIncompletos(faltan)
    pedidos = ctx.pedidos(sesion, tipos)
    if not pedidos:
        raise DatosInvalidos(_("No hay documentos que generar para esta sesión."))
    LoteDocumentos.objects.filter(pk=lote.pk).update(total=len(pedidos), hechos=0)
    plantillas = {tipo: plantilla_activa(tipo=tipo) for tipo in tipos}
    contenidos = {}
    for tipo, plantilla in plantillas.items():
        with plantilla.archivo.open("rb") as f:
            contenidos[tipo] = f.read()
    institucion = Institucion.actual()
    membrete = None
    if institucion.membrete:
        with institucion.membrete.open("rb") as f:
            membrete = f.read()
    previos = {
        (d.tipo, d.clave_destinatario): d.numero_oficio
        for d in DocumentoGenerado.objects.filter(sesion=sesion, tipo__in=tipos)
        .exclude(numero_oficio="")
        .order_by("version")
    }
    oficios = _oficios(lote, pedidos, previos)

    generados = []  # (pedido, nombre docx, sha, bytes, oficio)
    for i, pedido in enumerate(pedidos, 1):
        oficio = oficios.get(f"{pedido.tipo}:{pedido.clave}", "")
        contexto = pedido.contexto
        if pedido.tipo in TIPOS_CON_OFICIO:
            contexto = {**contexto, "numero_oficio": oficio}
        contenido = render.renderizar(contenidos[pedido.tipo], contexto, membrete=membrete)
        nombre = _guardar(_ruta(lote.pk, ".docx"), contenido, escritos)
        generados.append((pedido, nombre, _sha256(contenido), contenido, oficio))
        if i % 5 == 0 or i == len(pedidos):
            LoteDocumentos.objects.filter(pk=lote.pk).update(hechos=i)

    pdfs = _convertir_pdf(lote.pk, generados, escritos)
    zip_nombre = _guardar(_ruta(lote.pk, ".zip"), _zip(generados, pdfs), escritos)

    ahora = timezone.now()
    with transaction.atomic():
        documentos = []
        for indice, (pedido, nombre, sha, _contenido, oficio) in enumerate(generados):
            anteriores = DocumentoGenerado.objects.select_for_update().filter(
                sesion=sesion, tipo=pedido.tipo, clave_destinatario=pedido.clave
            )
            version = (anteriores.aggregate(m=Max("version"))["m"] or 0) + 1
            anteriores.filter(vigente=True).update(vigente=False)
            documento = DocumentoGenerado(
                tipo=pedido.tipo,
                sesion=sesion,
                lote=lote,
                destinatario=pedido.persona,
                clave_destinatario=pedido.clave,
                version=version,
                plantilla=plantillas[pedido.tipo],
                nombre_descarga=pedido.nombre,
                sha256=sha,
                numero_oficio=oficio,
                generado_por=lote.solicitado_por,
                generado=ahora,
                estado=EstadoDocumento.BORRADOR,
                vigente=True,
            )
            documento.archivo.name = nombre
            if pdfs.get(indice):
                documento.pdf.name = pdfs[indice]
            documentos.append(documento)
        DocumentoGenerado.objects.bulk_create(documentos)
        LoteDocumentos.objects.filter(pk=lote.pk).update(
            estado=EstadoLote.TERMINADO,
            hechos=len(pedidos),
            terminado=ahora,
            zip=zip_nombre,
            error=_aviso_pdf(pdfs, generados),
        )
    return documentos


def _aviso_pdf(pdfs: dict, generados: list) -> str:
    if _pdf_activado() and len(pdfs) < len(generados):
        return _("Los documentos Word se generaron, pero no fue posible convertirlos a PDF.")
    return ""


def _convertir_pdf(lote_id: int, generados: list, escritos: list[str]) -> dict[int, str]:
    if not _pdf_activado():
        return {}
    with tempfile.TemporaryDirectory(prefix="sesiones-pdf-") as temporal:
        base = Path(temporal)
        rutas = []
        for indice, (_p, _n, _s, contenido, _o) in enumerate(generados):
            ruta = base / f"doc{indice:04d}.docx"
            ruta.write_bytes(contenido)
            rutas.append(ruta)
        try:
            salidas = pdf.convertir_lote(rutas, base / "pdf")
        except pdf.ErrorPDF as error:
            logger.warning("Conversión a PDF fallida: %s", error.mensaje)
            return {}
        return {
            indice: _guardar(_ruta(lote_id, ".pdf"), salida.read_bytes(), escritos)
            for indice, salida in enumerate(salidas)
        }


def _zip(generados: list, pdfs: dict[int, str]) -> bytes:
    salida = io.BytesIO()
    usados: set[str] = set()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as archivo:
        for indice, (pedido, _nombre, _sha, contenido, _oficio) in enumerate(generados):
            nombre = pedido.nombre
            base = nombre[:-5]
            contador = 2
            while nombre in usados:
                nombre = f"{base}-{contador}.docx"
                contador += 1
            usados.add(nombre)
            archivo.writestr(nombre, contenido)
            if indice in pdfs:
                with default_storage.open(pdfs[indice], "rb") as f:
                    archivo.writestr(nombre[:-5] + ".pdf", f.read())
    return salida.getvalue()


# --- Estados de un documento ------------------------------------------------------------


@exige_rol(es_juridico, _lazy("Solo la Dirección Jurídica cambia el estado de un documento."))
def documento_marcar(
    *, documento: DocumentoGenerado, estado: str, usuario: User | None
) -> DocumentoGenerado:
    """Marca un documento como enviado o firmado; desde entonces nunca se sobrescribe."""
    permitidos = TRANSICIONES_DOCUMENTO[EstadoDocumento(documento.estado)]
    if estado not in permitidos:
        raise TransicionNoPermitida(
            _("Un documento %(de)s no puede pasar a %(a)s.")
            % {
                "de": documento.get_estado_display().lower(),
                "a": (
                    EstadoDocumento(estado).label.lower()
                    if estado in EstadoDocumento.values
                    else estado
                ),
            }
        )
    with transaction.atomic():
        anterior = documento.estado
        cambiados = DocumentoGenerado.objects.filter(pk=documento.pk, estado=anterior).update(
            estado=estado
        )
        if not cambiados:
            raise TransicionNoPermitida(
                _("El documento cambió mientras tanto; recargue la página.")
            )
        documento.estado = estado
        bitacora_registrar(
            usuario=usuario,
            accion="documento.marcar",
            objeto=documento,
            sesion=documento.sesion,
            datos={"de": anterior, "a": estado},
        )
    return documento

"""Documentos de un solo objeto (la certificación de un acuerdo), generados al momento.

Son pequeños: se renderizan en la misma petición, sin lote. El contexto lo arma la aplicación
dueña del objeto mediante `registro.registrar_constructor`, así sesiones no la importa.
"""

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from documentos import registro, render
from documentos.models import TIPOS_CON_OFICIO, DocumentoGenerado, EstadoDocumento, Institucion
from documentos.services import _sha256, oficio_reservar, plantilla_activa
from sesiones.exceptions import ErrorSesiones
from sesiones.models import Sesion


def _folio(tipo: str, vigente: DocumentoGenerado | None) -> str:
    """Un borrador que se rehace conserva su folio; lo ya enviado o firmado no se reutiliza."""
    if tipo not in TIPOS_CON_OFICIO:
        return ""
    if vigente is not None and vigente.estado == EstadoDocumento.BORRADOR and vigente.numero_oficio:
        return vigente.numero_oficio
    institucion = Institucion.actual()
    anio = timezone.localdate().year
    (numero,) = oficio_reservar(area=institucion.siglas_area, anio=anio)
    return institucion.numero_oficio(numero=numero, anio=anio)


def documento_individual_generar(
    *,
    tipo: str,
    sesion: Sesion,
    objeto,
    referencia: str,
    nombre_descarga: str,
    usuario: User | None,
) -> DocumentoGenerado:
    """Renderiza y guarda una versión nueva; las anteriores se conservan sin tocarse.

    Debe llamarse dentro de una transacción (la del servicio que escribe la bitácora).
    """
    if len(referencia) > 20:
        raise ValueError("La referencia debe caber en clave_destinatario (20 caracteres).")
    contexto = registro.constructor_de(tipo)(objeto)
    plantilla = plantilla_activa(tipo=tipo)
    with plantilla.archivo.open("rb") as f:
        contenido_plantilla = f.read()
    institucion = Institucion.actual()
    membrete = None
    if institucion.membrete:
        with institucion.membrete.open("rb") as f:
            membrete = f.read()

    anteriores = DocumentoGenerado.objects.select_for_update().filter(
        sesion=sesion, tipo=tipo, clave_destinatario=referencia
    )
    # Sin el orden del Meta (une con destinatario): PostgreSQL no bloquea el lado nulo de un JOIN.
    vigente = anteriores.filter(vigente=True).order_by("pk").first()
    folio = _folio(tipo, vigente)
    contenido = render.renderizar(
        contenido_plantilla, {**contexto, "numero_oficio": folio}, membrete=membrete
    )
    nombre = default_storage.save(
        f"documentos/{timezone.now():%Y/%m}/{tipo}-{_sha256(contenido)[:16]}.docx",
        ContentFile(contenido),
    )
    try:
        with transaction.atomic():
            version = (anteriores.aggregate(m=Max("version"))["m"] or 0) + 1
            anteriores.filter(vigente=True).update(vigente=False)
            documento = DocumentoGenerado(
                tipo=tipo,
                sesion=sesion,
                clave_destinatario=referencia,
                referencia=referencia,
                version=version,
                plantilla=plantilla,
                nombre_descarga=nombre_descarga,
                sha256=_sha256(contenido),
                numero_oficio=folio,
                generado_por=usuario,
                estado=EstadoDocumento.BORRADOR,
                vigente=True,
            )
            documento.archivo.name = nombre
            documento.save()
    except IntegrityError as error:
        default_storage.delete(nombre)
        raise ErrorSesiones(
            _("Otra persona generó este documento al mismo tiempo; recargue la página.")
        ) from error
    except Exception:
        default_storage.delete(nombre)
        raise
    return documento

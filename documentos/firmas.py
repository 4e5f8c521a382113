"""Firmas del acta, acta escaneada con su hash y bloqueo, y copias certificadas con folio."""

import datetime
import hashlib

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from bitacora.services import bitacora_registrar
from comun import numeracion
from comun.roles import es_juridico, exige_rol
from comun.validadores import validar_archivo
from documentos.models import (
    ActaFirmada,
    CopiaCertificada,
    DocumentoGenerado,
    EstadoDocumento,
    FirmaActa,
    TipoDocumento,
)
from documentos.services import documento_marcar
from sesiones.exceptions import DatosInvalidos, ErrorSesiones, TransicionNoPermitida
from sesiones.models import ESTADOS_PRESENTES, EstadoSesion, Integrante, Persona, Sesion
from sesiones.selectors import integrantes_de_sesion
from sesiones.services import sesion_cambiar_estado

# Las firmas se recaban sobre el acta ya aprobada.
ESTADOS_FIRMA = (EstadoSesion.ACTA_APROBADA,)
# Las copias certificadas se expiden del acta firmada.
ESTADOS_COPIA = (EstadoSesion.ACTA_FIRMADA, EstadoSesion.CONCLUIDA)


def firmantes(sesion: Sesion) -> list[Integrante]:
    """Integrantes que asistieron (o por suplente); si no hay lista, todos los de la sesión."""
    integrantes = list(integrantes_de_sesion(sesion))
    presentes = set(
        sesion.asistencias.filter(estado__in=ESTADOS_PRESENTES).values_list(
            "integrante_id", flat=True
        )
    )
    if not presentes:
        return integrantes
    return [i for i in integrantes if i.pk in presentes]


def _acta(sesion: Sesion) -> ActaFirmada | None:
    return ActaFirmada.objects.filter(sesion=sesion).first()


def _exigir_abierta(sesion: Sesion) -> None:
    acta = _acta(sesion)
    if acta and acta.bloqueada:
        raise TransicionNoPermitida(_("El acta ya está firmada y bloqueada; no admite cambios."))
    if sesion.estado not in ESTADOS_FIRMA:
        raise TransicionNoPermitida(
            _("Las firmas se registran cuando el acta está aprobada (la sesión está %(estado)s).")
            % {"estado": sesion.get_estado_display().lower()}
        )


@exige_rol(es_juridico, _lazy("Solo la Dirección Jurídica registra las firmas del acta."))
def firma_registrar(
    *,
    sesion: Sesion,
    integrante: Integrante,
    usuario: User | None,
    fecha: datetime.date | None = None,
) -> FirmaActa:
    fecha = fecha or timezone.localdate()
    if fecha > timezone.localdate():
        raise DatosInvalidos(_("La fecha de firma no puede ser futura."))
    with transaction.atomic():
        sesion = Sesion.objects.select_for_update().select_related("organo").get(pk=sesion.pk)
        _exigir_abierta(sesion)
        if integrante.pk not in {i.pk for i in firmantes(sesion)}:
            raise DatosInvalidos(
                _("%(persona)s no firma el acta de esta sesión.") % {"persona": integrante.persona}
            )
        if FirmaActa.objects.filter(sesion=sesion, integrante=integrante).exists():
            raise DatosInvalidos(
                _("Ya se registró la firma de %(persona)s.") % {"persona": integrante.persona}
            )
        firma = FirmaActa.objects.create(
            sesion=sesion, integrante=integrante, firmado_en=fecha, registrado_por=usuario
        )
        bitacora_registrar(
            usuario=usuario,
            accion="acta.firma",
            objeto=firma,
            sesion=sesion,
            datos={"integrante": str(integrante.persona), "fecha": fecha},
        )
        _intentar_bloqueo(sesion, usuario)
    return firma


@exige_rol(es_juridico, _lazy("Solo la Dirección Jurídica sube el acta firmada."))
def acta_firmada_subir(*, sesion: Sesion, archivo, usuario: User | None) -> ActaFirmada:
    """Guarda el PDF escaneado con su SHA-256; si ya firmaron todos, bloquea el acta."""

    try:
        validar_archivo(archivo, permitidos=("pdf",))
    except ValidationError as error:
        raise DatosInvalidos(" ".join(error.messages)) from error
    archivo.seek(0)
    contenido = archivo.read()
    sha = hashlib.sha256(contenido).hexdigest()
    with transaction.atomic():
        sesion = Sesion.objects.select_for_update().select_related("organo").get(pk=sesion.pk)
        _exigir_abierta(sesion)
        acta = _acta(sesion) or ActaFirmada(sesion=sesion)
        anterior = acta.sha256
        from django.core.files.base import ContentFile

        acta.archivo.save("acta_firmada.pdf", ContentFile(contenido), save=False)
        acta.nombre_original = (getattr(archivo, "name", "") or "")[:255]
        acta.sha256 = sha
        acta.subida_por = usuario
        acta.subida_en = timezone.now()
        acta.documento = _acta_generada(sesion)
        acta.save()
        bitacora_registrar(
            usuario=usuario,
            accion="acta.subir_firmada",
            objeto=acta,
            sesion=sesion,
            datos={"sha256": sha, "sha256_anterior": anterior},
        )
        _intentar_bloqueo(sesion, usuario)
    acta.refresh_from_db()
    return acta


def _acta_generada(sesion: Sesion) -> DocumentoGenerado | None:
    return (
        DocumentoGenerado.objects.filter(sesion=sesion, tipo=TipoDocumento.ACTA, vigente=True)
        .order_by("-version")
        .first()
    )


def faltan_firmas(sesion: Sesion) -> list[Integrante]:
    firmadas = set(sesion.firmas_acta.values_list("integrante_id", flat=True))
    return [i for i in firmantes(sesion) if i.pk not in firmadas]


def _intentar_bloqueo(sesion: Sesion, usuario: User | None) -> bool:
    """Con todas las firmas y el acta escaneada: hash, acta «firmada» y sesión en acta firmada."""

    acta = _acta(sesion)
    if acta is None or acta.bloqueada or faltan_firmas(sesion):
        return False
    ahora = timezone.now()
    cambiadas = ActaFirmada.objects.filter(pk=acta.pk, bloqueada_en__isnull=True).update(
        bloqueada_en=ahora, hash_bloqueo=acta.sha256
    )
    if not cambiadas:
        return False
    generada = acta.documento or _acta_generada(sesion)
    if generada is not None and generada.estado != EstadoDocumento.FIRMADO:
        documento_marcar(documento=generada, estado=EstadoDocumento.FIRMADO, usuario=usuario)
    bitacora_registrar(
        usuario=usuario,
        accion="acta.bloquear",
        objeto=acta,
        sesion=sesion,
        datos={"sha256": acta.sha256, "bloqueada_en": ahora},
    )
    if EstadoSesion.ACTA_FIRMADA in sesion.transiciones_posibles:
        sesion_cambiar_estado(sesion=sesion, estado=EstadoSesion.ACTA_FIRMADA, usuario=usuario)
    return True


# --- Copias certificadas ----------------------------------------------------------------


def _certificacion(sesion: Sesion) -> DocumentoGenerado | None:
    return (
        DocumentoGenerado.objects.filter(
            sesion=sesion, tipo=TipoDocumento.CERTIFICACION, vigente=True
        )
        .order_by("-version")
        .first()
    )


def _siguiente_folio(anio: int) -> str:
    prefijo = f"CC-{anio}-"
    ultimos = CopiaCertificada.objects.filter(folio__startswith=prefijo).values_list(
        "folio", flat=True
    )
    numeros = [int(f[len(prefijo) :]) for f in ultimos if f[len(prefijo) :].isdigit()]
    return f"{prefijo}{(max(numeros) if numeros else 0) + 1:04d}"


@exige_rol(es_juridico, _lazy("Solo la Dirección Jurídica emite copias certificadas."))
def copia_emitir(*, sesion: Sesion, persona: Persona, usuario: User | None) -> CopiaCertificada:
    acta = _acta(sesion)
    if acta is None or not acta.bloqueada or sesion.estado not in ESTADOS_COPIA:
        raise TransicionNoPermitida(
            _("Las copias certificadas se expiden cuando el acta está firmada por todos.")
        )
    certificacion = _certificacion(sesion)
    if certificacion is None:
        raise DatosInvalidos(
            _("Genere primero la certificación del acta en el panel de documentos.")
        )
    if persona.pk not in {i.persona_id for i in integrantes_de_sesion(sesion)}:
        raise DatosInvalidos(
            _("%(persona)s no es integrante del órgano en esta sesión.") % {"persona": persona}
        )
    if CopiaCertificada.objects.filter(sesion=sesion, persona=persona).exists():
        raise DatosInvalidos(
            _("Ya se expidió la copia certificada de %(persona)s.") % {"persona": persona}
        )
    anio = timezone.localdate().year

    def emitir() -> CopiaCertificada:
        copia = CopiaCertificada.objects.create(
            sesion=sesion,
            persona=persona,
            folio=_siguiente_folio(anio),
            documento=certificacion,
            emitida_por=usuario,
        )
        bitacora_registrar(
            usuario=usuario,
            accion="copia.emitir",
            objeto=copia,
            sesion=sesion,
            datos={"folio": copia.folio, "persona": str(persona)},
        )
        return copia

    def al_chocar(error: IntegrityError) -> None:
        # Si el choque fue por la misma persona (otra pestaña la expidió), no se reintenta.
        if CopiaCertificada.objects.filter(sesion=sesion, persona=persona).exists():
            raise DatosInvalidos(
                _("Ya se expidió la copia certificada de %(persona)s.") % {"persona": persona}
            ) from None

    try:
        return numeracion.numerar(
            emitir,
            mensaje_agotado=_("No fue posible asignar el folio; intente de nuevo."),
            al_chocar=al_chocar,
        )
    except numeracion.NumeracionAgotada as error:
        raise ErrorSesiones(error.mensaje) from error


@exige_rol(
    es_juridico, _lazy("Solo la Dirección Jurídica registra la entrega de copias certificadas.")
)
def copia_entregar(*, copia: CopiaCertificada, usuario: User | None) -> CopiaCertificada:
    ahora = timezone.now()
    with transaction.atomic():
        cambiadas = CopiaCertificada.objects.filter(pk=copia.pk, entregada_en__isnull=True).update(
            entregada_en=ahora, entregada_por=usuario
        )
        if not cambiadas:
            raise TransicionNoPermitida(_("Ya se registró la entrega de esa copia certificada."))
        copia.refresh_from_db()
        bitacora_registrar(
            usuario=usuario,
            accion="copia.entregar",
            objeto=copia,
            sesion=copia.sesion,
            datos={"folio": copia.folio, "entregada_en": ahora},
        )
    return copia


def panel_firmas(sesion: Sesion) -> dict:
    firmas = {f.integrante_id: f for f in sesion.firmas_acta.all()}
    copias = {c.persona_id: c for c in sesion.copias_certificadas.all()}
    lista = firmantes(sesion)
    acta = _acta(sesion)
    return {
        "firmas": [{"integrante": i, "firma": firmas.get(i.pk)} for i in lista],
        "firmas_completas": bool(lista) and all(i.pk in firmas for i in lista),
        "acta_firmada": acta,
        "admite_firmas": sesion.estado in ESTADOS_FIRMA and not (acta and acta.bloqueada),
        "admite_copias": bool(acta and acta.bloqueada) and sesion.estado in ESTADOS_COPIA,
        "certificacion": _certificacion(sesion),
        "copias": [
            {"persona": i.persona, "copia": copias.get(i.persona_id)}
            for i in integrantes_de_sesion(sesion)
        ],
    }

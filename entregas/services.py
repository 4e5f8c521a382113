"""Escrituras de la entrega: solicitar, enviar (idempotente), reenviar, acusar y confirmar."""

import contextlib
import datetime
import logging
import smtplib

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.mail import BadHeaderError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from bitacora.services import bitacora_registrar
from comun.roles import AccionNoPermitida, es_juridico, exige_rol
from comun.tareas import encolar_al_confirmar, reclamo_vencido_desde
from documentos.models import DocumentoGenerado, EstadoDocumento, ObservacionActa, TipoDocumento
from documentos.services import documento_marcar
from entregas import correo
from entregas.enlaces import persona_convocada
from entregas.ical import secuencia_actual
from entregas.models import (
    ConfirmacionAsistencia,
    Entrega,
    EstadoEntrega,
    MotivoEntrega,
    RespuestaAsistencia,
)
from sesiones.exceptions import DatosInvalidos, ErrorSesiones, TransicionNoPermitida
from sesiones.models import EstadoSesion, Integrante, Persona, Sesion
from sesiones.selectors import integrantes_de_sesion

logger = logging.getLogger(__name__)

# Solo se convoca a sesiones que aún no se celebran.
ESTADOS_CONVOCABLES = (EstadoSesion.PROGRAMADA, EstadoSesion.CONVOCADA, EstadoSesion.DIFERIDA)
# Una entrega «enviando» más vieja que esto quedó interrumpida (el trabajador murió).
MINUTOS_ENVIO_INTERRUMPIDO = 15
ENTREGADAS = (EstadoEntrega.ENVIADO, EstadoEntrega.ACUSADO)


def destinatarios(sesion: Sesion) -> list[tuple[Persona, bool]]:
    """(persona, es_invitado): integrantes en funciones el día de la sesión y luego invitados."""
    vistas: set[int] = set()
    resultado = []
    for integrante in integrantes_de_sesion(sesion):
        if integrante.persona_id not in vistas:
            vistas.add(integrante.persona_id)
            resultado.append((integrante.persona, False))
    for invitado in sesion.invitados.select_related("persona").order_by("pk"):
        if invitado.persona_id not in vistas:
            vistas.add(invitado.persona_id)
            resultado.append((invitado.persona, True))
    return resultado


def documentos_vigentes(sesion: Sesion) -> dict[int, DocumentoGenerado]:
    """Convocatoria o invitación vigente por persona."""
    return {
        d.destinatario_id: d
        for d in DocumentoGenerado.objects.filter(
            sesion=sesion,
            vigente=True,
            tipo__in=(TipoDocumento.CONVOCATORIA, TipoDocumento.INVITACION),
            destinatario__isnull=False,
        )
        if d.destinatario_id is not None  # ya filtrado en la consulta; así lo ve mypy
    }


def _error_correo(direccion: str) -> str:
    if not direccion:
        return _("La persona no tiene correo electrónico registrado.")
    try:
        validate_email(direccion)
    except ValidationError:
        return _("El correo «%(correo)s» no es una dirección válida.") % {"correo": direccion}
    return ""


@exige_rol(es_juridico, _lazy("Solo la Dirección Jurídica envía convocatorias."))
def entregas_solicitar(*, sesion: Sesion, usuario: User | None) -> list[Entrega]:
    """Crea una entrega pendiente por destinatario que aún no la tenga y encola el envío."""
    if sesion.estado not in ESTADOS_CONVOCABLES:
        raise TransicionNoPermitida(
            _("La sesión está %(estado)s: ya no se envían convocatorias.")
            % {"estado": sesion.get_estado_display().lower()}
        )
    personas = destinatarios(sesion)
    if not personas:
        raise DatosInvalidos(_("La sesión no tiene integrantes ni invitados a quienes convocar."))
    documentos = documentos_vigentes(sesion)
    faltan = [str(p) for p, _i in personas if p.pk not in documentos]
    if faltan:
        raise DatosInvalidos(
            _(
                "Genere primero las convocatorias e invitaciones; falta el documento de: "
                "%(personas)s."
            )
            % {"personas": ", ".join(faltan)}
        )
    creadas = []
    with transaction.atomic():
        Sesion.objects.select_for_update().filter(pk=sesion.pk).first()
        ya = set(
            Entrega.objects.filter(sesion=sesion, motivo=MotivoEntrega.CONVOCATORIA).values_list(
                "persona_id", flat=True
            )
        )
        secuencia = secuencia_actual(sesion)
        for persona, es_invitado in personas:
            if persona.pk in ya:
                continue
            direccion = (persona.correo or "").strip()
            error = _error_correo(direccion)
            entrega = Entrega.objects.create(
                sesion=sesion,
                persona=persona,
                documento=documentos[persona.pk],
                motivo=MotivoEntrega.CONVOCATORIA,
                es_invitado=es_invitado,
                correo=direccion if not error else "",
                estado=EstadoEntrega.FALLIDO if error else EstadoEntrega.PENDIENTE,
                error=error,
                secuencia=secuencia,
                fecha_sesion=sesion.fecha_hora,
                solicitada_por=usuario,
            )
            creadas.append(entrega)
        bitacora_registrar(
            usuario=usuario,
            accion="entregas.solicitar",
            objeto=sesion,
            sesion=sesion,
            datos={"entregas": len(creadas), "personas": [str(e.persona) for e in creadas]},
        )
        if any(e.estado == EstadoEntrega.PENDIENTE for e in creadas):
            _encolar(sesion.pk)
    return creadas


def _encolar(sesion_id: int) -> None:
    encolar_al_confirmar("entregas.tasks.enviar_sesion", sesion_id)


def entregas_recuperar_interrumpidas(*, sesion_id: int) -> int:
    """Devuelve a «pendiente» las entregas que un trabajador muerto dejó en «enviando».

    Garantía: al menos una vez. Si el trabajador murió entre escribir el correo y marcarlo
    enviado (una sola sentencia UPDATE), ese destinatario recibe el correo dos veces; antes
    de ese punto, exactamente una. Ningún servidor SMTP permite saber si ya se entregó.
    """
    vencidas = list(
        Entrega.objects.filter(
            sesion_id=sesion_id,
            estado=EstadoEntrega.ENVIANDO,
            reclamada_en__lt=reclamo_vencido_desde(),
        ).select_related("sesion", "solicitada_por")
    )
    recuperadas = 0
    for entrega in vencidas:
        with transaction.atomic():
            cambiadas = Entrega.objects.filter(
                pk=entrega.pk, estado=EstadoEntrega.ENVIANDO, reclamada_en=entrega.reclamada_en
            ).update(estado=EstadoEntrega.PENDIENTE, reclamada_en=None)
            if not cambiadas:
                continue
            recuperadas += 1
            bitacora_registrar(
                usuario=entrega.solicitada_por,
                accion="entrega.recuperar",
                objeto=entrega,
                sesion=entrega.sesion,
                datos={"correo": entrega.correo, "reclamada_en": entrega.reclamada_en},
            )
    return recuperadas


def entregas_en_curso(*, sesion_id: int) -> int:
    """Entregas tomadas por otro intento cuyo reclamo aún no vence."""
    return Entrega.objects.filter(
        sesion_id=sesion_id,
        estado=EstadoEntrega.ENVIANDO,
        reclamada_en__gte=reclamo_vencido_desde(),
    ).count()


def entregas_enviar_pendientes(*, sesion_id: int) -> list[Entrega]:
    """Envía cada entrega pendiente de la sesión; lo ya enviado se salta."""
    entregas_recuperar_interrumpidas(sesion_id=sesion_id)
    ids = list(
        Entrega.objects.filter(sesion_id=sesion_id, estado=EstadoEntrega.PENDIENTE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    enviadas = []
    for pk in ids:
        entrega = entrega_enviar(entrega_id=pk)
        if entrega is not None:
            enviadas.append(entrega)
    return enviadas


def _reclamar(entrega_id: int) -> bool:
    return bool(
        Entrega.objects.filter(pk=entrega_id, estado=EstadoEntrega.PENDIENTE).update(
            estado=EstadoEntrega.ENVIANDO, reclamada_en=timezone.now()
        )
    )


def _describir_error(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        motivos = "; ".join(
            f"{direccion}: {codigo} {respuesta.decode('utf-8', 'replace') if isinstance(respuesta, bytes) else respuesta}"
            for direccion, (codigo, respuesta) in error.recipients.items()
        )
        return _("El servidor de correo rechazó la dirección (%(motivos)s).") % {"motivos": motivos}
    if isinstance(error, smtplib.SMTPException):
        return _("Error del servidor de correo: %(error)s") % {"error": error}
    if isinstance(error, BadHeaderError):
        return _("El correo tiene datos no válidos en el encabezado.")
    if isinstance(error, OSError):
        return _("No fue posible conectar con el servidor de correo: %(error)s") % {"error": error}
    return _("No fue posible enviar el correo: %(error)s") % {"error": error}


def entrega_enviar(*, entrega_id: int) -> Entrega | None:
    """Toma la entrega con una actualización condicional; si otro la tomó, no hace nada."""
    if not _reclamar(entrega_id):
        return None
    entrega = Entrega.objects.select_related(
        "sesion__organo", "sesion__periodo", "persona", "documento", "solicitada_por"
    ).get(pk=entrega_id)
    try:
        mensaje = correo.construir(entrega)
        mensaje.send(fail_silently=False)
    except Exception as error:  # noqa: BLE001 — cualquier falla deja la entrega fallida con su motivo.
        texto = _describir_error(error)
        if not isinstance(error, smtplib.SMTPException | OSError):
            logger.exception("Falló la entrega %s", entrega_id)
        Entrega.objects.filter(pk=entrega_id, estado=EstadoEntrega.ENVIANDO).update(
            estado=EstadoEntrega.FALLIDO, error=texto[:2000], intentos=entrega.intentos + 1
        )
        entrega.refresh_from_db()
        bitacora_registrar(
            usuario=entrega.solicitada_por,
            accion="entrega.fallo",
            objeto=entrega,
            sesion=entrega.sesion,
            datos={"correo": entrega.correo, "error": texto[:300]},
        )
        return entrega
    ahora = timezone.now()
    Entrega.objects.filter(pk=entrega_id, estado=EstadoEntrega.ENVIANDO).update(
        estado=EstadoEntrega.ENVIADO,
        enviado_en=ahora,
        error="",
        intentos=entrega.intentos + 1,
        message_id=str(mensaje.extra_headers.get("Message-ID", ""))[:300],
        fecha_sesion=entrega.sesion.fecha_hora,
    )
    entrega.refresh_from_db()
    bitacora_registrar(
        usuario=entrega.solicitada_por,
        accion="entrega.enviar",
        objeto=entrega,
        sesion=entrega.sesion,
        datos={
            "correo": entrega.correo,
            "motivo": entrega.motivo,
            "message_id": entrega.message_id,
        },
    )
    _marcar_documento_enviado(entrega)
    return entrega


def _marcar_documento_enviado(entrega: Entrega) -> None:

    documento = entrega.documento
    if documento is None or documento.estado != EstadoDocumento.BORRADOR:
        return
    # Si otro envío lo marcó al mismo tiempo, el resultado es el mismo.
    with contextlib.suppress(ErrorSesiones):
        documento_marcar(
            documento=documento, estado=EstadoDocumento.ENVIADO, usuario=entrega.solicitada_por
        )


@exige_rol(es_juridico, _lazy("Solo la Dirección Jurídica reenvía convocatorias."))
def entrega_reenviar(*, entrega: Entrega, usuario: User | None) -> Entrega:
    """Vuelve a poner en cola una entrega fallida (o interrumpida), con el correo actual."""
    interrumpida = timezone.now() - datetime.timedelta(minutes=MINUTOS_ENVIO_INTERRUMPIDO)
    if not (
        entrega.estado == EstadoEntrega.FALLIDO
        or (
            entrega.estado == EstadoEntrega.ENVIANDO
            and (entrega.reclamada_en or interrumpida) < interrumpida
        )
    ):
        raise TransicionNoPermitida(_("Solo se puede reenviar una entrega que falló."))
    if (
        entrega.sesion.estado not in ESTADOS_CONVOCABLES
        and entrega.motivo != MotivoEntrega.CANCELACION
    ):
        raise TransicionNoPermitida(_("La sesión ya no admite envíos de convocatoria."))
    direccion = (entrega.persona.correo or "").strip()
    error = _error_correo(direccion)
    if error:
        raise DatosInvalidos(
            _("%(error)s Corrija el correo de %(persona)s y reintente.")
            % {"error": error, "persona": entrega.persona}
        )
    with transaction.atomic():
        cambiadas = (
            Entrega.objects.filter(pk=entrega.pk, estado=entrega.estado)
            .filter(Q(estado=EstadoEntrega.FALLIDO) | Q(estado=EstadoEntrega.ENVIANDO))
            .update(
                estado=EstadoEntrega.PENDIENTE, error="", correo=direccion, solicitada_por=usuario
            )
        )
        if not cambiadas:
            raise TransicionNoPermitida(_("La entrega cambió mientras tanto; recargue la página."))
        bitacora_registrar(
            usuario=usuario,
            accion="entrega.reenviar",
            objeto=entrega,
            sesion=entrega.sesion,
            datos={"correo": direccion, "error_anterior": entrega.error[:300]},
        )
        _encolar(entrega.sesion_id)
    entrega.refresh_from_db()
    return entrega


def cambio_pendiente(sesion: Sesion) -> str:
    """Motivo del aviso que falta enviar («actualizacion» o «cancelacion»), o vacío."""
    entregadas = Entrega.objects.filter(sesion=sesion, estado__in=ENTREGADAS)
    if not entregadas.exists():
        return ""
    if sesion.estado == EstadoSesion.CANCELADA:
        if Entrega.objects.filter(sesion=sesion, motivo=MotivoEntrega.CANCELACION).exists():
            return ""
        return MotivoEntrega.CANCELACION
    ultima = (
        Entrega.objects.filter(sesion=sesion)
        .exclude(motivo=MotivoEntrega.CANCELACION)
        .exclude(estado=EstadoEntrega.FALLIDO)
        .order_by("-secuencia", "-pk")
        .first()
    )
    if ultima and ultima.fecha_sesion and ultima.fecha_sesion != sesion.fecha_hora:
        return MotivoEntrega.ACTUALIZACION
    return ""


@exige_rol(es_juridico, _lazy("Solo la Dirección Jurídica avisa cambios de una sesión."))
def entregas_avisar_cambio(*, sesion: Sesion, usuario: User | None) -> list[Entrega]:
    """Avisa el cambio de fecha (REQUEST con SEQUENCE mayor) o la cancelación (CANCEL)."""
    with transaction.atomic():
        sesion = Sesion.objects.select_for_update().select_related("organo").get(pk=sesion.pk)
        motivo = cambio_pendiente(sesion)
        if not motivo:
            raise DatosInvalidos(_("No hay cambios de fecha ni cancelación que avisar."))
        secuencia = secuencia_actual(sesion) + 1
        personas = (
            Persona.objects.filter(entregas__sesion=sesion, entregas__estado__in=ENTREGADAS)
            .distinct()
            .order_by("nombre")
        )
        documentos = documentos_vigentes(sesion)
        invitados = set(sesion.invitados.values_list("persona_id", flat=True))
        creadas = []
        for persona in personas:
            direccion = (persona.correo or "").strip()
            error = _error_correo(direccion)
            creadas.append(
                Entrega.objects.create(
                    sesion=sesion,
                    persona=persona,
                    documento=documentos.get(persona.pk)
                    if motivo != MotivoEntrega.CANCELACION
                    else None,
                    motivo=motivo,
                    es_invitado=persona.pk in invitados,
                    correo=direccion if not error else "",
                    estado=EstadoEntrega.FALLIDO if error else EstadoEntrega.PENDIENTE,
                    error=error,
                    secuencia=secuencia,
                    fecha_sesion=sesion.fecha_hora,
                    solicitada_por=usuario,
                )
            )
        bitacora_registrar(
            usuario=usuario,
            accion=f"entregas.{motivo}",
            objeto=sesion,
            sesion=sesion,
            datos={"secuencia": secuencia, "entregas": len(creadas)},
        )
        _encolar(sesion.pk)
    return creadas


# --- Acuse y confirmación ---------------------------------------------------------------


def _exigir_persona_propia(usuario: User | AnonymousUser | None, persona) -> None:
    """Quien responde por una persona es ella misma (su enlace firmado o su cuenta) o el personal.

    El enlace personal llega sin sesión iniciada: la firma del enlace ya identificó a la persona.
    Con sesión iniciada, un integrante solo responde por su propia persona.
    """
    if usuario is None or not usuario.is_authenticated or es_juridico(usuario):
        return
    if persona.usuario_id != usuario.pk:
        raise AccionNoPermitida(_("Solo puede responder por usted mismo."))


def entrega_acusar(*, entrega: Entrega, usuario: User | AnonymousUser | None = None) -> Entrega:
    """Registra el acuse de recibo con fecha y hora; acusar dos veces no cambia la primera."""
    _exigir_persona_propia(usuario, entrega.persona)
    if entrega.acusado_en is not None:
        return entrega
    if entrega.estado != EstadoEntrega.ENVIADO:
        raise TransicionNoPermitida(_("Esta entrega aún no se ha enviado; no se puede acusar."))
    ahora = timezone.now()
    with transaction.atomic():
        cambiadas = Entrega.objects.filter(
            pk=entrega.pk, estado=EstadoEntrega.ENVIADO, acusado_en__isnull=True
        ).update(estado=EstadoEntrega.ACUSADO, acusado_en=ahora)
        entrega.refresh_from_db()
        if cambiadas:
            bitacora_registrar(
                usuario=usuario,
                accion="entrega.acusar",
                objeto=entrega,
                sesion=entrega.sesion,
                datos={"persona": str(entrega.persona), "acusado_en": ahora},
            )
    return entrega


def confirmacion_registrar(
    *,
    sesion: Sesion,
    persona: Persona,
    respuesta: str,
    suplente_nombre: str = "",
    usuario: User | AnonymousUser | None = None,
) -> ConfirmacionAsistencia:
    """Guarda (o cambia) la respuesta de la persona; no toca la asistencia real de la sesión."""
    _exigir_persona_propia(usuario, persona)
    if respuesta not in RespuestaAsistencia.values:
        raise DatosInvalidos(_("Elija si asistirá, no asistirá o asistirá su suplente."))
    if sesion.estado not in ESTADOS_CONVOCABLES or sesion.fecha_hora < timezone.now():
        raise TransicionNoPermitida(
            _("La sesión ya no admite confirmaciones de asistencia (está %(estado)s).")
            % {"estado": sesion.get_estado_display().lower()}
        )
    if not persona_convocada(sesion=sesion, persona_id=persona.pk):
        raise TransicionNoPermitida(_("Usted no está convocado a esta sesión."))
    suplente_nombre = " ".join((suplente_nombre or "").split())[:200]
    suplente = None
    if respuesta == RespuestaAsistencia.SUPLENTE:
        integrante = (
            Integrante.objects.vigentes(sesion.fecha_local.date())
            .filter(organo_id=sesion.organo_id, persona=persona)
            .select_related("suplente")
            .first()
        )
        suplente = integrante.suplente if integrante else None
        if suplente is None and not suplente_nombre:
            raise DatosInvalidos(_("Indique el nombre de quien asistirá en su lugar."))
    else:
        suplente_nombre = ""
    with transaction.atomic():
        anterior = ConfirmacionAsistencia.objects.filter(sesion=sesion, persona=persona).first()
        try:
            confirmacion, _creada = ConfirmacionAsistencia.objects.update_or_create(
                sesion=sesion,
                persona=persona,
                defaults={
                    "respuesta": respuesta,
                    "suplente": suplente,
                    "suplente_nombre": suplente_nombre,
                    "fecha": timezone.now(),
                },
            )
        except IntegrityError as error:
            raise TransicionNoPermitida(
                _("Se registró otra respuesta al mismo tiempo; recargue.")
            ) from error
        bitacora_registrar(
            usuario=usuario,
            accion="confirmacion.registrar",
            objeto=confirmacion,
            sesion=sesion,
            datos={
                "persona": str(persona),
                "de": anterior.respuesta if anterior else "",
                "a": respuesta,
                "suplente": confirmacion.nombre_suplente,
            },
        )
    return confirmacion


# --- Observaciones al proyecto de acta --------------------------------------------------


def acta_vigente(sesion: Sesion) -> DocumentoGenerado | None:
    return (
        DocumentoGenerado.objects.filter(sesion=sesion, tipo=TipoDocumento.ACTA, vigente=True)
        .order_by("-version")
        .first()
    )


def admite_observaciones(sesion: Sesion) -> bool:
    return sesion.estado == EstadoSesion.CELEBRADA and acta_vigente(sesion) is not None


def observacion_agregar(
    *, sesion: Sesion, persona: Persona, texto: str, usuario: User | None
) -> ObservacionActa:
    _exigir_persona_propia(usuario, persona)
    texto = (texto or "").strip()
    if not texto:
        raise DatosInvalidos(_("Escriba su observación."))
    if "\x00" in texto:
        raise DatosInvalidos(_("El texto contiene caracteres no permitidos."))
    if sesion.estado != EstadoSesion.CELEBRADA:
        raise TransicionNoPermitida(
            _(
                "Solo se reciben observaciones mientras el acta es un proyecto, "
                "antes de su aprobación."
            )
        )
    acta = acta_vigente(sesion)
    if acta is None:
        raise TransicionNoPermitida(_("Aún no hay un proyecto de acta de esta sesión."))
    with transaction.atomic():
        observacion = ObservacionActa.objects.create(
            sesion=sesion, persona=persona, documento=acta, texto=texto
        )
        bitacora_registrar(
            usuario=usuario,
            accion="acta.observacion",
            objeto=observacion,
            sesion=sesion,
            datos={"persona": str(persona), "acta_version": acta.version},
        )
    return observacion


def avisar_cambio_de_sesion(sender, **kwargs) -> None:
    """Receptor de sesiones.signals.sesion_cambio_estado (conectado en EntregasConfig.ready):
    recibe sesion_id y usuario; el permiso lo revisó ya el cambio de estado."""
    sesion = Sesion.objects.get(pk=kwargs["sesion_id"])
    if cambio_pendiente(sesion):
        entregas_avisar_cambio(sesion=sesion, usuario=kwargs["usuario"])

"""Escrituras del dominio de sesiones: cada una valida el estado, escribe y deja historia."""

import datetime
import hashlib

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from bitacora.services import bitacora_registrar
from comun import habiles, numeracion
from comun.letras import ordinal_femenino_titulo
from comun.roles import es_juridico, exige_rol
from sesiones import flujo
from sesiones.exceptions import (
    AvisoInsuficiente,
    DatosInvalidos,
    NumeroOcupado,
    TransicionNoPermitida,
    exigir_version,
    valores_de,
)
from sesiones.models import (
    CODIGO_TIPO,
    MARCO_CIERRE,
    Anexo,
    Asistencia,
    CambioEstadoSesion,
    Clasificacion,
    DescargaAnexo,
    EstadoSesion,
    Integrante,
    Invitado,
    Modalidad,
    OrganoColegiado,
    Periodo,
    Persona,
    PuntoMarco,
    PuntoOrden,
    Sesion,
    TipoPunto,
    TipoSesion,
    UnidadAviso,
)
from sesiones.selectors import sesion_quorum
from sesiones.signals import sesion_cambio_estado

# Orden del día base por tipo de sesión; el personal lo edita libremente después.
MARCO_POR_TIPO = {
    TipoSesion.ORDINARIA: [
        (
            PuntoMarco.ASISTENCIA,
            "Lista de asistencia y declaración de quórum legal.",
            TipoPunto.TRAMITE,
        ),
        (
            PuntoMarco.ORDEN_DIA,
            "Lectura y, en su caso, aprobación del orden del día.",
            TipoPunto.ACUERDO,
        ),
        (
            PuntoMarco.ACTA_ANTERIOR,
            "Lectura y, en su caso, aprobación del acta de la sesión anterior.",
            TipoPunto.ACUERDO,
        ),
        (PuntoMarco.SEGUIMIENTO, "Seguimiento de acuerdos.", TipoPunto.INFORMATIVO),
        (PuntoMarco.ASUNTOS_GENERALES, "Asuntos generales.", TipoPunto.INFORMATIVO),
        (PuntoMarco.CLAUSURA, "Clausura de la sesión.", TipoPunto.TRAMITE),
    ],
    TipoSesion.EXTRAORDINARIA: [
        (
            PuntoMarco.ASISTENCIA,
            "Lista de asistencia y declaración de quórum legal.",
            TipoPunto.TRAMITE,
        ),
        (
            PuntoMarco.ORDEN_DIA,
            "Lectura y, en su caso, aprobación del orden del día.",
            TipoPunto.ACUERDO,
        ),
        (PuntoMarco.CLAUSURA, "Clausura de la sesión.", TipoPunto.TRAMITE),
    ],
    TipoSesion.SOLEMNE: [
        (
            PuntoMarco.ASISTENCIA,
            "Lista de asistencia y declaración de quórum legal.",
            TipoPunto.TRAMITE,
        ),
        (
            PuntoMarco.ORDEN_DIA,
            "Lectura y, en su caso, aprobación del orden del día.",
            TipoPunto.ACUERDO,
        ),
        (PuntoMarco.INSTALACION, "Instalación formal y toma de protesta.", TipoPunto.TRAMITE),
        (PuntoMarco.CLAUSURA, "Clausura de la sesión.", TipoPunto.TRAMITE),
    ],
}

CAMPOS_EDITABLES_SESION = ("titulo", "fecha_hora", "sede", "modalidad", "enlace", "numero")
CAMPOS_EDITABLES_PUNTO = ("titulo", "tipo", "presenta", "descripcion")

# Quién puede hacer cada operación: la regla vive aquí (decorador de cada servicio), no en las
# vistas, para que páginas, API, comandos y admin compartan la misma puerta. Con usuario None
# (comandos y tareas del sistema) se permite.
SOLO_JURIDICO_SESIONES = _lazy("Solo la Dirección Jurídica programa y modifica las sesiones.")
SOLO_JURIDICO_ORDEN = _lazy("Solo la Dirección Jurídica arma el orden del día y sus anexos.")
SOLO_JURIDICO_ASISTENCIA = _lazy("Solo la Dirección Jurídica registra la asistencia e invitados.")


def clave_sesion(
    *,
    organo: OrganoColegiado,
    periodo: Periodo,
    tipo: str,
    numero: int,
    fecha_hora: datetime.datetime,
) -> str:
    try:
        return organo.patron_clave.format(
            tipo=CODIGO_TIPO[TipoSesion(tipo)],
            numero=numero,
            siglas=organo.siglas,
            anio=timezone.localtime(fecha_hora).year,
            periodo=periodo.nombre,
        )
    except (KeyError, ValueError, IndexError) as error:
        raise DatosInvalidos(
            _("El patrón de clave del órgano «%(patron)s» no es válido: %(error)s")
            % {"patron": organo.patron_clave, "error": error}
        ) from error


def periodo_para(*, organo: OrganoColegiado, fecha: datetime.date) -> Periodo:
    periodo = organo.periodos.filter(fecha_inicio__lte=fecha, fecha_fin__gte=fecha).first()
    if periodo is None:
        raise DatosInvalidos(
            _(
                "El órgano %(organo)s no tiene un periodo que incluya el %(fecha)s; regístrelo primero."
            )
            % {"organo": organo.siglas, "fecha": fecha.strftime("%d/%m/%Y")}
        )
    return periodo


def _siguiente_numero(*, organo, periodo, tipo) -> int:
    ultimo = Sesion.objects.filter(organo=organo, periodo=periodo, tipo=tipo).aggregate(
        m=Max("numero")
    )["m"]
    return (ultimo or 0) + 1


def _bloquear_numeracion(periodo_ids) -> None:
    """Candado de la numeración de sesiones: la fila de cada periodo, en orden de id.

    Programar, cancelar (que libera y recorre números) y editar una sesión lo toman antes
    que cualquier fila de sesión; así, en PostgreSQL, esas operaciones se hacen de una en
    una por periodo (y por lo tanto por órgano, periodo y tipo) y no se cruzan en un
    interbloqueo. Se pide FOR NO KEY UPDATE, que no frena a quien solo inserta filas que
    apuntan al periodo (su llave foránea pide FOR KEY SHARE). En SQLite no hace nada: la
    transacción IMMEDIATE ya escribe de una en una.
    """
    list(
        Periodo.objects.select_for_update(no_key=True)
        .filter(pk__in=set(periodo_ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _sesion_bloqueada(pk: int, *, periodos_extra=()) -> Sesion:
    """La sesión bloqueada, después del candado de numeración de su periodo.

    El periodo de una sesión solo cambia con ese mismo candado tomado; si cambió mientras se
    esperaba, se toma también el nuevo.
    """
    bloqueados: set[int] = set()
    while True:
        periodo_id = Sesion.objects.filter(pk=pk).values_list("periodo_id", flat=True).get()
        faltan = {periodo_id, *periodos_extra} - bloqueados
        if not faltan:
            break
        _bloquear_numeracion(faltan)
        bloqueados |= faltan
    return (
        Sesion.objects.select_for_update(of=("self",))
        .select_related("organo", "periodo")
        .get(pk=pk)
    )


def _validar_modalidad(modalidad: str, enlace: str) -> None:
    if modalidad in (Modalidad.A_DISTANCIA, Modalidad.MIXTA) and not enlace:
        raise DatosInvalidos(_("Una sesión a distancia o mixta necesita el enlace de conexión."))


@exige_rol(es_juridico, SOLO_JURIDICO_SESIONES)
def sesion_programar(
    *,
    organo: OrganoColegiado,
    tipo: str,
    fecha_hora: datetime.datetime,
    usuario,
    periodo: Periodo | None = None,
    numero: int | None = None,
    sede: str = "",
    modalidad: str = Modalidad.PRESENCIAL,
    enlace: str = "",
    titulo: str = "",
    con_marco: bool = True,
    fecha_registro: datetime.datetime | None = None,
) -> Sesion:
    """Crea la sesión con su número, su clave y el orden del día base.

    Sin número explícito toma el siguiente libre. Programar y cancelar toman el mismo
    candado del periodo (ver `_bloquear_numeracion`); la restricción única es la red final:
    si aun así otra persona guardó ese número, se reintenta con el que sigue.
    """
    _validar_modalidad(modalidad, enlace)
    fecha = timezone.localtime(fecha_hora).date()
    periodo = periodo or periodo_para(organo=organo, fecha=fecha)
    if periodo.organo_id != organo.pk:
        raise DatosInvalidos(_("El periodo elegido no pertenece a ese órgano."))
    if not periodo.contiene(fecha):
        raise DatosInvalidos(
            _("La fecha %(fecha)s está fuera del periodo %(periodo)s.")
            % {"fecha": fecha.strftime("%d/%m/%Y"), "periodo": periodo.nombre}
        )

    def programar() -> Sesion:
        # Con el candado tomado, nadie más programa ni cancela en este periodo hasta que
        # esta transacción termine: el máximo que se lee es el definitivo.
        _bloquear_numeracion([periodo.pk])
        numero_asignado = numero or _siguiente_numero(organo=organo, periodo=periodo, tipo=tipo)
        sesion = Sesion.objects.create(
            organo=organo,
            periodo=periodo,
            tipo=tipo,
            numero=numero_asignado,
            clave=clave_sesion(
                organo=organo,
                periodo=periodo,
                tipo=tipo,
                numero=numero_asignado,
                fecha_hora=fecha_hora,
            ),
            titulo=titulo,
            fecha_hora=fecha_hora,
            sede=sede,
            modalidad=modalidad,
            enlace=enlace,
            creada_por=usuario if usuario and usuario.pk else None,
        )
        CambioEstadoSesion.objects.create(
            sesion=sesion,
            estado_anterior="",
            estado_nuevo=EstadoSesion.PROGRAMADA,
            usuario=sesion.creada_por,
            motivo=_("Sesión programada."),
            fecha=fecha_registro or timezone.now(),
        )
        if con_marco:
            _crear_marco(sesion)
        bitacora_registrar(
            usuario=usuario,
            accion="sesion.programar",
            objeto=sesion,
            sesion=sesion,
            datos={"clave": sesion.clave, "fecha_hora": fecha_hora},
        )
        return sesion

    def al_chocar(error: IntegrityError) -> None:
        # Con número elegido a mano el choque no es de concurrencia: ese número ya existe.
        if numero is not None:
            raise NumeroOcupado(_numero_ocupado(organo, periodo, tipo, numero)) from error

    try:
        return numeracion.numerar(
            programar,
            mensaje_agotado=_("No fue posible asignar un número a la sesión; intente de nuevo."),
            al_chocar=al_chocar,
        )
    except numeracion.NumeracionAgotada as error:
        raise NumeroOcupado(error.mensaje) from error


def _numero_ocupado(organo, periodo, tipo, numero) -> str:

    return _(
        "Ya existe la %(ordinal)s Sesión %(tipo)s del periodo %(periodo)s de %(organo)s. "
        "Elija otro número o deje el campo vacío para asignar el siguiente."
    ) % {
        "ordinal": ordinal_femenino_titulo(numero),
        "tipo": TipoSesion(tipo).label,
        "periodo": periodo.nombre,
        "organo": organo.siglas,
    }


def _crear_marco(sesion: Sesion) -> None:
    PuntoOrden.objects.bulk_create(
        PuntoOrden(sesion=sesion, orden=i, titulo=titulo, tipo=tipo, marco=marco)
        for i, (marco, titulo, tipo) in enumerate(MARCO_POR_TIPO[TipoSesion(sesion.tipo)], 1)
    )


@exige_rol(es_juridico, SOLO_JURIDICO_SESIONES)
def sesion_actualizar(
    *,
    sesion: Sesion,
    usuario,
    version: int | None = None,
    vistos: dict | None = None,
    **datos,
) -> Sesion:
    """Edita datos generales; la fecha de una sesión convocada se mueve difiriéndola.

    `version` es la que tenía la sesión cuando se abrió el formulario: si otra persona guardó
    después, se rechaza con EdicionConcurrente y no se escribe nada. `vistos` son los valores
    que se tenían a la vista (por omisión, los de `sesion`), para decir qué cambió entretanto.
    """
    desconocidos = set(datos) - set(CAMPOS_EDITABLES_SESION)
    if desconocidos:
        raise DatosInvalidos(_("Campos no editables: %s") % ", ".join(sorted(desconocidos)))
    if vistos is None:
        vistos = valores_de(sesion, CAMPOS_EDITABLES_SESION)
    with transaction.atomic():
        # Cambiar número o fecha (y con ella el periodo) es numerar: mismo candado que programar
        # y cancelar, también el del periodo al que se mudaría.
        sesion = _sesion_bloqueada(
            sesion.pk, periodos_extra=_periodos_destino(sesion, datos.get("fecha_hora"))
        )
        flujo.exigir(sesion, flujo.EDITAR)
        exigir_version(
            sesion,
            version=version,
            vistos=vistos,
            campos=CAMPOS_EDITABLES_SESION,
            encabezado=_("Otra persona modificó esta sesión mientras usted la editaba"),
        )
        cambios = {k: v for k, v in datos.items() if getattr(sesion, k) != v}
        if "fecha_hora" in cambios:
            flujo.exigir(sesion, flujo.MOVER_FECHA)
        _validar_modalidad(
            datos.get("modalidad", sesion.modalidad), datos.get("enlace", sesion.enlace)
        )
        if "numero" in cambios and cambios["numero"] is None:
            raise DatosInvalidos(_("La sesión necesita un número."))
        for campo, valor in cambios.items():
            setattr(sesion, campo, valor)
        if "fecha_hora" in cambios:
            fecha = timezone.localtime(sesion.fecha_hora).date()
            if not sesion.periodo.contiene(fecha):
                sesion.periodo = periodo_para(organo=sesion.organo, fecha=fecha)
        if sesion.numero is not None:  # una sesión sin número (cancelada) no tiene clave
            sesion.clave = clave_sesion(
                organo=sesion.organo,
                periodo=sesion.periodo,
                tipo=sesion.tipo,
                numero=sesion.numero,
                fecha_hora=sesion.fecha_hora,
            )
        if cambios:
            # La fila está bloqueada: sumar aquí es seguro y deja viejo cualquier otro formulario.
            sesion.version += 1
        try:
            with transaction.atomic():
                sesion.save()
        except IntegrityError as error:
            raise NumeroOcupado(
                _numero_ocupado(sesion.organo, sesion.periodo, sesion.tipo, sesion.numero)
            ) from error
        if cambios:
            bitacora_registrar(
                usuario=usuario, accion="sesion.editar", objeto=sesion, sesion=sesion, datos=cambios
            )
    return sesion


def _periodos_destino(sesion: Sesion, fecha_hora: datetime.datetime | None) -> set[int]:
    """El periodo al que se mudaría la sesión con la fecha nueva, para bloquearlo de antemano."""
    if fecha_hora is None:
        return set()
    fecha = timezone.localtime(fecha_hora).date()
    return set(
        Periodo.objects.filter(
            organo_id=sesion.organo_id, fecha_inicio__lte=fecha, fecha_fin__gte=fecha
        ).values_list("pk", flat=True)
    )


def aviso_suficiente(*, sesion: Sesion, convocada_en: datetime.datetime) -> bool:
    cantidad, unidad = sesion.organo.aviso_para(sesion.tipo)
    if unidad == UnidadAviso.HORAS:
        return sesion.fecha_hora - convocada_en >= datetime.timedelta(hours=cantidad)
    return (
        habiles.dias_habiles_entre(
            timezone.localtime(convocada_en).date(), sesion.fecha_local.date()
        )
        >= cantidad
    )


def _describir_aviso(sesion: Sesion) -> str:
    cantidad, unidad = sesion.organo.aviso_para(sesion.tipo)
    return f"{cantidad} {UnidadAviso(unidad).label}"


@exige_rol(es_juridico, SOLO_JURIDICO_SESIONES)
def sesion_cambiar_estado(
    *,
    sesion: Sesion,
    estado: str,
    usuario,
    motivo: str = "",
    nueva_fecha_hora: datetime.datetime | None = None,
    justificacion_aviso: str = "",
    sin_quorum: bool = False,
    fecha_cambio: datetime.datetime | None = None,
    hora_clausura: datetime.time | None = None,
) -> Sesion:
    """Única puerta para cambiar el estado de una sesión: revisa flujo.py y sus exigencias."""
    if estado not in EstadoSesion.values:
        raise TransicionNoPermitida(_("Estado de sesión desconocido."))
    motivo = (motivo or "").strip()
    fecha_cambio = fecha_cambio or timezone.now()
    with transaction.atomic():
        if estado == EstadoSesion.CANCELADA:
            # Cancelar puede liberar el número y recorrer las posteriores: primero el candado
            # de la numeración, como al programar, y después la fila.
            sesion = _sesion_bloqueada(sesion.pk)
        else:
            # Solo la fila de la sesión: bloquear también órgano y periodo cruzaría este cambio
            # con una cancelación que ya tiene el periodo y espera esta fila.
            sesion = (
                Sesion.objects.select_for_update(of=("self",))
                .select_related("organo", "periodo")
                .get(pk=sesion.pk)
            )
        anterior = sesion.estado
        transicion = flujo.exigir_transicion(origen=anterior, destino=estado, usuario=usuario)
        if transicion.exige_motivo and not motivo:
            raise DatosInvalidos(
                _("Indique el motivo para marcar la sesión como %s.")
                % EstadoSesion(estado).label.lower()
            )
        fecha_anterior = None
        if transicion.exige_nueva_fecha and nueva_fecha_hora in (None, sesion.fecha_hora):
            raise DatosInvalidos(
                _("Para reprogramar una sesión diferida indique la nueva fecha y hora.")
            )
        if nueva_fecha_hora and nueva_fecha_hora != sesion.fecha_hora:
            fecha_anterior = sesion.fecha_hora
            sesion.fecha_hora = nueva_fecha_hora
            sesion.version += 1  # un formulario abierto con la fecha anterior queda viejo
        if transicion.exige_aviso:
            _revisar_aviso(sesion, fecha_cambio, justificacion_aviso)
        if transicion.exige_quorum:
            _revisar_quorum(sesion)
        if estado == EstadoSesion.CELEBRADA and hora_clausura is not None:
            sesion.hora_clausura = hora_clausura
        if estado == EstadoSesion.DIFERIDA:
            sesion.sin_quorum = sin_quorum
        if estado == EstadoSesion.CANCELADA and not _fue_convocada(sesion):
            _liberar_numero(sesion)
        sesion.estado = estado
        sesion.save()
        # La única constancia del cambio: la bitácora y la página de la sesión la leen de aquí.
        CambioEstadoSesion.objects.create(
            sesion=sesion,
            estado_anterior=anterior,
            estado_nuevo=estado,
            usuario=usuario if usuario and usuario.pk else None,
            fecha=fecha_cambio,
            motivo=motivo or justificacion_aviso,
            fecha_hora_anterior=fecha_anterior,
        )
        if estado == EstadoSesion.CANCELADA or fecha_anterior:
            _avisar_convocados_al_confirmar(sesion.pk, usuario)
    return sesion


def _avisar_convocados_al_confirmar(sesion_id: int, usuario) -> None:
    """Quien ya recibió la convocatoria recibe la nueva fecha o la cancelación (.ics).

    Lo hace la entrega, que escucha la señal: sesiones no conoce a las aplicaciones de arriba.
    """
    transaction.on_commit(
        lambda: sesion_cambio_estado.send(sender=Sesion, sesion_id=sesion_id, usuario=usuario)
    )


def _revisar_aviso(sesion: Sesion, convocada_en, justificacion: str) -> None:
    justificacion = (justificacion or "").strip()
    if aviso_suficiente(sesion=sesion, convocada_en=convocada_en):
        return
    if not justificacion:
        raise AvisoInsuficiente(
            _(
                "Se convoca con menos anticipación que la que fija el órgano (%(aviso)s). "
                "Registre la justificación para convocar de todos modos."
            )
            % {"aviso": _describir_aviso(sesion)}
        )
    sesion.justificacion_aviso = justificacion


def _revisar_quorum(sesion: Sesion) -> None:
    quorum = sesion_quorum(sesion)
    if not quorum.alcanzado:
        raise TransicionNoPermitida(
            _(
                "No hay quórum: están presentes %(p)s de %(r)s integrantes con voto requeridos. "
                "Registre la asistencia o difiera la sesión por falta de quórum."
            )
            % {"p": quorum.presentes, "r": quorum.requeridos}
        )


def _fue_convocada(sesion: Sesion) -> bool:
    return sesion.cambios.filter(estado_nuevo=EstadoSesion.CONVOCADA).exists()


def _liberar_numero(sesion: Sesion) -> None:
    """Una sesión cancelada antes de convocarse libera su número si no deja hueco.

    Las posteriores que aún no se convocan recorren su número; si alguna posterior ya
    se convocó, la cancelada conserva el suyo para que ningún número se salte.

    Quien llama ya tiene el candado de la numeración del periodo (`_sesion_bloqueada`): nadie
    programa ni cancela en él mientras tanto. La restricción única es un índice parcial, que
    PostgreSQL no puede diferir y revisa fila por fila: por eso se vacía primero el número de
    la cancelada y se recorren las posteriores de una en una, de menor a mayor, cada una al
    hueco que acaba de dejar la anterior (un solo UPDATE masivo podría chocar a la mitad).
    """
    posteriores = list(
        Sesion.objects.filter(
            organo=sesion.organo,
            periodo=sesion.periodo,
            tipo=sesion.tipo,
            numero__gt=sesion.numero,
        )
        .select_for_update(of=("self",))
        .select_related("organo", "periodo")
        .order_by("numero")
    )
    if any(s.estado != EstadoSesion.PROGRAMADA or _fue_convocada(s) for s in posteriores):
        return
    numero_liberado = sesion.numero
    sesion.numero = None
    sesion.clave = ""
    sesion.save(update_fields=["numero", "clave"])
    for posterior in posteriores:
        anterior = posterior.numero
        assert anterior is not None  # las posteriores se eligieron por número mayor
        posterior.numero = anterior - 1
        posterior.clave = clave_sesion(
            organo=posterior.organo,
            periodo=posterior.periodo,
            tipo=posterior.tipo,
            numero=posterior.numero,
            fecha_hora=posterior.fecha_hora,
        )
        posterior.version += 1  # su número cambió: un formulario abierto queda viejo
        posterior.save(update_fields=["numero", "clave", "version"])
        bitacora_registrar(
            usuario=None,
            accion="sesion.renumerar",
            objeto=posterior,
            sesion=posterior,
            datos={"de": anterior, "a": posterior.numero, "por_cancelacion": numero_liberado},
        )


# Orden del día


@exige_rol(es_juridico, SOLO_JURIDICO_ORDEN)
def punto_agregar(
    *,
    sesion: Sesion,
    titulo: str,
    usuario,
    tipo: str = TipoPunto.INFORMATIVO,
    presenta: str = "",
    descripcion: str = "",
) -> PuntoOrden:
    """Agrega un punto sustantivo antes de asuntos generales y clausura."""
    flujo.exigir(sesion, flujo.EDITAR_ORDEN)
    with transaction.atomic():
        puntos = list(
            PuntoOrden.objects.select_for_update().filter(sesion=sesion).order_by("orden")
        )
        cierre = next((p for p in puntos if p.marco in MARCO_CIERRE), None)
        posicion = cierre.orden if cierre else len(puntos) + 1
        nuevo_orden = [p for p in puntos if p.orden < posicion]
        punto = PuntoOrden(
            sesion=sesion,
            orden=0,
            titulo=titulo,
            tipo=tipo,
            presenta=presenta,
            descripcion=descripcion,
        )
        nuevo_orden.append(punto)
        nuevo_orden.extend(p for p in puntos if p.orden >= posicion)
        _guardar_orden(sesion, nuevo_orden)
        bitacora_registrar(
            usuario=usuario,
            accion="punto.agregar",
            objeto=punto,
            sesion=sesion,
            datos={"orden": punto.orden, "titulo": titulo[:200]},
        )
    return punto


@exige_rol(es_juridico, SOLO_JURIDICO_ORDEN)
def punto_actualizar(
    *,
    punto: PuntoOrden,
    usuario,
    version: int | None = None,
    vistos: dict | None = None,
    **datos,
) -> PuntoOrden:
    """Edita un punto; como la sesión, rechaza un formulario abierto con una versión vieja."""
    desconocidos = set(datos) - set(CAMPOS_EDITABLES_PUNTO)
    if desconocidos:
        raise DatosInvalidos(_("Campos no editables: %s") % ", ".join(sorted(desconocidos)))
    if vistos is None:
        vistos = valores_de(punto, CAMPOS_EDITABLES_PUNTO)
    with transaction.atomic():
        actual = (
            PuntoOrden.objects.select_for_update(of=("self",))
            .select_related("sesion")
            .filter(pk=punto.pk)
            .first()
        )
        if actual is None:
            raise DatosInvalidos(
                _("Otra persona eliminó este punto mientras usted lo editaba; no se guardó.")
            )
        punto = actual
        flujo.exigir(punto.sesion, flujo.EDITAR_ORDEN)
        exigir_version(
            punto,
            version=version,
            vistos=vistos,
            campos=CAMPOS_EDITABLES_PUNTO,
            encabezado=_(
                "Otra persona modificó este punto del orden del día mientras usted lo editaba"
            ),
        )
        cambios = {k: v for k, v in datos.items() if getattr(punto, k) != v}
        if not cambios:
            return punto
        for campo, valor in cambios.items():
            setattr(punto, campo, valor)
        punto.version += 1
        punto.save()
        bitacora_registrar(
            usuario=usuario,
            accion="punto.editar",
            objeto=punto,
            sesion=punto.sesion,
            datos={k: str(v)[:200] for k, v in cambios.items()},
        )
    return punto


@exige_rol(es_juridico, SOLO_JURIDICO_ORDEN)
def punto_eliminar(*, punto: PuntoOrden, usuario) -> None:
    sesion = punto.sesion
    flujo.exigir(sesion, flujo.EDITAR_ORDEN)
    with transaction.atomic():
        bitacora_registrar(
            usuario=usuario,
            accion="punto.eliminar",
            objeto=punto,
            sesion=sesion,
            datos={
                "orden": punto.orden,
                "titulo": punto.titulo[:200],
                "anexos": punto.anexos.count(),
            },
        )
        for anexo in punto.anexos.all():
            anexo.archivo.delete(save=False)
        punto.delete()
        _guardar_orden(sesion, list(sesion.puntos.order_by("orden")))


@exige_rol(es_juridico, SOLO_JURIDICO_ORDEN)
def punto_mover(*, punto: PuntoOrden, usuario, desplazamiento: int) -> None:
    """Mueve un punto arriba (-1) o abajo (+1)."""
    sesion = punto.sesion
    flujo.exigir(sesion, flujo.EDITAR_ORDEN)
    with transaction.atomic():
        puntos = list(
            PuntoOrden.objects.select_for_update().filter(sesion=sesion).order_by("orden")
        )
        indice = next(i for i, p in enumerate(puntos) if p.pk == punto.pk)
        destino = indice + desplazamiento
        if not 0 <= destino < len(puntos):
            return
        puntos[indice], puntos[destino] = puntos[destino], puntos[indice]
        _guardar_orden(sesion, puntos)
        bitacora_registrar(
            usuario=usuario,
            accion="punto.mover",
            objeto=punto,
            sesion=sesion,
            datos={"de": indice + 1, "a": destino + 1},
        )


@exige_rol(es_juridico, SOLO_JURIDICO_ORDEN)
def puntos_reordenar(*, sesion: Sesion, usuario, ids: list[int]) -> None:
    flujo.exigir(sesion, flujo.EDITAR_ORDEN)
    with transaction.atomic():
        puntos = {p.pk: p for p in PuntoOrden.objects.select_for_update().filter(sesion=sesion)}
        if sorted(ids) != sorted(puntos):
            raise DatosInvalidos(_("El nuevo orden no corresponde a los puntos de la sesión."))
        _guardar_orden(sesion, [puntos[i] for i in ids])
        bitacora_registrar(
            usuario=usuario,
            accion="punto.reordenar",
            objeto=sesion,
            sesion=sesion,
            datos={"ids": ids},
        )


def _guardar_orden(sesion: Sesion, puntos: list[PuntoOrden]) -> None:
    # Dos pasos: primero números provisionales fuera de rango para no chocar con la restricción única.
    existentes = [p for p in puntos if p.pk]
    desplazamiento = 10000
    for p in existentes:
        p.orden += desplazamiento
    PuntoOrden.objects.bulk_update(existentes, ["orden"])
    for i, p in enumerate(puntos, 1):
        p.orden = i
        if p.pk is None:
            p.save()
    PuntoOrden.objects.bulk_update(existentes, ["orden"])


# Anexos


@exige_rol(es_juridico, SOLO_JURIDICO_ORDEN)
def anexo_subir(
    *,
    punto: PuntoOrden,
    archivo: UploadedFile,
    titulo: str,
    usuario,
    clasificacion: str = Clasificacion.PUBLICA,
    fundamento_legal: str = "",
    reservado_hasta: datetime.date | None = None,
    personas_autorizadas=(),
    tipo_contenido: str = "application/octet-stream",
) -> Anexo:
    """Guarda un anexo ya validado por su formulario, con su huella SHA-256."""
    flujo.exigir(punto.sesion, flujo.EDITAR_ORDEN)
    if clasificacion != Clasificacion.PUBLICA and not fundamento_legal.strip():
        raise DatosInvalidos(
            _("La información reservada o confidencial requiere fundamento legal.")
        )
    if clasificacion == Clasificacion.RESERVADA and reservado_hasta is None:
        raise DatosInvalidos(_("Indique hasta cuándo está reservada la información."))
    huella = hashlib.sha256()
    for trozo in archivo.chunks():
        huella.update(trozo)
    archivo.seek(0)
    with transaction.atomic():
        anexo = Anexo(
            punto=punto,
            titulo=titulo,
            nombre_original=(archivo.name or "")[:255],
            tipo_contenido=tipo_contenido,
            tamano=archivo.size or 0,
            sha256=huella.hexdigest(),
            clasificacion=clasificacion,
            fundamento_legal=fundamento_legal,
            reservado_hasta=reservado_hasta if clasificacion == Clasificacion.RESERVADA else None,
            subido_por=usuario if usuario and usuario.pk else None,
        )
        anexo.archivo.save(archivo.name, archivo, save=False)
        try:
            anexo.save()
        except Exception:
            anexo.archivo.delete(save=False)
            raise
        if personas_autorizadas:
            anexo.personas_autorizadas.set(personas_autorizadas)
        bitacora_registrar(
            usuario=usuario,
            accion="anexo.subir",
            objeto=anexo,
            sesion=punto.sesion,
            datos={"sha256": anexo.sha256, "clasificacion": clasificacion},
        )
    return anexo


@exige_rol(es_juridico, SOLO_JURIDICO_ORDEN)
def anexo_eliminar(*, anexo: Anexo, usuario) -> None:
    sesion = anexo.punto.sesion
    flujo.exigir(sesion, flujo.EDITAR_ORDEN)
    with transaction.atomic():
        bitacora_registrar(
            usuario=usuario,
            accion="anexo.eliminar",
            objeto=anexo,
            sesion=sesion,
            datos={"sha256": anexo.sha256, "nombre": anexo.nombre_original},
        )
        archivo = anexo.archivo
        anexo.delete()
        transaction.on_commit(lambda: archivo.delete(save=False))


# Asistencia


@exige_rol(es_juridico, SOLO_JURIDICO_ASISTENCIA)
def asistencia_registrar(
    *,
    sesion: Sesion,
    integrante: Integrante,
    estado: str,
    usuario,
    hora_llegada: datetime.time | None = None,
    nota: str = "",
) -> Asistencia:
    flujo.exigir(sesion, flujo.CAPTURAR_ASISTENCIA)
    if integrante.organo_id != sesion.organo_id or not integrante.vigente_en(
        sesion.fecha_local.date()
    ):
        raise DatosInvalidos(_("Esa persona no integra el órgano en la fecha de la sesión."))
    if estado == "suplente" and integrante.suplente_id is None:
        raise DatosInvalidos(
            _("%(persona)s no tiene suplente registrado.") % {"persona": integrante.persona}
        )
    if estado in ("presente", "suplente") and hora_llegada is None:
        hora_llegada = timezone.localtime().time().replace(second=0, microsecond=0)
    if estado not in ("presente", "suplente"):
        hora_llegada = None
    with transaction.atomic():
        asistencia, _creada = Asistencia.objects.update_or_create(
            sesion=sesion,
            integrante=integrante,
            defaults={
                "estado": estado,
                "hora_llegada": hora_llegada,
                "nota": nota,
                "registrada_por": usuario if usuario and usuario.pk else None,
            },
        )
        bitacora_registrar(
            usuario=usuario,
            accion="asistencia.registrar",
            objeto=asistencia,
            sesion=sesion,
            datos={"estado": estado, "hora_llegada": hora_llegada},
        )
    return asistencia


@exige_rol(es_juridico, SOLO_JURIDICO_ASISTENCIA)
def invitado_agregar(*, sesion: Sesion, persona: Persona, usuario, motivo: str = "") -> Invitado:
    flujo.exigir(sesion, flujo.AGREGAR_INVITADOS)
    if (
        Integrante.objects.vigentes(sesion.fecha_local.date())
        .filter(Q(organo=sesion.organo), Q(persona=persona))
        .exists()
    ):
        raise DatosInvalidos(_("%(p)s ya integra el órgano; no se le invita.") % {"p": persona})
    invitado, creado = Invitado.objects.get_or_create(
        sesion=sesion, persona=persona, defaults={"motivo": motivo}
    )
    if not creado:
        raise DatosInvalidos(_("%(p)s ya está invitado a esta sesión.") % {"p": persona})
    bitacora_registrar(
        usuario=usuario,
        accion="invitado.agregar",
        objeto=invitado,
        sesion=sesion,
        datos={"motivo": motivo},
    )
    return invitado


@exige_rol(es_juridico, SOLO_JURIDICO_ASISTENCIA)
def invitado_registrar_asistencia(*, invitado: Invitado, asistio: bool, usuario) -> Invitado:
    flujo.exigir(invitado.sesion, flujo.CAPTURAR_ASISTENCIA)
    invitado.asistio = asistio
    invitado.hora_llegada = (
        timezone.localtime().time().replace(second=0, microsecond=0) if asistio else None
    )
    invitado.save(update_fields=["asistio", "hora_llegada"])
    bitacora_registrar(
        usuario=usuario,
        accion="invitado.asistencia",
        objeto=invitado,
        sesion=invitado.sesion,
        datos={"asistio": asistio},
    )
    return invitado


@exige_rol(es_juridico, SOLO_JURIDICO_ASISTENCIA)
def invitado_quitar(*, invitado: Invitado, usuario) -> None:
    flujo.exigir(invitado.sesion, flujo.QUITAR_INVITADOS)
    bitacora_registrar(
        usuario=usuario, accion="invitado.quitar", objeto=invitado, sesion=invitado.sesion
    )
    invitado.delete()


@exige_rol(es_juridico, SOLO_JURIDICO_ASISTENCIA)
def persona_registrar(
    *,
    usuario,
    nombre: str,
    titulo: str = "",
    cargo: str = "",
    institucion: str = "",
    correo: str = "",
    sesion: Sesion | None = None,
) -> Persona:
    """Registra a una persona nueva (p. ej. un invitado que no estaba en el padrón)."""
    nombre = nombre.strip()
    if not nombre:
        raise DatosInvalidos(_("Escriba el nombre de la persona."))
    persona = Persona.objects.create(
        nombre=nombre,
        titulo=titulo.strip(),
        cargo=cargo.strip(),
        institucion=institucion.strip(),
        correo=correo.strip(),
    )
    bitacora_registrar(
        usuario=usuario,
        accion="persona.registrar",
        objeto=persona,
        sesion=sesion,
        datos={"nombre": nombre, "institucion": persona.institucion},
    )
    return persona


def anexo_registrar_descarga(*, anexo: Anexo, usuario):
    """Deja constancia de quién bajó un anexo reservado o confidencial; los públicos no."""

    if anexo.clasificacion == Clasificacion.PUBLICA:
        return None
    return DescargaAnexo.objects.create(
        anexo=anexo, usuario=usuario if usuario and usuario.pk else None
    )

"""Escrituras de un acuerdo: captura, datos, correcciones de texto, estados, avances y publicación.

Cada una valida el estado, escribe y deja historia. La votación (`votacion.py`) y el seguimiento
diario (`seguimiento.py`) importan de aquí; este módulo no importa de ellos.
"""

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from acuerdos import flujo
from acuerdos.exceptions import (
    AccionNoPermitida,
    DatosAcuerdoInvalidos,
    ErrorAcuerdos,
    EvidenciaFaltante,
    TransicionAcuerdoNoPermitida,
)
from acuerdos.models import (
    Acuerdo,
    AvanceAcuerdo,
    CambioEstadoAcuerdo,
    EstadoAcuerdo,
    EstadoEnlace,
    MedioPublicacion,
    Publicacion,
    RequierePublicacion,
    Responsable,
    TipoAcuerdo,
    VersionTextoAcuerdo,
    Votacion,
)
from acuerdos.services.comun import (
    SOLO_JURIDICO_CAPTURA,
    SOLO_SEGUIMIENTO,
    etiqueta_estado,
    exigir_capacidad,
    usuario_guardado,
)
from bitacora.services import bitacora_registrar
from comun import habiles, numeracion
from comun.roles import es_juridico, es_seguimiento, exige_rol, exigir_rol
from comun.tareas import encolar_al_confirmar
from sesiones.exceptions import exigir_version, valores_de
from sesiones.models import (
    EstadoSesion,
    OrganoColegiado,
    PuntoOrden,
    Sesion,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Una sesión cancelada o diferida no toma acuerdos; el resto sí (se proyectan antes).
ESTADOS_SESION_SIN_ACUERDOS = (EstadoSesion.CANCELADA, EstadoSesion.DIFERIDA)

# Qué rol toma cada transición lo dice flujo.TRANSICIONES; aquí, cómo se revisa cada rol y por qué
# se niega un destino que es de la Dirección Jurídica.
PRUEBAS_ROL: dict[str, Callable[[User], bool]] = {
    flujo.Rol.JURIDICO: es_juridico,
    flujo.Rol.SEGUIMIENTO: es_seguimiento,
}
MOTIVOS_SOLO_JURIDICO: "dict[str, StrPromise]" = {
    EstadoAcuerdo.APROBADO: gettext_lazy(
        "Solo la Dirección Jurídica aprueba un acuerdo, al registrar su votación."
    ),
    EstadoAcuerdo.RECHAZADO: gettext_lazy(
        "Solo la Dirección Jurídica rechaza un acuerdo, al registrar su votación."
    ),
    EstadoAcuerdo.RETIRADO: gettext_lazy("Solo la Dirección Jurídica retira acuerdos."),
}


def puede_llevar_a(usuario: User | None, estado: str, desde: str | None = None) -> bool:
    """¿Puede el usuario mover un acuerdo a `estado` (desde `desde`, si se sabe)? La misma regla
    que aplica el servicio: el rol de la transición en flujo.py."""
    if usuario is None:
        return True
    transiciones = [
        t for t in flujo.transiciones_hacia(estado) if desde is None or t.origen == desde
    ]
    if not transiciones:
        # No es cuestión de rol: la tabla de transiciones lo rechaza con su propio mensaje.
        return True
    return any(PRUEBAS_ROL[t.rol](usuario) for t in transiciones)


def _exigir_destino(usuario: User | None, estado: str, desde: str | None = None) -> None:
    exigir_rol(usuario, es_seguimiento, SOLO_SEGUIMIENTO)
    if not puede_llevar_a(usuario, estado, desde):
        raise AccionNoPermitida(MOTIVOS_SOLO_JURIDICO.get(estado, SOLO_JURIDICO_CAPTURA))


# Numeración


def clave_acuerdo(*, organo: OrganoColegiado, sesion: Sesion, numero: int, anio: int) -> str:
    try:
        return organo.patron_clave_acuerdo.format(
            siglas=organo.siglas,
            tipo=sesion.codigo_tipo,
            sesion=sesion.numero or 0,
            numero=numero,
            anio=anio,
        )
    except (KeyError, ValueError, IndexError) as error:
        raise DatosAcuerdoInvalidos(
            _("El patrón de clave de acuerdo del órgano «%(patron)s» no es válido: %(error)s")
            % {"patron": organo.patron_clave_acuerdo, "error": error}
        ) from error


def _siguiente_numero(*, organo_id: int, anio: int) -> int:
    ultimo = Acuerdo.objects.filter(organo_id=organo_id, anio=anio).aggregate(m=Max("numero"))["m"]
    return (ultimo or 0) + 1


def _calcular_fecha_limite(
    *, sesion: Sesion, plazo_dias_habiles: int | None, fecha_limite: datetime.date | None
) -> datetime.date | None:
    if plazo_dias_habiles and fecha_limite:
        raise DatosAcuerdoInvalidos(
            _("Indique el plazo en días hábiles o la fecha límite, no ambos.")
        )
    if plazo_dias_habiles:
        return habiles.sumar_dias_habiles(sesion.fecha_local.date(), plazo_dias_habiles)
    if fecha_limite and fecha_limite < sesion.fecha_local.date():
        raise DatosAcuerdoInvalidos(
            _("La fecha límite no puede ser anterior a la sesión (%(fecha)s).")
            % {"fecha": sesion.fecha_local.strftime("%d/%m/%Y")}
        )
    return fecha_limite


@exige_rol(es_juridico, SOLO_JURIDICO_CAPTURA)
def acuerdo_crear(
    *,
    sesion: Sesion,
    texto: str,
    usuario: User | None,
    punto: PuntoOrden | None = None,
    tipo: str = TipoAcuerdo.APROBACION,
    responsable: Responsable | None = None,
    plazo_dias_habiles: int | None = None,
    fecha_limite: datetime.date | None = None,
    publicacion: str = RequierePublicacion.NINGUNA,
) -> Acuerdo:
    """Crea el acuerdo como proyecto con el siguiente número del órgano en el año de la sesión.

    El número se asigna al crearlo, no al aprobarlo: el acta asienta también los acuerdos
    rechazados o retirados con su número, y quien captura en plena sesión necesita la clave
    desde el primer momento. Un número asignado nunca se reutiliza.
    """
    texto = (texto or "").strip()
    if not texto:
        raise DatosAcuerdoInvalidos(_("Escriba el texto del acuerdo."))
    if sesion.estado in ESTADOS_SESION_SIN_ACUERDOS:
        raise TransicionAcuerdoNoPermitida(
            _("Una sesión %(estado)s no toma acuerdos.")
            % {"estado": sesion.get_estado_display().lower()}
        )
    if punto is not None and punto.sesion_id != sesion.pk:
        raise DatosAcuerdoInvalidos(_("El punto elegido no pertenece a esta sesión."))
    limite = _calcular_fecha_limite(
        sesion=sesion, plazo_dias_habiles=plazo_dias_habiles, fecha_limite=fecha_limite
    )
    organo = sesion.organo
    anio = sesion.fecha_local.year

    def crear() -> Acuerdo:
        # En PostgreSQL el candado sobre el órgano ordena a quienes numeran a la vez;
        # SQLite ya serializa las escrituras. La restricción única es la red final.
        list(OrganoColegiado.objects.select_for_update().filter(pk=organo.pk).values("pk"))
        numero = _siguiente_numero(organo_id=organo.pk, anio=anio)
        acuerdo = Acuerdo.objects.create(
            organo=organo,
            sesion=sesion,
            punto=punto,
            anio=anio,
            numero=numero,
            clave=clave_acuerdo(organo=organo, sesion=sesion, numero=numero, anio=anio),
            tipo=tipo,
            texto=texto,
            responsable=responsable,
            plazo_dias_habiles=plazo_dias_habiles or None,
            fecha_limite=limite,
            publicacion=publicacion,
            creado_por=usuario_guardado(usuario),
        )
        VersionTextoAcuerdo.objects.create(
            acuerdo=acuerdo,
            version=1,
            texto=texto,
            motivo=_("Texto inicial"),
            usuario=usuario_guardado(usuario),
        )
        CambioEstadoAcuerdo.objects.create(
            acuerdo=acuerdo,
            estado_anterior="",
            estado_nuevo=EstadoAcuerdo.PROYECTO,
            usuario=usuario_guardado(usuario),
            nota=_("Acuerdo registrado como proyecto."),
        )
        bitacora_registrar(
            usuario=usuario,
            accion="acuerdo.crear",
            objeto=acuerdo,
            sesion=sesion,
            datos={"clave": acuerdo.clave, "numero": numero, "punto": punto},
        )
        return acuerdo

    try:
        return numeracion.numerar(
            crear,
            mensaje_agotado=_("No fue posible asignar un número al acuerdo; intente de nuevo."),
        )
    except numeracion.NumeracionAgotada as error:
        raise ErrorAcuerdos(error.mensaje) from error


CAMPOS_ACTUALIZABLES = ("tipo", "responsable", "plazo_dias_habiles", "fecha_limite", "publicacion")
# Lo que se tiene a la vista al editar un acuerdo (datos o texto): si otra persona cambia algo de
# esto mientras tanto, el formulario abierto queda viejo y se dice qué cambió.
CAMPOS_VISTOS_ACUERDO = ("texto", *CAMPOS_ACTUALIZABLES, "punto")


def _exigir_version_acuerdo(acuerdo: Acuerdo, version: int | None, vistos: dict) -> None:
    exigir_version(
        acuerdo,
        version=version,
        vistos=vistos,
        campos=CAMPOS_VISTOS_ACUERDO,
        encabezado=_("Otra persona modificó este acuerdo mientras usted lo editaba"),
    )


@exige_rol(es_seguimiento, SOLO_SEGUIMIENTO)
def acuerdo_actualizar(
    *,
    acuerdo: Acuerdo,
    usuario: User | None,
    version: int | None = None,
    vistos: dict | None = None,
    **datos,
) -> Acuerdo:
    """Cambia datos de seguimiento (no el texto: eso es una corrección con versión).

    Con `version` (la del formulario), rechaza con EdicionConcurrente si otra persona guardó
    después; `vistos` son los valores que se tenían a la vista (por omisión, los de `acuerdo`).
    """
    if "punto" in datos:
        # Ligar el acuerdo a un punto del orden del día es parte de su captura.
        exigir_rol(usuario, es_juridico, SOLO_JURIDICO_CAPTURA)
    desconocidos = set(datos) - {*CAMPOS_ACTUALIZABLES, "punto"}
    if desconocidos:
        raise DatosAcuerdoInvalidos(_("Campos no editables: %s") % ", ".join(sorted(desconocidos)))
    if vistos is None:
        vistos = valores_de(acuerdo, CAMPOS_VISTOS_ACUERDO)
    with transaction.atomic():
        # Las reglas se revisan contra la fila bloqueada, no contra lo que se cargó antes.
        acuerdo = (
            Acuerdo.objects.select_for_update(of=("self",))
            .select_related("sesion")
            .get(pk=acuerdo.pk)
        )
        exigir_capacidad(acuerdo, flujo.EDITAR_SEGUIMIENTO)
        _exigir_version_acuerdo(acuerdo, version, vistos)
        if "punto" in datos:
            punto = datos["punto"]
            exigir_capacidad(acuerdo, flujo.CAMBIAR_PUNTO)
            if punto is not None and punto.sesion_id != acuerdo.sesion_id:
                raise DatosAcuerdoInvalidos(_("El punto elegido no pertenece a esta sesión."))
        if "plazo_dias_habiles" in datos or "fecha_limite" in datos:
            plazo = datos.get("plazo_dias_habiles", acuerdo.plazo_dias_habiles) or None
            fecha = datos.get("fecha_limite", None if plazo else acuerdo.fecha_limite)
            datos["plazo_dias_habiles"] = plazo
            datos["fecha_limite"] = _calcular_fecha_limite(
                sesion=acuerdo.sesion,
                plazo_dias_habiles=plazo,
                fecha_limite=None if plazo else fecha,
            )
        cambios = {k: v for k, v in datos.items() if getattr(acuerdo, k) != v}
        if not cambios:
            return acuerdo
        for campo, valor in cambios.items():
            setattr(acuerdo, campo, valor)
        acuerdo.version += 1
        acuerdo.save()
        bitacora_registrar(
            usuario=usuario,
            accion="acuerdo.actualizar",
            objeto=acuerdo,
            sesion=acuerdo.sesion,
            datos=cambios,
        )
    return acuerdo


@exige_rol(es_juridico, SOLO_JURIDICO_CAPTURA)
def acuerdo_corregir_texto(
    *,
    acuerdo: Acuerdo,
    texto: str,
    motivo: str,
    usuario: User | None,
    version: int | None = None,
    vistos: dict | None = None,
) -> VersionTextoAcuerdo:
    """Nunca se edita el texto en su lugar: se guarda una versión nueva con su motivo.

    `version` y `vistos` como en `acuerdo_actualizar`: si otra persona corrigió o cambió el
    acuerdo después de abrir el formulario, se rechaza sin crear la versión nueva.
    """
    texto = (texto or "").strip()
    motivo = (motivo or "").strip()
    if not texto:
        raise DatosAcuerdoInvalidos(_("Escriba el texto del acuerdo."))
    if vistos is None:
        vistos = valores_de(acuerdo, CAMPOS_VISTOS_ACUERDO)
    with transaction.atomic():
        acuerdo = (
            Acuerdo.objects.select_for_update(of=("self",))
            .select_related("sesion")
            .get(pk=acuerdo.pk)
        )
        exigir_capacidad(acuerdo, flujo.CORREGIR_TEXTO)
        _exigir_version_acuerdo(acuerdo, version, vistos)
        if texto == acuerdo.texto:
            raise DatosAcuerdoInvalidos(
                _("El texto nuevo es igual al vigente; no hay qué corregir.")
            )
        if flujo.correccion_exige_motivo(acuerdo.estado) and not motivo:
            raise DatosAcuerdoInvalidos(
                _("Un acuerdo ya votado solo se corrige indicando el motivo de la corrección.")
            )
        ultima = acuerdo.versiones.aggregate(m=Max("version"))["m"] or 0
        nueva = VersionTextoAcuerdo.objects.create(
            acuerdo=acuerdo,
            version=ultima + 1,
            texto=texto,
            motivo=motivo,
            usuario=usuario_guardado(usuario),
        )
        acuerdo.texto = texto
        acuerdo.version += 1
        acuerdo.save(update_fields=["texto", "version", "actualizado"])
        bitacora_registrar(
            usuario=usuario,
            accion="acuerdo.corregir_texto",
            objeto=acuerdo,
            sesion=acuerdo.sesion,
            datos={"version": nueva.version, "motivo": motivo[:300]},
        )
    return nueva


# Ciclo de vida


def _revisar_requisitos(acuerdo: Acuerdo, transicion: flujo.Transicion, nota: str) -> None:
    """Lo que la transición exige según flujo.py; el mensaje dice qué falta."""
    estado = transicion.destino
    if transicion.exige_votacion:
        votacion = Votacion.objects.filter(acuerdo=acuerdo).first()
        if votacion is None:
            raise TransicionAcuerdoNoPermitida(
                _("Registre primero la votación: el resultado decide si se aprueba o se rechaza.")
            )
        if votacion.resultado != estado:
            raise TransicionAcuerdoNoPermitida(
                _("La votación registrada dice «%(texto)s»; no puede marcarse como %(estado)s.")
                % {"texto": votacion.texto, "estado": etiqueta_estado(estado)}
            )
    if transicion.exige_nota and not nota:
        raise DatosAcuerdoInvalidos(
            _("Indique el motivo por el que se retira el acuerdo.")
            if estado == EstadoAcuerdo.RETIRADO
            else _("Indique en la nota el motivo del cambio a %(estado)s.")
            % {"estado": etiqueta_estado(estado)}
        )
    if transicion.exige_responsable and acuerdo.responsable_id is None:
        raise DatosAcuerdoInvalidos(
            _("Asigne un responsable antes de poner el acuerdo en seguimiento.")
        )
    if transicion.solo_sin_publicacion and acuerdo.medios_requeridos:
        raise TransicionAcuerdoNoPermitida(
            _(
                "Este acuerdo requiere publicación (%(medios)s): registre la evidencia y márquelo "
                "como publicado."
            )
            % {"medios": RequierePublicacion(acuerdo.publicacion).label}
        )
    if transicion.exige_evidencia:
        _revisar_evidencia_publicacion(acuerdo)


def _revisar_evidencia_publicacion(acuerdo: Acuerdo) -> None:
    requeridos = acuerdo.medios_requeridos
    if not requeridos:
        raise EvidenciaFaltante(
            _("Este acuerdo no requiere publicación; concluya su seguimiento sin publicar.")
        )
    registrados = set(acuerdo.publicaciones.values_list("medio", flat=True))
    faltan = [str(MedioPublicacion(m).label) for m in requeridos if m not in registrados]
    if faltan:
        raise EvidenciaFaltante(
            _("Falta la evidencia de publicación en: %(medios)s.") % {"medios": ", ".join(faltan)}
        )


def acuerdo_cambiar_estado(
    *,
    acuerdo: Acuerdo,
    estado: str,
    usuario: User | None,
    nota: str = "",
    evidencia_url: str = "",
    evidencia_archivo=None,
    fecha: datetime.datetime | None = None,
) -> Acuerdo:
    """Única puerta para cambiar el estado de un acuerdo: revisa quién, la tabla y lo que la
    transición exige, todo según flujo.py."""
    nota = (nota or "").strip()
    if estado not in EstadoAcuerdo.values:
        raise TransicionAcuerdoNoPermitida(_("Estado de acuerdo desconocido."))
    # Antes de cargar nada: sin el rol para ese destino no se toca el acuerdo.
    _exigir_destino(usuario, estado)
    with transaction.atomic():
        acuerdo = (
            Acuerdo.objects.select_for_update()
            .select_related("sesion", "organo")
            .get(pk=acuerdo.pk)
        )
        anterior = acuerdo.estado
        transicion = flujo.transicion(anterior, estado)
        if transicion is None:
            permitidos = flujo.TRANSICIONES_ACUERDO[anterior]
            destinos = ", ".join(etiqueta_estado(e) for e in permitidos) or _(
                "ninguno (estado final)"
            )
            raise TransicionAcuerdoNoPermitida(
                _(
                    "Un acuerdo %(de)s no puede pasar a %(a)s. Desde %(de)s solo puede pasar "
                    "a: %(destinos)s."
                )
                % {
                    "de": etiqueta_estado(anterior),
                    "a": etiqueta_estado(estado),
                    "destinos": destinos,
                }
            )
        _exigir_destino(usuario, estado, desde=anterior)
        _revisar_requisitos(acuerdo, transicion, nota)
        acuerdo.estado = estado
        acuerdo.save()
        cambio = CambioEstadoAcuerdo(
            acuerdo=acuerdo,
            estado_anterior=anterior,
            estado_nuevo=estado,
            usuario=usuario_guardado(usuario),
            fecha=fecha or timezone.now(),
            nota=nota,
            evidencia_url=evidencia_url or "",
        )
        if evidencia_archivo:
            cambio.evidencia_nombre = Path(evidencia_archivo.name).name[:255]
            cambio.evidencia_archivo = evidencia_archivo
        cambio.save()
        bitacora_registrar(
            usuario=usuario,
            accion="acuerdo.estado",
            objeto=acuerdo,
            sesion=acuerdo.sesion,
            datos={"de": anterior, "a": estado, "nota": nota[:300], "url": evidencia_url},
        )
        if estado == EstadoAcuerdo.EN_SEGUIMIENTO:
            encolar_al_confirmar("acuerdos.tasks.avisar_asignacion", cambio.pk)
    return acuerdo


def acuerdos_cambiar_estado_masivo(
    *, acuerdos, estado: str, usuario: User | None, nota: str = ""
) -> tuple[list[Acuerdo], list[tuple[Acuerdo, str]]]:
    """Cada acuerdo pasa por la misma puerta; los que no pueden, se informan con su motivo.

    El rol se revisa antes de empezar: sin permiso no se cambia ninguno (403), no uno por uno.
    """
    if estado not in EstadoAcuerdo.values:
        raise TransicionAcuerdoNoPermitida(_("Estado de acuerdo desconocido."))
    _exigir_destino(usuario, estado)
    hechos, rechazados = [], []
    for acuerdo in acuerdos:
        try:
            hechos.append(
                acuerdo_cambiar_estado(acuerdo=acuerdo, estado=estado, usuario=usuario, nota=nota)
            )
        except (TransicionAcuerdoNoPermitida, DatosAcuerdoInvalidos, EvidenciaFaltante) as error:
            rechazados.append((acuerdo, error.mensaje))
    return hechos, rechazados


@exige_rol(es_seguimiento, SOLO_SEGUIMIENTO)
def acuerdos_asignar_responsable(
    *, acuerdos, responsable: Responsable, usuario: User | None
) -> tuple[list[Acuerdo], list[tuple[Acuerdo, str]]]:
    hechos, rechazados = [], []
    for acuerdo in acuerdos:
        try:
            hechos.append(
                acuerdo_actualizar(acuerdo=acuerdo, usuario=usuario, responsable=responsable)
            )
        except (TransicionAcuerdoNoPermitida, DatosAcuerdoInvalidos) as error:
            rechazados.append((acuerdo, error.mensaje))
    return hechos, rechazados


# Avances y publicación


@exige_rol(es_seguimiento, SOLO_SEGUIMIENTO)
def avance_registrar(
    *,
    acuerdo: Acuerdo,
    usuario: User | None,
    nota: str,
    evidencia_url: str = "",
    evidencia_archivo=None,
) -> AvanceAcuerdo:
    nota = (nota or "").strip()
    if not nota:
        raise DatosAcuerdoInvalidos(_("Describa el avance."))
    exigir_capacidad(acuerdo, flujo.REGISTRAR_AVANCE)
    with transaction.atomic():
        avance = AvanceAcuerdo(
            acuerdo=acuerdo,
            nota=nota,
            evidencia_url=evidencia_url or "",
            usuario=usuario_guardado(usuario),
        )
        if evidencia_archivo:
            avance.evidencia_nombre = Path(evidencia_archivo.name).name[:255]
            avance.evidencia_archivo = evidencia_archivo
        avance.save()
        bitacora_registrar(
            usuario=usuario,
            accion="acuerdo.avance",
            objeto=acuerdo,
            sesion=acuerdo.sesion,
            datos={"nota": nota[:300], "url": evidencia_url},
        )
    return avance


@exige_rol(es_seguimiento, SOLO_SEGUIMIENTO)
def publicacion_registrar(
    *,
    acuerdo: Acuerdo,
    usuario: User | None,
    medio: str,
    fecha: datetime.date | None,
    url: str = "",
    numero_periodico: str = "",
    tomo_seccion: str = "",
    numero_publicacion: str = "",
    archivo=None,
) -> Publicacion:
    """Evidencia de un medio: web con URL y fecha; Periódico Oficial con número, fecha,
    tomo o sección y número de publicación."""
    exigir_capacidad(acuerdo, flujo.REGISTRAR_PUBLICACION)
    if medio not in acuerdo.medios_requeridos:
        raise DatosAcuerdoInvalidos(
            _("Este acuerdo no requiere publicación en %(medio)s (requiere: %(requiere)s).")
            % {
                "medio": MedioPublicacion(medio).label
                if medio in MedioPublicacion.values
                else medio,
                "requiere": RequierePublicacion(acuerdo.publicacion).label,
            }
        )
    url = (url or "").strip()
    faltan = []
    if not fecha:
        faltan.append(_("fecha de publicación"))
    if medio == MedioPublicacion.WEB:
        if not url.lower().startswith(("http://", "https://")):
            faltan.append(_("URL (http o https)"))
    else:
        for valor, nombre in (
            (numero_periodico, _("número del Periódico Oficial")),
            (tomo_seccion, _("tomo o sección")),
            (numero_publicacion, _("número de publicación")),
        ):
            if not (valor or "").strip():
                faltan.append(nombre)
    if faltan:
        raise EvidenciaFaltante(
            _("Para registrar la publicación en %(medio)s falta: %(faltan)s.")
            % {"medio": MedioPublicacion(medio).label, "faltan": ", ".join(str(f) for f in faltan)}
        )
    assert fecha is not None  # sin fecha, `faltan` ya lo rechazó
    with transaction.atomic():
        publicacion = Publicacion(
            acuerdo=acuerdo,
            medio=medio,
            url=url,
            fecha=fecha,
            numero_periodico=numero_periodico.strip(),
            tomo_seccion=tomo_seccion.strip(),
            numero_publicacion=numero_publicacion.strip(),
            usuario=usuario_guardado(usuario),
        )
        if archivo:
            publicacion.archivo_nombre = Path(archivo.name).name[:255]
            publicacion.archivo = archivo
        publicacion.save()
        if medio == MedioPublicacion.WEB:
            # Un enlace nuevo se vuelve a revisar desde cero.
            Acuerdo.objects.filter(pk=acuerdo.pk).update(
                enlace_estado=EstadoEnlace.SIN_REVISAR,
                enlace_motivo="",
                enlace_revisado=None,
                requiere_revision=False,
            )
        bitacora_registrar(
            usuario=usuario,
            accion="acuerdo.publicacion",
            objeto=acuerdo,
            sesion=acuerdo.sesion,
            datos={
                "medio": medio,
                "url": url,
                "fecha": fecha,
                "numero": numero_periodico,
                "tomo_seccion": tomo_seccion,
                "publicacion": numero_publicacion,
            },
        )
    return publicacion

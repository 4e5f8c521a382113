"""Acuerdos de demostración del primer trimestre de 2022: 5 del Órgano de Gobierno y 3 de la
Comisión Ejecutiva, con votaciones y estados realistas (publicados con evidencia, uno vencido).

Todo pasa por los servicios, así que la historia queda como en la vida real; después se
llevan las fechas de la historia a las del trimestre. Cargar dos veces no cambia nada.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction

from acuerdos import services
from acuerdos.models import (
    Acuerdo,
    CambioEstadoAcuerdo,
    EstadoAcuerdo,
    MedioPublicacion,
    Publicacion,
    RequierePublicacion,
    Responsable,
    TipoAcuerdo,
    VersionTextoAcuerdo,
    Votacion,
)
from sesiones.models import PuntoMarco, Sesion, TipoPunto

MX = zoneinfo.ZoneInfo("America/Mexico_City")
WEB = "https://sesaech.example"

RESPONSABLES = {
    "st": ("Secretaría Técnica", True, "secretaria.tecnica@sesaech.example"),
    "dj": ("Dirección Jurídica", True, "direccion.juridica@sesaech.example"),
    "uaa": ("Unidad de Apoyo Administrativo", True, "apoyo.administrativo@sesaech.example"),
    "ce": ("Coordinación de la Comisión Ejecutiva", False, "comision.ejecutiva@sesaech.example"),
}


@dataclass
class AcuerdoDemo:
    texto: str
    tipo: str
    responsable: str
    publicacion: str
    estado: str  # estado final
    votos: tuple[int, int, int] | None = (
        None  # (a favor, en contra, abstenciones); None = unanimidad
    )
    plazo_dias: int | None = None
    web: tuple[str, datetime.date] | None = None
    periodico: dict = field(default_factory=dict)
    dias_cumplido: int = 20


OG = [
    AcuerdoDemo(
        "Se aprueba el Estatuto Orgánico de la Secretaría Ejecutiva del Sistema Anticorrupción del "
        "Estado de Chiapas y se instruye a la Secretaria Técnica a gestionar su publicación en el "
        "Periódico Oficial del Estado y en la página electrónica institucional.",
        TipoAcuerdo.APROBACION,
        "dj",
        RequierePublicacion.AMBOS,
        EstadoAcuerdo.PUBLICADO,
        plazo_dias=15,
        web=(f"{WEB}/normatividad/estatuto-organico-2022", datetime.date(2022, 3, 2)),
        periodico={
            "fecha": datetime.date(2022, 2, 23),
            "numero_periodico": "209",
            "tomo_seccion": "Tomo III, 2.ª sección",
            "numero_publicacion": "Publicación No. 1789-A-2022",
        },
    ),
    AcuerdoDemo(
        "Se aprueba el Programa Anual de Trabajo 2022 de la Secretaría Ejecutiva del Sistema "
        "Anticorrupción del Estado de Chiapas.",
        TipoAcuerdo.APROBACION,
        "st",
        RequierePublicacion.WEB,
        EstadoAcuerdo.PUBLICADO,
        plazo_dias=10,
        web=(f"{WEB}/transparencia/programa-anual-2022", datetime.date(2022, 2, 15)),
    ),
    AcuerdoDemo(
        "Se aprueba el calendario de sesiones ordinarias 2022 del Órgano de Gobierno.",
        TipoAcuerdo.APROBACION,
        "dj",
        RequierePublicacion.WEB,
        EstadoAcuerdo.PUBLICADO,
        web=(f"{WEB}/organo-de-gobierno/calendario-2022", datetime.date(2022, 2, 10)),
    ),
    AcuerdoDemo(
        "Se aprueban los estados financieros de la Secretaría Ejecutiva al 31 de diciembre de 2021 "
        "y se instruye a la Unidad de Apoyo Administrativo a remitirlos a la Secretaría de "
        "Hacienda y publicarlos en la página electrónica.",
        TipoAcuerdo.INSTRUCCION,
        "uaa",
        RequierePublicacion.WEB,
        EstadoAcuerdo.EN_SEGUIMIENTO,
        votos=(6, 0, 1),
        plazo_dias=20,
    ),
    AcuerdoDemo(
        "El Órgano de Gobierno toma conocimiento del Informe anual de actividades 2021 de la "
        "Secretaria Técnica.",
        TipoAcuerdo.TOMA_CONOCIMIENTO,
        "st",
        RequierePublicacion.NINGUNA,
        EstadoAcuerdo.CONCLUIDO,
    ),
]

CE = {
    "SO-06-CE/SAECH/2022": AcuerdoDemo(
        "Se aprueba la Recomendación Pública No Vinculante en materia de interconexión al Sistema "
        "Electrónico Estatal y se instruye su publicación en la página electrónica.",
        TipoAcuerdo.RECOMENDACION,
        "ce",
        RequierePublicacion.WEB,
        EstadoAcuerdo.PUBLICADO,
        plazo_dias=10,
        web=(f"{WEB}/comision-ejecutiva/recomendacion-01-2022", datetime.date(2022, 2, 1)),
    ),
    "SO-07-CE/SAECH/2022": AcuerdoDemo(
        "La Comisión Ejecutiva toma conocimiento del Informe Ejecutivo de cierre del periodo "
        "2021-2022 de sus Comisiones Especializadas.",
        TipoAcuerdo.TOMA_CONOCIMIENTO,
        "ce",
        RequierePublicacion.NINGUNA,
        EstadoAcuerdo.CONCLUIDO,
    ),
    "SO-01-CE/SAECH/2022": AcuerdoDemo(
        "Se aprueban las Reglas de Operación del Grupo Interdisciplinario y se instruye su "
        "publicación en la página electrónica.",
        TipoAcuerdo.APROBACION,
        "ce",
        RequierePublicacion.WEB,
        EstadoAcuerdo.CUMPLIDO,
        votos=(3, 0, 1),
        dias_cumplido=15,
    ),
}

# Camino de estados tras la votación hasta el estado final de cada acuerdo.
CAMINOS: dict[str, list[EstadoAcuerdo]] = {
    EstadoAcuerdo.EN_SEGUIMIENTO: [EstadoAcuerdo.EN_SEGUIMIENTO],
    EstadoAcuerdo.CUMPLIDO: [EstadoAcuerdo.EN_SEGUIMIENTO, EstadoAcuerdo.CUMPLIDO],
    EstadoAcuerdo.PUBLICADO: [
        EstadoAcuerdo.EN_SEGUIMIENTO,
        EstadoAcuerdo.CUMPLIDO,
        EstadoAcuerdo.PUBLICADO,
    ],
    EstadoAcuerdo.CONCLUIDO: [EstadoAcuerdo.CONCLUIDO],
}


def _responsables() -> dict[str, Responsable]:
    return {
        clave: Responsable.objects.get_or_create(
            nombre=nombre, defaults={"es_area_interna": interna, "correo": correo}
        )[0]
        for clave, (nombre, interna, correo) in RESPONSABLES.items()
    }


def _puntos(sesion: Sesion) -> list:
    sustantivos = list(sesion.puntos.filter(tipo=TipoPunto.ACUERDO, marco="").order_by("orden"))
    return sustantivos or list(sesion.puntos.filter(marco=PuntoMarco.ORDEN_DIA))


def _al(fecha: datetime.date, hora: int = 12) -> datetime.datetime:
    return datetime.datetime(fecha.year, fecha.month, fecha.day, hora, tzinfo=MX)


def _cargar(
    sesion: Sesion, punto, datos: AcuerdoDemo, responsables, usuario: User | None
) -> Acuerdo:
    acuerdo = services.acuerdo_crear(
        sesion=sesion,
        punto=punto,
        texto=datos.texto,
        tipo=datos.tipo,
        usuario=usuario,
        responsable=responsables[datos.responsable],
        publicacion=datos.publicacion,
        plazo_dias_habiles=datos.plazo_dias,
    )
    presentes = services.integrantes_presentes_con_voto(sesion).count()
    a_favor, en_contra, abstenciones = datos.votos or (presentes, 0, 0)
    services.votacion_registrar(
        acuerdo=acuerdo,
        usuario=usuario,
        modo="totales",
        a_favor=min(a_favor, presentes),
        en_contra=en_contra,
        abstenciones=abstenciones,
    )
    fecha_sesion = sesion.fecha_local.date()
    cumplido = fecha_sesion + datetime.timedelta(days=datos.dias_cumplido)
    for estado in CAMINOS.get(datos.estado, []):
        fecha = _al(fecha_sesion + datetime.timedelta(days=2))
        nota = "Se turna al área responsable para su atención."
        if estado == EstadoAcuerdo.CUMPLIDO:
            fecha, nota = _al(cumplido), "El área responsable informa su cumplimiento."
        if estado == EstadoAcuerdo.CONCLUIDO:
            nota = "No requiere procedimiento alguno para su seguimiento."
        if estado == EstadoAcuerdo.PUBLICADO:
            _publicar(acuerdo, datos, usuario)
            fechas = [d for d in (datos.web and datos.web[1], datos.periodico.get("fecha")) if d]
            fecha, nota = _al(max(fechas)), "Publicado; evidencia registrada."
        services.acuerdo_cambiar_estado(
            acuerdo=acuerdo, estado=estado, usuario=usuario, nota=nota, fecha=fecha
        )
    _fechar_historia(acuerdo, sesion)
    return acuerdo


def _publicar(acuerdo: Acuerdo, datos: AcuerdoDemo, usuario: User | None) -> None:
    acuerdo.refresh_from_db()
    if datos.web:
        url, fecha = datos.web
        services.publicacion_registrar(
            acuerdo=acuerdo, usuario=usuario, medio=MedioPublicacion.WEB, url=url, fecha=fecha
        )
    if datos.periodico:
        services.publicacion_registrar(
            acuerdo=acuerdo, usuario=usuario, medio=MedioPublicacion.PERIODICO, **datos.periodico
        )
    for publicacion in Publicacion.objects.filter(acuerdo=acuerdo):
        Publicacion.objects.filter(pk=publicacion.pk).update(registrada=_al(publicacion.fecha, 13))


def _fechar_historia(acuerdo: Acuerdo, sesion: Sesion) -> None:
    """La historia creada hoy se lleva al día de la sesión, como si se hubiera capturado ahí."""
    inicio = sesion.fecha_hora
    Acuerdo.objects.filter(pk=acuerdo.pk).update(creado=inicio)
    VersionTextoAcuerdo.objects.filter(acuerdo=acuerdo).update(fecha=inicio)
    Votacion.objects.filter(acuerdo=acuerdo).update(fecha=inicio + datetime.timedelta(minutes=5))
    CambioEstadoAcuerdo.objects.filter(
        acuerdo=acuerdo, estado_nuevo__in=[EstadoAcuerdo.PROYECTO]
    ).update(fecha=inicio)
    CambioEstadoAcuerdo.objects.filter(
        acuerdo=acuerdo, estado_nuevo__in=[EstadoAcuerdo.APROBADO, EstadoAcuerdo.RECHAZADO]
    ).update(fecha=inicio + datetime.timedelta(minutes=5))


def cargar_acuerdos_demo() -> list[Acuerdo]:
    """Los 8 acuerdos del trimestre. Una sesión que ya tiene acuerdos no se vuelve a cargar."""
    usuario = User.objects.filter(username="juridico").first()
    responsables = _responsables()
    cargados = []
    with transaction.atomic():
        og = Sesion.objects.get(organo__siglas="OG", clave="SO-01-OG/SAECH/2022")
        if not og.acuerdos.exists():
            puntos = _puntos(og)
            for i, datos in enumerate(OG):
                punto = puntos[i] if i < len(puntos) else puntos[-1]
                cargados.append(_cargar(og, punto, datos, responsables, usuario))
        # En orden cronológico: la numeración del año sigue el orden de las sesiones.
        for clave, datos in CE.items():
            sesion = Sesion.objects.get(organo__siglas="CE", clave=clave)
            if sesion.acuerdos.exists():
                continue
            puntos = _puntos(sesion)
            cargados.append(
                _cargar(sesion, puntos[0] if puntos else None, datos, responsables, usuario)
            )
    return cargados

"""Datos de demostración: los cuatro órganos y las siete sesiones de enero a marzo de 2022.

Las personas son ficticias; las sesiones, sedes y fechas son las del informe del primer
trimestre de 2022. Todo pasa por los servicios, así que la historia queda como en la vida real.
Cargar dos veces no cambia nada: cada paso busca lo que ya existe antes de crear.
"""

import datetime
import io
import zoneinfo
from dataclasses import dataclass, field

import docx
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from comun.roles import GRUPO_INTEGRANTE, GRUPO_JURIDICO, GRUPO_SEGUIMIENTO
from sesiones import services
from sesiones.models import (
    Clasificacion,
    EstadoSesion,
    Integrante,
    Modalidad,
    OrganoColegiado,
    Periodo,
    Persona,
    RolIntegrante,
    Sesion,
    TipoPunto,
    TipoSesion,
    UnidadAviso,
)

MX = zoneinfo.ZoneInfo("America/Mexico_City")
CLAVE_DEMO = "sesiones2022"

TRIBUNAL = "instalaciones del Tribunal Administrativo del Poder Judicial del Estado de Chiapas"
AUDITORIA = "instalaciones de la Auditoría Superior del Estado de Chiapas"
SALA_SESAECH = (
    "Sala de Juntas de la Secretaría Ejecutiva del Sistema Anticorrupción del Estado de Chiapas"
)

NOMBRES_F = [
    "Adriana",
    "Carmen",
    "Elena",
    "Gabriela",
    "Irene",
    "Karla",
    "Mariana",
    "Olga",
    "Rebeca",
    "Tania",
    "Valeria",
    "Yolanda",
    "Beatriz",
    "Ximena",
    "Lucía",
]
NOMBRES_M = [
    "Benjamín",
    "Daniel",
    "Fernando",
    "Héctor",
    "Joaquín",
    "Leonardo",
    "Nicolás",
    "Patricio",
    "Sergio",
    "Ulises",
    "Xavier",
    "Zacarías",
    "Octavio",
    "Rodrigo",
    "Emilio",
]
# Tratamientos y cargos que delatan el género, para que nombre y título concuerden.
MARCAS_FEMENINAS = ("Dra.", "Mtra.", "Secretaria", "Presidenta", "Comisionada")
APELLIDOS = [
    "Aguilar Ruiz",
    "Bermúdez Coello",
    "Castañeda Pérez",
    "Domínguez Farrera",
    "Espinosa Nájera",
    "Figueroa López",
    "Gutiérrez Albores",
    "Hernández Ocaña",
    "Ibáñez Toledo",
    "Jiménez Culebro",
    "Kánter Moguel",
    "Lara Zenteno",
    "Méndez Cruz",
    "Núñez Grajales",
    "Orantes Velasco",
    "Peña Solís",
    "Quintero Ozuna",
    "Ramírez Coutiño",
    "Sánchez Ballinas",
    "Trujillo Esponda",
    "Urbina Moreno",
    "Vázquez Gordillo",
    "Cancino Esquinca",
    "Yáñez Rincón",
    "Zepeda Camacho",
    "Morales Fonseca",
    "Ocampo Guillén",
    "Rovelo Pinto",
    "Estrada Mijangos",
    "Corzo Macías",
]


def _persona(indice: int, titulo: str, cargo: str, institucion: str) -> Persona:
    femenino = any(marca in f"{titulo} {cargo}" for marca in MARCAS_FEMENINAS)
    nombres = NOMBRES_F if femenino else NOMBRES_M
    nombre = f"{nombres[(indice + indice // len(nombres)) % len(nombres)]} {APELLIDOS[(indice * 7) % len(APELLIDOS)]}"
    correo = f"demo{indice:02d}@sesaech.example"
    persona, _ = Persona.objects.get_or_create(
        correo=correo,
        defaults={"nombre": nombre, "titulo": titulo, "cargo": cargo, "institucion": institucion},
    )
    return persona


# (título, cargo, institución, rol) — composición ficticia con cargos reales del sistema.
COMITE_COORDINADOR = [
    (
        "Dra.",
        "Presidenta del Comité de Participación Ciudadana",
        "Comité de Participación Ciudadana",
        RolIntegrante.PRESIDENTE,
    ),
    (
        "C.P.",
        "Auditor Superior del Estado",
        "Auditoría Superior del Estado de Chiapas",
        RolIntegrante.INTEGRANTE,
    ),
    (
        "Mtro.",
        "Fiscal Anticorrupción",
        "Fiscalía General del Estado de Chiapas",
        RolIntegrante.INTEGRANTE,
    ),
    (
        "Lic.",
        "Secretaria de la Honestidad y Función Pública",
        "Secretaría de la Honestidad y Función Pública",
        RolIntegrante.INTEGRANTE,
    ),
    (
        "Mtra.",
        "Comisionada Presidenta",
        "Instituto de Transparencia, Acceso a la Información y Protección de Datos Personales del Estado de Chiapas",
        RolIntegrante.INTEGRANTE,
    ),
    (
        "Mtro.",
        "Magistrado Presidente",
        "Tribunal Administrativo del Poder Judicial del Estado de Chiapas",
        RolIntegrante.INTEGRANTE,
    ),
    (
        "Dr.",
        "Representante del Consejo de la Judicatura",
        "Consejo de la Judicatura del Poder Judicial del Estado de Chiapas",
        RolIntegrante.INTEGRANTE,
    ),
]
ORGANO_GOBIERNO = COMITE_COORDINADOR  # El Órgano de Gobierno lo integran los mismos titulares.
COMISION_EJECUTIVA = [
    (
        "Mtra.",
        "Secretaria Técnica",
        "Secretaría Ejecutiva del Sistema Anticorrupción del Estado de Chiapas",
        RolIntegrante.PRESIDENTE,
    ),
    (
        "Lic.",
        "Integrante del Comité de Participación Ciudadana",
        "Comité de Participación Ciudadana",
        RolIntegrante.INTEGRANTE,
    ),
    (
        "Dr.",
        "Integrante del Comité de Participación Ciudadana",
        "Comité de Participación Ciudadana",
        RolIntegrante.INTEGRANTE,
    ),
    (
        "Mtra.",
        "Integrante del Comité de Participación Ciudadana",
        "Comité de Participación Ciudadana",
        RolIntegrante.INTEGRANTE,
    ),
]
SISTEMA_OTROS = [
    ("Lic.", "Titular del Órgano Interno de Control", f"Órgano Interno de Control de {ente}")
    for ente in (
        "la Secretaría de Hacienda",
        "la Secretaría General de Gobierno",
        "la Secretaría de Salud",
        "la Secretaría de Educación",
        "la Secretaría de Obras Públicas",
        "el Instituto de Elecciones y Participación Ciudadana",
        "la Comisión Estatal de los Derechos Humanos",
        "la Universidad Autónoma de Chiapas",
        "el H. Congreso del Estado",
        "el Poder Judicial del Estado",
        "el Instituto de Seguridad Social de los Trabajadores del Estado",
        "la Secretaría de Movilidad y Transporte",
        "la Secretaría de Economía y del Trabajo",
        "la Secretaría del Medio Ambiente e Historia Natural",
        "la Secretaría de Bienestar",
        "la Secretaría de Turismo",
        "la Fiscalía General del Estado",
        "la Universidad de Ciencias y Artes de Chiapas",
        "el Instituto de Salud del Estado",
    )
]


@dataclass
class OrganoDemo:
    siglas: str
    nombre: str
    nombre_completo: str
    orden: int
    meta_actas: int
    patron_clave: str = "{tipo}-{numero:02d}-{siglas}/SAECH/{anio}"
    genero: str = "m"
    periodos: list[tuple[str, datetime.date, datetime.date]] = field(default_factory=list)


ORGANOS = [
    OrganoDemo(
        "SAECH",
        "Sistema Anticorrupción del Estado de Chiapas",
        "Sistema Anticorrupción del Estado de Chiapas",
        1,
        2,
        patron_clave="{tipo}-{numero:02d}/{siglas}/{anio}",
        periodos=[("2022", datetime.date(2022, 1, 1), datetime.date(2022, 12, 31))],
    ),
    OrganoDemo(
        "CC",
        "Comité Coordinador",
        "Comité Coordinador del Sistema Anticorrupción del Estado de Chiapas",
        2,
        4,
        periodos=[("2021-2022", datetime.date(2021, 5, 1), datetime.date(2022, 4, 30))],
    ),
    OrganoDemo(
        "OG",
        "Órgano de Gobierno",
        "Órgano de Gobierno de la Secretaría Ejecutiva del Sistema Anticorrupción del Estado de Chiapas",
        3,
        4,
        periodos=[("2022", datetime.date(2022, 1, 1), datetime.date(2022, 12, 31))],
    ),
    OrganoDemo(
        "CE",
        "Comisión Ejecutiva",
        "Comisión Ejecutiva de la Secretaría Ejecutiva del Sistema Anticorrupción del Estado de Chiapas",
        4,
        4,
        genero="f",
        periodos=[
            ("2021-2022", datetime.date(2021, 3, 11), datetime.date(2022, 3, 10)),
            ("2022-2023", datetime.date(2022, 3, 11), datetime.date(2023, 3, 10)),
        ],
    ),
]


def _organo(datos: OrganoDemo) -> OrganoColegiado:
    organo, _ = OrganoColegiado.objects.get_or_create(
        siglas=datos.siglas,
        defaults={
            "nombre": datos.nombre,
            "nombre_completo": datos.nombre_completo,
            "orden": datos.orden,
            "patron_clave": datos.patron_clave,
            "meta_actas_anual": datos.meta_actas,
            "genero": datos.genero,
            "meta_acuerdos_anual": 12,
            "aviso_ordinaria": 5,
            "aviso_ordinaria_unidad": UnidadAviso.DIAS_HABILES,
            "aviso_extraordinaria": 24,
            "aviso_extraordinaria_unidad": UnidadAviso.HORAS,
        },
    )
    for nombre, inicio, fin in datos.periodos:
        Periodo.objects.get_or_create(
            organo=organo, nombre=nombre, defaults={"fecha_inicio": inicio, "fecha_fin": fin}
        )
    return organo


def _integrar(organo, personas_roles, inicio=datetime.date(2021, 1, 1)) -> None:
    for orden, (persona, rol) in enumerate(personas_roles, 1):
        Integrante.objects.get_or_create(
            organo=organo,
            persona=persona,
            defaults={"rol": rol, "con_voto": True, "fecha_inicio": inicio, "orden": orden},
        )


def cargar_organos_demo() -> dict[str, OrganoColegiado]:
    organos = {datos.siglas: _organo(datos) for datos in ORGANOS}
    titulares = [_persona(i, t, c, inst) for i, (t, c, inst, _r) in enumerate(COMITE_COORDINADOR)]
    roles_cc = [r for *_x, r in COMITE_COORDINADOR]
    _integrar(organos["CC"], list(zip(titulares, roles_cc, strict=True)))
    _integrar(organos["OG"], list(zip(titulares, roles_cc, strict=True)))
    comision = [
        _persona(10 + i, t, c, inst) for i, (t, c, inst, _r) in enumerate(COMISION_EJECUTIVA)
    ]
    _integrar(organos["CE"], list(zip(comision, [r for *_x, r in COMISION_EJECUTIVA], strict=True)))
    otros = [_persona(20 + i, t, c, inst) for i, (t, c, inst) in enumerate(SISTEMA_OTROS)]
    # El pleno del Sistema: los 7 titulares del Comité Coordinador y 19 titulares de control interno.
    _integrar(
        organos["SAECH"],
        [(p, r) for p, r in zip(titulares, roles_cc, strict=True)]
        + [(p, RolIntegrante.INTEGRANTE) for p in otros],
    )
    suplente = _persona(
        50, "Lic.", "Director de Auditoría", "Auditoría Superior del Estado de Chiapas"
    )
    Integrante.objects.filter(
        organo=organos["CC"], persona=titulares[1], suplente__isnull=True
    ).update(suplente=suplente)
    return organos


@dataclass
class SesionDemo:
    siglas: str
    periodo: str
    tipo: str
    numero: int
    fecha_hora: datetime.datetime
    sede: str
    puntos: list[tuple[str, str, str]]  # (asunto, tipo, presenta)
    titulo: str = ""
    modalidad: str = Modalidad.PRESENCIAL
    enlace: str = ""
    invitado: tuple[str, str, str] | None = None  # (título, cargo, institución)
    ausentes: int = 0


def _dt(anio, mes, dia, hora, minuto=0) -> datetime.datetime:
    return datetime.datetime(anio, mes, dia, hora, minuto, tzinfo=MX)


SESIONES_2022 = [
    SesionDemo(
        "CE",
        "2021-2022",
        TipoSesion.ORDINARIA,
        6,
        _dt(2022, 1, 19, 11),
        SALA_SESAECH,
        [
            (
                "Análisis y, en su caso, aprobación del proyecto de Recomendación Pública No Vinculante "
                "en materia de interconexión al Sistema Electrónico Estatal.",
                TipoPunto.ACUERDO,
                "la Secretaria Técnica",
            )
        ],
        modalidad=Modalidad.MIXTA,
        enlace="https://reuniones.sesaech.example/ce-so-06",
    ),
    SesionDemo(
        "CC",
        "2021-2022",
        TipoSesion.ORDINARIA,
        4,
        _dt(2022, 2, 4, 10, 30),
        TRIBUNAL,
        [
            (
                "Presentación y, en su caso, aprobación del «Plan de Trabajo para el Diseño e "
                "Implementación del Sistema Electrónico Estatal».",
                TipoPunto.ACUERDO,
                "la Secretaria Técnica",
            )
        ],
        ausentes=1,
    ),
    SesionDemo(
        "OG",
        "2022",
        TipoSesion.ORDINARIA,
        1,
        _dt(2022, 2, 4, 12, 30),
        TRIBUNAL,
        [
            (
                "Análisis y, en su caso, aprobación del Estatuto Orgánico de la Secretaría Ejecutiva "
                "del Sistema Anticorrupción del Estado de Chiapas.",
                TipoPunto.ACUERDO,
                "la Secretaria Técnica",
            ),
            (
                "Aprobación del Programa Anual de Trabajo 2022 de la Secretaría Ejecutiva.",
                TipoPunto.ACUERDO,
                "la Secretaria Técnica",
            ),
            (
                "Aprobación del calendario de sesiones ordinarias 2022 del Órgano de Gobierno.",
                TipoPunto.ACUERDO,
                "la Secretaria Técnica",
            ),
            (
                "Presentación y, en su caso, aprobación de los estados financieros al 31 de diciembre de 2021.",
                TipoPunto.ACUERDO,
                "el Titular de la Unidad de Apoyo Administrativo",
            ),
            (
                "Informe anual de actividades de la Secretaria Técnica 2021.",
                TipoPunto.ACUERDO,
                "la Secretaria Técnica",
            ),
        ],
    ),
    SesionDemo(
        "CE",
        "2021-2022",
        TipoSesion.ORDINARIA,
        7,
        _dt(2022, 3, 8, 11),
        SALA_SESAECH,
        [
            (
                "Informe Ejecutivo de cierre del periodo 2021-2022 de las Comisiones Especializadas de "
                "la Comisión Ejecutiva que presenta el Consejero Coordinador.",
                TipoPunto.ACUERDO,
                "el Consejero Coordinador",
            )
        ],
    ),
    SesionDemo(
        "SAECH",
        "2022",
        TipoSesion.ORDINARIA,
        1,
        _dt(2022, 3, 9, 10),
        AUDITORIA,
        [
            (
                "Toma de protesta del nuevo Presidente del Sistema Anticorrupción del Estado de Chiapas.",
                TipoPunto.TRAMITE,
                "la Secretaria Técnica",
            ),
            (
                "Informe anual del Comité Coordinador del Sistema Anticorrupción del Estado de Chiapas.",
                TipoPunto.INFORMATIVO,
                "la Presidencia del Comité Coordinador",
            ),
        ],
        ausentes=3,
    ),
    SesionDemo(
        "CE",
        "2022-2023",
        TipoSesion.SOLEMNE,
        1,
        _dt(2022, 3, 11, 10),
        SALA_SESAECH,
        [],
        titulo="Sesión Solemne de Instalación",
        invitado=(
            "Dra.",
            "Presidenta del Comité de Participación Ciudadana",
            "Comité de Participación Ciudadana",
        ),
    ),
    SesionDemo(
        "CE",
        "2022-2023",
        TipoSesion.ORDINARIA,
        1,
        _dt(2022, 3, 22, 11),
        SALA_SESAECH,
        [
            (
                "Análisis y, en su caso, aprobación del proyecto de Reglas de Operación del Grupo "
                "Interdisciplinario.",
                TipoPunto.ACUERDO,
                "la Secretaria Técnica",
            )
        ],
    ),
]


def _anexo_docx(titulo: str) -> SimpleUploadedFile:
    documento = docx.Document()
    documento.add_heading(titulo, level=1)
    documento.add_paragraph(
        "Documento de demostración generado por Sesiones. Su contenido es ficticio."
    )
    salida = io.BytesIO()
    documento.save(salida)
    return SimpleUploadedFile(
        f"{titulo[:40]}.docx",
        salida.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


TIPO_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _cargar_sesion(datos: SesionDemo, organo: OrganoColegiado, usuario: User) -> Sesion:
    periodo = organo.periodos.get(nombre=datos.periodo)
    existente = Sesion.objects.filter(
        organo=organo, periodo=periodo, tipo=datos.tipo, numero=datos.numero
    ).first()
    if existente:
        return existente
    with transaction.atomic():
        sesion = services.sesion_programar(
            organo=organo,
            periodo=periodo,
            tipo=datos.tipo,
            numero=datos.numero,
            fecha_hora=datos.fecha_hora,
            sede=datos.sede,
            modalidad=datos.modalidad,
            enlace=datos.enlace,
            titulo=datos.titulo,
            usuario=usuario,
            fecha_registro=datos.fecha_hora - datetime.timedelta(days=20),
        )
        for asunto, tipo, presenta in datos.puntos:
            punto = services.punto_agregar(
                sesion=sesion, titulo=asunto, tipo=tipo, presenta=presenta, usuario=usuario
            )
            services.anexo_subir(
                punto=punto,
                archivo=_anexo_docx(f"Anexo del punto {punto.orden}"),
                titulo=f"Documento soporte del punto {punto.orden}",
                usuario=usuario,
                tipo_contenido=TIPO_DOCX,
            )
        if datos.siglas == "CC":
            sustantivo = sesion.puntos.filter(marco="").first()
            assert sustantivo is not None  # los puntos de `datos.puntos` se acaban de agregar
            services.anexo_subir(
                punto=sustantivo,
                archivo=_anexo_docx("Anexo técnico de infraestructura"),
                titulo="Anexo técnico de infraestructura del Sistema Electrónico Estatal",
                clasificacion=Clasificacion.RESERVADA,
                reservado_hasta=datetime.date(2027, 2, 4),
                fundamento_legal=(
                    "Artículo 113, fracción VII de la Ley General de Transparencia y Acceso "
                    "a la Información Pública."
                ),
                usuario=usuario,
                tipo_contenido=TIPO_DOCX,
            )
        if datos.invitado:
            titulo, cargo, institucion = datos.invitado
            invitada = _persona(0, titulo, cargo, institucion)  # la Presidenta del CPC
            services.invitado_agregar(
                sesion=sesion,
                persona=invitada,
                usuario=usuario,
                motivo="Invitada a la instalación del periodo 2022-2023",
            )
        services.sesion_cambiar_estado(
            sesion=sesion,
            estado=EstadoSesion.CONVOCADA,
            usuario=usuario,
            fecha_cambio=datos.fecha_hora - datetime.timedelta(days=10),
        )
        sesion.refresh_from_db()
        integrantes = list(
            organo.integrantes.vigentes(datos.fecha_hora.date()).order_by("orden", "pk")
        )
        for i, integrante in enumerate(integrantes):
            ausente = i >= len(integrantes) - datos.ausentes
            services.asistencia_registrar(
                sesion=sesion,
                integrante=integrante,
                usuario=usuario,
                estado="justificada" if ausente else "presente",
                hora_llegada=None if ausente else datos.fecha_hora.time(),
            )
        for invitado in sesion.invitados.all():
            services.invitado_registrar_asistencia(invitado=invitado, asistio=True, usuario=usuario)
        services.sesion_cambiar_estado(
            sesion=sesion,
            estado=EstadoSesion.CELEBRADA,
            usuario=usuario,
            fecha_cambio=datos.fecha_hora + datetime.timedelta(hours=2),
        )
        Sesion.objects.filter(pk=sesion.pk).update(
            hora_clausura=(datos.fecha_hora + datetime.timedelta(hours=1, minutes=45)).time()
        )
    return sesion


def usuarios_demo(organos: dict[str, OrganoColegiado]) -> dict[str, User]:
    usuarios = {}
    for username, nombre, grupo, staff in (
        ("juridico", "Dirección Jurídica", GRUPO_JURIDICO, True),
        ("seguimiento", "Área de Seguimiento", GRUPO_SEGUIMIENTO, False),
        ("integrante.cc", "Integrante del Comité Coordinador", GRUPO_INTEGRANTE, False),
    ):
        usuario, creado = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": nombre,
                "is_staff": staff,
                "is_superuser": staff,
                "email": f"{username}@sesaech.example",
            },
        )
        if creado:
            usuario.set_password(CLAVE_DEMO)
            usuario.save()
        usuario.groups.add(Group.objects.get_or_create(name=grupo)[0])
        usuarios[username] = usuario
    persona = organos["CC"].integrantes.order_by("orden").all()[2].persona
    if persona.usuario_id is None:
        persona.usuario = usuarios["integrante.cc"]
        persona.save(update_fields=["usuario"])
    return usuarios


def cargar_sesiones_demo() -> dict:
    """Órganos, integrantes, usuarios y las siete sesiones del primer trimestre de 2022."""
    organos = cargar_organos_demo()
    usuarios = usuarios_demo(organos)
    sesiones = [
        _cargar_sesion(datos, organos[datos.siglas], usuarios["juridico"])
        for datos in SESIONES_2022
    ]
    return {"organos": organos, "usuarios": usuarios, "sesiones": sesiones}


def cerrar_sesiones_demo(usuario: User) -> None:
    """Lleva las sesiones de 2022 a su estado final: todas concluidas salvo la última."""
    ultima = SESIONES_2022[-1]
    for datos in SESIONES_2022:
        sesion = Sesion.objects.get(
            organo__siglas=datos.siglas,
            periodo__nombre=datos.periodo,
            tipo=datos.tipo,
            numero=datos.numero,
        )
        if datos is ultima:
            continue
        camino = [EstadoSesion.ACTA_APROBADA, EstadoSesion.ACTA_FIRMADA, EstadoSesion.CONCLUIDA]
        for paso, estado in enumerate(camino, 1):
            sesion.refresh_from_db()
            if estado in sesion.transiciones_posibles:
                services.sesion_cambiar_estado(
                    sesion=sesion,
                    estado=estado,
                    usuario=usuario,
                    fecha_cambio=datos.fecha_hora + datetime.timedelta(days=20 * paso),
                )


def cargar_proximas_demo(usuario: User, hoy: datetime.date | None = None) -> list[Sesion]:
    """Dos sesiones próximas para que el inicio y el calendario muestren trabajo pendiente."""
    hoy = hoy or timezone.localdate()
    cc = OrganoColegiado.objects.get(siglas="CC")
    ce = OrganoColegiado.objects.get(siglas="CE")
    proximas = []
    for organo, dias, hora in ((cc, 10, 10), (ce, 4, 11)):
        fecha = _dt(hoy.year, hoy.month, hoy.day, hora) + datetime.timedelta(days=dias)
        anio = fecha.year
        periodo, _ = Periodo.objects.get_or_create(
            organo=organo,
            nombre=str(anio),
            defaults={
                "fecha_inicio": datetime.date(anio, 1, 1),
                "fecha_fin": datetime.date(anio, 12, 31),
            },
        )
        existente = periodo.sesiones.order_by("pk").first()
        if existente:
            proximas.append(existente)
            continue
        sesion = services.sesion_programar(
            organo=organo,
            periodo=periodo,
            tipo=TipoSesion.ORDINARIA,
            fecha_hora=fecha,
            sede=TRIBUNAL if organo is cc else SALA_SESAECH,
            usuario=usuario,
        )
        services.punto_agregar(
            sesion=sesion,
            usuario=usuario,
            tipo=TipoPunto.ACUERDO,
            presenta="la Secretaria Técnica",
            titulo="Presentación y, en su caso, aprobación del informe de avance del Programa Anual de Trabajo.",
        )
        if organo is ce:
            services.sesion_cambiar_estado(
                sesion=sesion,
                estado=EstadoSesion.CONVOCADA,
                usuario=usuario,
                justificacion_aviso="Demostración: convocada con la anticipación disponible.",
            )
        proximas.append(sesion)
    return proximas

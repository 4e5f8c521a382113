"""Constructores de contexto: de los datos de la sesión a un dict de textos y listas.

Nunca se pasan instancias de modelos a la plantilla: solo cadenas, números y listas de dicts,
para que docxtpl escape todo y la plantilla no pueda recorrer relaciones ni ejecutar consultas.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from comun import letras
from documentos import registro
from documentos.models import ConfiguracionDocumentosOrgano, Institucion, TipoDocumento
from sesiones.models import EstadoAsistencia, Modalidad, Persona, RolIntegrante, Sesion
from sesiones.selectors import integrantes_de_sesion, sesion_quorum


@dataclass
class Pedido:
    """Un documento por generar: tipo, destinatario y contexto (sin número de oficio aún)."""

    tipo: str
    persona: Persona | None
    contexto: dict
    nombre: str
    clave: str = field(init=False)

    def __post_init__(self):
        self.clave = f"p{self.persona.pk}" if self.persona else ""


def _firmante(sesion: Sesion, institucion: Institucion) -> tuple[str, str]:
    config = ConfiguracionDocumentosOrgano.objects.filter(organo_id=sesion.organo_id).first()
    if config and config.firmante_nombre.strip():
        return config.firmante_nombre.strip(), config.firmante_cargo.strip()
    secretario = integrantes_de_sesion(sesion).filter(rol=RolIntegrante.SECRETARIO_TECNICO).first()
    if secretario:
        return (
            secretario.persona.nombre_con_titulo,
            secretario.persona.cargo or "Secretario Técnico",
        )
    return institucion.firmante_nombre.strip(), institucion.firmante_cargo.strip()


def _puntos(sesion: Sesion) -> list[dict]:
    puntos = sesion.puntos.order_by("orden").prefetch_related("anexos")
    return [
        {
            "id": punto.pk,
            "numero": punto.orden,
            "titulo": punto.titulo,
            "descripcion": punto.descripcion,
            "tipo": punto.get_tipo_display(),
            "presenta": punto.presenta,
            "anexos": [anexo.titulo for anexo in punto.anexos.all()],
            "acuerdos": [],
        }
        for punto in puntos
    ]


def contexto_base(sesion: Sesion, institucion: Institucion | None = None) -> dict:
    institucion = institucion or Institucion.actual()
    hoy = timezone.localdate()
    fecha = sesion.fecha_local
    firmante_nombre, firmante_cargo = _firmante(sesion, institucion)
    return {
        "institucion": institucion.nombre,
        "institucion_siglas": institucion.siglas,
        "area": institucion.area,
        "ciudad": institucion.ciudad,
        "lema": institucion.lema,
        "membrete": "",
        "lugar_fecha": f"{institucion.ciudad}; a {letras.fecha_larga(hoy)}",
        "fecha_documento": letras.fecha_larga(hoy),
        "organo": sesion.organo.nombre_documentos,
        "organo_siglas": sesion.organo.siglas,
        "sesion_nombre": sesion.nombre,
        "sesion_nombre_completo": sesion.nombre_completo,
        "sesion_ordinal": letras.ordinal_femenino(sesion.numero) if sesion.numero else "",
        "sesion_tipo": sesion.get_tipo_display().lower(),
        "sesion_clave": sesion.clave,
        "periodo": sesion.periodo.nombre,
        "sesion_fecha": letras.fecha_con_dia(fecha.date()),
        "sesion_fecha_letras": letras.fecha_en_letras(fecha.date()),
        "sesion_hora": letras.hora_corta(fecha.time()),
        "sesion_hora_letras": letras.hora_en_letras(fecha.time()),
        "sede": sesion.sede,
        "modalidad": sesion.get_modalidad_display().lower(),
        "enlace": sesion.enlace,
        "consulta_anexos": institucion.consulta_anexos,
        "firmante_nombre": firmante_nombre,
        "firmante_cargo": firmante_cargo,
        "puntos": _puntos(sesion),
    }


def _oficio(base: dict, persona: Persona, asunto: str) -> dict:
    return {
        **base,
        "numero_oficio": "",
        "asunto": asunto,
        "destinatario_titulo": persona.titulo,
        "destinatario_nombre": persona.nombre,
        "destinatario_cargo": persona.cargo,
        "destinatario_institucion": persona.institucion,
    }


def _nombre_archivo(tipo: str, sesion: Sesion, persona: Persona | None = None) -> str:
    partes = [tipo.replace("_", "-"), slugify(sesion.clave) or f"sesion-{sesion.pk}"]
    if persona:
        partes.append(slugify(persona.nombre)[:60] or f"persona-{persona.pk}")
    return "_".join(partes) + ".docx"


def _personas_convocadas(sesion: Sesion) -> list[Persona]:
    vistas, personas = set(), []
    for integrante in integrantes_de_sesion(sesion):
        if integrante.persona_id not in vistas:
            vistas.add(integrante.persona_id)
            personas.append(integrante.persona)
    return personas


def _integrantes(sesion: Sesion) -> list[dict]:
    asistencias = {a.integrante_id: a for a in sesion.asistencias.all()}
    filas = []
    for numero, integrante in enumerate(integrantes_de_sesion(sesion), 1):
        asistencia = asistencias.get(integrante.pk)
        filas.append(
            {
                "numero": numero,
                "nombre": integrante.persona.nombre_con_titulo,
                "cargo": integrante.persona.cargo,
                "institucion": integrante.persona.institucion,
                "rol": integrante.get_rol_display(),
                "asistencia": asistencia.get_estado_display() if asistencia else "",
            }
        )
    return filas


def _invitados(sesion: Sesion) -> list[dict]:
    return [
        {
            "nombre": invitado.persona.nombre_con_titulo,
            "cargo": invitado.persona.cargo,
            "institucion": invitado.persona.institucion,
            "motivo": invitado.motivo,
            "asistio": invitado.asistio,
        }
        for invitado in sesion.invitados.select_related("persona")
    ]


def _contexto_acta(sesion: Sesion, base: dict) -> dict:
    asistencias = {a.integrante_id: a for a in sesion.asistencias.all()}
    asistentes, ausentes = [], []
    for integrante in integrantes_de_sesion(sesion):
        asistencia = asistencias.get(integrante.pk)
        persona = integrante.persona
        estado = asistencia.estado if asistencia else EstadoAsistencia.AUSENTE
        if estado == EstadoAsistencia.PRESENTE:
            asistentes.append(
                {
                    "nombre": persona.nombre_con_titulo,
                    "cargo": persona.cargo,
                    "institucion": persona.institucion,
                    "calidad": "titular",
                }
            )
        elif estado == EstadoAsistencia.SUPLENTE and integrante.suplente:
            suplente = integrante.suplente
            asistentes.append(
                {
                    "nombre": suplente.nombre_con_titulo,
                    "cargo": suplente.cargo,
                    "institucion": suplente.institucion,
                    "calidad": f"en suplencia de {persona.nombre_con_titulo}",
                }
            )
        else:
            motivo = asistencia.get_estado_display() if asistencia else "Ausente"
            ausentes.append(
                {"nombre": persona.nombre_con_titulo, "cargo": persona.cargo, "motivo": motivo}
            )
    quorum = sesion_quorum(sesion)
    presentes = letras.cardinal(quorum.presentes, "m")
    total = letras.cardinal(quorum.con_voto, "m")
    if quorum.alcanzado:
        declaracion = (
            "se declara la existencia de quórum legal para sesionar, con la presencia de "
            f"{presentes} de {total} integrantes con derecho a voto"
        )
    else:
        declaracion = (
            f"no se reúne el quórum legal para sesionar: están presentes {presentes} de "
            f"{total} integrantes con derecho a voto"
        )
    firmantes = [{"nombre": a["nombre"], "cargo": a["cargo"]} for a in asistentes]
    if base["firmante_nombre"] and all(f["nombre"] != base["firmante_nombre"] for f in firmantes):
        firmantes.append({"nombre": base["firmante_nombre"], "cargo": base["firmante_cargo"]})
    clausura = sesion.hora_clausura
    return {
        **base,
        "integrantes": _integrantes(sesion),
        "invitados": _invitados(sesion),
        "frase_apertura": letras.frase_apertura(sesion.fecha_hora),
        "hora_clausura_letras": letras.hora_en_letras(clausura) if clausura else "",
        "hora_clausura": letras.hora_corta(clausura) if clausura else "",
        "asistentes": asistentes,
        "ausentes": ausentes,
        "quorum_presentes": quorum.presentes,
        "quorum_con_voto": quorum.con_voto,
        "quorum_declaracion": declaracion,
        "acuerdos": [],
        "total_acuerdos": 0,
        "firmantes": firmantes,
    }


def pedidos(sesion: Sesion, tipos: tuple[str, ...]) -> list[Pedido]:
    """Los documentos que produce un lote, con su contexto ya completo."""
    base = contexto_base(sesion)
    resultado: list[Pedido] = []
    for tipo in tipos:
        if tipo == TipoDocumento.CONVOCATORIA:
            asunto = f"Convocatoria a la {sesion.nombre}"
            resultado += [
                Pedido(tipo, p, _oficio(base, p, asunto), _nombre_archivo(tipo, sesion, p))
                for p in _personas_convocadas(sesion)
            ]
        elif tipo == TipoDocumento.INVITACION:
            asunto = f"Invitación a la {sesion.nombre}"
            for invitado in sesion.invitados.select_related("persona"):
                contexto = {**_oficio(base, invitado.persona, asunto), "motivo": invitado.motivo}
                resultado.append(
                    Pedido(
                        tipo,
                        invitado.persona,
                        contexto,
                        _nombre_archivo(tipo, sesion, invitado.persona),
                    )
                )
        elif tipo == TipoDocumento.ORDEN_DEL_DIA:
            resultado.append(Pedido(tipo, None, dict(base), _nombre_archivo(tipo, sesion)))
        elif tipo == TipoDocumento.LISTA_ASISTENCIA:
            contexto = {
                **base,
                "integrantes": _integrantes(sesion),
                "invitados": _invitados(sesion),
            }
            resultado.append(Pedido(tipo, None, contexto, _nombre_archivo(tipo, sesion)))
        elif tipo in (TipoDocumento.ACTA, TipoDocumento.CERTIFICACION):
            contexto = _contexto_acta(sesion, {**base, "puntos": _puntos(sesion)})
            if tipo == TipoDocumento.CERTIFICACION:
                contexto["numero_oficio"] = ""
                contexto["fecha_certificacion_letras"] = letras.fecha_en_letras(
                    timezone.localdate()
                )
            registro.aplicar_ampliaciones(tipo, sesion, contexto)
            resultado.append(Pedido(tipo, None, contexto, _nombre_archivo(tipo, sesion)))
        else:
            raise ValueError(f"Tipo de documento desconocido: {tipo}")
    return resultado


def faltantes(sesion: Sesion, tipos: tuple[str, ...]) -> list[str]:
    """Lo que falta para generar estos documentos, en español; vacío si se puede generar."""
    institucion = Institucion.actual()
    faltan: list[str] = []
    if not institucion.nombre.strip():
        faltan.append(_("Falta el nombre de la institución (configúrelo en el administrador)."))
    if sesion.modalidad == Modalidad.A_DISTANCIA:
        if not sesion.enlace:
            faltan.append(_("La sesión a distancia no tiene enlace de conexión."))
    elif not sesion.sede.strip():
        faltan.append(_("La sesión no tiene sede."))
    if sesion.numero is None and not sesion.titulo:
        faltan.append(_("La sesión no tiene número."))
    firmante_nombre, firmante_cargo = _firmante(sesion, institucion)
    if not firmante_nombre:
        faltan.append(
            _("No hay firmante configurado para el %(organo)s.") % {"organo": sesion.organo.nombre}
        )
    elif not firmante_cargo:
        faltan.append(
            _("Falta el cargo del firmante %(firmante)s.") % {"firmante": firmante_nombre}
        )
    integrantes = list(integrantes_de_sesion(sesion))
    if not integrantes and any(
        t in tipos
        for t in (
            TipoDocumento.CONVOCATORIA,
            TipoDocumento.LISTA_ASISTENCIA,
            TipoDocumento.ACTA,
            TipoDocumento.CERTIFICACION,
        )
    ):
        faltan.append(_("El órgano no tiene integrantes en funciones en la fecha de la sesión."))
    if TipoDocumento.CONVOCATORIA in tipos or TipoDocumento.LISTA_ASISTENCIA in tipos:
        for integrante in integrantes:
            if not integrante.persona.cargo.strip():
                faltan.append(
                    _("Falta el cargo de %(persona)s.")
                    % {"persona": integrante.persona.nombre_con_titulo}
                )
    if TipoDocumento.INVITACION in tipos:
        invitados = list(sesion.invitados.select_related("persona"))
        if not invitados and TipoDocumento.CONVOCATORIA not in tipos:
            faltan.append(_("La sesión no tiene invitados."))
        for invitado in invitados:
            if not invitado.persona.cargo.strip():
                faltan.append(
                    _("Falta el cargo de %(persona)s (invitado).")
                    % {"persona": invitado.persona.nombre_con_titulo}
                )
    if TipoDocumento.ACTA in tipos or TipoDocumento.CERTIFICACION in tipos:
        if not sesion.asistencias.exists():
            faltan.append(_("No se ha registrado la asistencia de la sesión."))
        if sesion.hora_clausura is None:
            faltan.append(_("La sesión no tiene hora de clausura registrada."))
    # Sin duplicados y en el orden en que se detectaron.
    return list(dict.fromkeys(faltan))


def contexto_muestra(tipo: str) -> dict:
    """Contexto de ejemplo con todas las variables del tipo, para probar una plantilla subida."""
    contexto: dict[str, Any] = {
        nombre: ejemplo for nombre, _d, ejemplo in registro.variables_de(tipo)
    }
    listas: dict[str, list[dict[str, Any]]] = {
        "puntos": [
            {
                "id": 1,
                "numero": 1,
                "titulo": "Lista de asistencia y declaración de quórum legal.",
                "descripcion": "",
                "tipo": "Trámite",
                "presenta": "la Secretaria Técnica",
                "anexos": ["Documento soporte"],
                "acuerdos": [
                    {
                        "clave": "CC/SO-04/001/2022",
                        "numero": 1,
                        "texto": "Se aprueba el orden del día.",
                        "votacion": "aprobado por unanimidad de votos de los integrantes presentes",
                        "a_favor": 7,
                        "en_contra": 0,
                        "abstenciones": 0,
                    }
                ],
            }
        ],
        "integrantes": [
            {
                "numero": 1,
                "nombre": "Dra. Adriana Aguilar Ruiz",
                "cargo": "Presidenta",
                "institucion": "Comité de Participación Ciudadana",
                "rol": "Presidente",
                "asistencia": "Presente",
            }
        ],
        "invitados": [
            {
                "nombre": "Lic. Invitada Ejemplo",
                "cargo": "Directora",
                "institucion": "Institución",
                "motivo": "presentar el punto 4",
                "asistio": True,
            }
        ],
        "asistentes": [
            {
                "nombre": "Dra. Adriana Aguilar Ruiz",
                "cargo": "Presidenta",
                "institucion": "Comité de Participación Ciudadana",
                "calidad": "titular",
            }
        ],
        "ausentes": [
            {
                "nombre": "Mtro. Ausente Ejemplo",
                "cargo": "Integrante",
                "motivo": "Ausencia justificada",
            }
        ],
        "firmantes": [{"nombre": "Dra. Adriana Aguilar Ruiz", "cargo": "Presidenta"}],
    }
    for nombre, valor in listas.items():
        if nombre in contexto:
            contexto[nombre] = valor
    if "acuerdos" in contexto:
        contexto["acuerdos"] = listas["puntos"][0]["acuerdos"]
        contexto["total_acuerdos"] = 1
    return contexto

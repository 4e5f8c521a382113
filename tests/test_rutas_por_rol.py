"""Recorre cada ruta del proyecto con cada rol y compara el código HTTP con la tabla esperada.

Una vista nueva sin fila en ESPERADO hace fallar la prueba: quien la agrega debe decidir
quién la ve. Los códigos: 200 se ve, 302 va al inicio de sesión (o redirige), 403 rol sin
permiso, 404 objeto ajeno o inexistente para ese usuario, 405 método equivocado (solo POST).
"""

import datetime
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from acuerdos import services as acuerdos_services
from acuerdos.models import Acuerdo
from comun.roles import GRUPO_INTEGRANTE, AccionNoPermitida
from documentos import services as docs
from documentos.models import DocumentoGenerado, LoteDocumentos, PlantillaDocumento, TipoLote
from entregas import calendario, enlaces
from entregas import services as entregas
from sesiones import services as sesiones_services
from sesiones.models import Anexo, Invitado, Sesion

ROLES = ("juridico", "seguimiento", "miembro", "ajeno", "anonimo")

# Código esperado por rol, en el orden de ROLES.
PUBLICO = (200, 200, 200, 200, 200)
PERSONAL = (200, 200, 403, 403, 302)  # personal de la Secretaría; integrantes no
JURIDICO = (200, 403, 403, 403, 302)  # solo la Dirección Jurídica
SOLO_POST = (405, 405, 405, 405, 405)  # cambios: un GET nunca cambia nada, ni para nadie
SESION_PROPIA = (200, 200, 200, 404, 302)  # sesiones del órgano del integrante
ANEXO_RESERVADO = (200, 200, 200, 404, 302)
ACUERDO_PROPIO = (200, 200, 200, 404, 302)
PORTAL = (302, 302, 200, 200, 302)  # portal de integrantes: el personal va a su inicio

ESPERADO = {
    "login": (302, 302, 302, 302, 200),
    "logout": (405, 405, 405, 405, 405),
    # Sesiones
    "sesiones:inicio": (200, 200, 200, 200, 302),
    "sesiones:organos": (200, 200, 200, 200, 302),
    "sesiones:organo": (200, 200, 200, 404, 302),
    "sesiones:lista": (200, 200, 200, 200, 302),
    "sesiones:nueva": JURIDICO,
    "sesiones:detalle": SESION_PROPIA,
    "sesiones:editar": JURIDICO,
    "sesiones:confirmar_transicion": (302, 403, 403, 403, 302),  # sin ?estado= vuelve a la sesión
    "sesiones:transicion": SOLO_POST,
    "sesiones:punto_nuevo": JURIDICO,
    "sesiones:asistencia": JURIDICO,
    "sesiones:asistencia_fila": SOLO_POST,
    "sesiones:invitado_nuevo": JURIDICO,
    "sesiones:punto_editar": JURIDICO,
    "sesiones:punto_eliminar": JURIDICO,
    "sesiones:punto_mover": SOLO_POST,
    "sesiones:anexo_nuevo": JURIDICO,
    "sesiones:anexo": ANEXO_RESERVADO,
    "sesiones:anexo_eliminar": (302, 403, 403, 403, 302),  # GET solo vuelve a la sesión
    "sesiones:invitado_asistencia": SOLO_POST,
    "sesiones:invitado_quitar": SOLO_POST,
    # Documentos
    "documentos:sesion": (200, 200, 404, 404, 302),
    "documentos:generar": SOLO_POST,
    "documentos:reintentar": SOLO_POST,
    "documentos:zip": (200, 200, 404, 404, 302),
    "documentos:descargar": (200, 200, 404, 404, 302),
    "documentos:marcar": SOLO_POST,
    "documentos:plantillas": JURIDICO,
    "documentos:plantilla_subir": SOLO_POST,
    "documentos:plantilla_activar": SOLO_POST,
    "documentos:plantilla_descargar": JURIDICO,
    # Portal de integrantes y entregas
    "portal:inicio": PORTAL,
    "portal:sesion": (302, 302, 200, 404, 302),
    "portal:confirmar": SOLO_POST,
    "portal:observar": SOLO_POST,
    "portal:anexo": (200, 200, 200, 404, 302),
    "portal:documento": (302, 302, 200, 404, 302),
    "portal:calendario_regenerar": SOLO_POST,
    "portal:calendario": PUBLICO,  # el secreto en la URL es la credencial
    # Enlace personal firmado: abre sin cuenta; con la cuenta de otra persona, 403.
    "portal:enlace": (200, 200, 403, 403, 200),
    "portal:enlace_acusar": (405, 405, 405, 405, 405),
    "portal:enlace_confirmar": (405, 405, 405, 405, 405),
    "entregas:sesion": (200, 200, 404, 404, 302),
    "entregas:enviar": SOLO_POST,
    "entregas:avisar": SOLO_POST,
    "entregas:reenviar": SOLO_POST,
    "entregas:firma_registrar": SOLO_POST,
    "entregas:acta_firmada_subir": SOLO_POST,
    "entregas:acta_firmada_descargar": (404, 404, 404, 404, 302),
    "entregas:copia_emitir": SOLO_POST,
    "entregas:copia_entregar": SOLO_POST,
    # Bitácora (historia de auditoría)
    "bitacora:lista": PERSONAL,
    "bitacora:csv": PERSONAL,
    # Acuerdos
    "acuerdos:lista": (200, 200, 200, 200, 302),
    "acuerdos:masivo": SOLO_POST,
    "acuerdos:tablero": PERSONAL,
    "acuerdos:ejecuciones": PERSONAL,
    "acuerdos:sesion": SESION_PROPIA,
    "acuerdos:nuevo": SOLO_POST,
    "acuerdos:detalle": ACUERDO_PROPIO,
    "acuerdos:votacion": JURIDICO,
    "acuerdos:estado": SOLO_POST,
    "acuerdos:avance": SOLO_POST,
    "acuerdos:publicacion": SOLO_POST,
    "acuerdos:datos": SOLO_POST,
    "acuerdos:corregir": SOLO_POST,
    "acuerdos:certificar": SOLO_POST,
    "acuerdos:evidencia": (200, 200, 200, 404, 302),
    # Transparencia (personal)
    "transparencia:informe": PERSONAL,
    "transparencia:informe_docx": PERSONAL,
    "transparencia:pnt": PERSONAL,
    "transparencia:acta_publica": SOLO_POST,
    # Portal público y datos abiertos
    "publico:inicio": PUBLICO,
    "publico:sesiones": PUBLICO,
    "publico:sesion": PUBLICO,
    "publico:acta": (404, 404, 404, 404, 404),  # la sesión no tiene versión pública subida
    "publico:anexo": PUBLICO,
    "publico:acuerdos": PUBLICO,
    "publico:acuerdo": PUBLICO,
    "publico:feed_rss": PUBLICO,
    "publico:feed_atom": PUBLICO,
    "publico:feed_organo_rss": PUBLICO,
    "publico:feed_organo_atom": PUBLICO,
    "api:schema": PUBLICO,
    "api:docs": PUBLICO,
    "api:redoc": PUBLICO,
    "api:organos": PUBLICO,
    "api:organo": PUBLICO,
    "api:sesiones": PUBLICO,
    "api:sesion": PUBLICO,
    "api:sesion_popolo": PUBLICO,
    "api:acuerdos": PUBLICO,
    "api:acuerdo": PUBLICO,
    "api:documentos": PUBLICO,
    # La API de gestión usa token; con sesión de navegador responde 401 o 403.
    "api:gestion_sesiones": (405, 403, 403, 403, 401),
    "api:gestion_sesion": (405, 403, 403, 403, 401),
    "api:gestion_sesion_estado": (405, 403, 403, 403, 401),
    "api:gestion_puntos": (405, 403, 403, 403, 401),
    "api:gestion_asistencia": (405, 403, 403, 403, 401),
    "api:gestion_documentos": (200, 200, 403, 403, 401),  # leer el estado de la generación
    "api:gestion_acuerdos": (405, 403, 403, 403, 401),
    "api:gestion_acuerdo_estado": (405, 405, 403, 403, 401),  # Seguimiento mueve acuerdos
}


def _rutas(patrones=None, prefijo=""):
    for patron in patrones if patrones is not None else get_resolver().url_patterns:
        if isinstance(patron, URLResolver):
            if str(patron.pattern).startswith("admin/"):
                continue
            espacio = f"{prefijo}{patron.namespace}:" if patron.namespace else prefijo
            yield from _rutas(patron.url_patterns, espacio)
        elif isinstance(patron, URLPattern) and patron.name:
            yield f"{prefijo}{patron.name}", patron


@pytest.fixture
def escenario(db, settings):
    return armar_escenario(settings)


def armar_escenario(settings) -> dict:
    """Datos de demostración con un objeto de cada clase; también lo usa test_entrada_hostil."""
    settings.SESIONES_DOCUMENTOS_PDF = False
    call_command("cargar_demo", stdout=io.StringIO())
    juridico = User.objects.get(username="juridico")
    ajeno = User.objects.create_user("integrante.ce", password="x")  # noqa: S106
    ajeno.groups.add(Group.objects.get_or_create(name=GRUPO_INTEGRANTE)[0])
    persona_ce = (
        Sesion.objects.filter(organo__siglas="CE").first().organo.integrantes.first().persona
    )
    persona_ce.usuario = ajeno
    persona_ce.save()

    proxima = Sesion.objects.get(organo__siglas="CC", estado="programada")
    sesiones_services.sesion_cambiar_estado(
        sesion=proxima, estado="convocada", usuario=juridico, justificacion_aviso="Prueba"
    )
    proxima.refresh_from_db()
    lote = LoteDocumentos.objects.create(sesion=proxima, tipo=TipoLote.CONVOCATORIAS_INVITACIONES)
    docs.lote_procesar(lote_id=lote.pk)
    entregas.entregas_solicitar(sesion=proxima, usuario=juridico)
    entrega = proxima.entregas.first()

    acuerdo = Acuerdo.objects.filter(organo__siglas="OG", estado="en_seguimiento").first()
    avance = acuerdos_services.avance_registrar(
        acuerdo=acuerdo,
        usuario=juridico,
        nota="Oficio enviado",
        evidencia_archivo=SimpleUploadedFile("oficio.pdf", b"%PDF-1.4 prueba"),
    )
    publicado = Acuerdo.objects.filter(estado="publicado").first()
    miembro = User.objects.get(username="integrante.cc")
    anexo_publico = Anexo.objects.filter(
        clasificacion="publica", punto__sesion__estado="concluida"
    ).first()
    cc_2022 = Sesion.objects.get(clave="SO-04-CC/SAECH/2022")
    valores = {
        "sesiones:anexo": Anexo.objects.get(clasificacion="reservada").pk,
        "portal:anexo": Anexo.objects.get(clasificacion="reservada").pk,
        "publico:anexo": anexo_publico.pk,
        "publico:sesion": cc_2022.pk,
        "api:sesion": cc_2022.pk,
        "api:sesion_popolo": cc_2022.pk,
        "portal:sesion": cc_2022.pk,
        "publico:acuerdo": publicado.pk,
        "api:acuerdo": publicado.pk,
        "acuerdos:detalle": publicado.pk,
        "acuerdos:evidencia": avance.pk,
    }
    return {
        "sesion": proxima,
        "valores": valores,
        "pk_por_prefijo": {
            "sesiones/": proxima.pk,
            "puntos/": proxima.puntos.first().pk,
            "anexos/": Anexo.objects.get(clasificacion="reservada").pk,
            "invitados/": Invitado.objects.first().pk,
            "documentos/lotes/": lote.pk,
            "documentos/": DocumentoGenerado.objects.filter(sesion=proxima).first().pk,
            "plantillas/": PlantillaDocumento.objects.first().pk,
            "entregas/": entrega.pk,
            "copias/": 1,
            "acuerdos/sesion/": proxima.pk,
            "acuerdos/": acuerdo.pk,
            "organos/": proxima.organo_id,
            "transparencia/sesiones/": cc_2022.pk,
            "portal/documentos/": DocumentoGenerado.objects.filter(
                sesion=proxima, destinatario=miembro.persona
            )
            .first()
            .pk,
            "api/v1/organos/": proxima.organo_id,
            "api/v1/gestion/sesiones/": proxima.pk,
            "api/v1/gestion/acuerdos/": acuerdo.pk,
            "publico/sesiones/": cc_2022.pk,
            "portal/sesiones/": proxima.pk,
        },
        "kwargs_fijos": {
            "token": enlaces.token_para(entrega),
            "siglas": "CC",
            "direccion": "arriba",
            "formato": "docx",
            "tipo": "avance",
            "integrante_pk": proxima.organo.integrantes.first().pk,
        },
        "calendario": calendario.calendario_de(persona=miembro.persona).token,
    }


def _kwargs(nombre, patron, escenario) -> dict:
    """Valores válidos de cada parámetro de la ruta en el escenario."""
    kwargs = {}
    for clave in patron.pattern.converters:
        if clave == "pk":
            kwargs["pk"] = escenario["valores"].get(nombre) or _pk_por_ruta(nombre, escenario)
        elif clave == "token" and nombre == "portal:calendario":
            kwargs["token"] = escenario["calendario"]
        else:
            kwargs[clave] = escenario["kwargs_fijos"][clave]
    return kwargs


def _url(nombre, patron, escenario) -> str:
    from django.urls import reverse

    return reverse(nombre, kwargs=_kwargs(nombre, patron, escenario))


def _pk_por_ruta(nombre, escenario) -> int:
    from django.urls import reverse

    # La ruta completa con un pk de muestra dice qué clase de objeto pide.
    muestra = reverse(nombre, kwargs={"pk": 999999, **_otros(nombre, escenario)}).lstrip("/")
    mejor = max(
        (p for p in escenario["pk_por_prefijo"] if muestra.startswith(p)),
        key=len,
    )
    return escenario["pk_por_prefijo"][mejor]


def _otros(nombre, escenario) -> dict:
    patron = dict(_rutas())[nombre]
    return {
        clave: escenario["kwargs_fijos"][clave]
        for clave in patron.pattern.converters
        if clave != "pk"
    }


def _clientes() -> dict[str, Client]:
    clientes = {}
    for rol, usuario in (
        ("juridico", "juridico"),
        ("seguimiento", "seguimiento"),
        ("miembro", "integrante.cc"),
        ("ajeno", "integrante.ce"),
    ):
        cliente = Client()
        cliente.force_login(User.objects.get(username=usuario))
        clientes[rol] = cliente
    clientes["anonimo"] = Client()
    return clientes


def test_cada_ruta_tiene_su_fila_de_permisos():
    nombres = {nombre for nombre, _ in _rutas()}
    sin_fila = sorted(nombres - set(ESPERADO))
    sobrantes = sorted(set(ESPERADO) - nombres)
    assert not sin_fila, f"Rutas nuevas sin permisos declarados en ESPERADO: {sin_fila}"
    assert not sobrantes, f"Filas de ESPERADO sin ruta: {sobrantes}"


def test_cada_ruta_responde_lo_esperado_a_cada_rol(escenario):
    clientes = _clientes()
    diferencias = []
    for nombre, patron in _rutas():
        url = _url(nombre, patron, escenario)
        for rol, esperado in zip(ROLES, ESPERADO[nombre], strict=True):
            respuesta = clientes[rol].get(url)
            if respuesta.status_code != esperado:
                diferencias.append(f"{nombre} {url} {rol}: {respuesta.status_code} ≠ {esperado}")
            if rol == "anonimo" and respuesta.status_code == 302:
                destino = respuesta.headers["Location"]
                if not destino.startswith("/entrar/"):
                    diferencias.append(f"{nombre} anónimo redirige a {destino}")
    assert not diferencias, "\n".join(diferencias)


def test_un_integrante_dado_de_baja_pierde_el_acceso_al_momento(escenario):
    miembro = User.objects.get(username="integrante.cc")
    cliente = Client()
    cliente.force_login(miembro)
    sesion = Sesion.objects.get(clave="SO-04-CC/SAECH/2022")
    assert cliente.get(sesion.get_absolute_url()).status_code == 200
    ayer = datetime.date.today() - datetime.timedelta(days=1)
    miembro.persona.membresias.update(fecha_fin=ayer)
    assert cliente.get(sesion.get_absolute_url()).status_code == 404


# Escrituras de la API de gestión --------------------------------------------------------------
#
# Cada ruta bajo /api/v1/gestion/ con POST, PUT, PATCH o DELETE sale del resolvedor: una nueva sin
# caso en CASOS_API hace fallar la prueba. Se intenta con el token de cada rol y con datos válidos,
# para que lo único que decida sea el rol. Lo rechazado no cambia la base, y lo que la API permite
# a cada rol es exactamente lo que permite la página equivalente.

METODOS_ESCRITURA = ("post", "put", "patch", "delete")
PREFIJO_GESTION = "/api/v1/gestion/"


@dataclass(frozen=True)
class CasoApi:
    nombre: str
    ruta: str
    metodo: str
    pk: Callable[[dict], int] | None
    datos: Callable[[dict], dict]
    web: str  # ruta de la página que hace lo mismo
    web_kwargs: Callable[[dict], dict]
    web_datos: Callable[[dict], dict]
    esperado: tuple[int, ...]  # por rol, en el orden de ROLES


def _sesion_pk(e) -> int:
    return e["sesion"].pk


CASOS_API = [
    CasoApi(
        "programar sesión",
        "api:gestion_sesiones",
        "post",
        None,
        lambda e: {
            "organo": e["sesion"].organo_id,
            "tipo": "extraordinaria",
            "fecha_hora": e["sesion"].fecha_hora.isoformat(),
        },
        "sesiones:nueva",
        lambda e: {},
        lambda e: {},
        (201, 403, 403, 403, 401),
    ),
    CasoApi(
        "editar sesión",
        "api:gestion_sesion",
        "patch",
        _sesion_pk,
        lambda e: {"sede": "Sala de pruebas"},
        "sesiones:editar",
        lambda e: {"pk": e["sesion"].pk},
        lambda e: {},
        (200, 403, 403, 403, 401),
    ),
    CasoApi(
        "diferir sesión",
        "api:gestion_sesion_estado",
        "post",
        _sesion_pk,
        lambda e: {"estado": "diferida", "motivo": "Prueba de permisos"},
        "sesiones:transicion",
        lambda e: {"pk": e["sesion"].pk},
        lambda e: {"estado": "diferida", "motivo": "Prueba de permisos"},
        (200, 403, 403, 403, 401),
    ),
    CasoApi(
        "agregar punto",
        "api:gestion_puntos",
        "post",
        _sesion_pk,
        lambda e: {"titulo": "Punto de prueba"},
        "sesiones:punto_nuevo",
        lambda e: {"pk": e["sesion"].pk},
        lambda e: {"titulo": "Punto de prueba", "tipo": "informativo"},
        (201, 403, 403, 403, 401),
    ),
    CasoApi(
        "registrar asistencia",
        "api:gestion_asistencia",
        "post",
        _sesion_pk,
        lambda e: {"integrante": e["kwargs_fijos"]["integrante_pk"], "estado": "presente"},
        "sesiones:asistencia_fila",
        lambda e: {"pk": e["sesion"].pk, "integrante_pk": e["kwargs_fijos"]["integrante_pk"]},
        lambda e: {},
        (200, 403, 403, 403, 401),
    ),
    CasoApi(
        "generar documentos",
        "api:gestion_documentos",
        "post",
        _sesion_pk,
        lambda e: {"tipo": TipoLote.CONVOCATORIAS_INVITACIONES},
        "documentos:generar",
        lambda e: {"pk": e["sesion"].pk},
        lambda e: {"tipo": TipoLote.CONVOCATORIAS_INVITACIONES},
        (202, 403, 403, 403, 401),
    ),
    CasoApi(
        "registrar acuerdo",
        "api:gestion_acuerdos",
        "post",
        None,
        lambda e: {"sesion": e["sesion"].pk, "texto": "Se aprueba la prueba de permisos."},
        "acuerdos:nuevo",
        lambda e: {"pk": e["sesion"].pk},
        lambda e: {"texto": "Se aprueba la prueba de permisos.", "tipo": "aprobacion"},
        (201, 403, 403, 403, 401),
    ),
    CasoApi(
        "marcar cumplido (seguimiento)",
        "api:gestion_acuerdo_estado",
        "post",
        lambda e: e["acuerdo_en_seguimiento"].pk,
        lambda e: {"estado": "cumplido", "nota": "Se cumplió."},
        "acuerdos:estado",
        lambda e: {"pk": e["acuerdo_en_seguimiento"].pk},
        lambda e: {"estado": "cumplido", "nota": "Se cumplió."},
        (200, 200, 403, 403, 401),
    ),
    CasoApi(
        "retirar (solo Jurídica)",
        "api:gestion_acuerdo_estado",
        "post",
        lambda e: e["acuerdo_proyecto"].pk,
        lambda e: {"estado": "retirado", "nota": "Se retira."},
        "acuerdos:estado",
        lambda e: {"pk": e["acuerdo_proyecto"].pk},
        lambda e: {"estado": "retirado", "nota": "Se retira."},
        (200, 403, 403, 403, 401),
    ),
]


def _escrituras_api() -> set[tuple[str, str]]:
    """(ruta, método) de cada escritura de la API de gestión, según el resolvedor."""
    from django.urls import reverse

    escrituras = set()
    for nombre, patron in _rutas():
        muestra = {c: 1 for c in patron.pattern.converters}
        if not reverse(nombre, kwargs=muestra).startswith(PREFIJO_GESTION):
            continue
        vista = getattr(patron.callback, "cls", None) or patron.callback.view_class
        escrituras |= {(nombre, m) for m in METODOS_ESCRITURA if hasattr(vista, m)}
    return escrituras


def _huella_base() -> str:
    """Todo lo que guardan las apps del dominio; si cambia, algo se escribió."""
    from django.apps import apps

    partes = []
    for app in ("sesiones", "acuerdos", "transparencia"):
        for modelo in apps.get_app_config(app).get_models():
            filas = list(modelo._base_manager.order_by("pk").values_list())
            partes.append((modelo._meta.label, filas))
    return hashlib.sha256(repr(partes).encode()).hexdigest()


def _clientes_token() -> dict[str, Client]:
    clientes = {}
    for rol, usuario in (
        ("juridico", "juridico"),
        ("seguimiento", "seguimiento"),
        ("miembro", "integrante.cc"),
        ("ajeno", "integrante.ce"),
    ):
        token, _creado = Token.objects.get_or_create(user=User.objects.get(username=usuario))
        clientes[rol] = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    clientes["anonimo"] = Client()
    return clientes


def _permite_web(respuesta) -> bool:
    if respuesta.status_code in (401, 403, 404, 405):
        return False
    if respuesta.status_code == 302:
        return not respuesta.headers["Location"].startswith("/entrar/")
    return respuesta.status_code < 400


def _intentar(hacer, *args, **kwargs) -> tuple[object, bool]:
    """Hace la petición en un punto de guardado que luego se deshace: cada rol parte de la misma
    base. Devuelve la respuesta y si la base cambió."""
    with transaction.atomic():
        antes = _huella_base()
        respuesta = hacer(*args, **kwargs)
        cambio = _huella_base() != antes
        transaction.set_rollback(True)
    return respuesta, cambio


def test_cada_escritura_de_la_api_tiene_su_caso():
    escrituras = _escrituras_api()
    assert escrituras, "El resolvedor no devolvió ninguna escritura de la API de gestión."
    cubiertas = {(c.ruta, c.metodo) for c in CASOS_API}
    assert not sorted(escrituras - cubiertas), (
        f"Escrituras de la API sin caso en CASOS_API: {sorted(escrituras - cubiertas)}"
    )
    assert not sorted(cubiertas - escrituras), f"Casos sin ruta: {sorted(cubiertas - escrituras)}"


def test_cada_escritura_de_la_api_responde_a_cada_rol_como_la_pagina(escenario):
    from django.urls import reverse

    juridico = User.objects.get(username="juridico")
    escenario["acuerdo_en_seguimiento"] = Acuerdo.objects.get(
        pk=escenario["pk_por_prefijo"]["acuerdos/"]
    )
    escenario["acuerdo_proyecto"] = acuerdos_services.acuerdo_crear(
        sesion=escenario["sesion"], texto="Acuerdo en proyecto para retirar.", usuario=juridico
    )
    api, web = _clientes_token(), _clientes()
    diferencias = []
    for caso in CASOS_API:
        url = reverse(caso.ruta, kwargs={"pk": caso.pk(escenario)} if caso.pk else {})
        url_web = reverse(caso.web, kwargs=caso.web_kwargs(escenario))
        for rol, esperado in zip(ROLES, caso.esperado, strict=True):
            respuesta, cambio = _intentar(
                getattr(api[rol], caso.metodo),
                url,
                caso.datos(escenario),
                content_type="application/json",
            )
            codigo = respuesta.status_code
            if codigo != esperado:
                diferencias.append(
                    f"{caso.nombre} {rol}: {codigo} ≠ {esperado} {respuesta.content[:300]!r}"
                )
            if codigo >= 300 and cambio:
                diferencias.append(f"{caso.nombre} {rol}: rechazado ({codigo}) pero cambió la base")
            if codigo in (401, 403) and rol != "anonimo":
                detalle = respuesta.json().get("detail", "")
                if not detalle or "permission" in detalle.lower():
                    diferencias.append(
                        f"{caso.nombre} {rol}: 403 sin mensaje en español: {detalle}"
                    )
            pagina, _cambio = _intentar(web[rol].post, url_web, caso.web_datos(escenario))
            if (codigo < 300) != _permite_web(pagina):
                diferencias.append(
                    f"{caso.nombre} {rol}: la API {'permite' if codigo < 300 else 'rechaza'} "
                    f"({codigo}) y la página {url_web} responde {pagina.status_code}"
                )
    assert not diferencias, "\n".join(diferencias)


def test_seguimiento_no_retira_por_api_ni_por_servicio(escenario):
    from django.urls import reverse

    juridico = User.objects.get(username="juridico")
    seguimiento = User.objects.get(username="seguimiento")
    acuerdo = acuerdos_services.acuerdo_crear(
        sesion=escenario["sesion"], texto="Acuerdo que no se retira.", usuario=juridico
    )
    historia = acuerdo.cambios.count()
    token, _creado = Token.objects.get_or_create(user=seguimiento)
    respuesta = Client(HTTP_AUTHORIZATION=f"Token {token.key}").post(
        reverse("api:gestion_acuerdo_estado", args=[acuerdo.pk]),
        {"estado": "retirado", "nota": "Intento de retiro"},
        content_type="application/json",
    )
    assert respuesta.status_code == 403
    assert "Dirección Jurídica" in respuesta.json()["detail"]
    acuerdo.refresh_from_db()
    assert acuerdo.estado == "proyecto"
    assert acuerdo.cambios.count() == historia
    with pytest.raises(AccionNoPermitida):
        acuerdos_services.acuerdo_cambiar_estado(
            acuerdo=acuerdo, estado="retirado", usuario=seguimiento, nota="Directo al servicio"
        )
    acuerdo.refresh_from_db()
    assert acuerdo.estado == "proyecto"
    assert acuerdo.cambios.count() == historia

"""Recorre cada ruta del proyecto con cada rol, por GET y por POST, y compara el código HTTP con la
tabla esperada. Es la única matriz de rutas por rol del proyecto.

Una vista nueva sin fila en ESPERADO hace fallar la prueba: quien la agrega debe decidir
quién la ve. Los códigos: 200 se ve, 302 va al inicio de sesión (o redirige), 403 rol sin
permiso, 404 objeto ajeno o inexistente para ese usuario, 405 método equivocado (solo POST).

Cada fila dice lo que responde un GET. Un POST sin datos a quien el GET rechaza responde igual
(o 405 si la ruta no recibe POST de nadie) y no escribe nada. Las rutas que solo aceptan POST
se declaran con solo_post(...): un GET les da 405 a todos y la fila dice lo que da el POST.
Aparte, con sus propias tablas: las escrituras de la API de gestión (CASOS_API).
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
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
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
from tests import factories

ROLES = ("juridico", "seguimiento", "miembro", "ajeno", "anonimo")
N_ROLES = len(ROLES)


@dataclass(frozen=True)
class Fila:
    """Lo que responde una ruta a cada rol, en el orden de ROLES."""

    get: tuple[int, ...]
    # POST sin datos. None: a quien el GET rechaza, el POST lo rechaza igual (o con 405).
    post: tuple[int, ...] | None = None


def solo_post(*post: int) -> Fila:
    """Ruta de cambio: un GET nunca cambia nada, ni para nadie (405); la fila es la del POST."""
    return Fila(get=(405,) * N_ROLES, post=post)


# Código esperado por rol, en el orden de ROLES.
PUBLICO = (200, 200, 200, 200, 200)
PERSONAL = (200, 200, 403, 403, 302)  # personal de la Secretaría; integrantes no
JURIDICO = (200, 403, 403, 403, 302)  # solo la Dirección Jurídica
SESION_PROPIA = (200, 200, 200, 404, 302)  # sesiones del órgano del integrante
ANEXO_RESERVADO = (200, 200, 200, 404, 302)
ACUERDO_PROPIO = (200, 200, 200, 404, 302)
PORTAL = (302, 302, 200, 200, 302)  # portal de integrantes: el personal va a su inicio
# Cambios por POST sin datos: quien puede vuelve a la página (302) o ve el formulario con errores
# (200, o 400 si falta el archivo); quien no, 403 (o 404 si ni siquiera ve el objeto).
CAMBIO_JURIDICO = solo_post(302, 403, 403, 403, 302)
# Documentos y entregas de una sesión: el integrante ni siquiera los ve.
CAMBIO_DE_ENTREGA = solo_post(302, 403, 404, 404, 302)
CAMBIO_DE_SEGUIMIENTO = solo_post(200, 200, 403, 403, 302)  # Seguimiento también mueve acuerdos

ESPERADO = {
    "login": (302, 302, 302, 302, 200),
    "logout": solo_post(302, 302, 302, 302, 302),  # cierra la sesión y va a entrar
    # Sesiones
    "sesiones:inicio": (200, 200, 200, 200, 302),
    "sesiones:organos": (200, 200, 200, 200, 302),
    "sesiones:organo": (200, 200, 200, 404, 302),
    "sesiones:lista": (200, 200, 200, 200, 302),
    "sesiones:nueva": JURIDICO,
    "sesiones:detalle": SESION_PROPIA,
    "sesiones:editar": JURIDICO,
    "sesiones:confirmar_transicion": JURIDICO,  # con ?estado=diferida (CONSULTA)
    "sesiones:transicion": CAMBIO_JURIDICO,
    "sesiones:punto_nuevo": JURIDICO,
    "sesiones:asistencia": JURIDICO,
    "sesiones:asistencia_fila": CAMBIO_JURIDICO,
    "sesiones:invitado_nuevo": JURIDICO,
    "sesiones:punto_editar": JURIDICO,
    "sesiones:punto_eliminar": JURIDICO,
    "sesiones:punto_mover": CAMBIO_JURIDICO,
    "sesiones:anexo_nuevo": JURIDICO,
    "sesiones:anexo": ANEXO_RESERVADO,
    "sesiones:anexo_eliminar": JURIDICO,  # anexo de la sesión convocada, que aún se edita
    "sesiones:invitado_asistencia": CAMBIO_JURIDICO,
    "sesiones:invitado_quitar": CAMBIO_JURIDICO,
    # Documentos
    "documentos:sesion": (200, 200, 404, 404, 302),
    "documentos:generar": CAMBIO_DE_ENTREGA,
    "documentos:reintentar": CAMBIO_DE_ENTREGA,
    "documentos:zip": (200, 200, 404, 404, 302),
    "documentos:descargar": (200, 200, 404, 404, 302),
    "documentos:marcar": CAMBIO_DE_ENTREGA,
    "documentos:plantillas": JURIDICO,
    "documentos:plantilla_subir": solo_post(400, 403, 403, 403, 302),  # 400: falta el archivo
    "documentos:plantilla_activar": CAMBIO_JURIDICO,
    "documentos:plantilla_descargar": JURIDICO,
    # Portal de integrantes y entregas
    "portal:inicio": PORTAL,
    "portal:sesion": (302, 302, 200, 404, 302),
    "portal:confirmar": solo_post(302, 302, 400, 404, 302),  # 400: falta la respuesta
    "portal:observar": solo_post(302, 302, 400, 404, 302),
    "portal:anexo": (200, 200, 200, 404, 302),
    "portal:documento": (302, 302, 200, 404, 302),
    "portal:calendario_regenerar": solo_post(302, 302, 302, 302, 302),  # vuelve al portal
    "portal:calendario": PUBLICO,  # el secreto en la URL es la credencial
    # Enlace personal firmado: abre sin cuenta; con la cuenta de otra persona, 403.
    "portal:enlace": (200, 200, 403, 403, 200),
    # 409/400: la entrega del escenario aún no se envía, o falta la respuesta.
    "portal:enlace_acusar": solo_post(409, 403, 403, 403, 409),
    "portal:enlace_confirmar": solo_post(400, 400, 403, 403, 400),
    "entregas:sesion": (200, 200, 404, 404, 302),
    "entregas:enviar": CAMBIO_DE_ENTREGA,
    "entregas:avisar": CAMBIO_DE_ENTREGA,
    "entregas:reenviar": CAMBIO_DE_ENTREGA,
    "entregas:firma_registrar": CAMBIO_DE_ENTREGA,
    "entregas:acta_firmada_subir": solo_post(400, 403, 404, 404, 302),  # 400: falta el archivo
    "entregas:acta_firmada_descargar": (404, 404, 404, 404, 302),
    "entregas:copia_emitir": CAMBIO_DE_ENTREGA,
    "entregas:copia_entregar": solo_post(404, 403, 404, 404, 302),  # el escenario no expide copias
    # Bitácora (historia de auditoría)
    "bitacora:lista": PERSONAL,
    "bitacora:csv": PERSONAL,
    # Acuerdos
    "acuerdos:lista": (200, 200, 200, 200, 302),
    "acuerdos:masivo": solo_post(302, 302, 403, 403, 302),
    "acuerdos:tablero": PERSONAL,
    "acuerdos:ejecuciones": PERSONAL,
    "acuerdos:sesion": SESION_PROPIA,
    "acuerdos:nuevo": solo_post(200, 403, 403, 403, 302),
    "acuerdos:detalle": ACUERDO_PROPIO,
    "acuerdos:votacion": JURIDICO,
    "acuerdos:estado": CAMBIO_DE_SEGUIMIENTO,
    "acuerdos:avance": CAMBIO_DE_SEGUIMIENTO,
    "acuerdos:publicacion": CAMBIO_DE_SEGUIMIENTO,
    "acuerdos:datos": CAMBIO_DE_SEGUIMIENTO,
    "acuerdos:corregir": solo_post(200, 403, 403, 403, 302),
    "acuerdos:certificar": CAMBIO_JURIDICO,
    "acuerdos:evidencia": (200, 200, 200, 404, 302),
    # Transparencia (personal)
    "transparencia:informe": PERSONAL,
    "transparencia:informe_docx": PERSONAL,
    "transparencia:pnt": PERSONAL,
    "transparencia:acta_publica": CAMBIO_JURIDICO,
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

# Consulta con la que la matriz abre una ruta, cuando sin ella la página solo redirige.
CONSULTA = {"sesiones:confirmar_transicion": "?estado=diferida"}


def _fila(nombre: str) -> Fila:
    fila = ESPERADO[nombre]
    return fila if isinstance(fila, Fila) else Fila(get=fila)


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
    escenario = armar_escenario(settings)
    # Un anexo en la sesión convocada: la que aún se edita, para que la matriz abra su baja.
    sesion = escenario["sesion"]
    anexo = sesiones_services.anexo_subir(
        punto=sesion.puntos.first(),
        usuario=User.objects.get(username="juridico"),
        titulo="Informe",
        archivo=SimpleUploadedFile("informe.pdf", factories.pdf_de_prueba()),
        tipo_contenido="application/pdf",
    )
    escenario["valores"]["sesiones:anexo_eliminar"] = anexo.pk
    return escenario


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
    # Una ruta que solo acepta POST declara quién puede hacer el cambio, no solo el 405 del GET.
    sin_post = sorted(n for n in ESPERADO if set(_fila(n).get) == {405} and _fila(n).post is None)
    assert not sin_post, f"Rutas de solo POST sin fila de POST (use solo_post): {sin_post}"
    mal_armadas = sorted(
        n
        for n in ESPERADO
        if len(_fila(n).get) != N_ROLES or len(_fila(n).post or ROLES) != N_ROLES
    )
    assert not mal_armadas, f"Filas que no tienen un código por rol: {mal_armadas}"
    assert not sorted(set(CONSULTA) - nombres), "CONSULTA nombra rutas que no existen"


def _url_de_la_matriz(nombre, patron, escenario) -> str:
    return _url(nombre, patron, escenario) + CONSULTA.get(nombre, "")


def _a_entrar(respuesta) -> bool:
    return respuesta.status_code == 302 and respuesta.headers["Location"].startswith(
        "/entrar/?next="
    )


# Lo que un GET responde a quien no deja pasar (un 405 no dice nada de los demás métodos).
RECHAZOS_GET = (302, 401, 403, 404)


def _rechazo(respuesta) -> bool:
    return respuesta.status_code in (401, 403, 404, 405) or _a_entrar(respuesta)


def test_cada_ruta_responde_lo_esperado_a_cada_rol(escenario):
    clientes = _clientes()
    diferencias = []
    for nombre, patron in _rutas():
        url = _url_de_la_matriz(nombre, patron, escenario)
        for rol, esperado in zip(ROLES, _fila(nombre).get, strict=True):
            respuesta = clientes[rol].get(url)
            if respuesta.status_code != esperado:
                diferencias.append(f"{nombre} {url} {rol}: {respuesta.status_code} ≠ {esperado}")
            if rol == "anonimo" and respuesta.status_code == 302 and not _a_entrar(respuesta):
                diferencias.append(f"{nombre} anónimo redirige a {respuesta.headers['Location']}")
    assert not diferencias, "\n".join(diferencias)


def _post_sin_datos(cliente, url) -> tuple[object, list[str]]:
    """POST sin datos en un punto de guardado que luego se deshace: cada rol parte de la misma
    base. Devuelve la respuesta y lo que escribió en la base (sin contar la sesión de la cuenta)."""
    with transaction.atomic(), CaptureQueriesContext(connection) as consultas:
        respuesta = cliente.post(url, {})
        transaction.set_rollback(True)
    escrituras = [
        c["sql"][:80]
        for c in consultas.captured_queries
        if c["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in c["sql"]
    ]
    return respuesta, escrituras


def test_cada_ruta_responde_lo_esperado_a_cada_rol_por_post(escenario):
    """Quien no pasa por GET tampoco pasa por POST, y lo rechazado no escribe nada."""
    comunes = _clientes()
    diferencias = []
    for nombre, patron in _rutas():
        # Cerrar la sesión deja a los clientes sin ella: esa ruta usa otros.
        clientes = _clientes() if nombre == "logout" else comunes
        url = _url_de_la_matriz(nombre, patron, escenario)
        fila = _fila(nombre)
        respuestas = {}
        for rol in ROLES:
            respuestas[rol], escrituras = _post_sin_datos(clientes[rol], url)
            if _rechazo(respuestas[rol]) and escrituras:
                codigo = respuestas[rol].status_code
                diferencias.append(
                    f"POST {nombre} {rol}: rechazado ({codigo}) pero escribió {escrituras[:3]}"
                )
        codigos = {rol: r.status_code for rol, r in respuestas.items()}
        if fila.post is not None:
            permitidos = {rol: {esperado} for rol, esperado in zip(ROLES, fila.post, strict=True)}
        else:
            # Si quien entra por GET puede mandar POST, el rechazado recibe el mismo código que
            # por GET; si la ruta no recibe POST de nadie, basta con el 405.
            acepta_post = any(
                codigos[rol] != 405 for rol, get in zip(ROLES, fila.get, strict=True) if get == 200
            )
            permitidos = {
                rol: {get} if acepta_post else {get, 405}
                for rol, get in zip(ROLES, fila.get, strict=True)
                if get in RECHAZOS_GET
            }
        for rol, codigos_validos in permitidos.items():
            if codigos[rol] not in codigos_validos:
                diferencias.append(
                    f"POST {nombre} {url} {rol}: {codigos[rol]} ∉ {sorted(codigos_validos)}"
                )
        anonimo = respuestas["anonimo"]
        if nombre != "logout" and anonimo.status_code == 302 and not _a_entrar(anonimo):
            diferencias.append(f"POST {nombre} anónimo redirige a {anonimo.headers['Location']}")
    assert not diferencias, "\n".join(diferencias)


def test_objeto_inexistente_da_404(escenario):
    """Cada ruta con pk, con un pk que no existe, por el primer método que la ruta acepta."""
    clientes = _clientes()
    diferencias = []
    urls = []
    for nombre, patron in _rutas():
        if "pk" in patron.pattern.converters:
            kwargs = {**_kwargs(nombre, patron, escenario), "pk": 999999}
            urls.append((nombre, reverse(nombre, kwargs=kwargs)))
    assert len(urls) > 50
    punto = escenario["pk_por_prefijo"]["puntos/"]
    urls.append(("dirección desconocida", f"/puntos/{punto}/mover/al-fondo/"))
    for nombre, url in urls:
        # El portal es de los integrantes: al personal lo manda a su inicio.
        cliente = clientes["miembro" if nombre.startswith("portal:") else "juridico"]
        for metodo in ("get", "post", "patch"):
            respuesta, _cambio = _intentar(getattr(cliente, metodo), url)
            if respuesta.status_code != 405:
                break
        if respuesta.status_code != 404:
            diferencias.append(f"{metodo.upper()} {nombre} {url}: {respuesta.status_code} ≠ 404")
    assert not diferencias, "\n".join(diferencias)


def test_sin_cambio_posible_el_get_vuelve_a_la_sesion(escenario):
    """Lo que la matriz abre con la sesión convocada: sin destino, o ya concluida, vuelve."""
    juridico = _clientes()["juridico"]
    sesion = escenario["sesion"]
    sin_estado = juridico.get(reverse("sesiones:confirmar_transicion", args=[sesion.pk]))
    assert sin_estado.status_code == 302
    assert sin_estado.headers["Location"] == sesion.get_absolute_url()
    concluido = Anexo.objects.get(pk=escenario["pk_por_prefijo"]["anexos/"])
    assert concluido.punto.sesion.estado == "concluida"
    baja = juridico.get(reverse("sesiones:anexo_eliminar", args=[concluido.pk]))
    assert baja.status_code == 302
    assert baja.headers["Location"] == concluido.punto.sesion.get_absolute_url()


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
    # Las apps en que se dividió «sesiones»: documentos, entregas y bitácora también cuentan.
    for app in ("bitacora", "sesiones", "documentos", "entregas", "acuerdos", "transparencia"):
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

"""Tolerancia a fallas: se mata el clúster de django-q2 a mitad de un lote y de un envío.

Corre procesos `manage.py qcluster` de verdad contra una base propia (archivo SQLite en un
directorio temporal, o una base de PostgreSQL creada y borrada aquí si hay DATABASE_URL),
los mata con SIGKILL a mitad del trabajo, los arranca de nuevo y revisa que cada documento
y cada correo quede exactamente una vez.

No usa la base de pruebas de pytest-django: los subprocesos no la verían.
"""

import contextlib
import datetime
import email
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

RAIZ = Path(__file__).resolve().parent.parent
MIEMBROS = 90
# timeout corto para que la reentrega llegue pronto; retry > timeout, como exige django-q2.
Q_TIMEOUT = 12
Q_RETRY = 20
LIMITE_SEGUNDOS = 90

AJUSTES = """
from config.settings import *  # noqa: F403

SESIONES_DOCUMENTOS_PDF = False
Q_CLUSTER = {**Q_CLUSTER, "timeout": %(timeout)d, "retry": %(retry)d, "sync": False}  # noqa: F405
"""

SEMBRAR = """
import json
from django.contrib.auth.models import User
from documentos.services import plantilla_activa
from documentos.models import ConfiguracionDocumentosOrgano, TipoDocumento
from tests import factories

from django.contrib.auth.models import Group
from comun.roles import GRUPO_JURIDICO

usuario = User.objects.create_user("juridico", password="x")
usuario.groups.add(Group.objects.get_or_create(name=GRUPO_JURIDICO)[0])
organo = factories.organo_con_integrantes(%(miembros)d)
ConfiguracionDocumentosOrgano.objects.create(
    organo=organo, firmante_nombre="Mtra. Rosalinda Toledo Pérez", firmante_cargo="Secretaria"
)
# Las plantillas por omisión se registran antes: su primer uso también escribe un archivo.
for tipo in TipoDocumento.values:
    try:
        plantilla_activa(tipo=tipo)
    except FileNotFoundError:
        pass
documentos = factories.sesion_futura(organo, usuario, dias=10)
correos = factories.sesion_futura(organo, usuario, dias=12)
factories.generar_convocatorias(correos)
print("JSON" + json.dumps({"documentos": documentos.pk, "correos": correos.pk}))
"""

SOLICITAR_LOTE = """
import json
from django.contrib.auth.models import User
from documentos.services import lote_solicitar
from sesiones.models import Sesion
from documentos.models import TipoLote

lote = lote_solicitar(
    sesion=Sesion.objects.get(pk=%(sesion)d),
    tipo=TipoLote.CONVOCATORIAS_INVITACIONES,
    usuario=User.objects.get(username="juridico"),
)
print("JSON" + json.dumps({"lote": lote.pk}))
"""

SOLICITAR_ENVIO = """
import json
from django.contrib.auth.models import User
from entregas.services import entregas_solicitar
from sesiones.models import Sesion

creadas = entregas_solicitar(
    sesion=Sesion.objects.get(pk=%(sesion)d), usuario=User.objects.get(username="juridico")
)
print("JSON" + json.dumps({"entregas": len(creadas)}))
"""

REVISAR = """
import json
from collections import Counter
from django.apps import apps
from django.conf import settings
from django.db import models
from bitacora.models import Bitacora
from documentos.models import DocumentoGenerado, LoteDocumentos
from entregas.models import Entrega
from sesiones.models import Sesion
from sesiones.selectors import integrantes_de_sesion

sesion = Sesion.objects.get(pk=%(sesion)d)
referenciados = set()
for modelo in apps.get_models():
    campos = [c.name for c in modelo._meta.fields if isinstance(c, models.FileField)]
    for campo in campos:
        referenciados.update(n for n in modelo.objects.values_list(campo, flat=True) if n)
raiz = settings.MEDIA_ROOT
en_disco = {str(p.relative_to(raiz)) for p in raiz.rglob("*") if p.is_file()}
vigentes = Counter(
    DocumentoGenerado.objects.filter(sesion=sesion, vigente=True).values_list(
        "destinatario_id", flat=True
    )
)
print("JSON" + json.dumps({
    "miembros": sorted(i.persona_id for i in integrantes_de_sesion(sesion)),
    "vigentes": {str(k): v for k, v in vigentes.items()},
    "documentos": DocumentoGenerado.objects.filter(sesion=sesion).count(),
    "lotes": list(LoteDocumentos.objects.filter(sesion=sesion).values_list("estado", flat=True)),
    "huerfanos": sorted(en_disco - referenciados),
    "perdidos": sorted(referenciados - en_disco),
    "entregas": list(Entrega.objects.filter(sesion=sesion).values_list("correo", "estado")),
    "recuperadas": Bitacora.objects.filter(accion="entrega.recuperar", sesion=sesion).count(),
}))
"""


@dataclass
class Entorno:
    dir: Path
    env: dict
    pg_url: str = ""  # vacío: SQLite en dir/sesiones.sqlite3

    @property
    def media(self) -> Path:
        return self.dir / "archivos"

    @property
    def correo(self) -> Path:
        return self.dir / "correo"

    def manage(self, *args: str, timeout: int = 120) -> str:
        # Orden fijo: el intérprete actual y manage.py de este proyecto.
        salida = subprocess.run(  # noqa: S603
            [sys.executable, str(RAIZ / "manage.py"), *args],
            cwd=RAIZ,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert salida.returncode == 0, salida.stderr[-3000:]
        return salida.stdout

    def script(self, codigo: str, **valores) -> dict:
        salida = self.manage("shell", "-c", textwrap.dedent(codigo % valores))
        linea = [x for x in salida.splitlines() if x.startswith("JSON")][-1]
        return json.loads(linea[4:])

    def valor(self, sql: str, *parametros):
        """Una lectura rápida, sin arrancar Django, para decidir cuándo matar al clúster."""
        if self.pg_url:
            import psycopg

            with psycopg.connect(self.pg_url, autocommit=True) as conexion:
                return conexion.execute(sql, parametros).fetchone()
        conexion = sqlite3.connect(self.dir / "sesiones.sqlite3", timeout=20)
        try:
            return conexion.execute(sql.replace("%s", "?"), parametros).fetchone()
        finally:
            conexion.close()

    def cluster(self, nombre: str) -> subprocess.Popen:
        bitacora = open(self.dir / f"{nombre}.log", "wb")  # noqa: SIM115 — lo cierra el proceso
        # Sesión propia: qcluster crea procesos hijos y se mata el grupo entero.
        proceso = subprocess.Popen(  # noqa: S603
            [sys.executable, str(RAIZ / "manage.py"), "qcluster"],
            cwd=RAIZ,
            env=self.env,
            stdout=bitacora,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        bitacora.close()
        return proceso


def _matar(proceso: subprocess.Popen, senal=signal.SIGKILL) -> None:
    try:
        os.killpg(proceso.pid, senal)
    except ProcessLookupError:
        return
    if senal == signal.SIGKILL:
        proceso.wait(timeout=10)


def _detener(proceso: subprocess.Popen) -> None:
    """SIGTERM al grupo y, si no se detiene pronto, SIGKILL."""
    if proceso.poll() is None:
        _matar(proceso, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proceso.wait(timeout=15)
    # Los hijos pueden seguir vivos aunque el padre haya salido.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proceso.pid, signal.SIGKILL)
    if proceso.poll() is None:
        proceso.wait(timeout=10)


def _esperar(condicion, limite: float, mensaje: str, pausa: float = 0.05):
    fin = time.monotonic() + limite
    while time.monotonic() < fin:
        resultado = condicion()
        if resultado:
            return resultado
        time.sleep(pausa)
    raise AssertionError(mensaje)


def _base_postgres(nombre: str) -> tuple[str, str]:
    """(URL de la base nueva, URL de la base de mantenimiento) a partir de DATABASE_URL."""
    partes = urlsplit(os.environ["DATABASE_URL"])
    nueva = urlunsplit(partes._replace(path=f"/{nombre}"))
    mantenimiento = urlunsplit(partes._replace(path="/postgres"))
    return nueva, mantenimiento


@pytest.fixture(scope="module")
def entorno(tmp_path_factory):
    directorio = tmp_path_factory.mktemp("fallas")
    (directorio / "ajustes_fallas.py").write_text(
        AJUSTES % {"timeout": Q_TIMEOUT, "retry": Q_RETRY}
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SESIONES_MEDIA_ROOT", "Q_SYNC"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="ajustes_fallas",
        PYTHONPATH=os.pathsep.join([str(directorio), str(RAIZ)]),
        SESIONES_VAR_DIR=str(directorio),
        Q_WORKERS="1",
        DJANGO_LOG_LEVEL="INFO",
    )
    pg_url = mantenimiento = nombre = ""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        import psycopg

        nombre = f"sesiones_fallas_{os.getpid()}"
        pg_url, mantenimiento = _base_postgres(nombre)
        with psycopg.connect(mantenimiento, autocommit=True) as conexion:
            conexion.execute(f'DROP DATABASE IF EXISTS "{nombre}"')
            conexion.execute(f'CREATE DATABASE "{nombre}"')
        env["DATABASE_URL"] = pg_url
    try:
        preparado = Entorno(dir=directorio, env=env, pg_url=pg_url)
        preparado.manage("migrate", "--noinput", timeout=300)
        preparado.sesiones = preparado.script(SEMBRAR, miembros=MIEMBROS)
        yield preparado
    finally:
        if nombre:
            import psycopg

            with psycopg.connect(mantenimiento, autocommit=True) as conexion:
                conexion.execute(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)')


@pytest.mark.lenta
def test_matar_el_trabajador_a_mitad_del_lote_deja_cada_documento_una_vez(entorno):
    sesion = entorno.sesiones["documentos"]
    lote = entorno.script(SOLICITAR_LOTE, sesion=sesion)["lote"]
    consulta = "SELECT estado, hechos, total FROM documentos_lotedocumentos WHERE id = %s"
    carpeta = entorno.media / "documentos" / "lotes" / str(lote)
    primero = entorno.cluster("cluster-1")
    segundo = None
    try:
        # Se mata cuando ya escribió algunos archivos y aún faltan muchos.
        estado, hechos, total = _esperar(
            lambda: (fila := entorno.valor(consulta, lote)) and fila[1] >= 5 and fila,
            LIMITE_SEGUNDOS,
            "El clúster nunca empezó el lote.",
        )
        _matar(primero)
        estado, hechos, total = entorno.valor(consulta, lote)
        assert estado == "en_proceso" and hechos < total, "El lote terminó antes de matarlo."
        restos = list(carpeta.iterdir())
        assert restos, "El intento muerto debía dejar archivos a medias."
        filas = entorno.valor(
            "SELECT COUNT(*) FROM documentos_documentogenerado WHERE lote_id = %s", lote
        )
        assert filas[0] == 0

        segundo = entorno.cluster("cluster-2")
        _esperar(
            lambda: entorno.valor(consulta, lote)[0] in {"terminado", "fallido"},
            LIMITE_SEGUNDOS,
            "El lote no terminó tras reiniciar el clúster.",
            pausa=0.5,
        )
    finally:
        _matar(primero)
        if segundo is not None:
            _detener(segundo)

    revision = entorno.script(REVISAR, sesion=sesion)
    assert revision["lotes"] == ["terminado"]
    miembros = revision["miembros"]
    assert len(miembros) == MIEMBROS
    # Exactamente un documento vigente por integrante, y ninguno de más en toda la sesión.
    assert revision["vigentes"] == {str(pk): 1 for pk in miembros}
    assert revision["documentos"] == MIEMBROS
    # Lo que escribió el intento muerto se borró; nada de lo registrado falta en disco.
    assert revision["huerfanos"] == []
    assert revision["perdidos"] == []
    assert not any(resto.exists() for resto in restos)


def _destinatarios(carpeta: Path) -> list[str]:
    """Un elemento por mensaje escrito: la dirección de su cabecera To."""
    direcciones = []
    for archivo in sorted(carpeta.glob("*.log")):
        texto = archivo.read_text(encoding="utf-8", errors="replace")
        for bloque in texto.split("\n" + "-" * 79 + "\n"):
            if not bloque.strip():
                continue
            mensaje = email.message_from_string(bloque.lstrip("\n"))
            direcciones += [d.lower() for _n, d in getaddresses(mensaje.get_all("To", []))]
    return direcciones


@pytest.mark.lenta
def test_matar_el_trabajador_a_mitad_del_envio_entrega_cada_correo(entorno):
    sesion = entorno.sesiones["correos"]
    total = entorno.script(SOLICITAR_ENVIO, sesion=sesion)["entregas"]
    assert total == MIEMBROS
    primero = entorno.cluster("cluster-3")
    segundo = None
    try:
        # Se mata con algunos correos ya escritos y, de preferencia, una entrega tomada.
        progreso = (
            "SELECT SUM(CASE WHEN estado = 'enviado' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN estado = 'enviando' THEN 1 ELSE 0 END) "
            "FROM entregas_entrega WHERE sesion_id = %s"
        )
        _esperar(
            lambda: (fila := entorno.valor(progreso, sesion)) and (fila[0] or 0) >= 5 and fila[1],
            LIMITE_SEGUNDOS,
            "El clúster nunca empezó a enviar.",
            pausa=0.01,
        )
        _matar(primero)
        enviados_antes = _destinatarios(entorno.correo)
        assert len(enviados_antes) < total, "El envío terminó antes de matarlo."
        tomadas, en_vuelo = entorno.valor(
            "SELECT COUNT(*), MAX(LOWER(correo)) FROM entregas_entrega "
            "WHERE sesion_id = %s AND estado = 'enviando'",
            sesion,
        )
        # Un solo envío a la vez: a lo más una entrega quedó tomada por el trabajador muerto.
        assert tomadas <= 1
        # Si el correo ya se escribió pero la fila no llegó a «enviado», se enviará otra vez:
        # la garantía del diseño es «al menos una vez» solo en esa ventana (ver el servicio).
        duplicado_esperado = {en_vuelo} & set(enviados_antes)

        segundo = entorno.cluster("cluster-4")
        _esperar(
            lambda: (
                entorno.valor(
                    "SELECT COUNT(*) FROM entregas_entrega "
                    "WHERE sesion_id = %s AND estado <> 'enviado'",
                    sesion,
                )[0]
                == 0
            ),
            LIMITE_SEGUNDOS,
            "Quedaron entregas sin enviar tras reiniciar el clúster.",
            pausa=0.5,
        )
    finally:
        _matar(primero)
        if segundo is not None:
            _detener(segundo)

    revision = entorno.script(REVISAR, sesion=sesion)
    assert {estado for _c, estado in revision["entregas"]} == {"enviado"}
    assert revision["recuperadas"] == tomadas
    esperados = {correo.lower() for correo, _e in revision["entregas"]}
    assert len(esperados) == MIEMBROS
    recibidos = _destinatarios(entorno.correo)
    conteo = {d: recibidos.count(d) for d in set(recibidos)}
    assert set(conteo) == esperados
    assert conteo == {d: 2 if d in duplicado_esperado else 1 for d in esperados}


# --- Las mismas garantías, paso a paso y sin clúster (deterministas) --------------------


@pytest.fixture
def lote_convocatorias(organo, juridico, firmante_organo, settings):
    from documentos.models import LoteDocumentos, TipoLote
    from tests import factories

    settings.SESIONES_DOCUMENTOS_PDF = False
    sesion = factories.sesion_futura(organo, juridico)
    return LoteDocumentos.objects.create(
        sesion=sesion, tipo=TipoLote.CONVOCATORIAS_INVITACIONES, solicitado_por=juridico
    )


def _hace(segundos: float):
    from django.utils import timezone

    return timezone.now() - datetime.timedelta(seconds=segundos)


def test_reclamo_vencido_entre_timeout_y_retry(settings):
    from comun.tareas import reclamo_vencido_desde

    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "timeout": 10, "retry": 30}
    segundos = (_hace(0) - reclamo_vencido_desde()).total_seconds()
    assert 19.5 < segundos < 21


def test_lote_abandonado_se_retoma_y_borra_lo_que_dejo_el_muerto(lote_convocatorias):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from comun.tareas import reclamo_vencido_desde
    from documentos import tasks
    from documentos.models import DocumentoGenerado, EstadoLote, LoteDocumentos

    lote = lote_convocatorias
    vencido = reclamo_vencido_desde() - datetime.timedelta(seconds=1)
    LoteDocumentos.objects.filter(pk=lote.pk).update(
        estado=EstadoLote.EN_PROCESO, iniciado=vencido, hechos=3, intentos=1
    )
    resto = default_storage.save(f"documentos/lotes/{lote.pk}/resto.docx", ContentFile(b"x"))
    assert tasks.generar_lote(lote.pk) == "Terminado: 5/5"
    lote.refresh_from_db()
    assert lote.estado == EstadoLote.TERMINADO and lote.intentos == 2
    assert not default_storage.exists(resto)
    assert DocumentoGenerado.objects.filter(lote=lote, vigente=True).count() == 5
    # Lo que quedó en la carpeta del lote es exactamente lo registrado.
    _carpetas, archivos = default_storage.listdir(f"documentos/lotes/{lote.pk}")
    registrados = {d.archivo.name.rsplit("/", 1)[1] for d in lote.documentos.all()}
    assert set(archivos) == registrados | {lote.zip.name.rsplit("/", 1)[1]}


def test_lote_tomado_hace_poco_pide_reintento_sin_tocar_nada(lote_convocatorias):
    from comun.tareas import TareaEnCurso
    from documentos import tasks
    from documentos.models import DocumentoGenerado, EstadoLote, LoteDocumentos

    lote = lote_convocatorias
    LoteDocumentos.objects.filter(pk=lote.pk).update(
        estado=EstadoLote.EN_PROCESO, iniciado=_hace(1), intentos=1
    )
    with pytest.raises(TareaEnCurso):
        tasks.generar_lote(lote.pk)
    lote.refresh_from_db()
    assert lote.estado == EstadoLote.EN_PROCESO and lote.intentos == 1
    assert not DocumentoGenerado.objects.filter(lote=lote).exists()


@pytest.mark.parametrize("estado", ["terminado", "fallido"])
def test_lote_terminado_o_fallido_no_se_vuelve_a_procesar(lote_convocatorias, estado):
    from documentos import tasks
    from documentos.models import DocumentoGenerado, LoteDocumentos

    LoteDocumentos.objects.filter(pk=lote_convocatorias.pk).update(
        estado=estado, iniciado=_hace(9999)
    )
    assert tasks.generar_lote(lote_convocatorias.pk) == "El lote ya estaba tomado o terminado."
    assert not DocumentoGenerado.objects.exists()


def _correos_por_destinatario(outbox) -> dict[str, int]:
    conteo: dict[str, int] = {}
    for mensaje in outbox:
        for _nombre, direccion in getaddresses(mensaje.to):
            conteo[direccion] = conteo.get(direccion, 0) + 1
    return conteo


def test_entrega_interrumpida_se_recupera_y_cada_quien_recibe_un_correo(sesion_proxima, juridico):
    from django.core import mail

    from bitacora.models import Bitacora
    from comun.tareas import reclamo_vencido_desde
    from entregas import services as entregas
    from entregas import tasks as tasks_entregas
    from entregas.models import Entrega, EstadoEntrega

    creadas = entregas.entregas_solicitar(sesion=sesion_proxima, usuario=juridico)
    muerta = creadas[2]
    vencido = reclamo_vencido_desde() - datetime.timedelta(seconds=1)
    Entrega.objects.filter(pk=muerta.pk).update(estado=EstadoEntrega.ENVIANDO, reclamada_en=vencido)
    assert tasks_entregas.enviar_sesion(sesion_proxima.pk) == "5 enviadas, 0 fallidas"
    assert set(Entrega.objects.values_list("estado", flat=True)) == {EstadoEntrega.ENVIADO}
    assert _correos_por_destinatario(mail.outbox) == {e.correo: 1 for e in creadas}
    bitacora = Bitacora.objects.get(accion="entrega.recuperar")
    assert bitacora.objeto_id == str(muerta.pk) and bitacora.sesion == sesion_proxima
    # Correr la tarea otra vez no envía nada más.
    assert tasks_entregas.enviar_sesion(sesion_proxima.pk) == "0 enviadas, 0 fallidas"
    assert len(mail.outbox) == 5


def test_entrega_tomada_hace_poco_no_se_recupera_y_la_tarea_pide_reintento(
    sesion_proxima, juridico
):
    from django.core import mail

    from bitacora.models import Bitacora
    from comun.tareas import TareaEnCurso
    from entregas import services as entregas
    from entregas import tasks as tasks_entregas
    from entregas.models import Entrega, EstadoEntrega

    creadas = entregas.entregas_solicitar(sesion=sesion_proxima, usuario=juridico)
    viva = creadas[0]
    Entrega.objects.filter(pk=viva.pk).update(estado=EstadoEntrega.ENVIANDO, reclamada_en=_hace(1))
    with pytest.raises(TareaEnCurso):
        tasks_entregas.enviar_sesion(sesion_proxima.pk)
    assert len(mail.outbox) == 4
    assert Entrega.objects.get(pk=viva.pk).estado == EstadoEntrega.ENVIANDO
    assert not Bitacora.objects.filter(accion="entrega.recuperar").exists()
    # En la reentrega, el reclamo ya venció: se recupera y se envía una sola vez.
    Entrega.objects.filter(pk=viva.pk).update(reclamada_en=_hace(10_000))
    assert tasks_entregas.enviar_sesion(sesion_proxima.pk) == "1 enviadas, 0 fallidas"
    assert _correos_por_destinatario(mail.outbox) == {e.correo: 1 for e in creadas}


@pytest.mark.parametrize("estado", ["pendiente", "enviado", "fallido", "acusado"])
def test_recuperar_solo_toca_entregas_en_envio(sesion_proxima, juridico, estado):
    from bitacora.models import Bitacora
    from entregas import services as entregas
    from entregas.models import Entrega

    creadas = entregas.entregas_solicitar(sesion=sesion_proxima, usuario=juridico)
    Entrega.objects.filter(pk=creadas[0].pk).update(estado=estado, reclamada_en=_hace(10_000))
    assert entregas.entregas_recuperar_interrumpidas(sesion_id=sesion_proxima.pk) == 0
    assert Entrega.objects.get(pk=creadas[0].pk).estado == estado
    assert not Bitacora.objects.filter(accion="entrega.recuperar").exists()

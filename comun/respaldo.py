"""Respaldo y restauración de la base de datos y de los archivos subidos.

Un respaldo es un directorio con:
- ``datos.jsonl``: cada fila de cada modelo respaldable, una por línea (formato ``jsonl``
  de Django), con llaves naturales en las llaves foráneas hacia ContentType, Permission y
  usuarios, para que el respaldo no dependa de los ids que ``migrate`` asigne a esas tablas;
- ``archivos/``: copia exacta de ``MEDIA_ROOT``;
- ``manifiesto.json``: formato, fecha, versión de Django, motor, migraciones, filas por
  modelo y el SHA-256 de cada archivo y de ``datos.jsonl``;
- ``manifiesto.firma``: HMAC-SHA256 de los bytes de ``manifiesto.json`` con la clave de
  ``SESIONES_RESPALDO_CLAVE`` (o, si está vacía, una derivada de ``SECRET_KEY``). Sin la
  firma, quien edite los datos puede recalcular el SHA-256 del manifiesto y el respaldo
  alterado pasaría por íntegro.

Al restaurar se verifica la firma antes de interpretar el manifiesto, y se rechaza todo
enlace simbólico, toda ruta que salga del respaldo y todo archivo que sobre o falte.

Se recorre ``apps.get_models()``: los modelos que otras apps agreguen después quedan
cubiertos sin tocar este módulo. Las claves primarias se conservan (no se usa
``--natural-primary``) para que cada fila vuelva idéntica, con los mismos ids a los que
apuntan URLs, bitácora y archivos.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import os
import re
import shutil
import stat
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from comun.exceptions import ErrorDominio

# 2: manifiesto firmado (manifiesto.firma). El 1 no tenía firma: no se acepta.
# 3: una aplicación por concepto (bitacora, documentos, entregas…) con migraciones desde cero;
# un respaldo de otro formato (p. ej. el 2, con todo bajo «sesiones») no se puede restaurar aquí.
FORMATO = 3
DATOS = "datos.jsonl"
MANIFIESTO = "manifiesto.json"
FIRMA = "manifiesto.firma"
ARCHIVOS = "archivos"
ALGORITMO_FIRMA = "hmac-sha256"
# Etiqueta fija para derivar la clave de firma: la misma clave base nunca firma otra cosa.
ETIQUETA_CLAVE = b"comun.respaldo.manifiesto.v2"
COPIAS_POR_OMISION = 7
# Nombre de cada copia dentro de `respaldar --carpeta` (fecha y hora UTC, sufijo si se repite).
PATRON_COPIA = re.compile(r"respaldo-(\d{8}-\d{6})(?:-(\d+))?")
HUELLA = re.compile(r"[0-9a-f]{64}")
TROZO = 1024 * 1024
# Tablas que migrate reconstruye (contenttypes, permisos), datos efímeros (sesiones web)
# y la cola del broker ORM (restaurarla volvería a ejecutar tareas ya vistas).
EXCLUIDOS = frozenset(
    {"contenttypes.contenttype", "auth.permission", "sessions.session", "django_q.ormq"}
)
# No se respaldan, pero se vacían al restaurar: una sesión web o una tarea en cola de la base
# anterior apuntaría a ids que ahora son de otras filas.
VACIADOS_AL_RESTAURAR = ("sessions.session", "django_q.ormq")
# Filas que una base recién migrada ya trae (migración 0002 de sesiones): no la hacen
# "no vacía"; la restauración las sustituye por las del respaldo.
SEMBRADOS_POR_MIGRACION = frozenset({"auth.group"})


class CodificadorExacto(DjangoJSONEncoder):
    """DjangoJSONEncoder recorta fechas y horas a milisegundos: aquí viajan completas."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class ErrorRespaldo(ErrorDominio):
    """El respaldo no se puede hacer o restaurar; el mensaje dice por qué."""


@dataclass
class Resumen:
    directorio: Path
    filas: dict[str, int] = field(default_factory=dict)
    archivos: int = 0
    bytes_archivos: int = 0
    archivos_anteriores: Path | None = None
    # Copias anteriores que `respaldar --carpeta` borró al rotar.
    eliminadas: list[Path] = field(default_factory=list)

    @property
    def total_filas(self) -> int:
        return sum(self.filas.values())


# --- Utilidades ------------------------------------------------------------------------


def _abrir_lectura(ruta: Path, *, sin_enlaces: bool = False):
    """Abre para leer; con `sin_enlaces`, un enlace simbólico o algo que no sea un archivo
    regular (FIFO, dispositivo) se rechaza en la misma llamada que abre, sin seguirlo."""
    banderas = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    if sin_enlaces:
        banderas |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(ruta, banderas)
    except OSError as error:
        if sin_enlaces and os.path.islink(ruta):
            raise ErrorRespaldo(
                _("%(ruta)s es un enlace simbólico; no se sigue. No se restauró nada.")
                % {"ruta": ruta}
            ) from error
        raise
    if sin_enlaces and not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise ErrorRespaldo(
            _("%(ruta)s no es un archivo regular. No se restauró nada.") % {"ruta": ruta}
        )
    return os.fdopen(descriptor, "rb")


def sha256_de(ruta: Path, *, sin_enlaces: bool = False) -> str:
    huella = hashlib.sha256()
    with _abrir_lectura(ruta, sin_enlaces=sin_enlaces) as archivo:
        while trozo := archivo.read(TROZO):
            huella.update(trozo)
    return huella.hexdigest()


def _copiar_con_huella(
    origen: Path, destino: Path, *, sin_enlaces: bool = False
) -> tuple[str, int]:
    """Copia y calcula el SHA-256 en la misma lectura: lo que se firma es lo que se copió."""
    destino.parent.mkdir(parents=True, exist_ok=True)
    huella = hashlib.sha256()
    tamano = 0
    with _abrir_lectura(origen, sin_enlaces=sin_enlaces) as entrada, open(destino, "wb") as salida:
        while trozo := entrada.read(TROZO):
            huella.update(trozo)
            salida.write(trozo)
            tamano += len(trozo)
        datos = os.fstat(entrada.fileno())
    # Permisos y fechas del archivo que se leyó (no de lo que haya ahora en su ruta).
    os.chmod(destino, stat.S_IMODE(datos.st_mode))
    os.utime(destino, ns=(datos.st_atime_ns, datos.st_mtime_ns))
    return huella.hexdigest(), tamano


def _archivos_bajo(raiz: Path) -> list[Path]:
    if not raiz.is_dir():
        return []
    rutas = []
    for carpeta, _subcarpetas, nombres in os.walk(raiz):
        for nombre in nombres:
            rutas.append(Path(carpeta, nombre).relative_to(raiz))
    return sorted(rutas, key=lambda r: r.as_posix())


# --- Firma del manifiesto ----------------------------------------------------------------


def clave_firma() -> bytes:
    """Clave del HMAC: SESIONES_RESPALDO_CLAVE o, si está vacía, una derivada de SECRET_KEY.

    Se deriva con una etiqueta fija para no usar la misma clave en dos cosas distintas. Un
    respaldo firmado con la clave derivada solo se restaura donde SECRET_KEY es la misma.
    """
    base = getattr(settings, "SESIONES_RESPALDO_CLAVE", "") or settings.SECRET_KEY
    if isinstance(base, str):
        base = base.encode("utf-8")
    return hmac.new(base, ETIQUETA_CLAVE, hashlib.sha256).digest()


def firmar(contenido: bytes) -> str:
    """Texto de ``manifiesto.firma`` para los bytes exactos de ``manifiesto.json``."""
    digesto = hmac.new(clave_firma(), contenido, hashlib.sha256).hexdigest()
    return f"{ALGORITMO_FIRMA}:{digesto}"


def escribir_manifiesto(directorio: Path, manifiesto: dict) -> None:
    """Escribe el manifiesto y su firma (también la usan las pruebas para simular un atacante
    que conoce la clave)."""
    contenido = (
        json.dumps(manifiesto, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ).encode("utf-8")
    (directorio / MANIFIESTO).write_bytes(contenido)
    (directorio / FIRMA).write_text(firmar(contenido) + "\n", encoding="ascii")


def _leer_firmado(raiz: Path) -> bytes:
    """Bytes de ``manifiesto.json`` solo si su firma es válida; nada se interpreta antes."""
    ruta_manifiesto, ruta_firma = raiz / MANIFIESTO, raiz / FIRMA
    if not os.path.lexists(ruta_manifiesto):
        raise ErrorRespaldo(
            _("No se encontró %(manifiesto)s en %(directorio)s.%(pista)s")
            % {"manifiesto": MANIFIESTO, "directorio": raiz, "pista": _pista_copia(raiz)}
        )
    if not os.path.lexists(ruta_firma):
        raise ErrorRespaldo(
            _(
                "El respaldo no trae %(firma)s: es de un formato anterior al %(formato)s o "
                "le quitaron la firma. No se restauró nada; haga un respaldo nuevo con "
                "«respaldar»."
            )
            % {"firma": FIRMA, "formato": FORMATO}
        )
    with _abrir_lectura(ruta_firma, sin_enlaces=True) as archivo:
        firma = archivo.read(1024).strip()
    with _abrir_lectura(ruta_manifiesto, sin_enlaces=True) as archivo:
        contenido = archivo.read()
    if not hmac.compare_digest(firma, firmar(contenido).encode("ascii")):
        raise ErrorRespaldo(
            _(
                "La firma del manifiesto no es válida: el respaldo fue modificado o se firmó "
                "con otra clave (SESIONES_RESPALDO_CLAVE, o SECRET_KEY si aquella no está "
                "definida). No se restauró nada."
            )
        )
    return contenido


def _pista_copia(raiz: Path) -> str:
    """Si `raiz` es una carpeta de rotación, nombra su copia más reciente."""
    copias = _copias_en(raiz) if raiz.is_dir() else []
    if not copias:
        return ""
    return " " + _("¿Quiso decir %(copia)s?") % {"copia": copias[-1]}


def _inventario(raiz: Path) -> set[str]:
    """Archivos regulares bajo `raiz` (rutas POSIX relativas), sin seguir enlaces.

    Se revisa cada componente de cada ruta con lstat: un enlace simbólico (a archivo o a
    carpeta) o un archivo especial en cualquier nivel rechaza el respaldo entero.
    """
    archivos: set[str] = set()
    enlaces, especiales = [], []

    def _fallo(error: OSError) -> None:
        raise ErrorRespaldo(
            _("No se pudo leer %(ruta)s: %(error)s.") % {"ruta": error.filename, "error": error}
        )

    for carpeta, subcarpetas, nombres in os.walk(raiz, onerror=_fallo, followlinks=False):
        for nombre in [*subcarpetas, *nombres]:
            ruta = Path(carpeta, nombre)
            relativa = ruta.relative_to(raiz).as_posix()
            modo = os.lstat(ruta).st_mode
            if stat.S_ISLNK(modo):
                enlaces.append(relativa)
            elif stat.S_ISREG(modo):
                archivos.add(relativa)
            elif not stat.S_ISDIR(modo):
                especiales.append(relativa)
    if enlaces:
        raise ErrorRespaldo(
            _(
                "El respaldo contiene enlaces simbólicos, que no se siguen; no se restauró "
                "nada. Enlaces: %(lista)s."
            )
            % {"lista": ", ".join(sorted(enlaces)[:10])}
        )
    if especiales:
        raise ErrorRespaldo(
            _(
                "El respaldo contiene algo que no es archivo ni carpeta; no se restauró "
                "nada: %(lista)s."
            )
            % {"lista": ", ".join(sorted(especiales)[:10])}
        )
    return archivos


def _ruta_permitida(raiz: Path, relativa) -> bool:
    """Solo ``datos.jsonl`` y ``archivos/…``, relativas, sin «..», «.» ni componentes vacíos,
    y que una vez resueltas sigan dentro del respaldo."""
    if not isinstance(relativa, str) or not relativa or "\\" in relativa or "\x00" in relativa:
        return False
    ruta = PurePosixPath(relativa)
    partes = relativa.split("/")
    if ruta.is_absolute() or any(p in ("", ".", "..") for p in partes):
        return False
    if relativa != DATOS and (partes[0] != ARCHIVOS or len(partes) < 2):
        return False
    return (raiz / relativa).resolve().is_relative_to(raiz)


def modelos_respaldables() -> list:
    """Modelos concretos con tabla propia, ordenados para que las llaves naturales resuelvan.

    Un modelo cuya tabla aún no existe (app sin migración) no puede tener filas: se omite, y
    la comparación de migraciones al restaurar detecta la diferencia.
    """
    tablas = set(connection.introspection.table_names())
    por_app: dict = defaultdict(list)
    # Las tablas intermedias automáticas (user_groups…) van como modelos propios: así
    # conservan su id; el serializador, por el campo muchos-a-muchos, lo perdería.
    for modelo in apps.get_models(include_auto_created=True):
        opciones = modelo._meta
        if opciones.proxy or not opciones.managed or opciones.label_lower in EXCLUIDOS:
            continue
        if opciones.db_table not in tablas:
            continue
        por_app[opciones.app_config].append(modelo)
    return serializers.sort_dependencies(list(por_app.items()), allow_cycles=True)


def estado_migraciones_aplicadas() -> dict[str, str]:
    """Última migración aplicada por app en la base actual."""
    ultimas: dict[str, str] = {}
    for app, nombre in MigrationRecorder(connection).applied_migrations():
        if nombre > ultimas.get(app, ""):
            ultimas[app] = nombre
    return dict(sorted(ultimas.items()))


def estado_migraciones_codigo() -> dict[str, str]:
    """Última migración que trae el código por app (hojas del grafo)."""
    ultimas: dict[str, str] = {}
    for app, nombre in MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes():
        if nombre > ultimas.get(app, ""):
            ultimas[app] = nombre
    return dict(sorted(ultimas.items()))


def _diferencias(esperado: dict[str, str], actual: dict[str, str]) -> list[str]:
    ninguna = _("(ninguna)")
    return [
        _("%(app)s: respaldo %(respaldo)s, aquí %(aqui)s")
        % {"app": app, "respaldo": esperado.get(app, ninguna), "aqui": actual.get(app, ninguna)}
        for app in sorted(set(esperado) | set(actual))
        if esperado.get(app) != actual.get(app)
    ]


# --- Respaldar ---------------------------------------------------------------------------

# Lo único que `respaldar` escribe en su directorio; --forzar solo borra esto.
PROPIOS = frozenset({DATOS, MANIFIESTO, FIRMA, ARCHIVOS})


def respaldo_crear(*, salida: Path, forzar: bool = False) -> Resumen:
    """Escribe datos, archivos, manifiesto y firma en `salida`."""
    salida = Path(salida)
    if salida.exists() and not salida.is_dir():
        raise ErrorRespaldo(_("%(salida)s existe y no es un directorio.") % {"salida": salida})
    if salida.is_dir() and any(salida.iterdir()):
        if not forzar:
            raise ErrorRespaldo(
                _("El directorio %(salida)s no está vacío; use --forzar para sobrescribirlo.")
                % {"salida": salida}
            )
        # Un respaldo con archivos ajenos no pasaría la verificación (sobran archivos), y
        # borrarlos podría llevarse datos de quien eligió mal el directorio: se rechaza.
        ajenos = sorted(h.name for h in salida.iterdir() if h.name not in PROPIOS)
        if ajenos:
            raise ErrorRespaldo(
                _(
                    "El directorio %(salida)s tiene contenido que no es de un respaldo "
                    "(%(lista)s); elija un directorio vacío."
                )
                % {"salida": salida, "lista": ", ".join(ajenos[:10])}
            )
        for nombre in PROPIOS:
            hijo = salida / nombre
            if hijo.is_dir() and not hijo.is_symlink():
                shutil.rmtree(hijo)
            elif os.path.lexists(hijo):
                hijo.unlink()
    salida.mkdir(parents=True, exist_ok=True)
    resumen = Resumen(directorio=salida)

    resumen.filas = _volcar_datos(salida / DATOS)
    huellas = {DATOS: sha256_de(salida / DATOS)}

    # Los archivos se copian después de la instantánea: un archivo subido entre ambos
    # momentos sobra (queda huérfano), pero ninguno de los que la base nombra falta.
    media = Path(settings.MEDIA_ROOT)
    for relativa in _archivos_bajo(media):
        destino = salida / ARCHIVOS / relativa
        huella, tamano = _copiar_con_huella(media / relativa, destino)
        huellas[f"{ARCHIVOS}/{relativa.as_posix()}"] = huella
        resumen.archivos += 1
        resumen.bytes_archivos += tamano

    escribir_manifiesto(
        salida,
        {
            "formato": FORMATO,
            "firma": ALGORITMO_FIRMA,
            "fecha": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "django": django.get_version(),
            "motor": connection.vendor,
            "migraciones": estado_migraciones_aplicadas(),
            "filas": resumen.filas,
            "archivos": huellas,
        },
    )
    return resumen


def copias_a_conservar() -> int:
    copias = getattr(settings, "SESIONES_RESPALDO_COPIAS", COPIAS_POR_OMISION)
    try:
        copias = int(copias)
    except (TypeError, ValueError):
        copias = 0
    if copias < 1:
        raise ErrorRespaldo(
            _("SESIONES_RESPALDO_COPIAS debe ser un entero mayor o igual que 1; vale %(valor)r.")
            % {"valor": getattr(settings, "SESIONES_RESPALDO_COPIAS", None)}
        )
    return copias


def _copias_en(carpeta: Path) -> list[Path]:
    """Copias de la rotación en `carpeta`, de la más antigua a la más reciente.

    Solo cuentan directorios reales con el nombre exacto ``respaldo-AAAAMMDD-HHMMSS[-n]``:
    lo demás que haya en la carpeta no se toca.
    """
    copias = []
    for hijo in carpeta.iterdir():
        coincide = PATRON_COPIA.fullmatch(hijo.name)
        if coincide and hijo.is_dir() and not hijo.is_symlink():
            copias.append(((coincide[1], int(coincide[2] or 0)), hijo))
    return [ruta for _llave, ruta in sorted(copias)]


def respaldo_crear_rotando(
    *, carpeta: Path, copias: int | None = None, ahora: datetime.datetime | None = None
) -> Resumen:
    """Escribe `carpeta/respaldo-AAAAMMDD-HHMMSS/` (hora UTC) y deja solo las `copias` más
    recientes (SESIONES_RESPALDO_COPIAS, 7 por omisión).

    La copia nueva se escribe con un nombre oculto y se renombra al terminar: un respaldo
    que falla a la mitad no cuenta como copia ni hace que se borre una buena.
    """
    copias = copias_a_conservar() if copias is None else copias
    if copias < 1:
        raise ErrorRespaldo(_("Se debe conservar al menos una copia."))
    carpeta = Path(carpeta)
    if carpeta.exists() and not carpeta.is_dir():
        raise ErrorRespaldo(_("%(carpeta)s existe y no es un directorio.") % {"carpeta": carpeta})
    carpeta.mkdir(parents=True, exist_ok=True)
    marca = (ahora or datetime.datetime.now(datetime.UTC)).strftime("%Y%m%d-%H%M%S")
    nombre, repeticion = f"respaldo-{marca}", 0
    while os.path.lexists(carpeta / nombre):
        repeticion += 1
        nombre = f"respaldo-{marca}-{repeticion}"
    temporal = Path(tempfile.mkdtemp(prefix=f".{nombre}-", suffix=".incompleto", dir=carpeta))
    try:
        resumen = respaldo_crear(salida=temporal)
        destino = carpeta / nombre
        temporal.rename(destino)
    except BaseException:
        shutil.rmtree(temporal, ignore_errors=True)
        raise
    resumen.directorio = destino
    for vieja in _copias_en(carpeta)[:-copias]:
        shutil.rmtree(vieja)
        resumen.eliminadas.append(vieja)
    return resumen


def _volcar_datos(destino: Path) -> dict[str, int]:
    """Vuelca todas las filas en una sola transacción, fila por fila, sin listas en memoria."""
    filas: dict[str, int] = {}
    with transaction.atomic(), open(destino, "w", encoding="utf-8") as archivo:
        if connection.vendor == "postgresql":
            # Primera sentencia de la transacción: todas las tablas ven el mismo instante.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        # En SQLite la transacción abierta ya fija una sola instantánea de lectura.
        for modelo in modelos_respaldables():
            consulta = modelo._base_manager.order_by(modelo._meta.pk.name)
            contador = _Contador(consulta.iterator(chunk_size=2000))
            serializers.serialize(
                "jsonl",
                contador,
                stream=archivo,
                # Sin los muchos-a-muchos: sus tablas intermedias ya van como modelos.
                fields=[campo.name for campo in modelo._meta.local_fields],
                use_natural_foreign_keys=True,
                cls=CodificadorExacto,
            )
            filas[modelo._meta.label_lower] = contador.cuenta
    return filas


class _Contador:
    def __init__(self, iterable):
        self._iterable = iterable
        self.cuenta = 0

    def __iter__(self):
        for objeto in self._iterable:
            self.cuenta += 1
            yield objeto


# --- Restaurar ---------------------------------------------------------------------------


def respaldo_verificar(*, directorio: Path) -> dict:
    """Comprueba firma, formato, rutas y huellas; no toca la base ni los archivos.

    El orden importa: primero la firma (nada del manifiesto se interpreta sin ella), luego el
    formato, luego que en el directorio no haya enlaces ni rutas fuera de él, y al final que
    estén exactamente los archivos del manifiesto con su SHA-256.
    """
    raiz = Path(directorio).resolve()
    if not raiz.is_dir():
        raise ErrorRespaldo(
            _("No se encontró %(manifiesto)s en %(directorio)s.")
            % {"manifiesto": MANIFIESTO, "directorio": directorio}
        )
    contenido = _leer_firmado(raiz)
    try:
        manifiesto = json.loads(contenido.decode("utf-8"))
        formato = manifiesto.get("formato")
    except (ValueError, AttributeError) as error:
        raise ErrorRespaldo(
            _("El manifiesto está dañado o incompleto: %(error)s.") % {"error": error}
        ) from error
    if formato != FORMATO:
        raise ErrorRespaldo(
            _(
                "Formato de respaldo %(formato)r no soportado (se esperaba %(esperado)s); "
                "no se restauró nada."
            )
            % {"formato": formato, "esperado": FORMATO}
        )
    huellas = manifiesto.get("archivos")
    if (
        not isinstance(huellas, dict)
        or not isinstance(manifiesto.get("migraciones"), dict)
        or not isinstance(manifiesto.get("filas"), dict)
    ):
        raise ErrorRespaldo(
            _("El manifiesto está dañado o incompleto: faltan archivos, migraciones o filas.")
        )
    if DATOS not in huellas:
        raise ErrorRespaldo(_("El manifiesto no registra %(datos)s.") % {"datos": DATOS})
    # Antes de mirar cualquier ruta: un enlace en cualquier nivel rechaza el respaldo entero.
    presentes = _inventario(raiz) - {MANIFIESTO, FIRMA}
    for relativa, esperada in sorted(huellas.items()):
        if not _ruta_permitida(raiz, relativa):
            raise ErrorRespaldo(
                _("Ruta no permitida en el manifiesto: %(ruta)s; no se restauró nada.")
                % {"ruta": relativa}
            )
        if not isinstance(esperada, str) or not HUELLA.fullmatch(esperada):
            raise ErrorRespaldo(
                _("El manifiesto está dañado: la huella de %(ruta)s no es un SHA-256.")
                % {"ruta": relativa}
            )

    faltantes = sorted(set(huellas) - presentes)
    sobrantes = sorted(presentes - set(huellas))
    alterados = [
        relativa
        for relativa, esperada in sorted(huellas.items())
        if relativa in presentes and sha256_de(raiz / relativa, sin_enlaces=True) != esperada
    ]
    problemas = []
    if faltantes:
        problemas.append(_("faltan: %(lista)s") % {"lista": ", ".join(faltantes[:10])})
    if alterados:
        problemas.append(
            _("no coincide el SHA-256 de: %(lista)s") % {"lista": ", ".join(alterados[:10])}
        )
    if sobrantes:
        problemas.append(
            _("no están en el manifiesto: %(lista)s") % {"lista": ", ".join(sobrantes[:10])}
        )
    if problemas:
        raise ErrorRespaldo(
            _("El respaldo no está íntegro; no se restauró nada. %(problemas)s.")
            % {"problemas": "; ".join(problemas)}
        )
    return manifiesto


def _verificar_migraciones(manifiesto: dict) -> None:
    respaldo = manifiesto["migraciones"]
    codigo = estado_migraciones_codigo()
    diferencias = _diferencias(respaldo, codigo)
    if diferencias:
        raise ErrorRespaldo(
            _(
                "Las migraciones del respaldo no coinciden con las del código; no se restauró "
                "nada. %(lista)s."
            )
            % {"lista": "; ".join(diferencias)}
        )
    pendientes = _diferencias(codigo, estado_migraciones_aplicadas())
    if pendientes:
        raise ErrorRespaldo(
            _(
                "La base no tiene aplicadas las migraciones del código; ejecute "
                "«python manage.py migrate» antes de restaurar. %(lista)s."
            )
            % {"lista": "; ".join(pendientes)}
        )


def filas_existentes() -> dict[str, int]:
    """Modelos respaldables con filas, sin contar lo que una base recién migrada ya trae."""
    return {
        modelo._meta.label_lower: cuenta
        for modelo in modelos_respaldables()
        if modelo._meta.label_lower not in SEMBRADOS_POR_MIGRACION
        and (cuenta := modelo._base_manager.count())
    }


def respaldo_restaurar(*, directorio: Path, reemplazar: bool = False) -> Resumen:
    """Restaura datos y archivos; si algo falla, la base y MEDIA_ROOT quedan como estaban."""
    manifiesto = respaldo_verificar(directorio=directorio)
    raiz = Path(directorio).resolve()
    _verificar_migraciones(manifiesto)
    modelos = modelos_respaldables()
    desconocidos = set(manifiesto["filas"]) - {m._meta.label_lower for m in modelos}
    if desconocidos:
        raise ErrorRespaldo(
            _("El respaldo trae modelos que este código no tiene: %(lista)s.")
            % {"lista": ", ".join(sorted(desconocidos))}
        )
    if not reemplazar and (ocupados := filas_existentes()):
        detalle = ", ".join(f"{k} ({v})" for k, v in sorted(ocupados.items())[:8])
        raise ErrorRespaldo(
            _(
                "La base de datos no está vacía; use --reemplazar para borrar sus datos y "
                "restaurar el respaldo. Tiene filas en: %(detalle)s."
            )
            % {"detalle": detalle}
        )

    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    temporal = Path(tempfile.mkdtemp(prefix=".restaurando-", dir=media.parent))
    # Los datos se cargan desde una copia verificada, no desde el respaldo: lo que se carga
    # es exactamente lo que se comprobó, aunque alguien cambie el respaldo mientras tanto.
    datos = Path(tempfile.mkdtemp(prefix=".restaurando-datos-", dir=media.parent))
    resumen = Resumen(directorio=Path(directorio))
    try:
        _copiar_verificado(raiz, DATOS, manifiesto["archivos"][DATOS], datos / DATOS)
        _preparar_archivos(raiz, manifiesto, temporal, resumen)
        resumen.filas = _cargar_datos(datos / DATOS, modelos, manifiesto["filas"])
    except BaseException:
        shutil.rmtree(temporal, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(datos, ignore_errors=True)
    resumen.archivos_anteriores = _colocar_archivos(temporal, media)
    return resumen


def _copiar_verificado(raiz: Path, relativa: str, esperada: str, destino: Path) -> int:
    """Copia un archivo del respaldo sin seguir enlaces y vuelve a comprobar su huella."""
    if not _ruta_permitida(raiz, relativa):
        raise ErrorRespaldo(
            _("Ruta no permitida en el manifiesto: %(ruta)s; no se restauró nada.")
            % {"ruta": relativa}
        )
    huella, tamano = _copiar_con_huella(raiz / relativa, destino, sin_enlaces=True)
    if huella != esperada:
        raise ErrorRespaldo(
            _("El archivo %(ruta)s cambió durante la restauración; no se restauró nada.")
            % {"ruta": relativa}
        )
    return tamano


def _preparar_archivos(raiz: Path, manifiesto: dict, temporal: Path, resumen) -> None:
    for relativa, esperada in sorted(manifiesto["archivos"].items()):
        if not relativa.startswith(f"{ARCHIVOS}/"):
            continue
        destino = temporal / relativa.removeprefix(f"{ARCHIVOS}/")
        resumen.bytes_archivos += _copiar_verificado(raiz, relativa, esperada, destino)
        resumen.archivos += 1


def _cargar_datos(ruta: Path, modelos, esperadas: dict[str, int]) -> dict[str, int]:
    with transaction.atomic():
        # Vaciar dentro de la transacción: si la carga falla, el rollback devuelve lo borrado.
        with connection.cursor() as cursor:
            tablas = [m._meta.db_table for m in modelos] + _tablas_efimeras()
            for sentencia in connection.ops.sql_flush(no_style(), tablas, allow_cascade=False):
                cursor.execute(sentencia)
        call_command("loaddata", str(ruta), verbosity=0)
        with connection.cursor() as cursor:
            for sentencia in connection.ops.sequence_reset_sql(no_style(), modelos):
                cursor.execute(sentencia)
        filas = {m._meta.label_lower: m._base_manager.count() for m in modelos}
        distintas = [
            _("%(modelo)s: se esperaban %(esperadas)s, hay %(hay)s")
            % {"modelo": etiqueta, "esperadas": esperadas.get(etiqueta, 0), "hay": cuenta}
            for etiqueta, cuenta in sorted(filas.items())
            if cuenta != esperadas.get(etiqueta, 0)
        ]
        if distintas:
            raise ErrorRespaldo(
                _(
                    "Las filas cargadas no coinciden con el manifiesto; no se restauró nada. "
                    "%(lista)s."
                )
                % {"lista": "; ".join(distintas[:10])}
            )
    return {k: v for k, v in filas.items() if k in esperadas}


def _tablas_efimeras() -> list[str]:
    existentes = set(connection.introspection.table_names())
    tablas = []
    for etiqueta in VACIADOS_AL_RESTAURAR:
        try:
            tabla = apps.get_model(etiqueta)._meta.db_table
        except LookupError:
            continue
        if tabla in existentes:
            tablas.append(tabla)
    return tablas


def _colocar_archivos(temporal: Path, media: Path) -> Path | None:
    """Cambia MEDIA_ROOT por la copia verificada con dos renombres en el mismo disco.

    Lo que hubiera en MEDIA_ROOT no se borra: queda a un lado y se informa su ruta.
    """
    anteriores = None
    if media.exists():
        if media.is_dir() and not any(media.iterdir()):
            media.rmdir()
        else:
            marca = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            anteriores = media.with_name(f"{media.name}.anterior-{marca}")
            media.rename(anteriores)
    temporal.rename(media)
    return anteriores

"""Respaldo y restauración de la base de datos y de los archivos subidos.

Un respaldo es un directorio con:
- ``datos.jsonl``: cada fila de cada modelo respaldable, una por línea (formato ``jsonl``
  de Django), con llaves naturales en las llaves foráneas hacia ContentType, Permission y
  usuarios, para que el respaldo no dependa de los ids que ``migrate`` asigne a esas tablas;
- ``archivos/``: copia exacta de ``MEDIA_ROOT``;
- ``manifiesto.json``: fecha, versión de Django, motor, migraciones, filas por modelo y el
  SHA-256 de cada archivo y de ``datos.jsonl``.

Se recorre ``apps.get_models()``: los modelos que otras apps agreguen después quedan
cubiertos sin tocar este módulo. Las claves primarias se conservan (no se usa
``--natural-primary``) para que cada fila vuelva idéntica, con los mismos ids a los que
apuntan URLs, bitácora y archivos.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

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

from sesiones.exceptions import ErrorSesiones

FORMATO = 1
DATOS = "datos.jsonl"
MANIFIESTO = "manifiesto.json"
ARCHIVOS = "archivos"
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


class ErrorRespaldo(ErrorSesiones):
    """El respaldo no se puede hacer o restaurar; el mensaje dice por qué."""


@dataclass
class Resumen:
    directorio: Path
    filas: dict[str, int] = field(default_factory=dict)
    archivos: int = 0
    bytes_archivos: int = 0
    archivos_anteriores: Path | None = None

    @property
    def total_filas(self) -> int:
        return sum(self.filas.values())


# --- Utilidades ------------------------------------------------------------------------


def sha256_de(ruta: Path) -> str:
    huella = hashlib.sha256()
    with open(ruta, "rb") as archivo:
        while trozo := archivo.read(TROZO):
            huella.update(trozo)
    return huella.hexdigest()


def _copiar_con_huella(origen: Path, destino: Path) -> tuple[str, int]:
    """Copia y calcula el SHA-256 en la misma lectura: lo que se firma es lo que se copió."""
    destino.parent.mkdir(parents=True, exist_ok=True)
    huella = hashlib.sha256()
    tamano = 0
    with open(origen, "rb") as entrada, open(destino, "wb") as salida:
        while trozo := entrada.read(TROZO):
            huella.update(trozo)
            salida.write(trozo)
            tamano += len(trozo)
    shutil.copystat(origen, destino)
    return huella.hexdigest(), tamano


def _archivos_bajo(raiz: Path) -> list[Path]:
    if not raiz.is_dir():
        return []
    rutas = []
    for carpeta, _subcarpetas, nombres in os.walk(raiz):
        for nombre in nombres:
            rutas.append(Path(carpeta, nombre).relative_to(raiz))
    return sorted(rutas, key=lambda r: r.as_posix())


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
    return [
        f"{app}: respaldo {esperado.get(app, '(ninguna)')}, aquí {actual.get(app, '(ninguna)')}"
        for app in sorted(set(esperado) | set(actual))
        if esperado.get(app) != actual.get(app)
    ]


# --- Respaldar ---------------------------------------------------------------------------


def respaldo_crear(*, salida: Path, forzar: bool = False) -> Resumen:
    """Escribe datos, archivos y manifiesto en `salida`."""
    salida = Path(salida)
    if salida.exists() and not salida.is_dir():
        raise ErrorRespaldo(f"{salida} existe y no es un directorio.")
    if salida.is_dir() and any(salida.iterdir()):
        if not forzar:
            raise ErrorRespaldo(
                f"El directorio {salida} no está vacío; use --forzar para sobrescribirlo."
            )
        for hijo in (salida / DATOS, salida / MANIFIESTO, salida / ARCHIVOS):
            if hijo.is_dir():
                shutil.rmtree(hijo)
            elif hijo.exists():
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

    manifiesto = {
        "formato": FORMATO,
        "fecha": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "django": django.get_version(),
        "motor": connection.vendor,
        "migraciones": estado_migraciones_aplicadas(),
        "filas": resumen.filas,
        "archivos": huellas,
    }
    with open(salida / MANIFIESTO, "w", encoding="utf-8") as archivo:
        json.dump(manifiesto, archivo, ensure_ascii=False, indent=2, sort_keys=True)
        archivo.write("\n")
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
    """Lee el manifiesto y comprueba cada huella; no toca la base ni los archivos."""
    directorio = Path(directorio)
    ruta_manifiesto = directorio / MANIFIESTO
    if not ruta_manifiesto.is_file():
        raise ErrorRespaldo(f"No se encontró {MANIFIESTO} en {directorio}.")
    try:
        with open(ruta_manifiesto, encoding="utf-8") as archivo:
            manifiesto = json.load(archivo)
        huellas = manifiesto["archivos"]
        manifiesto["migraciones"], manifiesto["filas"]  # noqa: B018 - exige las llaves
    except (ValueError, KeyError, TypeError) as error:
        raise ErrorRespaldo(f"El manifiesto está dañado o incompleto: {error}.") from error
    if manifiesto.get("formato") != FORMATO:
        raise ErrorRespaldo(
            f"Formato de respaldo {manifiesto.get('formato')!r} no soportado "
            f"(se esperaba {FORMATO})."
        )
    if DATOS not in huellas:
        raise ErrorRespaldo(f"El manifiesto no registra {DATOS}.")

    faltantes, alterados = [], []
    for relativa, esperada in sorted(huellas.items()):
        ruta = directorio / relativa
        if ".." in Path(relativa).parts or Path(relativa).is_absolute():
            raise ErrorRespaldo(f"Ruta no permitida en el manifiesto: {relativa}.")
        if not ruta.is_file():
            faltantes.append(relativa)
        elif sha256_de(ruta) != esperada:
            alterados.append(relativa)
    registrados = {r for r in huellas if r.startswith(f"{ARCHIVOS}/")}
    sobrantes = [
        f"{ARCHIVOS}/{r.as_posix()}"
        for r in _archivos_bajo(directorio / ARCHIVOS)
        if f"{ARCHIVOS}/{r.as_posix()}" not in registrados
    ]
    problemas = []
    if faltantes:
        problemas.append("faltan: " + ", ".join(faltantes[:10]))
    if alterados:
        problemas.append("no coincide el SHA-256 de: " + ", ".join(alterados[:10]))
    if sobrantes:
        problemas.append("no están en el manifiesto: " + ", ".join(sobrantes[:10]))
    if problemas:
        raise ErrorRespaldo(
            "El respaldo no está íntegro; no se restauró nada. " + "; ".join(problemas) + "."
        )
    return manifiesto


def _verificar_migraciones(manifiesto: dict) -> None:
    respaldo = manifiesto["migraciones"]
    codigo = estado_migraciones_codigo()
    diferencias = _diferencias(respaldo, codigo)
    if diferencias:
        raise ErrorRespaldo(
            "Las migraciones del respaldo no coinciden con las del código; no se restauró "
            "nada. " + "; ".join(diferencias) + "."
        )
    pendientes = _diferencias(codigo, estado_migraciones_aplicadas())
    if pendientes:
        raise ErrorRespaldo(
            "La base no tiene aplicadas las migraciones del código; ejecute "
            "«python manage.py migrate» antes de restaurar. " + "; ".join(pendientes) + "."
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
    directorio = Path(directorio)
    manifiesto = respaldo_verificar(directorio=directorio)
    _verificar_migraciones(manifiesto)
    modelos = modelos_respaldables()
    desconocidos = set(manifiesto["filas"]) - {m._meta.label_lower for m in modelos}
    if desconocidos:
        raise ErrorRespaldo(
            "El respaldo trae modelos que este código no tiene: "
            + ", ".join(sorted(desconocidos))
            + "."
        )
    if not reemplazar and (ocupados := filas_existentes()):
        detalle = ", ".join(f"{k} ({v})" for k, v in sorted(ocupados.items())[:8])
        raise ErrorRespaldo(
            "La base de datos no está vacía; use --reemplazar para borrar sus datos y "
            f"restaurar el respaldo. Tiene filas en: {detalle}."
        )

    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    temporal = Path(tempfile.mkdtemp(prefix=".restaurando-", dir=media.parent))
    resumen = Resumen(directorio=directorio)
    try:
        _preparar_archivos(directorio, manifiesto, temporal, resumen)
        resumen.filas = _cargar_datos(directorio / DATOS, modelos, manifiesto["filas"])
    except BaseException:
        shutil.rmtree(temporal, ignore_errors=True)
        raise
    resumen.archivos_anteriores = _colocar_archivos(temporal, media)
    return resumen


def _preparar_archivos(directorio: Path, manifiesto: dict, temporal: Path, resumen) -> None:
    for relativa, esperada in sorted(manifiesto["archivos"].items()):
        if not relativa.startswith(f"{ARCHIVOS}/"):
            continue
        destino = temporal / relativa.removeprefix(f"{ARCHIVOS}/")
        huella, tamano = _copiar_con_huella(directorio / relativa, destino)
        if huella != esperada:
            raise ErrorRespaldo(f"El archivo {relativa} cambió durante la restauración.")
        resumen.archivos += 1
        resumen.bytes_archivos += tamano


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
            f"{etiqueta}: se esperaban {esperadas.get(etiqueta, 0)}, hay {cuenta}"
            for etiqueta, cuenta in sorted(filas.items())
            if cuenta != esperadas.get(etiqueta, 0)
        ]
        if distintas:
            raise ErrorRespaldo(
                "Las filas cargadas no coinciden con el manifiesto; no se restauró nada. "
                + "; ".join(distintas[:10])
                + "."
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

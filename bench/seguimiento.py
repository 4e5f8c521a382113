"""Rendimiento del seguimiento de acuerdos (no es una prueba: imprime cifras).

Uso: .venv/bin/python bench/seguimiento.py [--total 100000]

Crea la base PostgreSQL `sesiones_bench_seguimiento` (127.0.0.1:5432, usuario postgres; si no
responde, un SQLite temporal), migra, siembra `--total` acuerdos en 4 órganos y 5 años, y mide:
- el pase de seguimiento (marcas de vencido y por vencer + resúmenes por correo): tiempo y
  consultas, dos veces (la segunda no envía nada: idempotencia);
- la lista de seguimiento `/acuerdos/` sin filtros y filtrada: tiempo y consultas.
Metas: pase < 10 s en PostgreSQL con consultas que crecen con los lotes y no con las filas;
lista < 15 consultas. Al final borra la base, pase lo que pase.
"""

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
import zoneinfo
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
BASE = "sesiones_bench_seguimiento"
MX = zoneinfo.ZoneInfo("America/Mexico_City")
HOY = datetime.date(2025, 6, 16)


def _pg_disponible() -> bool:
    try:
        import psycopg

        psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3).close()
    except Exception:
        return False
    return True


def _admin_pg(sentencia: str) -> None:
    import psycopg

    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as conexion:
        conexion.execute(sentencia)


def preparar_entorno(tmp: str) -> str:
    sys.path.insert(0, str(RAIZ))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "clave-solo-para-mediciones-" + "x" * 30)
    os.environ["SESIONES_VAR_DIR"] = tmp
    os.environ["SESIONES_STATIC_SIMPLE"] = "1"
    os.environ["DJANGO_HTTPS"] = "0"
    if _pg_disponible():
        _admin_pg(f"DROP DATABASE IF EXISTS {BASE} WITH (FORCE)")
        _admin_pg(f"CREATE DATABASE {BASE}")
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{BASE}"
        return "PostgreSQL"
    os.environ.pop("DATABASE_URL", None)
    return "SQLite"


def sembrar(total: int) -> None:
    from django.contrib.auth.models import Group, User

    from acuerdos.models import Acuerdo, EstadoAcuerdo, Responsable, normalizar_busqueda
    from comun.roles import GRUPO_JURIDICO
    from sesiones.models import EstadoSesion, OrganoColegiado, Periodo, Sesion

    rng = random.Random(20220204)
    anios = (2021, 2022, 2023, 2024, 2025)
    organos = [
        OrganoColegiado.objects.create(nombre=nombre, siglas=siglas, orden=i)
        for i, (siglas, nombre) in enumerate(
            [
                ("SAECH", "Sistema"),
                ("CC", "Comité Coordinador"),
                ("OG", "Órgano de Gobierno"),
                ("CE", "Comisión Ejecutiva"),
            ]
        )
    ]
    responsables = Responsable.objects.bulk_create(
        Responsable(nombre=f"Responsable {i}", correo=f"responsable{i}@sesaech.example")
        for i in range(20)
    )
    usuario = User.objects.create_user("juridico", "juridico@sesaech.example", "x")
    usuario.groups.add(Group.objects.get(name=GRUPO_JURIDICO))
    sesiones = []
    for organo in organos:
        periodo = Periodo.objects.create(
            organo=organo,
            nombre="2021-2025",
            fecha_inicio=datetime.date(2021, 1, 1),
            fecha_fin=datetime.date(2025, 12, 31),
        )
        for i, (anio, mes) in enumerate((a, m) for a in anios for m in range(1, 13)):
            sesiones.append(
                Sesion(
                    organo=organo,
                    periodo=periodo,
                    tipo="ordinaria",
                    numero=i + 1,
                    clave=f"SO-{i + 1:02d}-{organo.siglas}/SAECH/{anio}",
                    fecha_hora=datetime.datetime(anio, mes, 15, 10, tzinfo=MX),
                    estado=EstadoSesion.CONCLUIDA,
                )
            )
    sesiones = Sesion.objects.bulk_create(sesiones, batch_size=1000)
    estados = (
        [EstadoAcuerdo.PUBLICADO] * 40
        + [EstadoAcuerdo.CUMPLIDO] * 20
        + [EstadoAcuerdo.EN_SEGUIMIENTO] * 20
        + [EstadoAcuerdo.APROBADO] * 15
        + [EstadoAcuerdo.RECHAZADO] * 5
    )
    por_sesion = -(-total // len(sesiones))
    numeros: dict[tuple[int, int], int] = {}
    lote, creados = [], 0
    for sesion in sesiones:
        anio = sesion.fecha_hora.year
        for _ in range(min(por_sesion, total - creados)):
            llave = (sesion.organo_id, anio)
            numeros[llave] = numero = numeros.get(llave, 0) + 1
            siglas = organos[[o.pk for o in organos].index(sesion.organo_id)].siglas
            clave = f"{siglas}/SO-{sesion.numero:02d}/{numero:04d}/{anio}"
            texto = f"Se aprueba el asunto {numero} del órgano {siglas} en materia de Ñuñoa {anio}."
            lote.append(
                Acuerdo(
                    organo_id=sesion.organo_id,
                    sesion=sesion,
                    anio=anio,
                    numero=numero,
                    clave=clave,
                    texto=texto,
                    texto_busqueda=normalizar_busqueda(f"{clave} {texto}"),
                    estado=rng.choice(estados),
                    responsable=rng.choice(responsables),
                    publicacion="web",
                    fecha_limite=sesion.fecha_hora.date()
                    + datetime.timedelta(days=rng.randint(5, 90)),
                )
            )
            creados += 1
            if len(lote) == 5000:
                Acuerdo.objects.bulk_create(lote)
                lote = []
    if lote:
        Acuerdo.objects.bulk_create(lote)


def medir(etiqueta: str, funcion):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as consultas:
        inicio = time.perf_counter()
        resultado = funcion()
        duracion = time.perf_counter() - inicio
    print(f"{etiqueta}: {duracion:.2f} s, {len(consultas)} consultas")
    return resultado, duracion, len(consultas)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--total", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        motor = preparar_entorno(tmp)
        try:
            return correr(args.total, motor)
        finally:
            from django.db import connections

            connections.close_all()
            if motor == "PostgreSQL":
                _admin_pg(f"DROP DATABASE IF EXISTS {BASE} WITH (FORCE)")


def correr(total: int, motor: str) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    print(f"Base: {motor}. Sembrando {total:,} acuerdos en 4 órganos y 5 años…")
    inicio = time.perf_counter()
    sembrar(total)
    print(f"Siembra: {time.perf_counter() - inicio:.1f} s")

    from django.core import mail

    from acuerdos.services.seguimiento import seguimiento_ejecutar

    mail.outbox = []
    ejecucion, t_pase, q_pase = medir(
        "Pase de seguimiento (1.ª vez)", lambda: seguimiento_ejecutar(hoy=HOY, origen="bench")
    )
    print(
        f"  {ejecucion.vencidos:,} vencidos, {ejecucion.por_vencer:,} por vencer, "
        f"{ejecucion.marcados:,} marcas, {ejecucion.correos_enviados} correos"
    )
    segunda, t_2, q_2 = medir(
        "Pase de seguimiento (2.ª vez, mismo día)",
        lambda: seguimiento_ejecutar(hoy=HOY, origen="bench"),
    )
    print(f"  {segunda.correos_enviados} correos enviados, {segunda.correos_omitidos} omitidos")

    from django.contrib.auth.models import User

    cliente = Client()
    cliente.force_login(User.objects.get(username="juridico"))
    cliente.get("/acuerdos/")  # calienta plantillas
    resultados = []
    for etiqueta, parametros in (
        ("Lista sin filtros", {}),
        (
            "Lista filtrada (órgano, año, estado, vencidos)",
            {"organo": "", "anio": "2024", "estado": "en_seguimiento", "vencido": "on"},
        ),
        ("Lista con búsqueda «nunoa 2023»", {"q": "nunoa 2023"}),
    ):
        respuesta, t_lista, q_lista = medir(
            etiqueta, lambda p=parametros: cliente.get("/acuerdos/", p)
        )
        assert respuesta.status_code == 200, respuesta.status_code
        resultados.append((etiqueta, t_lista, q_lista))

    print(
        f"RESULTADO: pase de seguimiento ({motor}, {total:,}) | {t_pase:.2f} s, {q_pase} consultas | < 10 s"
    )
    print(f"RESULTADO: pase repetido | {segunda.correos_enviados} correos | 0 correos")
    for etiqueta, t_lista, q_lista in resultados:
        print(
            f"RESULTADO: {etiqueta.lower()} | {q_lista} consultas, {t_lista * 1000:.0f} ms | < 15 consultas"
        )
    ok = t_pase < 10 and all(q < 15 for _e, _t, q in resultados) and segunda.correos_enviados == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

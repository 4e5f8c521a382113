"""Benchmark del portal público y la API con 100 000 acuerdos y 5 000 sesiones.

Uso: .venv/bin/python bench/portal.py [--acuerdos N --sesiones M --repeticiones R]
SQLite temporal salvo que DATABASE_URL apunte a PostgreSQL (se usa una base propia de prueba).
Imprime consultas y mediana por página, y líneas «RESULTADO: medida | valor | meta».

La vista base pasa por el mismo cliente de pruebas, la misma pila de middleware y la misma
plantilla base del portal (publico/base_publico.html) que las páginas medidas: es una línea
base justa. Se mide dos veces: sin la caché de páginas (solo consultas, índices y total en
caché) y con ella (lo que ve un visitante anónimo que repite una página en menos de 60 s).
Tras la carga se ejecuta ANALYZE: sin estadísticas, PostgreSQL elige planes que ningún servidor
con autovacuum usaría (un COUNT tardaba 4 s).
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
import zoneinfo
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ["SESIONES_VAR_DIR"] = tempfile.mkdtemp(prefix="bench_portal_")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "clave-solo-para-mediciones-" + "x" * 30)
os.environ["DJANGO_HTTPS"] = "false"
os.environ["SESIONES_STATIC_SIMPLE"] = "1"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

MX = zoneinfo.ZoneInfo("America/Mexico_City")


def cargar(n_acuerdos: int, n_sesiones: int) -> dict:
    from acuerdos.models import Acuerdo, EstadoAcuerdo, normalizar_busqueda
    from sesiones.models import OrganoColegiado, Periodo, PuntoOrden, Sesion

    organos = [
        OrganoColegiado.objects.create(nombre=f"Órgano {i}", siglas=f"O{i}", orden=i)
        for i in range(4)
    ]
    # Un periodo por órgano y año: la numeración de sesiones es única por periodo.
    periodos = {
        (i, anio): Periodo.objects.create(
            organo=o,
            nombre=str(anio),
            fecha_inicio=datetime.date(anio, 1, 1),
            fecha_fin=datetime.date(anio, 12, 31),
        )
        for i, o in enumerate(organos)
        for anio in range(2010, 2040)
    }
    inicio = datetime.datetime(2010, 1, 4, 10, tzinfo=MX)
    # El número de sesión reinicia cada año por órgano (como en la realidad; el ordinal en
    # letras del nombre llega a 199).
    contador: dict[tuple[int, int], int] = {}
    nuevas = []
    for i in range(n_sesiones):
        fecha = inicio + datetime.timedelta(days=i)
        llave = (i % 4, fecha.year)
        contador[llave] = contador.get(llave, 0) + 1
        nuevas.append(
            Sesion(
                organo=organos[i % 4],
                periodo=periodos[llave],
                tipo="ordinaria",
                numero=contador[llave],
                clave=f"SO-{contador[llave]:03d}-{fecha.year}-O{i % 4}",
                fecha_hora=fecha,
                sede="Sala de juntas",
                estado="concluida",
            )
        )
    sesiones = Sesion.objects.bulk_create(nuevas, batch_size=1000)
    PuntoOrden.objects.bulk_create(
        [
            PuntoOrden(
                sesion=s, orden=j, titulo=f"Punto {j} de la sesión {s.clave}", tipo="acuerdo"
            )
            for s in sesiones
            for j in range(1, 6)
        ],
        batch_size=2000,
    )
    por_sesion = max(n_acuerdos // n_sesiones, 1)
    con_fecha = any(f.name == "fecha_sesion" for f in Acuerdo._meta.get_fields())

    def extra(sesion):
        return {"fecha_sesion": sesion.fecha_hora} if con_fecha else {}

    lote = []
    numeros = dict.fromkeys(((o.pk, a) for o in organos for a in range(2000, 2040)), 0)
    for i in range(n_acuerdos):
        sesion = sesiones[(i // por_sesion) % n_sesiones]
        anio = sesion.fecha_hora.year
        numeros[(sesion.organo_id, anio)] += 1
        numero = numeros[(sesion.organo_id, anio)]
        texto = f"Se aprueba la Publicación número {i} del programa de TUXTLA Gutiérrez."
        clave = f"O{sesion.organo_id}/{numero:05d}/{anio}"
        lote.append(
            Acuerdo(
                organo_id=sesion.organo_id,
                sesion=sesion,
                anio=anio,
                numero=numero,
                clave=clave,
                texto=texto,
                texto_busqueda=normalizar_busqueda(f"{clave} {texto}"),
                estado=EstadoAcuerdo.PUBLICADO if i % 3 else EstadoAcuerdo.APROBADO,
                **extra(sesion),
            )
        )
        if len(lote) == 5000:
            Acuerdo.objects.bulk_create(lote)
            lote = []
    Acuerdo.objects.bulk_create(lote)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"sesion": sesiones[len(sesiones) // 2]}


def medir(cliente, url: str, repeticiones: int) -> tuple[int, float, int]:
    cliente.get(url)  # calentamiento
    tiempos = []
    for _ in range(repeticiones):
        with CaptureQueriesContext(connection) as consultas:
            t0 = time.perf_counter()
            respuesta = cliente.get(url)
            tiempos.append(time.perf_counter() - t0)
    return len(consultas), statistics.median(tiempos) * 1000, respuesta.status_code


def imprimir(titulo: str, resultados: list) -> None:
    base = resultados[0][2]
    print(f"\n== {titulo}")
    print(f"{'página':<34} {'consultas':>9} {'mediana ms':>11} {'x base':>7} {'HTTP':>5}")
    for nombre, consultas, mediana, codigo in resultados:
        print(f"{nombre:<34} {consultas:>9} {mediana:>11.2f} {mediana / base:>7.1f} {codigo:>5}")
    print()
    for nombre, consultas, mediana, _codigo in resultados[1:]:
        print(f"RESULTADO: consultas {nombre} ({titulo}) | {consultas} | constante (≤ 6)")
        print(
            f"RESULTADO: tiempo {nombre} ({titulo}) | {mediana:.2f} ms "
            f"({mediana / base:.1f}×) | ≤ 3× base"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--acuerdos", type=int, default=100_000)
    parser.add_argument("--sesiones", type=int, default=5_000)
    parser.add_argument("--repeticiones", type=int, default=15)
    parser.add_argument("--etiqueta", default="")
    args = parser.parse_args()

    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.shortcuts import render
    from django.test import Client
    from django.test.utils import setup_databases, teardown_databases
    from django.urls import path

    import config.urls

    settings.ALLOWED_HOSTS = ["*"]
    settings.SECURE_SSL_REDIRECT = False
    setup_test_environment()
    viejas = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("migrate", verbosity=0)
        t0 = time.perf_counter()
        datos = cargar(args.acuerdos, args.sesiones)
        print(
            f"Carga: {args.acuerdos} acuerdos y {args.sesiones} sesiones en {time.perf_counter() - t0:.1f} s"
        )

        def vista_base(request):
            return render(request, "publico/base_publico.html", {})

        config.urls.urlpatterns.insert(0, path("bench-base/", vista_base))
        cliente = Client()
        sesion = datos["sesion"]
        paginas = [
            ("vista base (misma plantilla)", "/bench-base/"),
            ("lista pública de acuerdos", "/publico/acuerdos/"),
            ("búsqueda «publicacion tuxtla»", "/publico/acuerdos/?q=publicacion+tuxtla"),
            ("búsqueda página 200", "/publico/acuerdos/?q=publicacion&pagina=200"),
            ("página de sesión", f"/publico/sesiones/{sesion.pk}/"),
            ("API lista de acuerdos", "/api/v1/acuerdos/"),
        ]
        for modo, segundos in (("sin caché de páginas", 0), ("con caché de páginas", 60)):
            settings.TRANSPARENCIA_CACHE_PAGINAS = segundos
            cache.clear()
            resultados = [(n, *medir(cliente, u, args.repeticiones)) for n, u in paginas]
            imprimir(f"{args.etiqueta} {connection.vendor}, {modo}".strip(), resultados)
    finally:
        teardown_databases(viejas, verbosity=0)


if __name__ == "__main__":
    main()

"""Benchmark del portal público y la API con 100 000 acuerdos y 5 000 sesiones.

Uso: .venv/bin/python bench/portal.py [--acuerdos N --sesiones M --repeticiones R]
SQLite temporal salvo que DATABASE_URL apunte a PostgreSQL (se usa una base propia de prueba).
Imprime consultas y mediana por página, y líneas «RESULTADO: medida | valor | meta».
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
    periodos = [
        Periodo.objects.create(
            organo=o,
            nombre="2000-2030",
            fecha_inicio=datetime.date(2000, 1, 1),
            fecha_fin=datetime.date(2030, 12, 31),
        )
        for o in organos
    ]
    inicio = datetime.datetime(2010, 1, 4, 10, tzinfo=MX)
    sesiones = Sesion.objects.bulk_create(
        [
            Sesion(
                organo=organos[i % 4],
                periodo=periodos[i % 4],
                tipo="ordinaria",
                numero=i // 4 + 1,
                clave=f"SO-{i // 4 + 1:04d}-O{i % 4}",
                fecha_hora=inicio + datetime.timedelta(days=i),
                sede="Sala de juntas",
                estado="concluida",
            )
            for i in range(n_sesiones)
        ],
        batch_size=1000,
    )
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
            )
        )
        if len(lote) == 5000:
            Acuerdo.objects.bulk_create(lote)
            lote = []
    Acuerdo.objects.bulk_create(lote)
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--acuerdos", type=int, default=100_000)
    parser.add_argument("--sesiones", type=int, default=5_000)
    parser.add_argument("--repeticiones", type=int, default=15)
    args = parser.parse_args()

    from django.conf import settings
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
        resultados = [(n, *medir(cliente, u, args.repeticiones)) for n, u in paginas]
        base = resultados[0][2]
        print(f"\n{'página':<34} {'consultas':>9} {'mediana ms':>11} {'x base':>7} {'HTTP':>5}")
        for nombre, consultas, mediana, codigo in resultados:
            print(
                f"{nombre:<34} {consultas:>9} {mediana:>11.1f} {mediana / base:>7.1f} {codigo:>5}"
            )
        print()
        for nombre, consultas, mediana, _codigo in resultados[1:]:
            print(f"RESULTADO: consultas {nombre} | {consultas} | constante (≤ 6)")
            print(
                f"RESULTADO: tiempo {nombre} | {mediana:.1f} ms ({mediana / base:.1f}× base) | ≤ 3× base"
            )
    finally:
        teardown_databases(viejas, verbosity=0)


if __name__ == "__main__":
    main()

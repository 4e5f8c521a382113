"""Prueba de carga (no es una prueba unitaria: imprime cifras).

Uso: .venv/bin/python bench/carga.py [--segundos 60]

Crea la base PostgreSQL `sesiones_carga` (127.0.0.1:5432, usuario postgres), migra, carga
`cargar_demo`, siembra 100 000 acuerdos en los órganos de la demostración a lo largo de cinco
años y levanta la aplicación con gunicorn (2 workers síncronos) en loopback. Después carga,
con wrk (2 hilos, 20 conexiones), uno tras otro:

- una vista Django pelada: `base.html` renderizada por una URL que solo existe en este
  módulo, servida por un segundo gunicorn con la misma configuración (línea base);
- el portal público de acuerdos `/publico/acuerdos/` (si la app transparencia no existe,
  la página de entrada `/entrar/`);
- la página de una sesión para el personal `/sesiones/<pk>/`, con la cookie de sesión
  del usuario `juridico` de la demostración.

Imprime peticiones por segundo, p50, p99 y errores (respuestas no 2xx/3xx y errores de
socket), y líneas `RESULTADO:`. Meta: cero errores, p99 < 300 ms. Al final detiene los
gunicorn y borra la base, pase lo que pase.

Requiere `wrk` (apt-get install -y wrk) y gunicorn en el entorno virtual.
"""

import argparse
import datetime
import http.cookiejar
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zoneinfo
from pathlib import Path

AQUI = Path(__file__).resolve().parent
RAIZ = AQUI.parent
BASE = "sesiones_carga"
URL_BASE = f"postgres://postgres@127.0.0.1:5432/{BASE}"
META_P99_MS = 300.0
MX = zoneinfo.ZoneInfo("America/Mexico_City")


# --- La vista pelada: este mismo módulo es el URLconf del segundo gunicorn -------------------


def vista_pelada(request):
    from django.shortcuts import render

    return render(request, "base.html", {})


def _urlpatterns():
    from django.urls import path

    from config.urls import urlpatterns

    # base.html invierte URLs del proyecto (menú): se incluyen detrás de la vista pelada.
    return [path("pelada/", vista_pelada), *urlpatterns]


def crear_app_pelada():
    """Fábrica para gunicorn (`carga:crear_app_pelada()`): Django completo, una sola URL."""
    sys.path.insert(0, str(RAIZ))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "clave-solo-para-mediciones-" + "x" * 30)
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = __name__
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def __getattr__(nombre):
    # El resolvedor pide `urlpatterns` al importar este módulo como URLconf.
    if nombre == "urlpatterns":
        return _urlpatterns()
    raise AttributeError(nombre)


# --- Entorno y base ------------------------------------------------------------------------


def entorno(var_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": URL_BASE,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECRET_KEY": "clave-solo-para-la-prueba-de-carga-" + "x" * 30,
        "SESIONES_STATIC_SIMPLE": "1",
        "SESIONES_VAR_DIR": var_dir,
        "PYTHONPATH": str(RAIZ),
    }


def _admin_pg(sentencia: str) -> None:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=5432, user="postgres", dbname="postgres", autocommit=True
    ) as conexion:
        conexion.execute(sentencia)


def base_crear() -> None:
    _admin_pg(f'DROP DATABASE IF EXISTS "{BASE}" WITH (FORCE)')
    _admin_pg(f'CREATE DATABASE "{BASE}"')


def base_borrar() -> None:
    _admin_pg(f'DROP DATABASE IF EXISTS "{BASE}" WITH (FORCE)')


def manage(env, *argumentos: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *argumentos],
        cwd=RAIZ,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def sembrar(env, total: int) -> tuple[int, str]:
    """Corre la siembra en un proceso hijo con la configuración de la base de carga."""
    resultado = subprocess.run(
        [sys.executable, str(Path(__file__)), "--sembrar", str(total)],
        cwd=RAIZ,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    pk, clave = resultado.stdout.strip().splitlines()[-1].split(" ", 1)
    return int(pk), clave


def sembrar_acuerdos(total: int = 100_000, anios: tuple[int, ...] = (2020, 2021, 2022, 2023, 2024)):
    """Siembra `total` acuerdos con bulk_create: 12 sesiones celebradas por órgano y año.

    Devuelve la pk de una sesión de la demostración (con acuerdos) para la página del personal.
    """
    import django

    django.setup()
    from django.db import connection, transaction

    from acuerdos.models import Acuerdo, EstadoAcuerdo, Responsable, TipoAcuerdo
    from acuerdos.models.acuerdo import normalizar_busqueda
    from sesiones.models import EstadoSesion, OrganoColegiado, Periodo, Sesion

    rng = random.Random(20220204)
    organos = list(OrganoColegiado.objects.order_by("pk"))
    responsables = list(Responsable.objects.all()) or [None]
    estados = [
        (EstadoAcuerdo.PUBLICADO, 40),
        (EstadoAcuerdo.CUMPLIDO, 20),
        (EstadoAcuerdo.EN_SEGUIMIENTO, 20),
        (EstadoAcuerdo.APROBADO, 15),
        (EstadoAcuerdo.RECHAZADO, 5),
    ]
    poblacion = [e for e, peso in estados for _ in range(peso)]
    temas = (
        "el programa anual de trabajo",
        "el informe trimestral de la Secretaría Ejecutiva",
        "los lineamientos de la Plataforma Digital Estatal",
        "el calendario de sesiones",
        "la política estatal anticorrupción",
        "el dictamen de la Comisión Ejecutiva",
        "la versión pública del acta",
        "el presupuesto del ejercicio",
    )
    with transaction.atomic():
        sesiones = []
        for organo in organos:
            periodo = Periodo.objects.create(
                organo=organo,
                nombre=f"Carga {anios[0]}-{anios[-1]}",
                fecha_inicio=datetime.date(anios[0], 1, 1),
                fecha_fin=datetime.date(anios[-1], 12, 31),
            )
            for i, (anio, mes) in enumerate((a, m) for a in anios for m in range(1, 13)):
                sesiones.append(
                    Sesion(
                        organo=organo,
                        periodo=periodo,
                        tipo="ordinaria",
                        numero=i + 1,
                        clave=f"SO-{i + 1:02d}-{organo.siglas}/CARGA/{anio}",
                        fecha_hora=datetime.datetime(anio, mes, 15, 10, 0, tzinfo=MX),
                        hora_clausura=datetime.time(12, 0),
                        sede="Sala de juntas",
                        estado=EstadoSesion.CONCLUIDA,
                    )
                )
        Sesion.objects.bulk_create(sesiones, batch_size=1000)
        por_sesion = -(-total // len(sesiones))
        siguiente: dict[tuple[int, int], int] = {}
        lote, creados = [], 0
        for sesion in sesiones:
            anio = sesion.fecha_hora.year
            for _ in range(min(por_sesion, total - creados)):
                llave = (sesion.organo_id, anio)
                # Arriba de los números de la demostración (que usan 2022): sin choques.
                numero = siguiente.setdefault(llave, 1000) + 1
                siguiente[llave] = numero
                clave = f"{sesion.organo.siglas}/SO-{sesion.numero:02d}/{numero:04d}/{anio}"
                texto = (
                    f"Se aprueba {rng.choice(temas)} con las observaciones de "
                    f"{rng.choice(temas)}; acuerdo número {numero}."
                )
                lote.append(
                    Acuerdo(
                        organo_id=sesion.organo_id,
                        sesion=sesion,
                        anio=anio,
                        numero=numero,
                        clave=clave,
                        tipo=TipoAcuerdo.APROBACION,
                        texto=texto,
                        texto_busqueda=normalizar_busqueda(f"{clave} {texto}"),
                        responsable=rng.choice(responsables),
                        fecha_limite=datetime.date(anio, sesion.fecha_hora.month, 28),
                        estado=rng.choice(poblacion),
                    )
                )
                creados += 1
            if len(lote) >= 5000:
                Acuerdo.objects.bulk_create(lote, batch_size=5000)
                lote = []
        Acuerdo.objects.bulk_create(lote, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # estadísticas frescas, como tendría una base en uso
    demo = (
        Sesion.objects.exclude(clave__contains="/CARGA/")
        .filter(acuerdos__isnull=False)
        .order_by("-fecha_hora")
        .first()
    ) or Sesion.objects.exclude(clave__contains="/CARGA/").order_by("pk").first()
    from sesiones.demo import CLAVE_DEMO

    return demo.pk, CLAVE_DEMO


# --- Servidores y clientes ----------------------------------------------------------------


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn(env, app: str, puerto: int, bitacora: Path, directorio: Path = RAIZ):
    proceso = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{puerto}",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],
        cwd=directorio,
        env=env,
        stdout=open(bitacora, "wb"),  # noqa: SIM115 - vive lo que vive el proceso
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    limite = time.monotonic() + 60
    while time.monotonic() < limite:
        if proceso.poll() is not None:
            raise RuntimeError(f"gunicorn terminó al arrancar; vea {bitacora}")
        try:
            with socket.create_connection(("127.0.0.1", puerto), timeout=1):
                return proceso
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn no respondió en 60 s")


def detener(proceso) -> None:
    if proceso is None or proceso.poll() is not None:
        return
    os.killpg(proceso.pid, signal.SIGTERM)
    try:
        proceso.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proceso.pid, signal.SIGKILL)
        proceso.wait()


def iniciar_sesion(base_url: str, usuario: str, clave: str) -> str:
    """Entra como lo haría el navegador (GET del formulario, POST con CSRF) y da la cookie."""
    frasco = http.cookiejar.CookieJar()
    abridor = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(frasco))
    html = abridor.open(f"{base_url}/entrar/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    datos = urllib.parse.urlencode(
        {"username": usuario, "password": clave, "csrfmiddlewaretoken": token}
    ).encode()
    peticion = urllib.request.Request(
        f"{base_url}/entrar/", data=datos, headers={"Referer": f"{base_url}/entrar/"}
    )
    abridor.open(peticion, timeout=30).read()
    cookies = {c.name: c.value for c in frasco}
    if "sessionid" not in cookies:
        raise RuntimeError("No se pudo iniciar sesión con el usuario de la demostración.")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def exigir_200(url: str, cookie: str = "") -> int:
    peticion = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(_SinRedireccion)
    try:
        respuesta = opener.open(peticion, timeout=30)
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{url} respondió {error.code}, no 200") from error
    cuerpo = respuesta.read()
    if respuesta.status != 200:
        raise RuntimeError(f"{url} respondió {respuesta.status}, no 200")
    return len(cuerpo)


class _SinRedireccion(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _a_ms(valor: str) -> float:
    numero, unidad = re.fullmatch(r"([\d.]+)(us|ms|s|m)", valor).groups()
    return float(numero) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unidad]


def wrk(url: str, segundos: int, cookie: str = "") -> dict:
    comando = ["wrk", "-t2", "-c20", f"-d{segundos}s", "--latency", "--timeout", "5s"]
    if cookie:
        comando += ["-H", f"Cookie: {cookie}"]
    salida = subprocess.run(
        [*comando, url], capture_output=True, text=True, check=True, timeout=segundos + 60
    ).stdout
    distribucion = dict(re.findall(r"^ *(50|99)%\s+(\S+)\s*$", salida, re.M))
    socket_err = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", salida
    )
    if set(distribucion) != {"50", "99"}:
        raise RuntimeError(f"No se pudo leer la salida de wrk:\n{salida}")
    no_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", salida)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", salida).group(1)),
        "peticiones": int(re.search(r"(\d+) requests in", salida).group(1)),
        "p50": _a_ms(distribucion["50"]),
        "p99": _a_ms(distribucion["99"]),
        "errores": (int(no_2xx.group(1)) if no_2xx else 0)
        + (sum(int(x) for x in socket_err.groups()) if socket_err else 0),
        "salida": salida,
    }


# --- Programa ------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segundos", type=int, default=60)
    parser.add_argument("--acuerdos", type=int, default=100_000)
    parser.add_argument("--sembrar", type=int, help=argparse.SUPPRESS)
    argumentos = parser.parse_args()
    if argumentos.sembrar is not None:
        sys.path.insert(0, str(RAIZ))
        print(*sembrar_acuerdos(argumentos.sembrar))
        return 0
    if shutil.which("wrk") is None:
        print("Falta wrk: apt-get install -y wrk", file=sys.stderr)
        return 2

    var_dir = tempfile.mkdtemp(prefix="bench-carga-")
    env = entorno(var_dir)
    servidores = []
    try:
        inicio = time.perf_counter()
        base_crear()
        manage(env, "migrate", "--noinput")
        manage(env, "cargar_demo")
        print(f"Base migrada y demostración cargada en {time.perf_counter() - inicio:.1f} s")
        inicio = time.perf_counter()
        sesion_pk, clave_demo = sembrar(env, argumentos.acuerdos)
        print(f"{argumentos.acuerdos} acuerdos sembrados en {time.perf_counter() - inicio:.1f} s")

        puerto_app, puerto_pelado = puerto_libre(), puerto_libre()
        servidores.append(gunicorn(env, "config.wsgi", puerto_app, Path(var_dir, "app.log")))
        servidores.append(
            gunicorn(
                env, "carga:crear_app_pelada()", puerto_pelado, Path(var_dir, "pelado.log"), AQUI
            )
        )
        app = f"http://127.0.0.1:{puerto_app}"
        cookie = iniciar_sesion(app, "juridico", clave_demo)
        hay_portal = (RAIZ / "transparencia" / "urls_publico.py").exists()
        objetivos = [
            ("vista pelada", f"http://127.0.0.1:{puerto_pelado}/pelada/", ""),
            (
                "portal" if hay_portal else "portal (entrar)",
                f"{app}/publico/acuerdos/" if hay_portal else f"{app}/entrar/",
                "",
            ),
            ("sesión personal", f"{app}/sesiones/{sesion_pk}/", cookie),
        ]
        for nombre, url, galleta in objetivos:
            tamano = exigir_200(url, galleta)  # y calienta los workers
            print(f"{nombre}: {url} responde 200 ({tamano} bytes)")

        resultados = []
        for nombre, url, galleta in objetivos:
            carga = ", ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"wrk {argumentos.segundos} s contra {nombre} (carga del equipo: {carga})…")
            resultados.append((nombre, wrk(url, argumentos.segundos, galleta)))

        print()
        print(
            f"{'objetivo':<18}{'pet/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errores':>9}{'peticiones':>12}"
        )
        for nombre, r in resultados:
            print(
                f"{nombre:<18}{r['rps']:>9.1f}{r['p50']:>9.1f}{r['p99']:>9.1f}"
                f"{r['errores']:>9}{r['peticiones']:>12}"
            )
        print()
        fallo = False
        for nombre, r in resultados:
            print(f"RESULTADO: {nombre} pet/s | {r['rps']:.1f} | —")
            print(f"RESULTADO: {nombre} p50 | {r['p50']:.1f} ms | —")
            print(f"RESULTADO: {nombre} p99 | {r['p99']:.1f} ms | < {META_P99_MS:.0f} ms")
            print(f"RESULTADO: {nombre} errores | {r['errores']} | 0")
            fallo |= r["errores"] > 0 or (nombre != "vista pelada" and r["p99"] >= META_P99_MS)
        return 1 if fallo else 0
    except Exception:
        # Las bitácoras de gunicorn dicen por qué falló una petición: se muestran antes de borrar.
        for bitacora in sorted(Path(var_dir).glob("*.log")):
            print(f"--- {bitacora.name} (final)", file=sys.stderr)
            print(bitacora.read_text(errors="replace")[-4000:], file=sys.stderr)
        raise
    finally:
        for proceso in servidores:
            detener(proceso)
        base_borrar()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

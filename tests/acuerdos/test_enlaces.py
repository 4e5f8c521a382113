import contextlib
import datetime
import http.server
import threading
import time
import urllib.parse

import pytest

from acuerdos import services
from acuerdos.enlaces import revisar_enlace
from acuerdos.models import Acuerdo, EjecucionSeguimiento
from acuerdos.services.seguimiento import enlaces_revisar
from tests.acuerdos.conftest import votar_unanime

CLAVE = "CE/SO-01/003/2022"


class Manejador(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _html(self, cuerpo: str, codigo: int = 200):
        datos = cuerpo.encode("utf-8")
        self.send_response(codigo)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(datos)))
        self.end_headers()
        # El cliente puede haberse ido por el tiempo de espera: es lo que se prueba.
        with contextlib.suppress(BrokenPipeError):
            self.wfile.write(datos)

    def do_GET(self):
        if self.path == "/ok":
            self._html(f"<html><body><p>Acuerdo {CLAVE} aprobado.</p></body></html>")
        elif self.path == "/sin-clave":
            self._html("<html><body>Página rediseñada, sin el acuerdo.</body></html>")
        elif self.path == "/bucle":
            self.send_response(302)
            self.send_header("Location", "/bucle")
            self.end_headers()
        elif self.path == "/redirige":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
        elif self.path.startswith("/con/"):
            self._html(f"<p>{urllib.parse.unquote(self.path[5:])}</p>")
        elif self.path == "/lento":
            time.sleep(1.5)
            self._html(CLAVE)
        else:
            self._html("no existe", 404)


@pytest.fixture(scope="module")
def servidor():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Manejador)
    httpd.daemon_threads = True
    hilo = threading.Thread(target=httpd.serve_forever, daemon=True)
    hilo.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    ("ruta", "estado", "fragmento"),
    [
        ("/ok", "ok", "menciona la clave"),
        ("/redirige", "ok", "menciona la clave"),
        ("/sin-clave", "sin_clave", "no menciona"),
        ("/no-existe", "roto", "404"),
        ("/bucle", "roto", ""),
        ("/lento", "roto", "tiempo"),
    ],
)
def test_resultados_de_enlace(servidor, ruta, estado, fragmento):
    resultado = revisar_enlace(servidor + ruta, CLAVE, timeout=0.5)
    assert resultado.estado == estado
    assert fragmento in resultado.motivo


def test_url_invalida_y_puerto_cerrado():
    assert revisar_enlace("ftp://x", CLAVE).estado == "roto"
    assert revisar_enlace("http://127.0.0.1:9/", CLAVE, timeout=0.5).estado == "roto"


def test_pase_de_enlaces_marca_y_es_idempotente(servidor, acuerdo, juridico):
    votar_unanime(acuerdo, juridico)
    for estado in ("en_seguimiento", "cumplido"):
        services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado=estado, usuario=juridico)
    acuerdo.refresh_from_db()
    services.publicacion_registrar(
        acuerdo=acuerdo,
        usuario=juridico,
        medio="web",
        url=servidor + "/sin-clave",
        fecha=datetime.date(2025, 3, 20),
    )
    services.publicacion_registrar(
        acuerdo=acuerdo,
        usuario=juridico,
        medio="periodico_oficial",
        fecha=datetime.date(2025, 3, 21),
        numero_periodico="1",
        tomo_seccion="T",
        numero_publicacion="P",
    )
    services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado="publicado", usuario=juridico)
    ejecucion = enlaces_revisar(timeout=0.5)
    acuerdo.refresh_from_db()
    assert ejecucion.enlaces_revisados == 1 and ejecucion.enlaces_con_problema == 1
    assert acuerdo.requiere_revision and acuerdo.enlace_estado == "sin_clave"
    # El mismo día no se vuelve a revisar.
    assert enlaces_revisar(timeout=0.5).enlaces_revisados == 0
    assert EjecucionSeguimiento.objects.filter(tipo="enlaces").count() == 2
    # Un enlace corregido limpia la marca y vuelve a revisarse.
    services.publicacion_registrar(
        acuerdo=Acuerdo.objects.get(pk=acuerdo.pk),
        usuario=juridico,
        medio="web",
        url=servidor + "/con/" + urllib.parse.quote(acuerdo.clave, safe=""),
        fecha=datetime.date(2025, 3, 22),
    )
    acuerdo.refresh_from_db()
    assert not acuerdo.requiere_revision and acuerdo.enlace_estado == "sin_revisar"
    ejecucion = enlaces_revisar(timeout=0.5)
    acuerdo.refresh_from_db()
    assert ejecucion.enlaces_revisados == 1 and ejecucion.enlaces_con_problema == 0
    assert acuerdo.enlace_estado == "ok" and not acuerdo.requiere_revision

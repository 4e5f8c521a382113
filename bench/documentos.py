"""Rendimiento de la generación de documentos (no es una prueba: imprime cifras).

Uso: .venv/bin/python bench/documentos.py

Mide, en una base SQLite temporal:
- las 26 convocatorias de una sesión por el camino real (contexto, render, almacenamiento,
  hash, ZIP) contra los mismos 26 renders con docxtpl pelado, y su razón (meta ≤ 1.3);
- el acta de una sesión con 30 puntos y 20 acuerdos (meta < 1 s);
- con LibreOffice, los 26 PDF en una sola llamada (meta < 6 s).
"""

import datetime
import io
import os
import sys
import tempfile
import time
import zoneinfo
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
TEMPORAL = tempfile.mkdtemp(prefix="bench-documentos-")
os.environ.pop("DATABASE_URL", None)
os.environ["SESIONES_VAR_DIR"] = TEMPORAL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "clave-solo-para-mediciones-" + "x" * 30)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from documentos import contexto as ctx  # noqa: E402
from documentos import pdf, registro  # noqa: E402
from documentos import services as docs  # noqa: E402
from documentos.models import ConfiguracionDocumentosOrgano, LoteDocumentos, TipoLote  # noqa: E402
from sesiones import services  # noqa: E402
from sesiones.models import Asistencia, Integrante, OrganoColegiado, Periodo, Persona  # noqa: E402

MX = zoneinfo.ZoneInfo("America/Mexico_City")


def preparar(siglas: str, integrantes: int, puntos: int):
    organo = OrganoColegiado.objects.create(
        nombre=f"Sistema Anticorrupción del Estado de Chiapas ({siglas})", siglas=siglas
    )
    Periodo.objects.create(
        organo=organo,
        nombre="2022",
        fecha_inicio=datetime.date(2022, 1, 1),
        fecha_fin=datetime.date(2022, 12, 31),
    )
    for i in range(integrantes):
        persona = Persona.objects.create(
            titulo="Mtra.",
            nombre=f"Integrante Número {i + 1} Núñez & Peña",
            cargo="Titular del ente público",
            institucion=f"Institución {i + 1} del Estado de Chiapas",
        )
        Integrante.objects.create(
            organo=organo, persona=persona, orden=i, fecha_inicio=datetime.date(2021, 1, 1)
        )
    ConfiguracionDocumentosOrgano.objects.create(
        organo=organo,
        firmante_nombre="Mtra. Secretaria Técnica",
        firmante_cargo="Secretaria Técnica",
    )
    sesion = services.sesion_programar(
        organo=organo,
        tipo="ordinaria",
        fecha_hora=datetime.datetime(2022, 3, 9, 10, 0, tzinfo=MX),
        sede="instalaciones de la Auditoría Superior del Estado de Chiapas",
        usuario=None,
    )
    for i in range(puntos):
        services.punto_agregar(
            sesion=sesion,
            usuario=None,
            tipo="acuerdo",
            presenta="la Secretaria Técnica",
            titulo=f"Análisis y, en su caso, aprobación del asunto número {i + 1} del programa anual.",
        )
    return sesion


def correr_lote(sesion, tipo) -> float:
    lote = LoteDocumentos.objects.create(sesion=sesion, tipo=tipo)
    inicio = time.perf_counter()
    lote = docs.lote_procesar(lote_id=lote.pk)
    transcurrido = time.perf_counter() - inicio
    assert lote.estado == "terminado", lote.error
    return transcurrido


def main() -> None:
    call_command("migrate", verbosity=0)
    settings.MEDIA_ROOT = Path(TEMPORAL) / "archivos"
    settings.SESIONES_DOCUMENTOS_PDF = False

    sesion = preparar("SAECH", 26, 2)
    correr_lote(sesion, TipoLote.CONVOCATORIAS)  # calentamiento: importaciones y plantilla v1

    real = correr_lote(sesion, TipoLote.CONVOCATORIAS)

    pedidos = ctx.pedidos(sesion, ("convocatoria",))
    plantilla = RAIZ / "docx_templates" / "convocatoria.docx"
    inicio = time.perf_counter()
    for pedido in pedidos:
        documento = DocxTemplate(plantilla)
        documento.render({**pedido.contexto, "numero_oficio": "X/0001/2022"}, autoescape=True)
        documento.save(io.BytesIO())
    pelado = time.perf_counter() - inicio

    acta = preparar("ACTA", 9, 30 - 6)
    for integrante in acta.organo.integrantes.all():
        Asistencia.objects.create(sesion=acta, integrante=integrante, estado="presente")
    acta.hora_clausura = datetime.time(13, 20)
    acta.save(update_fields=["hora_clausura"])

    def veinte_acuerdos(sesion_, contexto):
        for n in range(1, 21):
            acuerdo = {
                "clave": f"ACTA/SO-01/{n:03d}/2022",
                "numero": n,
                "texto": f"Se aprueba el asunto {n} en los términos presentados & anexos.",
                "votacion": "aprobado por unanimidad de votos de los integrantes presentes",
                "a_favor": 9,
                "en_contra": 0,
                "abstenciones": 0,
            }
            contexto["puntos"][n % len(contexto["puntos"])]["acuerdos"].append(acuerdo)
            contexto["acuerdos"].append(acuerdo)
        contexto["total_acuerdos"] = 20

    registro.registrar_ampliacion("acta", veinte_acuerdos)
    tiempo_acta = correr_lote(acta, TipoLote.ACTA)
    registro.quitar_ampliacion("acta", veinte_acuerdos)

    n = len(pedidos)
    print(f"{'medida':<48} {'valor':>12}")
    print(f"{'convocatorias generadas':<48} {n:>12}")
    print(f"{'camino real (ms/documento)':<48} {real * 1000 / n:>12.1f}")
    print(f"{'docxtpl pelado (ms/documento)':<48} {pelado * 1000 / n:>12.1f}")
    print(f"{'razón real/pelado (meta <= 1.3)':<48} {real / pelado:>12.2f}")
    print(f"{'acta 30 puntos, 20 acuerdos (s, meta < 1)':<48} {tiempo_acta:>12.3f}")

    if pdf.soffice_disponible():
        with tempfile.TemporaryDirectory() as carpeta:
            rutas = []
            lote = LoteDocumentos.objects.filter(sesion=sesion, estado="terminado").first()
            for i, documento in enumerate(lote.documentos.all()):
                ruta = Path(carpeta) / f"doc{i:02d}.docx"
                with documento.archivo.open("rb") as f:
                    ruta.write_bytes(f.read())
                rutas.append(ruta)
            inicio = time.perf_counter()
            pdf.convertir_lote(rutas, Path(carpeta) / "pdf")
            tiempo_pdf = time.perf_counter() - inicio
        print(f"{f'{len(rutas)} PDF en una llamada (s, meta < 6)':<48} {tiempo_pdf:>12.2f}")
    else:
        print(f"{'PDF':<48} {'sin LibreOffice':>12}")


if __name__ == "__main__":
    main()

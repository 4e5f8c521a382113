"""Respaldo y restauración: cada fila y cada archivo vuelven idénticos (huellas)."""

import datetime
import hashlib
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import connection

from acuerdos import services as acuerdos_services
from acuerdos.models import Acuerdo, EstadoAcuerdo, Responsable
from sesiones import respaldo, services
from sesiones.models import Anexo, Asistencia, Bitacora, EstadoSesion, PuntoOrden
from sesiones.permisos import GRUPO_INTEGRANTE, GRUPO_JURIDICO, GRUPO_SEGUIMIENTO
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

TEXTO_HOSTIL = "Acuerdo & <b>“citas”</b> 'simples' — Ñandú, acción 🎉"


@pytest.fixture(autouse=True)
def _grupos(transactional_db):
    """Otra prueba transaccional pudo vaciar la base (flush) y con ella los grupos de 0002."""
    for nombre in (GRUPO_JURIDICO, GRUPO_SEGUIMIENTO, GRUPO_INTEGRANTE):
        Group.objects.get_or_create(name=nombre)


# --- Huellas -----------------------------------------------------------------------------


def _naturales(modelo):
    """Ids de ContentType y Permission cambian con cada flush: se comparan por llave natural."""
    return {
        fila.pk: fila.natural_key()
        for fila in modelo.objects.select_related(
            *(["content_type"] if modelo is Permission else [])
        )
    }


def huella_base() -> dict[str, str]:
    traductores = {ContentType: _naturales(ContentType), Permission: _naturales(Permission)}
    huellas = {}
    tablas = set(connection.introspection.table_names())
    for modelo in apps.get_models(include_auto_created=True):
        opciones = modelo._meta
        if opciones.proxy or not opciones.managed or opciones.label_lower in respaldo.EXCLUIDOS:
            continue
        if opciones.db_table not in tablas:  # app de otro equipo aún sin migración
            continue
        campos = opciones.concrete_fields
        filas = []
        for valores in modelo._base_manager.values_list(*(c.attname for c in campos)):
            fila = []
            for campo, valor in zip(campos, valores, strict=True):
                destino = campo.related_model if campo.is_relation else None
                fila.append(traductores[destino].get(valor) if destino in traductores else valor)
            filas.append(repr(fila))
        huellas[opciones.label_lower] = (
            hashlib.sha256("\n".join(sorted(filas)).encode()).hexdigest() + f":{len(filas)}"
        )
    return huellas


def huella_archivos() -> dict[str, str]:
    raiz = Path(settings.MEDIA_ROOT)
    return {
        ruta.relative_to(raiz).as_posix(): hashlib.sha256(ruta.read_bytes()).hexdigest()
        for ruta in sorted(raiz.rglob("*"))
        if ruta.is_file()
    }


def vaciar_media() -> None:
    raiz = Path(settings.MEDIA_ROOT)
    for ruta in sorted(raiz.rglob("*"), reverse=True):
        ruta.unlink() if ruta.is_file() else ruta.rmdir()


# --- Datos reales ------------------------------------------------------------------------


@pytest.fixture
def datos(organo, integrante, juridico, sesion):
    """Órgano, sesión celebrada con orden del día, anexo, asistencia, acuerdo y su avance."""
    punto = services.punto_agregar(
        sesion=sesion, titulo=TEXTO_HOSTIL, usuario=juridico, presenta="Dirección Jurídica"
    )
    services.anexo_subir(
        punto=punto,
        archivo=SimpleUploadedFile("informe ñ.pdf", factories.pdf_de_prueba(2)),
        titulo="Informe trimestral",
        usuario=juridico,
        tipo_contenido="application/pdf",
    )
    services.anexo_subir(
        punto=punto,
        archivo=SimpleUploadedFile("datos.pdf", factories.pdf_de_prueba(1)),
        titulo="Datos personales",
        usuario=juridico,
        clasificacion="confidencial",
        fundamento_legal="Artículo 116 LGTAIP",
        personas_autorizadas=[organo.integrantes.first().persona],
        tipo_contenido="application/pdf",
    )
    services.sesion_cambiar_estado(
        sesion=sesion,
        estado=EstadoSesion.CONVOCADA,
        usuario=juridico,
        fecha_cambio=sesion.fecha_hora - datetime.timedelta(days=14),
    )
    sesion.refresh_from_db()
    for miembro in organo.integrantes.all():
        services.asistencia_registrar(
            sesion=sesion,
            integrante=miembro,
            estado="presente",
            usuario=juridico,
            hora_llegada=datetime.time(10, 0),
        )
    services.sesion_cambiar_estado(sesion=sesion, estado=EstadoSesion.CELEBRADA, usuario=juridico)
    sesion.refresh_from_db()
    responsable = Responsable.objects.create(nombre="Unidad de Apoyo Administrativo")
    acuerdo = acuerdos_services.acuerdo_crear(
        sesion=sesion, punto=punto, texto=TEXTO_HOSTIL, usuario=juridico, responsable=responsable
    )
    acuerdos_services.votacion_registrar(
        acuerdo=acuerdo, usuario=juridico, modo="totales", a_favor=organo.integrantes.count()
    )
    acuerdo.refresh_from_db()
    assert acuerdo.estado == EstadoAcuerdo.APROBADO
    # Un archivo fuera de cualquier modelo también es parte de MEDIA_ROOT.
    suelto = Path(settings.MEDIA_ROOT) / "plantillas" / "membrete ñ.txt"
    suelto.parent.mkdir(parents=True, exist_ok=True)
    suelto.write_bytes("membrete de prueba ✓".encode())
    return sesion


def test_ida_y_vuelta_devuelve_cada_fila_y_archivo(datos, tmp_path):
    assert Anexo.objects.count() == 2
    assert Acuerdo.objects.count() == 1
    assert Asistencia.objects.count() == 5
    assert Bitacora.objects.exists()
    base_antes, archivos_antes = huella_base(), huella_archivos()
    assert len(archivos_antes) == 3

    destino = tmp_path / "respaldo"
    call_command("respaldar", "--salida", str(destino), verbosity=0)
    manifiesto = json.loads((destino / "manifiesto.json").read_text(encoding="utf-8"))
    assert manifiesto["filas"]["sesiones.anexo"] == 2
    assert manifiesto["filas"]["acuerdos.acuerdo"] == 1
    assert manifiesto["motor"] == connection.vendor
    assert manifiesto["migraciones"]["sesiones"] == respaldo.estado_migraciones_codigo()["sesiones"]
    assert set(manifiesto["archivos"]) == {"datos.jsonl"} | {
        f"archivos/{r}" for r in archivos_antes
    }
    assert "auth.permission" not in manifiesto["filas"]

    call_command("flush", interactive=False, verbosity=0)
    vaciar_media()
    assert huella_base() != base_antes
    assert huella_archivos() == {}

    call_command("restaurar", str(destino), verbosity=0)

    assert huella_base() == base_antes
    assert huella_archivos() == archivos_antes
    # Lo restaurado sigue funcionando: el anexo abre su archivo y su huella coincide.
    anexo = Anexo.objects.get(titulo="Informe trimestral")
    with anexo.archivo.open("rb") as archivo:
        assert hashlib.sha256(archivo.read()).hexdigest() == anexo.sha256
    assert PuntoOrden.objects.filter(titulo=TEXTO_HOSTIL).exists()
    # Las secuencias quedan detrás de los ids restaurados: crear una fila nueva no choca.
    nuevo = Responsable.objects.create(nombre="Otra área")
    assert nuevo.pk > Responsable.objects.exclude(pk=nuevo.pk).order_by("-pk").first().pk
    assert not list(Path(settings.MEDIA_ROOT).parent.glob(".restaurando-*"))


def test_reemplazar_vuelve_al_estado_respaldado(datos, juridico, client, tmp_path):
    base_antes, archivos_antes = huella_base(), huella_archivos()
    destino = tmp_path / "respaldo"
    call_command("respaldar", "--salida", str(destino), verbosity=0)
    client.force_login(juridico)
    assert Session.objects.exists()
    services.punto_agregar(sesion=factories.sesion_programada(), titulo="Después", usuario=None)
    (Path(settings.MEDIA_ROOT) / "nuevo.txt").write_text("posterior al respaldo")

    call_command("restaurar", str(destino), "--reemplazar", verbosity=0)

    assert huella_base() == base_antes
    assert huella_archivos() == archivos_antes
    # Las sesiones web de la base reemplazada no sobreviven: todos vuelven a entrar.
    assert not Session.objects.exists()
    # Los archivos que había no se pierden: quedan a un lado de MEDIA_ROOT.
    anteriores = list(Path(settings.MEDIA_ROOT).parent.glob("archivos.anterior-*"))
    assert len(anteriores) == 1
    assert (anteriores[0] / "nuevo.txt").read_text() == "posterior al respaldo"


def test_base_con_datos_sin_reemplazar_se_rechaza(datos, tmp_path):
    destino = tmp_path / "respaldo"
    call_command("respaldar", "--salida", str(destino), verbosity=0)
    Responsable.objects.create(nombre="Fila nueva")
    base_antes, archivos_antes = huella_base(), huella_archivos()

    with pytest.raises(CommandError, match="no está vacía; use --reemplazar"):
        call_command("restaurar", str(destino), verbosity=0)

    assert huella_base() == base_antes
    assert huella_archivos() == archivos_antes


def _respaldo_y_base_vacia(tmp_path):
    destino = tmp_path / "respaldo"
    call_command("respaldar", "--salida", str(destino), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    vaciar_media()
    return destino


def _sin_cambios(base_antes, tmp_path):
    assert huella_base() == base_antes
    assert huella_archivos() == {}
    assert not list(Path(settings.MEDIA_ROOT).parent.glob(".restaurando-*"))


def test_archivo_alterado_se_rechaza_con_estado_1_sin_tocar_nada(datos, tmp_path, capsys):
    destino = _respaldo_y_base_vacia(tmp_path)
    anexo = next((destino / "archivos" / "anexos").rglob("*.pdf"))
    anexo.write_bytes(anexo.read_bytes() + b"alterado")
    base_antes = huella_base()

    with pytest.raises(SystemExit) as salida:
        ManagementUtility(["manage.py", "restaurar", str(destino)]).execute()

    assert salida.value.code == 1
    error = capsys.readouterr().err
    assert "El respaldo no está íntegro; no se restauró nada." in error
    assert "no coincide el SHA-256 de: archivos/anexos/" in error
    _sin_cambios(base_antes, tmp_path)


def test_datos_alterados_o_archivo_faltante_se_rechazan(datos, tmp_path):
    destino = _respaldo_y_base_vacia(tmp_path)
    base_antes = huella_base()
    datos_jsonl = destino / "datos.jsonl"
    original = datos_jsonl.read_bytes()
    datos_jsonl.write_bytes(original.replace(b"Informe trimestral", b"Informe trimestraL"))
    with pytest.raises(CommandError, match="no coincide el SHA-256 de: datos.jsonl"):
        call_command("restaurar", str(destino), verbosity=0)
    datos_jsonl.write_bytes(original)

    next((destino / "archivos").rglob("*.txt")).unlink()
    with pytest.raises(CommandError, match=r"faltan: archivos/plantillas/membrete ñ\.txt"):
        call_command("restaurar", str(destino), verbosity=0)
    _sin_cambios(base_antes, tmp_path)


def test_migraciones_distintas_se_rechazan_con_la_razon(datos, tmp_path):
    destino = _respaldo_y_base_vacia(tmp_path)
    ruta = destino / "manifiesto.json"
    manifiesto = json.loads(ruta.read_text(encoding="utf-8"))
    manifiesto["migraciones"]["sesiones"] = "0001_initial"
    ruta.write_text(json.dumps(manifiesto), encoding="utf-8")
    base_antes = huella_base()

    with pytest.raises(CommandError, match="sesiones: respaldo 0001_initial, aquí 0"):
        call_command("restaurar", str(destino), verbosity=0)
    _sin_cambios(base_antes, tmp_path)


def test_falla_al_cargar_deja_todo_como_estaba(datos, tmp_path):
    """Un respaldo con huellas válidas pero filas imposibles: la transacción se deshace."""
    destino = tmp_path / "respaldo"
    call_command("respaldar", "--salida", str(destino), verbosity=0)
    datos_jsonl = destino / "datos.jsonl"
    lineas = datos_jsonl.read_text(encoding="utf-8").splitlines()
    fila = next(i for i, linea in enumerate(lineas) if '"model": "sesiones.puntoorden"' in linea)
    objeto = json.loads(lineas[fila])
    objeto["fields"]["sesion"] = 999_999  # una sesión que no existe
    lineas[fila] = json.dumps(objeto, ensure_ascii=False)
    datos_jsonl.write_text("\n".join(lineas) + "\n", encoding="utf-8")
    ruta = destino / "manifiesto.json"
    manifiesto = json.loads(ruta.read_text(encoding="utf-8"))
    manifiesto["archivos"]["datos.jsonl"] = respaldo.sha256_de(datos_jsonl)
    ruta.write_text(json.dumps(manifiesto), encoding="utf-8")
    base_antes, archivos_antes = huella_base(), huella_archivos()

    with pytest.raises(Exception):  # noqa: B017 - IntegrityError o DeserializationError
        call_command("restaurar", str(destino), "--reemplazar", verbosity=0)

    assert huella_base() == base_antes
    assert huella_archivos() == archivos_antes
    assert not list(Path(settings.MEDIA_ROOT).parent.glob(".restaurando-*"))


def test_respaldar_rechaza_directorio_con_contenido_salvo_forzar(db, tmp_path):
    destino = tmp_path / "ocupado"
    destino.mkdir()
    (destino / "algo.txt").write_text("x")
    with pytest.raises(CommandError, match="no está vacío; use --forzar"):
        call_command("respaldar", "--salida", str(destino), verbosity=0)
    assert not (destino / "manifiesto.json").exists()

    call_command("respaldar", "--salida", str(destino), "--forzar", verbosity=0)
    assert (destino / "manifiesto.json").is_file()
    respaldo.respaldo_verificar(directorio=destino)


def test_sin_manifiesto_se_rechaza(db, tmp_path):
    with pytest.raises(CommandError, match="No se encontró manifiesto.json"):
        call_command("restaurar", str(tmp_path), verbosity=0)

"""Respaldo y restauración: cada fila y cada archivo vuelven idénticos (huellas)."""

import datetime
import hashlib
import io
import json
import shutil
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
from bitacora.models import Bitacora
from comun import respaldo
from comun.roles import GRUPO_INTEGRANTE, GRUPO_JURIDICO, GRUPO_SEGUIMIENTO
from sesiones import services
from sesiones.models import Anexo, Asistencia, EstadoSesion, PuntoOrden
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


def _manifiesto(destino) -> dict:
    return json.loads((destino / "manifiesto.json").read_text(encoding="utf-8"))


def _refirmar(destino, cambio) -> None:
    """Cambia el manifiesto y lo vuelve a firmar con la clave buena (un atacante que la
    conoce): así se prueba cada defensa por sí misma, no solo la firma."""
    manifiesto = _manifiesto(destino)
    cambio(manifiesto)
    respaldo.escribir_manifiesto(destino, manifiesto)


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
    # Firmado con la clave buena: lo que se prueba es la comparación de migraciones.
    _refirmar(destino, lambda m: m["migraciones"].update(sesiones="0099_otra"))
    base_antes = huella_base()

    with pytest.raises(CommandError, match="sesiones: respaldo 0099_otra, aquí 0001_initial"):
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
    # Huella recalculada y firmada con la clave buena: pasa la verificación y falla al cargar.
    _refirmar(
        destino, lambda m: m["archivos"].update({"datos.jsonl": respaldo.sha256_de(datos_jsonl)})
    )
    base_antes, archivos_antes = huella_base(), huella_archivos()

    with pytest.raises(Exception) as error:  # noqa: B017 - IntegrityError o DeserializationError
        call_command("restaurar", str(destino), "--reemplazar", verbosity=0)
    assert not isinstance(error.value, CommandError), error.value

    assert huella_base() == base_antes
    assert huella_archivos() == archivos_antes
    assert not list(Path(settings.MEDIA_ROOT).parent.glob(".restaurando-*"))


def test_respaldar_rechaza_directorio_con_contenido_salvo_forzar(db, tmp_path):
    destino = tmp_path / "ocupado"
    call_command("respaldar", "--salida", str(destino), verbosity=0)
    (destino / "archivos").mkdir(exist_ok=True)
    (destino / "archivos" / "viejo.txt").write_text("de un respaldo anterior")
    with pytest.raises(CommandError, match="no está vacío; use --forzar"):
        call_command("respaldar", "--salida", str(destino), verbosity=0)

    # --forzar sobrescribe un respaldo anterior (lo que sobraba ya no está) …
    call_command("respaldar", "--salida", str(destino), "--forzar", verbosity=0)
    assert (destino / "manifiesto.json").is_file()
    assert not (destino / "archivos" / "viejo.txt").exists()
    respaldo.respaldo_verificar(directorio=destino)

    # … pero no borra lo que no es de un respaldo: ese directorio se eligió por error.
    (destino / "algo.txt").write_text("x")
    with pytest.raises(CommandError, match=r"no es de un respaldo \(algo\.txt\)"):
        call_command("respaldar", "--salida", str(destino), "--forzar", verbosity=0)
    assert (destino / "algo.txt").read_text() == "x"


def test_sin_manifiesto_se_rechaza(db, tmp_path):
    with pytest.raises(CommandError, match="No se encontró manifiesto.json"):
        call_command("restaurar", str(tmp_path), verbosity=0)


# --- Firma del manifiesto -----------------------------------------------------------------


def test_datos_editados_con_huella_recalculada_se_rechazan_por_la_firma(datos, tmp_path):
    destino = _respaldo_y_base_vacia(tmp_path)
    base_antes = huella_base()
    datos_jsonl = destino / "datos.jsonl"
    datos_jsonl.write_bytes(
        datos_jsonl.read_bytes().replace(b"Informe trimestral", b"Informe ALTERADO")
    )
    # Quien editó los datos recalcula el SHA-256 en el manifiesto, pero no tiene la clave.
    manifiesto = _manifiesto(destino)
    manifiesto["archivos"]["datos.jsonl"] = respaldo.sha256_de(datos_jsonl)
    (destino / "manifiesto.json").write_text(
        json.dumps(manifiesto, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError, match="La firma del manifiesto no es válida"):
        call_command("restaurar", str(destino), verbosity=0)
    _sin_cambios(base_antes, tmp_path)
    assert not PuntoOrden.objects.exists()


def test_clave_distinta_se_rechaza_y_la_buena_restaura(datos, tmp_path, settings):
    settings.SESIONES_RESPALDO_CLAVE = "clave-de-respaldo-A"
    archivos_antes = huella_archivos()
    destino = _respaldo_y_base_vacia(tmp_path)
    firma = (destino / "manifiesto.firma").read_text().strip()
    assert firma.startswith("hmac-sha256:") and len(firma) == len("hmac-sha256:") + 64
    base_antes = huella_base()

    settings.SESIONES_RESPALDO_CLAVE = "clave-de-respaldo-B"
    with pytest.raises(CommandError, match="se firmó con otra clave"):
        call_command("restaurar", str(destino), verbosity=0)
    _sin_cambios(base_antes, tmp_path)

    settings.SESIONES_RESPALDO_CLAVE = "clave-de-respaldo-A"
    call_command("restaurar", str(destino), verbosity=0)
    assert huella_archivos() == archivos_antes


def test_sin_clave_propia_la_firma_depende_de_secret_key(db, tmp_path, settings):
    settings.SESIONES_RESPALDO_CLAVE = ""
    destino = tmp_path / "respaldo"
    call_command("respaldar", "--salida", str(destino), verbosity=0)
    respaldo.respaldo_verificar(directorio=destino)
    settings.SECRET_KEY = "otra-clave-secreta-" + "x" * 40
    with pytest.raises(respaldo.ErrorRespaldo, match="firma del manifiesto no es válida"):
        respaldo.respaldo_verificar(directorio=destino)


def test_firma_ausente_o_formato_anterior_se_rechazan(datos, tmp_path):
    destino = _respaldo_y_base_vacia(tmp_path)
    base_antes = huella_base()

    _refirmar(destino, lambda m: m.update(formato=2))
    with pytest.raises(CommandError, match=r"Formato de respaldo 2 no soportado \(se esperaba 3\)"):
        call_command("restaurar", str(destino), verbosity=0)

    # Un respaldo del formato 1 no traía firma (y el 2 era de antes de las apps por concepto): se rechaza antes de leer el manifiesto.
    (destino / "manifiesto.firma").unlink()
    with pytest.raises(CommandError, match="no trae manifiesto.firma: es de un formato anterior"):
        call_command("restaurar", str(destino), verbosity=0)
    _sin_cambios(base_antes, tmp_path)


# --- Enlaces simbólicos y rutas fuera del respaldo ----------------------------------------

MARCA = "MARCA-FUERA-DEL-RESPALDO"


def _enlazar_archivo(destino, fuera):
    """Sustituye un archivo del respaldo por un enlace a un archivo de fuera."""
    objetivo = fuera / "secreto.txt"
    objetivo.write_text(MARCA)
    relativa = "archivos/plantillas/membrete ñ.txt"
    (destino / relativa).unlink()
    (destino / relativa).symlink_to(objetivo)
    _refirmar(destino, lambda m: m["archivos"].update({relativa: respaldo.sha256_de(objetivo)}))


def _enlazar_carpeta(destino, fuera):
    """Sustituye la carpeta plantillas/ del respaldo por un enlace a una carpeta de fuera."""
    (fuera / "membrete ñ.txt").write_text(MARCA)
    carpeta = destino / "archivos" / "plantillas"
    shutil.rmtree(carpeta)
    carpeta.symlink_to(fuera, target_is_directory=True)
    _refirmar(
        destino,
        lambda m: m["archivos"].update(
            {"archivos/plantillas/membrete ñ.txt": respaldo.sha256_de(fuera / "membrete ñ.txt")}
        ),
    )


def _enlazar_manifiesto(destino, fuera):
    """El manifiesto (con firma válida) vive fuera y el respaldo solo tiene un enlace."""
    (fuera / "manifiesto.json").write_bytes((destino / "manifiesto.json").read_bytes())
    (destino / "manifiesto.json").unlink()
    (destino / "manifiesto.json").symlink_to(fuera / "manifiesto.json")


@pytest.mark.parametrize(
    "enlazar", [_enlazar_archivo, _enlazar_carpeta, _enlazar_manifiesto], ids=lambda f: f.__name__
)
def test_enlace_simbolico_se_rechaza_sin_restaurar_nada(datos, tmp_path, enlazar):
    destino = _respaldo_y_base_vacia(tmp_path)
    fuera = tmp_path / "fuera"
    fuera.mkdir()
    enlazar(destino, fuera)
    base_antes = huella_base()

    with pytest.raises(CommandError, match="enlace"):
        call_command("restaurar", str(destino), verbosity=0)
    _sin_cambios(base_antes, tmp_path)
    restaurados = [r for r in Path(settings.MEDIA_ROOT).rglob("*") if r.is_file()]
    assert all(MARCA not in r.read_text(errors="ignore") for r in restaurados)


@pytest.mark.parametrize(
    "ruta",
    [
        "archivos/../../fuera/secreto.txt",
        "archivos/plantillas/../../../fuera/secreto.txt",
        "../fuera/secreto.txt",
        "/tmp/secreto.txt",
        "archivos/./plantillas/x.txt",
        "archivos",
        "manifiesto.firma",
    ],
)
def test_ruta_fuera_del_respaldo_en_el_manifiesto_se_rechaza(datos, tmp_path, ruta):
    destino = _respaldo_y_base_vacia(tmp_path)
    fuera = tmp_path / "fuera"
    fuera.mkdir()
    (fuera / "secreto.txt").write_text(MARCA)
    huella = respaldo.sha256_de(fuera / "secreto.txt")
    _refirmar(destino, lambda m: m["archivos"].update({ruta: huella}))
    base_antes = huella_base()

    with pytest.raises(CommandError, match="Ruta no permitida en el manifiesto"):
        call_command("restaurar", str(destino), verbosity=0)
    _sin_cambios(base_antes, tmp_path)


def test_archivos_que_sobran_o_faltan_se_rechazan(datos, tmp_path):
    destino = _respaldo_y_base_vacia(tmp_path)
    base_antes = huella_base()
    (destino / "extra.txt").write_text("no está en el manifiesto")
    with pytest.raises(CommandError, match="no están en el manifiesto: extra.txt"):
        call_command("restaurar", str(destino), verbosity=0)
    (destino / "extra.txt").unlink()

    _refirmar(destino, lambda m: m["archivos"].update({"archivos/inventado.pdf": "0" * 64}))
    with pytest.raises(CommandError, match="faltan: archivos/inventado.pdf"):
        call_command("restaurar", str(destino), verbosity=0)
    _sin_cambios(base_antes, tmp_path)


# --- Rotación de copias -------------------------------------------------------------------


def test_carpeta_rota_y_conserva_exactamente_n_copias(datos, tmp_path, settings):
    carpeta = tmp_path / "copias"
    carpeta.mkdir()
    # Lo que no es una copia de la rotación no se toca, aunque se parezca.
    (carpeta / "notas.txt").write_text("no es un respaldo")
    (carpeta / "respaldo-manual").mkdir()
    ajena = tmp_path / "ajena"
    ajena.mkdir()
    (ajena / "dato.txt").write_text("intacto")
    (carpeta / "respaldo-20000101-000000").symlink_to(ajena, target_is_directory=True)
    # Cuatro copias viejas con fecha conocida (y dos en el mismo segundo).
    for ahora in (
        datetime.datetime(2024, 1, 1, 3, 0, tzinfo=datetime.UTC),
        datetime.datetime(2024, 1, 2, 3, 0, tzinfo=datetime.UTC),
        datetime.datetime(2024, 1, 3, 3, 0, tzinfo=datetime.UTC),
        datetime.datetime(2024, 1, 3, 3, 0, tzinfo=datetime.UTC),
    ):
        respaldo.respaldo_crear_rotando(carpeta=carpeta, copias=10, ahora=ahora)
    copias = sorted(p.name for p in carpeta.glob("respaldo-2024*"))
    assert copias == [
        "respaldo-20240101-030000",
        "respaldo-20240102-030000",
        "respaldo-20240103-030000",
        "respaldo-20240103-030000-1",
    ]

    settings.SESIONES_RESPALDO_COPIAS = 3
    salida = io.StringIO()
    call_command("respaldar", "--carpeta", str(carpeta), stdout=salida)

    restantes = sorted(p.name for p in carpeta.iterdir() if p.name.startswith("respaldo-2"))
    nueva = [n for n in restantes if not n.startswith(("respaldo-2024", "respaldo-2000"))]
    assert len(nueva) == 1
    assert restantes == [
        "respaldo-20000101-000000",  # el enlace no cuenta ni se sigue
        "respaldo-20240103-030000",
        "respaldo-20240103-030000-1",
        nueva[0],
    ]
    assert "Copia anterior eliminada" in salida.getvalue()
    assert (ajena / "dato.txt").read_text() == "intacto"
    assert (carpeta / "notas.txt").exists() and (carpeta / "respaldo-manual").is_dir()
    assert not list(carpeta.glob(".respaldo-*"))

    # Otra vez: siguen siendo exactamente 3 copias.
    call_command("respaldar", "--carpeta", str(carpeta), verbosity=0)
    assert len(respaldo._copias_en(carpeta)) == 3

    # La copia más reciente se restaura; pasar la carpeta de copias da una pista.
    ultima = respaldo._copias_en(carpeta)[-1]
    archivos_antes = huella_archivos()
    call_command("flush", interactive=False, verbosity=0)
    vaciar_media()
    with pytest.raises(CommandError, match=f"¿Quiso decir {ultima}"):
        call_command("restaurar", str(carpeta), verbosity=0)
    call_command("restaurar", str(ultima), verbosity=0)
    assert huella_archivos() == archivos_antes
    assert Anexo.objects.count() == 2


def test_respaldo_fallido_no_cuenta_ni_borra_copias(db, tmp_path, settings, monkeypatch):
    carpeta = tmp_path / "copias"
    settings.SESIONES_RESPALDO_COPIAS = 1
    respaldo.respaldo_crear_rotando(
        carpeta=carpeta, ahora=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    )

    def falla(*args, **kwargs):
        raise OSError("disco lleno")

    monkeypatch.setattr(respaldo, "_volcar_datos", falla)
    with pytest.raises(OSError, match="disco lleno"):
        call_command("respaldar", "--carpeta", str(carpeta), verbosity=0)
    assert [p.name for p in carpeta.iterdir()] == ["respaldo-20240101-000000"]


@pytest.mark.parametrize("copias", [0, -1, "muchas"])
def test_copias_invalidas_se_rechazan(db, tmp_path, settings, copias):
    settings.SESIONES_RESPALDO_COPIAS = copias
    with pytest.raises(CommandError, match="SESIONES_RESPALDO_COPIAS"):
        call_command("respaldar", "--carpeta", str(tmp_path / "copias"), verbosity=0)
    assert not (tmp_path / "copias").exists() or not any((tmp_path / "copias").iterdir())


def test_salida_y_carpeta_son_excluyentes(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("respaldar", "--salida", str(tmp_path / "a"), "--carpeta", str(tmp_path / "b"))
    with pytest.raises(CommandError, match="--forzar solo se usa con --salida"):
        call_command("respaldar", "--carpeta", str(tmp_path / "b"), "--forzar")

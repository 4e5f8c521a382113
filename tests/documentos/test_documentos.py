"""Generación de documentos: cada tipo, texto hostil, fallos, reintentos, versiones y PDF."""

import datetime
import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from bitacora.models import Bitacora
from documentos import contexto as ctx
from documentos import pdf, registro, render
from documentos import services as docs
from documentos.models import (
    DocumentoGenerado,
    EstadoDocumento,
    EstadoLote,
    Institucion,
    LoteDocumentos,
    PlantillaDocumento,
    TipoLote,
)
from sesiones import services
from sesiones.models import Asistencia
from tests import factories

HOSTIL = "Ñandú & <Asociados> \"comillas\" 'simples' “curvas” acción 🎉"


@pytest.fixture(autouse=True)
def _sin_pdf(settings):
    # La conversión a PDF tiene sus propias pruebas; aquí se omite para que la suite sea ágil.
    settings.SESIONES_DOCUMENTOS_PDF = False


def texto_docx(contenido: bytes) -> str:
    """Todo el texto de un DOCX: párrafos, tablas (también anidadas) y pies de página."""
    documento = docx.Document(io.BytesIO(contenido))
    partes = [p.text for p in documento.paragraphs]

    def tablas(contenedor):
        for tabla in contenedor.tables:
            for fila in tabla.rows:
                for celda in fila.cells:
                    partes.extend(p.text for p in celda.paragraphs)
                    tablas(celda)

    tablas(documento)
    for seccion in documento.sections:
        partes.extend(p.text for p in seccion.footer.paragraphs)
    return "\n".join(partes)


def leer(campo) -> bytes:
    with campo.open("rb") as f:
        return f.read()


def generar(sesion, tipo, usuario, capturar):
    with capturar(execute=True):
        lote = docs.lote_solicitar(sesion=sesion, tipo=tipo, usuario=usuario)
    lote.refresh_from_db()
    return lote


def celebrar(sesion, ausentes=0):
    integrantes = list(sesion.organo.integrantes.order_by("orden", "pk"))
    for i, integrante in enumerate(integrantes):
        estado = "justificada" if i >= len(integrantes) - ausentes else "presente"
        Asistencia.objects.create(sesion=sesion, integrante=integrante, estado=estado)
    sesion.hora_clausura = datetime.time(12, 15)
    sesion.save(update_fields=["hora_clausura"])


def test_convocatorias_e_invitaciones(
    sesion, juridico, firmante_organo, django_capture_on_commit_callbacks
):
    invitada = factories.PersonaFactory(nombre="Invitada Especial", cargo="Directora")
    services.invitado_agregar(
        sesion=sesion, persona=invitada, usuario=juridico, motivo="presentar el punto 4"
    )
    lote = generar(
        sesion, TipoLote.CONVOCATORIAS_INVITACIONES, juridico, django_capture_on_commit_callbacks
    )
    assert lote.estado == EstadoLote.TERMINADO, lote.error
    documentos = list(lote.documentos.order_by("pk"))
    assert [d.tipo for d in documentos].count("convocatoria") == 5
    assert [d.tipo for d in documentos].count("invitacion") == 1
    assert lote.total == lote.hechos == 6
    oficios = [d.numero_oficio for d in documentos]
    assert len(set(oficios)) == 6
    anio = datetime.date.today().year
    assert all(o.startswith("SESAECH/DJ/") and o.endswith(f"/{anio}") for o in oficios)
    for documento in documentos:
        texto = texto_docx(leer(documento.archivo))
        assert documento.destinatario.nombre in texto
        assert documento.destinatario.cargo in texto
        assert documento.numero_oficio in texto
        assert "Primera Sesión Ordinaria" in texto
        assert "lunes 10 de marzo de 2025" in texto
        assert "10:00 horas" in texto
        assert "Sala de juntas" in texto
        assert "Mtra. Rosalinda Toledo Pérez" in texto
        assert "Atentamente" in texto
        assert "“Por un Chiapas sin corrupción”" in texto
        assert "Lista de asistencia y declaración de quórum legal." in texto
        assert documento.sha256 and len(documento.sha256) == 64
        assert documento.version == 1 and documento.vigente
        assert documento.generado_por == juridico
        assert documento.plantilla.version == 1
    invitacion = next(d for d in documentos if d.tipo == "invitacion")
    assert "presentar el punto 4" in texto_docx(leer(invitacion.archivo))
    with zipfile.ZipFile(io.BytesIO(leer(lote.zip))) as archivo:
        assert len(archivo.namelist()) == 6
    assert Bitacora.objects.filter(accion="documentos.generar", objeto_id=str(lote.pk)).exists()
    assert Bitacora.objects.filter(accion="documentos.solicitar", objeto_id=str(lote.pk)).exists()


def test_orden_del_dia_lista_y_acta(
    sesion, juridico, firmante_organo, django_capture_on_commit_callbacks
):
    services.punto_agregar(
        sesion=sesion,
        titulo="Aprobación del programa anual.",
        tipo="acuerdo",
        presenta="la Secretaria Técnica",
        usuario=juridico,
    )
    celebrar(sesion, ausentes=1)
    orden = generar(sesion, TipoLote.ORDEN_DEL_DIA, juridico, django_capture_on_commit_callbacks)
    texto = texto_docx(leer(orden.documentos.get().archivo))
    assert "ORDEN DEL DÍA" in texto and "Aprobación del programa anual." in texto
    assert "Presenta: la Secretaria Técnica." in texto
    assert orden.documentos.get().numero_oficio == ""

    lista = generar(sesion, TipoLote.LISTA_ASISTENCIA, juridico, django_capture_on_commit_callbacks)
    texto = texto_docx(leer(lista.documentos.get().archivo))
    for integrante in sesion.organo.integrantes.all():
        assert integrante.persona.nombre in texto
    assert texto.count("______________________") >= 5

    acta = generar(sesion, TipoLote.ACTA, juridico, django_capture_on_commit_callbacks)
    assert acta.estado == EstadoLote.TERMINADO, acta.error
    texto = texto_docx(leer(acta.documentos.get().archivo))
    assert "ACTA DE LA PRIMERA SESIÓN ORDINARIA" in texto
    assert "siendo las diez horas del día diez de marzo de dos mil veinticinco" in texto
    assert "doce horas con quince minutos" in texto
    assert "con la presencia de cuatro de cinco integrantes con derecho a voto" in texto
    assert "No asistieron:" in texto
    assert "PUNTO 7. Aprobación del programa anual." in texto or "Aprobación del programa" in texto
    assert sesion.clave in texto


def test_acta_con_acuerdos_registrados(
    sesion, juridico, firmante_organo, django_capture_on_commit_callbacks
):
    celebrar(sesion)

    def ampliar(sesion_, contexto):
        punto = contexto["puntos"][1]
        acuerdo = {
            "clave": "CP/SO-01/001/2025",
            "numero": 1,
            "texto": "Se aprueba el orden del día & <anexo>.",
            "votacion": "aprobado por unanimidad de votos de los integrantes presentes",
            "a_favor": 5,
            "en_contra": 0,
            "abstenciones": 0,
        }
        punto["acuerdos"].append(acuerdo)
        contexto["acuerdos"].append(acuerdo)
        contexto["total_acuerdos"] = 1

    registro.registrar_ampliacion("acta", ampliar)
    registro.registrar_ampliacion("certificacion", ampliar)
    try:
        acta = generar(sesion, TipoLote.ACTA, juridico, django_capture_on_commit_callbacks)
        certificacion = generar(
            sesion, TipoLote.CERTIFICACION, juridico, django_capture_on_commit_callbacks
        )
    finally:
        registro.quitar_ampliacion("acta", ampliar)
        registro.quitar_ampliacion("certificacion", ampliar)
    texto = texto_docx(leer(acta.documentos.get().archivo))
    assert "ACUERDO CP/SO-01/001/2025. Se aprueba el orden del día & <anexo>." in texto
    assert "aprobado por unanimidad de votos de los integrantes presentes" in texto
    assert "5 a favor, 0 en contra y 0 abstenciones" in texto
    documento = certificacion.documentos.get()
    texto = texto_docx(leer(documento.archivo))
    assert "C E R T I F I C A:" in texto
    assert "CP/SO-01/001/2025. Se aprueba el orden del día & <anexo>." in texto
    assert documento.numero_oficio and documento.numero_oficio in texto
    assert "diez de marzo de dos mil veinticinco" in texto


def test_texto_hostil_largo_y_sesenta_integrantes(juridico, django_capture_on_commit_callbacks):
    organo = factories.organo_con_integrantes(60)
    persona = organo.integrantes.order_by("orden").first().persona
    persona.nombre = HOSTIL
    persona.cargo = "Cargo con <etiqueta> & “comillas”"
    persona.save()
    from documentos.models import ConfiguracionDocumentosOrgano

    ConfiguracionDocumentosOrgano.objects.create(
        organo=organo,
        firmante_nombre="Lic. Peña & Asociados",
        firmante_cargo="Secretario <Técnico>",
    )
    sesion = factories.sesion_programada(organo=organo, usuario=juridico, sede=HOSTIL)
    largo = ("Análisis del punto con ñ & < > “citas”. " * 130)[:5000]
    services.punto_agregar(
        sesion=sesion,
        titulo=largo,
        tipo="acuerdo",
        usuario=juridico,
        presenta="\x0bla Secretaria\x08 Técnica",
    )
    lote = generar(sesion, TipoLote.CONVOCATORIAS, juridico, django_capture_on_commit_callbacks)
    assert lote.estado == EstadoLote.TERMINADO, lote.error
    assert lote.documentos.count() == 60
    for documento in lote.documentos.all():
        texto = texto_docx(leer(documento.archivo))
        assert largo.strip() in texto
        assert HOSTIL in texto  # la sede
        assert "Lic. Peña & Asociados" in texto and "Secretario <Técnico>" in texto
        assert "la Secretaria Técnica" in texto
    hostil = lote.documentos.get(destinatario=persona)
    texto = texto_docx(leer(hostil.archivo))
    assert f"Mtra. {HOSTIL}" in texto
    assert "Cargo con <etiqueta> & “comillas”" in texto


def test_faltantes_impiden_generar(sesion, juridico, django_capture_on_commit_callbacks):
    sesion.sede = ""
    sesion.save(update_fields=["sede"])
    persona = sesion.organo.integrantes.first().persona
    persona.cargo = ""
    persona.save()
    with pytest.raises(docs.DocumentosIncompletos) as error:
        docs.lote_solicitar(sesion=sesion, tipo=TipoLote.CONVOCATORIAS, usuario=juridico)
    faltan = error.value.faltantes
    assert "La sesión no tiene sede." in faltan
    assert f"Falta el cargo de {persona.nombre_con_titulo}." in faltan
    assert any("No hay firmante configurado" in f for f in faltan)
    assert not LoteDocumentos.objects.exists()
    acta = ctx.faltantes(sesion, ("acta",))
    assert "La sesión no tiene hora de clausura registrada." in acta
    assert "No se ha registrado la asistencia de la sesión." in acta
    solo_invitaciones = ctx.faltantes(sesion, ("invitacion",))
    assert "La sesión no tiene invitados." in solo_invitaciones


def test_firmante_por_omision_de_la_institucion(sesion, juridico):
    institucion = Institucion.actual()
    institucion.firmante_nombre = "Dr. Firmante General"
    institucion.firmante_cargo = "Director Jurídico"
    institucion.save()
    assert ctx.faltantes(sesion, ("convocatoria",)) == []
    assert ctx.contexto_base(sesion)["firmante_nombre"] == "Dr. Firmante General"


def _fallar(*args, **kwargs):
    raise RuntimeError("falla simulada del render")


def test_fallo_no_deja_nada_y_reintento_funciona(
    sesion, juridico, firmante_organo, django_capture_on_commit_callbacks, monkeypatch, settings
):
    original = render.renderizar
    llamadas = {"n": 0}

    def falla_a_la_tercera(*args, **kwargs):
        llamadas["n"] += 1
        if llamadas["n"] == 3:
            raise RuntimeError("falla simulada del render")
        return original(*args, **kwargs)

    monkeypatch.setattr(render, "renderizar", falla_a_la_tercera)
    lote = generar(sesion, TipoLote.CONVOCATORIAS, juridico, django_capture_on_commit_callbacks)
    assert lote.estado == EstadoLote.FALLIDO
    assert "falla simulada del render" in lote.error
    assert DocumentoGenerado.objects.count() == 0
    raiz = settings.MEDIA_ROOT / "documentos"
    archivos = [p for p in raiz.rglob("*") if p.is_file()] if raiz.exists() else []
    assert archivos == []
    assert Bitacora.objects.filter(accion="documentos.fallo").exists()
    reservados = dict(lote.oficios_reservados)
    assert len(reservados) == 5

    monkeypatch.setattr(render, "renderizar", original)
    with django_capture_on_commit_callbacks(execute=True):
        docs.lote_reintentar(lote=lote, usuario=juridico)
    lote.refresh_from_db()
    assert lote.estado == EstadoLote.TERMINADO
    assert lote.documentos.count() == 5
    # El reintento reutiliza los números reservados: no hay huecos.
    assert sorted(d.numero_oficio for d in lote.documentos.all()) == sorted(reservados.values())
    assert Bitacora.objects.filter(accion="documentos.reintentar").exists()
    with pytest.raises(docs.TransicionNoPermitida):
        docs.lote_reintentar(lote=lote, usuario=juridico)


def test_tarea_dos_veces_no_duplica(sesion, juridico, firmante_organo):
    from documentos import tasks

    lote = LoteDocumentos.objects.create(sesion=sesion, tipo=TipoLote.CONVOCATORIAS)
    assert tasks.generar_lote(lote.pk).startswith("Terminado")
    assert tasks.generar_lote(lote.pk) == "El lote ya estaba tomado o terminado."
    assert DocumentoGenerado.objects.count() == 5
    lote.refresh_from_db()
    assert lote.intentos == 1


def test_lote_en_curso_no_se_repite(sesion, juridico, firmante_organo):
    LoteDocumentos.objects.create(sesion=sesion, tipo=TipoLote.ACTA, estado=EstadoLote.EN_PROCESO)
    celebrar(sesion)
    with pytest.raises(docs.DatosInvalidos):
        docs.lote_solicitar(sesion=sesion, tipo=TipoLote.ACTA, usuario=juridico)


def test_regenerar_crea_version_y_respeta_enviados(
    sesion, juridico, firmante_organo, django_capture_on_commit_callbacks
):
    primero = generar(sesion, TipoLote.CONVOCATORIAS, juridico, django_capture_on_commit_callbacks)
    enviado = primero.documentos.order_by("pk").first()
    docs.documento_marcar(documento=enviado, estado=EstadoDocumento.ENVIADO, usuario=juridico)
    bytes_enviado = leer(enviado.archivo)
    assert Bitacora.objects.filter(accion="documento.marcar", objeto_id=str(enviado.pk)).exists()

    segundo = generar(sesion, TipoLote.CONVOCATORIAS, juridico, django_capture_on_commit_callbacks)
    assert DocumentoGenerado.objects.count() == 10
    assert DocumentoGenerado.objects.filter(vigente=True, version=2).count() == 5
    assert DocumentoGenerado.objects.filter(vigente=False, version=1).count() == 5
    enviado.refresh_from_db()
    assert enviado.estado == EstadoDocumento.ENVIADO and not enviado.vigente
    assert leer(enviado.archivo) == bytes_enviado
    # Cada destinatario conserva su número de oficio en la nueva versión.
    for nuevo in segundo.documentos.all():
        anterior = DocumentoGenerado.objects.get(
            sesion=sesion, tipo=nuevo.tipo, destinatario=nuevo.destinatario, version=1
        )
        assert nuevo.numero_oficio == anterior.numero_oficio


def test_transiciones_de_documento(
    sesion, juridico, firmante_organo, django_capture_on_commit_callbacks
):
    lote = generar(sesion, TipoLote.ORDEN_DEL_DIA, juridico, django_capture_on_commit_callbacks)
    documento = lote.documentos.get()
    docs.documento_marcar(documento=documento, estado=EstadoDocumento.FIRMADO, usuario=juridico)
    for estado in (EstadoDocumento.ENVIADO, EstadoDocumento.FIRMADO, EstadoDocumento.BORRADOR):
        with pytest.raises(docs.TransicionNoPermitida):
            docs.documento_marcar(documento=documento, estado=estado, usuario=juridico)
    documento.refresh_from_db()
    assert documento.estado == EstadoDocumento.FIRMADO


def test_plantilla_por_omision_se_registra_una_vez(db):
    primera = docs.plantilla_activa(tipo="acta")
    segunda = docs.plantilla_activa(tipo="acta")
    assert primera.pk == segunda.pk and primera.version == 1 and primera.activa
    assert PlantillaDocumento.objects.filter(tipo="acta").count() == 1


def test_sin_libreoffice_el_flujo_docx_sigue(
    sesion, juridico, firmante_organo, django_capture_on_commit_callbacks, monkeypatch, settings
):
    settings.SESIONES_DOCUMENTOS_PDF = True
    monkeypatch.setattr(pdf.shutil, "which", lambda nombre: None)
    assert not pdf.soffice_disponible()
    with pytest.raises(pdf.ErrorPDF, match="no está instalado"):
        pdf.convertir_lote([], settings.MEDIA_ROOT)
    lote = generar(sesion, TipoLote.ORDEN_DEL_DIA, juridico, django_capture_on_commit_callbacks)
    assert lote.estado == EstadoLote.TERMINADO
    documento = lote.documentos.get()
    assert documento.archivo and not documento.pdf


def _exigir_libreoffice():
    if not pdf.soffice_disponible():
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) debe estar instalado en CI para probar los PDF.")
        pytest.fail("Instale libreoffice-writer-nogui para probar la conversión a PDF.")


@pytest.mark.requiere_soffice
def test_pdf_de_convocatorias_en_una_llamada(
    sesion, juridico, firmante_organo, django_capture_on_commit_callbacks, monkeypatch, settings
):
    _exigir_libreoffice()
    settings.SESIONES_DOCUMENTOS_PDF = True
    llamadas = []
    original = pdf.subprocess.run

    def contar(*args, **kwargs):
        llamadas.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(pdf.subprocess, "run", contar)
    persona = sesion.organo.integrantes.first().persona
    persona.nombre = HOSTIL
    persona.save()
    lote = generar(sesion, TipoLote.CONVOCATORIAS, juridico, django_capture_on_commit_callbacks)
    assert lote.estado == EstadoLote.TERMINADO and lote.error == ""
    assert len(llamadas) == 1
    assert any(arg.startswith("-env:UserInstallation=file://") for arg in llamadas[0])
    from pypdf import PdfReader

    for documento in lote.documentos.all():
        assert documento.pdf
        lector = PdfReader(io.BytesIO(leer(documento.pdf)))
        texto = " ".join(pagina.extract_text() for pagina in lector.pages)
        assert "Primera Sesión Ordinaria" in " ".join(texto.split())
    documento = lote.documentos.get(destinatario=persona)
    texto = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(leer(documento.pdf))).pages).split()
    )
    assert "Ñandú & <Asociados>" in texto
    with zipfile.ZipFile(io.BytesIO(leer(lote.zip))) as archivo:
        assert sum(n.endswith(".pdf") for n in archivo.namelist()) == 5


def test_comando_generar_documentos(sesion, juridico, firmante_organo, tmp_path, capsys):
    salida = tmp_path / "salida"
    call_command(
        "generar_documentos", sesion=sesion.clave, tipo="convocatorias", salida=str(salida)
    )
    lineas = capsys.readouterr().out.strip().splitlines()
    assert len(lineas) == 5
    for linea in lineas:
        tipo, destinatario, ruta = linea.split("\t")
        assert tipo == "Convocatoria"
        assert destinatario in texto_docx(Path(ruta).read_bytes())
    assert len(list(salida.glob("*.docx"))) == 5


def test_comando_errores_en_espanol(sesion, tmp_path):
    with pytest.raises(CommandError, match="No existe una sesión con la clave"):
        call_command("generar_documentos", sesion="NO-EXISTE", tipo="acta", salida=str(tmp_path))
    with pytest.raises(CommandError, match="No hay firmante configurado"):
        call_command("generar_documentos", sesion=sesion.clave, tipo="acta", salida=str(tmp_path))


def test_ampliacion_no_se_registra_dos_veces():
    def funcion(sesion, contexto):
        contexto["total_acuerdos"] += 1

    registro.registrar_ampliacion("tipo_de_prueba", funcion)
    registro.registrar_ampliacion("tipo_de_prueba", funcion)
    try:
        contexto = {"total_acuerdos": 0}
        registro.aplicar_ampliaciones("tipo_de_prueba", None, contexto)
        assert contexto["total_acuerdos"] == 1
    finally:
        registro.quitar_ampliacion("tipo_de_prueba", funcion)


def test_no_quedan_archivos_huerfanos_en_almacen(
    sesion, juridico, firmante_organo, django_capture_on_commit_callbacks
):
    lote = generar(sesion, TipoLote.ORDEN_DEL_DIA, juridico, django_capture_on_commit_callbacks)
    documento = lote.documentos.get()
    assert default_storage.exists(documento.archivo.name)
    assert default_storage.exists(lote.zip.name)


def test_membrete_configurado_se_inserta(
    sesion, juridico, firmante_organo, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile
    from PIL import Image

    imagen = io.BytesIO()
    Image.new("RGB", (400, 60), "darkred").save(imagen, format="PNG")
    institucion = Institucion.actual()
    institucion.membrete.save("membrete.png", ContentFile(imagen.getvalue()))
    lote = generar(sesion, TipoLote.ORDEN_DEL_DIA, juridico, django_capture_on_commit_callbacks)
    documento = docx.Document(io.BytesIO(leer(lote.documentos.get().archivo)))
    assert len(documento.inline_shapes) == 1

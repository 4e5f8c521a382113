"""Observaciones al proyecto de acta, firmas, acta escaneada con hash y bloqueo, copias certificadas."""

import datetime
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bitacora.models import Bitacora
from documentos import firmas
from documentos import services as docs
from documentos.models import (
    ActaFirmada,
    CopiaCertificada,
    DocumentoGenerado,
    EstadoDocumento,
    FirmaActa,
    LoteDocumentos,
    ObservacionActa,
    TipoLote,
)
from entregas import services as entregas
from sesiones import services
from sesiones.exceptions import DatosInvalidos, TransicionNoPermitida
from sesiones.models import EstadoSesion, Sesion
from sesiones.permisos import persona_de
from tests import factories

HOSTIL = "Ñandú & <Asociados> \"comillas\" 'simples' 🎉"


@pytest.fixture(autouse=True)
def _rapido(hash_rapido, settings):
    settings.SESIONES_DOCUMENTOS_PDF = False


def _lote(sesion, tipo):
    lote = LoteDocumentos.objects.create(sesion=sesion, tipo=tipo)
    lote = docs.lote_procesar(lote_id=lote.pk)
    assert lote.estado == "terminado", lote.error
    return lote


@pytest.fixture
def celebrada(sesion, juridico, firmante_organo):
    """La sesión de prueba celebrada, con un ausente y su proyecto de acta generado."""
    services.sesion_cambiar_estado(
        sesion=sesion, estado="convocada", usuario=juridico, justificacion_aviso="Prueba"
    )
    sesion.refresh_from_db()
    for i, integrante in enumerate(sesion.organo.integrantes.order_by("pk")):
        services.asistencia_registrar(
            sesion=sesion,
            integrante=integrante,
            usuario=juridico,
            estado="justificada" if i == 0 else "presente",
        )
    services.sesion_cambiar_estado(sesion=sesion, estado="celebrada", usuario=juridico)
    Sesion.objects.filter(pk=sesion.pk).update(hora_clausura=datetime.time(12, 0))
    sesion.refresh_from_db()
    _lote(sesion, TipoLote.ACTA)
    return sesion


@pytest.fixture
def aprobada(celebrada, juridico):
    services.sesion_cambiar_estado(sesion=celebrada, estado="acta_aprobada", usuario=juridico)
    celebrada.refresh_from_db()
    return celebrada


def _pdf(nombre="acta.pdf"):
    return SimpleUploadedFile(nombre, factories.pdf_de_prueba(2), "application/pdf")


# --- Observaciones ----------------------------------------------------------------------


def test_observacion_desde_el_portal(cliente_de, celebrada, juridico, integrante, integrante_ajeno):
    ruta = reverse("portal:observar", args=[celebrada.pk])
    cliente = cliente_de(integrante)
    html = cliente.get(reverse("portal:sesion", args=[celebrada.pk])).content.decode()
    assert "Proyecto de acta" in html and ruta in html
    assert cliente.get(ruta).status_code == 405
    assert cliente_de(integrante_ajeno).post(ruta, {"texto": "x"}).status_code == 404
    assert cliente_de(None).post(ruta, {"texto": "x"}).status_code == 302
    vacia = cliente.post(ruta, {"texto": "   "})
    assert vacia.status_code == 400 and "Escriba su observación" in vacia.content.decode()
    nul = cliente.post(ruta, {"texto": "hola\x00"})
    assert nul.status_code == 400 and "hola" in nul.content.decode()
    assert not ObservacionActa.objects.exists()
    assert cliente.post(ruta, {"texto": HOSTIL}).status_code == 302
    observacion = ObservacionActa.objects.get()
    assert observacion.texto == HOSTIL
    assert observacion.persona == persona_de(integrante)
    assert observacion.documento.tipo == "acta"
    assert Bitacora.objects.filter(accion="acta.observacion").count() == 1
    panel = (
        cliente_de(juridico).get(reverse("entregas:sesion", args=[celebrada.pk])).content.decode()
    )
    assert "&lt;Asociados&gt;" in panel and "<Asociados>" not in panel
    assert observacion.persona.nombre_con_titulo in panel


def test_observaciones_solo_antes_de_aprobar(celebrada, aprobada, integrante):
    persona = persona_de(integrante)
    with pytest.raises(TransicionNoPermitida, match="antes de su aprobación"):
        entregas.observacion_agregar(
            sesion=aprobada, persona=persona, texto="Tarde", usuario=integrante
        )


def test_sin_proyecto_de_acta_no_hay_observaciones(sesion, integrante, juridico):
    persona = persona_de(integrante)
    with pytest.raises(TransicionNoPermitida):
        entregas.observacion_agregar(sesion=sesion, persona=persona, texto="x", usuario=integrante)


# --- Firmas y bloqueo -------------------------------------------------------------------


def test_firmas_en_estado_invalido(celebrada, juridico):
    integrante = firmas.firmantes(celebrada)[0]
    with pytest.raises(TransicionNoPermitida, match="acta está aprobada"):
        firmas.firma_registrar(sesion=celebrada, integrante=integrante, usuario=juridico)
    with pytest.raises(TransicionNoPermitida):
        firmas.acta_firmada_subir(sesion=celebrada, archivo=_pdf(), usuario=juridico)
    assert not FirmaActa.objects.exists()


def test_firman_los_presentes_y_el_acta_se_bloquea(aprobada, juridico):
    firmantes = firmas.firmantes(aprobada)
    ausente = aprobada.organo.integrantes.order_by("pk").first()
    assert len(firmantes) == 4 and ausente not in firmantes
    with pytest.raises(DatosInvalidos, match="no firma"):
        firmas.firma_registrar(sesion=aprobada, integrante=ausente, usuario=juridico)
    with pytest.raises(DatosInvalidos, match="futura"):
        firmas.firma_registrar(
            sesion=aprobada,
            integrante=firmantes[0],
            usuario=juridico,
            fecha=datetime.date.today() + datetime.timedelta(days=5),
        )
    for integrante in firmantes:
        firmas.firma_registrar(sesion=aprobada, integrante=integrante, usuario=juridico)
    with pytest.raises(DatosInvalidos, match="Ya se registró"):
        firmas.firma_registrar(sesion=aprobada, integrante=firmantes[0], usuario=juridico)
    assert Bitacora.objects.filter(accion="acta.firma").count() == 4
    aprobada.refresh_from_db()
    # Sin el acta escaneada no se bloquea.
    assert aprobada.estado == EstadoSesion.ACTA_APROBADA

    with pytest.raises(DatosInvalidos, match="PDF"):
        firmas.acta_firmada_subir(
            sesion=aprobada,
            archivo=SimpleUploadedFile("acta.pdf", b"%PDF-1.7 falso", "application/pdf"),
            usuario=juridico,
        )
    contenido = factories.pdf_de_prueba(2)
    acta = firmas.acta_firmada_subir(
        sesion=aprobada, archivo=SimpleUploadedFile("acta.pdf", contenido), usuario=juridico
    )
    assert acta.bloqueada
    assert acta.sha256 == acta.hash_bloqueo == hashlib.sha256(contenido).hexdigest()
    aprobada.refresh_from_db()
    assert aprobada.estado == EstadoSesion.ACTA_FIRMADA
    generada = DocumentoGenerado.objects.get(sesion=aprobada, tipo="acta", vigente=True)
    assert generada.estado == EstadoDocumento.FIRMADO
    assert Bitacora.objects.filter(accion="acta.bloquear").count() == 1
    with pytest.raises(TransicionNoPermitida, match="bloqueada"):
        firmas.acta_firmada_subir(sesion=aprobada, archivo=_pdf(), usuario=juridico)
    assert ActaFirmada.objects.get().sha256 == hashlib.sha256(contenido).hexdigest()


def test_subir_primero_y_firmar_despues_tambien_bloquea(aprobada, juridico):
    firmas.acta_firmada_subir(sesion=aprobada, archivo=_pdf(), usuario=juridico)
    assert not ActaFirmada.objects.get().bloqueada
    for integrante in firmas.firmantes(aprobada):
        firmas.firma_registrar(sesion=aprobada, integrante=integrante, usuario=juridico)
    assert ActaFirmada.objects.get().bloqueada


def test_vistas_de_firmas(cliente_de, aprobada, juridico, seguimiento, integrante):
    integrante_firma = firmas.firmantes(aprobada)[0]
    ruta = reverse("entregas:firma_registrar", args=[aprobada.pk])
    datos = {"integrante": integrante_firma.pk, "fecha": "2025-04-01"}
    assert cliente_de(juridico).get(ruta).status_code == 405
    assert cliente_de(seguimiento).post(ruta, datos).status_code == 403
    assert cliente_de(integrante).post(ruta, datos).status_code == 404
    assert cliente_de(None).post(ruta, datos).status_code == 302
    assert not FirmaActa.objects.exists()
    respuesta = cliente_de(juridico).post(ruta, datos, headers={"HX-Request": "true"})
    assert respuesta.status_code == 200
    assert FirmaActa.objects.get().firmado_en == datetime.date(2025, 4, 1)
    assert "Firmó el 1 de abril de 2025" in respuesta.content.decode()
    invalida = cliente_de(juridico).post(
        ruta, {"integrante": integrante_firma.pk, "fecha": "ayer"}, follow=True
    )
    assert "fecha válida" in invalida.content.decode()

    subir = reverse("entregas:acta_firmada_subir", args=[aprobada.pk])
    assert cliente_de(juridico).get(subir).status_code == 405
    assert cliente_de(seguimiento).post(subir, {"archivo": _pdf()}).status_code == 403
    falso = cliente_de(juridico).post(
        subir, {"archivo": SimpleUploadedFile("x.pdf", b"%PDF-1.7 falso")}
    )
    assert falso.status_code == 400
    assert "No se reconoce el archivo como PDF" in falso.content.decode()
    assert cliente_de(juridico).post(subir, {"archivo": _pdf()}).status_code == 302
    descarga = reverse("entregas:acta_firmada_descargar", args=[aprobada.pk])
    assert cliente_de(juridico).get(descarga).status_code == 200
    assert cliente_de(seguimiento).get(descarga).status_code == 200
    assert cliente_de(integrante).get(descarga).status_code == 404
    assert cliente_de(None).get(descarga).status_code == 302


# --- Copias certificadas ----------------------------------------------------------------


@pytest.fixture
def firmada(aprobada, juridico):
    for integrante in firmas.firmantes(aprobada):
        firmas.firma_registrar(sesion=aprobada, integrante=integrante, usuario=juridico)
    firmas.acta_firmada_subir(sesion=aprobada, archivo=_pdf(), usuario=juridico)
    aprobada.refresh_from_db()
    return aprobada


def test_copias_certificadas(firmada, aprobada, juridico, celebrada):
    persona = firmada.organo.integrantes.order_by("pk").first().persona
    with pytest.raises(DatosInvalidos, match="certificación"):
        firmas.copia_emitir(sesion=firmada, persona=persona, usuario=juridico)
    _lote(firmada, TipoLote.CERTIFICACION)
    copia = firmas.copia_emitir(sesion=firmada, persona=persona, usuario=juridico)
    otra = firmas.copia_emitir(
        sesion=firmada,
        persona=firmada.organo.integrantes.order_by("pk")[1].persona,
        usuario=juridico,
    )
    assert copia.folio != otra.folio
    assert copia.folio.startswith("CC-") and copia.documento.tipo == "certificacion"
    with pytest.raises(DatosInvalidos, match="Ya se expidió"):
        firmas.copia_emitir(sesion=firmada, persona=persona, usuario=juridico)
    with pytest.raises(DatosInvalidos, match="no es integrante"):
        firmas.copia_emitir(sesion=firmada, persona=factories.PersonaFactory(), usuario=juridico)
    firmas.copia_entregar(copia=copia, usuario=juridico)
    copia.refresh_from_db()
    assert copia.entregada_en is not None and copia.entregada_por == juridico
    with pytest.raises(TransicionNoPermitida):
        firmas.copia_entregar(copia=copia, usuario=juridico)
    assert Bitacora.objects.filter(accion="copia.emitir").count() == 2
    assert Bitacora.objects.filter(accion="copia.entregar").count() == 1


def test_copias_requieren_acta_bloqueada(aprobada, juridico):
    persona = aprobada.organo.integrantes.order_by("pk").first().persona
    with pytest.raises(TransicionNoPermitida, match="firmada por todos"):
        firmas.copia_emitir(sesion=aprobada, persona=persona, usuario=juridico)
    assert not CopiaCertificada.objects.exists()


def test_vistas_de_copias(cliente_de, firmada, juridico, seguimiento, integrante):
    _lote(firmada, TipoLote.CERTIFICACION)
    persona = persona_de(integrante)
    ruta = reverse("entregas:copia_emitir", args=[firmada.pk])
    assert cliente_de(juridico).get(ruta).status_code == 405
    assert cliente_de(seguimiento).post(ruta, {"persona": persona.pk}).status_code == 403
    assert cliente_de(integrante).post(ruta, {"persona": persona.pk}).status_code == 404
    assert cliente_de(None).post(ruta, {"persona": persona.pk}).status_code == 302
    assert cliente_de(juridico).post(ruta, {"persona": persona.pk}).status_code == 302
    copia = CopiaCertificada.objects.get()
    entregar = reverse("entregas:copia_entregar", args=[copia.pk])
    assert cliente_de(juridico).get(entregar).status_code == 405
    assert cliente_de(seguimiento).post(entregar).status_code == 403
    assert cliente_de(integrante).post(entregar).status_code == 404
    respuesta = cliente_de(juridico).post(entregar, headers={"HX-Request": "true"})
    assert "Entregada el" in respuesta.content.decode()
    portal = cliente_de(integrante).get(reverse("portal:inicio")).content.decode()
    assert copia.folio in portal


def test_acta_bloqueada_no_se_vuelve_a_generar(sesion, juridico):
    from django.utils import timezone

    from documentos import services as docs
    from documentos.models import ActaFirmada, TipoLote
    from sesiones.exceptions import TransicionNoPermitida

    ActaFirmada.objects.create(
        sesion=sesion, archivo="actas/x.pdf", sha256="0" * 64, bloqueada_en=timezone.now()
    )
    with pytest.raises(TransicionNoPermitida, match="bloqueada"):
        docs.lote_solicitar(sesion=sesion, tipo=TipoLote.ACTA, usuario=juridico)

import io

import pytest
from django.urls import reverse
from docx import Document

from acuerdos import services
from acuerdos.documentos import certificacion_acuerdo_generar, certificaciones_de_acuerdo
from acuerdos.models import EstadoAcuerdo, RequierePublicacion
from bitacora.models import Bitacora
from comun import letras
from documentos import services as docs
from documentos.models import DocumentoGenerado, EstadoDocumento, TipoDocumento
from sesiones.exceptions import ErrorSesiones
from tests.acuerdos.conftest import votar_unanime

TEXTO_HOSTIL = "Se aprueba el convenio «A&B» <Anexo 1> con “comillas” y ‘simples’ — ñ, 🙂 & fin."


@pytest.fixture
def aprobado(sesion_celebrada, juridico, responsable, firmante_organo):
    acuerdo = services.acuerdo_crear(
        sesion=sesion_celebrada,
        punto=sesion_celebrada.puntos.get(marco="orden_dia"),
        usuario=juridico,
        responsable=responsable,
        texto=TEXTO_HOSTIL,
        publicacion=RequierePublicacion.AMBOS,
        plazo_dias_habiles=10,
    )
    votar_unanime(acuerdo, juridico)
    acuerdo.refresh_from_db()
    assert acuerdo.estado == EstadoAcuerdo.APROBADO
    return acuerdo


def texto_docx(documento: DocumentoGenerado) -> str:
    with documento.archivo.open("rb") as f:
        docx = Document(io.BytesIO(f.read()))
    return "\n".join(p.text for p in docx.paragraphs)


def test_certificacion_contiene_datos_del_acuerdo(aprobado, juridico):
    documento = certificacion_acuerdo_generar(acuerdo=aprobado, usuario=juridico)
    texto = texto_docx(documento)
    sesion = aprobado.sesion
    assert aprobado.clave in texto
    assert TEXTO_HOSTIL in texto  # & < > “ ” intactos: docxtpl con autoescape
    assert sesion.nombre in texto
    assert letras.fecha_en_letras(sesion.fecha_local.date()) in texto
    assert aprobado.votacion.texto in texto
    assert documento.numero_oficio and f"Folio: {documento.numero_oficio}" in texto
    assert "Mtra. Rosalinda Toledo Pérez" in texto and "{{" not in texto
    assert documento.tipo == TipoDocumento.CERTIFICACION_ACUERDO
    assert documento.referencia == f"acuerdo:{aprobado.pk}"
    assert documento.version == 1 and documento.vigente
    fila = Bitacora.objects.get(accion="acuerdo.certificar")
    assert fila.usuario == juridico and fila.sesion_id == sesion.pk
    assert fila.datos["folio"] == documento.numero_oficio
    assert fila.datos["acuerdo"] == aprobado.clave


def test_texto_vigente_tras_correccion(aprobado, juridico):
    services.acuerdo_corregir_texto(
        acuerdo=aprobado, usuario=juridico, texto="Texto corregido & vigente.", motivo="Errata"
    )
    aprobado.refresh_from_db()
    texto = texto_docx(certificacion_acuerdo_generar(acuerdo=aprobado, usuario=juridico))
    assert "Texto corregido & vigente." in texto and TEXTO_HOSTIL not in texto


@pytest.mark.parametrize("estado", [EstadoAcuerdo.PROYECTO, EstadoAcuerdo.RECHAZADO, "retirado"])
def test_no_aprobado_rechazado(acuerdo, juridico, firmante_organo, estado):
    if estado == EstadoAcuerdo.RECHAZADO:
        presentes = services.integrantes_presentes_con_voto(acuerdo.sesion).count()
        services.votacion_registrar(
            acuerdo=acuerdo, usuario=juridico, modo="totales", en_contra=presentes
        )
    elif estado == "retirado":
        services.acuerdo_cambiar_estado(
            acuerdo=acuerdo, estado=estado, usuario=juridico, nota="Prueba"
        )
    acuerdo.refresh_from_db()
    assert acuerdo.estado == estado
    with pytest.raises(ErrorSesiones, match="Solo se certifica un acuerdo aprobado"):
        certificacion_acuerdo_generar(acuerdo=acuerdo, usuario=juridico)
    assert not DocumentoGenerado.objects.filter(tipo=TipoDocumento.CERTIFICACION_ACUERDO).exists()
    assert not Bitacora.objects.filter(accion="acuerdo.certificar").exists()


def test_estados_posteriores_se_certifican(aprobado, juridico):
    services.acuerdo_cambiar_estado(acuerdo=aprobado, estado="en_seguimiento", usuario=juridico)
    aprobado.refresh_from_db()
    documento = certificacion_acuerdo_generar(acuerdo=aprobado, usuario=juridico)
    assert aprobado.clave in texto_docx(documento)


def test_sin_firmante_se_explica(sesion_celebrada, juridico, responsable):
    acuerdo = services.acuerdo_crear(
        sesion=sesion_celebrada,
        usuario=juridico,
        responsable=responsable,
        texto="Acuerdo sin firmante.",
        publicacion=RequierePublicacion.NINGUNA,
    )
    votar_unanime(acuerdo, juridico)
    acuerdo.refresh_from_db()
    with pytest.raises(ErrorSesiones, match="firmante"):
        certificacion_acuerdo_generar(acuerdo=acuerdo, usuario=juridico)


def test_versiones_conservan_lo_firmado(aprobado, juridico):
    v1 = certificacion_acuerdo_generar(acuerdo=aprobado, usuario=juridico)
    v2 = certificacion_acuerdo_generar(acuerdo=aprobado, usuario=juridico)
    v1.refresh_from_db()
    assert (v1.version, v2.version) == (1, 2)
    assert not v1.vigente and v2.vigente
    # Un borrador rehecho conserva su folio; el archivo anterior sigue ahí.
    assert v2.numero_oficio == v1.numero_oficio
    assert v1.archivo.name != v2.archivo.name and aprobado.clave in texto_docx(v1)

    docs.documento_marcar(documento=v2, estado=EstadoDocumento.FIRMADO, usuario=juridico)
    firmado_sha = v2.sha256
    firmado_archivo = v2.archivo.name
    v3 = certificacion_acuerdo_generar(acuerdo=aprobado, usuario=juridico)
    v2.refresh_from_db()
    assert v3.version == 3 and v3.vigente
    assert v2.estado == EstadoDocumento.FIRMADO and not v2.vigente
    assert (v2.sha256, v2.archivo.name) == (firmado_sha, firmado_archivo)
    # Lo firmado ya salió: la nueva copia lleva folio propio.
    assert v3.numero_oficio != v2.numero_oficio
    assert list(certificaciones_de_acuerdo(acuerdo=aprobado)) == [v3, v2, v1]
    assert Bitacora.objects.filter(accion="acuerdo.certificar").count() == 3


def test_folios_unicos_entre_acuerdos(aprobado, juridico, responsable):
    otro = services.acuerdo_crear(
        sesion=aprobado.sesion,
        usuario=juridico,
        responsable=responsable,
        texto="Segundo acuerdo.",
        publicacion=RequierePublicacion.NINGUNA,
    )
    votar_unanime(otro, juridico)
    otro.refresh_from_db()
    a = certificacion_acuerdo_generar(acuerdo=aprobado, usuario=juridico)
    b = certificacion_acuerdo_generar(acuerdo=otro, usuario=juridico)
    assert a.numero_oficio != b.numero_oficio
    assert a.vigente and b.vigente and a.version == b.version == 1
    assert otro.clave in texto_docx(b) and aprobado.clave not in texto_docx(b)


def test_plantilla_por_omision_valida():
    contenido = (docs.DIRECTORIO_PLANTILLAS / "certificacion_acuerdo.docx").read_bytes()
    usadas = docs.plantilla_validar(tipo="certificacion_acuerdo", contenido=contenido)
    assert {"clave", "texto", "votacion", "numero_oficio", "sesion_fecha_letras"} <= usadas


# Vista


def test_vista_juridico_genera_y_lista(client, juridico, aprobado):
    client.force_login(juridico)
    respuesta = client.post(reverse("acuerdos:certificar", args=[aprobado.pk]))
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("acuerdos:detalle", args=[aprobado.pk])
    documento = DocumentoGenerado.objects.get(tipo=TipoDocumento.CERTIFICACION_ACUERDO)
    pagina = client.get(respuesta.url)
    contenido = pagina.content.decode()
    assert "Certificar acuerdo" in contenido
    assert f"Folio {documento.numero_oficio}" in contenido
    enlace = reverse("documentos:descargar", args=[documento.pk, "docx"])
    assert enlace in contenido
    descarga = client.get(enlace)
    assert descarga.status_code == 200
    assert b"".join(descarga.streaming_content)[:2] == b"PK"


def test_vista_acuerdo_no_aprobado_muestra_mensaje(client, juridico, acuerdo, firmante_organo):
    client.force_login(juridico)
    respuesta = client.post(reverse("acuerdos:certificar", args=[acuerdo.pk]), follow=True)
    assert respuesta.status_code == 200
    assert "Solo se certifica un acuerdo aprobado" in respuesta.content.decode()
    assert not DocumentoGenerado.objects.filter(tipo=TipoDocumento.CERTIFICACION_ACUERDO).exists()


def test_vista_permisos(client, seguimiento, integrante, integrante_ajeno, aprobado):
    url = reverse("acuerdos:certificar", args=[aprobado.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).url.startswith("/entrar/")
    client.force_login(seguimiento)
    assert client.post(url).status_code == 403
    client.force_login(integrante)
    assert client.post(url).status_code == 403
    client.force_login(integrante_ajeno)
    assert client.post(url).status_code in (403, 404)
    assert not DocumentoGenerado.objects.filter(tipo=TipoDocumento.CERTIFICACION_ACUERDO).exists()


def test_vista_acuerdo_ajeno_404(client, juridico, aprobado):
    from acuerdos.models import Acuerdo

    client.force_login(juridico)
    inexistente = (Acuerdo.objects.order_by("-pk").first().pk or 0) + 100
    assert client.post(reverse("acuerdos:certificar", args=[inexistente])).status_code == 404


def test_vista_get_405(client, juridico, aprobado):
    client.force_login(juridico)
    assert client.get(reverse("acuerdos:certificar", args=[aprobado.pk])).status_code == 405


def test_boton_solo_para_juridico(client, seguimiento, integrante, juridico, aprobado):
    url = reverse("acuerdos:detalle", args=[aprobado.pk])
    client.force_login(juridico)
    assert "Certificar acuerdo" in client.get(url).content.decode()
    client.force_login(seguimiento)
    pagina = client.get(url).content.decode()
    assert "Certificar acuerdo" not in pagina and "Certificaciones del acuerdo" in pagina
    client.force_login(integrante)
    pagina = client.get(url).content.decode()
    assert "Certificar acuerdo" not in pagina and "Certificaciones del acuerdo" not in pagina

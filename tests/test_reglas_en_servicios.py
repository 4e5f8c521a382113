"""Las reglas de rol y de estado viven en los servicios: página, API, comandos y admin comparten
la misma puerta. Un servicio llamado directamente con un rol sin permiso lanza AccionNoPermitida
y no escribe nada; con usuario None (comandos, tareas del sistema) se permite."""

import datetime
import hashlib
import inspect

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from acuerdos import documentos as acuerdos_documentos
from acuerdos import services as acuerdos_services
from acuerdos.exceptions import TransicionAcuerdoNoPermitida
from acuerdos.models import EstadoAcuerdo, RequierePublicacion, Responsable
from acuerdos.services import acuerdo as services_acuerdo
from acuerdos.services import seguimiento as services_seguimiento
from acuerdos.services import votacion as services_votacion
from bitacora.models import Bitacora
from comun.roles import AccionNoPermitida
from documentos import firmas
from documentos import services as documentos_services
from entregas import services as entregas_services
from sesiones import services as sesiones_services
from sesiones.exceptions import TransicionNoPermitida
from sesiones.models import EstadoSesion, Invitado
from tests import factories
from tests.acuerdos.conftest import celebrar, votar_unanime

# Servicios que reciben `usuario` pero no son una operación que un rol pueda o no hacer.
EXENTOS = {
    # Escribe la historia de auditoría de otra operación, que ya revisó el rol.
    "bitacora_registrar",
    # Deja constancia de quién descargó un anexo que ya se le permitió ver (integrantes incluidos).
    "anexo_registrar_descarga",
    # La persona responde por sí misma: su enlace firmado o su cuenta la identifican; el servicio
    # exige que un usuario con sesión sea esa persona (test_integrante_solo_responde_por_si_mismo).
    "entrega_acusar",
    "confirmacion_registrar",
    "observacion_agregar",
}
MODULOS = (
    sesiones_services,
    acuerdos_services,
    services_acuerdo,
    services_votacion,
    services_seguimiento,
    acuerdos_documentos,
    documentos_services,
    entregas_services,
    firmas,
)


def _huella() -> str:
    """Todo lo que guardan las apps del dominio; si cambia, algo se escribió."""
    partes = []
    for app in ("sesiones", "acuerdos", "transparencia"):
        for modelo in apps.get_app_config(app).get_models():
            partes.append(
                (modelo._meta.label, list(modelo._base_manager.order_by("pk").values_list()))
            )
    return hashlib.sha256(repr(partes).encode()).hexdigest()


def _servicios_con_usuario():
    vistos = set()
    for modulo in MODULOS:
        for nombre, funcion in inspect.getmembers(modulo, inspect.isfunction):
            if nombre.startswith("_") or nombre in EXENTOS or nombre in vistos:
                continue
            if funcion.__module__ not in {m.__name__ for m in MODULOS}:
                continue
            parametro = inspect.signature(funcion).parameters.get("usuario")
            # Los servicios reciben todo por nombre; un predicado como puede_llevar_a, no.
            if parametro is not None and parametro.kind is parametro.KEYWORD_ONLY:
                vistos.add(nombre)
                yield nombre, funcion


def _argumentos(funcion) -> dict:
    """Cualquier cosa en los demás argumentos: la regla de rol se revisa antes de tocarlos."""
    argumentos = {}
    for nombre, parametro in inspect.signature(funcion).parameters.items():
        if parametro.kind is parametro.VAR_KEYWORD or parametro.default is not parametro.empty:
            continue
        argumentos[nombre] = object()
    if "estado" in argumentos:
        # Un estado que existe: lo único que puede faltar es el permiso.
        argumentos["estado"] = (
            EstadoAcuerdo.CUMPLIDO
            if funcion.__module__.startswith("acuerdos")
            else EstadoSesion.CANCELADA
        )
    return argumentos


def test_hay_servicios_que_revisar():
    nombres = {n for n, _f in _servicios_con_usuario()}
    assert {"sesion_cambiar_estado", "acuerdo_cambiar_estado", "votacion_registrar"} <= nombres


@pytest.mark.parametrize("nombre", sorted(n for n, _f in _servicios_con_usuario()))
def test_cada_servicio_con_usuario_revisa_el_rol_antes_que_nada(nombre, integrante):
    """Un servicio nuevo que recibe `usuario` y no revisa el rol hace fallar esta prueba."""
    funcion = dict(_servicios_con_usuario())[nombre]
    for usuario in (integrante, AnonymousUser()):
        with pytest.raises(AccionNoPermitida) as error:
            funcion(**{**_argumentos(funcion), "usuario": usuario})
        assert str(error.value.mensaje).startswith("Solo ")


# Sesiones --------------------------------------------------------------------------------------


@pytest.fixture
def piezas(sesion, juridico):
    punto = sesion.puntos.order_by("orden").first()
    anexo = sesiones_services.anexo_subir(
        punto=punto,
        archivo=SimpleUploadedFile("soporte.pdf", b"%PDF-1.4 soporte"),
        titulo="Soporte",
        usuario=juridico,
        tipo_contenido="application/pdf",
    )
    persona = factories.PersonaFactory()
    invitado = sesiones_services.invitado_agregar(
        sesion=sesion, persona=persona, usuario=juridico, motivo="Expone"
    )
    return {"punto": punto, "anexo": anexo, "invitado": invitado, "persona": persona}


def _llamadas_sesion(sesion, piezas):
    punto, anexo, invitado = piezas["punto"], piezas["anexo"], piezas["invitado"]
    integrante = sesion.organo.integrantes.first()
    otra_persona = factories.PersonaFactory()
    return {
        "sesion_programar": lambda u: sesiones_services.sesion_programar(
            organo=sesion.organo, tipo="extraordinaria", fecha_hora=sesion.fecha_hora, usuario=u
        ),
        "sesion_actualizar": lambda u: sesiones_services.sesion_actualizar(
            sesion=sesion, usuario=u, sede="Otra sala"
        ),
        "sesion_cambiar_estado": lambda u: sesiones_services.sesion_cambiar_estado(
            sesion=sesion, estado="cancelada", motivo="Prueba", usuario=u
        ),
        "punto_agregar": lambda u: sesiones_services.punto_agregar(
            sesion=sesion, titulo="Nuevo", usuario=u
        ),
        "punto_actualizar": lambda u: sesiones_services.punto_actualizar(
            punto=punto, usuario=u, titulo="Otro título"
        ),
        "punto_eliminar": lambda u: sesiones_services.punto_eliminar(punto=punto, usuario=u),
        "punto_mover": lambda u: sesiones_services.punto_mover(
            punto=punto, usuario=u, desplazamiento=1
        ),
        "puntos_reordenar": lambda u: sesiones_services.puntos_reordenar(
            sesion=sesion,
            usuario=u,
            ids=list(sesion.puntos.order_by("-orden").values_list("pk", flat=True)),
        ),
        "anexo_subir": lambda u: sesiones_services.anexo_subir(
            punto=punto,
            archivo=SimpleUploadedFile("otro.pdf", b"%PDF-1.4 otro"),
            titulo="Otro",
            usuario=u,
        ),
        "anexo_eliminar": lambda u: sesiones_services.anexo_eliminar(anexo=anexo, usuario=u),
        "asistencia_registrar": lambda u: sesiones_services.asistencia_registrar(
            sesion=sesion, integrante=integrante, estado="presente", usuario=u
        ),
        "invitado_agregar": lambda u: sesiones_services.invitado_agregar(
            sesion=sesion, persona=otra_persona, usuario=u
        ),
        "invitado_registrar_asistencia": lambda u: sesiones_services.invitado_registrar_asistencia(
            invitado=invitado, asistio=True, usuario=u
        ),
        "invitado_quitar": lambda u: sesiones_services.invitado_quitar(
            invitado=invitado, usuario=u
        ),
        "persona_registrar": lambda u: sesiones_services.persona_registrar(
            usuario=u, nombre="Persona nueva"
        ),
    }


def test_servicios_de_sesion_rechazan_a_seguimiento_e_integrantes_sin_escribir(
    sesion, piezas, seguimiento, integrante
):
    llamadas = _llamadas_sesion(sesion, piezas)
    con_usuario = {
        n for n, f in _servicios_con_usuario() if f.__module__ == sesiones_services.__name__
    }
    assert con_usuario <= set(llamadas), f"Servicios sin caso: {con_usuario - set(llamadas)}"
    for nombre, llamar in llamadas.items():
        for usuario in (seguimiento, integrante):
            antes = _huella()
            with pytest.raises(AccionNoPermitida, match="Dirección Jurídica"):
                llamar(usuario)
            assert _huella() == antes, f"{nombre} escribió para un rol sin permiso"


def test_sin_usuario_los_comandos_pasan_la_regla_de_rol(sesion):
    punto = sesiones_services.punto_agregar(sesion=sesion, titulo="Desde un comando", usuario=None)
    assert punto.pk
    assert Bitacora.objects.filter(accion="punto.agregar", usuario=None).exists()


def test_sesion_estado_desconocido_es_error_de_dominio(sesion, juridico):
    with pytest.raises(TransicionNoPermitida, match="desconocido"):
        sesiones_services.sesion_cambiar_estado(sesion=sesion, estado="bogus", usuario=juridico)


def test_anexo_no_se_sube_a_sesion_celebrada(sesion, juridico):
    celebrar(sesion, juridico)
    punto = sesion.puntos.first()
    with pytest.raises(TransicionNoPermitida, match="celebrada"):
        sesiones_services.anexo_subir(
            punto=punto,
            archivo=SimpleUploadedFile("tarde.pdf", b"%PDF-1.4 tarde"),
            titulo="Tarde",
            usuario=juridico,
        )
    assert not punto.anexos.exists()


def test_invitados_siguen_el_estado_de_la_sesion(sesion, piezas, juridico):
    invitado = piezas["invitado"]
    with pytest.raises(TransicionNoPermitida, match="convocada o celebrada"):
        sesiones_services.invitado_registrar_asistencia(
            invitado=invitado, asistio=True, usuario=juridico
        )
    celebrar(sesion, juridico)
    invitado.refresh_from_db()
    with pytest.raises(TransicionNoPermitida, match="invitados ya no cambia"):
        sesiones_services.invitado_quitar(invitado=invitado, usuario=juridico)
    assert Invitado.objects.filter(pk=invitado.pk).exists()


def test_pagina_quitar_invitado_de_sesion_celebrada_explica(client, sesion, piezas, juridico):
    celebrar(sesion, juridico)
    client.force_login(juridico)
    invitado = piezas["invitado"]
    respuesta = client.post(reverse("sesiones:invitado_quitar", args=[invitado.pk]), follow=True)
    assert "invitados ya no cambia" in respuesta.content.decode()
    assert Invitado.objects.filter(pk=invitado.pk).exists()


# Acuerdos --------------------------------------------------------------------------------------


@pytest.fixture
def responsable(db):
    return Responsable.objects.create(nombre="Unidad de Apoyo", correo="apoyo@ejemplo.mx")


@pytest.fixture
def celebrada(sesion, juridico):
    return celebrar(sesion, juridico)


@pytest.fixture
def proyecto(celebrada, juridico, responsable):
    return acuerdos_services.acuerdo_crear(
        sesion=celebrada,
        usuario=juridico,
        texto="Se aprueba el programa anual.",
        responsable=responsable,
        publicacion=RequierePublicacion.WEB,
    )


@pytest.fixture
def aprobado(proyecto, juridico):
    votar_unanime(proyecto, juridico)
    proyecto.refresh_from_db()
    return proyecto


def test_seguimiento_no_retira_y_el_acuerdo_no_cambia(proyecto, seguimiento):
    antes = _huella()
    with pytest.raises(AccionNoPermitida, match="Solo la Dirección Jurídica retira"):
        acuerdos_services.acuerdo_cambiar_estado(
            acuerdo=proyecto, estado="retirado", usuario=seguimiento, nota="Intento"
        )
    assert _huella() == antes
    proyecto.refresh_from_db()
    assert proyecto.estado == "proyecto"


@pytest.mark.parametrize("estado", ["aprobado", "rechazado"])
def test_seguimiento_no_aprueba_ni_rechaza_a_mano(proyecto, seguimiento, estado):
    with pytest.raises(AccionNoPermitida, match="votación"):
        acuerdos_services.acuerdo_cambiar_estado(
            acuerdo=proyecto, estado=estado, usuario=seguimiento
        )


def test_juridica_y_comandos_si_retiran(proyecto, celebrada, juridico):
    acuerdos_services.acuerdo_cambiar_estado(
        acuerdo=proyecto, estado="retirado", usuario=juridico, nota="Lo pidió el pleno"
    )
    otro = acuerdos_services.acuerdo_crear(sesion=celebrada, usuario=juridico, texto="Otro.")
    acuerdos_services.acuerdo_cambiar_estado(
        acuerdo=otro, estado="retirado", usuario=None, nota="Comando de depuración"
    )
    assert otro.cambios.filter(estado_nuevo="retirado", usuario=None).exists()


def test_seguimiento_hace_el_seguimiento(aprobado, seguimiento, responsable):
    acuerdos_services.acuerdo_actualizar(
        acuerdo=aprobado, usuario=seguimiento, fecha_limite=datetime.date(2099, 1, 1)
    )
    acuerdos_services.acuerdo_cambiar_estado(
        acuerdo=aprobado, estado="en_seguimiento", usuario=seguimiento
    )
    acuerdos_services.avance_registrar(acuerdo=aprobado, usuario=seguimiento, nota="Oficio")
    acuerdos_services.acuerdo_cambiar_estado(
        acuerdo=aprobado, estado="cumplido", usuario=seguimiento
    )
    acuerdos_services.publicacion_registrar(
        acuerdo=aprobado,
        usuario=seguimiento,
        medio="web",
        url="https://ejemplo.mx/acuerdo",
        fecha=datetime.date(2025, 1, 10),
    )
    aprobado.refresh_from_db()
    assert aprobado.estado == "cumplido"
    assert aprobado.publicaciones.count() == 1


def test_seguimiento_no_captura_ni_vota_ni_corrige(celebrada, proyecto, seguimiento):
    antes = _huella()
    with pytest.raises(AccionNoPermitida):
        acuerdos_services.acuerdo_crear(sesion=celebrada, usuario=seguimiento, texto="Nuevo")
    with pytest.raises(AccionNoPermitida):
        votar_unanime(proyecto, seguimiento)
    with pytest.raises(AccionNoPermitida):
        acuerdos_services.acuerdo_corregir_texto(
            acuerdo=proyecto, usuario=seguimiento, texto="Otro texto", motivo="Error"
        )
    with pytest.raises(AccionNoPermitida):
        acuerdos_services.acuerdo_actualizar(acuerdo=proyecto, usuario=seguimiento, punto=None)
    assert _huella() == antes


def test_masivo_sin_permiso_no_cambia_ninguno(aprobado, proyecto, seguimiento, integrante):
    antes = _huella()
    with pytest.raises(AccionNoPermitida):
        acuerdos_services.acuerdos_cambiar_estado_masivo(
            acuerdos=[proyecto], estado="retirado", usuario=seguimiento, nota="Masivo"
        )
    with pytest.raises(AccionNoPermitida):
        acuerdos_services.acuerdos_cambiar_estado_masivo(
            acuerdos=[aprobado], estado="cumplido", usuario=integrante
        )
    with pytest.raises(AccionNoPermitida):
        acuerdos_services.acuerdos_asignar_responsable(
            acuerdos=[aprobado], responsable=aprobado.responsable, usuario=integrante
        )
    with pytest.raises(TransicionAcuerdoNoPermitida, match="desconocido"):
        acuerdos_services.acuerdos_cambiar_estado_masivo(
            acuerdos=[aprobado], estado="bogus", usuario=seguimiento
        )
    assert _huella() == antes


def test_pagina_responde_403_con_el_mensaje_del_servicio(client, proyecto, seguimiento):
    client.force_login(seguimiento)
    respuesta = client.post(
        reverse("acuerdos:estado", args=[proyecto.pk]), {"estado": "retirado", "nota": "x"}
    )
    assert respuesta.status_code == 403
    assert "Solo la Dirección Jurídica retira acuerdos." in respuesta.content.decode()
    proyecto.refresh_from_db()
    assert proyecto.estado == "proyecto"


def test_pagina_no_ofrece_lo_que_el_servicio_negaria(client, proyecto, seguimiento, juridico):
    url = reverse("acuerdos:detalle", args=[proyecto.pk])
    client.force_login(seguimiento)
    assert 'value="retirado"' not in client.get(url).content.decode()
    client.force_login(juridico)
    assert 'value="retirado"' in client.get(url).content.decode()


def test_integrante_solo_responde_por_si_mismo(sesion_proxima, juridico, enviar, integrante):
    enviar(sesion_proxima, juridico)
    ajena = sesion_proxima.organo.integrantes.order_by("pk").first().persona
    assert ajena.usuario_id != integrante.pk
    with pytest.raises(AccionNoPermitida, match="usted mismo"):
        entregas_services.confirmacion_registrar(
            sesion=sesion_proxima, persona=ajena, respuesta="asistira", usuario=integrante
        )
    entrega_ajena = sesion_proxima.entregas.filter(persona=ajena).first()
    with pytest.raises(AccionNoPermitida, match="usted mismo"):
        entregas_services.entrega_acusar(entrega=entrega_ajena, usuario=integrante)
    entrega_ajena.refresh_from_db()
    assert entrega_ajena.acusado_en is None

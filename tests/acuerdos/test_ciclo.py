import datetime

import pytest

from acuerdos import services
from acuerdos.exceptions import (
    DatosAcuerdoInvalidos,
    EvidenciaFaltante,
    TransicionAcuerdoNoPermitida,
)
from acuerdos.models import (
    TRANSICIONES_ACUERDO,
    CambioEstadoAcuerdo,
    EstadoAcuerdo,
    RequierePublicacion,
)
from bitacora.models import Bitacora
from tests.acuerdos.conftest import votar_unanime


def test_tabla_explicita_y_estados_finales():
    assert set(TRANSICIONES_ACUERDO) == set(EstadoAcuerdo.values)
    assert TRANSICIONES_ACUERDO["proyecto"] == ("aprobado", "rechazado", "retirado")
    for final in ("rechazado", "retirado", "publicado", "concluido"):
        assert TRANSICIONES_ACUERDO[final] == ()


def _llevar(acuerdo, usuario, *estados):
    for estado in estados:
        acuerdo = services.acuerdo_cambiar_estado(
            acuerdo=acuerdo, estado=estado, usuario=usuario, nota="nota"
        )
    return acuerdo


def _publicar_ambos(acuerdo, usuario):
    services.publicacion_registrar(
        acuerdo=acuerdo,
        usuario=usuario,
        medio="web",
        url="https://sesaech.example/a",
        fecha=datetime.date(2025, 3, 20),
    )
    services.publicacion_registrar(
        acuerdo=acuerdo,
        usuario=usuario,
        medio="periodico_oficial",
        fecha=datetime.date(2025, 3, 21),
        numero_periodico="215",
        tomo_seccion="Tomo III",
        numero_publicacion="1234-A-2025",
    )


def test_camino_completo_con_historia(acuerdo, juridico):
    votar_unanime(acuerdo, juridico)
    acuerdo = _llevar(acuerdo, juridico, "en_seguimiento", "cumplido")
    _publicar_ambos(acuerdo, juridico)
    acuerdo = _llevar(acuerdo, juridico, "publicado")
    pasos = list(acuerdo.cambios.values_list("estado_anterior", "estado_nuevo"))
    assert pasos == [
        ("", "proyecto"),
        ("proyecto", "aprobado"),
        ("aprobado", "en_seguimiento"),
        ("en_seguimiento", "cumplido"),
        ("cumplido", "publicado"),
    ]
    assert all(c.usuario == juridico for c in acuerdo.cambios.all())
    assert Bitacora.objects.filter(accion="acuerdo.estado", objeto_id=str(acuerdo.pk)).count() == 4


@pytest.mark.parametrize(
    ("camino", "destino"),
    [
        ([], "en_seguimiento"),
        ([], "cumplido"),
        ([], "publicado"),
        (["aprobado"], "rechazado"),
        (["aprobado"], "publicado"),
        (["aprobado", "en_seguimiento"], "aprobado"),
        (["aprobado", "en_seguimiento"], "publicado"),
        (["aprobado", "cumplido"], "en_seguimiento"),
    ],
)
def test_transiciones_fuera_de_tabla_se_rechazan_con_motivo(acuerdo, juridico, camino, destino):
    if camino:
        votar_unanime(acuerdo, juridico)
        _llevar(acuerdo, juridico, *camino[1:])
    acuerdo.refresh_from_db()
    antes = CambioEstadoAcuerdo.objects.count()
    with pytest.raises(TransicionAcuerdoNoPermitida) as error:
        services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado=destino, usuario=juridico)
    assert "no puede pasar a" in error.value.mensaje
    assert "solo puede pasar a" in error.value.mensaje
    assert CambioEstadoAcuerdo.objects.count() == antes


def test_aprobar_sin_votacion_se_rechaza(acuerdo, juridico):
    with pytest.raises(TransicionAcuerdoNoPermitida, match="votación"):
        services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado="aprobado", usuario=juridico)


def test_retirar_exige_motivo_y_conserva_numero(acuerdo, juridico):
    with pytest.raises(DatosAcuerdoInvalidos, match="motivo"):
        services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado="retirado", usuario=juridico)
    services.acuerdo_cambiar_estado(
        acuerdo=acuerdo, estado="retirado", usuario=juridico, nota="Lo retira quien lo propuso."
    )
    nuevo = services.acuerdo_crear(sesion=acuerdo.sesion, texto="Otro", usuario=juridico)
    assert nuevo.numero == acuerdo.numero + 1


def test_en_seguimiento_exige_responsable(sesion_celebrada, juridico):
    acuerdo = services.acuerdo_crear(sesion=sesion_celebrada, texto="Texto", usuario=juridico)
    votar_unanime(acuerdo, juridico)
    with pytest.raises(DatosAcuerdoInvalidos, match="responsable"):
        services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado="en_seguimiento", usuario=juridico)


def test_publicado_sin_evidencia_se_rechaza(acuerdo, juridico):
    votar_unanime(acuerdo, juridico)
    acuerdo = _llevar(acuerdo, juridico, "cumplido")
    with pytest.raises(EvidenciaFaltante, match="Página electrónica"):
        services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado="publicado", usuario=juridico)


def test_publicado_con_solo_web_cuando_se_requieren_ambos(acuerdo, juridico):
    votar_unanime(acuerdo, juridico)
    acuerdo = _llevar(acuerdo, juridico, "cumplido")
    services.publicacion_registrar(
        acuerdo=acuerdo,
        usuario=juridico,
        medio="web",
        url="https://sesaech.example/a",
        fecha=datetime.date(2025, 3, 20),
    )
    with pytest.raises(EvidenciaFaltante, match="Periódico Oficial"):
        services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado="publicado", usuario=juridico)
    acuerdo.refresh_from_db()
    assert acuerdo.estado == "cumplido"


def test_evidencia_incompleta_del_periodico_se_rechaza(acuerdo, juridico):
    votar_unanime(acuerdo, juridico)
    acuerdo.refresh_from_db()
    with pytest.raises(EvidenciaFaltante, match="tomo"):
        services.publicacion_registrar(
            acuerdo=acuerdo,
            usuario=juridico,
            medio="periodico_oficial",
            fecha=datetime.date(2025, 3, 21),
            numero_periodico="215",
            numero_publicacion="1",
        )
    with pytest.raises(EvidenciaFaltante, match="URL"):
        services.publicacion_registrar(
            acuerdo=acuerdo,
            usuario=juridico,
            medio="web",
            url="ftp://x",
            fecha=datetime.date.today(),
        )


def test_concluir_sin_publicacion_solo_si_no_se_requiere(acuerdo, juridico, sesion_celebrada):
    votar_unanime(acuerdo, juridico)
    with pytest.raises(TransicionAcuerdoNoPermitida, match="requiere publicación"):
        services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado="concluido", usuario=juridico)
    otro = services.acuerdo_crear(
        sesion=sesion_celebrada,
        texto="Toma de conocimiento",
        usuario=juridico,
        publicacion=RequierePublicacion.NINGUNA,
    )
    votar_unanime(otro, juridico)
    otro = _llevar(otro, juridico, "concluido")
    assert otro.estado == "concluido"
    with pytest.raises(TransicionAcuerdoNoPermitida, match="estado final"):
        services.acuerdo_cambiar_estado(acuerdo=otro, estado="publicado", usuario=juridico)


def test_correccion_crea_version_con_motivo(acuerdo, juridico):
    votar_unanime(acuerdo, juridico)
    acuerdo.refresh_from_db()
    with pytest.raises(DatosAcuerdoInvalidos, match="motivo"):
        services.acuerdo_corregir_texto(acuerdo=acuerdo, texto="Nuevo", motivo="", usuario=juridico)
    version = services.acuerdo_corregir_texto(
        acuerdo=acuerdo,
        texto="Se aprueba el orden del día con la modificación.",
        motivo="Errata en la redacción",
        usuario=juridico,
    )
    acuerdo.refresh_from_db()
    assert version.version == 2
    assert acuerdo.texto == "Se aprueba el orden del día con la modificación."
    assert acuerdo.versiones.get(version=1).texto == "Se aprueba el orden del día."
    assert "modificacion" in acuerdo.texto_busqueda
    assert Bitacora.objects.filter(accion="acuerdo.corregir_texto").exists()


def test_plazo_en_dias_habiles_calcula_fecha_limite(acuerdo):
    # Sesión el lunes 10 de marzo de 2025; 10 días hábiles con el 17 de marzo inhábil.
    assert acuerdo.fecha_limite == datetime.date(2025, 3, 25)


def test_masivo_informa_los_que_no_pueden(acuerdo, juridico, sesion_celebrada):
    votar_unanime(acuerdo, juridico)
    proyecto = services.acuerdo_crear(sesion=sesion_celebrada, texto="Otro", usuario=juridico)
    hechos, rechazados = services.acuerdos_cambiar_estado_masivo(
        acuerdos=[acuerdo, proyecto], estado="en_seguimiento", usuario=juridico
    )
    assert [a.pk for a in hechos] == [acuerdo.pk]
    assert rechazados[0][0] == proyecto and "no puede pasar" in rechazados[0][1]


def test_avance_registra_bitacora_y_no_en_proyecto(acuerdo, juridico):
    with pytest.raises(TransicionAcuerdoNoPermitida):
        services.avance_registrar(acuerdo=acuerdo, usuario=juridico, nota="x")
    votar_unanime(acuerdo, juridico)
    acuerdo.refresh_from_db()
    services.avance_registrar(
        acuerdo=acuerdo,
        usuario=juridico,
        nota="Oficio enviado",
        evidencia_url="https://x.example/o",
    )
    assert acuerdo.avances.count() == 1
    assert Bitacora.objects.filter(accion="acuerdo.avance").exists()


def test_asignacion_envia_aviso_una_vez(
    acuerdo, juridico, mailoutbox, django_capture_on_commit_callbacks
):
    votar_unanime(acuerdo, juridico)
    with django_capture_on_commit_callbacks(execute=True):
        services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado="en_seguimiento", usuario=juridico)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["administracion@sesaech.example"]
    assert acuerdo.clave in mailoutbox[0].subject
    from acuerdos.tasks import avisar_asignacion

    assert avisar_asignacion(acuerdo.cambios.last().pk) is False
    assert len(mailoutbox) == 1

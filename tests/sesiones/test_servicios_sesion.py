import datetime
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bitacora.models import Bitacora
from comun import habiles
from sesiones import services
from sesiones.exceptions import (
    AvisoInsuficiente,
    DatosInvalidos,
    NumeroOcupado,
    TransicionNoPermitida,
)
from sesiones.models import TRANSICIONES_SESION, EstadoSesion, ReglaQuorum, Sesion
from sesiones.selectors import quorum_requerido, sesion_quorum
from tests.factories import MX, IntegranteFactory, PersonaFactory, sesion_programada

pytestmark = pytest.mark.django_db


def _convocar(sesion, usuario, **kw):
    kw.setdefault("fecha_cambio", sesion.fecha_hora - datetime.timedelta(days=14))
    services.sesion_cambiar_estado(
        sesion=sesion, estado=EstadoSesion.CONVOCADA, usuario=usuario, **kw
    )
    sesion.refresh_from_db()


def _todos_presentes(sesion, usuario):
    for integrante in sesion.organo.integrantes.all():
        services.asistencia_registrar(
            sesion=sesion, integrante=integrante, estado="presente", usuario=usuario
        )


def test_programar_asigna_numero_clave_y_marco(organo, juridico):
    primera = sesion_programada(organo=organo, usuario=juridico)
    segunda = sesion_programada(organo=organo, usuario=juridico)
    assert (primera.numero, segunda.numero) == (1, 2)
    assert segunda.clave == f"SO-02-{organo.siglas}/SAECH/2025"
    assert segunda.nombre == "Segunda Sesión Ordinaria"
    assert segunda.nombre_completo == f"Segunda Sesión Ordinaria del {organo.nombre}"
    assert [p.marco for p in segunda.puntos.all()] == [
        "asistencia",
        "orden_dia",
        "acta_anterior",
        "seguimiento",
        "asuntos_generales",
        "clausura",
    ]
    cambio = segunda.cambios.get()
    assert (cambio.estado_anterior, cambio.estado_nuevo, cambio.usuario) == (
        "",
        "programada",
        juridico,
    )
    assert Bitacora.objects.filter(accion="sesion.programar", sesion=segunda).exists()


def test_numeracion_por_tipo_y_marco_corto(organo, juridico):
    sesion_programada(organo=organo, usuario=juridico)
    extra = sesion_programada(organo=organo, usuario=juridico, tipo="extraordinaria")
    solemne = sesion_programada(organo=organo, usuario=juridico, tipo="solemne")
    assert extra.numero == 1 and extra.clave.startswith("SE-01-")
    assert extra.nombre == "Primera Sesión Extraordinaria"
    assert extra.puntos.count() == 3
    assert solemne.clave.startswith("SS-01-")
    assert "instalacion" in [p.marco for p in solemne.puntos.all()]


def test_numeracion_reinicia_por_periodo(organo, juridico):
    from tests.factories import PeriodoFactory

    organo.periodos.update(fecha_fin=datetime.date(2025, 12, 31))
    PeriodoFactory(
        organo=organo,
        nombre="2026",
        fecha_inicio=datetime.date(2026, 1, 1),
        fecha_fin=datetime.date(2026, 12, 31),
    )
    sesion_programada(organo=organo, usuario=juridico)
    sesion_programada(organo=organo, usuario=juridico)
    nueva = sesion_programada(
        organo=organo, usuario=juridico, fecha=datetime.datetime(2026, 2, 1, 10, tzinfo=MX)
    )
    assert nueva.numero == 1 and nueva.periodo.nombre == "2026"


def test_numero_explicito_ocupado_da_mensaje_claro(organo, juridico):
    sesion_programada(organo=organo, usuario=juridico, numero=4)
    with pytest.raises(NumeroOcupado, match="Ya existe la Cuarta Sesión Ordinaria"):
        sesion_programada(organo=organo, usuario=juridico, numero=4)
    assert Sesion.objects.filter(organo=organo).count() == 1


def test_numeracion_reintenta_si_otro_tomo_el_numero(organo, juridico, monkeypatch):
    # Simula la carrera: el primer cálculo devuelve un número que otra persona ya guardó.
    sesion_programada(organo=organo, usuario=juridico)
    calculos = iter([1, 2])
    monkeypatch.setattr(services, "_siguiente_numero", lambda **kw: next(calculos))
    segunda = sesion_programada(organo=organo, usuario=juridico)
    assert segunda.numero == 2


def test_fecha_fuera_de_periodo(organo, juridico):
    with pytest.raises(DatosInvalidos, match="no tiene un periodo"):
        sesion_programada(
            organo=organo, usuario=juridico, fecha=datetime.datetime(2035, 1, 1, 10, tzinfo=MX)
        )


def test_sesion_a_distancia_requiere_enlace(organo, juridico):
    with pytest.raises(DatosInvalidos, match="enlace"):
        sesion_programada(organo=organo, usuario=juridico, modalidad="a_distancia")


@pytest.mark.parametrize("origen", [e for e in EstadoSesion])
def test_tabla_de_transiciones_rechaza_lo_no_permitido(origen, sesion, juridico):
    Sesion.objects.filter(pk=sesion.pk).update(estado=origen)
    prohibidos = [e for e in EstadoSesion if e not in TRANSICIONES_SESION[origen]]
    for destino in prohibidos:
        with pytest.raises(TransicionNoPermitida, match="no puede pasar a"):
            services.sesion_cambiar_estado(
                sesion=sesion, estado=destino, usuario=juridico, motivo="x"
            )
    assert sesion.cambios.count() == 1


def test_convocar_con_aviso_suficiente_registra_historia(sesion, juridico):
    _convocar(sesion, juridico)
    sesion.refresh_from_db()
    assert sesion.estado == EstadoSesion.CONVOCADA
    ultimo = sesion.cambios.order_by("pk").last()
    assert (ultimo.estado_anterior, ultimo.estado_nuevo, ultimo.usuario) == (
        "programada",
        "convocada",
        juridico,
    )


def test_convocar_tarde_exige_justificacion(sesion, juridico):
    tarde = sesion.fecha_hora - datetime.timedelta(days=2)
    with pytest.raises(AvisoInsuficiente, match="5 días hábiles"):
        _convocar(sesion, juridico, fecha_cambio=tarde)
    sesion.refresh_from_db()
    assert sesion.estado == EstadoSesion.PROGRAMADA
    _convocar(sesion, juridico, fecha_cambio=tarde, justificacion_aviso="Asunto urgente")
    sesion.refresh_from_db()
    assert sesion.justificacion_aviso == "Asunto urgente"
    assert sesion.cambios.order_by("pk").last().motivo == "Asunto urgente"


def test_extraordinaria_se_mide_en_horas(organo, juridico):
    extra = sesion_programada(organo=organo, usuario=juridico, tipo="extraordinaria")
    with pytest.raises(AvisoInsuficiente, match="24 horas"):
        _convocar(extra, juridico, fecha_cambio=extra.fecha_hora - datetime.timedelta(hours=20))
    _convocar(extra, juridico, fecha_cambio=extra.fecha_hora - datetime.timedelta(hours=25))


def test_dias_habiles_respetan_dias_oficiales():
    # 7 de febrero de 2022: día de la Constitución (primer lunes de febrero), inhábil.
    assert not habiles.es_habil(datetime.date(2022, 2, 7))
    assert habiles.dias_habiles_entre(datetime.date(2022, 2, 3), datetime.date(2022, 2, 9)) == 2
    assert habiles.sumar_dias_habiles(datetime.date(2022, 2, 4), 1) == datetime.date(2022, 2, 8)
    assert not habiles.es_habil(datetime.date(2022, 9, 16))


def test_celebrar_exige_quorum(sesion, juridico):
    _convocar(sesion, juridico)
    sesion.refresh_from_db()
    with pytest.raises(TransicionNoPermitida, match="No hay quórum"):
        services.sesion_cambiar_estado(sesion=sesion, estado="celebrada", usuario=juridico)
    _todos_presentes(sesion, juridico)
    services.sesion_cambiar_estado(sesion=sesion, estado="celebrada", usuario=juridico)
    sesion.refresh_from_db()
    assert sesion.estado == EstadoSesion.CELEBRADA


def test_diferir_sin_quorum_conserva_numero_y_se_reprograma(sesion, juridico):
    _convocar(sesion, juridico)
    with pytest.raises(DatosInvalidos, match="motivo"):
        services.sesion_cambiar_estado(sesion=sesion, estado="diferida", usuario=juridico)
    services.sesion_cambiar_estado(
        sesion=sesion,
        estado="diferida",
        usuario=juridico,
        motivo="Falta de quórum",
        sin_quorum=True,
    )
    sesion.refresh_from_db()
    assert (sesion.estado, sesion.numero, sesion.sin_quorum) == ("diferida", 1, True)
    with pytest.raises(DatosInvalidos, match="nueva fecha"):
        _convocar(sesion, juridico)
    anterior = sesion.fecha_hora
    nueva = anterior + datetime.timedelta(days=14)
    services.sesion_cambiar_estado(
        sesion=sesion,
        estado="convocada",
        usuario=juridico,
        nueva_fecha_hora=nueva,
        fecha_cambio=anterior,
    )
    sesion.refresh_from_db()
    assert sesion.fecha_hora == nueva and sesion.numero == 1
    assert sesion.cambios.order_by("pk").last().fecha_hora_anterior == anterior


def test_cancelar_antes_de_convocar_libera_numero_sin_huecos(organo, juridico):
    primera = sesion_programada(organo=organo, usuario=juridico)
    segunda = sesion_programada(organo=organo, usuario=juridico)
    tercera = sesion_programada(organo=organo, usuario=juridico)
    services.sesion_cambiar_estado(
        sesion=segunda, estado="cancelada", usuario=juridico, motivo="Se fusionó con otra"
    )
    segunda.refresh_from_db()
    tercera.refresh_from_db()
    assert segunda.numero is None and segunda.estado == "cancelada"
    assert tercera.numero == 2 and tercera.clave.startswith("SO-02-")
    cuarta = sesion_programada(organo=organo, usuario=juridico)
    assert cuarta.numero == 3
    assert primera.numero == 1


def test_cancelar_conserva_numero_si_una_posterior_ya_se_convoco(organo, juridico):
    primera = sesion_programada(organo=organo, usuario=juridico)
    segunda = sesion_programada(organo=organo, usuario=juridico)
    _convocar(segunda, juridico)
    services.sesion_cambiar_estado(
        sesion=primera, estado="cancelada", usuario=juridico, motivo="Sin asuntos"
    )
    primera.refresh_from_db()
    segunda.refresh_from_db()
    assert (primera.numero, segunda.numero) == (1, 2)


def test_cancelar_sesion_convocada_conserva_numero(organo, juridico):
    sesion = sesion_programada(organo=organo, usuario=juridico)
    _convocar(sesion, juridico)
    services.sesion_cambiar_estado(sesion=sesion, estado="cancelada", usuario=juridico, motivo="x")
    sesion.refresh_from_db()
    assert sesion.numero == 1
    assert sesion_programada(organo=organo, usuario=juridico).numero == 2


def test_actualizar_numero_ocupado_y_fecha_de_convocada(organo, juridico):
    primera = sesion_programada(organo=organo, usuario=juridico)
    segunda = sesion_programada(organo=organo, usuario=juridico)
    with pytest.raises(NumeroOcupado):
        services.sesion_actualizar(sesion=segunda, usuario=juridico, numero=1)
    services.sesion_actualizar(sesion=segunda, usuario=juridico, numero=5, sede="Otra sala")
    segunda.refresh_from_db()
    assert segunda.clave.startswith("SO-05-") and segunda.sede == "Otra sala"
    assert Bitacora.objects.filter(accion="sesion.editar", sesion=segunda).exists()
    _convocar(primera, juridico)
    with pytest.raises(TransicionNoPermitida, match="difiérala"):
        services.sesion_actualizar(
            sesion=primera,
            usuario=juridico,
            fecha_hora=primera.fecha_hora + datetime.timedelta(days=1),
        )


def test_punto_nuevo_va_antes_de_asuntos_generales(sesion, juridico):
    punto = services.punto_agregar(sesion=sesion, titulo="Informe", usuario=juridico)
    titulos = [p.marco or p.titulo for p in sesion.puntos.all()]
    assert titulos == [
        "asistencia",
        "orden_dia",
        "acta_anterior",
        "seguimiento",
        "Informe",
        "asuntos_generales",
        "clausura",
    ]
    assert punto.orden == 5
    services.punto_mover(punto=punto, usuario=juridico, desplazamiento=-1)
    assert [p.orden for p in sesion.puntos.all()] == list(range(1, 8))
    punto.refresh_from_db()
    assert punto.orden == 4
    services.punto_eliminar(punto=punto, usuario=juridico)
    assert [p.orden for p in sesion.puntos.all()] == list(range(1, 7))


def test_reordenar_valida_los_puntos(sesion, juridico):
    ids = list(sesion.puntos.values_list("pk", flat=True))
    services.puntos_reordenar(sesion=sesion, usuario=juridico, ids=list(reversed(ids)))
    assert list(sesion.puntos.values_list("pk", flat=True)) == list(reversed(ids))
    with pytest.raises(DatosInvalidos):
        services.puntos_reordenar(sesion=sesion, usuario=juridico, ids=ids[:-1])


def test_orden_del_dia_cerrado_al_celebrar(sesion, juridico):
    _convocar(sesion, juridico)
    _todos_presentes(sesion, juridico)
    services.sesion_cambiar_estado(sesion=sesion, estado="celebrada", usuario=juridico)
    sesion.refresh_from_db()
    with pytest.raises(TransicionNoPermitida, match="ya no se modifica"):
        services.punto_agregar(sesion=sesion, titulo="Tarde", usuario=juridico)


def test_texto_hostil_se_guarda_intacto(sesion, juridico):
    hostil = "<script>alert('x')</script> & “comillas” ñandú 😀 " + "x" * 4900
    punto = services.punto_agregar(sesion=sesion, titulo=hostil, usuario=juridico)
    punto.refresh_from_db()
    assert punto.titulo == hostil


def test_quorum_mitad_mas_uno_dos_tercios_y_fijo(organo):
    assert quorum_requerido(organo=organo, con_voto=7) == 4
    assert quorum_requerido(organo=organo, con_voto=26) == 14
    organo.regla_quorum = ReglaQuorum.DOS_TERCIOS
    assert quorum_requerido(organo=organo, con_voto=7) == 5
    organo.regla_quorum = ReglaQuorum.FIJO
    organo.quorum_fijo = 3
    assert quorum_requerido(organo=organo, con_voto=7) == 3


def test_quorum_cuenta_solo_vigentes_con_voto_presentes(sesion, organo, juridico):
    IntegranteFactory(organo=organo, con_voto=False)
    IntegranteFactory(organo=organo, fecha_fin=datetime.date(2024, 12, 31))
    _convocar(sesion, juridico)
    integrantes = list(organo.integrantes.filter(con_voto=True, fecha_fin__isnull=True))
    assert sesion_quorum(sesion).con_voto == 5
    for integrante in integrantes[:2]:
        services.asistencia_registrar(
            sesion=sesion, integrante=integrante, estado="presente", usuario=juridico
        )
    services.asistencia_registrar(
        sesion=sesion, integrante=integrantes[2], estado="justificada", usuario=juridico
    )
    quorum = sesion_quorum(sesion)
    assert (quorum.presentes, quorum.requeridos, quorum.alcanzado, quorum.faltan) == (
        2,
        3,
        False,
        1,
    )
    integrantes[3].suplente = PersonaFactory()
    integrantes[3].save()
    services.asistencia_registrar(
        sesion=sesion, integrante=integrantes[3], estado="suplente", usuario=juridico
    )
    assert sesion_quorum(sesion).alcanzado


def test_asistencia_reglas(sesion, organo, otro_organo, juridico):
    integrante = organo.integrantes.first()
    with pytest.raises(TransicionNoPermitida, match="convocada o celebrada"):
        services.asistencia_registrar(
            sesion=sesion, integrante=integrante, estado="presente", usuario=juridico
        )
    _convocar(sesion, juridico)
    sesion.refresh_from_db()
    with pytest.raises(DatosInvalidos, match="suplente"):
        services.asistencia_registrar(
            sesion=sesion, integrante=integrante, estado="suplente", usuario=juridico
        )
    with pytest.raises(DatosInvalidos, match="no integra"):
        services.asistencia_registrar(
            sesion=sesion,
            integrante=otro_organo.integrantes.first(),
            estado="presente",
            usuario=juridico,
        )
    asistencia = services.asistencia_registrar(
        sesion=sesion,
        integrante=integrante,
        estado="presente",
        usuario=juridico,
        hora_llegada=datetime.time(10, 5),
    )
    assert asistencia.hora_llegada == datetime.time(10, 5)
    assert Bitacora.objects.filter(accion="asistencia.registrar").count() == 1


def test_invitados(sesion, organo, juridico):
    invitada = PersonaFactory()
    services.invitado_agregar(sesion=sesion, persona=invitada, usuario=juridico, motivo="Expone")
    with pytest.raises(DatosInvalidos, match="ya está invitado"):
        services.invitado_agregar(sesion=sesion, persona=invitada, usuario=juridico)
    with pytest.raises(DatosInvalidos, match="ya integra"):
        services.invitado_agregar(
            sesion=sesion, persona=organo.integrantes.first().persona, usuario=juridico
        )


def test_anexo_guarda_huella_y_exige_fundamento(sesion, juridico):
    punto = sesion.puntos.first()
    contenido = b"%PDF contenido de prueba"
    with pytest.raises(DatosInvalidos, match="fundamento legal"):
        services.anexo_subir(
            punto=punto,
            archivo=SimpleUploadedFile("a.pdf", contenido),
            titulo="A",
            usuario=juridico,
            clasificacion="reservada",
        )
    anexo = services.anexo_subir(
        punto=punto,
        archivo=SimpleUploadedFile("Informe final.pdf", contenido),
        titulo="A",
        usuario=juridico,
        clasificacion="reservada",
        fundamento_legal="Art. 113",
        reservado_hasta=datetime.date(2030, 1, 1),
    )
    assert anexo.sha256 == hashlib.sha256(contenido).hexdigest()
    assert anexo.nombre_original == "Informe final.pdf"
    assert "Informe" not in anexo.archivo.name  # el nombre en disco no es adivinable
    assert anexo.archivo.read() == contenido

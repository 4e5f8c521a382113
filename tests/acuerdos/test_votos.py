import pytest

from acuerdos import services
from acuerdos.exceptions import VotacionInvalida
from acuerdos.models import EstadoAcuerdo, Mayoria, ReglaVotacion, TipoAcuerdo
from acuerdos.votos import calcular_resultado
from bitacora.models import Bitacora
from sesiones.models import RolIntegrante
from tests.acuerdos.conftest import celebrar


def test_unanimidad():
    r = calcular_resultado(a_favor=5, en_contra=0, abstenciones=0, presentes=5)
    assert r.aprobado and r.unanimidad
    assert r.texto == "aprobado por unanimidad de votos de los integrantes presentes"


def test_mayoria_con_abstencion_no_es_unanimidad():
    r = calcular_resultado(a_favor=5, en_contra=1, abstenciones=1, presentes=7)
    assert r.aprobado and not r.unanimidad
    assert r.texto == "aprobado por mayoría de votos (5 a favor, 1 en contra y 1 abstención)"


def test_abstencion_no_es_ausencia():
    # 2 a favor, 1 en contra y 2 abstenciones: mayoría simple aprueba; absoluta no.
    simple = calcular_resultado(a_favor=2, en_contra=1, abstenciones=2, presentes=5)
    absoluta = calcular_resultado(
        a_favor=2, en_contra=1, abstenciones=2, presentes=5, mayoria=Mayoria.ABSOLUTA
    )
    assert simple.aprobado
    assert not absoluta.aprobado
    assert "mayoría absoluta" in absoluta.texto


def test_empate_decide_voto_de_calidad():
    a = calcular_resultado(
        a_favor=2, en_contra=2, abstenciones=1, presentes=5, voto_calidad="a_favor"
    )
    r = calcular_resultado(
        a_favor=2, en_contra=2, abstenciones=1, presentes=5, voto_calidad="en_contra"
    )
    sin = calcular_resultado(a_favor=2, en_contra=2, abstenciones=1, presentes=5)
    assert a.aprobado and a.decidio_calidad
    assert a.texto.startswith("aprobado con el voto de calidad de la Presidencia (2 a favor")
    assert not r.aprobado and r.texto.startswith("rechazado con el voto de calidad")
    assert not sin.aprobado and not sin.decidio_calidad


def test_dos_tercios():
    assert calcular_resultado(
        a_favor=4, en_contra=2, abstenciones=0, presentes=6, mayoria=Mayoria.DOS_TERCIOS
    ).aprobado
    no = calcular_resultado(
        a_favor=3, en_contra=2, abstenciones=1, presentes=6, mayoria=Mayoria.DOS_TERCIOS
    )
    assert not no.aprobado and "dos terceras partes" in no.texto


def test_rechazo_por_mayoria():
    r = calcular_resultado(a_favor=1, en_contra=3, abstenciones=1, presentes=5)
    assert not r.aprobado
    assert r.texto == "rechazado por mayoría de votos (1 a favor, 3 en contra y 1 abstención)"


def test_votacion_totales_aprueba_y_registra(acuerdo, juridico):
    votacion = services.votacion_registrar(
        acuerdo=acuerdo, usuario=juridico, modo="totales", a_favor=5
    )
    acuerdo.refresh_from_db()
    assert votacion.unanimidad and votacion.presentes == 5
    assert acuerdo.estado == EstadoAcuerdo.APROBADO
    assert acuerdo.cambios.filter(estado_nuevo="aprobado").exists()
    assert Bitacora.objects.filter(accion="acuerdo.votacion", objeto_id=str(acuerdo.pk)).exists()


def test_totales_no_exceden_presentes(acuerdo, juridico):
    with pytest.raises(VotacionInvalida, match="excede"):
        services.votacion_registrar(acuerdo=acuerdo, usuario=juridico, modo="totales", a_favor=6)
    acuerdo.refresh_from_db()
    assert acuerdo.estado == EstadoAcuerdo.PROYECTO


def test_totales_empate_exige_voto_de_calidad(acuerdo, juridico):
    with pytest.raises(VotacionInvalida, match="empate"):
        services.votacion_registrar(
            acuerdo=acuerdo,
            usuario=juridico,
            modo="totales",
            a_favor=2,
            en_contra=2,
            abstenciones=1,
        )
    v = services.votacion_registrar(
        acuerdo=acuerdo,
        usuario=juridico,
        modo="totales",
        a_favor=2,
        en_contra=2,
        abstenciones=1,
        voto_calidad="en_contra",
    )
    acuerdo.refresh_from_db()
    assert v.decidio_calidad and acuerdo.estado == EstadoAcuerdo.RECHAZADO


def test_ausentes_no_cuentan(organo, juridico):
    from tests import factories

    sesion = celebrar(
        factories.sesion_programada(organo=organo, usuario=juridico), juridico, ausentes=2
    )
    acuerdo = services.acuerdo_crear(sesion=sesion, texto="Texto", usuario=juridico)
    # 3 presentes: 3 a favor es unanimidad de los presentes; 4 excede.
    with pytest.raises(VotacionInvalida):
        services.votacion_registrar(acuerdo=acuerdo, usuario=juridico, modo="totales", a_favor=4)
    v = services.votacion_registrar(acuerdo=acuerdo, usuario=juridico, modo="totales", a_favor=3)
    assert v.presentes == 3 and v.unanimidad


def test_nominal_empate_con_voto_de_calidad_de_presidencia(organo, juridico):
    from tests import factories

    sesion = celebrar(
        factories.sesion_programada(organo=organo, usuario=juridico), juridico, ausentes=1
    )
    acuerdo = services.acuerdo_crear(sesion=sesion, texto="Texto", usuario=juridico)
    presentes = list(services.integrantes_presentes_con_voto(sesion))
    presidencia = next(i for i in presentes if i.rol == RolIntegrante.PRESIDENTE)
    otros = [i for i in presentes if i != presidencia]
    votos = {
        presidencia.pk: "a_favor",
        otros[0].pk: "a_favor",
        otros[1].pk: "en_contra",
        otros[2].pk: "en_contra",
    }
    v = services.votacion_registrar(acuerdo=acuerdo, usuario=juridico, modo="nominal", votos=votos)
    assert v.decidio_calidad and v.resultado == "aprobado"
    assert v.votos.count() == 4
    assert "voto de calidad" in v.texto


def test_nominal_rechaza_voto_de_ausente_y_exige_todos(organo, juridico):
    from tests import factories

    sesion = celebrar(
        factories.sesion_programada(organo=organo, usuario=juridico), juridico, ausentes=1
    )
    acuerdo = services.acuerdo_crear(sesion=sesion, texto="Texto", usuario=juridico)
    todos = list(organo.integrantes.order_by("orden", "pk"))
    with pytest.raises(VotacionInvalida, match="presentes"):
        services.votacion_registrar(
            acuerdo=acuerdo,
            usuario=juridico,
            modo="nominal",
            votos={i.pk: "a_favor" for i in todos},
        )
    with pytest.raises(VotacionInvalida, match="Falta"):
        services.votacion_registrar(
            acuerdo=acuerdo, usuario=juridico, modo="nominal", votos={todos[0].pk: "a_favor"}
        )


def test_regla_calificada_por_tipo(acuerdo, juridico):
    ReglaVotacion.objects.create(
        organo=acuerdo.organo, tipo_acuerdo=TipoAcuerdo.APROBACION, mayoria=Mayoria.DOS_TERCIOS
    )
    v = services.votacion_registrar(
        acuerdo=acuerdo, usuario=juridico, modo="totales", a_favor=3, en_contra=2
    )
    assert v.mayoria == Mayoria.DOS_TERCIOS and v.resultado == "rechazado"


def test_no_se_vota_sin_asistencia(sesion, juridico):
    acuerdo = services.acuerdo_crear(sesion=sesion, texto="Texto", usuario=juridico)
    with pytest.raises(Exception, match="convocada o celebrada"):
        services.votacion_registrar(acuerdo=acuerdo, usuario=juridico, modo="totales", a_favor=1)

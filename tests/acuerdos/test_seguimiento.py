import datetime

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from acuerdos import services
from acuerdos.models import Acuerdo, AvisoEnviado, EjecucionSeguimiento, Responsable
from acuerdos.services.seguimiento import seguimiento_ejecutar
from tests.acuerdos.conftest import votar_unanime

HOY = datetime.date(2025, 4, 10)


@pytest.fixture
def pendientes(sesion_celebrada, juridico, responsable):
    """Dos vencidos del mismo responsable, uno por vencer de otro y uno cumplido."""
    otro = Responsable.objects.create(nombre="Secretaría Técnica", correo="st@sesaech.example")
    creados = []
    for texto, resp, limite in (
        ("Vencido uno", responsable, datetime.date(2025, 3, 20)),
        ("Vencido dos", responsable, datetime.date(2025, 3, 31)),
        ("Por vencer", otro, datetime.date(2025, 4, 14)),
        ("Cumplido", otro, datetime.date(2025, 3, 20)),
    ):
        acuerdo = services.acuerdo_crear(
            sesion=sesion_celebrada,
            texto=texto,
            usuario=juridico,
            responsable=resp,
            fecha_limite=limite,
            publicacion="web",
        )
        votar_unanime(acuerdo, juridico)
        services.acuerdo_cambiar_estado(acuerdo=acuerdo, estado="en_seguimiento", usuario=juridico)
        creados.append(acuerdo)
    services.acuerdo_cambiar_estado(acuerdo=creados[3], estado="cumplido", usuario=juridico)
    return creados


def test_vencido_y_por_vencer_se_calculan_al_leer(pendientes):
    estados = {a.texto: (a.vencido, a.por_vencer) for a in Acuerdo.objects.con_vencimiento(HOY)}
    assert estados == {
        "Vencido uno": (True, False),
        "Vencido dos": (True, False),
        "Por vencer": (False, True),
        "Cumplido": (False, False),
    }
    assert set(Acuerdo.objects.vencidos(HOY).values_list("texto", flat=True)) == {
        "Vencido uno",
        "Vencido dos",
    }
    assert list(Acuerdo.objects.por_vencer(HOY).values_list("texto", flat=True)) == ["Por vencer"]


def test_un_resumen_por_responsable_y_uno_para_juridico_idempotente(pendientes, mailoutbox):
    mailoutbox.clear()
    primera = seguimiento_ejecutar(hoy=HOY)
    destinatarios = sorted(m.to[0] for m in mailoutbox)
    assert destinatarios == [
        "administracion@sesaech.example",
        "juridico@ejemplo.mx",
        "st@sesaech.example",
    ]
    resumen = next(m for m in mailoutbox if m.to == ["administracion@sesaech.example"])
    assert resumen.subject == "Acuerdos pendientes al 10 de abril de 2025"
    assert "Vencido uno" in resumen.body and "Vencido dos" in resumen.body
    assert "http://" in resumen.body and "/acuerdos/" in resumen.body
    assert resumen.alternatives[0].mimetype == "text/html"
    juridico = next(m for m in mailoutbox if m.to == ["juridico@ejemplo.mx"])
    assert "VENCIDOS: 2" in juridico.body and "CUMPLIDOS SIN PUBLICAR: 1" in juridico.body
    assert primera.correos_enviados == 3 and primera.vencidos == 2 and primera.por_vencer == 1

    segunda = seguimiento_ejecutar(hoy=HOY)
    assert len(mailoutbox) == 3
    assert segunda.correos_enviados == 0 and segunda.correos_omitidos == 3
    assert EjecucionSeguimiento.objects.count() == 2
    assert AvisoEnviado.objects.filter(fecha=HOY).count() == 3


def test_al_dia_siguiente_vuelve_a_avisar(pendientes, mailoutbox):
    seguimiento_ejecutar(hoy=HOY)
    mailoutbox.clear()
    seguimiento_ejecutar(hoy=HOY + datetime.timedelta(days=1))
    assert len(mailoutbox) == 3


def test_consultas_acotadas_no_crecen_con_filas(
    sesion_celebrada, juridico, responsable, django_assert_max_num_queries
):
    from acuerdos.models import Acuerdo

    base = services.acuerdo_crear(sesion=sesion_celebrada, texto="Base", usuario=juridico)
    filas = [
        Acuerdo(
            organo=base.organo,
            sesion=sesion_celebrada,
            anio=2025,
            numero=100 + i,
            clave=f"X/{i}",
            texto=f"Acuerdo {i}",
            estado="en_seguimiento",
            responsable=responsable,
            fecha_limite=datetime.date(2025, 3, 20),
        )
        for i in range(300)
    ]
    Acuerdo.objects.bulk_create(filas)
    with django_assert_max_num_queries(25):
        ejecucion = seguimiento_ejecutar(hoy=HOY)
    assert ejecucion.vencidos == 300 and ejecucion.correos_enviados == 2


def test_programar_tareas_es_idempotente(db):
    call_command("programar_tareas")
    call_command("programar_tareas")
    programas = Schedule.objects.filter(func__startswith="acuerdos.tasks.")
    assert programas.count() == 2
    diario = programas.get(func="acuerdos.tasks.seguimiento_diario")
    assert diario.schedule_type == Schedule.CRON and diario.cron == "0 7 * * *"
    assert diario.next_run is not None


def test_comando_imprime_resumen(pendientes, capsys, mailoutbox):
    call_command("seguimiento_acuerdos", "--fecha", "2025-04-10", "--sin-enlaces")
    salida = capsys.readouterr().out
    assert "2 vencidos" in salida and "1 por vencer" in salida and "3 correos enviados" in salida
    assert "administracion@sesaech.example" in salida
    call_command("seguimiento_acuerdos", "--fecha", "2025-04-10", "--sin-enlaces")
    assert "0 correos enviados, 3 ya enviados hoy" in capsys.readouterr().out


def test_tarea_diaria_corre(pendientes, mailoutbox):
    from acuerdos.tasks import seguimiento_diario

    assert "correos" in seguimiento_diario()
    assert EjecucionSeguimiento.objects.filter(origen="tarea programada").exists()

"""Crea o actualiza las tareas periódicas del seguimiento; correrlo dos veces no duplica nada."""

import datetime

from croniter import croniter
from django.core.management.base import BaseCommand
from django.utils import timezone
from django_q.models import Schedule

# (nombre, función, cron en hora de la Ciudad de México, descripción)
TAREAS = [
    (
        "acuerdos: seguimiento diario",
        "acuerdos.tasks.seguimiento_diario",
        "0 7 * * *",
        "vencimientos y resúmenes por correo, 07:00",
    ),
    (
        "acuerdos: revisión de enlaces",
        "acuerdos.tasks.revisar_enlaces",
        "30 7 * * *",
        "enlaces de acuerdos publicados en la página electrónica, 07:30",
    ),
    (
        "sesiones: aviso de quórum",
        "entregas.tasks.avisar_quorum",
        "0 8 * * *",
        "confirmaciones bajo quórum a dos días hábiles, 08:00",
    ),
]


def programar() -> list[tuple[Schedule, bool]]:
    resultado = []
    ahora = timezone.localtime()
    for nombre, funcion, cron, _descripcion in TAREAS:
        siguiente = croniter(cron, ahora).get_next(datetime.datetime)
        programa, creado = Schedule.objects.update_or_create(
            name=nombre,
            defaults={
                "func": funcion,
                "schedule_type": Schedule.CRON,
                "cron": cron,
                "repeats": -1,
            },
        )
        if creado or programa.next_run is None or programa.next_run < timezone.now():
            programa.next_run = siguiente
            programa.save(update_fields=["next_run"])
        resultado.append((programa, creado))
    return resultado


class Command(BaseCommand):
    help = "Programa las tareas diarias del seguimiento de acuerdos (idempotente)."

    def handle(self, *args, **options):
        for programa, creado in programar():
            accion = "creada" if creado else "actualizada"
            siguiente = timezone.localtime(programa.next_run).strftime("%d/%m/%Y %H:%M")
            self.stdout.write(f"{programa.name}: {accion}; siguiente ejecución {siguiente}")

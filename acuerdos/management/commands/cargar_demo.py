"""Carga los datos de demostración: órganos, sesiones de 2022, acuerdos y sesiones próximas."""

from django.core.management.base import BaseCommand
from django.db import transaction

from acuerdos.demo import cargar_acuerdos_demo
from sesiones import demo
from sesiones.documentos.demo import configurar_documentos_demo


class Command(BaseCommand):
    help = "Carga los cuatro órganos, las siete sesiones de enero a marzo de 2022 y sus acuerdos."

    def handle(self, *args, **options):
        with transaction.atomic():
            datos = demo.cargar_sesiones_demo()
            configurar_documentos_demo()
            juridico = datos["usuarios"]["juridico"]
            cargar_acuerdos_demo()
            demo.cerrar_sesiones_demo(juridico)
            demo.cargar_proximas_demo(juridico)
        for sesion in datos["sesiones"]:
            self.stdout.write(f"{sesion.clave:<24} {sesion.nombre_completo}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Datos de demostración listos. Usuario: juridico / {demo.CLAVE_DEMO}"
            )
        )

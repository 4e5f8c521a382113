"""Fábricas de datos de prueba."""

import datetime
import zoneinfo

import factory
from django.contrib.auth.models import Group, User

from sesiones import services
from sesiones.models import (
    EstadoSesion,
    Integrante,
    OrganoColegiado,
    Periodo,
    Persona,
    RolIntegrante,
)

MX = zoneinfo.ZoneInfo("America/Mexico_City")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"usuario{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@ejemplo.mx")
    password = factory.django.Password("clave-de-prueba-123")

    @factory.post_generation
    def grupos(self, create, extracted, **kwargs):
        for nombre in extracted or ():
            self.groups.add(Group.objects.get_or_create(name=nombre)[0])


class OrganoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganoColegiado

    nombre = factory.Sequence(lambda n: f"Comité de Prueba {n}")
    siglas = factory.Sequence(lambda n: f"CP{n}")
    meta_actas_anual = 4
    meta_acuerdos_anual = 12


class PeriodoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Periodo

    organo = factory.SubFactory(OrganoFactory)
    nombre = "2020-2030"
    fecha_inicio = datetime.date(2020, 1, 1)
    fecha_fin = datetime.date(2030, 12, 31)


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    titulo = "Mtra."
    nombre = factory.Sequence(lambda n: f"Persona Número {n}")
    cargo = "Titular"
    institucion = "Institución de Prueba"
    correo = factory.Sequence(lambda n: f"persona{n}@ejemplo.mx")


class IntegranteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Integrante

    organo = factory.SubFactory(OrganoFactory)
    persona = factory.SubFactory(PersonaFactory)
    rol = RolIntegrante.INTEGRANTE
    con_voto = True
    fecha_inicio = datetime.date(2020, 1, 1)
    orden = factory.Sequence(lambda n: n)


def organo_con_integrantes(n: int = 5, **kwargs) -> OrganoColegiado:
    """Órgano con periodo 2020-2030 y `n` integrantes con voto (el primero preside)."""
    organo = OrganoFactory(**kwargs)
    PeriodoFactory(organo=organo)
    for i in range(n):
        IntegranteFactory(
            organo=organo, rol=RolIntegrante.PRESIDENTE if i == 0 else RolIntegrante.INTEGRANTE
        )
    return organo


def sesion_programada(organo=None, usuario=None, fecha=None, **kwargs):
    organo = organo or organo_con_integrantes()
    fecha = fecha or datetime.datetime(2025, 3, 10, 10, 0, tzinfo=MX)
    datos = {"tipo": "ordinaria", "sede": "Sala de juntas", **kwargs}
    return services.sesion_programar(organo=organo, fecha_hora=fecha, usuario=usuario, **datos)


def pdf_de_prueba(paginas: int = 1) -> bytes:
    """Un PDF real (páginas en blanco) para probar subidas que se validan abriéndolas."""
    import io

    from pypdf import PdfWriter

    escritor = PdfWriter()
    for _ in range(paginas):
        escritor.add_blank_page(width=612, height=792)
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


# --- Entregas y portal (agregado por el trabajo de entregas) ----------------------------


def sesion_futura(organo, usuario=None, dias: int = 10, hora: int = 10, **kwargs):
    """Sesión programada dentro de `dias` días (los enlaces personales vencen tras la sesión)."""
    from django.utils import timezone

    hoy = timezone.localdate() + datetime.timedelta(days=dias)
    fecha = datetime.datetime(hoy.year, hoy.month, hoy.day, hora, 0, tzinfo=MX)
    return sesion_programada(organo=organo, usuario=usuario, fecha=fecha, **kwargs)


def generar_convocatorias(sesion):
    """Genera en línea las convocatorias e invitaciones vigentes de la sesión."""
    from documentos import services as docs
    from documentos.models import LoteDocumentos, TipoLote

    lote = LoteDocumentos.objects.create(sesion=sesion, tipo=TipoLote.CONVOCATORIAS_INVITACIONES)
    lote = docs.lote_procesar(lote_id=lote.pk)
    assert lote.estado == "terminado", lote.error
    return lote


def celebrar(sesion, usuario, ausentes: int = 0, suplentes: int = 0):
    """Convoca, registra asistencia (los últimos `ausentes` faltan) y celebra la sesión."""
    services.sesion_cambiar_estado(
        sesion=sesion,
        estado=EstadoSesion.CONVOCADA,
        usuario=usuario,
        justificacion_aviso="Prueba: convocada sin la anticipación ordinaria.",
    )
    sesion.refresh_from_db()
    integrantes = list(sesion.organo.integrantes.order_by("orden", "pk"))
    for i, integrante in enumerate(integrantes):
        estado = "ausente" if i >= len(integrantes) - ausentes else "presente"
        services.asistencia_registrar(
            sesion=sesion,
            integrante=integrante,
            estado=estado,
            usuario=usuario,
            hora_llegada=datetime.time(10, 0) if estado == "presente" else None,
        )
    services.sesion_cambiar_estado(sesion=sesion, estado=EstadoSesion.CELEBRADA, usuario=usuario)
    sesion.refresh_from_db()
    return sesion

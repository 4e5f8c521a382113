"""Escrituras de transparencia: la versión pública del acta."""

from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from bitacora.services import bitacora_registrar
from sesiones.exceptions import DatosInvalidos, TransicionNoPermitida
from sesiones.models import ESTADOS_CELEBRADA, Sesion
from transparencia.models import VersionPublicaActa


def acta_publica_subir(
    *, sesion: Sesion, archivo, tipo_contenido: str, usuario: User | None, numero_acta: str = ""
) -> VersionPublicaActa:
    """Guarda (o reemplaza) la versión pública del acta de una sesión ya celebrada."""
    if sesion.estado not in ESTADOS_CELEBRADA:
        raise TransicionNoPermitida(
            _("Solo una sesión celebrada tiene acta; esta está %(estado)s.")
            % {"estado": sesion.get_estado_display().lower()}
        )
    numero_acta = (numero_acta or "").strip()
    if "\x00" in numero_acta:
        raise DatosInvalidos(_("El número de acta contiene caracteres no válidos."))
    nombre = Path(archivo.name).name[:255]
    with transaction.atomic():
        acta, creada = VersionPublicaActa.objects.select_for_update().get_or_create(
            sesion=sesion,
            defaults={
                "archivo": archivo,
                "nombre_original": nombre,
                "tipo_contenido": tipo_contenido,
                "numero_acta": numero_acta,
                "subida_por": usuario,
            },
        )
        if not creada:
            anterior = acta.archivo.name
            acta.archivo = archivo
            acta.nombre_original = nombre
            acta.tipo_contenido = tipo_contenido
            acta.numero_acta = numero_acta
            acta.subida_por = usuario
            acta.save()
        else:
            anterior = ""
        bitacora_registrar(
            usuario=usuario,
            accion="acta_publica.subir",
            objeto=acta,
            sesion=sesion,
            datos={"archivo": nombre, "numero_acta": numero_acta, "reemplaza": anterior},
        )
    return acta

"""Errores de dominio: su mensaje, en español, es lo que ve el usuario."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from comun.exceptions import ErrorDominio


class ErrorSesiones(ErrorDominio):
    """Una operación que el estado actual no permite; el mensaje explica por qué."""


class TransicionNoPermitida(ErrorSesiones):
    pass


class AvisoInsuficiente(ErrorSesiones):
    """Se convoca con menos anticipación que la regla del órgano y sin justificación."""


class NumeroOcupado(ErrorSesiones):
    pass


class DatosInvalidos(ErrorSesiones):
    pass


# Ediciones concurrentes


@dataclass(frozen=True)
class CambioAjeno:
    """Un campo que otra persona cambió mientras se editaba: lo que se veía y lo que hay."""

    campo: str
    etiqueta: str
    antes: str
    ahora: str


class EdicionConcurrente(ErrorSesiones):
    """El formulario se abrió con una versión que otra persona ya reemplazó; nada se guardó.

    Lleva lo que cambió entretanto, la versión vigente y los valores vigentes, para que la
    vista muestre el aviso y ponga el formulario al día sin perder lo que se escribió.
    """

    def __init__(
        self,
        *,
        encabezado: str,
        cambios: list[CambioAjeno],
        version_actual: int,
        actuales: dict[str, Any],
    ):
        if cambios:
            detalle = "; ".join(
                _("%(campo)s: «%(antes)s» → «%(ahora)s»")
                % {"campo": c.etiqueta, "antes": c.antes, "ahora": c.ahora}
                for c in cambios
            )
            mensaje = _("%(encabezado)s: %(cambios)s. Revise y vuelva a guardar.") % {
                "encabezado": encabezado,
                "cambios": detalle,
            }
        else:
            mensaje = _("%(encabezado)s. Revise y vuelva a guardar.") % {"encabezado": encabezado}
        super().__init__(mensaje)
        self.cambios = cambios
        self.version_actual = version_actual
        self.actuales = actuales


LARGO_MAXIMO_VALOR = 120


@runtime_checkable
class ConVersion(Protocol):
    """Un modelo con contador de versión (Sesion, PuntoOrden, Acuerdo)."""

    version: int


def _campo(objeto: models.Model, nombre: str) -> models.Field:
    """El campo concreto `nombre` del modelo; las relaciones inversas no tienen columna."""
    campo = objeto._meta.get_field(nombre)
    assert isinstance(campo, models.Field), nombre
    return campo


def valores_de(objeto: models.Model, campos: Iterable[str]) -> dict[str, Any]:
    """Los valores de `campos` tal como están en el objeto (las relaciones, por su id)."""
    return {c: getattr(objeto, _campo(objeto, c).attname) for c in campos}


def _comparable(campo: models.Field, valor):
    """Normaliza un valor (del objeto o de la instantánea del formulario) para compararlo."""
    if valor in (None, ""):
        return None
    if campo.is_relation:
        return valor.pk if isinstance(valor, models.Model) else int(valor)
    if isinstance(campo, models.DateTimeField):
        if isinstance(valor, str):
            valor = datetime.datetime.fromisoformat(valor)
        # Los formularios capturan hasta el minuto.
        return valor.astimezone(datetime.UTC).replace(second=0, microsecond=0)
    if isinstance(campo, models.DateField) and isinstance(valor, str):
        return datetime.date.fromisoformat(valor)
    return valor


def _legible(campo: models.Field, valor) -> str:
    if valor is None:
        return str(_("(vacío)"))
    if campo.is_relation:
        modelo = campo.related_model
        assert isinstance(modelo, type), campo.name  # ya resuelto: no 'self' ni None
        relacionado = modelo._default_manager.filter(pk=valor).first()
        texto = str(relacionado) if relacionado is not None else f"#{valor}"
    elif campo.choices:
        texto = str(dict(campo.flatchoices).get(valor, valor))
    elif isinstance(campo, models.DateTimeField):
        texto = timezone.localtime(valor).strftime("%d/%m/%Y %H:%M")
    elif isinstance(campo, models.DateField):
        texto = valor.strftime("%d/%m/%Y")
    else:
        texto = " ".join(str(valor).split())
    if len(texto) > LARGO_MAXIMO_VALOR:
        texto = texto[: LARGO_MAXIMO_VALOR - 1].rstrip() + "…"
    return texto


def exigir_version(
    objeto: models.Model,
    *,
    version: int | None,
    vistos: dict[str, Any],
    campos: Iterable[str],
    encabezado: str,
) -> None:
    """Rechaza la edición si `objeto` (ya bloqueado) no está en la versión que se editó.

    `vistos` son los valores que la persona tenía a la vista; sin `version` no se revisa
    (comandos, operaciones masivas, API sin control de versión).
    """
    if version is None:
        return
    assert isinstance(objeto, ConVersion), type(objeto).__name__
    if objeto.version == version:
        return
    cambios = []
    for nombre in campos:
        campo = _campo(objeto, nombre)
        if nombre not in vistos:
            continue
        try:
            antes = _comparable(campo, vistos[nombre])
        except (TypeError, ValueError):
            continue
        ahora = _comparable(campo, getattr(objeto, campo.attname))
        if antes != ahora:
            cambios.append(
                CambioAjeno(
                    campo=nombre,
                    etiqueta=capfirst(str(campo.verbose_name)),
                    antes=_legible(campo, antes),
                    ahora=_legible(campo, ahora),
                )
            )
    raise EdicionConcurrente(
        encabezado=encabezado,
        cambios=cambios,
        version_actual=objeto.version,
        actuales=valores_de(objeto, campos),
    )

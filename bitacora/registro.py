"""Registro de etiquetas de la bitácora: cada aplicación registra las de sus acciones.

La bitácora está debajo de todas: no conoce las acciones de las demás ni sus páginas. Cada una,
en su AppConfig.ready(), registra la etiqueta en español de sus códigos y, si sus objetos tienen
página propia, el nombre de la ruta que los muestra.
"""

_ACCIONES: dict[str, str] = {}
_ENLACES: dict[str, str] = {}


def registrar_acciones(etiquetas: dict) -> None:
    _ACCIONES.update(etiquetas)


def registrar_enlace(modelo: str, nombre_ruta: str) -> None:
    """`modelo` es la etiqueta en minúsculas («sesiones.sesion»); la ruta recibe el pk."""
    _ENLACES[modelo] = nombre_ruta


def acciones() -> dict[str, str]:
    return dict(_ACCIONES)


def etiqueta_accion(codigo: str) -> str:
    """Etiqueta en español del código; un código sin registrar se muestra tal cual."""
    return str(_ACCIONES.get(codigo, codigo))


def enlace_de(modelo: str) -> str | None:
    return _ENLACES.get(modelo)

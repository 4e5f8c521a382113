"""Respuestas que sirven archivos privados: documentos generados, anexos, plantillas y exportaciones.

Ningún caché intermedio (proxy de la red institucional) ni el navegador debe guardar copia:
quien pierde el acceso, o usa después el mismo equipo, no debe poder recuperar el archivo.
"""

from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control

# Decorador de vista: `@archivo_privado` sobre cada vista que entrega un archivo privado.
archivo_privado = cache_control(private=True, no_store=True)


def respuesta_privada(respuesta):
    """Marca una respuesta ya construida como privada y sin copia en caché."""
    patch_cache_control(respuesta, private=True, no_store=True)
    return respuesta

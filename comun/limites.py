"""Límite de intentos de entrada: por usuario e IP, y por IP con cualquier nombre de usuario.

django-axes compara el mayor de sus conteos (usuario+IP, e IP sola) contra un solo límite. El
conteo por IP siempre es el mayor, así que el límite se decide aquí: si ese usuario ya falló
SESIONES_FALLOS_POR_USUARIO veces desde esa IP, el límite es ese; si no, el de la IP entera.
"""

from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def limite_de_fallos(request, credentials=None) -> int:
    por_usuario = settings.SESIONES_FALLOS_POR_USUARIO
    usuario = get_client_username(request, credentials)
    ip = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    fallos = (
        AccessAttempt.objects.filter(username=usuario, ip_address=ip).aggregate(
            total=Sum("failures_since_start")
        )["total"]
        or 0
    )
    if fallos >= por_usuario:
        return por_usuario
    return max(settings.SESIONES_FALLOS_POR_IP, por_usuario)

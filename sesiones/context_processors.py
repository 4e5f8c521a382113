from comun.roles import es_juridico, es_seguimiento


def roles(request):
    """Lo que la plantilla base necesita para mostrar el menú de cada rol."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"es_juridico": es_juridico(user), "es_seguimiento": es_seguimiento(user)}

"""Enlaces personales firmados: autorizan solo una entrega, de una persona, por tiempo limitado."""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from entregas.models import Entrega
from sesiones.models import Integrante

SAL = "entregas.enlace"


class EnlaceInvalido(Exception):
    """El enlace no sirve; `status` y `mensaje` dicen qué página mostrar."""

    def __init__(self, mensaje: str, status: int, titulo: str):
        super().__init__(mensaje)
        self.mensaje = mensaje
        self.status = status
        self.titulo = titulo


def token_para(entrega: Entrega) -> str:
    return signing.dumps({"e": entrega.pk, "p": entrega.persona_id}, salt=SAL, compress=True)


def url_para(entrega: Entrega) -> str:
    return settings.SITE_URL + reverse("portal:enlace", args=[token_para(entrega)])


def dias_despues() -> int:
    return int(getattr(settings, "SESIONES_ENLACE_DIAS_DESPUES", 1))


def max_dias() -> int:
    return int(getattr(settings, "SESIONES_ENLACE_MAX_DIAS", 120))


def vence(entrega: Entrega) -> datetime.date:
    """Vale hasta el día siguiente a la sesión (se recalcula si la sesión cambia de fecha)."""
    return entrega.sesion.fecha_local.date() + datetime.timedelta(days=dias_despues())


def persona_convocada(*, sesion, persona_id: int, hoy: datetime.date | None = None) -> bool:
    """Integrante (o suplente) hoy del órgano, o invitada a la sesión. Se revisa en cada uso."""
    from django.db.models import Q

    hoy = hoy or timezone.localdate()
    if sesion.invitados.filter(persona_id=persona_id).exists():
        return True
    return (
        Integrante.objects.vigentes(hoy)
        .filter(Q(persona_id=persona_id) | Q(suplente_id=persona_id), organo_id=sesion.organo_id)
        .exists()
    )


def entrega_de_token(token: str, *, hoy: datetime.date | None = None) -> Entrega:
    """La entrega que autoriza el token, o EnlaceInvalido con la página que corresponde."""
    try:
        datos = signing.loads(token, salt=SAL, max_age=datetime.timedelta(days=max_dias()))
    except signing.SignatureExpired as error:
        raise EnlaceInvalido(
            _("Este enlace ya venció. Solicite uno nuevo a la Dirección Jurídica."),
            410,
            _("Enlace vencido"),
        ) from error
    except signing.BadSignature as error:
        raise EnlaceInvalido(
            _(
                "El enlace no es válido: pudo haberse copiado incompleto o haber sido modificado. "
                "Ábralo directamente desde el correo que recibió."
            ),
            400,
            _("Enlace no válido"),
        ) from error
    if not isinstance(datos, dict) or not isinstance(datos.get("e"), int):
        raise EnlaceInvalido(_("El enlace no es válido."), 400, _("Enlace no válido"))
    entrega = (
        Entrega.objects.select_related("sesion__organo", "sesion__periodo", "persona")
        .filter(pk=datos["e"])
        .first()
    )
    if entrega is None:
        raise EnlaceInvalido(
            _("Este enlace ya no corresponde a ninguna convocatoria."),
            410,
            _("Enlace sin efecto"),
        )
    if entrega.persona_id != datos.get("p"):
        raise EnlaceInvalido(
            _("Este enlace es personal y no corresponde a quien lo abre."),
            403,
            _("Enlace ajeno"),
        )
    if not persona_convocada(sesion=entrega.sesion, persona_id=entrega.persona_id):
        raise EnlaceInvalido(
            _(
                "Este enlace ya no está vigente: usted no forma parte del órgano ni está invitado "
                "a esta sesión."
            ),
            403,
            _("Sin acceso"),
        )
    hoy = hoy or timezone.localdate()
    if hoy > vence(entrega):
        raise EnlaceInvalido(
            _(
                "Este enlace venció porque la sesión ya se realizó. Consulte el portal de "
                "integrantes o a la Dirección Jurídica."
            ),
            410,
            _("Enlace vencido"),
        )
    return entrega

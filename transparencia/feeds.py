"""Acuerdos recién publicados en RSS y Atom, global y por órgano."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from sesiones.models import OrganoColegiado
from transparencia import selectors

ELEMENTOS = 30


class AcuerdosRss(Feed):
    description = _lazy("Acuerdos de los órganos colegiados publicados en la página electrónica.")

    def get_object(self, request, siglas: str | None = None):
        if siglas is None:
            return None
        return get_object_or_404(selectors.organos_publicos(), siglas=siglas)

    def title(self, organo: OrganoColegiado | None):
        if organo is None:
            return _("Acuerdos publicados")
        return _("Acuerdos publicados — %(organo)s") % {"organo": organo.nombre}

    def link(self, organo: OrganoColegiado | None):
        base = reverse("publico:acuerdos")
        return f"{base}?organo={organo.pk}" if organo else base

    def items(self, organo: OrganoColegiado | None):
        acuerdos = selectors.acuerdos_publicos().select_related("organo", "sesion")
        if organo is not None:
            acuerdos = acuerdos.filter(organo=organo)
        return acuerdos.order_by("-actualizado", "-pk")[:ELEMENTOS]

    def item_title(self, acuerdo):
        return f"{acuerdo.clave} — {acuerdo.organo.nombre}"

    def item_description(self, acuerdo):
        return acuerdo.texto

    def item_link(self, acuerdo):
        return reverse("publico:acuerdo", args=[acuerdo.pk])

    def item_pubdate(self, acuerdo):
        return acuerdo.actualizado

    def item_updateddate(self, acuerdo):
        return acuerdo.actualizado

    def item_categories(self, acuerdo):
        return [acuerdo.organo.siglas]


class AcuerdosAtom(AcuerdosRss):
    feed_type = Atom1Feed
    subtitle = AcuerdosRss.description

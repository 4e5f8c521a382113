"""Configuración de documentos para los datos de demostración (firmantes ficticios)."""

from documentos.models import ConfiguracionDocumentosOrgano, Institucion
from sesiones.models import OrganoColegiado

FIRMANTE_DEMO = ("Mtra. Rosalinda Toledo Pérez", "Secretaria Técnica")


def configurar_documentos_demo() -> None:
    """Institución con sus valores por omisión y un firmante por órgano. Idempotente."""
    institucion = Institucion.actual()
    if not institucion.firmante_nombre:
        institucion.firmante_nombre, institucion.firmante_cargo = FIRMANTE_DEMO
        institucion.save(update_fields=["firmante_nombre", "firmante_cargo"])
    for organo in OrganoColegiado.objects.all():
        ConfiguracionDocumentosOrgano.objects.get_or_create(
            organo=organo,
            defaults={"firmante_nombre": FIRMANTE_DEMO[0], "firmante_cargo": FIRMANTE_DEMO[1]},
        )

"""The MDE's settings, read in one place.

Reads never create the settings row (a GET must not write): ``settings()`` is ``None`` until an
administrator saves them; ``display()`` gives an unsaved default for templates.
"""

from django.db.models import QuerySet

from .models import MdeSettings

DEFAULT_NAME = "Maison de l'Emploi"


def settings() -> MdeSettings | None:
    return MdeSettings.objects.filter(pk=1).first()


def display() -> MdeSettings:
    return settings() or MdeSettings(name=DEFAULT_NAME)


def name() -> str:
    mde = settings()
    return mde.name if mde else DEFAULT_NAME


def perimeter_epcis() -> QuerySet:
    """The EPCI of the MDE's perimeter (none before the settings are saved)."""
    epci_model = MdeSettings._meta.get_field("perimeter").related_model
    return epci_model.objects.filter(mdesettings__pk=1)


def perimeter_codes() -> set[str]:
    return set(perimeter_epcis().values_list("code", flat=True))

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


# Read on every page (menu, footer, title): kept in the cache (Redis when REDIS_URL is set, shared by
# every process), dropped whenever the settings or their perimeter change.
CACHE_KEY = "kernel:mde-display:v1"
CACHE_SECONDS = 600


def cached_display() -> MdeSettings:
    from django.core.cache import cache

    value = cache.get(CACHE_KEY)
    if value is None:
        value = display()
        cache.set(CACHE_KEY, value, CACHE_SECONDS)
    return value


def forget_cached(**_kwargs) -> None:
    from django.core.cache import cache

    cache.delete(CACHE_KEY)


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(forget_cached, sender=MdeSettings, dispatch_uid="mde-cache-save")
    post_delete.connect(forget_cached, sender=MdeSettings, dispatch_uid="mde-cache-delete")
    m2m_changed.connect(forget_cached, sender=MdeSettings.perimeter.through, dispatch_uid="mde-cache-perimeter")

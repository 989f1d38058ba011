from maillage.accounts import policies

from .models import MdeSettings
from .modules import all_modules


def site(request):
    user = getattr(request, "user", None)
    return {
        # An unsaved default keeps templates simple before the settings are created.
        "mde": MdeSettings.objects.filter(pk=1).first() or MdeSettings(name="Maison de l'Emploi"),
        "modules": all_modules(),
        "upcoming_modules": [m for m in all_modules() if not m.is_available],
        "user_perms": policies.permissions_of(user) if user is not None else frozenset(),
        "Perm": policies.Perm,
    }

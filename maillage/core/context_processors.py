from maillage.accounts import policies
from maillage.kernel import mde

from .menu import menu_for
from .modules import all_modules


def site(request):
    user = getattr(request, "user", None)
    return {
        # An unsaved default keeps templates simple before the settings are created.
        "mde": mde.cached_display(),
        "modules": all_modules(),
        "menu": menu_for(user) if user is not None else [],
        "upcoming_modules": [m for m in all_modules() if not m.is_available],
        "user_perms": policies.permissions_of(user) if user is not None else frozenset(),
        "Perm": policies.Perm,
    }

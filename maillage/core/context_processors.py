from maillage.accounts import policies

from .models import MdeSettings
from .modules import MODULES


def site(request):
    user = getattr(request, "user", None)
    return {
        "mde": MdeSettings.objects.filter(pk=1).first(),
        "modules": MODULES,
        "user_perms": policies.permissions_of(user) if user is not None else frozenset(),
        "Perm": policies.Perm,
    }

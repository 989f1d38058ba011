from django.core.exceptions import PermissionDenied
from django.http import Http404

from .. import policies
from ..selectors.scope import scope_for


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Vous n'avez pas accès à cette page.")


def get_scope(kind: str, code: str = ""):
    scope = scope_for(kind, code)
    if scope is None or not scope.commune_codes:
        raise Http404("Territoire inconnu")
    return scope


def can_view(request) -> None:
    require(policies.can_view(request.user))

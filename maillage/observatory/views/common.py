from django.http import Http404

from maillage.accounts.policies import require

from .. import policies
from ..selectors.scope import scope_for


def get_scope(kind: str, code: str = ""):
    scope = scope_for(kind, code)
    if scope is None or not scope.commune_codes:
        raise Http404("Territoire inconnu")
    return scope


def can_view(request) -> None:
    require(policies.can_view(request.user))

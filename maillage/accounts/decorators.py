from functools import wraps

from django.core.exceptions import PermissionDenied

from . import policies


def permission_required(perm: policies.Perm):
    """Deny with HTTP 403 unless the policy module grants ``perm`` to the user."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not policies.has_perm(request.user, perm):
                raise PermissionDenied("Vous n'avez pas accès à cette page.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

"""The main menu of a user: only the modules their role may open, each at the page meant for them."""

from maillage.kernel.plugins import ModuleSpec
from maillage.kernel.urls import fixed_reverse

from .modules import all_modules


def can_open(spec: ModuleSpec, user) -> bool:
    hook = spec.hook("can_open") if spec.can_open else None
    return True if hook is None else bool(hook(user))


def landing_url(spec: ModuleSpec, user) -> str:
    """The module's page for this user: its ``landing`` hook (``extra``) if declared, else ``url_name``."""
    path = spec.extra.get("landing") if spec.extra else None
    if path:
        from maillage.kernel.plugins import resolve

        url_name = resolve(path)(user)
        if url_name:
            return fixed_reverse(url_name)
    return fixed_reverse(spec.url_name)


def menu_for(user) -> list[dict]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        {"module": spec, "url": landing_url(spec, user), "home": fixed_reverse(spec.url_name)}
        for spec in all_modules()
        if spec.is_available and can_open(spec, user)
    ]

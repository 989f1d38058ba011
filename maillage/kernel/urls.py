"""Addresses of pages without parameters, resolved once per process.

Every page's layout names the same dozen pages (home, account, log out, each module's landing page);
``django.urls.reverse`` costs about 70 µs a call, which was 2 ms of every request (issue #9). A name
without arguments always resolves to the same path for a given script prefix, so it is kept per
(prefix, name); the URLconf does not change while a process runs.
"""

from django.urls import get_script_prefix, reverse

_resolved: dict[tuple[str, str], str] = {}


def fixed_reverse(name: str) -> str:
    key = (get_script_prefix(), name)
    path = _resolved.get(key)
    if path is None:
        path = _resolved[key] = reverse(name)
    return path

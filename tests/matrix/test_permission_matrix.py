"""Every URL pattern and API route × every role: the HTTP status is the one its module declares.

Rows live in each module's ``tests/<module>/matrix.py`` (``MATRIX``, plus ``OBJECTS`` for other
organisations' and territories' objects); a URL without a row fails. Each request runs in a
savepoint rolled back afterwards, so a POST-only URL can be tried without changing the world.
``MATRIX_RECORD=path pytest tests/matrix`` writes the observed rows to ``path`` instead of asserting
(``MATRIX_ONLY=prefix,prefix`` restricts it to the URL names starting with those prefixes).
"""

import importlib
import os
import pkgutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import models, transaction
from django.test import Client
from django.urls import reverse

import tests
from tests.core.test_login_required import url_patterns
from tests.guards import broken_references

from . import ROLES, Row
from .world import build_world

ORDER = ["core", "accounts", "territories", "referentials", "people", "companies", "clauses", "procurement", "jobs"]
SKIPPED_NAMESPACES = {"admin"}  # Django's technical admin: is_staff, its own login


def matrix_modules():
    names = [info.name for info in pkgutil.iter_modules(tests.__path__) if info.ispkg]
    found = [name for name in names if (Path(tests.__path__[0]) / name / "matrix.py").exists()]
    found.sort(key=lambda name: (ORDER.index(name) if name in ORDER else len(ORDER), name))
    return [importlib.import_module(f"tests.{name}.matrix") for name in found]


def routed_names() -> set[str]:
    names = set()
    for route, name, _callback in url_patterns():
        if not name or name.split(":")[0] in SKIPPED_NAMESPACES or "format" in route:
            continue
        names.add(name)
    return names


def all_rows(modules) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {}
    owners: dict[str, str] = {}
    for module in modules:
        for name, spec in module.MATRIX.items():
            assert name not in owners, f"{name} déclarée dans {owners[name]} et {module.__name__}"
            owners[name] = module.__name__
            rows.setdefault(name, []).append(spec)
        for name, spec in getattr(module, "OBJECTS", {}).items():
            rows.setdefault(name, []).append(spec)
    return rows


def resolve_value(world, path):
    if isinstance(path, str) and path.startswith("="):
        return path[1:]
    if not isinstance(path, str):
        return path
    value = world
    for part in path.split("."):
        value = getattr(value, part)
    return value.pk if isinstance(value, models.Model) else value


def status_of(
    clients, world, name: str, spec: Row, role: str, method: str | None = None, broken: list | None = None
) -> int:
    client, user = clients[role], world.users[role]
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if user is not None and not (cookie and cookie.value):
        client.force_login(user)  # once per role (again only after a logout)
    url = reverse(name, kwargs={key: resolve_value(world, path) for key, path in spec.kwargs.items()})
    if spec.query:
        url += "?" + spec.query
    with transaction.atomic():
        response = client.post(url) if (method or spec.method) == "POST" else client.get(url)
        transaction.set_rollback(True)
    if broken is not None and response.status_code == 200 and _is_page(response):
        broken += [(name, role, *ref) for ref in broken_references(response.content.decode())]
    return response.status_code


def _is_page(response) -> bool:
    return not getattr(response, "streaming", False) and "text/html" in response.get("Content-Type", "")


def test_every_url_has_a_row():
    missing = routed_names() - set(all_rows(matrix_modules()))
    assert not missing, f"URL sans ligne dans la matrice des droits : {sorted(missing)}"


def test_rows_name_existing_urls():
    unknown = set(all_rows(matrix_modules())) - routed_names()
    assert not unknown, f"lignes de matrice pour des URL inexistantes : {sorted(unknown)}"


def _line(name: str, spec: Row, observed: dict, method: str) -> str:
    extra = f', method="{method}"' if method != "GET" else ""
    extra += f', query="{spec.query}"' if spec.query else ""
    return f'    "{name}": row({spec.kwargs!r}, "{" ".join(map(str, observed.values()))}"{extra}),'


@pytest.mark.django_db
def test_permission_matrix(settings):
    settings.AXES_ENABLED = False
    clients = {role: Client(raise_request_exception=False) for role in ROLES}
    modules = matrix_modules()
    world = build_world(modules)
    record = os.environ.get("MATRIX_RECORD")
    lines, mismatches, broken = [], [], []
    only = tuple(os.environ.get("MATRIX_ONLY", "").split(","))  # record only these name prefixes
    for name, specs in sorted(all_rows(modules).items()):
        if record and not name.startswith(only):
            continue
        for spec in specs:
            if record:
                method = spec.method
                if status_of(clients, world, name, spec, "admin", method) == 405:
                    method = "POST" if method == "GET" else "GET"
                observed = {role: status_of(clients, world, name, spec, role, method) for role in ROLES}
                lines.append(_line(name, spec, observed, method))
                continue
            observed = {role: status_of(clients, world, name, spec, role, broken=broken) for role in ROLES}
            expected = spec.expected()
            wrong = {role: (expected[role], got) for role, got in observed.items() if got != expected[role]}
            if wrong:
                mismatches.append(f"{name} {spec.kwargs}: " + ", ".join(f"{r} {e}→{g}" for r, (e, g) in wrong.items()))
    if record:
        Path(record).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    assert not mismatches, "droits différents de la matrice :\n" + "\n".join(mismatches)
    # Every page each role may open names only existing elements in its aria references (RGAA 11).
    assert not broken, f"références ARIA ou « for » vers un id absent : {broken[:10]}"

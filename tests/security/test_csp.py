"""Issue #9: stored XSS on the coordination map, a strict Content-Security-Policy, no inline code."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from maillage.accounts.models import OrganisationKind, Role
from maillage.kernel.models import MdeSettings
from tests.factories import EpciFactory, OrganisationFactory, user_with_role

ROOT = Path(settings.BASE_DIR)
HOSTILE = '<img src=x onerror="alert(document.cookie)">'
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"""<[^>]*\s on[a-z]+\s*=""", re.I | re.X)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
EVAL_HTMX = re.compile(r"""hx-(vals|vars)\s*=\s*["']\s*js:|hx-on""", re.I)
INLINE_STYLE = re.compile(r"""<style\b|<[^>]*\sstyle\s*=""", re.I)


def _templates():
    paths = list((ROOT / "templates").rglob("*.html"))
    paths += list((ROOT / "maillage").rglob("templates/**/*.html"))
    return sorted(paths)


def test_there_are_templates_to_check():
    assert len(_templates()) > 50


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_script_handler_or_javascript_url_in_templates(path):
    text = path.read_text(encoding="utf-8")
    problems = []
    for pattern, what in (
        (INLINE_SCRIPT, "inline <script>"),
        (EVENT_HANDLER, "on* attribute"),
        (JS_URL, "javascript: URL"),
        (EVAL_HTMX, "htmx eval (js:, hx-on)"),
        (INLINE_STYLE, "inline style (style= or <style>)"),
    ):
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(f"{what} at line {line}")
    assert not problems, problems


def _policy(response) -> dict[str, set[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = set(words[1:])
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("logged_in", [False, True])
def test_csp_header_is_present_and_strict(client, facilitator, logged_in):
    if logged_in:
        client.force_login(facilitator)
    url = reverse("core:home") if logged_in else reverse("accounts:login")
    response = client.get(url)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy, "no Content-Security-Policy header"
    scripts = policy.get("script-src", policy.get("default-src"))
    assert scripts == {"'self'"}
    assert policy["style-src"] == {"'self'"}  # no 'unsafe-inline': no style= attribute, no <style>
    assert policy["object-src"] == {"'none'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["base-uri"] == {"'self'"}
    assert "'unsafe-eval'" not in " ".join(" ".join(v) for v in policy.values())


@pytest.mark.django_db
def test_api_docs_work_without_inline_script(client, facilitator):
    client.force_login(facilitator)
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    assert not INLINE_SCRIPT.search(response.content.decode())


@pytest.mark.django_db
def test_stored_xss_coordination_map_organisation_name(client):
    """Finding: an organisation name was put into a Leaflet popup as HTML (template string)."""
    epci = EpciFactory(outline={"type": "Polygon", "coordinates": [[[1, 49], [1.1, 49], [1.1, 49.1], [1, 49]]]})
    MdeSettings.current().perimeter.set([epci])
    structure = OrganisationFactory(kind=OrganisationKind.PLIE, name=HOSTILE)
    facilitator = user_with_role(Role.FACILITATOR, organisation=structure)
    from maillage.clauses.models import Coverage

    Coverage.objects.create(facilitator=facilitator, structure=structure).epcis.set([epci])
    admin = user_with_role(Role.ADMIN, OrganisationKind.MDE)
    client.force_login(admin)
    page = client.get(reverse("clauses:coverage")).content.decode()
    assert 'id="carte"' in page
    assert HOSTILE not in page
    assert not INLINE_SCRIPT.search(page)
    data = client.get(reverse("clauses:coverage_geojson")).json()
    assert any(HOSTILE in str(f["properties"]["structures"]) for f in data["features"])
    script = (ROOT / "static" / "clauses" / "coverage-map.js").read_text()
    assert "bindPopup(popup(" in script and "textContent" in script
    assert "innerHTML" not in script


def test_map_scripts_never_pass_strings_to_leaflet_as_html():
    for path in [*(ROOT / "static").rglob("*.js"), *(ROOT / "maillage").rglob("static/**/*.js")]:
        if "vendor" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"bind(Popup|Tooltip)\(([^)]*)\)", text):
            argument = match.group(2).split(",")[0]  # the content; options may follow
            assert "+" not in argument and "`" not in argument and '"' not in argument, (path, argument)
        assert ".innerHTML" not in text, path


def test_progress_bars_take_their_width_from_a_class():
    from maillage.kernel.templatetags.ui import bar_class

    assert [bar_class(v) for v in (37.4, "62", None, "n/a", -5, 180)] == [
        "bar-37", "bar-62", "bar-0", "bar-0", "bar-0", "bar-100",
    ]  # fmt: skip
    css = (ROOT / "static" / "css" / "maillage.css").read_text(encoding="utf-8")
    assert all(f".bar-{n} {{ width: {n}%; }}" in css for n in range(101))

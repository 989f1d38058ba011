"""Every page without URL parameters, found from the URL configuration (so new modules' pages are
included as they land), opened as an MDE administrator and as an anonymous visitor.

Each full HTML page answering 200 gets the common accessibility checks (one h1, lang="fr", main,
skip link, labelled fields, contrast, no console error). Server errors fail; 302/403/405 are
expected for some pages (login required, POST-only actions, pages for other roles). HTMX fragments are only checked for
their status. Advisory checks (broken ARIA references, duplicate ids, unnamed controls, images
without alt) fail on the foundation's pages and are warnings on the modules' pages.
"""

import re
import warnings

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse
from playwright.sync_api import expect

from . import a11y
from .test_menu import FOUNDATION_APPS

pytestmark = pytest.mark.browser

SKIPPED_PREFIXES = ("/api/", "/admin-technique/", "/healthz", "/comptes/deconnexion/", "/comptes/logo/")
SKIPPED_SUFFIXES = (".geojson", ".json", ".csv", ".xlsx", ".pdf")
EXPECTED_REFUSALS = {403, 405}


def url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def pages_without_parameters() -> list[str]:
    paths = set()
    for name in set(url_names()):
        try:
            path = reverse(name)
        except NoReverseMatch:  # needs parameters
            continue
        if not path.startswith(SKIPPED_PREFIXES) and not path.endswith(SKIPPED_SUFFIXES):
            paths.add(path)
    return sorted(paths)


@pytest.mark.parametrize("who", ["administrateur", "anonyme"])
def test_every_page_renders_and_passes_the_checks(browsing, territory, who):
    page = browsing.page
    if who == "administrateur":
        browsing.login(territory.admin)
    failures, checked = [], 0
    for path in pages_without_parameters():
        response = page.request.get(browsing.url(path), max_redirects=0)
        status = response.status
        if status in EXPECTED_REFUSALS or status == 302:  # refused, login required or another role's page
            continue
        if status != 200:
            failures.append(f"{path} : HTTP {status}")
            continue
        body = response.text()
        if "text/html" not in response.headers.get("content-type", "") or "<html" not in body[:500].lower():
            continue  # an HTMX fragment or a file
        browsing.console_errors.clear()
        page.goto(browsing.url(path))
        report = a11y.audit(page)
        strict = resolve(path).app_name in FOUNDATION_APPS
        problems = a11y.problems(report, advisory=strict)
        if not strict:
            for problem in a11y.advisory_problems(report):
                warnings.warn(f"{path} : {problem}", stacklevel=1)
        problems += [f"contraste {r['ratio']}:1 « {r['text']} »" for r in a11y.contrast_failures(page)]
        problems += [f"console : {error}" for error in browsing.errors()]
        failures += [f"{path} : {p}" for p in problems]
        checked += 1
    assert checked >= (10 if who == "administrateur" else 3), f"{checked} pages vérifiées seulement"
    assert not failures, "\n".join(failures)


def test_help_texts_are_linked_to_their_fields(browsing, territory):
    """RGAA 11.2: a field's help text is part of its accessible description."""
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/comptes/mot-de-passe/changer/")
    browsing.assert_accessible_page()
    field = page.get_by_label("Nouveau mot de passe", exact=False).first
    expect(field).to_have_accessible_description(re.compile(r"\S"))


def test_not_found_page_is_a_french_page_of_the_site(browsing, territory):
    browsing.login(territory.partner)
    browsing.goto("/cette-page-n-existe-pas/", expected_status=404)
    browsing.assert_accessible_page(allow_http_status=True)
    expect(browsing.menu().get_by_role("link", name="Territoires")).to_be_visible()

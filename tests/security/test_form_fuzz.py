"""Bounded fuzz of every form reachable without an id (collected from the URL conf), as the platform
administrator and a facilitator, with hostile strings: no 500, no NUL byte stored, errors in French.
"""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from maillage.accounts.models import OrganisationKind, Role
from maillage.kernel.models import MdeSettings
from tests.factories import CommuneFactory, EpciFactory, OrganisationFactory, user_with_role

HOSTILE = {
    "html": '"><script>alert(1)</script><img src=x onerror=alert(1)>',
    "formula": '=HYPERLINK("http://malveillant.example","clic")',
    "nul": "abc\x00def",
    "long": "x" * 10_240,
    "rtl": "\u202eexe.fdp\u202c مرحبا",
}
SKIP_PREFIXES = ("/admin-technique/", "/api/", "/healthz", "/comptes/deconnexion/", "/comptes/connexion/")
ENGLISH = ("This field is required", "Enter a valid", "Ensure this value", "Select a valid choice")
TEXT_TYPES = {"text", "email", "search", "url", "tel", "number", "date", "month", "password", None}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and "<" not in route and "(?P" not in route and "^" not in route:
            yield "/" + route


def collect_urls():
    urls = sorted(set(_walk(get_resolver().url_patterns)))
    return [url for url in urls if not url.startswith(SKIP_PREFIXES) and not url.endswith((".geojson", ".json"))]


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action"),
                               "fields": []})  # fmt: skip
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name"):
            self.forms[-1]["fields"].append(("input", attrs.get("type"), attrs["name"], attrs.get("value") or ""))
        elif tag == "textarea" and attrs.get("name"):
            self.forms[-1]["fields"].append(("textarea", None, attrs["name"], ""))
        elif tag == "select" and attrs.get("name"):
            self._select = [attrs["name"], None]
            self.forms[-1]["fields"].append(("select", None, attrs["name"], self._select))
        elif tag == "option" and self._select is not None and self._select[1] is None and attrs.get("value"):
            self._select[1] = attrs["value"]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _payload(fields, hostile):
    data = {}
    for kind, input_type, name, value in fields:
        if name == "csrfmiddlewaretoken":
            continue
        if kind == "select":
            if value[1]:
                data[name] = value[1]
        elif kind == "textarea" or input_type in TEXT_TYPES:
            data[name] = hostile
        elif input_type in {"checkbox", "radio"}:
            data.setdefault(name, value or "on")
        elif input_type == "hidden":
            data[name] = value
    return data


def _no_nul_stored():
    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)]
        if not names:
            continue
        # Checked in Python: SQLite's LIKE stops at a NUL byte and would match every row.
        for row in model._default_manager.values_list(*names).iterator():
            found += [f"{model._meta.label}.{name}" for name, value in zip(names, row, strict=True)
                      if value and "\x00" in value]  # fmt: skip
    return found


@pytest.fixture
def territory(db):
    epci = EpciFactory()
    CommuneFactory(epci=epci)
    MdeSettings.current().perimeter.set([epci])
    OrganisationFactory(kind=OrganisationKind.COMPANY)
    OrganisationFactory(kind=OrganisationKind.BUYER)
    return epci


def test_collects_forms_from_the_url_conf():
    urls = collect_urls()
    assert "/comptes/organisations/nouvelle/" in urls
    assert len(urls) > 30


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["admin", "facilitator"])
def test_every_form_survives_hostile_strings(client, territory, who):
    user = (
        user_with_role(Role.ADMIN, OrganisationKind.MDE)
        if who == "admin"
        else user_with_role(Role.FACILITATOR, OrganisationKind.MDE)
    )
    client.force_login(user)
    failures, posted = [], 0
    for url in collect_urls():
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = FormParser()
        parser.feed(response.content.decode())
        for form in parser.forms:
            target = form["action"] or url
            if not target.startswith("/") or target.startswith(SKIP_PREFIXES):
                continue
            for name, hostile in HOSTILE.items():
                data = _payload(form["fields"], hostile)
                if not data:
                    continue
                if form["method"] == "post":
                    answer = client.post(target, data)
                    posted += 1
                else:
                    answer = client.get(target, data)
                if answer.status_code >= 500:
                    failures.append(f"{form['method'].upper()} {target} [{name}] → {answer.status_code}")
                elif answer.status_code == 200 and "text/html" in answer.get("Content-Type", ""):
                    page = answer.content.decode()
                    english = [message for message in ENGLISH if message in page]
                    if english:
                        failures.append(f"{target} [{name}] English error: {english}")
                    if HOSTILE["html"] in page:
                        failures.append(f"{target} [{name}] HTML not escaped")
    assert posted > 10
    assert not failures, failures
    assert _no_nul_stored() == []

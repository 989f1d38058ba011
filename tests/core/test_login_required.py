"""Login is required by default (``LoginRequiredMiddleware``): the public pages are exactly these.

A view becomes public only by ``login_not_required``; adding one without listing it here fails.
The API (DRF: session or token, its own 401/403) and the technical admin (its own login) are apart.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {
    "healthz",
    "core:home",  # the landing page for visitors, the dashboard once logged in
    "core:sources",
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:mde_logo",  # the MDE's logo, shown on the login page (served by a view: no /media/)
    "jobs:register",  # a job seeker creates their own account
    "jobs:register_sent",  # … is told to open the confirmation e-mail
    "jobs:register_confirm",  # … and confirms the address from a signed link
    "reconversion:explorer",  # the transition explorer is public (docs/reconversion.md)
    "reconversion:fiche",
    "reconversion:transition",
    "steering:public_dashboard",  # key figures for elected officials and funders, no personal data
    # The directory of programmes is public information; referrals and listings' edition are not.
    "directory:search",
    "directory:questionnaire",
    "directory:guide",
    "directory:service_detail",
    "directory:structure_detail",
    "observatory:public_list",  # the published diagnostics, read-only, for elected officials
    "observatory:public_document",
    # Events: the calendar, its iCalendar feed, each event page and registration; the registrant's own
    # page and its actions are reached by a signed link (docs/events.md).
    "events:calendar",
    "events:calendar_ics",
    "events:public_event",
    "events:public_event_ics",
    "events:manage_registration",
    "events:cancel_registration",
    "events:apply",
    "events:book_slot",
    "events:cancel_slot",
    "events:satisfaction",
    "events:unsubscribe",
}
SELF_GUARDED_NAMESPACES = {"admin"}  # the technical admin checks its own login and is_staff
SELF_GUARDED_PREFIXES = ("api/",)  # DRF: IsAuthenticated by default, 401 for visitors


def url_patterns(patterns=None, prefix="", namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}".strip(":") if pattern.name else namespace
            yield prefix + str(pattern.pattern), name, pattern.callback


def test_the_public_pages_are_exactly_the_listed_ones():
    public = set()
    for route, name, callback in url_patterns():
        if name.split(":")[0] in SELF_GUARDED_NAMESPACES or route.startswith(SELF_GUARDED_PREFIXES):
            continue
        if not getattr(callback, "login_required", True):
            public.add(name)
    assert public == PUBLIC


def test_the_middleware_is_installed(settings):
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE
    assert settings.LOGIN_URL == "accounts:login"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["core:task_list", "accounts:profile", "clauses:dashboard", "jobs:offer_list"])
def test_a_visitor_is_sent_to_the_login_page(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.django_db
def test_public_pages_open_without_login(client):
    for name in ("core:home", "core:sources", "accounts:login", "reconversion:explorer", "jobs:register"):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get("/healthz").status_code == 200

import pytest
from django.urls import reverse

from maillage.core import menu
from maillage.core.modules import all_modules
from maillage.kernel.models import MdeSettings, TaskRun
from tests.factories import CommuneFactory

MODULES = all_modules()


def test_anonymous_home_is_a_french_landing_page(client, db):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in body
    assert "Se connecter" in body


def test_dashboard_lists_the_modules_the_user_opens_and_the_announced_ones_in_the_menu(client, facilitator):
    MdeSettings.current()
    client.force_login(facilitator)
    body = client.get("/").content.decode()
    assert "Bonjour" in body
    for module in MODULES:
        if module.is_available and menu.can_open(module, facilitator):
            assert module.label in body
    if any(not m.is_available for m in MODULES):
        assert "Modules à venir" in body


def test_public_home_says_only_what_exists(client, db):
    body = client.get("/").content.decode()
    for module in MODULES:
        assert (module.label in body) is module.is_available, module.key


@pytest.mark.parametrize("module", [m for m in all_modules() if not m.is_available], ids=lambda m: m.key)
def test_unbuilt_module_page_says_so(client, viewer, module):
    client.force_login(viewer)
    response = client.get(reverse("core:module", args=[module.key]))
    assert response.status_code == 200
    assert "pas encore disponible" in response.content.decode()


def test_available_module_placeholder_redirects_to_module(client, viewer):
    client.force_login(viewer)
    response = client.get(reverse("core:module", args=["territories"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("territories:perimeter")


def test_unknown_module_is_404(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("core:module", args=["inconnu"])).status_code == 404


def test_sources_page_credits_producers(client, db):
    body = client.get(reverse("core:sources")).content.decode()
    assert "France Travail" in body and "Licence Ouverte" in body


def test_demo_task_runs_and_reports_progress(client, facilitator):
    CommuneFactory.create_batch(3)
    client.force_login(facilitator)
    response = client.post(reverse("core:task_demo_start"))
    run = TaskRun.objects.get()
    assert response["Location"] == reverse("core:task_detail", args=[run.pk])
    assert run.status == TaskRun.Status.DONE
    assert run.result == {"communes": 3, "départements": 1}
    fragment = client.get(reverse("core:task_detail", args=[run.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'aria-valuenow="100"' in fragment
    assert "hx-trigger" not in fragment  # polling stops once finished


def test_tasks_are_private_and_need_permission(client, facilitator, company_member):
    from maillage.kernel.tasks import start_task_run

    run = start_task_run("demo", "x", user=facilitator)
    client.force_login(company_member)
    assert client.get(reverse("core:task_detail", args=[run.pk])).status_code == 404
    assert client.post(reverse("core:task_demo_start")).status_code == 403


def test_api_schema_and_docs_served_locally(client, viewer):
    client.force_login(viewer)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/communes/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower() and "unpkg" not in docs.lower()


def test_public_home_lists_what_each_module_offers_a_visitor(client, db):
    """The « Vous cherchez un emploi… » links come from the modules' ``public_links`` hook: the agenda
    and the programmes questionnaire were missing, and the core template named two modules' URLs."""
    from maillage.kernel import plugins

    body = client.get("/").content.decode()
    links = plugins.public_links()
    assert {reverse("events:calendar"), reverse("directory:questionnaire")} <= {link.url for link in links}
    for link in links:
        assert f'href="{link.url}"' in body
        assert client.get(link.url).status_code == 200, link.url  # open to visitors
    positions = [body.index(f'href="{link.url}"') for link in links]
    assert positions == sorted(positions)


def test_the_core_templates_name_no_module_url():
    """The shell's templates link to modules only through hooks (the menu, cards, public links)."""
    import re
    from pathlib import Path

    from maillage.kernel import plugins

    base = {"accounts", "territories", "referentials", "people", "core", "kernel"}  # the base (pyproject layers)
    apps = {spec.app_name for spec in plugins.modules()} - base
    assert {"jobs", "reconversion", "events", "directory"} <= apps
    pattern = re.compile(r"""\{%\s*url\s+['"](\w+):""")
    for template in Path("templates/core").rglob("*.html"):
        used = set(pattern.findall(template.read_text(encoding="utf-8")))
        assert not used & apps, (template.name, used & apps)

"""Journey (d): the demonstration background task and its progress bar (Huey runs tasks inline in tests)."""

import re

import pytest
from playwright.sync_api import expect

from maillage.kernel import tasks
from maillage.kernel.models import TaskRun

pytestmark = pytest.mark.browser


def test_start_the_demo_task_and_see_it_reach_100(browsing, territory):
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/taches/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tâches de fond")
    browsing.assert_accessible_page()

    page.get_by_role("button", name="Lancer une tâche de démonstration").click()
    expect(page).to_have_url(re.compile(r"/taches/\d+/$"))
    progress = page.get_by_role("progressbar", name="Progression de la tâche")
    expect(progress).to_have_attribute("aria-valuenow", "100")
    expect(progress).to_contain_text("100 %")
    expect(page.get_by_role("status")).to_contain_text("La tâche a été lancée")
    expect(page.locator("#task-progress")).to_contain_text("Terminée")
    expect(page.locator("#task-progress")).to_contain_text("Comptage terminé")
    browsing.assert_accessible_page()
    browsing.screenshot("tache-demonstration")

    run = TaskRun.objects.get()
    assert run.status == TaskRun.Status.DONE and run.result == {"communes": 6, "départements": 2}


def test_progress_bar_follows_a_running_task(browsing, territory):
    """The page polls (HTMX, every second) until the task is finished."""
    page = browsing.page
    browsing.login(territory.admin)
    run = tasks.start_task_run("demo", "Import de démonstration", total=4, user=territory.admin)
    tasks.report_progress(run.pk, 2, message="Lot 2 sur 4")
    browsing.goto(f"/taches/{run.pk}/")
    progress = page.get_by_role("progressbar", name="Progression de la tâche")
    expect(progress).to_have_attribute("aria-valuenow", "50")
    expect(page.locator("#task-progress")).to_contain_text("En cours – 2 / 4 – Lot 2 sur 4")
    browsing.screenshot("tache-en-cours")

    tasks.finish_task_run(run.pk, {"lignes": 4}, "Import terminé")
    expect(progress).to_have_attribute("aria-valuenow", "100", timeout=5_000)
    expect(page.locator("#task-progress")).to_contain_text("Import terminé")
    # Finished: the polling stops.
    expect(page.locator("#task-progress")).not_to_have_attribute("hx-trigger", re.compile("every"))
    browsing.assert_accessible_page()

"""Browser-test fixtures: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Registered once for the whole suite by ``tests/conftest.py`` (``pytest_plugins``), so every module's
browser tests share one Playwright and one Chromium per session.

Run with ``make test-browser`` (installs Chromium through ``scripts/install-browser.sh`` first) or
``python -m pytest -m browser tests/browser``. No browser is downloaded: Playwright launches the
system Chromium (``CHROMIUM_PATH`` overrides its location). Screenshots go to ``e2e/screenshots/``.
"""

import os
import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.browser import a11y
from tests.browser.data import seed_territory

SCREENSHOTS = Path(django_settings.BASE_DIR) / "e2e" / "screenshots"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Chromium logs the main document's HTTP error status as a console error: expected on error pages.
HTTP_STATUS_ERROR = "Failed to load resource: the server responded with a status of"


def _chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Chromium est introuvable : lancez scripts/install-browser.sh (ou make test-browser).")
    return path


@pytest.fixture(scope="session")
def _allow_orm_beside_playwright():
    """Playwright's sync API runs an asyncio loop in this thread; the ORM refuses to run beside one
    unless told it is safe (it is: the tests, not the loop, call the ORM). Browser tests only."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser(_allow_orm_beside_playwright):
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Browsing:
    """One browser tab on the live server, with the console errors it met and a few helpers."""

    page: object
    base_url: str
    console_errors: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str, expected_status: int = 200):
        response = self.page.goto(self.url(path))
        assert response is not None and response.status == expected_status, (
            f"{path} : HTTP {response.status if response else '—'}"
        )
        return response

    def login(self, user) -> None:
        """Opens a session for ``user`` without the login form (the form has its own journey)."""
        client = Client()
        client.force_login(user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        self.page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.base_url, "httpOnly": True, "sameSite": "Lax"}]
        )

    def menu(self):
        return self.page.get_by_role("navigation", name="Menu principal")

    def menu_entry(self, name: str, role: str = "link"):
        """An entry of the main menu, made visible: opens the collapsed menu or the dropdown holding it."""
        menu = self.menu()
        entry = menu.get_by_role(role, name=name, include_hidden=True).first
        toggler = menu.get_by_role("button", name="Afficher le menu")
        if toggler.is_visible() and toggler.get_attribute("aria-expanded") == "false":
            toggler.click()
            menu.locator("#menu.collapse.show").wait_for()
        if not entry.is_visible():
            inner = self.page.get_by_role(role, name=name, include_hidden=True)
            dropdown = menu.locator(".dropdown").filter(has=inner)
            if dropdown.count():
                dropdown.first.locator("[data-bs-toggle='dropdown']").first.click()
        entry.wait_for(state="visible")
        return entry

    def screenshot(self, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def errors(self, allow_http_status: bool = False) -> list[str]:
        return [e for e in self.console_errors if not (allow_http_status and e.startswith(HTTP_STATUS_ERROR))]

    def assert_accessible_page(self, allow_http_status: bool = False, strict: bool = True) -> dict:
        """The checks every page of Maillage must pass (see docs/accessibility.md).

        ``strict=False`` (pages of modules under construction) turns the advisory checks into warnings.
        """
        report = a11y.audit(self.page)
        a11y.assert_page_ok(report, strict=strict)
        if not strict:
            for problem in a11y.advisory_problems(report):
                warnings.warn(f"{self.page.url.removeprefix(self.base_url)} : {problem}", stacklevel=2)
        low_contrast = a11y.contrast_failures(self.page)
        assert not low_contrast, f"Contrastes insuffisants : {low_contrast}"
        assert self.errors(allow_http_status) == [], f"Erreurs dans la console : {self.errors(allow_http_status)}"
        return report


@pytest.fixture
def browsing(browser, live_server):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    session = Browsing(page=page, base_url=live_server.url)

    def on_console(message):
        if message.type == "error":
            where = (message.location or {}).get("url", "")
            session.console_errors.append(f"{message.text} ({where})" if where else message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: session.console_errors.append(f"Exception JavaScript : {error}"))
    yield session
    context.close()


@pytest.fixture
def territory(transactional_db):
    """A small, realistic Eure dataset: MDE settings, two EPCI with outlines, communes, users."""
    return seed_territory()

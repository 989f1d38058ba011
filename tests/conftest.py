import pytest

from maillage.accounts.models import OrganisationKind, Role

from .factories import user_with_role

# Browser fixtures (one Playwright and one Chromium for the whole session), for every module's tests.
pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached aggregates (dashboard cards, MDE settings) never leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AXES_ENABLED = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.guards.ReadOnlyGetMiddleware"]  # GET never writes
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def admin_user(db):
    return user_with_role(Role.ADMIN, OrganisationKind.MDE)


@pytest.fixture
def facilitator(db):
    return user_with_role(Role.FACILITATOR, OrganisationKind.MDE)


@pytest.fixture
def charge_mission(db):
    return user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE)


@pytest.fixture
def partner(db):
    return user_with_role(Role.PARTNER, OrganisationKind.FRANCE_TRAVAIL)


@pytest.fixture
def company_member(db):
    return user_with_role(Role.COMPANY_MEMBER, OrganisationKind.COMPANY)


@pytest.fixture
def viewer(db):
    return user_with_role(Role.VIEWER, OrganisationKind.FUNDER)

"""A small ROME referential, communes around Évreux, and clean per-process caches for every test."""

import pytest

from maillage.jobs import matching, suggest
from maillage.reconversion import aptitudes

from .factories import make_referential


@pytest.fixture(autouse=True)
def _clean_caches(settings, tmp_path):
    settings.VAR_DIR = tmp_path  # the suggester's file cache stays inside the test
    matching.clear_caches()
    suggest._cache.clear()
    aptitudes._cache.clear()
    yield
    matching.clear_caches()
    suggest._cache.clear()
    aptitudes._cache.clear()


@pytest.fixture
def ref(db):
    return make_referential()

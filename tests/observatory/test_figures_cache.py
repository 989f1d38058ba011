"""The diagnostic's figures are computed once for every reader, and a new import shows at once."""

from maillage.observatory.importers.store import DatasetSpec, ImportReport, sync_dataset
from maillage.observatory.models import Level
from maillage.observatory.selectors import diagnostic as diag
from maillage.observatory.selectors.scope import epci_scope

from .conftest import EPCI_A, figure


def test_second_reading_runs_no_figure_query(territory, django_assert_max_num_queries):
    first = diag.diagnostic(epci_scope(EPCI_A))
    scope = epci_scope(EPCI_A)
    with django_assert_max_num_queries(0):
        again = diag.diagnostic(scope)
    assert again["bmo"]["summary"] == first["bmo"]["summary"]


def test_an_import_replaces_the_cached_figures(territory, django_capture_on_commit_callbacks):
    assert diag.diagnostic(epci_scope(EPCI_A))["bmo"]["summary"]["projects"] == 120
    rows = [
        figure(Level.BASSIN, "2811", "2024", "bmo_projects", 360, unit="projets"),
        figure(Level.BASSIN, "2811", "2024", "bmo_difficult", 90, unit="projets"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        sync_dataset(DatasetSpec("test", "Jeu de test", "Test", "2024"), rows, ImportReport("test", dry_run=False))
    assert diag.diagnostic(epci_scope(EPCI_A))["bmo"]["summary"]["projects"] == 240  # 360 × 12/18

"""Management commands log their start, their end and their counts (never personal data)."""

import logging

import pytest
from django.core.management import call_command

from maillage.kernel.commands import LoggedCommand


@pytest.mark.django_db
def test_a_command_logs_start_end_and_counts(caplog):
    with caplog.at_level(logging.INFO, logger="maillage.commands"):
        call_command("enforce_retention", "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    messages = [record.getMessage() for record in caplog.records if record.name.startswith("maillage.commands")]
    assert messages[0] == "enforce_retention (simulation) : début"
    assert messages[-1].startswith("enforce_retention (simulation) : fin en ")
    assert "accounts.événements d'audit : 0" in messages[-1]


def test_every_project_command_is_logged():
    from django.core.management import get_commands, load_command_class

    ours = {name: app for name, app in get_commands().items() if app.startswith("maillage.")}
    assert "import_decp" in ours
    plain = {name for name, app in ours.items() if not isinstance(load_command_class(app, name), LoggedCommand)}
    assert plain == set()


@pytest.mark.django_db
def test_a_read_only_command_logs_its_counts(caplog):
    with caplog.at_level(logging.INFO, logger="maillage.commands"):
        call_command("referentials_status", stdout=open("/dev/null", "w"))  # noqa: SIM115
    last = [record.getMessage() for record in caplog.records if record.name.startswith("maillage.commands")][-1]
    assert last.startswith("referentials_status : fin en ")
    assert "référentiels chargés : 0" in last


class _BulkLoad(LoggedCommand):
    bulk_load = True

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--nested", action="store_true")

    def handle(self, *args, **options):
        if options["nested"]:
            call_command(_BulkLoad(), stdout=open("/dev/null", "w"))  # noqa: SIM115


def _statistics_refreshes(**options) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        call_command(_BulkLoad(), stdout=open("/dev/null", "w"), **options)  # noqa: SIM115
    return sum(query["sql"] in ("ANALYZE", "PRAGMA optimize") for query in queries.captured_queries)


@pytest.mark.django_db
def test_a_bulk_load_refreshes_the_planner_statistics_once_even_when_nested():
    assert _statistics_refreshes() == 1
    assert _statistics_refreshes(nested=True) == 1
    assert _statistics_refreshes(dry_run=True) == 0


def test_the_bulk_loads_refresh_the_planner_statistics():
    from django.core.management import get_commands, load_command_class

    loads = [
        "load_reference", "load_demo", "load_territories", "load_referentials", "load_observatory",
        "import_decp", "directory_import", "import_ft_offers", "load_mobility_links", "build_transitions",
    ]  # fmt: skip
    commands = get_commands()
    assert [name for name in loads if not load_command_class(commands[name], name).bulk_load] == []

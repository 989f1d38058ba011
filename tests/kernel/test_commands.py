"""Management commands log their start, their end and their counts (never personal data)."""

import logging

import pytest
from django.core.management import call_command


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

    from maillage.kernel.commands import LoggedCommand

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

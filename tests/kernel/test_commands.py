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

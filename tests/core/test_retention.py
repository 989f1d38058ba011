from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction, AuditEvent


@pytest.mark.django_db
def test_enforce_retention_purges_old_traces_only(settings):
    settings.AUDIT_RETENTION_DAYS = 365
    old = audit.record(None, AuditAction.VIEW, "jobs.candidate", 1)
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=400))
    recent = audit.record(None, AuditAction.VIEW, "jobs.candidate", 2)
    attempt = AccessAttempt.objects.create(
        username="x", ip_address="127.0.0.1", user_agent="", get_data="", post_data="", http_accept="", path_info="",
        failures_since_start=1,
    )  # fmt: skip
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=timezone.now() - timedelta(days=100))

    call_command("enforce_retention", "--dry-run")
    assert AuditEvent.objects.count() == 2 and AccessAttempt.objects.count() == 1

    call_command("enforce_retention")
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [recent.pk]
    assert AccessAttempt.objects.count() == 0


PERSONAL_DATA = {"accounts", "clauses", "companies", "jobs", "directory", "steering", "events"}


def test_modules_declare_whether_they_keep_personal_data():
    """The classification is each module's declaration (``ModuleSpec.personal_data``), not the mere presence of a
    retention hook: the observatory purges files (its import files: statistics, no one's data)."""
    from maillage.kernel import plugins

    declared = {spec.app_name or spec.key for spec in plugins.modules() if spec.personal_data}
    assert declared == PERSONAL_DATA
    assert "observatory" not in declared


@pytest.mark.django_db
def test_every_module_with_personal_data_is_wired():
    from maillage.core import retention

    results = retention.run_all(now=timezone.now(), dry_run=True)
    assert set(results) >= PERSONAL_DATA
    # The other modules with a retention hook purge things that hold no personal data.
    assert set(results) - PERSONAL_DATA == {"observatory"}
    assert all(isinstance(count, int) for counts in results.values() for count in counts.values())


def test_a_module_with_personal_data_and_no_retention_hook_fails_the_system_check():
    from unittest import mock

    from maillage.kernel import plugins
    from maillage.kernel.plugins import ModuleSpec

    forgetful = ModuleSpec("forgetful", "Oublieux", "", personal_data=True)
    wired = ModuleSpec("wired", "Câblé", "", personal_data=True, retention="maillage.core.retention:run_all")
    files_only = ModuleSpec("files", "Fichiers", "", retention="maillage.core.retention:run_all")
    with mock.patch.object(plugins, "modules", return_value=(forgetful, wired, files_only)):
        errors = plugins.check_declared_hooks()
    assert [(error.id, "forgetful" in error.msg) for error in errors] == [("maillage.E002", True)]


def test_retention_is_scheduled_daily_in_code():
    from datetime import datetime

    from huey.contrib.djhuey import HUEY

    periodic = {task.name.rsplit(".", 1)[-1]: task for task in HUEY._registry.periodic_tasks}
    assert "enforce_retention_daily" in periodic
    task = periodic["enforce_retention_daily"]
    runs_at = [datetime(2026, 1, 5, hour, minute) for hour in range(24) for minute in range(60)]
    assert sum(task.validate_datetime(moment) for moment in runs_at) == 1  # once a day


@pytest.mark.django_db
def test_the_daily_retention_task_runs_the_purges():
    from maillage.core.tasks import enforce_retention_daily

    old = audit.record(None, AuditAction.VIEW, "jobs.candidate", 1)
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=4000))
    results = enforce_retention_daily.call_local()
    assert results["accounts"]["événements d'audit"] == 1
    assert not AuditEvent.objects.filter(pk=old.pk).exists()

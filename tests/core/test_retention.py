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


@pytest.mark.django_db
def test_every_module_with_personal_data_is_wired():
    from maillage.core import retention

    results = retention.run_all(now=timezone.now(), dry_run=True)
    # observatory: no personal data, but its import reports are files to delete after a week.
    assert set(results) == {
        "accounts", "clauses", "companies", "jobs", "directory", "steering", "events", "observatory",
    }  # fmt: skip
    assert all(isinstance(count, int) for counts in results.values() for count in counts.values())


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

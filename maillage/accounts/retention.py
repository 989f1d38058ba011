"""Retention of the socle's traces: failed-login records and the audit log."""

from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings

from .models import AuditEvent


def purge(now: datetime, dry_run: bool) -> dict[str, int]:
    login_cutoff = now - timedelta(days=settings.LOGIN_TRACE_RETENTION_DAYS)
    audit_cutoff = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    querysets = {
        "tentatives de connexion": AccessAttempt.objects.filter(attempt_time__lt=login_cutoff),
        "échecs de connexion": AccessFailureLog.objects.filter(attempt_time__lt=login_cutoff),
        "connexions": AccessLog.objects.filter(attempt_time__lt=login_cutoff),
        "événements d'audit": AuditEvent.objects.filter(at__lt=audit_cutoff),
    }
    counts = {label: queryset.count() for label, queryset in querysets.items()}
    if not dry_run:
        for queryset in querysets.values():
            queryset.delete()
    return counts

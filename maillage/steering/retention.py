"""Retention of the steering module's personal data (``enforce_retention``).

FSE+ records are kept for the audits of the managing authority (five years from 31 December of
the year of the last payment: Regulation (EU) 2021/1060, art. 82), counted here from the exit, plus
one year; then the link to the person and the disadvantaged situations are erased: the anonymous
figures stay for the indicators.
"""

from datetime import date

from django.conf import settings
from django.utils import timezone

from .models import SENSITIVE_FIELDS, FseParticipant


def purge(now, dry_run: bool) -> dict[str, int]:
    years = getattr(settings, "STEERING_FSE_RETENTION_YEARS", 6)
    today = now.date() if hasattr(now, "date") else now
    limit = date(today.year - years, 12, 31)
    due = FseParticipant.objects.filter(anonymised_at__isnull=True, exit_date__isnull=False, exit_date__lte=limit)
    count = due.count()
    if not dry_run and count:
        due.update(
            person=None, anonymised_at=timezone.now(), sensitive_consent=False, **dict.fromkeys(SENSITIVE_FIELDS, "")
        )
    return {"participants FSE+ anonymisés": count}

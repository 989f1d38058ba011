"""Audit of reads of people on list pages, grids and queues (references only, never personal data)."""

from maillage.accounts import audit
from maillage.accounts.models import AuditAction

PARTICIPANT = "clauses.participant"


def audit_people(actor, participant_ids, detail: str, action: AuditAction = AuditAction.VIEW) -> int:
    """One event per person shown to a professional (a list page shows names: each is a read of a person)."""
    return audit.record_many(actor, action, PARTICIPANT, participant_ids, detail)

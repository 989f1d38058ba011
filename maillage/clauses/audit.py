"""Audit of reads of people on list pages, grids and queues (references only, never personal data)."""

from maillage.accounts.models import AuditAction, AuditEvent

PARTICIPANT = "clauses.participant"


def audit_people(actor, participant_ids, detail: str, action: AuditAction = AuditAction.VIEW) -> int:
    """One event per person shown to a professional (a list page shows names: each is a read of a person)."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    ids = sorted({pk for pk in participant_ids if pk is not None})
    AuditEvent.objects.bulk_create(
        AuditEvent(actor=actor, action=action, object_type=PARTICIPANT, object_id=str(pk), detail=detail[:200])
        for pk in ids
    )
    return len(ids)

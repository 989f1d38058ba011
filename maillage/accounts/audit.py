"""Audit log of personal-data access: who created, changed, viewed or exported what, and when.

Only references are stored (object type and id), never the personal data itself.
"""

from .models import AuditAction, AuditEvent


def record(actor, action: AuditAction, object_type: str, object_id="", detail: str = "") -> AuditEvent:
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=object_type[:80],
        object_id=str(object_id)[:64],
        detail=detail[:200],
    )


def record_instance(actor, action: AuditAction, instance, detail: str = "") -> AuditEvent:
    meta = instance._meta
    return record(actor, action, f"{meta.app_label}.{meta.model_name}", instance.pk, detail)


def record_many(actor, action: AuditAction, object_type: str, object_ids, detail: str = "") -> int:
    """One event per object, written in one statement (a list page reads every person it shows)."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    ids = sorted({str(pk) for pk in object_ids if pk is not None})
    AuditEvent.objects.bulk_create(
        AuditEvent(actor=actor, action=action, object_type=object_type[:80], object_id=pk[:64], detail=detail[:200])
        for pk in ids
    )
    return len(ids)


def record_instances(actor, action: AuditAction, instances, detail: str = "") -> int:
    instances = [i for i in instances if i is not None]
    if not instances:
        return 0
    meta = instances[0]._meta
    return record_many(actor, action, f"{meta.app_label}.{meta.model_name}", [i.pk for i in instances], detail)

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

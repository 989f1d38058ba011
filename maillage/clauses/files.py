"""Serving the module's uploaded files (hours proofs, eligibility proofs) after the object's own policy.

The caller decides with the object's policy; the read of the person's document is audit-logged (only
when it is served), then the kernel's one protected download streams it (never a public /media/ URL).
"""

from django.core.exceptions import PermissionDenied

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.kernel.downloads import protected_download as kernel_download


def protected_download(request, field_file, *, allowed: bool, participant_id=None, detail: str = "pièce"):
    if not allowed:
        raise PermissionDenied("Ce document ne vous concerne pas.")
    response = kernel_download(field_file, allowed=True)
    audit.record(request.user, AuditAction.VIEW, "clauses.participant", participant_id or "", detail)
    return response

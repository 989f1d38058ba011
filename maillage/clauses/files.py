"""Serving the module's uploaded files (hours proofs, eligibility proofs) after the object's own policy.

A small local helper until the shared protected-download helper lands: the caller decides with the
object's policy, this function refuses, audits and streams (never a public /media/ URL).
"""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404

from maillage.accounts import audit
from maillage.accounts.models import AuditAction


def protected_download(request, field_file, *, allowed: bool, participant_id=None, detail: str = "pièce"):
    if not allowed:
        raise PermissionDenied("Ce document ne vous concerne pas.")
    if not field_file:
        raise Http404("Aucune pièce.")
    audit.record(request.user, AuditAction.VIEW, "clauses.participant", participant_id or "", detail)
    name = field_file.name.rsplit("/", 1)[-1]
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

"""Applications: apply, propose a candidate, move through the workflow with history (DOMAIN.md §4)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction

from ..models import TRANSITIONS, Application, ApplicationEvent, ApplicationOrigin, ApplicationState, Candidate


@transaction.atomic
def create_application(*, user, candidate, offer, origin: str = ApplicationOrigin.CANDIDATE, message: str = ""):
    """One application per (offer, candidate); the first history row records its creation."""
    if not offer.is_open:
        raise ValidationError("Cette offre n'est plus ouverte aux candidatures.")
    if candidate.anonymised_at:
        raise ValidationError("Ce profil est anonymisé.")
    if Application.objects.filter(offer=offer, candidate=candidate).exists():
        raise ValidationError("Une candidature existe déjà pour cette offre.")
    actor = user if getattr(user, "is_authenticated", False) else None
    application = Application.objects.create(
        offer=offer, candidate=candidate, origin=origin, message=message[:2000], created_by=actor
    )
    ApplicationEvent.objects.create(application=application, from_state="", to_state=ApplicationState.NEW, actor=actor)
    Candidate.objects.filter(pk=candidate.pk).update(last_activity_at=timezone.now())
    audit.record_instance(user, AuditAction.CREATE, application)
    return application


@transaction.atomic
def move_application(*, user, application: Application, to_state: str, refusal_reason: str = "", note: str = ""):
    """Change state along the allowed moves; a refusal needs a coded reason."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if to_state not in TRANSITIONS.get(application.state, set()):
        raise ValidationError(
            f"Passage impossible de « {application.get_state_display()} » à « {ApplicationState(to_state).label} »."
        )
    if to_state == ApplicationState.REFUSED and not refusal_reason:
        raise ValidationError("Indiquez le motif du refus.")
    if to_state != ApplicationState.REFUSED:
        refusal_reason = ""
    actor = user if getattr(user, "is_authenticated", False) else None
    ApplicationEvent.objects.create(
        application=application,
        from_state=application.state,
        to_state=to_state,
        refusal_reason=refusal_reason,
        note=note[:500],
        actor=actor,
    )
    application.state = to_state
    application.refusal_reason = refusal_reason
    application.save(update_fields=["state", "refusal_reason", "updated_at"])
    Candidate.objects.filter(pk=application.candidate_id).update(last_activity_at=timezone.now())
    audit.record_instance(user, AuditAction.UPDATE, application, detail=f"état : {to_state}")
    return application

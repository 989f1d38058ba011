"""Candidates' files: create, change, self-register, export on request, anonymise after inactivity.

Every write and export by a professional is audit-logged (references only, never the data).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.people.parts import anonymise_identity

from ..models import Application, Candidate
from ..search import refresh_candidates

CANDIDATE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "commune",
    "mobility_radius_km",
    "contract_mask",
    "working_time",
    "available_from",
    "is_searching",
    "consent_purpose",
)

DEFAULT_RETENTION_MONTHS = 24


def retention_months() -> int:
    return int(getattr(settings, "JOBS_CANDIDATE_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS))


def _refresh_coordinates(candidate: Candidate) -> None:
    commune = candidate.commune if candidate.commune_id else None
    candidate.latitude = commune.latitude if commune else None
    candidate.longitude = commune.longitude if commune else None


@transaction.atomic
def save_candidate(
    *,
    user,
    data: dict,
    candidate: Candidate | None = None,
    held=None,
    sought=None,
    skills=None,
    organisation=None,
    consent_given: bool | None = None,
) -> Candidate:
    """Create (``candidate`` None) or change a candidate's file from validated data.

    ``consent_given`` True records the consent date now (kept if already given), False withdraws it.
    """
    creating = candidate is None
    actor = user if getattr(user, "is_authenticated", False) else None
    if creating:
        candidate = Candidate(created_by=actor, organisation=organisation)
    for field in CANDIDATE_FIELDS:
        if field in data:
            setattr(candidate, field, data[field])
    if consent_given is True and candidate.consent_at is None:
        candidate.consent_at = timezone.now()
    elif consent_given is False:
        candidate.consent_at = None
    _refresh_coordinates(candidate)
    candidate.last_activity_at = timezone.now()
    candidate.person.full_clean(exclude=["commune"])
    candidate.full_clean(exclude=["held_appellations", "sought_appellations", "skills", "user", "person"])
    candidate.save()
    for relation, values in (("held_appellations", held), ("sought_appellations", sought), ("skills", skills)):
        if values is not None:
            getattr(candidate, relation).set(values)
    Candidate.objects.filter(pk=candidate.pk).update(updated_at=timezone.now())
    refresh_candidates(ids=[candidate.pk])
    audit.record_instance(user, AuditAction.CREATE if creating else AuditAction.UPDATE, candidate)
    return candidate


def record_view(user, candidate: Candidate, detail: str = "") -> None:
    """Log a professional's read of a file (the person's own reads are not logged)."""
    if candidate.user_id and candidate.user_id == getattr(user, "pk", None):
        return
    audit.record_instance(user, AuditAction.VIEW, candidate, detail=detail)


def export_data(*, user, candidate: Candidate) -> dict:
    """Everything Maillage holds on a person, as JSON-ready data (right of access, RGPD art. 15)."""
    audit.record_instance(user, AuditAction.EXPORT, candidate, detail="export des données personnelles")
    applications = Application.objects.filter(candidate=candidate).select_related("offer").prefetch_related("events")
    return {
        "candidat": {
            "identifiant": candidate.pk,
            "prenom": candidate.first_name,
            "nom": candidate.last_name,
            "email": candidate.email,
            "telephone": candidate.phone,
            "commune": candidate.commune.name if candidate.commune_id else None,
            "rayon_mobilite_km": candidate.mobility_radius_km,
            "metiers_exerces": [a.label for a in candidate.held_appellations.all()],
            "metiers_recherches": [a.label for a in candidate.sought_appellations.all()],
            "competences": [s.label for s in candidate.skills.all()],
            "contrats_souhaites": candidate.contract_wish_labels,
            "temps_de_travail": candidate.get_working_time_display(),
            "disponible_le": candidate.available_from.isoformat() if candidate.available_from else None,
            "en_recherche": candidate.is_searching,
            "consentement": {
                "date": candidate.consent_at.isoformat() if candidate.consent_at else None,
                "finalite": candidate.get_consent_purpose_display(),
            },
            "structure_referente": candidate.organisation.name if candidate.organisation_id else None,
            "cree_le": candidate.created_at.isoformat(),
            "derniere_activite": candidate.last_activity_at.isoformat(),
        },
        "candidatures": [
            {
                "offre": a.offer.title,
                "etat": a.get_state_display(),
                "motif_refus": a.get_refusal_reason_display() if a.refusal_reason else None,
                "creee_le": a.created_at.isoformat(),
                "historique": [
                    {"de": e.from_state, "vers": e.to_state, "le": e.at.isoformat()} for e in a.events.all()
                ],
            }
            for a in applications
        ],
    }


@transaction.atomic
def anonymise(*, user, candidate: Candidate) -> Candidate:
    """Erase what identifies the person; keep the anonymous facts the statistics need."""
    anonymise_identity(candidate, last_name="", first_name="Anonyme")
    candidate.is_searching = False
    candidate.consent_at = None
    candidate.anonymised_at = timezone.now()
    candidate.save()
    candidate.skills.clear()
    Application.objects.filter(candidate=candidate).update(message="")
    if candidate.user_id:
        account = candidate.user
        account.is_active = False
        account.email = f"anonyme-{candidate.pk}@invalid.local"
        account.first_name = account.last_name = ""
        account.set_unusable_password()
        account.save()
    audit.record_instance(user, AuditAction.ANONYMISE, candidate)
    return candidate


def inactive_candidates(months: int | None = None):
    months = retention_months() if months is None else months
    limit = timezone.now() - timedelta(days=round(months * 30.44))
    return Candidate.objects.filter(anonymised_at__isnull=True, last_activity_at__lt=limit)


def purge_inactive(*, months: int | None = None, dry_run: bool = False) -> int:
    """Anonymise every file without activity for ``months`` months (retention rule, docs/jobs.md)."""
    queryset = inactive_candidates(months)
    if dry_run:
        return queryset.count()
    count = 0
    for candidate in queryset.iterator():
        anonymise(user=None, candidate=candidate)
        count += 1
    return count

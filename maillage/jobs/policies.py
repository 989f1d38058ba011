"""Who may see and change what in offers, candidates and applications (``maillage.jobs``).

- **Managers** (platform administrators, chargés de mission of a non-company organisation) see and
  change every offer, candidate and application, run matching and export.
- **Professionals** (partner professionals, facilitators, administrators of a partner organisation)
  see the candidates their organisation follows (created by one of its members or attached to it)
  and, in addition, every candidate who consented to sharing their profile with the territory's
  partners (consent purpose "partage"). They change only the candidates of their organisation,
  propose candidates to offers and run matching over the candidates they see.
- **Company members** see published offers and all offers of their own establishments, change
  those, and see the applications to them (with the applicant's contact details). They never
  browse candidates.
- **Candidates** (a person with their own account) see and change their own file, see published
  offers ranked for them, apply, follow and cancel their applications, export their data.
- **Viewers** (elected officials, funders) see offers (not personal data) and aggregates only.

A membership's EPCI scope narrows the candidates a manager or a professional sees, and those a
manager may change, to the people living in those EPCI (and those with no commune yet); the
candidates their own organisation follows stay visible wherever they live.
"""

from django.db.models import Q, QuerySet

from maillage.accounts.models import Role
from maillage.accounts.policies import (
    Perm,
    company_organisation_ids,
    epci_scope,
    has_perm,
    is_manager,
    non_company_memberships,
)

from .models import Application, ApplicationState, Candidate, ConsentPurpose, Offer, OfferStatus

__all__ = ["company_organisation_ids", "is_manager"]  # the shared predicates, re-exported for the module

PROFESSIONAL_ROLES = {Role.PARTNER, Role.FACILITATOR, Role.ADMIN, Role.CHARGE_MISSION}


def is_professional(user) -> bool:
    """Manager or partner professional: works with candidates."""
    return is_manager(user) or any(m.role in PROFESSIONAL_ROLES for m in non_company_memberships(user))


def professional_organisation_ids(user) -> set[int]:
    return {m.organisation_id for m in non_company_memberships(user) if m.role in PROFESSIONAL_ROLES}


def candidate_profile(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        return user.candidate_profile
    except Exception:  # RelatedObjectDoesNotExist
        return None


def can_use_module(user) -> bool:
    return bool(
        is_professional(user)
        or company_organisation_ids(user)
        or candidate_profile(user)
        or has_perm(user, Perm.VIEW_AGGREGATES)
    )


def can_view_aggregates(user) -> bool:
    return is_professional(user) or has_perm(user, Perm.VIEW_AGGREGATES)


# Offers -------------------------------------------------------------------------------------------


def visible_offers(user, queryset=None) -> QuerySet:
    queryset = Offer.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if is_professional(user) or has_perm(user, Perm.VIEW_AGGREGATES):
        return queryset
    condition = Q(pk__in=[])
    if candidate_profile(user) or company_organisation_ids(user):
        condition |= Q(status=OfferStatus.PUBLISHED)
    own = company_organisation_ids(user)
    if own:
        condition |= Q(establishment__organisation_id__in=own)
    return queryset.filter(condition)


def can_create_offer(user) -> bool:
    return is_manager(user) or bool(company_organisation_ids(user))


def can_change_offer(user, offer) -> bool:
    if is_manager(user):
        return True
    own = company_organisation_ids(user)
    return bool(own) and offer.establishment_id is not None and offer.establishment.organisation_id in own


def can_match_offer(user, offer) -> bool:
    return is_professional(user)


# Candidates ---------------------------------------------------------------------------------------


def _candidate_territory(user) -> Q | None:
    """Candidates living in the user's EPCI scope (or with no commune yet); ``None`` when unrestricted."""
    scope = epci_scope(user)
    if scope is None:
        return None
    return Q(commune__epci_id__in=scope) | Q(commune__isnull=True)


def _in_candidate_territory(user, candidate) -> bool:
    scope = epci_scope(user)
    return scope is None or candidate.commune_id is None or candidate.commune.epci_id in scope


def _followed_by_organisation(user) -> Q:
    return Q(organisation_id__in=professional_organisation_ids(user)) | Q(created_by=user)


def visible_candidates(user, queryset=None) -> QuerySet:
    queryset = Candidate.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    territory = _candidate_territory(user)
    if is_manager(user):
        return queryset if territory is None else queryset.filter(territory | _followed_by_organisation(user))
    condition = Q(pk__in=[])
    if is_professional(user):
        shared = Q(consent_purpose=ConsentPurpose.SHARING, consent_at__isnull=False, anonymised_at__isnull=True)
        condition |= _followed_by_organisation(user) | (shared if territory is None else shared & territory)
    profile = candidate_profile(user)
    if profile is not None:
        condition |= Q(pk=profile.pk)
    return queryset.filter(condition)


def can_view_candidate(user, candidate) -> bool:
    return visible_candidates(user).filter(pk=candidate.pk).exists()


def can_list_candidates(user) -> bool:
    return is_professional(user)


def can_create_candidate(user) -> bool:
    return is_professional(user)


def can_change_candidate(user, candidate) -> bool:
    if candidate.anonymised_at:
        return False
    followed = candidate.created_by_id == user.pk or candidate.organisation_id in professional_organisation_ids(user)
    if is_manager(user):
        return followed or _in_candidate_territory(user, candidate)
    profile = candidate_profile(user)
    if profile is not None and profile.pk == candidate.pk:
        return True
    return is_professional(user) and followed


def can_export_candidate(user, candidate) -> bool:
    """Export of a person's data on request (RGPD): managers, and the person themself."""
    profile = candidate_profile(user)
    if profile is not None and profile.pk == candidate.pk:
        return True
    return is_manager(user) and has_perm(user, Perm.EXPORT_PERSONAL_DATA) and can_view_candidate(user, candidate)


def can_export_candidate_list(user) -> bool:
    return is_professional(user) and has_perm(user, Perm.EXPORT_PERSONAL_DATA)


def can_match_candidate(user, candidate) -> bool:
    return can_view_candidate(user, candidate)


# Applications -------------------------------------------------------------------------------------


def visible_applications(user, queryset=None) -> QuerySet:
    queryset = Application.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if is_manager(user):
        return queryset
    condition = Q(pk__in=[])
    if is_professional(user):
        condition |= Q(candidate__in=visible_candidates(user))
    own = company_organisation_ids(user)
    if own:
        condition |= Q(offer__establishment__organisation_id__in=own)
    profile = candidate_profile(user)
    if profile is not None:
        condition |= Q(candidate_id=profile.pk)
    return queryset.filter(condition)


def can_list_applications(user) -> bool:
    return is_professional(user) or bool(company_organisation_ids(user)) or candidate_profile(user) is not None


def can_apply(user, candidate, offer) -> bool:
    if not offer.is_open or candidate.anonymised_at:
        return False
    profile = candidate_profile(user)
    if profile is not None and profile.pk == candidate.pk:
        return True
    return is_professional(user) and can_view_candidate(user, candidate)


def can_move_application(user, application, to_state: str) -> bool:
    """Employers (and managers) run the workflow; candidates and their professionals may cancel."""
    if is_manager(user):
        return True
    own = company_organisation_ids(user)
    offer = application.offer
    if own and offer.establishment_id and offer.establishment.organisation_id in own:
        return True
    if to_state != ApplicationState.CANCELLED:
        return False
    profile = candidate_profile(user)
    if profile is not None and profile.pk == application.candidate_id:
        return True
    return is_professional(user) and can_change_candidate(user, application.candidate)

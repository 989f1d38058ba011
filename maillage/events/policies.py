"""Who may see and change what in the events module.

- **Staff** (platform administrators, chargés de mission of a non-company organisation) plan every
  event, see registrants, check people in, enter outcomes and export reports.
- **Partner professionals** (France Travail, Mission locale, PLIE…, facilitators) see every event
  and its figures, register the people they follow on their behalf and see those registrations;
  an event's co-organiser partner sees its registrants too.
- **Company members** see the events where their establishment holds a stand and manage that stand
  only (presentation, offers, questions, slots, shortlist, outcomes of their offers) — never another
  company's stand, never the list of registrants.
- **Candidates** manage their own registration through the signed link they received (no account
  needed); anonymous visitors see the published events only.
"""

from django.db.models import Q, QuerySet

from maillage.accounts.models import OrganisationKind, Role
from maillage.accounts.policies import Perm, active_memberships, has_perm, is_platform_admin

from .choices import EventStatus, PartnerRole

PROFESSIONAL_ROLES = {Role.PARTNER, Role.FACILITATOR, Role.ADMIN, Role.CHARGE_MISSION}


def _non_company(user):
    return [m for m in active_memberships(user) if m.organisation.kind != OrganisationKind.COMPANY]


def is_staff(user) -> bool:
    if is_platform_admin(user):
        return True
    return any(m.role == Role.CHARGE_MISSION for m in _non_company(user))


def is_professional(user) -> bool:
    return is_staff(user) or any(m.role in PROFESSIONAL_ROLES for m in _non_company(user))


def company_organisation_ids(user) -> set[int]:
    return {m.organisation_id for m in active_memberships(user) if m.organisation.kind == OrganisationKind.COMPANY}


def professional_organisation_ids(user) -> set[int]:
    return {m.organisation_id for m in _non_company(user) if m.role in PROFESSIONAL_ROLES}


def can_use_module(user) -> bool:
    return is_professional(user) or bool(company_organisation_ids(user)) or has_perm(user, Perm.VIEW_AGGREGATES)


def can_view_aggregates(user) -> bool:
    return is_professional(user) or has_perm(user, Perm.VIEW_AGGREGATES)


def visible_events(user, queryset=None) -> QuerySet:
    from .models import Event

    queryset = Event.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.filter(status=EventStatus.PUBLISHED)
    if is_professional(user) or has_perm(user, Perm.VIEW_AGGREGATES):
        return queryset
    own = company_organisation_ids(user)
    condition = Q(status=EventStatus.PUBLISHED)
    if own:
        condition |= Q(stands__establishment__organisation_id__in=own)
    return queryset.filter(condition).distinct()


def can_create_event(user) -> bool:
    return is_staff(user)


def can_change_event(user, event) -> bool:
    return is_staff(user)


def is_event_partner(user, event) -> bool:
    orgs = professional_organisation_ids(user)
    if not orgs:
        return False
    if event.organiser_id in orgs:
        return True
    return event.partners.filter(organisation_id__in=orgs, role=PartnerRole.CO_ORGANISER).exists()


def can_view_registrants(user, event) -> bool:
    """The list of registrants (personal data): staff, and the organiser or a co-organiser partner."""
    return is_staff(user) or is_event_partner(user, event)


def can_register_on_behalf(user, event) -> bool:
    return is_professional(user) and event.status == EventStatus.PUBLISHED


def can_check_in(user, event) -> bool:
    return can_view_registrants(user, event)


def is_own_stand(user, stand) -> bool:
    own = company_organisation_ids(user)
    return bool(own) and stand.establishment.organisation_id in own


def can_view_stand(user, stand) -> bool:
    return is_professional(user) or is_own_stand(user, stand) or has_perm(user, Perm.VIEW_AGGREGATES)


def can_manage_stand(user, stand) -> bool:
    """Presentation, offers, questions, slots, shortlist and outcomes of the stand."""
    return is_staff(user) or is_own_stand(user, stand)


def visible_stands(user, queryset=None) -> QuerySet:
    from .models import Stand

    queryset = Stand.objects.all() if queryset is None else queryset
    if is_professional(user) or has_perm(user, Perm.VIEW_AGGREGATES):
        return queryset
    own = company_organisation_ids(user)
    return queryset.filter(establishment__organisation_id__in=own) if own else queryset.none()


def visible_applications(user, queryset=None) -> QuerySet:
    """Applications on stands: staff and event partners see all, a company those to its own stands."""
    from .models import StandApplication

    queryset = StandApplication.objects.all() if queryset is None else queryset
    if is_staff(user):
        return queryset
    condition = Q(pk__in=[])
    orgs = professional_organisation_ids(user)
    if orgs:
        condition |= Q(stand_offer__stand__event__organiser_id__in=orgs) | Q(
            stand_offer__stand__event__partners__organisation_id__in=orgs,
            stand_offer__stand__event__partners__role=PartnerRole.CO_ORGANISER,
        )
    own = company_organisation_ids(user)
    if own:
        condition |= Q(stand_offer__stand__establishment__organisation_id__in=own)
    return queryset.filter(condition).distinct()


def can_export_report(user, event) -> bool:
    return is_staff(user) or is_event_partner(user, event)

"""Who may see and change what in company relations (``maillage.companies``).

- MDE staff (platform administrators, chargés de mission) create and change everything in their
  territory (EPCI scope of their memberships);
- facilitators, partner professionals and administrators of partner organisations read everything
  in their territory;
- members of a company organisation see and change only the establishments linked to their
  organisation, and those establishments' recruitment needs; they never see the MDE's notes of
  interactions;
- viewers (elected officials, funders) see aggregates only.
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

from .models import Agreement, Establishment, RecruitmentNeed

__all__ = ["company_organisation_ids", "is_manager"]  # the shared predicates, re-exported for the module


def is_reader(user) -> bool:
    """May read every establishment file of their territory (staff, facilitators, partners)."""
    if is_manager(user):
        return True
    reader_roles = {Role.FACILITATOR, Role.PARTNER, Role.ADMIN, Role.CHARGE_MISSION}
    return any(m.role in reader_roles for m in non_company_memberships(user))


def can_view_aggregates(user) -> bool:
    return is_reader(user) or has_perm(user, Perm.VIEW_AGGREGATES)


def can_use_module(user) -> bool:
    return is_reader(user) or bool(company_organisation_ids(user)) or can_view_aggregates(user)


def can_list_establishments(user) -> bool:
    return is_reader(user) or bool(company_organisation_ids(user))


def _scope_q(user, prefix: str = "") -> Q:
    scope = epci_scope(user)
    if scope is None:
        return Q()
    return Q(**{f"{prefix}commune__epci_id__in": scope})


def visible_establishments(user, queryset=None) -> QuerySet:
    queryset = Establishment.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    condition = Q(pk__in=[])
    if is_reader(user):
        condition = _scope_q(user)
    own = company_organisation_ids(user)
    if own:
        condition |= Q(organisation_id__in=own)
    return queryset.filter(condition)


def is_own_establishment(user, establishment) -> bool:
    return establishment.organisation_id is not None and establishment.organisation_id in company_organisation_ids(user)


def _in_scope(user, establishment) -> bool:
    scope = epci_scope(user)
    return scope is None or establishment.commune.epci_id in scope


def can_view_establishment(user, establishment) -> bool:
    return (is_reader(user) and _in_scope(user, establishment)) or is_own_establishment(user, establishment)


def can_create_establishment(user) -> bool:
    return is_manager(user)


def can_change_establishment(user, establishment) -> bool:
    return (is_manager(user) and _in_scope(user, establishment)) or is_own_establishment(user, establishment)


def can_change_establishment_link(user) -> bool:
    """The SIRET and the link to a Maillage organisation are set by MDE staff only."""
    return is_manager(user)


def can_view_contacts(user, establishment) -> bool:
    return can_view_establishment(user, establishment)


def can_manage_contacts(user, establishment) -> bool:
    return can_change_establishment(user, establishment)


def can_view_interactions(user, establishment) -> bool:
    """The MDE's notes on its relation with a company are not shown to the company."""
    return is_reader(user) and _in_scope(user, establishment)


def can_manage_interactions(user, establishment) -> bool:
    return is_manager(user) and _in_scope(user, establishment)


def visible_needs(user, queryset=None) -> QuerySet:
    queryset = RecruitmentNeed.objects.all() if queryset is None else queryset
    establishments = visible_establishments(user).values("pk")
    return queryset.filter(establishment__in=establishments)


def can_manage_needs(user, establishment) -> bool:
    return can_change_establishment(user, establishment)


def can_view_plan(user, establishment) -> bool:
    return can_view_establishment(user, establishment)


def can_manage_plan(user, establishment) -> bool:
    return is_manager(user) and _in_scope(user, establishment)


def visible_agreements(user, queryset=None) -> QuerySet:
    queryset = Agreement.objects.all() if queryset is None else queryset
    if is_reader(user):
        return queryset
    own = company_organisation_ids(user)
    return queryset.filter(establishment__organisation_id__in=own) if own else queryset.none()


def can_list_agreements(user) -> bool:
    return is_reader(user) or bool(company_organisation_ids(user))


def can_manage_agreements(user) -> bool:
    return is_manager(user)


def can_prospect(user) -> bool:
    return is_reader(user)


def can_export(user) -> bool:
    return is_reader(user)

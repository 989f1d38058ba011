"""Object-level rules of the social-clauses module, on top of the base policy functions.

- Facilitators (and MDE administrators) work on the operations of their territory (their EPCI scope)
  and see the personal data of the participants of the operations they follow, of the people their
  structure refers, and of the people they created.
- Buyers (members of a buyer organisation) see their own operations and aggregated bilans only.
- Company members see their lots (as holder, co-contractor or sub-contractor) and declare hours.
- Viewers (elected officials, funders) see aggregates only.
- Health data (criteria flagged as such, e.g. RQTH) only for the facilitators who may see the file.
"""

from django.db.models import Q, QuerySet

from maillage.accounts.models import BUYER_KINDS, SIAE_KINDS, OrganisationKind, Role
from maillage.accounts.policies import Perm, active_memberships, epci_scope, has_perm, is_platform_admin

from .models import Contract, HoursStatement, Lot, LotStatus, Operation, Participant

COMPANY_KINDS = {OrganisationKind.COMPANY, *SIAE_KINDS}


def is_facilitator(user) -> bool:
    """May run the clause workflow: facilitators, and the MDE's platform administrators."""
    return is_platform_admin(user) or any(m.role == Role.FACILITATOR for m in active_memberships(user))


def buyer_ids(user) -> set[int]:
    return {m.organisation_id for m in active_memberships(user) if m.organisation.kind in BUYER_KINDS}


def company_ids(user) -> set[int]:
    return {
        m.organisation_id
        for m in active_memberships(user)
        if m.organisation.kind in COMPANY_KINDS and m.role in {Role.COMPANY_MEMBER, Role.ADMIN}
    }


def structure_ids(user) -> set[int]:
    return {m.organisation_id for m in active_memberships(user) if m.role in {Role.FACILITATOR, Role.ADMIN}}


def can_use_module(user) -> bool:
    return is_facilitator(user) or bool(buyer_ids(user)) or bool(company_ids(user)) or can_view_aggregates(user)


def can_view_aggregates(user) -> bool:
    return is_facilitator(user) or has_perm(user, Perm.VIEW_AGGREGATES) or bool(buyer_ids(user))


def aggregate_buyer_scope(user) -> set[int] | None:
    """Buyers whose figures the user may see in aggregated bilans: ``None`` for all of the territory.

    A user whose only organisations are buyers sees their own buyers' figures, not their neighbours'.
    """
    if is_facilitator(user):
        return None
    territory_wide = any(
        m.organisation.kind not in BUYER_KINDS | COMPANY_KINDS
        and m.role in {Role.VIEWER, Role.CHARGE_MISSION, Role.ADMIN, Role.PARTNER}
        for m in active_memberships(user)
    )
    if territory_wide:
        return None
    return buyer_ids(user)


def _facilitator_operation_filter(user) -> Q | None:
    """Operations of the facilitator's territory (and those they follow); ``None`` for all of them."""
    scope = epci_scope(user)
    if scope is None:
        return None
    return Q(epci_id__in=scope) | Q(epci__isnull=True) | Q(followers=user)


def visible_operations(user) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return Operation.objects.none()
    if is_platform_admin(user):
        return Operation.objects.all()
    conditions = Q(pk__in=[])
    if is_facilitator(user):
        territory = _facilitator_operation_filter(user)
        if territory is None:
            return Operation.objects.all()
        conditions |= territory
    buyers = buyer_ids(user)
    if buyers:
        conditions |= Q(buyer_id__in=buyers)
    companies = company_ids(user)
    if companies:
        conditions |= Q(markets__lots__lot_companies__company_id__in=companies) | Q(
            markets__lots__contracts__employer_id__in=companies
        )
    ids = Operation.objects.filter(conditions).values("pk")
    return Operation.objects.filter(pk__in=ids)


def visible_lots(user) -> QuerySet:
    if is_platform_admin(user):
        return Lot.objects.all()
    if is_facilitator(user) and _facilitator_operation_filter(user) is None:
        return Lot.objects.all()
    conditions = Q(pk__in=[])
    if is_facilitator(user) or buyer_ids(user):
        conditions |= Q(market__operation__in=visible_operations(user))
    companies = company_ids(user)
    if companies:
        conditions |= company_lots_filter(companies)
    return Lot.objects.filter(pk__in=Lot.objects.filter(conditions).values("pk"))


def can_edit_operation(user, operation) -> bool:
    if is_platform_admin(user):
        return True
    if not is_facilitator(user):
        return False
    scope = epci_scope(user)
    return (
        scope is None
        or operation.epci_id in scope
        or operation.epci_id is None
        or operation.followers.filter(pk=user.pk).exists()
    )


def can_follow_up(user, lot) -> bool:
    """Enter contracts and hours, validate declarations on the lot."""
    return can_edit_operation(user, lot.market.operation)


def followable_lots(user) -> QuerySet:
    """The lots on which ``can_follow_up`` holds, as one query (imports name lots among these)."""
    if is_platform_admin(user):
        return Lot.objects.all()
    if not is_facilitator(user):
        return Lot.objects.none()
    territory = _facilitator_operation_filter(user)
    if territory is None:
        return Lot.objects.all()
    return Lot.objects.filter(market__operation__in=Operation.objects.filter(territory).values("pk"))


def company_lots_filter(companies) -> Q:
    """Lots of a company: those it won (holder, co-/sub-contractor) and those where it employs people
    for the clause (an ETTI, a GEIQ, an SIAE sub-contractor declares the hours of its own employees)."""
    return Q(lot_companies__company_id__in=companies) | Q(contracts__employer_id__in=companies)


def is_company_of_lot(user, lot) -> bool:
    companies = company_ids(user)
    return bool(companies) and (
        lot.lot_companies.filter(company_id__in=companies).exists()
        or lot.contracts.filter(employer_id__in=companies).exists()
    )


def is_attributary_of_lot(user, lot) -> bool:
    companies = company_ids(user)
    return bool(companies) and lot.lot_companies.filter(company_id__in=companies).exists()


def company_contracts(user, lot) -> QuerySet:
    """The contracts a company member deals with on a lot: all of them for the winning companies, their own
    employees' for the structures that only employ people on it."""
    contracts = Contract.objects.filter(lot=lot)
    if is_attributary_of_lot(user, lot):
        return contracts
    return contracts.filter(employer_id__in=company_ids(user))


def visible_participants(user) -> QuerySet:
    """People whose file (personal data) the user may open."""
    if is_platform_admin(user):
        return Participant.objects.all()
    if not is_facilitator(user):
        return Participant.objects.none()
    conditions = (
        Q(contracts__lot__market__operation__followers=user)
        | Q(structure_id__in=structure_ids(user))
        | Q(created_by=user)
    )
    return Participant.objects.filter(pk__in=Participant.objects.filter(conditions).values("pk"))


def can_view_participant(user, participant) -> bool:
    """Asked once per user and participant object (a page asks it for the file, then for health data)."""
    seen = participant.__dict__.setdefault("_visible_to", {})
    if user.pk not in seen:
        seen[user.pk] = visible_participants(user).filter(pk=participant.pk).exists()
    return seen[user.pk]


def can_view_health_data(user, participant) -> bool:
    return is_facilitator(user) and can_view_participant(user, participant)


def visible_duplicates(user, candidates: QuerySet) -> QuerySet:
    """Near-matches of an identity being typed: only the people whose file the user may already open."""
    return candidates.filter(pk__in=visible_participants(user).values("pk"))


def can_attach_participant(user, participant) -> bool:
    """Put a person on one of the user's lots: a person they follow, or one shared with them (the person's
    recorded consent, or the following structure's acceptance). Typing an identity is never enough."""
    if not is_facilitator(user):
        return False
    if can_view_participant(user, participant):
        return True
    from maillage.clauses.models import ShareStatus

    return participant.share_requests.filter(
        requested_by=user, status__in=[ShareStatus.ACCEPTED, ShareStatus.CONSENT]
    ).exists()


def share_requests_to_decide(user) -> QuerySet:
    """Requests addressed to the user's structures (people their structure follows)."""
    from maillage.clauses.models import ShareRequest, ShareStatus

    if not is_facilitator(user):
        return ShareRequest.objects.none()
    return ShareRequest.objects.filter(status=ShareStatus.PENDING, holder_structure_id__in=structure_ids(user))


def can_decide_share(user, share) -> bool:
    return share_requests_to_decide(user).filter(pk=share.pk).exists()


def can_view_statements(user) -> bool:
    """Hours statements are listed to facilitators (their lots' statements) and to companies (theirs)."""
    return is_facilitator(user) or bool(company_ids(user))


def visible_statements(user) -> QuerySet:
    """Hours statements with the participant's name: facilitators on their lots, companies on theirs."""
    if is_platform_admin(user):
        return HoursStatement.objects.all()
    if is_facilitator(user) and _facilitator_operation_filter(user) is None:
        return HoursStatement.objects.all()
    conditions = Q(pk__in=[])
    if is_facilitator(user):
        conditions |= Q(lot__market__operation__in=visible_operations(user))
    companies = company_ids(user)
    if companies:
        conditions |= Q(lot__lot_companies__company_id__in=companies) | Q(contract__employer_id__in=companies)
    return HoursStatement.objects.filter(pk__in=HoursStatement.objects.filter(conditions).values("pk"))


def can_download_statement_proof(user, statement) -> bool:
    """A pay slip or an invoice: the lot's facilitator, the contract's employer, or whoever uploaded it —
    never another employer of the same lot."""
    if can_follow_up(user, statement.lot):
        return True
    companies = company_ids(user)
    if not companies:
        return False
    if statement.contract.employer_id in companies:
        return True
    return statement.declared_by_id == user.pk and can_declare_for(user, statement.contract)


def can_declare_for(user, contract) -> bool:
    return company_contracts(user, contract.lot).filter(pk=contract.pk).exists()


def can_manage_catalogues(user) -> bool:
    return is_facilitator(user)


def declarable_contracts(user, lot=None) -> QuerySet:
    """The contracts whose monthly hours a company member declares in the grid: on the lots their company
    won, every contract; elsewhere, their own employees' only. Closed lots are left out."""
    companies = company_ids(user)
    if not companies:
        return Contract.objects.none()
    contracts = Contract.objects.filter(
        Q(lot__lot_companies__company_id__in=companies) | Q(employer_id__in=companies)
    ).exclude(lot__status=LotStatus.CLOSED)
    if lot is not None:
        contracts = contracts.filter(lot=lot)
    return Contract.objects.filter(pk__in=contracts.values("pk"))


def can_download_batch_proof(user, batch) -> bool:
    """A grid's proof holds the pay slips of every person of the batch: the declaring company's members,
    and a facilitator only when they follow every lot the batch covers (never a neighbour's lot)."""
    if batch.company_id in company_ids(user):
        return True
    lots = Lot.objects.filter(statements__batch=batch).select_related("market__operation").distinct()
    return bool(lots) and all(can_follow_up(user, lot) for lot in lots)


def can_edit_declaration_calendar(user) -> bool:
    """The declaration deadline and the reminder are the MDE's settings: its administrators only."""
    return is_platform_admin(user)

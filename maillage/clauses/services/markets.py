"""Writes on operations, markets, lots, their companies and clauses (one function per use case)."""

import contextlib
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from maillage.accounts import audit
from maillage.accounts.models import BUYER_KINDS, AuditAction, Organisation, OrganisationKind, Role
from maillage.accounts.policies import active_memberships
from maillage.territories.models import Commune

from ..models import (
    ClauseKind,
    CompanyRole,
    CountingRule,
    Lot,
    LotClause,
    LotCompany,
    LotStatus,
    Market,
    Operation,
    OperationStatus,
)
from ..models.limits import MAX_AMOUNT
from ..models.markets import MAX_DURATION_MONTHS
from .closing import ensure_open
from .sizing import add_months, presets_for, rebuild_schedule, size_lot, sizing_from_preset


def _follow_if_facilitator(actor, operation: Operation) -> None:
    memberships = active_memberships(actor) if actor is not None else []
    if any(m.role in {Role.FACILITATOR, Role.ADMIN} for m in memberships):
        operation.followers.add(actor)
        if operation.structure_id is None:
            structure = next((m.organisation for m in memberships if m.role == Role.FACILITATOR), None)
            if structure is not None:
                operation.structure = structure
                operation.save(update_fields=["structure"])


@transaction.atomic
def save_operation(actor, form) -> Operation:
    created = form.instance.pk is None
    operation = form.save()
    if created:
        _follow_if_facilitator(actor, operation)
    audit.record_instance(actor, AuditAction.CREATE if created else AuditAction.UPDATE, operation)
    return operation


@transaction.atomic
def save_market(actor, form, operation: Operation | None = None) -> Market:
    market = form.save(commit=False)
    if operation is not None:
        market.operation = operation
    market.save()
    return market


@transaction.atomic
def save_lot(actor, form, market: Market | None = None) -> Lot:
    if form.instance.pk:
        ensure_open(form.instance)
    lot = form.save(commit=False)
    if market is not None:
        lot.market = market
    changed = form.instance.pk is not None and bool({"start_on", "end_on", "duration_months"} & set(form.changed_data))
    lot.save()
    form.save_m2m()
    assign_counting_rule(lot)
    if not lot.schedule.exists():
        rebuild_schedule(lot)
    elif changed:
        # Never wipe a phased schedule: the months already planned stay, the rest is spread again.
        from .amendments import reschedule_from

        reschedule_from(lot, date.today().replace(day=1))
    return lot


@transaction.atomic
def set_lot_company(actor, lot: Lot, company: Organisation, role: str, *, start_on=None, end_on=None) -> LotCompany:
    """A company on the lot from / to a date (holder, co-contractor, sub-contractor)."""
    if start_on and end_on and end_on < start_on:
        raise ValidationError({"end_on": "La fin précède le début."})
    link, _ = LotCompany.objects.update_or_create(
        lot=lot, company=company, defaults={"role": role, "start_on": start_on, "end_on": end_on}
    )
    audit.record_instance(actor, AuditAction.UPDATE, lot, f"entreprise {company.pk} : {role}")
    return link


@transaction.atomic
def remove_lot_company(actor, lot: Lot, company_id: int, *, end_on: date | None = None) -> None:
    """A replaced company is not erased: its role ends at a date and it keeps its attestation."""
    end_on = end_on or date.today()
    LotCompany.objects.filter(lot=lot, company_id=company_id, end_on__isnull=True).update(end_on=end_on)
    audit.record_instance(actor, AuditAction.UPDATE, lot, f"entreprise {company_id} : fin le {end_on:%d/%m/%Y}")


@transaction.atomic
def set_lot_clause(actor, lot: Lot, *, kind: str, reserved_for: str = "", award_weight=None, notes="") -> LotClause:
    if kind == ClauseKind.RESERVED and not reserved_for:
        raise ValidationError({"reserved_for": "Précisez à qui le marché est réservé (SIAE ou EA/ESAT)."})
    if kind == ClauseKind.AWARD and award_weight is None:
        raise ValidationError({"award_weight": "Indiquez la pondération du critère social."})
    clause, _ = LotClause.objects.update_or_create(
        lot=lot,
        kind=kind,
        defaults={
            "reserved_for": reserved_for if kind == ClauseKind.RESERVED else "",
            "award_weight": award_weight if kind == ClauseKind.AWARD else None,
            "notes": notes,
        },
    )
    return clause


# --- counting rules: the most specific rule (buyer, then EPCI, then default) applies to a lot ---


def rule_for(lot: Lot) -> CountingRule | None:
    buyer_id = lot.market.operation.buyer_id
    rules = CountingRule.objects.filter(
        (Q(buyer_id=buyer_id) | Q(buyer__isnull=True)) & (Q(epci_id=lot.epci_id) | Q(epci__isnull=True))
    )
    return max(rules, key=lambda r: (r.buyer_id is not None, r.epci_id is not None, -r.pk), default=None)


def assign_counting_rule(lot: Lot) -> None:
    if lot.counting_rule_id and lot.counting_rule.is_frozen:
        return  # a closed lot keeps the rule version it was closed with
    rule = rule_for(lot)
    Lot.objects.filter(pk=lot.pk).update(counting_rule=rule)
    lot.counting_rule = rule


@transaction.atomic
def reassign_counting_rules() -> int:
    """Point every lot to its applicable rule (after a rule was added or removed); statements are untouched."""
    default = CountingRule.objects.filter(epci__isnull=True, buyer__isnull=True).order_by("pk").first()
    # Closed lots keep the frozen version of their rule: a rule change never moves a closed lot.
    lots = Lot.objects.exclude(counting_rule__is_frozen=True)
    updated = lots.update(counting_rule=default)
    for rule in CountingRule.objects.filter(epci__isnull=False, buyer__isnull=True):
        lots.filter(epci_id=rule.epci_id).update(counting_rule=rule)
    for rule in CountingRule.objects.filter(buyer__isnull=False, epci__isnull=True):
        lots.filter(market__operation__buyer_id=rule.buyer_id).update(counting_rule=rule)
    for rule in CountingRule.objects.filter(buyer__isnull=False, epci__isnull=False):
        lots.filter(market__operation__buyer_id=rule.buyer_id, epci_id=rule.epci_id).update(counting_rule=rule)
    return updated


@transaction.atomic
def save_counting_rule(actor, form) -> CountingRule:
    rule = form.save()
    reassign_counting_rules()
    return rule


# --- the DECP hook: a public-procurement contract becomes an operation, a market and a lot ---


def find_or_create_organisation(siret: str, name: str, kind: str, *, accepted_kinds=None) -> Organisation:
    siret = "".join(ch for ch in (siret or "") if ch.isdigit())
    queryset = Organisation.objects.filter(siret=siret) if siret else Organisation.objects.none()
    if accepted_kinds:
        queryset = queryset.filter(kind__in=accepted_kinds)
    organisation = queryset.order_by("pk").first()
    if organisation is None:
        organisation = Organisation.objects.create(name=(name or siret or "Sans nom")[:200], kind=kind, siret=siret)
    return organisation


def holder_organisation(siret: str, name: str, commune) -> Organisation:
    """The company holding a lot, one company by SIRET: its establishment in company relations is linked
    or created with its real name (``companies.services.establishment_for_holder``), and the
    organisation takes that name — never its SIRET as a name."""
    from maillage.companies.services import UNKNOWN_COMPANY, establishment_for_holder

    establishment = establishment_for_holder(siret=siret, name=name, commune=commune)
    real_name = establishment.name if establishment is not None else (name or "").strip()
    company = find_or_create_organisation(siret, real_name or UNKNOWN_COMPANY, OrganisationKind.COMPANY)
    digits = "".join(ch for ch in (siret or "") if ch.isdigit())
    if real_name and company.name in {digits, siret, UNKNOWN_COMPANY}:
        company.name = real_name[:200]  # an organisation created earlier under its SIRET gets its name
        company.save(update_fields=["name"])
    if establishment is not None and establishment.organisation_id is None:
        establishment.organisation = company
        establishment.save(update_fields=["organisation", "updated_at"])
    return company


def clause_kinds_from_decp(considerations: dict | None) -> list[str]:
    """The clause kinds a DECP record declares (``social_clause``, ``social_criterion``, ``reserved``); an
    unknown record (2019 format) is followed as a prospect for an insertion clause."""
    considerations = considerations or {}
    kinds = [
        kind
        for key, kind in (
            ("social_clause", ClauseKind.INSERTION),
            ("reserved", ClauseKind.RESERVED),
            ("social_criterion", ClauseKind.AWARD),
        )
        if considerations.get(key)
    ]
    return kinds or [ClauseKind.INSERTION]


@transaction.atomic
def create_market_from_contract(
    actor,
    *,
    buyer_siret: str,
    buyer_name: str,
    object: str,  # noqa: A002 - the DECP field name
    cpv_code: str,
    commune_code: str | None,
    amount: Decimal | None,
    notified_on: date | None,
    duration_months: int | None,
    holders: list[tuple[str, str]],
    source_reference: str,
    social_considerations: dict | None = None,
) -> Market:
    """Pre-fill an operation, a market and one lot from a DECP contract (idempotent on ``source_reference``).

    ``holders`` are (SIRET, name) pairs: the first is the holder, the others co-contractors. The lot is
    sized with the default preset of its CPV division when one exists, so the facilitator starts from a
    proposal and adjusts it.
    """
    existing = Market.objects.filter(source_reference=source_reference).first()
    if existing is not None:
        return existing
    # Open data is not trusted: out-of-range amounts and durations are left unknown, never stored.
    if amount is not None and not (0 <= amount <= MAX_AMOUNT):
        amount = None
    if duration_months is not None and not (0 < duration_months <= MAX_DURATION_MONTHS):
        duration_months = None
    buyer = find_or_create_organisation(
        buyer_siret, buyer_name, OrganisationKind.BUYER, accepted_kinds=BUYER_KINDS | {OrganisationKind.MDE}
    )
    cpv = "".join(ch for ch in (cpv_code or "").split("-")[0] if ch.isdigit())[:8]
    commune = Commune.objects.filter(code=commune_code).first() if commune_code else None
    end_on = add_months(notified_on, duration_months) if notified_on and duration_months else None
    operation = Operation(
        name=(object or "Marché sans objet")[:255],
        buyer=buyer,
        commune=commune,
        status=OperationStatus.EXECUTION if notified_on else OperationStatus.CONSULTATION,
        start_on=notified_on,
        end_on=end_on,
        description=f"Créée à partir des données essentielles de la commande publique ({source_reference}).",
    )
    operation.save()
    _follow_if_facilitator(actor, operation)
    market = Market.objects.create(
        operation=operation,
        object=(object or "")[:500],
        cpv_code=cpv,
        notified_on=notified_on,
        amount=amount,
        duration_months=duration_months,
        source_reference=source_reference,
    )
    lot = Lot(
        market=market,
        number=1,
        label=(object or "Lot unique")[:255],
        cpv_code=cpv,
        commune=commune,
        amount=amount,
        start_on=notified_on,
        end_on=end_on,
        duration_months=duration_months,
        status=LotStatus.RUNNING if notified_on else LotStatus.PLANNED,
    )
    lot.save()
    assign_counting_rule(lot)
    for index, (siret, name) in enumerate(holders or []):
        company = holder_organisation(siret, name, commune)
        LotCompany.objects.get_or_create(
            lot=lot, company=company, defaults={"role": CompanyRole.HOLDER if index == 0 else CompanyRole.CO_CONTRACTOR}
        )
    presets = presets_for(cpv, lot.epci_id)  # the most specific CPV group first
    if presets and amount:
        with contextlib.suppress(ValidationError):  # an implausible target is left for the facilitator to size
            size_lot(actor, lot, sizing_from_preset(presets[0], amount))
    for kind in clause_kinds_from_decp(social_considerations):
        LotClause.objects.get_or_create(lot=lot, kind=kind)
    audit.record_instance(actor, AuditAction.CREATE, market, "depuis les DECP")
    return market

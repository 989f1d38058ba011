"""Issue #12, the national consolidation: every definition the network relies on, one test each."""

from datetime import date
from decimal import Decimal

import pytest

from maillage.accounts.models import OrganisationKind
from maillage.clauses import services
from maillage.clauses.models import (
    BuyerProfile,
    BuyerType,
    ClauseKind,
    Coverage,
    Funder,
    FundingLine,
    LotClause,
    Modality,
    Outcome,
    ScheduleStep,
)
from maillage.clauses.selectors import BilanScope, bilan, national
from tests.factories import EpciFactory, OrganisationFactory

from .factories import (
    BuyerFactory,
    CommuneFactory,
    ContractFactory,
    EligibilityFactory,
    LotFactory,
    MarketFactory,
    OperationFactory,
    StatementFactory,
    criterion,
)

pytestmark = pytest.mark.django_db
YEAR = BilanScope(year=2025)


def test_every_outcome_observed_in_the_year_is_reported(scenario):
    person = ContractFactory(start_on=date(2024, 1, 1), end_on=date(2024, 12, 31), lot=scenario["lot"]).participant
    Outcome.objects.create(
        participant=person,
        lot=scenario["lot"],
        path_end_on=date(2024, 12, 31),
        observed_on=date(2025, 6, 30),
        situation="emploi_durable",
    )
    assert dict(bilan(YEAR).outcomes)["En emploi durable (CDI, CDD ≥ 6 mois)"] == 1
    assert dict(national(YEAR).outcomes)["En emploi durable (CDI, CDD ≥ 6 mois)"] == 1


def test_contractor_companies_apart_from_employing_structures(scenario):
    etti = OrganisationFactory(kind=OrganisationKind.SIAE_ETTI)
    scenario["bob"].employer = etti
    scenario["bob"].save()
    figures = national(YEAR)
    assert figures.contractor_companies == 1  # the holder only (the far lot has no company)
    assert dict(figures.employing_structures)["SIAE – Entreprise de travail temporaire d'insertion (ETTI)"] == 1


def test_markets_in_execution_are_counted_without_hours_and_planned_hours_are_not_repeated(scenario):
    quiet = LotFactory(start_on=date(2025, 9, 1), end_on=date(2026, 8, 31), target_hours=Decimal("1200"))
    services.rebuild_schedule(quiet)
    figures = national(YEAR)
    assert figures.lots_in_execution == 3 and figures.markets_in_execution == 3
    planned_2025 = float(ScheduleStep.objects.get(lot=quiet, month=date(2025, 12, 1)).cumulative_hours)
    assert planned_2025 == 400.0
    assert national(BilanScope(year=2026)).planned_hours == 800.0  # the rest, not the whole target again
    assert figures.planned_hours == 833.0 + 400.0  # the scenario's lot runs over 2025 only


def test_reserved_markets_and_social_award_criteria_are_counted(scenario):
    services.set_lot_clause(None, scenario["lot"], kind=ClauseKind.INSERTION)
    services.set_lot_clause(None, scenario["far_lot"], kind=ClauseKind.RESERVED, reserved_for="siae")
    services.set_lot_clause(None, scenario["far_lot"], kind=ClauseKind.AWARD, award_weight=Decimal("10"))
    clauses = dict(national(YEAR).clauses)
    assert list(clauses.values()) == [1, 1, 1]
    assert LotClause.objects.count() == 3


def test_buyers_by_type_and_markets_by_nature(scenario):
    BuyerProfile.objects.create(buyer=scenario["far_lot"].market.operation.buyer, buyer_type=BuyerType.SOCIAL_LANDLORD)
    figures = national(YEAR)
    types = dict(figures.buyers_by_type)
    assert types["Commune"] == 1 and types["Bailleur social"] == 1  # SIREN 21… is a commune
    assert dict(figures.markets_by_nature) == {"travaux": 2}


def test_new_and_continuing_participants_durations_and_residence(scenario):
    epci = scenario["epci"]
    home = CommuneFactory(epci=epci)
    veteran = ContractFactory(lot=scenario["lot"], start_on=date(2024, 3, 1), end_on=date(2025, 2, 28))
    veteran.participant.commune = home
    veteran.participant.save()
    EligibilityFactory(participant=veteran.participant, criterion=criterion("qpv"))
    StatementFactory(contract=veteran, month=date(2025, 1, 1), hours=Decimal("35"))
    figures = national(YEAR)
    assert figures.participants_continuing == 1 and figures.participants_new == 3
    assert figures.residence_qpv == 1 and dict(figures.residence_epci)[epci.name] == 1
    durations = dict(figures.contract_durations)
    assert durations["Sans terme (CDI)"] == 0 or durations["6 mois et plus"] >= 1
    assert sum(durations.values()) == 4


def test_structured_funding_structure_types_and_the_territory_filter(scenario):
    structure = scenario["facilitator"].memberships.get().organisation
    coverage = Coverage.objects.create(facilitator=scenario["facilitator"], structure=structure, fte=Decimal("1"))
    coverage.epcis.add(scenario["epci"])
    FundingLine.objects.create(coverage=coverage, year=2025, funder=Funder.STATE, amount=Decimal("30000"))
    FundingLine.objects.create(coverage=coverage, year=2025, funder=Funder.FSE, amount=Decimal("10000"))
    figures = national(YEAR)
    funding = {label: (amount, share) for label, amount, share in figures.funding}
    assert funding["État"] == (30000.0, 75.0) and funding["FSE+"] == (10000.0, 25.0)
    assert dict(figures.structures_by_type) == {"Maison de l'Emploi": 1}
    elsewhere = national(BilanScope(year=2025, epci_codes=frozenset({EpciFactory().code})))
    assert elsewhere.facilitators == 0 and figures.facilitators == 1


def test_eu_thresholds_are_dated_data():
    big = MarketFactory(amount=Decimal("5450000"), operation=OperationFactory(buyer=BuyerFactory()))
    lot = LotFactory(market=big, start_on=date(2026, 1, 1), end_on=date(2026, 12, 31))
    ContractFactory(lot=lot, modality=Modality.CDI)
    bands_2026 = dict(national(BilanScope(year=2026)).markets_by_amount)
    assert bands_2026["5 404 k€ et plus"] == 1
    Market2025 = MarketFactory(amount=Decimal("5450000"))
    LotFactory(market=Market2025, start_on=date(2025, 1, 1), end_on=date(2025, 12, 31))
    bands_2025 = dict(national(BilanScope(year=2025)).markets_by_amount)
    assert bands_2025["De 1 M€ au seuil des travaux (5 538 k€)"] == 1
    assert "216 k€" in national(BilanScope(year=2027)).thresholds

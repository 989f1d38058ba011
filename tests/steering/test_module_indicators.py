"""The indicator providers of the existing modules: figures over a period and a territory, from their selectors."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from maillage.clauses import indicators as clauses_indicators
from maillage.companies import indicators as companies_indicators
from maillage.jobs import indicators as jobs_indicators
from maillage.jobs.models import Application, ApplicationEvent, ApplicationState
from maillage.kernel.plugins import IndicatorScope
from maillage.steering import indicators as steering_indicators
from tests.clauses.factories import ContractFactory, LotFactory, MarketFactory, OperationFactory, StatementFactory
from tests.companies.factories import AgreementFactory, EstablishmentFactory, InteractionFactory, RecruitmentNeedFactory

YEAR_2025 = IndicatorScope(start=date(2025, 1, 1), end=date(2025, 12, 31))


def by_key(provider):
    return {indicator.key: indicator for indicator in provider.indicators()}


def test_every_indicator_is_labelled_in_french_with_a_unit():
    for provider in (clauses_indicators, companies_indicators, jobs_indicators, steering_indicators):
        for indicator in provider.indicators():
            module = provider.__name__.split(".")[1]
            assert indicator.key.startswith(f"{module}.")
            assert indicator.label and indicator.unit and indicator.description


def test_clause_hours_people_and_companies_by_period_and_epci(communes):
    evreux, louviers = communes
    lot_evreux = LotFactory(market=MarketFactory(operation=OperationFactory(commune=evreux)))
    lot_louviers = LotFactory(market=MarketFactory(operation=OperationFactory(commune=louviers)))
    contract = ContractFactory(lot=lot_evreux)
    StatementFactory(contract=contract, month=date(2025, 3, 1), hours=Decimal("100"))
    StatementFactory(contract=contract, month=date(2025, 4, 1), hours=Decimal("50"))
    StatementFactory(contract=ContractFactory(lot=lot_louviers), month=date(2025, 5, 1), hours=Decimal("30"))
    StatementFactory(contract=contract, month=date(2024, 12, 1), hours=Decimal("99"))  # another year
    StatementFactory(contract=contract, month=date(2025, 6, 1), hours=Decimal("7"), status="declare")  # not validated
    indicators = by_key(clauses_indicators)
    assert indicators["clauses.hours"].compute(YEAR_2025) == 180
    assert indicators["clauses.people"].compute(YEAR_2025) == 2
    assert indicators["clauses.companies"].compute(YEAR_2025) == 2
    only_evreux = IndicatorScope(start=date(2025, 1, 1), end=date(2025, 12, 31), epci_codes=(evreux.epci_id,))
    assert lot_evreux.epci_id == evreux.epci_id
    assert indicators["clauses.hours"].compute(only_evreux) == 150
    assert indicators["clauses.people"].compute(only_evreux) == 1
    first_quarter = IndicatorScope(start=date(2025, 1, 1), end=date(2025, 3, 31))
    assert indicators["clauses.hours"].compute(first_quarter) == 100


def test_companies_met_needs_and_revitalisation(communes):
    evreux, louviers = communes
    here, there = EstablishmentFactory(commune=evreux), EstablishmentFactory(commune=louviers)
    InteractionFactory(establishment=here, kind="visite", date=date(2025, 2, 3))
    InteractionFactory(establishment=here, kind="reunion", date=date(2025, 5, 3))  # same company: once
    InteractionFactory(establishment=there, kind="appel", date=date(2025, 2, 3))  # a call is not a meeting
    InteractionFactory(establishment=there, kind="evenement", date=date(2024, 2, 3))  # another year
    for establishment, positions in ((here, 3), (there, 2)):
        need = RecruitmentNeedFactory(establishment=establishment, positions=positions)
        need.__class__.objects.filter(pk=need.pk).update(created_at=timezone.make_aware(datetime(2025, 6, 1)))
    agreement = AgreementFactory(establishment=here, jobs_target=120)
    agreement.actions.create(title="Programme diversité", jobs_target=40, jobs_created=12)
    indicators = by_key(companies_indicators)
    assert indicators["companies.met"].compute(YEAR_2025) == 1
    assert indicators["companies.needs"].compute(YEAR_2025) == 2
    assert indicators["companies.positions"].compute(YEAR_2025) == 5
    only_louviers = IndicatorScope(start=date(2025, 1, 1), end=date(2025, 12, 31), epci_codes=(louviers.epci_id,))
    assert indicators["companies.positions"].compute(only_louviers) == 2
    assert indicators["companies.revitalisation_jobs_target"].compute(YEAR_2025) == 120
    assert indicators["companies.revitalisation_jobs_created"].compute(YEAR_2025) == 12
    assert indicators["companies.revitalisation_jobs_created"].compute(only_louviers) == 0


@pytest.fixture
def referential(db):
    from tests.jobs.factories import make_referential

    make_referential()


def test_offers_hires_and_candidates(communes, referential):
    from tests.jobs.factories import make_candidate, make_offer

    evreux, louviers = communes
    offer = make_offer(evreux)
    other_offer = make_offer(louviers)
    candidate = make_candidate(evreux)
    make_candidate(louviers)
    hired = Application.objects.create(offer=offer, candidate=candidate, origin="prescripteur", state="acceptee")
    ApplicationEvent.objects.create(
        application=hired, from_state="entretien", to_state=ApplicationState.ACCEPTED, at=timezone.now()
    )
    pending = Application.objects.create(offer=other_offer, candidate=candidate, origin="prescripteur")
    ApplicationEvent.objects.create(application=pending, to_state="nouvelle", at=timezone.now())
    year = timezone.now().year
    scope = IndicatorScope(start=date(year, 1, 1), end=date(year, 12, 31))
    indicators = by_key(jobs_indicators)
    assert indicators["jobs.offers"].compute(scope) == 2
    assert indicators["jobs.candidates"].compute(scope) == 2
    assert indicators["jobs.hires"].compute(scope) == 1
    only_louviers = IndicatorScope(start=scope.start, end=scope.end, epci_codes=(louviers.epci_id,))
    assert indicators["jobs.hires"].compute(only_louviers) == 0
    assert indicators["jobs.offers"].compute(only_louviers) == 1
    last_year = IndicatorScope(start=date(year - 1, 1, 1), end=date(year - 1, 12, 31))
    assert indicators["jobs.offers"].compute(last_year) == 0

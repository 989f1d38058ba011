"""Issue #12, per-person rules: eligibility on every contract, a monthly maximum across lots, calendar-month
CDDs, the six-month outcome window and kinds, the exact « to recontact » list, leap days."""

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from maillage.clauses import services
from maillage.clauses.models import Modality, Outcome, OutcomeSituation, Participant
from maillage.clauses.selectors import BilanScope, bilan
from maillage.clauses.selectors.outcomes import outcomes_due

from .factories import ContractFactory, EligibilityFactory, LotFactory, ParticipantFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_eligibility_is_checked_on_every_new_contract(scenario):
    alice = scenario["alice"].participant  # eligible until 01/12/2026, already has a contract
    lot, company = scenario["lot"], scenario["company"]
    alice.eligibilities.update(valid_until=date(2025, 12, 31))
    with pytest.raises(ValidationError, match="éligibilité"):
        services.create_contract(
            None, participant=alice, lot=lot, employer=company, modality="cdd", start_on=date(2026, 3, 1)
        )
    contract = services.create_contract(
        None, participant=alice, lot=lot, employer=company, modality="cdd", start_on=date(2025, 6, 1)
    )
    assert contract.pk


def test_monthly_total_across_lots_is_bounded(scenario):
    alice = scenario["alice"]
    other = ContractFactory(participant=alice.participant, lot=LotFactory(), start_on=date(2025, 1, 1))
    services.record_statement(None, other, month=date(2025, 5, 1), hours=Decimal("150"))
    with pytest.raises(ValidationError) as error:
        services.record_statement(None, alice, month=date(2025, 5, 1), hours=Decimal("100"))
    assert "maximum plausible de 208\u00a0h" in " ".join(error.value.messages)
    services.record_statement(None, alice, month=date(2025, 5, 1), hours=Decimal("58"))


@pytest.mark.parametrize(
    ("start", "end", "lasting"),
    [
        (date(2025, 1, 1), date(2025, 6, 30), True),
        (date(2025, 1, 15), date(2025, 7, 14), True),
        (date(2025, 1, 1), date(2025, 6, 29), False),
        (date(2024, 8, 31), date(2025, 2, 26), False),
        (date(2024, 8, 31), date(2025, 2, 27), True),
    ],
)
def test_a_six_calendar_month_cdd_is_lasting(start, end, lasting):
    contract = ContractFactory(modality=Modality.CDD, start_on=start, end_on=end)
    assert contract.is_lasting is lasting


def test_an_outcome_is_observed_about_six_months_after_the_end(scenario):
    person = scenario["bob"].participant
    end = date(2025, 12, 31)
    with pytest.raises(ValidationError, match="5 à 9 mois"):
        services.record_outcome(
            None, person, path_end_on=end, observed_on=date(2026, 1, 1), situation=OutcomeSituation.LASTING_JOB
        )
    for situation in (OutcomeSituation.PART_TIME, OutcomeSituation.BUSINESS, OutcomeSituation.IAE):
        services.record_outcome(None, person, path_end_on=end, observed_on=date(2026, 7, 1), situation=situation)
    assert Outcome.objects.filter(participant=person).count() == 3


def test_the_to_recontact_list_is_exact(scenario):
    today = date(2026, 7, 15)
    people = {}
    for name, end in (
        ("due", date(2026, 1, 31)),  # ended 5½ months ago, no outcome: listed
        ("too_recent", date(2026, 4, 30)),
        ("too_old", date(2024, 1, 31)),
        ("answered", date(2026, 1, 31)),
        ("old_answer", date(2026, 1, 31)),
        ("still_working", date(2026, 1, 31)),
    ):
        contract = ContractFactory(participant__last_name=name, start_on=date(2023, 6, 1), end_on=end)
        people[name] = contract.participant
    Outcome.objects.create(
        participant=people["answered"], path_end_on=date(2026, 1, 31), observed_on=date(2026, 7, 1), situation="autre"
    )
    Outcome.objects.create(  # an outcome of an earlier path does not answer the new one
        participant=people["old_answer"], path_end_on=date(2024, 1, 1), observed_on=date(2024, 7, 1), situation="autre"
    )
    ContractFactory(participant=people["still_working"], start_on=date(2026, 2, 1), end_on=None)
    listed = {
        p.last_name for p in outcomes_due(Participant.objects.filter(pk__in=[p.pk for p in people.values()]), today)
    }
    assert listed == {"due", "old_answer"}


def test_age_bands_work_on_a_leap_day(scenario):
    StatementFactory(contract=ContractFactory(participant__birth_date=date(2000, 2, 29)), month=date(2024, 2, 1))
    with mock.patch("maillage.clauses.selectors.bilans.date") as fake:
        fake.today.return_value = date(2024, 2, 29)
        fake.side_effect = lambda *args, **kwargs: date(*args, **kwargs)
        result = bilan(BilanScope())
    assert sum(n for _, n in result.by_age) == result.participants


def test_every_date_helper_survives_the_29th_of_february():
    from maillage.clauses.dates import add_months, lasts_six_months, years_before

    leap = date(2024, 2, 29)
    assert years_before(leap, 26) == date(1998, 2, 28)
    assert add_months(leap, 12) == date(2025, 2, 28)
    assert lasts_six_months(leap, date(2024, 8, 28))
    EligibilityFactory(validated_on=leap, valid_until=add_months(leap, 24))
    ParticipantFactory(birth_date=leap)

"""Issue #12, closing is final: writes refused after closing, figures and rule version frozen, corrections reopen
explicitly, attestations reproducible and per company; companies dated; one definition of globalised hours."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from maillage.accounts.models import AuditEvent
from maillage.clauses import services
from maillage.clauses.models import CountingRule, HoursStatement, Lot, LotClosing, Modality
from maillage.clauses.selectors import BilanScope, bilan, progress_rows
from maillage.clauses.views import reports

from .factories import CompanyFactory, ContractFactory, EligibilityFactory, LotFactory, StatementFactory

pytestmark = pytest.mark.django_db


def _row(lot):
    return progress_rows(Lot.objects.filter(pk=lot.pk))[0]


@pytest.fixture
def closed(scenario):
    lot = scenario["lot"]
    Lot.objects.filter(pk=lot.pk).update(penalty_per_hour=Decimal("40"))
    services.close_operation(scenario["facilitator"], scenario["operation"])
    lot.refresh_from_db()
    return lot


def test_a_declaration_after_closing_is_refused_and_the_penalty_stays(client, scenario, closed):
    before = _row(closed)
    assert before["penalty"] == round((833 - 280) * 40, 2)
    with pytest.raises(ValidationError, match="clôturé"):
        services.record_statement(
            scenario["company_user"], scenario["bob"], month=date(2025, 11, 1), hours=Decimal("100"), by_company=True
        )
    pending = HoursStatement.objects.get(status="declare")
    with pytest.raises(ValidationError, match="clôturé"):
        services.validate_statement(scenario["facilitator"], pending)
    client.force_login(scenario["company_user"])
    client.post(
        reverse("clauses:company_lot", args=[closed.pk]),
        {"contract": scenario["bob"].pk, "month": "2025-10", "hours": "90"},
    )
    assert not HoursStatement.objects.filter(month=date(2025, 10, 1)).exists()
    assert _row(closed)["penalty"] == before["penalty"]


def test_closing_freezes_the_rule_version_and_the_figures(scenario, closed):
    done_before = _row(closed)["done"]
    year_before = bilan(BilanScope(year=2025, lot_ids=frozenset({closed.pk}))).hours
    live_rule = CountingRule.objects.get(pk=closed.counting_rule.frozen_from_id)
    live_rule.lasting_bonus_percent = Decimal("50")
    live_rule.save()
    services.reassign_counting_rules()
    closed.refresh_from_db()
    assert closed.counting_rule.is_frozen and closed.counting_rule.lasting_bonus_percent == Decimal("0")
    assert _row(closed)["done"] == done_before
    assert bilan(BilanScope(year=2025, lot_ids=frozenset({closed.pk}))).hours == year_before
    closing = LotClosing.objects.get(lot=closed)
    assert closing.figures["done"] == done_before and closing.rule_snapshot["lasting_bonus_percent"] == "0.00"
    assert set(closing.figures) >= {"by_modality", "bonus", "globalised_in", "globalised_out", "penalty", "by_company"}
    # Frozen versions never show in the rules a facilitator edits.
    assert not CountingRule.objects.filter(is_frozen=True).exists()


def test_no_contract_sizing_or_eligibility_change_on_a_closed_lot(scenario, closed):
    person = scenario["alice"].participant
    with pytest.raises(ValidationError, match="clôturé"):
        services.create_contract(
            None,
            participant=person,
            lot=closed,
            employer=scenario["company"],
            modality="cdd",
            start_on=date(2025, 5, 1),
        )
    with pytest.raises(ValidationError, match="clôturé"):
        services.size_lot(None, closed, services.Sizing("manuel", manual_hours=Decimal("10")))
    from .factories import criterion

    with pytest.raises(ValidationError, match="clôturés"):
        services.validate_eligibility(None, person, criterion("rsa"), validated_on=date(2025, 5, 1))


def test_a_correction_reopens_the_bilan_explicitly(client, scenario, closed):
    client.force_login(scenario["facilitator"])
    client.post(reverse("clauses:lot_reopen", args=[closed.pk]), {"reason": ""})
    closed.refresh_from_db()
    assert closed.status == "clos"
    client.post(reverse("clauses:lot_reopen", args=[closed.pk]), {"reason": "Relevé de mars oublié"})
    closed.refresh_from_db()
    assert closed.status == "en_cours"
    closing = LotClosing.objects.get(lot=closed)
    assert closing.reopened_at and closing.reopen_reason == "Relevé de mars oublié"
    assert AuditEvent.objects.filter(detail__startswith="réouverture").exists()
    services.record_statement(scenario["facilitator"], scenario["bob"], month=date(2025, 5, 1), hours=Decimal("20"))
    services.close_lot(scenario["facilitator"], closed)
    assert LotClosing.objects.filter(lot=closed).count() == 2
    assert _row(closed)["done"] == 300.0


def _capture_attestation(client, monkeypatch, lot, company):
    captured = {}

    def fake_pdf(**kwargs):
        captured.update(kwargs)
        return b"%PDF-fake"

    monkeypatch.setattr(reports, "attestation_pdf", fake_pdf)
    response = client.get(reverse("clauses:attestation", args=[lot.pk, company.pk]))
    assert response.status_code == 200
    return captured


def test_each_company_attestation_shows_its_own_hours_and_is_reproducible(client, scenario, monkeypatch):
    lot, holder = scenario["lot"], scenario["company"]
    subcontractor = CompanyFactory(name="Peinture Solidaire")
    services.set_lot_company(None, lot, subcontractor, "sous_traitant", start_on=date(2025, 3, 1))
    sub_contract = ContractFactory(lot=lot, employer=subcontractor, modality=Modality.CDDI)
    EligibilityFactory(participant=sub_contract.participant)
    StatementFactory(contract=sub_contract, month=date(2025, 3, 1), hours=Decimal("40"))
    client.force_login(scenario["facilitator"])
    holder_live = _capture_attestation(client, monkeypatch, lot, holder)["company_hours"]
    assert holder_live == 280.0  # Alice 220 + Bob 60, employed by the holder
    assert _capture_attestation(client, monkeypatch, lot, subcontractor)["company_hours"] == 40.0
    services.close_operation(scenario["facilitator"], scenario["operation"])
    first = _capture_attestation(client, monkeypatch, lot, holder)
    CountingRule.objects.update(lasting_bonus_percent=Decimal("25"))
    services.reassign_counting_rules()
    again = _capture_attestation(client, monkeypatch, lot, holder)
    assert first["company_hours"] == again["company_hours"] == 280.0 and again["closed_at"]


def test_a_replaced_holder_keeps_its_attestation(client, scenario, monkeypatch):
    lot, holder = scenario["lot"], scenario["company"]
    client.force_login(scenario["facilitator"])
    client.post(reverse("clauses:lot_company", args=[lot.pk]), {"remove": holder.pk})
    link = lot.lot_companies.get(company=holder)
    assert link.end_on == date.today()
    assert _capture_attestation(client, monkeypatch, lot, holder)["role"]["end_on"] == date.today()


def test_globalised_hours_have_one_definition(scenario):
    lot = scenario["lot"]
    other = LotFactory(market=lot.market, commune=lot.commune)
    services.assign_counting_rule(other)
    services.set_lot_company(None, other, scenario["company"], "titulaire")
    CountingRule.objects.filter(pk=lot.counting_rule_id).update(allow_globalisation=True)
    lot.refresh_from_db()
    person = ContractFactory(lot=lot, employer=scenario["company"]).participant
    EligibilityFactory(participant=person)
    pooled = services.create_contract(
        None,
        participant=person,
        lot=lot,
        employer=scenario["company"],
        modality="cdd",
        start_on=date(2025, 5, 1),
        credited_lot=other,
    )
    services.record_statement(None, pooled, month=date(2025, 5, 1), hours=Decimal("120"))
    table = {row["lot"].pk: row["done"] for row in progress_rows(Lot.objects.filter(pk__in=[lot.pk, other.pk]))}
    result = bilan(BilanScope(operation_id=lot.market.operation_id))
    by_lot = {row["lot_id"]: row["hours"] for row in result.by_lot}
    assert table[other.pk] == by_lot[other.pk] == 120.0
    assert table[lot.pk] == by_lot[lot.pk]
    assert bilan(BilanScope(year=2025, lot_ids=frozenset({other.pk}))).hours == 120.0


def test_globalisation_needs_a_shared_company(scenario):
    lot = scenario["lot"]
    CountingRule.objects.filter(pk=lot.counting_rule_id).update(allow_globalisation=True)
    lot.refresh_from_db()
    stranger_lot = LotFactory(market=lot.market, commune=lot.commune)
    services.set_lot_company(None, stranger_lot, CompanyFactory(), "titulaire")
    with pytest.raises(ValidationError, match="même entreprise"):
        services.create_contract(
            None,
            participant=scenario["alice"].participant,
            lot=lot,
            employer=scenario["company"],
            modality="cdd",
            start_on=date(2025, 5, 1),
            credited_lot=stranger_lot,
        )


def test_deciding_a_declaration_of_a_closed_lot_is_a_french_message_not_a_server_error(client, scenario, closed):
    # Found by bench/load.py: the queue offered « Valider » on a closed lot and the click answered 500.
    pending = HoursStatement.objects.get(status="declare")
    client.force_login(scenario["facilitator"])
    queue = client.get(reverse("clauses:statement_queue")).content.decode()
    assert reverse("clauses:statement_validate", args=[pending.pk]) not in queue and "Lot clôturé" in queue
    response = client.post(reverse("clauses:statement_validate", args=[pending.pk]), follow=True)
    assert response.status_code == 200 and "clôturé" in response.content.decode()
    htmx = client.post(reverse("clauses:statement_reject", args=[pending.pk]), {"reason": "x"}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200 and "Décision refusée" in htmx.content.decode()
    assert HoursStatement.objects.get(pk=pending.pk).status == "declare"

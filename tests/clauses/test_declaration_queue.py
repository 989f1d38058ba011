"""The facilitator's declarations queue: filters, grouping by lot, paging, bulk validation (issue #11)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from maillage.accounts.models import Role
from maillage.clauses import services
from maillage.clauses.models import HoursStatement, LotStatus, StatementStatus
from tests.factories import user_with_role

from .factories import CompanyFactory, ContractFactory, LotFactory, MarketFactory, StatementFactory

APRIL, MAY = date(2025, 4, 1), date(2025, 5, 1)


@pytest.fixture
def queue(scenario):
    """Besides Bob's April declaration on the school lot: a second followed lot held by a roofer, with
    two May declarations."""
    operation = scenario["operation"]
    roof = LotFactory(market=MarketFactory(operation=operation), commune=operation.commune, label="Couverture")
    services.assign_counting_rule(roof)
    roofer = CompanyFactory(name="Toitures de l'Eure")
    services.set_lot_company(None, roof, roofer, "titulaire")
    declared = [
        StatementFactory(
            contract=ContractFactory(lot=roof, employer=roofer), month=MAY, hours=Decimal(h), status="declare"
        )
        for h in ("20", "30")
    ]
    bob_april = HoursStatement.objects.get(contract=scenario["bob"], month=APRIL)
    roofer_user = user_with_role(Role.COMPANY_MEMBER, organisation=roofer)
    return {
        **scenario,
        "roof": roof,
        "roofer": roofer,
        "roofer_user": roofer_user,
        "declared": declared,
        "bob_april": bob_april,
    }


def _page(client, **params):
    return client.get(reverse("clauses:statement_queue"), params).content.decode()


def test_queue_groups_by_lot_and_filters(client, queue):
    client.force_login(queue["facilitator"])
    page = _page(client)
    assert "3 déclarations en attente" in page
    lots = sorted([queue["lot"], queue["roof"]], key=lambda lot: (lot.number, lot.pk))
    assert page.index(f'id="lot-{lots[0].pk}"') < page.index(f'id="lot-{lots[1].pk}"')
    assert page.count('name="declaration"') == 3
    assert "(Ville d&#x27;Évreux ; 2 déclarations)" in page
    assert _page(client, lot=queue["roof"].pk).count('name="declaration"') == 2
    assert _page(client, entreprise=queue["roofer"].pk).count('name="declaration"') == 2
    assert _page(client, entreprise=queue["company"].pk).count('name="declaration"') == 1
    assert _page(client, mois="2025-04").count('name="declaration"') == 1
    assert _page(client, mois="n'importe quoi").count('name="declaration"') == 3
    assert _page(client, suivies="1").count('name="declaration"') == 3
    queue["operation"].followers.clear()
    assert "Rien à valider avec ces filtres" in _page(client, suivies="1")


def test_queue_filter_by_structure(client, queue):
    from tests.factories import OrganisationFactory

    plie = OrganisationFactory(name="PLIE de l'Eure")
    queue["operation"].structure = plie
    queue["operation"].save()
    client.force_login(queue["facilitator"])
    page = _page(client)
    assert "PLIE de l&#x27;Eure" in page
    assert _page(client, structure=plie.pk).count('name="declaration"') == 3
    assert _page(client, structure=plie.pk + 1000).count('name="declaration"') == 0


def test_bulk_validation_reports_the_refused_and_validates_the_rest(client, queue, django_capture_on_commit_callbacks):
    first, second = queue["declared"]
    already = HoursStatement.objects.get(contract=queue["alice"], month=date(2025, 3, 1))  # validated
    stranger = StatementFactory(contract=ContractFactory(lot=queue["far_lot"]), month=MAY, status="declare")
    client.force_login(queue["facilitator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("clauses:statement_bulk_validate"),
            {"declaration": [first.pk, second.pk, already.pk, stranger.pk, "abc"]},
            follow=True,
        )
    page = response.content.decode()
    assert "2 déclarations validées" in page
    assert "2 déclarations non validées" in page and "déjà validée" in page and "hors de votre périmètre" in page
    statuses = dict(
        HoursStatement.objects.filter(pk__in=[first.pk, second.pk, stranger.pk]).values_list("pk", "status")
    )
    assert statuses == {
        first.pk: StatementStatus.VALIDATED,
        second.pk: StatementStatus.VALIDATED,
        stranger.pk: "declare",
    }
    assert HoursStatement.objects.get(pk=first.pk).validated_by == queue["facilitator"]
    # One e-mail for the roofer (two decisions together).
    assert [m.to for m in mail.outbox] == [[queue["roofer_user"].email]]
    assert "2 déclarations validées" in mail.outbox[0].body


def test_bulk_validation_skips_a_closed_lot(client, queue):
    first, _second = queue["declared"]
    queue["lot"].status = LotStatus.CLOSED
    queue["lot"].save(update_fields=["status"])
    client.force_login(queue["facilitator"])
    response = client.post(
        reverse("clauses:statement_bulk_validate"), {"declaration": [queue["bob_april"].pk, first.pk]}, follow=True
    )
    page = response.content.decode()
    assert "1 déclaration validée" in page and "1 déclaration non validée" in page and "clôturé" in page
    assert HoursStatement.objects.get(pk=first.pk).status == StatementStatus.VALIDATED
    assert HoursStatement.objects.get(pk=queue["bob_april"].pk).status == StatementStatus.SUBMITTED


def test_bulk_validation_is_for_facilitators(client, queue):
    client.force_login(queue["company_user"])
    url = reverse("clauses:statement_bulk_validate")
    assert client.post(url, {"declaration": [queue["bob_april"].pk]}).status_code == 403
    assert HoursStatement.objects.get(pk=queue["bob_april"].pk).status == StatementStatus.SUBMITTED
    client.force_login(queue["facilitator"])
    assert client.get(url).status_code == 405
    response = client.post(url, {}, follow=True)
    assert "Cochez au moins une déclaration" in response.content.decode()


def test_queue_pages_by_fifty_with_constant_queries(client, queue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(queue["facilitator"])
    url = reverse("clauses:statement_queue")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    roof = queue["roof"]
    for index in range(55):
        StatementFactory(
            contract=ContractFactory(lot=roof, employer=queue["roofer"]), month=MAY, status="declare", hours=index
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count('name="declaration"') == 50 and "Page 1 sur 2" in page
    assert len(many.captured_queries) <= len(few.captured_queries) + 1
    assert client.get(url, {"page": 2}).content.decode().count('name="declaration"') == 8


def _declared_on(statement, *moment):
    from datetime import datetime

    from django.utils import timezone

    HoursStatement.objects.filter(pk=statement.pk).update(declared_at=timezone.make_aware(datetime(*moment)))


def test_late_declarations_are_flagged_in_words_and_filterable(client, queue):
    """May's hours are due on 10 June (default calendar): the 10th at 23:00 is on time, the 11th is late."""
    on_time, late = queue["declared"]
    _declared_on(on_time, 2025, 6, 10, 23, 0)
    _declared_on(late, 2025, 6, 11, 0, 30)
    _declared_on(queue["bob_april"], 2025, 5, 3, 9, 0)
    client.force_login(queue["facilitator"])
    page = _page(client)
    assert page.count("En retard") == 1
    assert "déclarée le 11/06/2025" in page
    assert "après le 10 du mois suivant" in page
    only_late = _page(client, retard="1")
    assert only_late.count('name="declaration"') == 1 and f'value="{late.pk}"' in only_late
    assert "1 déclaration en attente (filtrées)" in only_late


def test_lateness_follows_the_mdes_deadline_day(client, queue):
    from maillage.clauses.models import DeclarationCalendar

    on_time, late = queue["declared"]
    _declared_on(on_time, 2025, 6, 10, 23, 0)
    _declared_on(late, 2025, 6, 11, 0, 30)
    _declared_on(queue["bob_april"], 2025, 5, 3, 9, 0)
    DeclarationCalendar.objects.create(pk=1, deadline_day=15)
    client.force_login(queue["facilitator"])
    assert "En retard" not in _page(client)
    DeclarationCalendar.objects.filter(pk=1).update(deadline_day=1)
    assert _page(client, retard="1").count('name="declaration"') == 3


def test_a_declaration_sent_again_after_a_rejection_takes_its_new_date(queue):
    from django.utils import timezone

    statement = queue["declared"][0]
    _declared_on(statement, 2025, 6, 2, 9, 0)
    HoursStatement.objects.filter(pk=statement.pk).update(status=StatementStatus.REJECTED)
    services.record_statement(queue["roofer_user"], statement.contract, month=MAY, hours=Decimal("25"), by_company=True)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.SUBMITTED
    assert statement.declared_at.date() == timezone.now().date()

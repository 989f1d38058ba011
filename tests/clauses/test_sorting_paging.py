"""Long clause tables are paged on the server and sortable by accessible column headers."""

from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.clauses import services
from maillage.kernel.pagination import PER_PAGE
from tests.clauses.factories import LotFactory, MarketFactory

pytestmark = pytest.mark.django_db
LAST, BEFORE_LAST = f"Essai {PER_PAGE + 9:03d}", f"Essai {PER_PAGE + 8:03d}"  # the largest targets
FAR_DOWN = "Essai 010"  # on the second page when sorted by target, largest first


@pytest.fixture
def many_lots(scenario):
    market = MarketFactory(operation=scenario["operation"])
    lots = [
        LotFactory(market=market, label=f"Essai {n:03d}", target_hours=Decimal(100 + n)) for n in range(PER_PAGE + 10)
    ]
    for lot in lots:
        services.assign_counting_rule(lot)
    return lots


def test_the_dashboard_table_is_paged_and_sorted_by_a_figure(client, scenario, many_lots):
    client.force_login(scenario["facilitator"])
    page = client.get(reverse("clauses:dashboard")).content.decode()
    assert page.count('<a href="/clauses/lots/') <= PER_PAGE + 15  # one page of rows, plus the alerts
    assert "Page 1 sur 2" in page
    sorted_page = client.get(reverse("clauses:dashboard"), {"tri": "-prevues"}).content.decode()
    first_rows = sorted_page.split("<tbody>")[1]
    assert first_rows.index(LAST) < first_rows.index(BEFORE_LAST)
    assert 'aria-sort="descending"' in sorted_page
    second = client.get(reverse("clauses:dashboard"), {"tri": "-prevues", "page": 2}).content.decode()
    assert "Essai 000" in second.split("<tbody>")[1] and LAST not in second.split("<tbody>")[1]


def test_sort_headers_are_links_that_keep_the_filters_and_say_the_direction(client, scenario, many_lots):
    client.force_login(scenario["facilitator"])
    page = client.get(reverse("clauses:lot_list"), {"q": "essai", "page": 2}).content.decode()
    assert 'aria-sort="ascending"' in page  # the default order (by operation) is announced
    assert 'href="?q=essai&amp;tri=-prevues"' in page  # figures sort the largest first; back to page 1
    assert "trier par ordre décroissant" in page and "(trié par ordre croissant)" in page
    by_rate = client.get(reverse("clauses:lot_list"), {"q": "essai", "tri": "-prevues"}).content.decode()
    body = by_rate.split("<tbody>")[1]
    assert body.index(LAST) < body.index(FAR_DOWN)
    unknown = client.get(reverse("clauses:lot_list"), {"tri": "'; drop table"})
    assert unknown.status_code == 200


def test_operations_and_participants_sort_by_their_headers(client, scenario):
    from tests.clauses.factories import OperationFactory

    OperationFactory(name="Aaa première", commune=scenario["operation"].commune)
    OperationFactory(name="Zzz dernière", commune=scenario["operation"].commune)
    client.force_login(scenario["facilitator"])
    body = client.get(reverse("clauses:operation_list"), {"tri": "-operation"}).content.decode().split("<tbody>")[1]
    assert body.index("Zzz dernière") < body.index("Groupe scolaire") < body.index("Aaa première")
    page = client.get(reverse("clauses:participant_list"), {"tri": "-nom"}).content.decode()
    assert 'aria-sort="descending"' in page
    body = page.split("<tbody>")[1]
    assert body.index("MARTIN") < body.index("BERNARD")


def test_participants_sort_by_name_as_people_read_it(client, scenario):
    """SQL sorts the raw bytes: « Écalard » came after « Zola ». The folded name puts it among the E."""
    from tests.clauses.factories import ContractFactory

    lot = scenario["lot"] if "lot" in scenario else scenario["operation"].markets.first().lots.first()
    for name in ("Zola", "Écalard", "Dupont"):
        ContractFactory(lot=lot, participant__last_name=name)
    client.force_login(scenario["facilitator"])
    body = client.get(reverse("clauses:participant_list"), {"tri": "nom"}).content.decode().split("<tbody>")[1]
    assert body.index("DUPONT") < body.index("ÉCALARD") < body.index("MARTIN") < body.index("ZOLA")


def test_the_hours_declared_by_a_company_are_paged_latest_first_names_folded(client, scenario):
    """The company space was cut at the 200 latest declarations and a lot's page at 120: older ones could not
    be reached. Within a month, names sort as people read them (« Écalard » before « Zola »)."""
    from datetime import date

    from maillage.clauses.models import HoursStatement
    from tests.clauses.factories import ContractFactory, StatementFactory

    lot, alice = scenario["lot"], scenario["alice"]
    HoursStatement.objects.bulk_create(
        HoursStatement(
            contract=alice,
            lot=lot,
            participant=alice.participant,
            month=date(2000 + n // 12, n % 12 + 1, 1),
            hours=Decimal("10"),
            status="valide",
        )
        for n in range(210)
    )
    for name in ("Zola", "Écalard"):
        contract = ContractFactory(lot=lot, employer=scenario["company"], participant__last_name=name)
        StatementFactory(contract=contract, month=date(2025, 4, 1), hours=Decimal("5"))
    total = 4 + 210 + 2
    last_page = str(-(-total // PER_PAGE))
    client.force_login(scenario["company_user"])
    for url in (reverse("clauses:company_space"), reverse("clauses:company_lot", args=[lot.pk])):
        first = client.get(url).content.decode()
        assert f"{total} déclarations" in first and "01/2000" not in first
        body = first.split("Déclarations ")[-1]
        assert body.index("BERNARD") < body.index("ÉCALARD") < body.index("ZOLA") < body.index("03/2025")
        last = client.get(url, {"page": last_page}).content.decode()
        assert "01/2000" in last and "04/2025" not in last


def test_operations_sort_names_folded_and_states_in_the_workflow_order(client, scenario):
    """Names sorted on the raw text put « École » after « Zone »; states sorted by their codes put « Clôturée »
    first. Names fold (É among the E), states follow the workflow (prospecting first)."""
    from tests.clauses.factories import OperationFactory

    commune = scenario["operation"].commune
    OperationFactory(name="Zone d'activités", commune=commune, status="prospection")
    OperationFactory(name="École Jules-Ferry", commune=commune, status="cloturee")
    OperationFactory(name="Déviation nord", commune=commune, status="execution")
    client.force_login(scenario["facilitator"])
    names = ["Déviation nord", "École Jules-Ferry", "Groupe scolaire", "Zone d&#x27;activités"]

    def order(**params):
        body = client.get(reverse("clauses:operation_list"), params).content.decode().split("<tbody>")[1]
        return sorted(names, key=body.index)

    assert order(tri="operation") == names
    assert order(tri="etat")[0] == "Zone d&#x27;activités" and order(tri="etat")[-1] == "École Jules-Ferry"
    export = client.get(reverse("clauses:operation_list"), {"tri": "operation", "export": "csv"}).content.decode()
    assert export.index("Déviation nord") < export.index("École Jules-Ferry") < export.index("Zone d'activités")


def test_outcomes_due_and_share_requests_sort_by_their_headers(client, scenario):
    """Both lists had fixed orders; names now sort folded (« Écalard » before « Zola »)."""
    import datetime

    from maillage.clauses.models import ShareRequest
    from maillage.clauses.policies import structure_ids
    from maillage.clauses.services.sizing import add_months
    from tests.clauses.factories import ContractFactory
    from tests.factories import OrganisationFactory, user_with_role

    facilitator, lot = scenario["facilitator"], scenario["lot"]
    ended = add_months(datetime.date.today(), -6)
    for days, name in ((0, "Zola"), (5, "Écalard"), (10, "Dupont")):  # Zola waits the longest
        ContractFactory(
            lot=lot,
            start_on=datetime.date(2023, 1, 1),
            end_on=ended - datetime.timedelta(days=10 - days),
            participant__last_name=name,
        )
    client.force_login(facilitator)
    url = reverse("clauses:outcomes_due")

    def order(url, names, **params):
        body = client.get(url, params).content.decode().split("<tbody>")[1]
        return sorted(names, key=body.index)

    people = ["DUPONT", "ÉCALARD", "ZOLA"]
    assert order(url, people) == ["ZOLA", "ÉCALARD", "DUPONT"]  # the longest waiting first, as before
    assert order(url, people, tri="personne") == people
    page = client.get(url, {"tri": "-personne"}).content.decode()
    assert 'aria-sort="descending"' in page and order(url, people, tri="-personne") == people[::-1]

    (holder,) = structure_ids(facilitator)
    for name, structure in (("Zola", "Association Zéphyr"), ("Écalard", "PLIE de l'Eure"), ("Dupont", "École")):
        requester = user_with_role("facilitateur", organisation=OrganisationFactory(name=structure))
        ShareRequest.objects.create(
            participant=ContractFactory(lot=lot, participant__last_name=f"{name}-Partage").participant,
            requested_by=requester,
            requester_structure=requester.memberships.get().organisation,
            holder_structure_id=holder,
        )
    url = reverse("clauses:share_requests")
    shared = ["DUPONT-PARTAGE", "ÉCALARD-PARTAGE", "ZOLA-PARTAGE"]
    assert order(url, shared) == ["ZOLA-PARTAGE", "ÉCALARD-PARTAGE", "DUPONT-PARTAGE"]  # the oldest first
    assert order(url, shared, tri="personne") == shared
    # By the requesting structure, folded: Association Zéphyr, École, PLIE de l'Eure.
    assert order(url, shared, tri="demandeur") == ["ZOLA-PARTAGE", "DUPONT-PARTAGE", "ÉCALARD-PARTAGE"]


def test_the_lot_list_sorts_operation_names_folded_like_its_export(client, scenario):
    """The page sorted the raw names (« École » after « Zone ») while its export folded them: two orders."""
    from tests.clauses.factories import OperationFactory

    commune = scenario["operation"].commune
    for name in ("Zone d'activités", "École Jules-Ferry"):
        lot = LotFactory(market=MarketFactory(operation=OperationFactory(name=name, commune=commune)), label="Lot 1")
        services.assign_counting_rule(lot)
    client.force_login(scenario["facilitator"])
    names = ["École Jules-Ferry", "Groupe scolaire", "Zone d&#x27;activités"]
    body = client.get(reverse("clauses:lot_list")).content.decode().split("<tbody>")[1]
    assert sorted(names, key=body.index) == names
    export = client.get(reverse("clauses:lot_list"), {"export": "csv"}).content.decode("utf-8-sig")
    assert export.index("École Jules-Ferry") < export.index("Groupe scolaire") < export.index("Zone d'activités")

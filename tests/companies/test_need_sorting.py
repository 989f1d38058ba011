"""The recruitment needs list sorts by its column headers, keeps the sort with the filters, pages and exports."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from maillage.companies.models import ContractType, NeedStatus
from maillage.kernel.pagination import PER_PAGE

from .factories import AppellationFactory, EstablishmentFactory, RecruitmentNeedFactory

pytestmark = pytest.mark.django_db
URL = reverse("companies:need_list")
SOON = datetime.date.today() + datetime.timedelta(days=30)


def _body(response) -> str:
    return response.content.decode().split("<tbody>")[1]


@pytest.fixture
def needs(establishment):
    zinc = EstablishmentFactory(name="Zinguerie du Val")
    return {
        "welder": RecruitmentNeedFactory(
            establishment=establishment,
            appellation=AppellationFactory(label="Soudeur / Soudeuse"),
            contract_type=ContractType.INTERIM,
            positions=1,
            wanted_by=SOON,
            status=NeedStatus.FILLED,
        ),
        "baker": RecruitmentNeedFactory(
            establishment=zinc,
            appellation=AppellationFactory(label="Boulanger / Boulangère"),
            contract_type=ContractType.APPRENTICESHIP,
            positions=5,
            wanted_by=SOON + datetime.timedelta(days=60),
            status=NeedStatus.OPEN,
        ),
        "driver": RecruitmentNeedFactory(
            establishment=zinc,
            appellation=AppellationFactory(label="Conducteur / Conductrice de bus"),
            contract_type=ContractType.CDD,
            positions=3,
            wanted_by=SOON + datetime.timedelta(days=10),
            status=NeedStatus.CANCELLED,
        ),
    }


def _order(response, needs) -> list[str]:
    body = _body(response)
    return sorted(needs, key=lambda key: body.index(needs[key].appellation.label))


def test_needs_sort_by_each_shown_column(client, charge_mission, needs):
    client.force_login(charge_mission)
    everything = {"etat": "tous"}
    default = client.get(URL, everything)
    assert _order(default, needs) == ["welder", "driver", "baker"]  # soonest hiring first, as before
    assert 'aria-sort="ascending"' in default.content.decode()
    assert _order(client.get(URL, {**everything, "tri": "metier"}), needs) == ["baker", "driver", "welder"]
    by_positions = client.get(URL, {**everything, "tri": "-postes"})
    assert _order(by_positions, needs) == ["baker", "driver", "welder"]
    assert 'aria-sort="descending"' in by_positions.content.decode()
    assert _order(client.get(URL, {**everything, "tri": "-etablissement"}), needs)[-1] == "welder"
    # Choices sort by what the page shows, not by their stored codes (« apprentissage » < « cdd » < « interim »):
    # the labels alphabetically (CDD, Contrat d'apprentissage, Intérim)...
    assert _order(client.get(URL, {**everything, "tri": "contrat"}), needs) == ["driver", "baker", "welder"]
    # ... and the status in the need's life (à pourvoir, pourvu, abandonné), not « abandonne » < « ouvert ».
    assert _order(client.get(URL, {**everything, "tri": "etat"}), needs) == ["baker", "welder", "driver"]


def test_the_sort_keeps_the_filters_goes_back_to_page_one_and_ignores_unknown_keys(client, charge_mission, needs):
    client.force_login(charge_mission)
    page = client.get(URL, {"etat": "tous", "q": "ou", "page": 2, "tri": "metier"}).content.decode()
    assert 'href="?etat=tous&amp;q=ou&amp;tri=-metier"' in page  # the other filters stay, page 1 again
    assert '<input type="hidden" name="tri" value="metier">' in page  # filtering again keeps the sort
    assert "trier par ordre décroissant" in page and "(trié par ordre croissant)" in page
    for wrong in ("'; drop table", "-", "nom", "appellation__fiche__label"):
        response = client.get(URL, {"etat": "tous", "tri": wrong})
        assert response.status_code == 200
        assert _order(response, needs) == ["welder", "driver", "baker"]


def test_pages_of_equal_values_are_stable_and_disjoint(client, charge_mission, establishment):
    appellation = AppellationFactory(label="Cariste")
    for _ in range(PER_PAGE + 5):
        RecruitmentNeedFactory(establishment=establishment, appellation=appellation, wanted_by=SOON)
    client.force_login(charge_mission)
    first = client.get(URL, {"tri": "-metier"}).context["page"]
    second = client.get(URL, {"tri": "-metier", "page": 2}).context["page"]
    ids = [n.pk for n in first] + [n.pk for n in second]
    assert len(set(ids)) == PER_PAGE + 5
    assert ids == sorted(ids, reverse=True)  # ties broken by primary key, in the asked direction


def test_the_export_follows_the_sort_of_the_page(client, charge_mission, needs):
    client.force_login(charge_mission)
    response = client.get(URL, {"etat": "tous", "tri": "-postes", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1:]
    assert [row[5] for row in rows] == [
        needs["baker"].appellation.label,
        needs["driver"].appellation.label,
        needs["welder"].appellation.label,
    ]


def test_the_establishments_export_and_commune_sort_follow_the_page(client, charge_mission, needs):
    from tests.factories import CommuneFactory

    EstablishmentFactory(name="Abattoir d'Évreux", commune=CommuneFactory(name="Évreux", search_name="evreux"))
    EstablishmentFactory(name="Verrerie", commune=CommuneFactory(name="Vernon", search_name="vernon"))
    client.force_login(charge_mission)
    url = reverse("companies:establishment_list")
    page = [e.name for e in client.get(url, {"tri": "commune"}).context["page"]]
    assert page.index("Abattoir d'Évreux") < page.index("Verrerie")  # not after Vernon, as raw bytes sort « É »
    response = client.get(url, {"tri": "-nom", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1:]
    names = [row[1] for row in rows]
    assert names == sorted(names, reverse=True) and names[0] == "Zinguerie du Val"

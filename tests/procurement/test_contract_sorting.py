"""The contracts list sorts by its headers: texts accent-folded, amounts and dates largest first with the
unknown ones last, ties broken by id, a bad ``tri`` ignored, pages read ids first."""

from datetime import date

import pytest
from django.urls import reverse

from maillage.procurement import services
from maillage.procurement.decp.importer import DecpImporter
from maillage.procurement.models import Buyer, Contract

from .conftest import EPN
from .factories import contract

URL = reverse("procurement:contract_list")


@pytest.fixture
def listed(territory):
    """Six contracts; refs in order of creation: T1…T6 (keys of the returned dict)."""
    made = {
        "élagage": contract(epci=EPN, object="Élagage des arbres", buyer_siret="21270229400014",
                            buyer_name="Évreux Portes de Normandie", cpv="77211400", amount=None,
                            notified_on=date(2024, 5, 2), social="clause"),
        "voirie": contract(epci=EPN, object="Voirie communale", buyer_siret="27270001100011",
                           buyer_name="Eure Habitat", cpv="45233140", amount=80000,
                           notified_on=date(2023, 1, 10), social=""),
        "zinguerie": contract(epci=EPN, object="zinguerie de l'école", buyer_siret="20000000000001",
                              buyer_name="Agglo Seine-Eure", cpv="45261310", amount=250000,
                              notified_on=None, social=None),
        "accueil": contract(epci=EPN, object="Accueil de loisirs", buyer_siret="21270229400014",
                            buyer_name="Évreux Portes de Normandie", cpv="85320000", amount=80000,
                            notified_on=date(2025, 2, 1), social="reserved"),
        "menuiserie": contract(epci=EPN, object="Menuiseries", buyer_siret="21000000000002",
                               buyer_name="Ville de Zèbre", cpv="45421000", amount=5000,
                               notified_on=date(2023, 1, 10), social=""),
    }  # fmt: skip
    return {name: c.pk for name, c in made.items()}


def order(client, listed, **params):
    response = client.get(URL, {"territoire": "france", **params})
    assert response.status_code == 200
    names = {pk: name for name, pk in listed.items()}
    return [names[c.pk] for c in response.context["page"]]


@pytest.fixture
def reader(client, viewer):
    client.force_login(viewer)
    return client


def test_default_order_is_most_recent_first_unknown_dates_last(reader, listed):
    expected = ["accueil", "élagage", "menuiserie", "voirie", "zinguerie"]  # 10/01/2023 twice: higher id first
    assert order(reader, listed) == expected
    assert order(reader, listed, tri="-notification") == expected
    # Ascending: oldest first, ties by id ascending, the unknown date still last.
    assert order(reader, listed, tri="notification") == ["voirie", "menuiserie", "élagage", "accueil", "zinguerie"]


def test_texts_sort_accent_and_case_folded_both_ways(reader, listed):
    objects = ["accueil", "élagage", "menuiserie", "voirie", "zinguerie"]
    assert order(reader, listed, tri="objet") == objects  # « Élagage » among the E, « zinguerie » with the Z
    assert order(reader, listed, tri="-objet") == objects[::-1]
    # Buyers: Agglo, Eure Habitat, Évreux ×2 (by id), Ville de Zèbre.
    assert order(reader, listed, tri="acheteur") == ["zinguerie", "voirie", "élagage", "accueil", "menuiserie"]
    assert order(reader, listed, tri="-acheteur") == ["menuiserie", "accueil", "élagage", "voirie", "zinguerie"]
    assert order(reader, listed, tri="cpv") == ["voirie", "zinguerie", "menuiserie", "élagage", "accueil"]
    assert order(reader, listed, tri="-cpv") == ["accueil", "élagage", "menuiserie", "zinguerie", "voirie"]


def test_amounts_largest_first_unknown_last_ties_by_id(reader, listed):
    assert order(reader, listed, tri="-montant") == ["zinguerie", "accueil", "voirie", "menuiserie", "élagage"]
    assert order(reader, listed, tri="montant") == ["menuiserie", "voirie", "accueil", "zinguerie", "élagage"]
    page = reader.get(URL, {"territoire": "france"}).content.decode()
    # The amount header offers the largest first; the current sort is announced.
    assert 'href="?territoire=france&amp;tri=-montant"' in page and 'aria-sort="descending"' in page


def test_social_considerations_first_then_none_then_unknown(reader, listed):
    assert order(reader, listed, tri="social") == ["élagage", "accueil", "voirie", "menuiserie", "zinguerie"]
    assert order(reader, listed, tri="-social") == ["zinguerie", "menuiserie", "voirie", "accueil", "élagage"]


@pytest.mark.parametrize(
    "bad",
    ["lieu", "-", "objet;drop", "pk", "-buyer__name", "montant&x", "--montant", "---objet", " montant", "montant "],
)
def test_a_bad_sort_parameter_is_ignored(reader, listed, bad):
    assert order(reader, listed, tri=bad) == order(reader, listed)


def test_pages_of_a_sort_hold_every_contract_once_and_keep_the_filters(reader, territory):
    for index in range(60):
        contract(epci=EPN, amount=1000 * (index % 7), object=f"Lot {index:02d}")
    seen = []
    for number in (1, 2, 3):
        response = reader.get(URL, {"territoire": "france", "tri": "-montant", "page": number})
        seen += [c.pk for c in response.context["page"]]
    assert len(seen) == len(set(seen)) == 60
    amounts = list(Contract.objects.filter(pk__in=seen).values_list("pk", "amount"))
    by_pk = dict(amounts)
    assert [by_pk[pk] for pk in seen] == sorted(by_pk.values(), reverse=True)
    html = reader.get(URL, {"territoire": "france", "tri": "-montant", "page": 2}).content.decode()
    assert "tri=-montant&page=3" in html  # the pager keeps the sort


def test_the_export_follows_the_sort(reader, listed):
    csv = reader.get(URL, {"territoire": "france", "tri": "objet", "export": "csv"}).content.decode("utf-8-sig")
    lines = [line for line in csv.splitlines()[1:] if line]
    assert "Accueil de loisirs" in lines[0] and "zinguerie" in lines[-1]


def test_sort_keys_are_written_by_the_orm_and_by_the_decp_import(territory, fixture_path, tmp_path):
    made = contract(object="Œuvre d'Été", buyer_siret="21270229400099", buyer_name="Élancourt")
    assert made.object_key == "oeuvre d ete" and Buyer.objects.get(siret="21270229400099").name_key == "elancourt"
    DecpImporter(report_path=str(tmp_path / "r.csv")).run(services.path_sources([fixture_path("decp_test_2022.json")]))
    imported = Contract.objects.exclude(pk=made.pk)
    assert imported.exists() and not imported.filter(object_key="").exclude(object="").exists()
    sample = imported.exclude(object="").first()
    assert sample.object_key and sample.object_key == sample.object_key.lower()
    assert not Buyer.objects.exclude(name="").filter(name_key="").exists()

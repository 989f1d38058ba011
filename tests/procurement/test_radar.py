"""Radar figures, prospects and map data on a small dataset."""

import pytest

from maillage.procurement import selectors
from maillage.procurement.models import RadarSettings

from .conftest import BERNAY, EPN, SEINE_EURE, SNA
from .factories import contract, rebuild

CITY = "21270229400014"
HOUSING = "27270001100011"
LYON_BUYER = "21690123100011"


@pytest.fixture
def dataset(territory):
    # Évreux Portes de Normandie: 4 contracts, 2 with a social consideration (known for 3 of them).
    contract(epci=EPN, commune="27229", cpv="45210000", amount=400000, social="clause")
    contract(epci=EPN, commune="27229", cpv="90910000", amount=100000, social="criterion+reserved")
    contract(epci=EPN, commune="27229", cpv="90910000", amount=50000, social="")
    contract(epci=EPN, commune="27229", cpv="30200000", amount=20000, social=None, year=2019)
    # Seine-Eure: a housing body passing cleaning contracts again and again, never with a clause.
    for amount in (60000, 70000, 80000):
        contract(
            buyer_siret=HOUSING,
            buyer_name="Eure Habitat",
            epci=SEINE_EURE,
            commune="27375",
            cpv="90911200",
            amount=amount,
            social="",
        )
    # Bernay (outside the perimeter, same département) and Lyon (elsewhere).
    contract(epci=BERNAY, commune="27056", cpv="77310000", amount=30000, social="clause")
    contract(
        buyer_siret=LYON_BUYER, buyer_name="Ville de Lyon", epci="200046977", departement="69", amount=900000, social=""
    )
    rebuild()


def test_perimeter_by_default(dataset):
    query = selectors.default_query(selectors.perimeter_scope())
    data = selectors.radar(query)

    assert query.scope.kind == "perimetre"
    assert set(query.scope.epcis) == {EPN, SEINE_EURE, SNA}
    summary = data["summary"]
    assert summary["count"] == 7
    assert float(summary["amount"]) == 780000
    assert summary["known"] == 6
    assert summary["social"] == 2
    assert summary["clause"] == 1
    assert summary["criterion"] == 1
    assert summary["reserved"] == 1
    assert summary["share"] == pytest.approx(33.3)
    assert summary["unknown"] == 1


def test_by_epci_highlights_epci_without_clause(dataset):
    data = selectors.radar(selectors.default_query(selectors.perimeter_scope()))

    rows = {row["code"]: row for row in data["by_epci"]}
    assert rows[EPN]["count"] == 4
    assert rows[EPN]["share"] == pytest.approx(66.7)
    assert rows[SEINE_EURE]["count"] == 3
    assert rows[SEINE_EURE]["share"] == 0
    assert rows[SEINE_EURE]["no_clause"] is True
    assert rows[SNA]["count"] == 0  # in the perimeter, nothing published: listed at zero
    assert rows[SNA]["share"] is None
    assert [row["code"] for row in data["epcis_without_clause"]] == [SEINE_EURE, SNA]
    assert BERNAY not in rows


def test_by_division_and_labour_intensive(dataset):
    data = selectors.radar(selectors.default_query(selectors.perimeter_scope()))

    divisions = {row["code"]: row for row in data["by_division"]}
    assert divisions["90"]["count"] == 5
    assert divisions["90"]["social"] == 1
    assert divisions["90"]["labour"] is True
    assert divisions["30"]["labour"] is False
    assert divisions["30"]["share"] is None  # only a 2019 contract
    assert {row["code"] for row in data["labour_intensive"]} == {"45", "90"}


def test_labour_divisions_are_configurable(dataset):
    settings = RadarSettings.current()
    settings.labour_intensive_divisions = "30"
    settings.save()

    data = selectors.radar(selectors.default_query(selectors.perimeter_scope()))

    assert [row["code"] for row in data["labour_intensive"]] == ["30"]


def test_by_buyer(dataset):
    data = selectors.radar(selectors.default_query(selectors.france_scope()))

    buyers = data["by_buyer"]
    assert buyers[0]["siret"] == LYON_BUYER
    assert buyers[0]["name"] == "Ville de Lyon"
    housing = next(row for row in buyers if row["siret"] == HOUSING)
    assert housing["count"] == 3
    assert housing["no_clause"] is True


def test_filters(dataset):
    france = selectors.radar(selectors.default_query(selectors.france_scope()))
    assert france["summary"]["count"] == 9

    eure = selectors.contracts(selectors.default_query(selectors.departement_scope("27")))
    assert eure.count() == 8
    one_epci = selectors.contracts(selectors.default_query(selectors.epci_scope(SEINE_EURE)))
    assert one_epci.count() == 3
    cleaning = selectors.default_query(selectors.departement_scope("27"), division="90")
    assert selectors.contracts(cleaning).count() == 5
    year = selectors.default_query(selectors.france_scope(), year=2019)
    assert selectors.contracts(year).count() == 1
    buyer = selectors.default_query(selectors.france_scope(), buyer=HOUSING)
    assert selectors.summary(selectors.contracts(buyer))["count"] == 3


def test_user_territory_overrides_the_perimeter(dataset):
    scope = selectors.perimeter_scope({SEINE_EURE})
    assert scope.epcis == (SEINE_EURE,)
    assert selectors.summary(selectors.contracts(selectors.default_query(scope)))["count"] == 3


def test_perimeter_falls_back_to_the_departement_then_france(territory):
    territory.perimeter.clear()
    assert selectors.perimeter_scope().departement == "27"
    territory.departement = None
    territory.save()
    assert selectors.perimeter_scope().kind == "france"


def test_prospects(dataset):
    queryset = selectors.contracts(selectors.default_query(selectors.departement_scope("27")))

    types = selectors.prospect_types(queryset, min_contracts=2)
    assert [(row["siret"], row["cpv_division"], row["count"]) for row in types] == [(HOUSING, "90", 3)]
    assert float(types[0]["amount"]) == 210000
    assert types[0]["division_label"].startswith("Assainissement")

    buyers = selectors.prospect_buyers(queryset)
    assert [row["siret"] for row in buyers] == [HOUSING]
    assert buyers[0]["last_notified"].year == 2023


def test_map_features(dataset):
    rows = selectors.by_epci(selectors.default_query(selectors.perimeter_scope()))
    from maillage.territories.models import EpciOutline

    EpciOutline.objects.create(
        epci_id=EPN, geometry={"type": "Polygon", "coordinates": [[[1.0, 49.0], [1.2, 49.0], [1.2, 49.1], [1.0, 49.0]]]}
    )

    features = {f["properties"]["code"]: f for f in selectors.map_features(rows)["features"]}

    assert features[EPN]["geometry"]["type"] == "Polygon"
    assert features[EPN]["properties"]["classe"] == "objectif"
    assert features[SEINE_EURE]["geometry"]["type"] == "Point"  # no outline: centre of its communes
    assert features[SEINE_EURE]["properties"]["classe"] == "aucune"
    assert SNA not in features or features[SNA]["properties"]["classe"] == "inconnu"


def test_share_classes():
    assert selectors.share_class(None) == "inconnu"
    assert selectors.share_class(0) == "aucune"
    assert selectors.share_class(5) == "faible"
    assert selectors.share_class(20) == "moyenne"
    assert selectors.share_class(30) == "objectif"


def test_cells_and_contracts_give_the_same_figures(dataset):
    query = selectors.default_query(selectors.departement_scope("27"))
    from_cells = selectors.summary(selectors.source(query))
    from_contracts = selectors.summary(selectors.contracts(query))
    assert from_cells == from_contracts
    france = selectors.default_query(selectors.france_scope())
    assert selectors.by_buyer(france) == selectors._buyer_rows(
        selectors.contracts(france), selectors.AGGREGATES, "buyer_id", 25
    )


def test_import_rebuilds_the_cells(territory, fixture_path, tmp_path):
    from maillage.procurement import services

    services.run_import(services.path_sources([fixture_path("decp_test_2022.json")]), parallel=False)

    data = selectors.radar(selectors.default_query(selectors.france_scope()))
    assert data["summary"]["count"] == 5
    assert data["summary"]["social"] == 1


def test_the_radar_is_read_once_for_every_reader_until_the_next_import(
    dataset, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    query = selectors.default_query(selectors.departement_scope("27"))
    first = selectors.radar(query)
    same = selectors.default_query(selectors.departement_scope("27"))  # another reader's request
    with django_assert_max_num_queries(0):
        assert selectors.radar(same) == first
    contract(epci=BERNAY, commune="27056", cpv="77310000", amount=10000, social="clause")
    with django_capture_on_commit_callbacks(execute=True):
        rebuild()
    assert selectors.radar(query)["summary"]["count"] == first["summary"]["count"] + 1

"""Issue #12: presets by CPV group then trade (painting is not structural works, office cleaning is not waste
collection); following a DECP contract creates the clause kinds the record declares; absurd open data is not
stored."""

from datetime import date
from decimal import Decimal

import pytest

from maillage.clauses.models import ClauseKind, SizingPreset
from maillage.clauses.services import create_market_from_contract, presets_for
from tests.factories import EpciFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("cpv", "trade"),
    [
        ("45442100", "Peinture, revêtements de sols et murs"),
        ("45223100", "Charpente, structure métallique"),
        ("45262522", "Bâtiment – gros œuvre, maçonnerie"),
        ("90910000", "Propreté, nettoyage de locaux"),
        ("90511000", "Collecte et tri des déchets"),
    ],
)
def test_the_most_specific_cpv_group_comes_first(cpv, trade):
    assert presets_for(cpv)[0].trade == trade


def test_a_territory_preset_of_a_group_replaces_the_default_and_trade_breaks_ties():
    epci = EpciFactory()
    SizingPreset.objects.create(
        epci=epci,
        cpv_division="45",
        cpv_prefix="4544",
        trade="Peinture, revêtements de sols et murs",
        labour_share=Decimal("75"),
    )
    assert presets_for("45442100", epci.code)[0].labour_share == Decimal("75")
    assert presets_for("45442100")[0].labour_share == Decimal("70")
    SizingPreset.objects.create(cpv_division="90", cpv_prefix="9091", trade="Nettoyage de vitres")
    assert presets_for("90911300", trade="Nettoyage de vitres")[0].trade == "Nettoyage de vitres"


def _contract(reference, **extra):
    return create_market_from_contract(
        None,
        buyer_siret="21270229200013",
        buyer_name="Ville d'Évreux",
        object="Peinture des écoles",
        cpv_code="45442100-8",
        commune_code=None,
        amount=Decimal("400000"),
        notified_on=date(2025, 3, 10),
        duration_months=10,
        holders=[("44306184100047", "Peintures Normandes")],
        source_reference=reference,
        **extra,
    )


def test_following_a_decp_record_creates_the_declared_clause_kinds():
    market = _contract("decp-1", social_considerations={"reserved": True, "social_criterion": True})
    lot = market.lots.get()
    assert set(lot.clauses.values_list("kind", flat=True)) == {ClauseKind.RESERVED, ClauseKind.AWARD}
    assert lot.labour_share == Decimal("70")  # painting preset, not the first of division 45
    unknown = _contract("decp-2").lots.get()
    assert list(unknown.clauses.values_list("kind", flat=True)) == [ClauseKind.INSERTION]


def test_absurd_open_data_is_not_stored():
    market = create_market_from_contract(
        None,
        buyer_siret="21270229200013",
        buyer_name="Ville d'Évreux",
        object="Montant aberrant",
        cpv_code="45442100",
        commune_code=None,
        amount=Decimal("99999999999999"),
        notified_on=date(2025, 3, 10),
        duration_months=9000,
        holders=[],
        source_reference="decp-4",
    )
    assert market.amount is None and market.duration_months is None

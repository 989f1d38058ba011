from datetime import date
from decimal import Decimal

import pytest

from maillage.accounts.models import OrganisationKind
from maillage.clauses import services
from maillage.clauses.models import CompanyRole, Market, Operation
from tests.factories import CommuneFactory

from .factories import BuyerFactory

pytestmark = pytest.mark.django_db


def _create(actor=None, **overrides):
    params = {
        "buyer_siret": "21270229200013",
        "buyer_name": "Ville d'Évreux",
        "object": "Réhabilitation du gymnase",
        "cpv_code": "45262500-6",
        "commune_code": None,
        "amount": Decimal("1000000"),
        "notified_on": date(2025, 3, 10),
        "duration_months": 10,
        "holders": [("44306184100047", "Maçonnerie Normande"), ("55210055400013", "Peintures de l'Iton")],
        "source_reference": "decp-2025-0001",
    }
    params.update(overrides)
    return services.create_market_from_contract(actor, **params)


def test_creates_buyer_operation_market_lot_and_companies(facilitator):
    commune = CommuneFactory(code="27229", name="Évreux")
    market = _create(facilitator, commune_code="27229")

    operation = market.operation
    assert operation.buyer.kind == OrganisationKind.BUYER
    assert operation.buyer.siret == "21270229200013"
    assert operation.commune == commune and operation.epci_id == commune.epci_id
    assert facilitator in operation.followers.all()
    assert market.cpv_code == "45262500"
    assert market.get_absolute_url() == f"/clauses/marches/{market.pk}/"
    lot = market.lots.get()
    assert lot.epci_id == commune.epci_id
    assert lot.end_on == date(2026, 1, 10)
    # Sized with the default masonry preset: 1 M€ × 50 % × 5 % ÷ 30 €/h.
    assert lot.target_hours == Decimal("833")
    assert lot.schedule.count() == 11
    assert lot.schedule.last().cumulative_hours == Decimal("833")
    roles = {link.company.siret: link.role for link in lot.lot_companies.select_related("company")}
    assert roles == {"44306184100047": CompanyRole.HOLDER, "55210055400013": CompanyRole.CO_CONTRACTOR}
    assert lot.counting_rule is not None


def test_idempotent_on_source_reference():
    first = _create()
    second = _create(object="Autre objet")
    assert first.pk == second.pk
    assert Market.objects.count() == 1 and Operation.objects.count() == 1


def test_reuses_existing_buyer_and_company_by_siret():
    buyer = BuyerFactory(siret="21270229200013")
    market = _create(source_reference="a")
    other = _create(source_reference="b", holders=[("44306184100047", "Autre nom")])
    assert market.operation.buyer == buyer
    assert other.lots.get().companies.get() == market.lots.get().companies.get(siret="44306184100047")


def test_without_amount_or_dates_leaves_target_empty():
    market = _create(amount=None, notified_on=None, duration_months=None, cpv_code="")
    lot = market.lots.get()
    assert lot.target_hours == 0
    assert market.operation.status == "consultation"


def test_following_a_market_links_or_creates_the_establishment_with_its_real_name(facilitator):
    """One company: « Suivre ce marché » finds or creates the establishment by SIRET, never an
    organisation named by its SIRET."""
    from maillage.companies.models import Establishment
    from maillage.companies.services import UNKNOWN_COMPANY
    from tests.companies.factories import EstablishmentFactory

    commune = CommuneFactory(code="27229", name="Évreux")
    known = EstablishmentFactory(siret="73282932000074", name="Menuiserie de l'Iton", commune=commune)
    market = _create(
        facilitator,
        commune_code="27229",
        holders=[("73282932000074", ""), ("44306184100047", "Maçonnerie Normande"), ("55210055400013", "")],
    )
    companies = {lc.company.siret: lc.company for lc in market.lots.get().lot_companies.select_related("company")}
    assert companies["73282932000074"].name == "Menuiserie de l'Iton"  # from company relations
    known.refresh_from_db()
    assert known.organisation == companies["73282932000074"]
    created = Establishment.objects.get(siret="44306184100047")
    assert created.name == "Maçonnerie Normande" and created.organisation == companies["44306184100047"]
    assert companies["55210055400013"].name == UNKNOWN_COMPANY  # no name anywhere: said so, not the SIRET
    assert all(company.name != siret for siret, company in companies.items())

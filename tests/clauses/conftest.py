from datetime import date
from decimal import Decimal

import pytest

from maillage.accounts.models import OrganisationKind, Role
from maillage.clauses import services
from maillage.clauses.models import Modality
from tests.factories import EpciFactory, user_with_role

from .factories import (
    BuyerFactory,
    CommuneFactory,
    CompanyFactory,
    ContractFactory,
    EligibilityFactory,
    LotFactory,
    MarketFactory,
    OperationFactory,
    StatementFactory,
)


@pytest.fixture
def scenario(db):
    """One followed operation with a lot, two people, hours; plus an operation in another EPCI."""
    epci = EpciFactory(name="CA Évreux Portes de Normandie")
    other_epci = EpciFactory(name="CC Lointaine")
    commune = CommuneFactory(epci=epci)
    facilitator = user_with_role(Role.FACILITATOR, OrganisationKind.MDE, epcis=[epci])
    buyer = BuyerFactory(name="Ville d'Évreux")
    company = CompanyFactory(name="Maçonnerie Normande")
    operation = OperationFactory(name="Groupe scolaire", buyer=buyer, commune=commune)
    operation.followers.add(facilitator)
    lot = LotFactory(market=MarketFactory(operation=operation), commune=commune)
    services.assign_counting_rule(lot)
    services.rebuild_schedule(lot)
    services.set_lot_company(None, lot, company, "titulaire")
    alice = ContractFactory(
        lot=lot,
        employer=company,
        modality=Modality.CDI,
        end_on=None,
        participant__last_name="Martin",
        participant__sex="F",
    )
    bob = ContractFactory(
        lot=lot,
        employer=company,
        modality=Modality.ETTI,
        participant__last_name="Bernard",
        participant__sex="M",
        participant__birth_date=date(2003, 2, 1),
    )
    EligibilityFactory(participant=alice.participant)
    StatementFactory(contract=alice, month=date(2025, 2, 1), hours=Decimal("120"))
    StatementFactory(contract=alice, month=date(2025, 3, 1), hours=Decimal("100"))
    StatementFactory(contract=bob, month=date(2025, 3, 1), hours=Decimal("60"))
    StatementFactory(contract=bob, month=date(2025, 4, 1), hours=Decimal("35"), status="declare")
    far_operation = OperationFactory(name="Voirie lointaine", commune=CommuneFactory(epci=other_epci))
    far_lot = LotFactory(market=MarketFactory(operation=far_operation), commune=far_operation.commune)
    StatementFactory(contract=ContractFactory(lot=far_lot), month=date(2025, 3, 1), hours=Decimal("10"))
    buyer_user = user_with_role(Role.VIEWER, organisation=buyer)
    company_user = user_with_role(Role.COMPANY_MEMBER, organisation=company)
    return {
        "epci": epci,
        "facilitator": facilitator,
        "buyer": buyer,
        "buyer_user": buyer_user,
        "company": company,
        "company_user": company_user,
        "operation": operation,
        "lot": lot,
        "alice": alice,
        "bob": bob,
        "far_operation": far_operation,
        "far_lot": far_lot,
    }

from datetime import date
from decimal import Decimal

import pytest

from maillage.accounts.models import OrganisationKind, Role
from maillage.kernel.models import MdeSettings
from maillage.kernel.plugins import Indicator
from maillage.steering.models import Action, ActionIndicator, Axis, Funder, FunderKind, FundingLine
from maillage.steering.selectors import plan as plan_selectors
from tests.factories import CommuneFactory, EpciFactory, user_with_role

YEAR = 2025


@pytest.fixture
def epcis(db):
    evreux = EpciFactory(code="200071454", name="CA Évreux Portes de Normandie")
    seine_eure = EpciFactory(code="200089456", name="CA Seine-Eure")
    mde = MdeSettings.current()
    mde.perimeter.set([evreux, seine_eure])
    return evreux, seine_eure


@pytest.fixture
def communes(epcis):
    evreux, seine_eure = epcis
    return CommuneFactory(code="27229", name="Évreux", epci=evreux), CommuneFactory(
        code="27375", name="Louviers", epci=seine_eure
    )


def fake_catalogue(values: dict[str, int]) -> dict[str, Indicator]:
    """Indicators whose value depends on the scope, to check what steering asks of the modules."""

    def make(key, base):
        def compute(scope):
            return base * (len(scope.epci_codes) or 10) + (scope.start.year - 2000)

        return Indicator(key, f"Indicateur {key}", "personnes", compute)

    return {key: make(key, base) for key, base in values.items()}


@pytest.fixture
def catalogue(monkeypatch):
    indicators = fake_catalogue({"fake.people": 10, "fake.hours": 100})
    monkeypatch.setattr(plan_selectors, "catalogue", lambda: indicators)
    return indicators


@pytest.fixture
def state_axis(db):
    return Axis.objects.get(code="2")


@pytest.fixture
def action(state_axis):
    return Action.objects.create(axis=state_axis, year=YEAR, title="Clauses sociales et demande publique")


@pytest.fixture
def picked(action, catalogue):
    return ActionIndicator.objects.create(action=action, indicator_key="fake.people", target=Decimal("500"))


@pytest.fixture
def funders(db):
    return {
        "state": Funder.objects.create(name="État (DREETS)", kind=FunderKind.STATE),
        "epci": Funder.objects.create(name="Évreux Portes de Normandie", kind=FunderKind.LOCAL_AUTHORITY),
        "fse": Funder.objects.create(name="FSE+", kind=FunderKind.FSE),
    }


def fund(action, funder, budget, actual=0, rate=None):
    return FundingLine.objects.create(
        action=action,
        funder=funder,
        year=action.year,
        budget=Decimal(budget),
        actual=Decimal(actual),
        cofinancing_rate=rate,
    )


@pytest.fixture
def director(db):
    return user_with_role(Role.ADMIN, OrganisationKind.MDE)


@pytest.fixture
def roles(db):
    """One user per row of the permission matrix (policies.py)."""
    return {
        "director": user_with_role(Role.ADMIN, OrganisationKind.MDE),
        "charge_mission": user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE),
        "facilitator": user_with_role(Role.FACILITATOR, OrganisationKind.MDE),
        "partner": user_with_role(Role.PARTNER, OrganisationKind.FRANCE_TRAVAIL),
        "funder": user_with_role(Role.VIEWER, OrganisationKind.FUNDER),
        "company": user_with_role(Role.COMPANY_MEMBER, OrganisationKind.COMPANY),
        "partner_admin": user_with_role(Role.ADMIN, OrganisationKind.MISSION_LOCALE),
    }


def year_range(year=YEAR):
    return date(year, 1, 1), date(year, 12, 31)

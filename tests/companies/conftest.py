import pytest

from maillage.accounts.models import Organisation, OrganisationKind, Role
from tests.factories import user_with_role

from .factories import EstablishmentFactory


@pytest.fixture
def establishment(db):
    return EstablishmentFactory(name="Usine Lambda")


@pytest.fixture
def company_org(db):
    return Organisation.objects.create(name="Aéro Évreux", kind=OrganisationKind.COMPANY, siret="")


@pytest.fixture
def own_establishment(company_org):
    return EstablishmentFactory(name="Aéro Évreux – site de Guichainville", organisation=company_org)


@pytest.fixture
def company_user(company_org):
    return user_with_role(Role.COMPANY_MEMBER, OrganisationKind.COMPANY, organisation=company_org)


@pytest.fixture
def users(admin_user, charge_mission, facilitator, partner, viewer, company_user):
    return {
        "admin": admin_user,
        "charge_mission": charge_mission,
        "facilitator": facilitator,
        "partner": partner,
        "viewer": viewer,
        "company": company_user,
    }

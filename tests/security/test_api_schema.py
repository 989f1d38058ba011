"""Schemathesis over the whole OpenAPI, authenticated as two roles: 0 server errors, 0 schema violations.

Bounded: ``SCHEMATHESIS_MAX_EXAMPLES`` examples per operation (15 by default), each sent as both
roles (a facilitator and a company member), derandomised so that a run is reproducible. It is a
step of its own in ``.ci/run`` (``MAILLAGE_SCHEMATHESIS=1``); the ordinary suite skips it.
"""

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from maillage.accounts.models import OrganisationKind, Role
from tests.factories import CommuneFactory, EpciFactory, OrganisationFactory, user_with_role

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "15"))
pytestmark = pytest.mark.skipif(
    os.environ.get("MAILLAGE_SCHEMATHESIS") != "1", reason="step of its own in .ci/run (MAILLAGE_SCHEMATHESIS=1)"
)

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def tokens(db):
    epci = EpciFactory()
    CommuneFactory(epci=epci)
    company = OrganisationFactory(kind=OrganisationKind.COMPANY, name="Entreprise <b>test</b>")
    OrganisationFactory(kind=OrganisationKind.PLIE)
    facilitator = user_with_role(Role.FACILITATOR, OrganisationKind.MDE)
    member = user_with_role(Role.COMPANY_MEMBER, organisation=company)
    return {
        "facilitateur": Token.objects.create(user=facilitator).key,
        "entreprise": Token.objects.create(user=member).key,
    }


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_api_conforms_to_its_schema(case, tokens):
    for role in ("facilitateur", "entreprise"):
        case.call_and_validate(headers={"Authorization": f"Token {tokens[role]}"}, checks=CHECKS)

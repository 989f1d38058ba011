"""Issue #9: the API never answers 500 on non-numeric ids, oversized integers or absurd query values.

A quick, deterministic sweep of every path and query parameter of the OpenAPI schema (the
schemathesis step of .ci/run goes further, with generated data).
"""

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token

from maillage.accounts.models import OrganisationKind, Role
from tests.factories import user_with_role

BAD_IDS = ["abc", "null,null", "99999999999999999999999999", "-1", "1e5", "%00"]
BAD_QUERY = ["99999999999999999999999999", "-99999999999999999999", "abc", "NaN", "-28359", "\u202e"]


def _schema():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def api(client, db):
    facilitator = user_with_role(Role.FACILITATOR, OrganisationKind.MDE)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=facilitator).key}"
    return client


def test_malformed_path_ids_are_never_a_server_error(api):
    failures = []
    for path, operations in _schema()["paths"].items():
        if "{" not in path or "get" not in operations:
            continue
        for bad in BAD_IDS:
            url = path.replace("{id}", bad).replace("{code}", bad)
            status = api.get(url).status_code
            if status >= 500:
                failures.append(f"GET {url} → {status}")
    assert not failures, failures


def test_absurd_query_values_are_never_a_server_error(api):
    failures = []
    for path, operations in _schema()["paths"].items():
        if "{" in path or "get" not in operations:
            continue
        for parameter in operations["get"].get("parameters", []):
            if parameter.get("in") != "query":
                continue
            for bad in BAD_QUERY:
                status = api.get(path, {parameter["name"]: bad}).status_code
                if status >= 500:
                    failures.append(f"GET {path}?{parameter['name']}={bad} → {status}")
    assert not failures, failures


def test_bilan_is_one_object_in_the_schema_and_the_answer(api):
    operation = _schema()["paths"]["/api/v1/clauses/bilans/"]["get"]
    content = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert content.get("type") != "array"
    admin = user_with_role(Role.ADMIN, OrganisationKind.MDE)
    api.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=admin).key}"
    response = api.get("/api/v1/clauses/bilans/", {"annee": "-28359"})
    assert response.status_code == 200
    assert isinstance(response.json(), dict)


def test_html_pages_refuse_nul_and_oversized_ids(client, db):
    admin = user_with_role(Role.ADMIN, OrganisationKind.MDE)
    client.force_login(admin)
    assert client.get("/comptes/organisations/99999999999999999999999/").status_code == 404
    assert client.get("/comptes/organisations/", {"q": "a\x00b"}).status_code == 400


def test_a_nul_byte_in_a_path_is_refused_before_any_query(client, db):
    # PostgreSQL refuses NUL in text parameters: a NUL in a <str:…> path segment was a 500 there.
    assert client.get("/evenements/mon-inscription/a%00b/").status_code == 400
    assert client.get("/api/v1/referentiels/appellations/%00/").status_code == 400

"""Validating several statements through the API, as the declarations queue does: each one checked,
the refused ones reported with a reason (never a person's name), bounded in size."""

import pytest
from rest_framework.authtoken.models import Token

from maillage.clauses.models import HoursStatement, StatementStatus
from maillage.clauses.services.declarations import MAX_BULK

pytestmark = pytest.mark.django_db
URL = "/api/v1/clauses/releves/valider-plusieurs/"


def _auth(user):
    token, _ = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def _post(client, user, ids):
    return client.post(URL, {"ids": ids}, content_type="application/json", **_auth(user))


def test_a_facilitator_validates_several_and_gets_the_refusals_with_reasons(client, scenario):
    pending = HoursStatement.objects.get(contract=scenario["bob"], status=StatementStatus.SUBMITTED)
    already = HoursStatement.objects.filter(contract=scenario["alice"], status=StatementStatus.VALIDATED).first()
    far = HoursStatement.objects.get(contract__lot=scenario["far_lot"])
    HoursStatement.objects.filter(pk=far.pk).update(status=StatementStatus.SUBMITTED)
    response = _post(client, scenario["facilitator"], [pending.pk, already.pk, far.pk, 999_999])
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["validated"] == [pending.pk]
    reasons = {row["id"]: row["reason"] for row in body["refused"]}
    assert reasons[already.pk] == "déjà validée"
    # Out of scope and unknown read the same: the API does not tell which exists.
    assert reasons[far.pk] == reasons[999_999] == "déclaration introuvable ou hors de votre périmètre"
    assert "Bernard" not in response.content.decode() and "Martin" not in response.content.decode()
    pending.refresh_from_db()
    far.refresh_from_db()
    assert pending.status == StatementStatus.VALIDATED
    assert far.status != StatementStatus.VALIDATED


@pytest.mark.parametrize("who", ["company_user", "buyer_user"])
def test_only_facilitators_may_call_it(client, scenario, who):
    pending = HoursStatement.objects.get(contract=scenario["bob"], status=StatementStatus.SUBMITTED)
    assert _post(client, scenario[who], [pending.pk]).status_code == 403
    pending.refresh_from_db()
    assert pending.status == StatementStatus.SUBMITTED


def test_anonymous_is_refused(client, scenario):
    assert client.post(URL, {"ids": [1]}, content_type="application/json").status_code == 401


@pytest.mark.parametrize(
    "ids",
    [[], ["un"], [0], [2**40], list(range(1, MAX_BULK + 2)), "12"],
    ids=["vide", "texte", "zéro", "énorme", "trop", "pas une liste"],
)
def test_bad_input_gets_a_400_and_validates_nothing(client, scenario, ids):
    response = _post(client, scenario["facilitator"], ids)
    assert response.status_code == 400
    assert (
        not HoursStatement.objects.filter(status=StatementStatus.VALIDATED)
        .exclude(pk__in=HoursStatement.objects.filter(status=StatementStatus.VALIDATED).values("pk"))
        .exists()
    )
    assert HoursStatement.objects.filter(status=StatementStatus.SUBMITTED).count() == 1

"""A company working on several operations tells its lots apart: « Lot 1 – VRD » of which operation.
The operation is named without a link (its page is the facilitators'), in the lots and the declarations."""

import pytest
from django.urls import reverse

from maillage.accounts.models import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_the_company_space_names_the_operation_of_each_lot_and_declaration(client, scenario):
    member = user_with_role(Role.COMPANY_MEMBER, organisation=scenario["company"])
    client.force_login(member)
    response = client.get(reverse("clauses:company_space"))
    assert response.status_code == 200
    text = response.content.decode()
    lots_table, declarations = text.split("Mes dernières déclarations")
    assert '<th scope="col">Opération</th>' in lots_table
    assert "<td>Groupe scolaire</td>" in lots_table
    assert reverse("clauses:operation_detail", args=[scenario["operation"].pk]) not in text
    assert "– Groupe scolaire</span>" in declarations

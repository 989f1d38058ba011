"""From a contract to a market followed in the social-clauses module, in two clicks."""

import pytest
from django.urls import reverse

from maillage.clauses.models import Market
from maillage.procurement import services
from maillage.procurement.models import Contract

from .conftest import EPN
from .factories import contract


@pytest.fixture
def decp_contract(territory):
    return contract(
        epci=EPN,
        commune="27229",
        cpv="45442100",
        amount=250000,
        social="",
        object="Travaux de peinture de l'école Jean-Moulin",
        holders=[{"type": "SIRET", "id": "51635553544168", "name": "Peintures de l'Iton"}],
    )


def test_two_clicks_from_contract_to_market(client, decp_contract, facilitator):
    client.force_login(facilitator)
    detail = client.get(reverse("procurement:contract_detail", args=[decp_contract.pk]))
    follow_url = reverse("procurement:contract_follow", args=[decp_contract.pk])
    assert follow_url in detail.content.decode()

    confirm = client.get(follow_url)  # first click
    assert confirm.status_code == 200
    assert "Confirmer" in confirm.content.decode()
    response = client.post(follow_url)  # second click

    market = Market.objects.get()
    assert response.status_code == 302
    assert response.url == market.get_absolute_url()
    assert market.source_reference == decp_contract.source_reference
    assert market.cpv_code == "45442100"
    assert float(market.amount) == 250000
    assert market.operation.commune_id == "27229"
    assert market.operation.buyer.siret == decp_contract.buyer_id
    lot = market.lots.get()
    holder = lot.lot_companies.get()
    assert holder.company.siret == "51635553544168"
    assert holder.company.name == "Peintures de l'Iton"
    decp_contract.refresh_from_db()
    assert decp_contract.followed_market_pk == market.pk
    assert decp_contract.followed_by == facilitator


def test_following_twice_goes_to_the_same_market(client, decp_contract, facilitator):
    client.force_login(facilitator)
    url = reverse("procurement:contract_follow", args=[decp_contract.pk])
    client.post(url)
    again = client.post(url)

    assert Market.objects.count() == 1
    assert again.url == Market.objects.get().get_absolute_url()


@pytest.mark.parametrize("who", ["viewer", "partner", "charge_mission"])
def test_only_facilitators_follow(client, decp_contract, who, request):
    client.force_login(request.getfixturevalue(who))
    url = reverse("procurement:contract_follow", args=[decp_contract.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not Market.objects.exists()


def test_without_the_clauses_module(client, decp_contract, facilitator, monkeypatch):
    monkeypatch.setattr(services, "clauses_market_factory", lambda: None)
    client.force_login(facilitator)

    response = client.post(reverse("procurement:contract_follow", args=[decp_contract.pk]), follow=True)

    assert "pas encore disponible" in response.content.decode()
    assert Contract.objects.get().followed_market_pk is None

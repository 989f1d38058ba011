"""The home's « À faire en premier » is a card with something behind it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.kernel.plugins import Card


@pytest.mark.parametrize(
    "value,nil", [(0, True), (0.0, True), (Decimal("0"), True), ("0", True), (3, False), ("→", False), ("2026", False)]
)
def test_a_card_is_nil_when_its_count_is_zero(value, nil):
    assert Card("Vos candidats", value).is_nil is nil


def test_an_empty_first_card_does_not_lead_the_home(client, admin_user, monkeypatch):
    from maillage.core import dashboard

    cards = [
        Card("Vos candidats", 0, priority=10),
        Card("Orientations en attente de réponse", 3, alert=True, priority=20),
    ]
    monkeypatch.setattr(dashboard, "cards_for", lambda user: cards)
    client.force_login(admin_user)
    response = client.get(reverse("core:home"))
    assert response.context["main_card"].title == "Orientations en attente de réponse"
    # Nothing waiting: the role's main task leads, even empty (a new job seeker's applications).
    monkeypatch.setattr(dashboard, "cards_for", lambda user: [cards[0], Card("Offres pour vous", "→", priority=11)])
    assert client.get(reverse("core:home")).context["main_card"].title == "Vos candidats"

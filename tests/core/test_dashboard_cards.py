from unittest import mock

from maillage.core import dashboard
from maillage.core.dashboard import Card


def test_dashboard_shows_module_cards(client, facilitator):
    card = Card("Lots en retard", "3", "sur 12 lots suivis", "/clauses/", alert=True)
    with mock.patch.object(dashboard, "cards_for", return_value=[card]):
        client.force_login(facilitator)
        body = client.get("/").content.decode()
    assert "Lots en retard" in body and "sur 12 lots suivis" in body and 'href="/clauses/"' in body


def test_missing_providers_are_skipped(facilitator):
    # Only the listed providers here: the modules declared through module.py are left out.
    with (
        mock.patch.object(dashboard, "PROVIDERS", ["maillage.core.absent_dashboard_module"]),
        mock.patch.object(dashboard.plugins, "with_hook", return_value=[]),
    ):
        assert dashboard.cards_for(facilitator) == []

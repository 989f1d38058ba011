from unittest import mock

from maillage.core import dashboard
from maillage.kernel import plugins
from maillage.kernel.plugins import Card, ModuleSpec


def test_dashboard_shows_module_cards(client, facilitator):
    card = Card("Lots en retard", "3", "sur 12 lots suivis", "/clauses/", alert=True)
    with mock.patch.object(dashboard, "cards_for", return_value=[card]):
        client.force_login(facilitator)
        body = client.get("/").content.decode()
    assert "Lots en retard" in body and "sur 12 lots suivis" in body and 'href="/clauses/"' in body


def test_a_declared_hook_that_does_not_exist_fails_the_system_check():
    broken = ModuleSpec("broken", "Cassé", "", dashboard="maillage.core.absent_dashboard_module:cards")
    with mock.patch.object(plugins, "modules", return_value=(broken,)):
        errors = plugins.check_declared_hooks()
    assert [error.id for error in errors] == ["maillage.E001"]


def test_every_installed_module_declares_resolvable_hooks():
    assert plugins.check_declared_hooks() == []

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


def test_card_figures_group_quantities_and_leave_texts_as_written():
    from maillage.kernel.plugins import Card

    assert Card("Vos candidats", 3006).figure == "3\u202f006"
    assert Card("Bilans de vos marchés", "2026").figure == "2026"  # a year is not a quantity
    assert Card("Avancement", "67\u00a0%").figure == "67\u00a0%"


def test_the_home_groups_quantities_and_shows_a_year_as_a_year(client, facilitator):
    cards = [Card("Vos candidats", 3006, url="/offres/candidats/"), Card("Bilans de vos marchés", "2026")]
    with mock.patch.object(dashboard, "cards_for", return_value=cards):
        client.force_login(facilitator)
        body = client.get("/").content.decode()
    assert "Vos candidats : 3\u202f006" in body  # the main task
    assert "2026" in body and "2\u202f026" not in body

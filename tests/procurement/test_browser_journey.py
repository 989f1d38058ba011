"""The module's "done when" journey in Chromium: a facilitator imports a DECP file from the page, watches
its progress, reads on the radar which EPCI have no clause, then turns a contract into a followed market
in two clicks. Screenshots: ``e2e/screenshots/procurement-*.png``."""

import json
import re

import pytest
from playwright.sync_api import expect

from maillage.accounts.models import Role
from maillage.clauses.models import Market
from maillage.procurement.demo.synthetic import ContractFactory, communes_from_database
from tests.browser.data import seed_territory
from tests.factories import user_with_role

pytestmark = pytest.mark.browser


SEINE_EURE_PLACES = {"27375", "27701", "27400", "27100"}


@pytest.fixture
def eure(transactional_db):
    territory = seed_territory()
    facilitator = user_with_role(Role.FACILITATOR, organisation=territory.mde_organisation)
    facilitator.first_name, facilitator.last_name = "Farid", "Benali"
    facilitator.save()
    return territory, facilitator


@pytest.fixture
def decp_file(eure, tmp_path):
    records = list(ContractFactory(communes_from_database(["27"]), seed=5, buyers=8).contracts(80))
    for record in records:
        record["lieuExecution"] = {**record["lieuExecution"], "typeCode": "Code commune"}
        record["lieuExecution"]["code"] = "27375" if record["id"].endswith(("1", "2", "3")) else "27229"
        if record["lieuExecution"]["code"] in SEINE_EURE_PLACES:
            record["considerationsSociales"] = {"considerationSociale": ["Pas de considération sociale"]}
    path = tmp_path / "decp-eure.json"
    path.write_text(json.dumps({"marches": {"marche": records}}, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_radar_and_follow(browsing, eure, decp_file):
    _, facilitator = eure
    page = browsing.page
    browsing.login(facilitator)

    # Import from the page; the task reports its progress, then its result.
    browsing.goto("/marches-publics/imports/")
    page.get_by_label("Fichier DECP").set_input_files(str(decp_file))
    page.get_by_role("button", name="Lancer l'import").click()
    expect(page.locator("#import-progress")).to_contain_text("Terminé")
    expect(page.locator("#import-progress")).to_contain_text("Marchés créés")
    browsing.assert_accessible_page(strict=True)
    browsing.screenshot("procurement-import")

    # The radar of the perimeter points at the EPCI without any social clause.
    page.get_by_role("link", name="Voir le radar des marchés clausables").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Radar des marchés clausables")
    row = page.locator("tr", has=page.get_by_role("link", name="CA Seine-Eure"))
    expect(row).to_contain_text("aucune clause")
    page.wait_for_load_state("networkidle")
    browsing.assert_accessible_page(strict=True)
    browsing.screenshot("procurement-radar")

    # Two clicks from a contract of that EPCI to the followed market.
    browsing.goto("/marches-publics/marches/?epci=200089456&social=non")
    browsing.assert_accessible_page(strict=True)
    page.locator("main table tbody a").first.click()
    browsing.assert_accessible_page(strict=True)
    browsing.screenshot("procurement-contract")
    page.get_by_role("link", name="Suivre ce marché (clauses sociales)").click()
    browsing.assert_accessible_page(strict=True)
    page.get_by_role("button", name="Confirmer et ouvrir le marché").click()
    expect(page).to_have_url(re.compile(r"/clauses/"))
    market = Market.objects.get()
    assert page.url.endswith(market.get_absolute_url())
    assert market.source_reference.startswith("DECP:")
    browsing.screenshot("procurement-followed-market")

    # The prospects: the housing body's recurring markets without clause, exportable.
    browsing.goto("/marches-publics/prospects/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prospects")
    browsing.assert_accessible_page(strict=True)
    browsing.screenshot("procurement-prospects")

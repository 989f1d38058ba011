"""Browser journey of the steering module (Playwright + Debian's Chromium, marker ``browser``).

python -m pytest -m browser tests/steering/test_browser.py
"""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from maillage.steering import services
from maillage.steering.models import Action, ActionIndicator, Axis, Committee, CommitteeMember, FollowUpAction
from tests.clauses.factories import ContractFactory, LotFactory, MarketFactory, OperationFactory, StatementFactory
from tests.companies.factories import EstablishmentFactory, InteractionFactory

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect
seed_territory = pytest.importorskip("tests.browser.data").seed_territory

YEAR = date.today().year - 1  # a whole year behind us: entry, exit and six months all in it


@pytest.fixture
def steering(transactional_db):
    # Other transactional tests flush the tables, the State axes made by a migration included.
    services.ensure_state_axes()
    territory = seed_territory()
    evreux = territory.communes["27229"]
    lot = LotFactory(market=MarketFactory(operation=OperationFactory(commune=evreux)))
    contract = ContractFactory(lot=lot)
    StatementFactory(contract=contract, month=date(YEAR, 3, 1), hours=Decimal("120"))
    StatementFactory(contract=contract, month=date(YEAR, 4, 1), hours=Decimal("30.5"))
    for name in ("Usinage de l'Iton", "Mécanique du Val"):
        InteractionFactory(establishment=EstablishmentFactory(name=name, commune=evreux), date=date(YEAR, 5, 2))
    clauses_action = Action.objects.create(
        axis=Axis.objects.get(code="2"), year=YEAR, title="Clauses sociales et demande publique : une réponse solidaire"
    )
    for key, target in (("clauses.hours", 1000), ("clauses.people", 10), ("companies.met", 5)):
        ActionIndicator.objects.create(action=clauses_action, indicator_key=key, target=target)
    companies_action = Action.objects.create(
        axis=Axis.objects.get(code="2"), year=YEAR, title="Relations entreprises, événements et orientations"
    )
    for key in ("jobs.offers", "jobs.hires", "events.events_held", "events.hires", "directory.referrals_sent"):
        ActionIndicator.objects.create(action=companies_action, indicator_key=key, target=10)
    local = Axis.objects.create(code="L1", kind="local", label="Égalité des chances", order=3)
    Action.objects.create(axis=local, year=YEAR, title="100 chances – 100 emplois", is_fse_cofunded=True)
    copil = Committee.objects.create(name="COPIL MDE – Club des entreprises", kind="copil")
    CommitteeMember.objects.create(committee=copil, name="Marc Lemaire", function="Président")
    cache.clear()
    # Warm the modules' indicator code up once (first imports), so the browser's first page is not the slow one.
    warm = Client()
    warm.force_login(territory.admin)
    assert warm.get(f"/pilotage/?annee={YEAR}").status_code == 200
    return territory


def pdf_text(path) -> str:
    with open(path, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_director_steers_the_year_and_reports_to_the_state(browsing, steering):
    territory = steering
    page = browsing.page
    browsing.login(territory.admin)

    # 1. The action plan: each action's indicators filled by the modules for the year.
    browsing.goto(f"/pilotage/?annee={YEAR}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Plan d'action {YEAR}")
    hours = page.locator("[data-indicator='clauses.hours']")
    expect(hours).to_contain_text("Heures d'insertion réalisées")
    expect(hours.get_by_role("cell").nth(1)).to_have_text("150,5")
    expect(page.locator("[data-indicator='clauses.people'] td").nth(1)).to_have_text("1")
    expect(page.locator("[data-indicator='companies.met'] td").nth(1)).to_have_text("2")
    for key in ("jobs.offers", "jobs.hires", "events.events_held", "events.hires", "directory.referrals_sent"):
        # Computed by the jobs, events and directory modules (nothing there this year: 0, not « indisponible »).
        expect(page.locator(f"[data-indicator='{key}'] td").nth(1)).to_have_text("0")
    browsing.assert_accessible_page()
    browsing.screenshot("pilotage-plan")

    # 2. A COPIL meeting with a decision that becomes a follow-up action.
    page.get_by_role("navigation", name="Pilotage").get_by_role("link", name="Instances").click()
    page.get_by_role("link", name="COPIL MDE – Club des entreprises").click()
    page.get_by_role("link", name="Nouvelle réunion").click()
    page.get_by_label("Date").fill(f"{YEAR}-06-12")
    page.get_by_label("Ordre du jour").fill("Bilan du semestre ; alternance")
    page.get_by_label("Marc Lemaire").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("réunion du 12 juin")
    page.get_by_label("Décision").fill("Lancer un groupe de travail sur l'alternance")
    page.get_by_label("Action de suivi").fill("Réunir les branches et les CFA")
    page.get_by_label("Responsable").select_option(str(territory.admin.pk))
    page.get_by_label("Échéance").fill(f"{YEAR}-09-30")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.locator("#decisions")).to_contain_text("Action de suivi : Réunir les branches et les CFA – À faire")
    browsing.assert_accessible_page()
    browsing.goto("/pilotage/suivi-des-decisions/")
    expect(page.get_by_role("row", name=re.compile("Réunir les branches et les CFA"))).to_be_visible()
    assert FollowUpAction.objects.get().decision.meeting.committee.kind == "copil"

    # 3. An FSE+ participant at entry, at exit and six months after.
    page.get_by_role("navigation", name="Pilotage").get_by_role("link", name="FSE+").click()
    page.get_by_role("link", name="inscrire un participant à « 100 chances – 100 emplois »").click()
    page.get_by_label("Prénom").fill("Inès")
    page.locator("#id_last_name").fill("Benali")
    page.get_by_label("Date de naissance").fill("2001-04-02")
    page.get_by_label("Date d'entrée").fill(f"{YEAR}-02-03")
    page.get_by_label("Sexe").select_option("f")
    page.get_by_label("Situation sur le marché du travail à l'entrée").select_option("chomeur_ld")
    page.get_by_label("Niveau d'études (CITE)").select_option("3_4")
    page.get_by_label("Réside en zone rurale").select_option("non")
    browsing.assert_accessible_page()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inès Benali")
    page.get_by_role("link", name="Saisir la sortie").click()
    page.get_by_label("Date de sortie").fill(f"{YEAR}-06-30")
    page.get_by_label("Situation à la sortie").select_option("emploi")
    page.get_by_label("Qualification obtenue à la sortie").select_option("oui")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("link", name="Saisir le suivi à six mois").click()
    page.get_by_label("Date du suivi à six mois").fill(f"{YEAR}-12-30")
    page.get_by_label("En emploi six mois après la sortie").select_option("oui")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#six-mois").locator("xpath=..")).to_contain_text("30/12")
    browsing.assert_accessible_page()

    # 4. The common indicators exported for the managing authority.
    browsing.goto(f"/pilotage/fse/?annee={YEAR}")
    expect(page.locator("#indicateurs-communs")).to_contain_text("EECO11")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX (indicateurs communs FSE+)").click()
    with open(download.value.path(), "rb") as handle:
        rows = list(load_workbook(io.BytesIO(handle.read())).active.iter_rows(values_only=True))
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["EECO11"][3] == 1 and by_code["EECO02"][3] == 1 and by_code["EECR04"][3] == 1
    assert by_code["EECR05"][3] == 1 and by_code["EECO06"][3] == 1

    # 5. The yearly report to the State: the PDF carries the figures shown on screen.
    browsing.goto(f"/pilotage/rapports/?annee={YEAR}")
    page.get_by_role("button", name=f"Rédiger le rapport {YEAR}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Rapport d'activité {YEAR}")
    page.get_by_label("Axe 2 – commentaire").fill("Les clauses sociales ont progressé sur l'agglomération.")
    page.get_by_role("button", name="Enregistrer le texte").click()
    table = page.locator("table[data-report-action='Clauses sociales et demande publique : une réponse solidaire']")
    on_screen = [
        (row.locator("th").inner_text().strip(), row.locator("td").nth(1).inner_text().strip())
        for row in table.locator("tbody tr").all()
    ]
    assert on_screen == [
        ("Heures d'insertion réalisées", "150,5"),
        ("Personnes en parcours clauses sociales", "1"),
        ("Entreprises rencontrées", "2"),
    ]
    fse_line = page.locator("#fse").locator("xpath=..").inner_text()
    browsing.assert_accessible_page()
    browsing.screenshot("pilotage-rapport")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le PDF").click()
    text = pdf_text(download.value.path())
    for label, value in on_screen:
        assert re.search(re.escape(label) + r" [\d ,–]+ " + re.escape(value) + " ", text), (label, value)
    assert "Participants entrés : 1 ; en emploi à la sortie : 1 ; en emploi six mois après : 1." in text
    assert "Participants entrés : 1" in fse_line
    assert "Les clauses sociales ont progressé sur l'agglomération." in text

    # 6. The public dashboard works without an account.
    page.context.clear_cookies()
    browsing.goto(f"/pilotage/tableau-de-bord-public/?annee={YEAR}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"L'action de la Maison de l'Emploi en {YEAR}")
    expect(page.locator("[data-key='clauses.hours']")).to_have_text("150,5")
    expect(page.locator("[data-key='clauses.people']")).to_have_text("secret")
    expect(page.locator("#public-map.leaflet-container")).to_be_visible()
    browsing.assert_accessible_page()
    browsing.screenshot("pilotage-tableau-public")

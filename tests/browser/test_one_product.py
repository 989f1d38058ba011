"""Journeys of « one product »: a lot proposes candidates near its site, a company is chosen by name with
the autocomplete, natural-wording search finds the job, duplicates are merged, and errors are French."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from maillage.accounts.models import OrganisationKind, Role
from maillage.clauses import services as clause_services
from maillage.clauses.models import LotCompany
from maillage.people.models import Person
from tests.clauses.factories import LotFactory, MarketFactory, OperationFactory, ParticipantFactory
from tests.factories import OrganisationFactory, user_with_role
from tests.jobs.factories import make_candidate, make_offer, make_referential

pytestmark = pytest.mark.browser


@pytest.fixture
def site(territory):
    make_referential()
    evreux = territory.communes["27229"]
    facilitator = user_with_role(Role.FACILITATOR, organisation=territory.mde_organisation)
    buyer = OrganisationFactory(name="Ville d'Évreux", kind=OrganisationKind.LOCAL_AUTHORITY, commune=evreux)
    operation = OperationFactory(name="Atelier municipal", buyer=buyer, commune=evreux)
    operation.followers.add(facilitator)
    lot = LotFactory(
        market=MarketFactory(operation=operation),
        commune=evreux,
        cpv_code="31210000",
        label="Câblage des armoires",
        end_on=date.today() + timedelta(days=200),
    )
    clause_services.assign_counting_rule(lot)
    clause_services.rebuild_schedule(lot)
    ines = make_candidate(
        evreux, sought=["10006"], first_name="Inès", last_name="Martin", organisation=territory.partner_organisation
    )
    return {"facilitator": facilitator, "lot": lot, "evreux": evreux, "ines": ines}


def test_a_lot_proposes_candidates_near_its_site(browsing, site):
    page = browsing.page
    browsing.login(site["facilitator"])
    page.goto(browsing.url(f"/clauses/lots/{site['lot'].pk}/"), timeout=60_000)  # first page of the run: slow
    page.get_by_role("link", name="Proposer des candidats").click()
    expect(page.locator("h1")).to_have_text("Candidats proches du chantier")
    expect(page.locator("main table")).to_contain_text("Inès Martin")
    browsing.assert_accessible_page()
    browsing.screenshot("lot-candidates")
    page.get_by_role("checkbox", name="Proposer Inès Martin").check()
    page.get_by_role("button", name="Proposer à l'entreprise").click()
    # No company has an address yet: the page says so, in French, and nothing is sent.
    expect(page.locator("main")).to_contain_text("Aucun contact ni membre")


def test_the_company_of_a_lot_is_chosen_by_name_with_the_autocomplete(browsing, site):
    OrganisationFactory(name="Menuiserie du Vexin", kind=OrganisationKind.COMPANY, siret="44306184100047")
    page = browsing.page
    browsing.login(site["facilitator"])
    browsing.goto(f"/clauses/lots/{site['lot'].pk}/")
    page.get_by_text("Rattacher une entreprise").click()
    field = page.get_by_role("combobox", name="Entreprise (nom ou SIRET)")
    field.press_sequentially("vexin", delay=30)
    option = page.get_by_role("option", name="Menuiserie du Vexin – SIRET 44306184100047")
    expect(option).to_be_visible()
    field.press("ArrowDown")
    field.press("Enter")
    expect(field).to_have_value("Menuiserie du Vexin – SIRET 44306184100047")
    page.get_by_role("button", name="Rattacher").click()
    expect(page.locator("main")).to_contain_text("L'entreprise est rattachée au lot.")
    assert LotCompany.objects.filter(lot=site["lot"], company__siret="44306184100047").exists()


def test_natural_wording_finds_the_job(browsing, site, territory):
    offer = make_offer(site["evreux"], appellation="10004", title="Monteur câbleur H/F")
    make_offer(site["evreux"], appellation="10007", title="Caissier H/F")
    browsing.login(territory.admin)
    browsing.goto("/offres/?q=c%C3%A2bleur+en+%C3%A9lectronique")
    expect(page_main := browsing.page.locator("main")).to_contain_text(offer.title)
    expect(page_main).not_to_contain_text("Caissier")


def test_duplicates_are_merged_from_the_staff_page(browsing, site, territory):
    twin = ParticipantFactory(last_name="Martin", first_name="Inès", birth_date=date(1990, 3, 5))
    ines = site["ines"]
    Person.objects.filter(pk=ines.person_id).update(birth_date=date(1990, 3, 5))
    Person.objects.get(pk=ines.person_id).save()
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/personnes/doublons/")
    browsing.assert_accessible_page()
    page.get_by_role("button", name=f"Fusionner dans la fiche n° {min(twin.person_id, ines.person_id)}").click()
    expect(page.locator("main")).to_contain_text("1 fiche fusionnée")
    ines.refresh_from_db()
    twin.refresh_from_db()
    assert ines.person_id == twin.person_id


def test_errors_are_french_pages_never_the_technical_page(browsing, territory):
    browsing.login(territory.admin)
    response = browsing.page.goto(browsing.url("/cette-page-n-existe-pas/"))
    assert response.status == 404
    expect(browsing.page.locator("h1")).to_have_text("Page introuvable")
    assert "Traceback" not in browsing.page.content() and "URLconf" not in browsing.page.content()

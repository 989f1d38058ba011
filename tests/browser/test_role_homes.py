"""A home and a menu per role: each demo role logs in, walks its whole menu (and the tabs of each
module page) with no 403, and reaches its home's main task in one click from the home."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from maillage.accounts.models import OrganisationKind, Role, User
from maillage.clauses import services as clause_services
from maillage.clauses.models import HoursStatement, Modality
from maillage.jobs.models import Candidate, ConsentPurpose
from tests.clauses.factories import ContractFactory, LotFactory, MarketFactory, OperationFactory, ParticipantFactory
from tests.factories import OrganisationFactory, user_with_role

pytestmark = pytest.mark.browser

# role → the heading of its main task's page
ROLES = {
    "facilitator": "Déclarations d'heures à valider",
    "buyer": "Opérations",
    "elected": "Bilan",
    "company": "Espace entreprise",
    "counsellor": "Candidats",
    "candidate": "Candidatures",
}


@pytest.fixture
def people(territory):
    evreux = territory.communes["27229"]
    buyer_org = OrganisationFactory(name="Ville d'Évreux", kind=OrganisationKind.LOCAL_AUTHORITY, commune=evreux)
    company_org = OrganisationFactory(name="Bâtiment Marchand", kind=OrganisationKind.COMPANY, commune=evreux)
    funder_org = OrganisationFactory(name="Région Normandie", kind=OrganisationKind.FUNDER)
    facilitator = user_with_role(Role.FACILITATOR, organisation=territory.mde_organisation)
    operation = OperationFactory(name="Groupe scolaire Jean Moulin", buyer=buyer_org, commune=evreux)
    operation.followers.add(facilitator)
    lot = LotFactory(market=MarketFactory(operation=operation), commune=evreux, end_on=date.today() + timedelta(200))
    clause_services.assign_counting_rule(lot)
    clause_services.rebuild_schedule(lot)
    clause_services.set_lot_company(None, lot, company_org, "titulaire")
    contract = ContractFactory(
        lot=lot,
        participant=ParticipantFactory(),
        employer=company_org,
        modality=Modality.CDD,
        start_on=date(2025, 1, 6),
    )
    HoursStatement.objects.create(contract=contract, month=date(2025, 2, 1), hours=120)
    candidate_user = User.objects.create_user(email="candidate@exemple.fr", password="x" * 12, first_name="Fatima")
    Candidate.objects.create(
        first_name="Fatima",
        last_name="Haddad",
        commune=evreux,
        latitude=evreux.latitude,
        longitude=evreux.longitude,
        consent_at=timezone.now(),
        consent_purpose=ConsentPurpose.SHARING,
        organisation=territory.partner_organisation,
        user=candidate_user,
    )
    return {
        "facilitator": facilitator,
        "buyer": user_with_role(Role.VIEWER, organisation=buyer_org),
        "elected": user_with_role(Role.VIEWER, organisation=funder_org),
        "company": user_with_role(Role.COMPANY_MEMBER, organisation=company_org),
        "counsellor": territory.partner,
        "candidate": candidate_user,
    }


def _links(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("role", list(ROLES))
def test_role_walks_its_menu_and_reaches_its_main_task(browsing, people, role):
    page = browsing.page
    browsing.login(people[role])
    # The first page of a test server imports every module's URLs: give it time on a loaded machine.
    assert page.goto(browsing.url("/"), timeout=60_000).status == 200
    menu = [href for href in _links(page, "nav[aria-label='Menu principal'] #menu > ul.me-auto a.nav-link") if href]
    assert menu, "menu vide"
    seen = set()
    for href in menu:
        browsing.goto(href)  # asserts HTTP 200: never a 403 from the menu
        for tab in _links(page, "main nav .nav-tabs a.nav-link"):
            if tab and tab.startswith("/") and tab not in seen:
                seen.add(tab)
                browsing.goto(tab)
    browsing.goto("/")
    browsing.screenshot(f"home-{role}")
    with page.expect_navigation() as navigation:
        page.locator("#main-task").click()  # one click from the home
    assert navigation.value.status == 200
    assert ROLES[role] in page.locator("h1").first.inner_text()

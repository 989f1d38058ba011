"""Paths between clauses and job search, and one company: candidates near a lot, lots near a candidate,
« Relancer l'entreprise » reaching the establishment's contacts. Health data never crosses."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from maillage.accounts.models import OrganisationKind, Role
from maillage.clauses import services
from maillage.clauses.models import EligibilityCriterion
from maillage.clauses.selectors.nearby import lots_hiring_near, proposals_for_lot
from maillage.clauses.services.reminders import company_recipients
from maillage.clauses.trades import trades_of_cpv
from maillage.jobs.models import ConsentPurpose
from tests.companies.factories import ContactFactory, EstablishmentFactory
from tests.factories import CommuneFactory, EpciFactory, user_with_role
from tests.jobs.factories import make_candidate, make_referential

from .factories import (
    BuyerFactory,
    CompanyFactory,
    EligibilityFactory,
    LotFactory,
    MarketFactory,
    OperationFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    make_referential()
    epci = EpciFactory(name="CA Évreux Portes de Normandie")
    far_epci = EpciFactory(name="CC Lointaine")
    evreux = CommuneFactory(code="27229", name="Évreux", epci=epci, latitude=49.0241, longitude=1.1508)
    rouen = CommuneFactory(code="76540", name="Rouen", epci=far_epci, latitude=49.4431, longitude=1.0993)
    facilitator = user_with_role(Role.FACILITATOR, OrganisationKind.MDE)
    other_facilitator = user_with_role(Role.FACILITATOR, OrganisationKind.PLIE)
    company = CompanyFactory(name="Armoires Normandes", siret="")
    operation = OperationFactory(name="Atelier municipal", buyer=BuyerFactory(), commune=evreux)
    operation.followers.add(facilitator)
    lot = LotFactory(
        market=MarketFactory(operation=operation),
        commune=evreux,
        cpv_code="31210000",
        label="Câblage",
        end_on=date.today() + timedelta(days=200),
    )
    services.set_lot_company(None, lot, company, "titulaire")
    near = make_candidate(evreux, sought=["10006"], first_name="Inès", last_name="Martin", radius=20)
    far = make_candidate(rouen, sought=["10006"], first_name="Loin", last_name="Tain", radius=10)
    private = make_candidate(
        evreux, held=["10006"], first_name="Privé", last_name="Seul", consent_purpose=ConsentPurpose.SUPPORT
    )
    other_trade = make_candidate(evreux, sought=["10007"], first_name="Caisse", last_name="Ier")
    # Inès is also on a clause path, eligible only through RQTH (health data).
    participant = ParticipantFactory(
        person=near.person, last_name="Martin", first_name="Inès", birth_date=date(1990, 3, 5)
    )
    EligibilityFactory(
        participant=participant,
        criterion=EligibilityCriterion.objects.get(code="rqth"),
        valid_until=date.today() + timedelta(days=365),
    )
    participant.created_by = facilitator
    participant.save()
    return locals()


def test_trades_come_from_the_most_specific_cpv_prefix():
    assert trades_of_cpv("45330000") == ("F1603",)
    assert trades_of_cpv("45000000") == ("F1704", "F1703")
    assert trades_of_cpv("31210000") == ("H2602", "H2909")
    assert trades_of_cpv("") == ()


def test_proposals_are_near_the_site_in_the_lots_trades(world):
    proposals = proposals_for_lot(world["facilitator"], world["lot"])
    names = [p.nearby.candidate.first_name for p in proposals]
    # Not Rouen (outside her radius), not the cashier, not a file kept for its own structure only.
    assert names == ["Inès"]
    assert proposals[0].nearby.trades == ("Câbleur / Câbleuse d'armoires électriques",)


def test_rqth_eligibility_counts_only_for_who_may_see_health_data(world):
    following = proposals_for_lot(world["facilitator"], world["lot"])
    assert following[0].eligible is True
    EligibilityFactory(
        participant=world["participant"], criterion=EligibilityCriterion.objects.get(code="deld"), valid_until=None
    )
    assert proposals_for_lot(world["facilitator"], world["lot"])[0].eligible is True


@pytest.mark.parametrize(
    ("who", "lot_page", "candidate_page", "eligible_shown"),
    [
        ("facilitator", 200, 200, True),
        ("other_facilitator", 200, 200, False),
        ("facilitator_elsewhere", 404, 404, False),
        ("partner", 403, 200, False),
        ("company", 403, 404, False),
        ("viewer", 403, 404, False),
    ],
)
def test_health_data_never_crosses_matrix(client, world, who, lot_page, candidate_page, eligible_shown):
    users = {
        "facilitator": world["facilitator"],
        "other_facilitator": world["other_facilitator"],
        "facilitator_elsewhere": user_with_role(Role.FACILITATOR, OrganisationKind.PLIE, epcis=[world["far_epci"]]),
        "partner": user_with_role(Role.PARTNER, OrganisationKind.FRANCE_TRAVAIL),
        "company": user_with_role(Role.COMPANY_MEMBER, OrganisationKind.COMPANY, organisation=world["company"]),
        "viewer": user_with_role(Role.VIEWER, OrganisationKind.FUNDER),
    }
    client.force_login(users[who])
    response = client.get(reverse("clauses:lot_candidates", args=[world["lot"].pk]))
    assert response.status_code == lot_page
    pages = [response]
    if lot_page == 200:
        html = response.content.decode()
        row = html[html.index("Inès") :].split("</tr>")[0]
        assert ("<td>oui</td>" in row) is eligible_shown
    page = client.get(reverse("clauses:candidate_lots", args=[world["near"].pk]))
    assert page.status_code == candidate_page
    pages.append(page)
    if candidate_page == 200:
        assert "Câblage" in page.content.decode()
    for response in pages:
        text = response.content.decode().lower()
        assert "rqth" not in text and "handicap" not in text


def test_other_facilitator_never_learns_rqth_eligibility(world):
    """A facilitator who does not follow the person sees the candidate but not the health-based eligibility."""
    world["operation"].followers.add(world["other_facilitator"])
    (first, *_) = proposals_for_lot(world["other_facilitator"], world["lot"])
    assert first.nearby.candidate.first_name == "Inès" and first.eligible is False


def test_propose_emails_the_establishment_contacts_with_consenting_people_only(client, world):
    company = world["company"]
    company.siret = "73282932000074"
    company.save()
    establishment = EstablishmentFactory(siret="73282932000074", name="Armoires Normandes")
    ContactFactory(establishment=establishment, email="rh@armoires.example")
    ContactFactory(establishment=establishment, email="parti@armoires.example", is_active=False)
    client.force_login(world["facilitator"])
    url = reverse("clauses:lot_candidates", args=[world["lot"].pk])
    client.post(url, {"candidate": [world["near"].pk, world["private"].pk]})
    assert [m.to for m in mail.outbox] == [["rh@armoires.example"]]
    body = mail.outbox[0].body
    assert "Inès M." in body and "Privé" not in body and "rqth" not in body.lower()


def test_relancer_reaches_the_establishment_contacts_not_only_accounts(world):
    company = world["company"]
    company.siret = "73282932000074"
    company.save()
    ContactFactory(establishment=EstablishmentFactory(siret="73282932000074"), email="chantier@armoires.example")
    member = user_with_role(Role.COMPANY_MEMBER, OrganisationKind.COMPANY, organisation=company)
    assert company_recipients(world["lot"]) == sorted(["chantier@armoires.example", member.email])


def test_lots_hiring_near_a_candidate_put_their_trades_first(world):
    rows = lots_hiring_near(commune=world["evreux"], radius_km=20, fiche_codes=["H2602"])
    assert [r.lot for r in rows] == [world["lot"]] and rows[0].matches_trades
    assert lots_hiring_near(commune=world["rouen"], radius_km=10, fiche_codes=["H2602"]) == []

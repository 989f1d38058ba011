"""The events journey in a browser (Playwright + Debian's Chromium, marker ``browser``).

A chargé de mission creates an online job fair with three company stands and their offers, invites
matching candidates; a candidate registers from the public page and books an interview; the recruiter
shortlists; the staff checks people in, enters outcomes and exports the event report.

python -m pytest -m browser tests/events/test_browser.py
"""

import datetime
import re

import pytest

from maillage.accounts.models import Organisation, OrganisationKind, Role
from maillage.events.models import Event, Invitation, Outcome, Registration, StandApplication
from tests.companies.factories import EstablishmentFactory
from tests.factories import user_with_role
from tests.jobs.factories import make_candidate, make_offer, make_referential

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect
seed_territory = pytest.importorskip("tests.browser.data").seed_territory


@pytest.fixture
def fair(transactional_db):
    territory = seed_territory()
    ref = make_referential()
    staff = user_with_role(Role.CHARGE_MISSION, organisation=territory.mde_organisation)
    staff.first_name, staff.last_name = "Claire", "Mercier"
    staff.save()
    companies = []
    for name, siret, appellation, title in [
        ("Câblerie de l'Iton", "73282932000074", "10004", "Monteur câbleur H/F"),
        ("Soudure du Val", "55203253400646", "10009", "Soudeur TIG H/F"),
        ("Retouches Normandes", "40483304800022", None, None),
    ]:
        organisation = Organisation.objects.filter(siret=siret).first() or Organisation.objects.create(
            name=name, kind=OrganisationKind.COMPANY, siret=siret
        )
        establishment = EstablishmentFactory(
            name=name, siret=siret, commune=territory.communes["27229"], organisation=organisation
        )
        if appellation:
            make_offer(territory.communes["27229"], appellation=appellation, title=title, establishment=establishment)
        companies.append(establishment)
    recruiter = user_with_role(Role.COMPANY_MEMBER, organisation=companies[0].organisation)
    candidate = make_candidate(
        territory.communes["27229"],
        sought=["10004"],
        first_name="Yasmine",
        last_name="Benali",
        email="yasmine@exemple.org",
    )
    return territory, staff, companies, recruiter, candidate, ref


def test_online_job_fair_from_planning_to_report(browsing, fair):  # noqa: F811
    territory, staff, companies, recruiter, candidate, _ref = fair
    page = browsing.page
    day = datetime.date.today() + datetime.timedelta(days=30)

    # 1. The chargé de mission creates the online job fair.
    browsing.login(staff)
    page.set_default_timeout(30_000)  # a loaded CI machine; the first request also imports every module
    page.goto(browsing.url("/evenements/"), timeout=90_000)
    browsing.goto("/evenements/nouveau/")
    browsing.assert_accessible_page()
    page.get_by_label("Titre").fill("Salon en ligne de l'industrie de l'Eure")
    page.get_by_label("Type d'événement").select_option("salon_en_ligne")
    page.get_by_label("État").select_option("publie")
    page.locator("#id_start_date").fill(day.isoformat())
    page.get_by_label("Heure de début").fill("09:00")
    page.get_by_label("Heure de fin").fill("17:00")
    page.get_by_label("Modalité").select_option("ADIST")
    page.get_by_label("Places à distance").fill("200")
    page.get_by_label("Lien pour participer à distance").fill("https://visio.example.org/salon")
    page.get_by_role("main").get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L'événement est enregistré.")).to_be_visible()
    event = Event.objects.get()
    browsing.screenshot("evenements-fiche")

    # 2. Three company stands and their offers (two taken from the jobs module, one created for the fair).
    for index, establishment in enumerate(companies):
        browsing.goto(f"/evenements/{event.pk}/")
        page.get_by_label("Entreprise exposante").select_option(str(establishment.pk))
        page.get_by_role("button", name="Ajouter le stand").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Stand {establishment.name}")
        if index < 2:
            page.get_by_label("Offre du module Offres").select_option(index=1)
            page.get_by_role("button", name="Ajouter l'offre au stand").click()
        else:
            page.get_by_label("Intitulé de l'offre").fill("Retoucheur / Retoucheuse H/F")
            page.get_by_label("Métier (appellation ROME)").fill("10003")
            page.get_by_label("Type de contrat").select_option("CDD")
            page.get_by_role("button", name="Créer l'offre").click()
        expect(page.get_by_text("ajoutée au stand")).to_be_visible()
        if index == 0:
            page.get_by_label("Question (réponse oui ou non) pour « Monteur câbleur H/F »").fill(
                "Avez-vous le permis B ?"
            )
            page.get_by_label("Éliminatoire").check()
            page.get_by_role("button", name="Ajouter la question").click()
            page.get_by_label("Premier créneau").fill(f"{day.isoformat()}T10:00")
            page.get_by_label("Nombre de créneaux").fill("3")
            page.get_by_label("Modalité").select_option("visio")
            page.get_by_label("Recruteur", exact=True).fill("Julie Morel")
            page.get_by_role("button", name="Ajouter les créneaux").click()
            expect(page.get_by_text("3 créneaux ajoutés.")).to_be_visible()
            browsing.assert_accessible_page()
            browsing.screenshot("evenements-stand")
    assert event.stands.count() == 3
    event.refresh_from_db()
    assert {"H2605", "H2913", "D1207"} <= set(event.rome_codes)

    # 3. Invite the matching candidates.
    browsing.goto(f"/evenements/{event.pk}/invitations/")
    expect(page.get_by_role("cell", name="Yasmine Benali", exact=True)).to_be_visible()
    browsing.assert_accessible_page()
    page.get_by_role("button", name="Envoyer les invitations").click()
    expect(page.get_by_text("1 invitation envoyée.")).to_be_visible()
    assert Invitation.objects.filter(candidate=candidate, sent_at__isnull=False).exists()

    # 4. A candidate registers from the public page (no account) and books an interview.
    page.context.clear_cookies()
    browsing.goto("/evenements/agenda/")
    browsing.assert_accessible_page()
    browsing.screenshot("evenements-agenda")
    # The métier is chosen by its label; the code stays in the address, to share the filtered calendar.
    page.get_by_label("Métier").select_option(label="Soudeur / Soudeuse (H2913)")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"rome=H2913"))
    expect(page.get_by_label("Métier")).to_have_value("H2913")
    browsing.assert_accessible_page()
    page.get_by_role("link", name="Salon en ligne de l'industrie de l'Eure").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Salon en ligne de l'industrie de l'Eure")
    browsing.assert_accessible_page()
    page.get_by_label("Prénom").fill("Yasmine")
    page.locator("#id_last_name").fill("Benali")
    page.get_by_label("Adresse e-mail").fill("yasmine@exemple.org")
    page.get_by_label("Commune de résidence (facultatif)").fill("27229")
    page.get_by_label("J'accepte que la Maison de l'Emploi").check()
    page.get_by_role("button", name="Confirmer mon inscription").click()
    expect(page.get_by_text("Votre inscription est enregistrée.")).to_be_visible()
    browsing.assert_accessible_page()
    registration = Registration.objects.get()
    assert registration.registrant.person_id == candidate.person_id  # one person
    zone = page.locator(f"#stand-{event.stands.get(establishment=companies[0]).pk}-zone")
    zone.get_by_label("Oui").check()
    zone.get_by_role("button", name="Candidater à « Monteur câbleur H/F »").click()
    expect(page.get_by_text("Votre candidature à « Monteur câbleur H/F » est envoyée.")).to_be_visible()
    zone = page.locator(f"#stand-{event.stands.get(establishment=companies[0]).pk}-zone")
    zone.get_by_role("button", name="Réserver cet entretien avec Câblerie de l'Iton").click()
    expect(page.get_by_text("Entretien réservé le")).to_be_visible()
    browsing.assert_accessible_page()
    browsing.screenshot("evenements-mon-inscription")

    # 5. The recruiter shortlists on their own stand.
    browsing.login(recruiter)
    stand = event.stands.get(establishment=companies[0])
    browsing.goto(f"/evenements/stands/{stand.pk}/")
    page.get_by_label("Décision pour Yasmine Benali").select_option("retenu")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("La décision est enregistrée.")).to_be_visible()
    assert StandApplication.objects.get().decision == "retenu"
    browsing.goto(f"/evenements/stands/{event.stands.get(establishment=companies[1]).pk}/", expected_status=403)

    # 6. The staff checks people in and enters the outcome.
    browsing.login(staff)
    browsing.goto(f"/evenements/{event.pk}/inscrits/")
    browsing.assert_accessible_page(allow_http_status=True)  # the 403 above is in the console
    page.get_by_role("button", name="Pointer Yasmine Benali").click()
    expect(page.get_by_text("Yasmine Benali est pointé·e présent·e.")).to_be_visible()
    browsing.goto(f"/evenements/stands/{stand.pk}/")
    page.get_by_text("Suite donnée (entretien, recrutement").click()
    page.get_by_label("Entretien passé").check()
    page.get_by_label("Recruté", exact=True).check()
    page.get_by_label("Type de contrat").last.select_option("CDI")
    page.get_by_role("button", name="Enregistrer la suite pour Yasmine Benali").click()
    expect(page.get_by_text("La suite donnée est enregistrée.")).to_be_visible()
    outcome = Outcome.objects.get()
    assert (outcome.interviewed, outcome.hired, outcome.contract_type) == (True, True, "CDI")

    # 7. The event report.
    browsing.goto(f"/evenements/{event.pk}/")
    expect(page.get_by_role("cell", name="1").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Bilan XLSX").click()
    assert download.value.suggested_filename == f"bilan-evenement-{event.pk}.xlsx"
    with page.expect_download() as download:
        page.get_by_role("link", name="Bilan PDF").click()
    assert download.value.suggested_filename == f"bilan-evenement-{event.pk}.pdf"

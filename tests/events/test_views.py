import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from maillage.accounts.models import AuditEvent
from maillage.events.models import InterviewSlot, Registration, StandApplication
from maillage.events.services import stands as stand_services
from maillage.events.services.tokens import registration_token, unsubscribe_token

from .conftest import make_event, register

FORM = {
    "first_name": "Fatima",
    "last_name": "Haddad",
    "email": "fatima@exemple.org",
    "mode": "ENPHY",
    "consent": "on",
}


def test_public_pages_work_without_an_account(client, world):
    draft = make_event(world.mde, title="Brouillon secret", status="brouillon")
    response = client.get(reverse("events:calendar"))
    assert response.status_code == 200
    assert escape(world.event.title) in response.text and draft.title not in response.text
    assert client.get(reverse("events:public_event", args=[draft.pk])).status_code == 404
    feed = client.get(reverse("events:calendar_ics"))
    assert feed["Content-Type"].startswith("text/calendar") and "BEGIN:VEVENT" in feed.text
    assert "Brouillon" not in feed.text
    assert client.get(reverse("events:public_event_ics", args=[world.event.pk])).status_code == 200


def test_calendar_filters(client, world):
    make_event(world.mde, title="Webconférence transport", kind="webconference", capacity=0, remote=10)
    response = client.get(reverse("events:calendar"), {"kind": "webconference"})
    assert "Webconférence transport" in response.text and escape(world.event.title) not in response.text


def test_register_from_the_public_page_then_book_and_cancel(client, world, django_capture_on_commit_callbacks):
    url = reverse("events:public_event", args=[world.event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, FORM)
    assert response.status_code == 302
    registration = Registration.objects.get()
    manage = response["Location"]
    assert manage == reverse("events:manage_registration", args=[registration_token(registration)])
    assert manage in mail.outbox[0].body
    page = client.get(manage)
    assert "Fatima" in page.text and "Réserver cet entretien" in page.text
    booked = client.post(
        reverse("events:book_slot", args=[registration_token(registration)]), {"slot": world.slots[0].pk}
    )
    assert booked["X-Booking"] == "booked"
    assert InterviewSlot.objects.get(pk=world.slots[0].pk).booked_by_id == registration.registrant_id
    client.post(reverse("events:apply", args=[registration_token(registration), world.stand_offer.pk]))
    assert StandApplication.objects.filter(registrant=registration.registrant).count() == 1
    client.post(reverse("events:cancel_registration", args=[registration_token(registration)]))
    registration.refresh_from_db()
    assert registration.status == "annule"
    assert InterviewSlot.objects.get(pk=world.slots[0].pk).booked_by_id is None


def test_form_errors_and_full_event(client, world):
    event = make_event(world.mde, capacity=1, title="Une place", kind="job_dating")
    register(event, 1)
    response = client.post(reverse("events:public_event", args=[event.pk]), FORM)
    assert response.status_code == 200 and "plus de place" in response.text
    response = client.post(reverse("events:public_event", args=[event.pk]), {**FORM, "consent": ""})
    assert response.status_code == 200


def test_a_forged_token_is_refused(client, world):
    registration = register(world.event, 1)
    token = registration_token(registration)
    assert client.get(reverse("events:manage_registration", args=[token[:-2] + "xx"])).status_code == 404
    assert client.post(reverse("events:cancel_registration", args=["abc"])).status_code == 404


def test_rejection_is_shown_kindly(client, world):
    registration = register(world.event, 1)
    application = stand_services.apply(registration=registration, stand_offer=world.stand_offer, answers={})
    stand_services.decide(user=world.company, application=application, decision="non_retenu", reason="pourvu")
    page = client.get(reverse("events:manage_registration", args=[registration_token(registration)]))
    assert escape("Ce n'est pas lié à votre profil") in page.text


def test_unsubscribe(client, world):
    registration = register(world.event, 1, invitations_consent=True)
    url = reverse("events:unsubscribe", args=[unsubscribe_token(registration.registrant)])
    assert client.get(url).status_code == 200
    client.post(url)
    registration.registrant.refresh_from_db()
    assert registration.registrant.unsubscribed_at and not registration.registrant.invitations_consent


@pytest.mark.parametrize(
    "who, registrants, own_stand, other_stand, report, create",
    [
        ("staff", 200, 200, 200, 200, 200),
        ("partner", 403, 200, 200, 403, 403),
        ("company", 403, 200, 403, 403, 403),
        ("other_company", 403, 403, 200, 403, 403),
        ("viewer", 403, 200, 200, 403, 403),
    ],
)
def test_permission_matrix_of_staff_pages(client, world, who, registrants, own_stand, other_stand, report, create):
    client.force_login(getattr(world, who))
    pk = world.event.pk
    assert client.get(reverse("events:registrants", args=[pk])).status_code == registrants
    assert client.get(reverse("events:stand_detail", args=[world.stand.pk])).status_code == own_stand
    assert client.get(reverse("events:stand_detail", args=[world.other_stand.pk])).status_code == other_stand
    assert client.get(reverse("events:report", args=[pk, "pdf"])).status_code == report
    assert client.get(reverse("events:event_create")).status_code == create


def test_company_cannot_shortlist_on_another_stand(client, world):
    registration = register(world.event, 1)
    application = stand_services.apply(registration=registration, stand_offer=world.other_offer, answers={})
    client.force_login(world.company)
    url = reverse("events:decide", args=[world.other_stand.pk, application.pk])
    assert client.post(url, {f"d{application.pk}-decision": "retenu"}).status_code == 403
    client.force_login(world.other_company)
    client.post(url, {f"d{application.pk}-decision": "retenu"})
    application.refresh_from_db()
    assert application.decision == "retenu"


def test_co_organiser_partner_sees_registrants(client, world):
    stand_services.add_partner(event=world.event, organisation=world.partner_org, role="coorganisateur")
    client.force_login(world.partner)
    assert client.get(reverse("events:registrants", args=[world.event.pk])).status_code == 200


def test_staff_journey_pages_and_exports_are_audited(client, world):
    registration = register(world.event, 1)
    client.force_login(world.staff)
    pk = world.event.pk
    page = client.get(reverse("events:registrants", args=[pk]))
    assert "Prénom1" in page.text
    assert AuditEvent.objects.filter(actor=world.staff, action="view", object_type="events.registration").exists()
    client.post(reverse("events:check_in", args=[pk, registration.pk]))
    registration.refresh_from_db()
    assert registration.checked_in_at
    xlsx = client.get(reverse("events:registrants", args=[pk]) + "?export=xlsx")
    assert xlsx.status_code == 200
    assert AuditEvent.objects.filter(actor=world.staff, action="export").exists()
    pdf = client.get(reverse("events:report", args=[pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    assert client.get(reverse("events:report", args=[pk, "xlsx"])).status_code == 200
    badges = client.get(reverse("events:badges", args=[pk]))
    assert badges.content.startswith(b"%PDF")
    qr = client.get(reverse("events:check_in_code", args=[registration_token(registration)]))
    assert qr.status_code == 200
    assert client.get(reverse("events:yearly", args=[world.event.start_date.year])).status_code == 200


def test_staff_creates_an_event_with_default_checklist(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("events:event_create"),
        {
            "title": "Job dating du transport",
            "kind": "job_dating",
            "status": "publie",
            "start_date": "2027-03-10",
            "start_time": "09:00",
            "end_time": "12:00",
            "modality": "ENPHY",
            "capacity_on_site": "40",
            "capacity_remote": "0",
            "organiser": world.mde.pk,
            "rome_codes": "h2913 N4101",
            "publics": ["jeunes"],
        },
    )
    assert response.status_code == 302, response.text[:3000]
    event = world.event.__class__.objects.get(title="Job dating du transport")
    assert event.rome_codes == ["H2913", "N4101"] and event.checklist.count() == 7
    bad = client.post(
        reverse("events:event_create"),
        {
            "title": "x",
            "kind": "forum",
            "start_date": "2027-03-10",
            "start_time": "09:00",
            "end_time": "08:00",
            "modality": "ENPHY",
            "capacity_on_site": "0",
            "capacity_remote": "0",
            "organiser": world.mde.pk,
            "status": "publie",
        },
    )
    assert bad.status_code == 200
    assert re.search("place", bad.text)


def test_walk_in_and_registration_on_behalf_from_the_staff_pages(client, world):
    client.force_login(world.staff)
    pk = world.event.pk
    client.post(
        reverse("events:walk_in", args=[pk]),
        {
            "sur-place-first_name": "Marc",
            "sur-place-last_name": "Petit",
            "sur-place-mode": "ENPHY",
            "sur-place-consent": "on",
        },
    )
    walk_in = Registration.objects.get(registrant__person__first_name="Marc")
    assert walk_in.walk_in and walk_in.checked_in_at
    client.force_login(world.partner)
    client.post(
        reverse("events:on_behalf", args=[pk]),
        {
            "pour-first_name": "Lina",
            "pour-last_name": "Roux",
            "pour-email": "lina@exemple.org",
            "pour-mode": "ADIST",
            "pour-consent": "on",
            "pour-follow_up": "on",
        },
    )
    on_behalf = Registration.objects.get(registrant__person__first_name="Lina")
    assert on_behalf.registrant.registered_by == world.partner and on_behalf.registrant.follow_up


def test_satisfaction_of_candidates_and_companies_after_the_event(client, world):
    from maillage.events.models import Event, SatisfactionResponse

    registration = register(world.event, 1)
    Event.objects.filter(pk=world.event.pk).update(start_date=world.event.start_date.replace(year=2020))
    token = registration_token(registration)
    assert "Votre avis sur l" in client.get(reverse("events:manage_registration", args=[token])).text
    client.post(reverse("events:satisfaction", args=[token]), {"score": "4", "useful": "1", "comment": "Utile"})
    client.force_login(world.company)
    client.post(reverse("events:company_satisfaction", args=[world.stand.pk]), {"score": "5", "useful": "1"})
    client.force_login(world.other_company)
    response = client.post(reverse("events:company_satisfaction", args=[world.stand.pk]), {"score": "1", "useful": "0"})
    assert response.status_code == 403
    assert sorted(SatisfactionResponse.objects.values_list("respondent", "score")) == [
        ("candidat", 4),
        ("entreprise", 5),
    ]


def test_periodic_reminder_tasks_are_registered():
    from huey.contrib.djhuey import HUEY

    import maillage.events.tasks  # noqa: F401  (declared in module.py, imported at start-up)

    names = {getattr(task, "name", getattr(task, "__name__", "")) for task in HUEY._registry._periodic_tasks}
    assert {"send_reminders", "send_outcome_reminders"} <= {name.rsplit(".", 1)[-1] for name in names}


def test_the_event_form_shows_rome_codes_with_their_labels_and_reads_them_back(client, world):
    """« H2913 – Soudage manuel », one per line, never a bare list of codes; the search field appends to it."""
    from maillage.events.forms import EventForm
    from tests.companies.factories import RomeFicheFactory

    fiche = RomeFicheFactory(code="H2913", label="Soudage manuel")
    event = world.event
    event.rome_codes = ["H2913"]
    event.save(update_fields=["rome_codes"])
    client.force_login(world.staff)
    page = client.get(reverse("events:event_edit", args=[event.pk])).content.decode()
    assert f"H2913 – {escape(fiche.label)}</textarea>" in page
    assert 'data-autocomplete="/referentiels/fiches/autocompletion/"' in page
    assert 'data-autocomplete-append="#id_rome_codes"' in page
    assert page.index('id="id_rome_search"') < page.index('id="id_rome_codes"')
    form = EventForm()
    field = form.fields["rome_codes"]
    assert field.clean(f"H2913 – {fiche.label}\nn4101 D1207") == ["D1207", "H2913", "N4101"]
    with pytest.raises(Exception, match="Code ROME invalide : Soudure"):
        field.clean("H2913\nSoudure")


def test_public_event_page_writes_the_first_of_the_month_1er(client, world):
    world.event.start_date = datetime.date(2026, 6, 1)
    world.event.end_date = None
    world.event.save(update_fields=["start_date", "end_date"])
    response = client.get(reverse("events:public_event", args=[world.event.pk]))
    text = response.content.decode()
    assert "le lundi 1er juin 2026" in text
    assert "1 juin" not in text


def test_event_report_pdf_writes_the_first_of_the_month_1er(client, world):
    import io

    from pypdf import PdfReader

    world.event.start_date = datetime.date(2026, 6, 1)
    world.event.save(update_fields=["start_date"])
    client.force_login(world.staff)
    pdf = client.get(reverse("events:report", args=[world.event.pk, "pdf"]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "le lundi 1er juin 2026 de 09:00" in " ".join(text.split())

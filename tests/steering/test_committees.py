"""Conventions, committees, meetings, decisions and the follow-up actions they create."""

from datetime import date, timedelta

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.accounts.models import Organisation, OrganisationKind
from maillage.steering import services
from maillage.steering.models import Committee, CommitteeMember, Convention, FollowUpAction, Meeting, Member


def make_convention(**extra):
    values = {
        "title": "Convention MDE – réseau des entreprises",
        "object": "Coopérer pour l'emploi des jeunes des quartiers",
        "fields_of_cooperation": "Recrutement\nDiversité\nAlternance",
        "signed_on": date(2024, 1, 15),
        "end_on": date(2027, 1, 14),
    }
    values.update(extra)
    return Convention.objects.create(**values)


def test_decision_with_follow_up_is_tracked_until_done(client, director):
    committee = Committee.objects.create(name="COPIL de la convention", kind="copil")
    member = CommitteeMember.objects.create(committee=committee, name="Claire Martin", function="Directrice")
    client.force_login(director)
    response = client.post(
        reverse("steering:meeting_create", args=[committee.pk]),
        {
            "date": "2025-06-12",
            "place": "Évreux",
            "agenda": "Bilan du semestre",
            "minutes": "Relevé",
            "attendees": [member.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and list(meeting.attendees.all()) == [member]
    response = client.post(
        reverse("steering:meeting_detail", args=[meeting.pk]),
        {
            "text": "Lancer un groupe de travail alternance",
            "follow_up": "Réunir les branches",
            "owner": director.pk,
            "due_on": "2025-09-30",
        },
    )
    assert response.status_code == 302
    follow_up = FollowUpAction.objects.get()
    assert follow_up.decision.meeting == meeting and follow_up.owner == director and follow_up.status == "a_faire"
    page = client.get(reverse("steering:follow_up_list")).content.decode()
    assert "Réunir les branches" in page
    client.post(reverse("steering:follow_up_status", args=[follow_up.pk]), {"status": "fait"})
    follow_up.refresh_from_db()
    assert follow_up.status == "fait" and follow_up.done_on == date.today()


def test_decision_without_follow_up_and_owner_without_action_refused(client, director):
    meeting = Meeting.objects.create(
        committee=Committee.objects.create(name="CA", kind="ca"), date=date(2025, 3, 1), agenda="Budget"
    )
    client.force_login(director)
    assert (
        client.post(reverse("steering:meeting_detail", args=[meeting.pk]), {"text": "Budget adopté"}).status_code == 302
    )
    assert meeting.decisions.count() == 1 and not FollowUpAction.objects.exists()
    response = client.post(reverse("steering:meeting_detail", args=[meeting.pk]), {"text": "X", "owner": director.pk})
    assert response.status_code == 200


def test_renewal_alert_sent_once_to_mde_administrators(director):
    today = date(2026, 11, 1)
    soon = make_convention(end_on=today + timedelta(days=60))
    make_convention(title="Lointaine", end_on=today + timedelta(days=400))
    assert services.conventions_to_renew(today) == [soon]
    assert services.send_renewal_alerts(today) == 1
    assert len(mail.outbox) == 1 and director.email in mail.outbox[0].to
    assert services.send_renewal_alerts(today) == 0
    soon.refresh_from_db()
    assert soon.renewal_alert_sent_on == today


def test_convention_documents_are_downloaded_through_a_permission_check(client, director, roles, settings, tmp_path):
    convention = make_convention()
    client.force_login(director)
    upload = SimpleUploadedFile("convention.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    response = client.post(
        reverse("steering:document_add", args=[convention.pk]), {"title": "Convention signée", "file": upload}
    )
    assert response.status_code == 302
    document = convention.documents.get()
    response = client.get(reverse("steering:document_download", args=[document.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 signed"
    client.force_login(roles["company"])
    assert client.get(reverse("steering:document_download", args=[document.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("steering:document_download", args=[document.pk])).status_code == 302


def test_document_type_and_size_checked(client, director):
    convention = make_convention()
    client.force_login(director)
    upload = SimpleUploadedFile("script.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(reverse("steering:document_add", args=[convention.pk]), {"title": "X", "file": upload})
    assert response.status_code == 200 and not convention.documents.exists()


def test_members_by_college_and_convention_with_fields(client, director):
    organisation = Organisation.objects.create(name="Région Normandie", kind=OrganisationKind.LOCAL_AUTHORITY)
    client.force_login(director)
    response = client.post(
        reverse("steering:member_create"),
        {"organisation": organisation.pk, "college": "collectivites", "joined_on": "2020-01-01", "fee": "1500"},
    )
    assert response.status_code == 302 and Member.objects.get().college == "collectivites"
    response = client.post(
        reverse("steering:member_create"),
        {"organisation": organisation.pk, "college": "etat", "joined_on": "2020-01-01", "fee": "-1"},
    )
    assert response.status_code == 200
    assert "Région Normandie" in client.get(reverse("steering:member_list")).content.decode()
    convention = make_convention()
    convention.parties.add(organisation)
    html = client.get(reverse("steering:convention_detail", args=[convention.pk])).content.decode()
    assert "<li>Diversité</li>" in html and "Région Normandie" in html

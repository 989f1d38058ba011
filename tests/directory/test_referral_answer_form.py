"""The answer to a referral, from its page: a POST with errors comes back on the page with them and what was
typed, never a redirect that loses the note."""

from django.urls import reverse

from maillage.directory.models import ReferralStatus

from .test_referrals import refer


def test_a_refusal_without_reason_comes_back_with_the_error_and_the_note_typed(client, directory):
    referral = refer(directory)
    client.force_login(directory["editor"])
    response = client.post(
        reverse("directory:referral_answer", args=[referral.pk]),
        {"decision": "refuse", "reason": "", "note": "Rappeler après le 15 : groupe complet."},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_reason_error"' in page and "Un refus doit être motivé." in page
    assert 'value="Rappeler après le 15 : groupe complet."' in page
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_a_valid_answer_goes_back_to_the_referral(client, directory):
    referral = refer(directory)
    client.force_login(directory["editor"])
    url = reverse("directory:referral_answer", args=[referral.pk])
    response = client.post(url, {"decision": "accept", "note": "Bienvenue lundi."})
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:referral_detail", args=[referral.pk])
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.answer_note == "Bienvenue lundi."
    assert client.post(url, {"decision": "accept"}).status_code == 403  # answered: no second answer


def test_who_sees_the_referral_without_answering_it_is_refused(client, directory):
    referral = refer(directory)
    client.force_login(directory["counsellor"])
    response = client.post(reverse("directory:referral_answer", args=[referral.pk]), {"decision": "accept"})
    assert response.status_code == 403


def test_no_answer_is_preselected(client, directory):
    # « Accepter » was selected by default: sending the form unread accepted the person.
    referral = refer(directory)
    client.force_login(directory["editor"])
    page = client.get(reverse("directory:referral_detail", args=[referral.pk])).content.decode()
    assert '<option value="" selected>Choisir…</option>' in page
    response = client.post(reverse("directory:referral_answer", args=[referral.pk]), {"note": "Vu."})
    assert response.status_code == 200
    assert "Choisissez d&#x27;accepter ou de refuser l&#x27;orientation." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT

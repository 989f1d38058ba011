"""Self-registration: no account enumeration, a confirmed address before the profile is shared."""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from maillage.jobs.models import Candidate
from maillage.jobs.services import registration
from maillage.people.models import Person

FORM = {
    "first_name": "Inès",
    "last_name": "Dupuis",
    "password": "Un-Mot-De-Passe-2026",
    "commune": "Vernon",
    "mobility_radius_km": "30",
    "sought_job": "couturiere",
    "contracts": ["CDI"],
    "consent": "on",
}


def _register(client, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("jobs:register"), {**FORM, "email": email})


def _link(message) -> str:
    return re.search(r"https?://\S+/inscription/confirmer/\S+/", message.body).group(0).split("testserver", 1)[-1]


def test_a_known_address_gets_the_same_answer_and_no_new_account(ref, client, django_capture_on_commit_callbacks):
    known = get_user_model().objects.create_user(email="deja@exemple.fr", password="x" * 12)
    new = _register(client, "nouvelle@exemple.fr", django_capture_on_commit_callbacks)
    again = _register(client, "DEJA@exemple.fr", django_capture_on_commit_callbacks)
    assert new.status_code == again.status_code == 302
    assert new["Location"] == again["Location"] == reverse("jobs:register_sent")
    assert get_user_model().objects.filter(email__iexact="deja@exemple.fr").count() == 1
    assert not Candidate.objects.filter(user=known).exists()
    assert [m.to for m in mail.outbox] == [["nouvelle@exemple.fr"], ["deja@exemple.fr"]]
    assert "déjà un compte" in mail.outbox[1].body and "/inscription/confirmer/" not in mail.outbox[1].body


def test_the_profile_is_shared_only_once_the_address_is_confirmed(ref, client, django_capture_on_commit_callbacks):
    _register(client, "ines@exemple.fr", django_capture_on_commit_callbacks)
    candidate = Candidate.objects.get(person__email="ines@exemple.fr")
    assert not candidate.user.is_active and candidate.consent_at is None and not candidate.is_matchable
    refused = client.post(reverse("accounts:login"), {"username": "ines@exemple.fr", "password": FORM["password"]})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    link = _link(mail.outbox[0])
    assert client.get(link).status_code == 200  # opening the link changes nothing
    candidate.refresh_from_db()
    assert candidate.consent_at is None
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == reverse("jobs:candidate_edit", args=[candidate.pk])
    candidate.refresh_from_db()
    assert candidate.user.is_active and candidate.is_shared and candidate.is_matchable
    assert list(candidate.sought_appellations.values_list("fiche_id", flat=True)) == ["B1803"]
    assert candidate.contract_wishes == ["CDI"]
    client.logout()
    assert client.get(link).status_code == 400  # a link serves once
    assert client.post(link).status_code == 400


def test_a_forged_link_is_refused(ref, client):
    assert client.get(reverse("jobs:register_confirm", args=["MTIz", "abc-def"])).status_code == 400
    assert client.get(reverse("jobs:register_confirm", args=["%%%", "abc"])).status_code == 400


def test_unconfirmed_registrations_are_removed_after_a_week(ref, client, django_capture_on_commit_callbacks):
    _register(client, "oubli@exemple.fr", django_capture_on_commit_callbacks)
    _register(client, "recent@exemple.fr", django_capture_on_commit_callbacks)
    get_user_model().objects.filter(email="oubli@exemple.fr").update(date_joined=timezone.now() - timedelta(days=8))
    assert registration.purge_unconfirmed(timezone.now(), dry_run=True) == 1
    assert registration.purge_unconfirmed(timezone.now(), dry_run=False) == 1
    assert not get_user_model().objects.filter(email="oubli@exemple.fr").exists()
    assert not Person.objects.filter(email="oubli@exemple.fr").exists()
    assert Candidate.objects.filter(person__email="recent@exemple.fr").exists()

"""A form refused by the CSRF check is explained in French, with what to do; nothing is saved."""

import pytest
from django.test import Client
from django.urls import reverse

from maillage.accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_login_form_without_its_token_gets_a_french_page_with_what_to_do():
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("accounts:login"))  # the CSRF cookie is set, the token is not sent back
    response = client.post(reverse("accounts:login"), {"username": "x@example.org", "password": "y"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Le formulaire n'a pas pu être envoyé" in text
    assert "rechargez-la" in text
    assert "verification failed" not in text and "Forbidden" not in text
    assert '<html lang="fr"' in text


def test_without_any_cookie_the_page_says_to_allow_cookies():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x@example.org", "password": "y"})
    assert response.status_code == 403
    assert "autorisez-les" in response.content.decode()


def test_a_refused_post_saves_nothing():
    user = User.objects.create_user(email="someone@example.org", password="Un-mot-de-passe-2026")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"first_name": "Changé"})
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.first_name != "Changé"

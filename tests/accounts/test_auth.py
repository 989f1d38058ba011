import pytest
from django.core import mail
from django.urls import reverse

from maillage.accounts.models import Role
from tests.factories import PASSWORD, user_with_role


@pytest.mark.django_db
def test_login_with_email_case_insensitive(client):
    user = user_with_role(Role.FACILITATOR)
    response = client.post(reverse("accounts:login"), {"username": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_wrong_password_gives_french_error(client):
    user = user_with_role(Role.FACILITATOR)
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": "faux"})
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect" in response.content.decode()


@pytest.mark.django_db
def test_lockout_after_repeated_failures(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = user_with_role(Role.FACILITATOR)
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": user.email, "password": "faux"})
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_logout_requires_post_and_logs_out(client):
    user = user_with_role(Role.FACILITATOR)
    client.force_login(user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_sends_french_email_and_sets_new_password(client):
    user = user_with_role(Role.PARTNER)
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "réinitialisation" in message.subject
    link = next(line for line in message.body.splitlines() if "/mot-de-passe/reinitialiser/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    new_password = "un-nouveau-mot-de-passe-solide"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


@pytest.mark.django_db
def test_password_reset_does_not_reveal_unknown_addresses(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "inconnu@exemple.fr"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_session_cookie_is_httponly(client, settings):
    assert settings.SESSION_COOKIE_HTTPONLY is True
    user = user_with_role(Role.PARTNER)
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response.cookies["sessionid"]["httponly"]

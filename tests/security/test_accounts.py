"""Issue #9 regressions: account takeover, self-escalation, lockout bypass, invitations, API tokens."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from maillage.accounts.models import Membership, OrganisationKind, Role, User
from tests.factories import PASSWORD, EpciFactory, MembershipFactory, OrganisationFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def plie():
    return OrganisationFactory(kind=OrganisationKind.PLIE)


@pytest.fixture
def plie_admin(plie):
    return user_with_role(Role.ADMIN, organisation=plie)


def test_takeover_partner_admin_cannot_attach_the_platform_admin(client, plie, plie_admin, admin_user):
    """Finding: a partner admin attached the platform administrator to their organisation."""
    client.force_login(plie_admin)
    response = client.post(
        reverse("accounts:membership_create", args=[admin_user.pk]),
        {"organisation": plie.pk, "role": Role.VIEWER, "is_active": "on"},
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=admin_user, organisation=plie).exists()


def test_takeover_partner_admin_cannot_change_email_of_user_from_elsewhere(client, plie, plie_admin):
    """Finding: then changed that user's e-mail (and reset the password through it)."""
    victim = user_with_role(Role.PARTNER, OrganisationKind.FRANCE_TRAVAIL)
    MembershipFactory(user=victim, organisation=plie, role=Role.PARTNER)
    client.force_login(plie_admin)
    response = client.post(
        reverse("accounts:user_update", args=[victim.pk]),
        {"email": "attaquant@exemple.fr", "first_name": "X", "last_name": "Y", "is_active": "on"},
    )
    assert response.status_code == 403
    victim.refresh_from_db()
    assert victim.email != "attaquant@exemple.fr"


def test_partner_admin_still_edits_own_member(client, plie, plie_admin):
    colleague = user_with_role(Role.PARTNER, organisation=plie)
    client.force_login(plie_admin)
    response = client.post(
        reverse("accounts:user_update", args=[colleague.pk]),
        {"email": "nouvelle@exemple.fr", "first_name": "Léa", "last_name": "Roux", "is_active": "on"},
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.email == "nouvelle@exemple.fr"


@pytest.mark.parametrize(
    ("kind", "role"),
    [(OrganisationKind.MISSION_LOCALE, Role.CHARGE_MISSION), (OrganisationKind.COMPANY, Role.FACILITATOR)],
)
def test_self_escalation_role_outside_organisation_kind(client, kind, role):
    """Finding: a Mission locale admin became chargé de mission; a company admin became facilitator."""
    organisation = OrganisationFactory(kind=kind)
    org_admin = user_with_role(Role.ADMIN, organisation=organisation)
    colleague = user_with_role(Role.ADMIN, organisation=organisation)
    client.force_login(org_admin)
    for target in (org_admin, colleague):
        response = client.post(
            reverse("accounts:membership_create", args=[target.pk]),
            {"organisation": organisation.pk, "role": role, "is_active": "on"},
        )
        assert response.status_code in {200, 403}
        assert not Membership.objects.filter(user=target, role=role).exists()


def test_self_escalation_territory_never_wider_than_granter(client, plie):
    a, b = EpciFactory(), EpciFactory()
    from maillage.kernel.models import MdeSettings

    MdeSettings.current().perimeter.set([a, b])
    scoped_admin = user_with_role(Role.ADMIN, organisation=plie, epcis=[a])
    colleague = user_with_role(Role.VIEWER, organisation=plie, epcis=[a])
    client.force_login(scoped_admin)
    for epcis in ([], [a.pk, b.pk]):
        response = client.post(
            reverse("accounts:membership_create", args=[colleague.pk]),
            {"organisation": plie.pk, "role": Role.FACILITATOR, "epcis": epcis, "is_active": "on"},
        )
        assert response.status_code == 200
    assert not Membership.objects.filter(user=colleague, role=Role.FACILITATOR).exists()
    response = client.post(
        reverse("accounts:membership_create", args=[colleague.pk]),
        {"organisation": plie.pk, "role": Role.FACILITATOR, "epcis": [a.pk], "is_active": "on"},
    )
    assert response.status_code == 302


def test_lockout_cannot_be_bypassed_by_changing_case(client, settings):
    """Finding: failures typed as ALICE@…, Alice@…, alice@… were counted on separate accounts."""
    settings.AXES_FAILURE_LIMIT = 3
    user = user_with_role(Role.FACILITATOR)
    variants = [user.email.upper(), user.email.capitalize(), " " + user.email]
    for variant in variants:
        client.post(reverse("accounts:login"), {"username": variant, "password": "faux"})
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated


def test_lockout_not_bypassed_by_spoofed_forwarded_for(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = user_with_role(Role.FACILITATOR)
    for n in range(3):
        client.post(
            reverse("accounts:login"),
            {"username": user.email, "password": "faux"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert response.status_code == 429


def test_behind_the_proxy_one_visitor_s_failures_do_not_lock_the_others_out(client, settings):
    """Finding: without django-ipware, axes read REMOTE_ADDR only — behind the proxy, every visitor had
    the proxy's address, and a few failures anywhere locked the whole site's login."""
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    user = user_with_role(Role.FACILITATOR)
    for n in range(3):
        client.post(
            reverse("accounts:login"),
            {"username": f"inconnu{n}@exemple.fr", "password": "faux"},
            REMOTE_ADDR="192.0.2.1",
            HTTP_X_FORWARDED_FOR="10.0.0.1",
        )
    locked = client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.1",
        HTTP_X_FORWARDED_FOR="10.0.0.1",
    )
    assert locked.status_code == 429
    response = client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.1",
        HTTP_X_FORWARDED_FOR="10.0.0.2",
    )
    assert response.status_code == 302


def test_user_created_by_an_administrator_can_log_in_through_the_invitation(
    client, admin_user, django_capture_on_commit_callbacks
):
    """Finding: users created by an administrator could never log in (no password, reset refused)."""
    organisation = OrganisationFactory(kind=OrganisationKind.FRANCE_TRAVAIL)
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:user_create"),
            {"email": "nouveau@exemple.fr", "first_name": "Ana", "last_name": "Lopes",
             "organisation": organisation.pk, "role": Role.PARTNER},
        )  # fmt: skip
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/mot-de-passe/reinitialiser/" in line)
    client.logout()
    response = client.get(link.split("testserver", 1)[1], follow=True)
    form_url = response.redirect_chain[-1][0]
    password = "un-mot-de-passe-tres-solide"
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    response = client.post(reverse("accounts:login"), {"username": "nouveau@exemple.fr", "password": password})
    assert response.status_code == 302
    assert response.wsgi_request.user.email == "nouveau@exemple.fr"


def test_invited_user_may_also_use_forgotten_password(client):
    user = User.objects.create_user("sans-mdp@exemple.fr")
    assert not user.has_usable_password()
    client.post(reverse("accounts:password_reset"), {"email": "Sans-Mdp@exemple.fr"})
    assert len(mail.outbox) == 1


def test_api_tokens_expire(client, settings, facilitator):
    """Finding: API tokens never expired."""
    settings.API_TOKEN_LIFETIME_DAYS = 30
    token = Token.objects.create(user=facilitator)
    url = reverse("api:organisation-list") if _has_api_name() else "/api/v1/organisations/"
    assert client.get(url, HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=31))
    response = client.get(url, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 401
    assert not Token.objects.filter(pk=token.pk).exists()


def _has_api_name():
    from django.urls import NoReverseMatch

    try:
        reverse("api:organisation-list")
    except NoReverseMatch:
        return False
    return True

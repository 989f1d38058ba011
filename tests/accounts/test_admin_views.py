import pytest
from django.urls import reverse

from maillage.accounts.models import AuditEvent, Membership, Organisation, OrganisationKind, Role, User
from maillage.kernel.models import MdeSettings
from tests.factories import EpciFactory, OrganisationFactory, user_with_role


@pytest.mark.parametrize(
    ("fixture", "status"),
    [("admin_user", 200), ("facilitator", 403), ("partner", 403), ("company_member", 403), ("viewer", 403)],
)
def test_user_administration_access(client, request, fixture, status):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("accounts:user_list")).status_code == status
    assert client.get(reverse("accounts:mde_settings")).status_code == status
    assert client.get(reverse("accounts:audit_log")).status_code == status


def test_admin_creates_organisation_user_and_membership(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:organisation_create"),
        {"name": "Mission locale test", "kind": OrganisationKind.MISSION_LOCALE, "siret": "", "is_active": "on"},
    )
    organisation = Organisation.objects.get(name="Mission locale test")
    assert response.status_code == 302
    response = client.post(
        reverse("accounts:user_create"),
        {
            "email": "Conseil@Exemple.fr",
            "first_name": "Léa",
            "last_name": "Roux",
            "organisation": organisation.pk,
            "role": Role.PARTNER,
        },
    )
    user = User.objects.get(email="conseil@exemple.fr")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, organisation=organisation, role=Role.PARTNER).exists()
    response = client.post(
        reverse("accounts:membership_create", args=[user.pk]),
        {"organisation": organisation.pk, "role": Role.VIEWER, "is_active": "on"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=user, organisation=organisation, role=Role.VIEWER).exists()
    actions = set(AuditEvent.objects.values_list("object_type", "action"))
    assert ("accounts.user", "create") in actions
    assert ("accounts.membership", "create") in actions


def test_invalid_siret_gives_french_error_and_saves_nothing(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:organisation_create"), {"name": "Mauvais", "kind": OrganisationKind.COMPANY, "siret": "123"}
    )
    assert response.status_code == 200
    assert "Le SIRET doit compter 14 chiffres." in response.content.decode()
    assert not Organisation.objects.filter(name="Mauvais").exists()


def test_duplicate_email_rejected(client, admin_user, partner):
    client.force_login(admin_user)
    response = client.post(reverse("accounts:user_create"), {"email": partner.email.upper(), "is_active": "on"})
    assert "Un compte existe déjà" in response.content.decode()


def test_partner_admin_manages_only_own_members(client, db):
    own = OrganisationFactory(kind=OrganisationKind.PLIE)
    other = OrganisationFactory(kind=OrganisationKind.PLIE)
    plie_admin = user_with_role(Role.ADMIN, organisation=own)
    colleague = user_with_role(Role.FACILITATOR, organisation=own)
    stranger = user_with_role(Role.FACILITATOR, organisation=other)
    client.force_login(plie_admin)
    assert client.get(reverse("accounts:user_detail", args=[colleague.pk])).status_code == 200
    assert client.get(reverse("accounts:user_detail", args=[stranger.pk])).status_code == 403
    assert client.get(reverse("accounts:organisation_update", args=[own.pk])).status_code == 200
    assert client.get(reverse("accounts:organisation_update", args=[other.pk])).status_code == 403
    response = client.post(
        reverse("accounts:membership_create", args=[colleague.pk]),
        {"organisation": other.pk, "role": Role.ADMIN, "is_active": "on"},
    )
    assert response.status_code == 200  # the other organisation is not a valid choice
    assert not Membership.objects.filter(user=colleague, organisation=other).exists()


def test_settings_update_perimeter_and_unknown_epci(client, admin_user):
    epci = EpciFactory(code="200071454")
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:mde_settings"), {"name": "MDE test", "short_name": "MDE", "perimeter": "200071454, 999999999"}
    )
    assert "EPCI inconnu : 999999999." in response.content.decode()
    assert not MdeSettings.current().perimeter.exists()
    response = client.post(reverse("accounts:mde_settings"), {"name": "MDE test", "perimeter": "200071454"})
    assert response.status_code == 302
    mde = MdeSettings.current()
    assert mde.name == "MDE test" and list(mde.perimeter.all()) == [epci]


def test_organisation_list_scoping_and_export(client, company_member):
    OrganisationFactory.create_batch(3, kind=OrganisationKind.COMPANY)
    client.force_login(company_member)
    response = client.get(reverse("accounts:organisation_list"), {"export": "csv"})
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2  # header + own organisation only


def test_organisation_api_is_scoped(client, company_member, partner):
    OrganisationFactory.create_batch(2)
    client.force_login(company_member)
    assert client.get("/api/v1/organisations/").json()["count"] == 1
    client.force_login(partner)
    assert client.get("/api/v1/organisations/").json()["count"] == Organisation.objects.count()


def test_profile_token_regeneration(client, partner):
    client.force_login(partner)
    client.post(reverse("accounts:regenerate_token"))
    first = partner.auth_token.key
    client.post(reverse("accounts:regenerate_token"))
    partner.refresh_from_db()
    assert partner.auth_token.key != first


def test_siret_typed_with_spaces_is_normalised(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:organisation_create"),
        {"name": "Garage du Plateau", "kind": OrganisationKind.COMPANY, "siret": "732 829 320 00074"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Garage du Plateau").siret == "73282932000074"


def test_form_errors_are_tied_to_fields(client, admin_user):
    client.force_login(admin_user)
    body = client.post(reverse("accounts:organisation_create"), {"name": ""}).content.decode()
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="id_name_error"' in body and 'id="id_name_error"' in body


def test_forbidden_page_is_french(client, partner):
    client.force_login(partner)
    response = client.get(reverse("accounts:admin_home"))
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()

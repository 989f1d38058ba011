"""Permission matrix of accounts: organisations, users, memberships, MDE settings, audit log."""

from maillage.accounts.models import OrganisationKind, Role
from tests.factories import user_with_role
from tests.matrix import row


def grow(world):
    """Eight more organisations, each with a member."""
    for _index in range(8):
        user_with_role(Role.PARTNER, OrganisationKind.ASSOCIATION)


# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "accounts:login": row({}, "200 302 302 302 302 302 302 302 302 302 302"),
    "accounts:logout": row({}, "302 302 302 302 302 302 302 302 302 302 302", method="POST"),
    "accounts:password_reset": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "accounts:password_reset_done": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "accounts:password_reset_confirm": row(
        {"uidb64": "=MQ", "token": "=jeton-invalide"}, "200 200 200 200 200 200 200 200 200 200 200"
    ),
    "accounts:password_reset_complete": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "accounts:password_change": row({}, "302 200 200 200 200 200 200 200 200 200 200"),
    "accounts:profile": row({}, "302 200 200 200 200 200 200 200 200 200 200"),
    "accounts:regenerate_token": row({}, "302 302 302 302 302 302 302 302 302 302 302", method="POST"),
    "accounts:organisation_list": row({}, "302 200 200 200 200 200 200 200 200 200 403"),
    "accounts:organisation_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "accounts:organisation_detail": row({"pk": "company_a"}, "302 200 200 200 200 200 200 200 404 200 404"),
    "accounts:organisation_update": row({"pk": "company_a"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "accounts:admin_home": row({}, "302 200 403 403 403 403 403 403 403 403 403"),
    "accounts:user_list": row({}, "302 200 403 403 403 403 403 403 403 403 403"),
    "accounts:user_create": row({}, "302 200 403 403 403 403 403 403 403 403 403"),
    "accounts:user_detail": row({"pk": "membership.user"}, "302 200 403 403 403 403 403 403 403 403 403"),
    "accounts:user_update": row({"pk": "membership.user"}, "302 200 403 403 403 403 403 403 403 403 403"),
    "accounts:membership_create": row({"user_pk": "membership.user"}, "302 200 403 403 403 403 403 403 403 403 403"),
    "accounts:membership_update": row(
        {"user_pk": "membership.user", "pk": "membership"}, "302 200 403 403 403 403 403 403 403 403 403"
    ),
    "accounts:mde_logo": row({}, "404 404 404 404 404 404 404 404 404 404 404"),
    "accounts:mde_settings": row({}, "302 200 403 403 403 403 403 403 403 403 403"),
    "accounts:audit_log": row({}, "302 200 403 403 403 403 403 403 403 403 403"),
    "organisation-list": row({}, "401 200 200 200 200 200 200 200 200 200 403"),
    "organisation-detail": row({"pk": "company_a"}, "401 200 200 200 200 200 200 200 404 200 403"),
}

OBJECTS = {
    "accounts:organisation_update": row({"pk": "company_b"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "accounts:user_detail": row({"pk": "other_membership.user"}, "302 200 403 403 403 403 403 403 403 403 403"),
}

# Query-count guards (tests/matrix/test_query_counts.py): at most this many SQL queries for the
# MDE administrator on the grown world.
QUERIES = {
    "accounts:password_reset": 5,
    "accounts:password_reset_done": 5,
    "accounts:password_reset_complete": 5,
    "accounts:password_change": 5,
    "accounts:profile": 8,
    "accounts:organisation_list": 7,
    "accounts:organisation_create": 5,
    "accounts:organisation_detail": 8,
    "accounts:organisation_update": 6,
    "accounts:admin_home": 5,
    "accounts:user_list": 9,
    "accounts:user_create": 8,
    "accounts:user_detail": 9,
    "accounts:user_update": 6,
    "accounts:membership_create": 10,
    "accounts:mde_settings": 7,
    "accounts:audit_log": 7,
    "organisation-list": 6,
    "organisation-detail": 5,
    "accounts:organisation_list?export=csv": 5,
}

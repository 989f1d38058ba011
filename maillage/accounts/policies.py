"""The base of every permission rule: rights, memberships, the EPCI scope and the shared role predicates.

Views, API endpoints and exports all ask the policies: the base roles and rights live here, and
each module keeps its object-level rules in its own ``maillage/<module>/policies.py``, written on
top of these functions (see docs/adr/0002-policies-per-module.md). A user's rights come from the
roles of their active memberships (a superuser has every right).
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from maillage.accounts import membership_cache
from maillage.accounts.models import Membership, Organisation, OrganisationKind, Role


class Perm(StrEnum):
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_REFERENTIALS = "view_referentials"
    VIEW_TERRITORIES = "view_territories"
    VIEW_ORGANISATIONS = "view_organisations"
    MANAGE_ORGANISATIONS = "manage_organisations"
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    VIEW_AUDIT_LOG = "view_audit_log"
    VIEW_PERSONAL_DATA = "view_personal_data"
    EXPORT_PERSONAL_DATA = "export_personal_data"
    VIEW_AGGREGATES = "view_aggregates"
    RUN_TASKS = "run_tasks"


_EVERYONE = {Perm.VIEW_DASHBOARD, Perm.VIEW_REFERENTIALS, Perm.VIEW_TERRITORIES}

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.ADMIN: frozenset(Perm),
    Role.FACILITATOR: frozenset(
        _EVERYONE
        | {
            Perm.VIEW_ORGANISATIONS,
            Perm.VIEW_PERSONAL_DATA,
            Perm.EXPORT_PERSONAL_DATA,
            Perm.VIEW_AGGREGATES,
            Perm.RUN_TASKS,
        }
    ),
    Role.CHARGE_MISSION: frozenset(
        _EVERYONE
        | {
            Perm.VIEW_ORGANISATIONS,
            Perm.MANAGE_ORGANISATIONS,
            Perm.VIEW_PERSONAL_DATA,
            Perm.EXPORT_PERSONAL_DATA,
            Perm.VIEW_AGGREGATES,
            Perm.RUN_TASKS,
        }
    ),
    Role.PARTNER: frozenset(_EVERYONE | {Perm.VIEW_ORGANISATIONS, Perm.VIEW_PERSONAL_DATA, Perm.VIEW_AGGREGATES}),
    Role.COMPANY_MEMBER: frozenset(_EVERYONE),
    Role.VIEWER: frozenset(_EVERYONE | {Perm.VIEW_ORGANISATIONS, Perm.VIEW_AGGREGATES}),
}

# Administrators of a partner organisation manage their own organisation's members only;
# platform-wide administration needs the administrator role in the MDE itself.
PLATFORM_ADMIN_ORG_KINDS = {OrganisationKind.MDE}


def active_memberships(user) -> list[Membership]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    found = getattr(user, "_maillage_memberships", None)
    if found is None:
        found = membership_cache.memberships(user.pk, lambda: _load_memberships(user))
        user._maillage_memberships = found
    return found


def _load_memberships(user) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user, is_active=True, organisation__is_active=True)
        .select_related("organisation")
        .prefetch_related("epcis")
    )


def is_platform_admin(user) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(
        m.role == Role.ADMIN and m.organisation.kind in PLATFORM_ADMIN_ORG_KINDS for m in active_memberships(user)
    )


def permissions_of(user) -> frozenset[Perm]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if is_platform_admin(user):
        return frozenset(Perm)
    granted: set[Perm] = set()
    for membership in active_memberships(user):
        role_perms = set(ROLE_PERMISSIONS.get(membership.role, frozenset()))
        if membership.role == Role.ADMIN:
            # An administrator of a partner organisation is not a platform administrator: they manage
            # their members and hold the rights of the roles their organisation's kind may hold.
            from maillage.accounts.grants import roles_allowed_for

            role_perms = {Perm.MANAGE_USERS, *_EVERYONE}
            for role in roles_allowed_for(membership.organisation.kind) - {Role.ADMIN}:
                role_perms |= ROLE_PERMISSIONS[role]
            role_perms -= {Perm.MANAGE_SETTINGS, Perm.VIEW_AUDIT_LOG, Perm.MANAGE_ORGANISATIONS}
        granted |= role_perms
    return frozenset(granted)


def has_perm(user, perm: Perm) -> bool:
    return perm in permissions_of(user)


def organisation_ids_of(user) -> set[int]:
    return {m.organisation_id for m in active_memberships(user)}


def epci_scope(user) -> set[str] | None:
    """EPCI codes the user works on, or ``None`` for the whole perimeter (no restriction)."""
    if is_platform_admin(user):
        return None
    scopes: set[str] = set()
    for membership in active_memberships(user):
        codes = {epci.code for epci in membership.epcis.all()}
        if not codes:
            return None
        scopes |= codes
    return scopes


def visible_organisations(user) -> QuerySet[Organisation]:
    """Organisations a user may see: all for staff and partners, their own for company members."""
    if has_perm(user, Perm.VIEW_ORGANISATIONS):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids_of(user))


def can_change_organisation(user, organisation: Organisation) -> bool:
    if has_perm(user, Perm.MANAGE_ORGANISATIONS):
        return True
    return any(m.role == Role.ADMIN and m.organisation_id == organisation.pk for m in active_memberships(user))


def can_manage_members_of(user, organisation: Organisation) -> bool:
    if has_perm(user, Perm.MANAGE_USERS) and is_platform_admin(user):
        return True
    return any(m.role == Role.ADMIN and m.organisation_id == organisation.pk for m in active_memberships(user))


def require(condition: bool, message: str = "Vous n'avez pas accès à cette page.") -> None:
    """Deny with HTTP 403 (``PermissionDenied``) unless ``condition`` holds."""
    if not condition:
        raise PermissionDenied(message)


def non_company_memberships(user) -> list[Membership]:
    return [m for m in active_memberships(user) if m.organisation.kind != OrganisationKind.COMPANY]


def is_professional(user) -> bool:
    """An account opened by an administrator (a membership), not a self-registered candidate: the
    abuse limits of the public forms spare it (kernel/ratelimit.py)."""
    return is_platform_admin(user) or bool(active_memberships(user))


def is_manager(user) -> bool:
    """MDE staff: platform administrators and chargés de mission of a non-company organisation."""
    if is_platform_admin(user):
        return True
    return any(m.role == Role.CHARGE_MISSION for m in non_company_memberships(user))


def company_organisation_ids(user) -> set[int]:
    """Company organisations the user belongs to (any role)."""
    return {m.organisation_id for m in active_memberships(user) if m.organisation.kind == OrganisationKind.COMPANY}


def can_open_organisations(user) -> bool:
    """The partners' directory (menu entry « Partenaires »): any member of an organisation."""
    return has_perm(user, Perm.VIEW_DASHBOARD)

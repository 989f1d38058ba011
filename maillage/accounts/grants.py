"""Grant policy: who may attach which user to which organisation, with which role and territory.

The rules (issue #9, account takeover and self-escalation):

- **Roles by kind of organisation.** An organisation holds only the roles that fit what it is
  (``ROLES_BY_KIND``): a Mission locale has partner professionals, never chargés de mission; a
  company has members, never facilitators.
- **Who grants.** A platform administrator (administrator of the MDE, or superuser) grants any role
  its organisation's kind allows, in any organisation, on any territory. An administrator of a
  partner organisation grants, in the organisations they administer only, the roles that kind
  allows, on a territory never wider than their own (their administrator membership's EPCI; empty
  means the whole perimeter). Nobody else grants anything, and nobody but a platform administrator
  changes their own memberships.
- **Whom.** A partner administrator manages only the users of the organisations they administer
  (and the ones they invite); they never attach a user who belongs only elsewhere.
- **Identity.** The e-mail, names and active state of a user are changed by a platform
  administrator, or by a partner administrator only when every membership of that user is in an
  organisation they administer. A superuser's identity is changed by a superuser only.
"""

from collections.abc import Iterable

from .models import SIAE_KINDS, Membership, Organisation, OrganisationKind, Role, User
from .policies import active_memberships, is_platform_admin

K = OrganisationKind
_PARTNER_KINDS = {K.FRANCE_TRAVAIL, K.MISSION_LOCALE, K.CAP_EMPLOI, K.ASSOCIATION}

ROLES_BY_KIND: dict[str, frozenset[str]] = {
    K.MDE: frozenset({Role.ADMIN, Role.FACILITATOR, Role.CHARGE_MISSION, Role.VIEWER}),
    K.PLIE: frozenset({Role.ADMIN, Role.FACILITATOR, Role.PARTNER, Role.VIEWER}),
    K.LOCAL_AUTHORITY: frozenset({Role.ADMIN, Role.FACILITATOR, Role.VIEWER}),
    K.BUYER: frozenset({Role.ADMIN, Role.VIEWER}),
    K.COMPANY: frozenset({Role.ADMIN, Role.COMPANY_MEMBER}),
    K.FUNDER: frozenset({Role.ADMIN, Role.VIEWER}),
    **{kind: frozenset({Role.ADMIN, Role.COMPANY_MEMBER, Role.PARTNER}) for kind in SIAE_KINDS},
    **{kind: frozenset({Role.ADMIN, Role.PARTNER, Role.VIEWER}) for kind in _PARTNER_KINDS},
}


def roles_allowed_for(kind: str) -> frozenset[str]:
    return ROLES_BY_KIND.get(kind, frozenset())


def _admin_memberships(actor) -> list[Membership]:
    return [m for m in active_memberships(actor) if m.role == Role.ADMIN]


def administered_organisation_ids(actor) -> set[int]:
    return {m.organisation_id for m in _admin_memberships(actor)}


def manageable_organisations(actor):
    """Organisations in which ``actor`` may attach users."""
    if is_platform_admin(actor):
        return Organisation.objects.filter(is_active=True)
    return Organisation.objects.filter(pk__in=administered_organisation_ids(actor), is_active=True)


def granter_scope(actor, organisation: Organisation) -> set[str] | None:
    """EPCI codes the actor may hand out in ``organisation``: ``None`` for the whole perimeter.

    Raises ``PermissionError`` when the actor administers no such organisation.
    """
    if is_platform_admin(actor):
        return None
    scopes = [m for m in _admin_memberships(actor) if m.organisation_id == organisation.pk]
    if not scopes:
        raise PermissionError
    codes: set[str] = set()
    for membership in scopes:
        own = {epci.code for epci in membership.epcis.all()}
        if not own:
            return None
        codes |= own
    return codes


def grant_refusal(
    actor, target: User | None, organisation: Organisation, role: str, epci_codes: Iterable[str]
) -> str | None:
    """Why ``actor`` may not give ``role`` in ``organisation`` on ``epci_codes`` to ``target``; ``None`` if allowed.

    ``target`` is ``None`` for a user being invited (created with this membership).
    """
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return "Vous devez être connecté."
    if target is not None and target.is_superuser and not actor.is_superuser:
        return "Ce compte ne peut être modifié que par un super-administrateur."
    if target is not None and target.pk == actor.pk and not is_platform_admin(actor):
        return "Vous ne pouvez pas modifier vos propres rattachements."
    if role not in roles_allowed_for(organisation.kind):
        label = Role(role).label if role in Role.values else role
        return f"Une organisation de type « {organisation.get_kind_display()} » ne peut pas avoir le rôle « {label} »."
    try:
        scope = granter_scope(actor, organisation)
    except PermissionError:
        return "Vous n'administrez pas cette organisation."
    codes = set(epci_codes)
    if scope is not None and (not codes or not codes <= scope):
        return "Le territoire donné ne peut pas être plus large que le vôtre."
    if target is not None and not can_manage_user(actor, target):
        return "Ce compte n'appartient pas à une organisation que vous administrez."
    return None


def can_grant(actor, target, organisation, role, epci_codes=()) -> bool:
    return grant_refusal(actor, target, organisation, role, epci_codes) is None


def can_invite(actor) -> bool:
    return is_platform_admin(actor) or bool(administered_organisation_ids(actor))


def can_manage_user(actor, target: User) -> bool:
    """May see the account and manage its memberships in the organisations the actor administers."""
    if target.is_superuser and not getattr(actor, "is_superuser", False):
        return False
    if is_platform_admin(actor):
        return True
    administered = administered_organisation_ids(actor)
    return bool(administered) and Membership.objects.filter(user=target, organisation_id__in=administered).exists()


def can_edit_identity(actor, target: User) -> bool:
    """May change the e-mail, names and active state (hence who receives the password reset)."""
    if target.is_superuser and not getattr(actor, "is_superuser", False):
        return False
    if is_platform_admin(actor):
        return True
    if target.pk == getattr(actor, "pk", None):
        return False
    administered = administered_organisation_ids(actor)
    organisations = set(Membership.objects.filter(user=target).values_list("organisation_id", flat=True))
    return bool(organisations) and organisations <= administered


def visible_memberships(actor, target: User):
    """The memberships of ``target`` the actor may see and change."""
    queryset = target.memberships.select_related("organisation").prefetch_related("epcis")
    if is_platform_admin(actor):
        return queryset
    return queryset.filter(organisation_id__in=administered_organisation_ids(actor))

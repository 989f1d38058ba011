"""Who may see and change what in the directory, on top of the shared predicates of ``maillage.accounts``.

- The directory itself (structures, services, questionnaire, guides) is public information.
- A structure's listing is kept by its editors (editor role per structure) and by MDE staff.
- Eligibility rules are edited by MDE staff (chargés de mission, administrators).
- A referral holds personal data: the referring professional, the colleagues of her organisation who
  follow people (``FOLLOWER_ROLES``: at the MDE, the director, chargés de mission and facilitators) within
  their EPCI scope (a membership without EPCIs covers the whole perimeter), the receiving structure's
  editors and platform administrators see it; nobody else (another organisation's staff, a reader).
  Every access is audited by the views.
"""

from maillage.accounts.models import OrganisationKind, Role
from maillage.accounts.policies import Perm, active_memberships, has_perm, is_platform_admin

from .models import Referral, ReferralStatus, Structure


def is_mde_staff(user) -> bool:
    if is_platform_admin(user):
        return True
    return any(
        m.role in (Role.ADMIN, Role.CHARGE_MISSION) and m.organisation.kind == OrganisationKind.MDE
        for m in active_memberships(user)
    )


def is_editor(user, structure: Structure) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if structure.editor_links.filter(user=user).exists():
        return True
    return structure.organisation_id is not None and any(
        m.organisation_id == structure.organisation_id and m.role in (Role.ADMIN, Role.PARTNER)
        for m in active_memberships(user)
    )


def can_edit_structure(user, structure: Structure) -> bool:
    return is_mde_staff(user) or is_editor(user, structure)


def can_create_structure(user) -> bool:
    return is_mde_staff(user)


def can_manage_rules(user) -> bool:
    return is_mde_staff(user)


def can_import(user) -> bool:
    return is_mde_staff(user)


def can_refer(user) -> bool:
    """Professionals who follow people (partners, facilitators, MDE staff) may refer a person."""
    return has_perm(user, Perm.VIEW_PERSONAL_DATA)


def can_list_referrals(user) -> bool:
    """Those who send or receive referrals: professionals who follow people, platform administrators, and
    the editors of a structure (or its organisation's partners). A job seeker, a company, a buyer or an
    elected official has no list of referrals (the figures are on « Chiffres » for those who may)."""
    from django.db.models import Q

    if not getattr(user, "is_authenticated", False):
        return False
    if can_refer(user) or is_platform_admin(user):
        return True
    organisations = [m.organisation_id for m in active_memberships(user) if m.role in (Role.ADMIN, Role.PARTNER)]
    return Structure.objects.filter(Q(editor_links__user=user) | Q(organisation_id__in=organisations)).exists()


# Roles that follow people (the « données personnelles » right): they see the referrals their
# organisation's colleagues sent, within their territory.
FOLLOWER_ROLES = (Role.ADMIN, Role.CHARGE_MISSION, Role.PARTNER, Role.FACILITATOR)


def _follower_scopes(user) -> list[tuple[int, set[str]]]:
    """(organisation, EPCI codes) of the memberships through which the user follows referrals; an empty
    set of codes is the whole perimeter."""
    return [
        (m.organisation_id, {epci.code for epci in m.epcis.all()})
        for m in active_memberships(user)
        if m.role in FOLLOWER_ROLES
    ]


def can_view_referral(user, referral: Referral) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_platform_admin(user):
        return True
    if referral.sender_id == user.pk:
        return True
    if referral.sender_organisation_id and any(
        organisation_id == referral.sender_organisation_id and (not codes or referral.epci_code in codes)
        for organisation_id, codes in _follower_scopes(user)
    ):
        return True
    return is_editor(user, referral.service.structure)


def can_answer_referral(user, referral: Referral) -> bool:
    return referral.status == ReferralStatus.SENT and is_editor(user, referral.service.structure)


def can_download_attachment(user, referral: Referral) -> bool:
    return can_view_referral(user, referral)


def can_view_counts(user) -> bool:
    return has_perm(user, Perm.VIEW_AGGREGATES)


def referrals_visible_to(user):
    """Referrals the user may list: the same rule as ``can_view_referral`` in SQL (sent by her or by her
    organisation within her territory, received by her structures; all for platform administrators)."""
    from django.db.models import Q

    if is_platform_admin(user):
        return Referral.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Referral.objects.none()
    sent = Q(sender=user)
    for organisation_id, codes in _follower_scopes(user):
        sent |= (
            Q(sender_organisation_id=organisation_id, epci_code__in=codes)
            if codes
            else Q(sender_organisation_id=organisation_id)
        )
    edited = Structure.objects.filter(
        Q(editor_links__user=user)
        | Q(
            organisation_id__in=[
                m.organisation_id for m in active_memberships(user) if m.role in (Role.ADMIN, Role.PARTNER)
            ]
        )
    ).values("pk")
    return Referral.objects.filter(sent | Q(service__structure__in=edited)).distinct()

"""Who may see and change what in the observatory (on the shared predicates of ``accounts``).

| who | sees | changes |
|---|---|---|
| MDE staff (admin, chargé de mission) | everything | imports, documents, GPECT projects, branches |
| facilitators and partner professionals | diagnostics, tension, GPECT projects | comments |
| readers (elected officials, funders, buyers) | diagnostics and validated documents | — |
| company members | — (their company's project through the MDE) | — |
| anyone, without an account | the published version of a diagnostic | — |

Figures are aggregates; statistical secrecy applies to every audience alike (``secrecy.py``).
A version of the shared diagnostic is a draft until a steering committee validates it: drafts are seen
by the staff who write them (``can_view_drafts``) and by nobody else, in lists, pages and exports.
"""

from maillage.accounts import policies as base
from maillage.accounts.models import OrganisationKind, Role

from .models import DiagnosticVersion

Perm = base.Perm
STAFF_ROLES = {Role.ADMIN, Role.CHARGE_MISSION}
# professionals of partner organisations (an administrator of a partner organisation included)
PARTNER_ROLES = {Role.ADMIN, Role.CHARGE_MISSION, Role.PARTNER, Role.FACILITATOR}


def _roles(user) -> set[str]:
    return {m.role for m in base.active_memberships(user)}


def is_staff(user) -> bool:
    """MDE staff: a platform administrator or a chargé de mission of the MDE."""
    if base.is_platform_admin(user):
        return True
    return any(
        m.role in STAFF_ROLES and m.organisation.kind == OrganisationKind.MDE for m in base.active_memberships(user)
    )


def can_view(user) -> bool:
    """Diagnostics and indicators: anyone who may see aggregates (staff, partners, readers)."""
    return base.has_perm(user, Perm.VIEW_AGGREGATES)


def can_open(user) -> bool:
    return can_view(user)


def can_comment(user) -> bool:
    """Partners comment on figures: staff and partner professionals (not readers)."""
    return is_staff(user) or (can_view(user) and bool(_roles(user) & PARTNER_ROLES))


def can_import(user) -> bool:
    return is_staff(user)


def can_manage_documents(user) -> bool:
    return is_staff(user)


def can_view_drafts(user) -> bool:
    """Draft versions of the shared diagnostic: their authors and editors (MDE staff) only."""
    return can_manage_documents(user)


def visible_versions(user, versions):
    """The diagnostic versions ``user`` may open among ``versions``: all for editors, validated ones for
    every other reader (a draft is not yet the MDE's word, DOMAIN.md §1 « shared diagnostics »)."""
    if can_view_drafts(user):
        return versions
    return versions.filter(status=DiagnosticVersion.Status.VALIDATED)


def visible_documents(user, documents):
    """Diagnostic documents ``user`` may open: those with at least one version they may open."""
    if can_view_drafts(user):
        return documents
    return documents.filter(
        pk__in=DiagnosticVersion.objects.filter(status=DiagnosticVersion.Status.VALIDATED).values("document_id")
    )


def can_view_projects(user) -> bool:
    """GPECT projects hold companies' plans: staff and partner professionals, not readers."""
    return is_staff(user) or bool(_roles(user) & PARTNER_ROLES)


def can_manage_projects(user) -> bool:
    return is_staff(user)


def can_use_api(user) -> bool:
    return can_view(user)

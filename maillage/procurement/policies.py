"""Who may do what in the public-procurement module (``maillage.procurement``, open DECP data).

- The radar and the contract lists are open data: every user with aggregate rights reads them
  (MDE staff, facilitators, partners, viewers), for any territory;
- importing DECP files (a heavy background task) and the prospects list (the facilitators' work
  tool) are for facilitators, chargés de mission and the MDE's administrators;
- turning a contract into a followed market creates an operation in the social-clauses module: the
  clauses module's own rule applies (facilitators and the MDE's administrators).
"""

from maillage.accounts.models import OrganisationKind, Role
from maillage.accounts.policies import Perm, active_memberships, epci_scope, has_perm, is_platform_admin
from maillage.clauses.policies import is_facilitator

_WORK_ROLES = {Role.FACILITATOR, Role.CHARGE_MISSION}


def _is_staff(user) -> bool:
    if is_platform_admin(user):
        return True
    return any(
        m.role in _WORK_ROLES and m.organisation.kind != OrganisationKind.COMPANY for m in active_memberships(user)
    )


def can_view_radar(user) -> bool:
    return is_platform_admin(user) or has_perm(user, Perm.VIEW_AGGREGATES)


def can_import(user) -> bool:
    return _is_staff(user) and has_perm(user, Perm.RUN_TASKS)


def can_view_prospects(user) -> bool:
    return _is_staff(user)


def can_follow_contract(user) -> bool:
    return is_facilitator(user)


def default_epcis(user) -> set[str] | None:
    """The user's own territory (EPCI codes of their memberships), ``None`` for the MDE's perimeter."""
    return epci_scope(user)

"""Who may see and change what in the steering module (on top of ``maillage.accounts.policies``).

| who | plan, conventions, committees | funding | justification | FSE+ participants | programme paths | validate |
|---|---|---|---|---|---|---|
| MDE administrator (director) | change | change | every funder | change (audit-logged) | change | yes |
| MDE chargé de mission | change | change | every funder | change (audit-logged) | change | no |
| other MDE staff (facilitator) | read | read | – | – | – | no |
| partner professional | read | – | – | – | – | no |
| funder / elected reader | read | read | their own organisation's funder | – | – | no |
| company member, anonymous | – (public dashboard only) | – | – | – | – | no |

A draft of the activity report is the steering staff's work in progress: other readers see its
validated versions only (``visible_reports``). A funder's justification export carries the MDE's
staff hours and their cost per action: reading the year's funding (amounts per funder) does not open it.
Staff time is internal: the plan, an action's page and the report's PDF show an action's staff hours to
the same people (``staff_time_action_ids``); the other readers see the action without them.
"""

from maillage.accounts.models import OrganisationKind, Role
from maillage.accounts.policies import active_memberships, is_platform_admin, organisation_ids_of

from .models import FundingLine, ReportStatus

STEERING_ROLES = {Role.ADMIN, Role.CHARGE_MISSION}
READER_ROLES = {Role.ADMIN, Role.CHARGE_MISSION, Role.FACILITATOR, Role.PARTNER, Role.VIEWER}


def _mde_roles(user) -> set[str]:
    return {m.role for m in active_memberships(user) if m.organisation.kind == OrganisationKind.MDE}


def can_steer(user) -> bool:
    """The MDE's director and chargés de mission run the plan, conventions, committees and funding."""
    return is_platform_admin(user) or bool(_mde_roles(user) & STEERING_ROLES)


def can_view_plan(user) -> bool:
    if can_steer(user):
        return True
    return any(m.role in READER_ROLES for m in active_memberships(user))


def can_view_funding(user) -> bool:
    if can_steer(user) or Role.FACILITATOR in _mde_roles(user):
        return True
    return any(m.role == Role.VIEWER for m in active_memberships(user))


def can_export_justification(user, funder) -> bool:
    """A funder's justification (staff hours and cost per action it pays for): the MDE's steering staff,
    and the members of the organisation the funder is (when the funder row names one)."""
    if can_steer(user):
        return True
    return funder.organisation_id is not None and funder.organisation_id in organisation_ids_of(user)


def justification_funder_ids(user, funders) -> set[int]:
    """Among ``funders``, the ids whose justification ``user`` may export (the funding page links those only)."""
    return {funder.pk for funder in funders if can_export_justification(user, funder)}


def staff_time_action_ids(user, action_ids) -> set[int]:
    """Among ``action_ids``, the actions whose staff hours ``user`` may see: every one for the steering
    staff, and for the members of a funder's organisation the actions that funder pays for (the hours
    its justification export gives them). Everyone else reads the plan without the MDE's staff time."""
    if can_steer(user):
        return set(action_ids)
    lines = FundingLine.objects.filter(action_id__in=action_ids, funder__organisation_id__in=organisation_ids_of(user))
    return set(lines.values_list("action_id", flat=True))


def can_view_staff_time(user, action) -> bool:
    return action.pk in staff_time_action_ids(user, [action.pk])


def can_manage_participants(user) -> bool:
    """FSE+ and programme participants are personal data: steering staff of the MDE only."""
    return can_steer(user)


def visible_reports(user, reports):
    """The activity reports ``user`` may open among ``reports``: every version for the steering staff who
    write them, validated versions for the other readers of the plan (none for the others)."""
    if can_steer(user):
        return reports
    if not can_view_plan(user):
        return reports.none()
    return reports.filter(status=ReportStatus.VALIDATED)


def can_validate_report(user) -> bool:
    return is_platform_admin(user) or Role.ADMIN in _mde_roles(user)


def can_open(user) -> bool:
    """Whether the menu shows the module (``module.py``)."""
    return can_view_plan(user)

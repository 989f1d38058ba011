"""Writes of the steering module: one function per use case, transactional, validated."""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.common_text import long_date

from .models import (
    SENSITIVE_FIELDS,
    ActivityReport,
    Axis,
    AxisKind,
    Convention,
    Decision,
    FollowUpAction,
    FollowUpStatus,
    FseParticipant,
    Meeting,
    ReportStatus,
)

STATE_AXES = [
    (AxisKind.STATE_1, "1", "Anticiper les mutations économiques (diagnostic partagé, GPECT)", 1),
    (AxisKind.STATE_2, "2", "Contribuer au développement local de l'emploi", 2),
]


def ensure_state_axes() -> list[Axis]:
    """The State's two axes (specifications of 18 Dec 2013, DOMAIN.md §1) exist in every plan."""
    axes = []
    for kind, code, label, order in STATE_AXES:
        axis, _ = Axis.objects.get_or_create(code=code, defaults={"kind": kind, "label": label, "order": order})
        axes.append(axis)
    return axes


@transaction.atomic
def record_decision(
    *, meeting: Meeting, text: str, follow_up: str = "", owner=None, due_on: date | None = None
) -> Decision:
    """A committee's decision; when it asks for something to be done, the follow-up action it creates."""
    decision = Decision(meeting=meeting, text=text)
    decision.full_clean()
    decision.save()
    if follow_up:
        action = FollowUpAction(decision=decision, title=follow_up, owner=owner, due_on=due_on)
        action.full_clean()
        action.save()
    return decision


@transaction.atomic
def set_follow_up_status(*, follow_up: FollowUpAction, status: str, today: date | None = None) -> FollowUpAction:
    follow_up.status = status
    follow_up.done_on = (today or date.today()) if status == FollowUpStatus.DONE else None
    follow_up.full_clean()
    follow_up.save(update_fields=["status", "done_on"])
    return follow_up


def conventions_to_renew(today: date | None = None):
    """Conventions whose end falls within their notice period and that are not over yet."""
    today = today or date.today()
    return [
        c
        for c in Convention.objects.filter(end_on__gte=today).order_by("end_on")
        if (c.end_on - today).days <= c.renewal_notice_days
    ]


@transaction.atomic
def send_renewal_alerts(today: date | None = None) -> int:
    """Once per convention: an e-mail to the MDE's administrators that its renewal is due."""
    from maillage.accounts.models import Membership, OrganisationKind, Role

    today = today or date.today()
    due = [c for c in conventions_to_renew(today) if c.renewal_alert_sent_on is None]
    if not due:
        return 0
    recipients = sorted(
        set(
            Membership.objects.filter(
                is_active=True, role=Role.ADMIN, organisation__kind=OrganisationKind.MDE, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )
    for convention in due:
        if recipients:
            send_mail(
                f"Convention à renouveler : {convention.title}",
                f"La convention « {convention.title} » prend fin le {long_date(convention.end_on)}. "
                "Pensez à préparer son renouvellement.",
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )
        convention.renewal_alert_sent_on = today
        convention.save(update_fields=["renewal_alert_sent_on"])
    return len(due)


# --- FSE+ participants ---


@transaction.atomic
def save_fse_participant(*, participant: FseParticipant, user, stage: str) -> FseParticipant:
    """Saves one stage (entry, exit, six months) of an FSE+ record, audit-logged.

    Without consent, the disadvantaged situations are not kept (RGPD art. 9: special categories).
    """
    creating = participant.pk is None
    if not participant.sensitive_consent:
        for name in SENSITIVE_FIELDS:
            setattr(participant, name, "")
        participant.sensitive_consent_at = None
    elif participant.sensitive_consent_at is None:
        participant.sensitive_consent_at = timezone.now()
    if creating:
        participant.created_by = user
    participant.full_clean()
    participant.save()
    audit.record_instance(
        user, AuditAction.CREATE if creating else AuditAction.UPDATE, participant, detail=f"FSE+ : {stage}"
    )
    return participant


def age_on(birth_date: date | None, day: date) -> int | None:
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


# --- Activity report ---


@transaction.atomic
def start_report(*, year: int) -> ActivityReport:
    """The report being written for ``year``: the latest draft, or a new version after the validated one."""
    latest = ActivityReport.objects.filter(year=year).order_by("-version").first()
    if latest is None:
        return ActivityReport.objects.create(year=year, version=1)
    if latest.status == ReportStatus.DRAFT:
        return latest
    fields = {name: getattr(latest, name) for name in ActivityReport.NARRATIVE_FIELDS}
    return ActivityReport.objects.create(year=year, version=latest.version + 1, **fields)


@transaction.atomic
def validate_report(*, report: ActivityReport, user) -> ActivityReport:
    """Freezes the figures with the narrative: a validated version never changes again."""
    from .selectors.reporting import report_figures

    if report.is_validated:
        raise ValueError("Cette version est déjà validée.")
    report.snapshot = report_figures(report.year)
    report.status = ReportStatus.VALIDATED
    report.validated_at = timezone.now()
    report.validated_by = user
    report.save()
    return report

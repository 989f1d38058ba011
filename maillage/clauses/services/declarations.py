"""The company's monthly grid: every person under contract declared at once, with one proof file.

All rows or none: each row goes through the same rules as a single declaration (``record_statement``:
bounds, contract dates, a person's plausible monthly maximum, a validated month kept, closed lots
refused), plus the grid's own (a finished month only, the contracts the member may declare for). A
refused row is reported with a French message and nothing is written, not even the proof.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction

from .. import policies as policy
from ..models import Contract, DeclarationBatch, DeclarationCalendar, Lot
from .hours import record_statement
from .sizing import month_start


@dataclass(frozen=True)
class GridLine:
    contract: Contract
    hours: Decimal | None
    amount: Decimal | None = None
    training_centre_hours: Decimal | None = None


class GridError(ValidationError):
    """The grid was refused: ``rows`` maps a contract's id to the French reason of its row."""

    def __init__(self, rows: dict[int, str], general: list[str] | None = None):
        self.rows = rows
        self.general = general or []
        messages = self.general + [
            f"{len(rows)} ligne{'s' if len(rows) > 1 else ''} refusée{'s' if len(rows) > 1 else ''}"
        ]
        super().__init__(messages if rows else self.general)


def check_grid_month(month: date, today: date | None = None) -> date:
    """Hours are declared once the month is over (the pay slips exist then)."""
    month = month_start(month)
    if month >= month_start(today or timezone.localdate()):
        raise ValidationError(
            {"month": "Déclarez un mois une fois terminé : ses bulletins de salaire ne sont pas encore établis."}
        )
    return month


def declaring_company(actor, lines: list[GridLine]) -> int:
    """The company the batch is declared for: the member's company that employs or won the rows' lots."""
    companies = sorted(policy.company_ids(actor))
    employers = {line.contract.employer_id for line in lines} & set(companies)
    return min(employers) if employers else companies[0]


def declare_grid(actor, lines: list[GridLine], *, month: date, proof, lot: Lot | None = None) -> DeclarationBatch:
    """Record the month's hours of every filled row and attach the one proof to the batch."""
    general: list[str] = []
    try:
        month = check_grid_month(month)
    except ValidationError as error:
        general.extend(error.messages)
    filled = [line for line in lines if line.hours is not None]
    if not filled:
        general.append("Saisissez les heures d'au moins une personne (0 si elle n'a pas travaillé ce mois-ci).")
    if not proof:
        general.append("Joignez le justificatif de la déclaration (bulletins de salaire, factures) en un seul fichier.")
    if general:
        raise GridError({}, general)
    allowed = set(policy.declarable_contracts(actor, lot).values_list("pk", flat=True))
    errors: dict[int, str] = {}
    with transaction.atomic():
        batch = DeclarationBatch.objects.create(
            company_id=declaring_company(actor, filled), lot=lot, month=month, declared_by=actor
        )
        statements = []
        for line in filled:
            if line.contract.pk not in allowed:
                errors[line.contract.pk] = "Vous ne pouvez pas déclarer les heures de ce contrat."
                continue
            try:
                statements.append(
                    record_statement(
                        actor,
                        line.contract,
                        month=month,
                        hours=line.hours,
                        amount=line.amount,
                        training_centre_hours=line.training_centre_hours,
                        by_company=True,
                    )
                )
            except ValidationError as error:
                errors[line.contract.pk] = " ".join(error.messages)
        if errors:
            raise GridError(errors)
        for statement in statements:
            statement.batch = batch
            statement.save(update_fields=["batch"])
        batch.proof.save(_proof_name(batch, proof), proof, save=True)
        audit.record(actor, AuditAction.CREATE, "clauses.declarationbatch", batch.pk, f"grille {month:%m/%Y}")
    return batch


def _proof_name(batch: DeclarationBatch, proof) -> str:
    suffix = (getattr(proof, "name", "") or "").rsplit(".", 1)[-1].lower()
    return f"declaration-{batch.month:%Y-%m}-{batch.pk}.{suffix if suffix.isalnum() else 'bin'}"


@transaction.atomic
def save_calendar(actor, form) -> DeclarationCalendar:
    calendar = form.save()
    audit.record_instance(actor, AuditAction.UPDATE, calendar, "calendrier des déclarations")
    return calendar


MAX_BULK = 200


@dataclass(frozen=True)
class BulkOutcome:
    validated: list
    refused: list  # (statement or None, id, French reason)


def validate_many(actor, statement_ids) -> BulkOutcome:
    """Validate several declarations in one go: each is checked against the policy and its state; a
    refused one does not block the others and is reported. One e-mail per declaring company."""
    from ..models import HoursStatement, StatementStatus
    from .closing import ensure_open
    from .hours import validate_statement
    from .notifications import notify_on_commit

    ids = []
    for raw in list(statement_ids)[:MAX_BULK]:
        try:
            ids.append(int(raw))
        except (TypeError, ValueError):
            continue
    found = {
        s.pk: s
        for s in HoursStatement.objects.filter(pk__in=ids).select_related(
            "lot__market__operation", "participant__person"
        )
    }
    validated, refused = [], []
    with transaction.atomic():
        for pk in dict.fromkeys(ids):
            statement = found.get(pk)
            if statement is None or not policy.can_follow_up(actor, statement.lot):
                refused.append((None, pk, "déclaration introuvable ou hors de votre périmètre"))
                continue
            if statement.status != StatementStatus.SUBMITTED:
                already = "déjà validée" if statement.status == StatementStatus.VALIDATED else "déjà rejetée"
                refused.append((statement, pk, already))
                continue
            try:
                with transaction.atomic():
                    ensure_open(statement.lot)
                    validate_statement(actor, statement, notify=False)
            except ValidationError as error:
                refused.append((statement, pk, " ".join(error.messages)))
                continue
            validated.append(statement)
        notify_on_commit([s.pk for s in validated])
    return BulkOutcome(validated, refused)

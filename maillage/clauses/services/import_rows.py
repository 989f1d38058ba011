"""The rules of one import row: read the cells, then write through the services that the forms use.

The preview and the commit run **this same code** (``apply_row``): the preview inside a transaction that is
rolled back, the commit for real. A row the preview accepts is therefore a row the commit accepts, unless
the data changed in between (then the commit rejects that row alone, with its reason).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from maillage.accounts.models import Organisation
from maillage.common_text import fold
from maillage.territories.models import Commune

from .. import policies as policy
from ..models import (
    Contract,
    EligibilityCriterion,
    HoursStatement,
    ImportKind,
    Modality,
    Participant,
    Qualification,
    Sex,
)
from ..models import identity_key as make_key
from .hours import record_statement
from .import_lots import LotNotFound, LotResolver
from .participants import create_contract, find_or_create_participant, validate_eligibility


class RowRejected(Exception):
    """The row's errors, as ``(column, message)`` pairs: its savepoint is rolled back."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__(errors)
        self.errors = errors


# Service field names → the file's column, to say which cell is wrong.
FIELD_COLUMNS = {
    "month": "mois",
    "hours": "heures",
    "amount": "montant",
    "training_centre_hours": "heures",
    "criterion": "criteres",
    "prescriber": "criteres",
    "validated_on": "date_validation",
    "start_on": "debut",
    "end_on": "fin",
    "modality": "modalite",
    "credited_lot": "lot",
    "lot": "lot",
    "employer": "employeur",
}
GENERAL_COLUMN = {ImportKind.PARTICIPANTS: "criteres", ImportKind.HOURS: "lot", ImportKind.CONTRACTS: "lot"}


def column_errors(kind: str, error: ValidationError) -> list[tuple[str, str]]:
    default = GENERAL_COLUMN[kind]
    if hasattr(error, "error_dict"):
        return [
            (FIELD_COLUMNS.get(name, default), " ".join(messages))
            for name, messages in ValidationError(error.error_dict).message_dict.items()
        ]
    return [(default, " ".join(error.messages))]


@dataclass
class RowContext:
    """What every row of one import shares: the user, the lots they follow, the criteria, the rows seen."""

    user: object
    kind: str
    criteria: dict = field(default_factory=dict)
    lots: LotResolver | None = None
    seen: dict = field(default_factory=dict)
    structure: Organisation | None = None

    @classmethod
    def for_import(cls, user, kind: str) -> "RowContext":
        context = cls(user=user, kind=kind)
        context.criteria = {c.code: c for c in EligibilityCriterion.objects.filter(is_active=True)}
        if kind != ImportKind.PARTICIPANTS:
            context.lots = LotResolver(user)
        ids = sorted(policy.structure_ids(user))
        context.structure = Organisation.objects.filter(pk=ids[0]).first() if ids else None
        return context


def text(value) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def parse_date(value) -> date:
    value = text(value)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError("date attendue au format JJ/MM/AAAA")


def parse_month(value) -> date:
    value = text(value)
    for fmt in ("%Y-%m", "%m/%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date().replace(day=1)
        except ValueError:
            continue
    raise ValueError("mois attendu au format AAAA-MM ou MM/AAAA")


def parse_decimal(value) -> Decimal:
    value = text(value).replace(",", ".").replace(" ", "").replace("\u202f", "").replace("\xa0", "")
    try:
        number = Decimal(value)
    except InvalidOperation as exc:
        raise ValueError("nombre attendu") from exc
    if not number.is_finite():
        raise ValueError("nombre attendu (NaN et infini refusés)")
    return number


def _read(errors: list, column: str, parser, value):
    try:
        return parser(value)
    except ValueError as exc:
        errors.append((column, str(exc)))
        return None


def _identity(raw: dict, errors: list) -> tuple[str, str, date | None]:
    last, first = text(raw.get("nom")), text(raw.get("prenom"))
    for column, value in (("nom", last), ("prenom", first)):
        if not value:
            errors.append((column, "valeur obligatoire manquante"))
    return last, first, _read(errors, "date_naissance", parse_date, raw.get("date_naissance"))


def _known_participant(context: RowContext, last: str, first: str, birth: date, *, attach=False) -> Participant:
    participant = Participant.objects.filter(person__identity_key=make_key(last, first, birth)).first()
    if participant is None:
        raise RowRejected([("nom", "personne inconnue : importez-la (fichier de participants) ou créez-la d'abord")])
    allowed = policy.can_attach_participant if attach else policy.can_view_participant
    if not allowed(context.user, participant):
        raise RowRejected([("nom", "personne suivie par une autre structure : rattachez-la depuis sa fiche")])
    return participant


def _lot(context: RowContext, raw: dict):
    try:
        pk = context.lots.resolve(text(raw.get("lot")), text(raw.get("operation")), text(raw.get("reference_marche")))
    except LotNotFound as exc:
        raise RowRejected([("lot", str(exc))]) from exc
    from ..models import Lot

    return Lot.objects.select_related("market__operation", "counting_rule").get(pk=pk)


def _duplicate(context: RowContext, key: str, column: str, line: int) -> None:
    if key in context.seen:
        raise RowRejected([(column, f"doublon de la ligne {context.seen[key]}")])
    context.seen[key] = line


# --- Participants ---------------------------------------------------------------------------------


def _participant_row(context: RowContext, raw: dict, line: int) -> bool:
    errors: list[tuple[str, str]] = []
    last, first, birth = _identity(raw, errors)
    sex = text(raw.get("sexe")).upper()[:1]
    if sex not in Sex.values:
        errors.append(("sexe", "F ou M attendu"))
    commune_code = text(raw.get("commune"))
    commune = Commune.objects.filter(code=commune_code).first() if commune_code else None
    if commune_code and commune is None:
        errors.append(("commune", f"code INSEE inconnu : {commune_code}"))
    qualification = text(raw.get("qualification")) or Qualification.UNKNOWN
    if qualification not in Qualification.values:
        errors.append(("qualification", "valeurs possibles : " + ", ".join(Qualification.values)))
    codes = [c.strip().lower() for c in text(raw.get("criteres")).replace("|", ",").split(",") if c.strip()]
    unknown = [c for c in codes if c not in context.criteria]
    if unknown:
        errors.append(("criteres", "critère inconnu : " + ", ".join(unknown)))
    validated_on = date.today()
    if text(raw.get("date_validation")):
        validated_on = _read(errors, "date_validation", parse_date, raw.get("date_validation"))
    if errors:
        raise RowRejected(errors)
    key = make_key(last, first, birth)
    known = Participant.objects.filter(person__identity_key=key).first()
    if known is not None and not policy.can_view_participant(context.user, known):
        raise RowRejected(
            [("nom", "personne suivie par une autre structure : rattachez-la depuis « Nouveau participant »")]
        )
    _duplicate(context, key, "nom", line)
    participant, created = find_or_create_participant(
        context.user,
        last_name=last,
        first_name=first,
        birth_date=birth,
        sex=sex,
        commune=commune,
        qualification=qualification,
        structure=context.structure,
    )
    for code in codes:
        validate_eligibility(
            context.user, participant, context.criteria[code], validated_on=validated_on, proof_kind="Import"
        )
    return created


# --- Contracts ------------------------------------------------------------------------------------

MODALITY_KEYS = {fold(v): v for v in Modality.values} | {fold(label): v for v, label in Modality.choices}


def _employer(value: str, lot) -> Organisation:
    if not value:
        current = lot.lot_companies.filter(end_on__isnull=True, role="titulaire")
        holders = list(current.values_list("company", flat=True))
        if len(holders) == 1:
            return Organisation.objects.get(pk=holders[0])
        raise RowRejected([("employeur", "employeur obligatoire : nom ou SIRET (le lot n'a pas un seul titulaire)")])
    digits = value.replace(" ", "")
    found = list(
        Organisation.objects.filter(siret=digits)[:2]
        if digits.isdigit()
        else Organisation.objects.filter(name__iexact=value, is_active=True)[:2]
    )
    if len(found) != 1:
        reason = "introuvable" if not found else "ambigu (plusieurs structures de ce nom : donnez le SIRET)"
        raise RowRejected([("employeur", f"employeur « {value} » {reason}")])
    return found[0]


def _contract_row(context: RowContext, raw: dict, line: int) -> bool:
    errors: list[tuple[str, str]] = []
    last, first, birth = _identity(raw, errors)
    modality = MODALITY_KEYS.get(fold(text(raw.get("modalite"))))
    if modality is None:
        errors.append(("modalite", "modalité inconnue : " + ", ".join(Modality.values)))
    start = _read(errors, "debut", parse_date, raw.get("debut"))
    end = _read(errors, "fin", parse_date, raw.get("fin")) if text(raw.get("fin")) else None
    if errors:
        raise RowRejected(errors)
    participant = _known_participant(context, last, first, birth, attach=True)
    lot = _lot(context, raw)
    _duplicate(context, f"{participant.pk}|{lot.pk}|{start}", "debut", line)
    create_contract(
        context.user,
        participant=participant,
        lot=lot,
        employer=_employer(text(raw.get("employeur")), lot),
        modality=modality,
        start_on=start,
        end_on=end,
        job_title=text(raw.get("poste"))[:200],
    )
    return True


# --- Hours ----------------------------------------------------------------------------------------


def _hours_row(context: RowContext, raw: dict, line: int) -> bool:
    errors: list[tuple[str, str]] = []
    last, first, birth = _identity(raw, errors)
    month = _read(errors, "mois", parse_month, raw.get("mois"))
    hours = _read(errors, "heures", parse_decimal, raw.get("heures"))
    amount = _read(errors, "montant", parse_decimal, raw.get("montant")) if text(raw.get("montant")) else None
    if errors:
        raise RowRejected(errors)
    participant = _known_participant(context, last, first, birth)
    lot = _lot(context, raw)
    next_month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    contract = (
        Contract.objects.filter(participant=participant, lot=lot, start_on__lt=next_month)
        .exclude(end_on__lt=month)
        .select_related("lot__counting_rule")
        .order_by("-start_on")
        .first()
    )
    if contract is None:
        raise RowRejected([("mois", "aucun contrat de cette personne sur ce lot pour ce mois")])
    _duplicate(context, f"{contract.pk}|{month}", "mois", line)
    existed = HoursStatement.objects.filter(contract=contract, month=month).exists()
    record_statement(context.user, contract, month=month, hours=hours, amount=amount)
    return not existed


ROW_RULES = {
    ImportKind.PARTICIPANTS: _participant_row,
    ImportKind.CONTRACTS: _contract_row,
    ImportKind.HOURS: _hours_row,
}


def apply_row(context: RowContext, raw: dict, line: int) -> bool:
    """Check and write one row; ``RowRejected`` or ``ValidationError`` when a rule refuses it.

    Returns whether the row created (``True``) or updated a record."""
    return ROW_RULES[context.kind](context, raw, line)

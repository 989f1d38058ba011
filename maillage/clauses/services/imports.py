"""Bulk import of participants and monthly hours from CSV/XLSX.

Every row is validated first (line, column, reason, in French) and kept in an ``ImportBatch``; nothing is
written until the user confirms. Confirming writes every row in one transaction, or, when the user chose to
keep the valid rows, those only. A row that became invalid in between cancels the whole write.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from maillage.clauses import policies as policy
from maillage.common_files import TableLimits, read_upload_table
from maillage.common_text import fold, plural
from maillage.territories.models import Commune

from ..models import Contract, EligibilityCriterion, ImportBatch, ImportKind, Participant, Qualification, Sex
from ..models import identity_key as make_key
from .hours import record_statement
from .participants import find_or_create_participant, validate_eligibility

COLUMNS = {
    ImportKind.PARTICIPANTS: {
        "required": ["nom", "prenom", "date_naissance", "sexe"],
        "optional": ["commune", "qualification", "criteres", "date_validation"],
    },
    ImportKind.HOURS: {
        "required": ["nom", "prenom", "date_naissance", "lot", "mois", "heures"],
        "optional": ["montant"],
    },
}
MAX_ROWS = 20_000


def _header(value) -> str:
    return fold(str(value or "")).replace(" ", "_")


def read_table(upload) -> list[dict]:
    """Rows of a CSV (``;`` or ``,``, UTF-8 or Windows-1252) or XLSX file, keyed by folded header names.

    Reading is bounded and cleaned by the shared layer (size, zip bomb, rows, NUL, over-long, NaN).
    """
    rows = read_upload_table(upload, TableLimits(max_rows=MAX_ROWS + 1))
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationError(f"Le fichier dépasse {MAX_ROWS} lignes : découpez-le.")
    headers = [_header(h) for h in rows[0]]
    return [dict(zip(headers, row, strict=False)) for row in rows[1:]]


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError("date attendue au format JJ/MM/AAAA")


def _month(value) -> date:
    if isinstance(value, datetime | date):
        return date(value.year, value.month, 1)
    text = _text(value)
    for fmt in ("%Y-%m", "%m/%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(text, fmt).date()
            return parsed.replace(day=1)
        except ValueError:
            continue
    raise ValueError("mois attendu au format AAAA-MM ou MM/AAAA")


def _decimal(value) -> Decimal:
    text = _text(value).replace(",", ".").replace(" ", "")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError("nombre attendu") from exc
    if not number.is_finite():
        raise ValueError("nombre attendu (NaN et infini refusés)")
    return number


def _check_participant_row(raw: dict, criteria: dict) -> dict:
    errors: list[tuple[str, str]] = []
    row: dict = {}
    for column in ("nom", "prenom"):
        row[column] = _text(raw.get(column))
        if not row[column]:
            errors.append((column, "valeur obligatoire manquante"))
    try:
        row["date_naissance"] = _date(raw.get("date_naissance")).isoformat()
    except ValueError as exc:
        errors.append(("date_naissance", str(exc)))
    sex = _text(raw.get("sexe")).upper()[:1]
    if sex not in Sex.values:
        errors.append(("sexe", "F ou M attendu"))
    row["sexe"] = sex
    commune = _text(raw.get("commune"))
    if commune and not Commune.objects.filter(code=commune).exists():
        errors.append(("commune", f"code INSEE inconnu : {commune}"))
    row["commune"] = commune
    qualification = _text(raw.get("qualification")) or Qualification.UNKNOWN
    if qualification not in Qualification.values:
        errors.append(("qualification", "valeurs possibles : " + ", ".join(Qualification.values)))
    row["qualification"] = qualification
    codes = [c.strip().lower() for c in _text(raw.get("criteres")).replace("|", ",").split(",") if c.strip()]
    unknown = [c for c in codes if c not in criteria]
    if unknown:
        errors.append(("criteres", "critère inconnu : " + ", ".join(unknown)))
    row["criteres"] = codes
    try:
        row["date_validation"] = _date(raw.get("date_validation")).isoformat() if raw.get("date_validation") else ""
    except ValueError as exc:
        errors.append(("date_validation", str(exc)))
    return {"row": row, "errors": errors}


def _check_hours_row(raw: dict, user) -> dict:
    errors: list[tuple[str, str]] = []
    row: dict = {"nom": _text(raw.get("nom")), "prenom": _text(raw.get("prenom"))}
    birth = None
    try:
        birth = _date(raw.get("date_naissance"))
    except ValueError as exc:
        errors.append(("date_naissance", str(exc)))
    try:
        month = _month(raw.get("mois"))
        row["mois"] = month.isoformat()
    except ValueError as exc:
        errors.append(("mois", str(exc)))
        month = None
    try:
        hours = _decimal(raw.get("heures"))
        if hours < 0 or hours > 744:
            errors.append(("heures", "entre 0 et 744 heures par mois"))
        row["heures"] = str(hours)
    except ValueError as exc:
        errors.append(("heures", str(exc)))
    row["montant"] = ""
    if _text(raw.get("montant")):
        try:
            row["montant"] = str(_decimal(raw.get("montant")))
        except ValueError as exc:
            errors.append(("montant", str(exc)))
    lot_ref = _text(raw.get("lot"))
    if not lot_ref.isdigit():
        errors.append(("lot", "numéro de lot Maillage attendu (voir la page du lot)"))
    elif not errors and birth and month:
        participant = Participant.objects.filter(
            person__identity_key=make_key(row["nom"], row["prenom"], birth)
        ).first()
        if participant is None:
            errors.append(("nom", "personne inconnue : importez ou créez-la d'abord"))
        else:
            lot = policy.visible_lots(user).filter(pk=int(lot_ref)).first()
            if lot is None or not policy.can_follow_up(user, lot):
                errors.append(("lot", f"lot {lot_ref} introuvable ou non suivi par vous"))
            else:
                contract = (
                    Contract.objects.filter(participant=participant, lot=lot, start_on__lt=_next_month(month))
                    .exclude(end_on__lt=month)
                    .order_by("-start_on")
                    .first()
                )
                if contract is None:
                    errors.append(("mois", "aucun contrat de cette personne sur ce lot pour ce mois"))
                else:
                    row["contract"] = contract.pk
    return {"row": row, "errors": errors}


def _check_known_elsewhere(user, row: dict, errors: list) -> None:
    """An import never writes on a person followed by another structure (their file is not the user's)."""
    key = make_key(row["nom"], row["prenom"], date.fromisoformat(row["date_naissance"]))
    known = Participant.objects.filter(person__identity_key=key).first()
    if known is not None and not policy.can_view_participant(user, known):
        errors.append(("nom", "personne suivie par une autre structure : rattachez-la depuis « Nouveau participant »"))


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def prepare_import(user, kind: str, upload) -> ImportBatch:
    """Read and check every row; keep the result for the preview (nothing is written yet)."""
    raw_rows = read_table(upload)
    spec = COLUMNS[kind]
    present = set(raw_rows[0].keys()) if raw_rows else set()
    missing = [c for c in spec["required"] if c not in present]
    rows, errors = [], []
    if missing:
        errors.append(
            {"line": 1, "column": ", ".join(missing), "message": plural(len(missing), "colonne obligatoire absente")}
        )
    else:
        criteria = {c.code: c for c in EligibilityCriterion.objects.filter(is_active=True)}
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_rows, start=2):
            checked = (
                _check_participant_row(raw, criteria)
                if kind == ImportKind.PARTICIPANTS
                else _check_hours_row(raw, user)
            )
            row = checked["row"]
            if kind == ImportKind.PARTICIPANTS and not checked["errors"]:
                _check_known_elsewhere(user, row, checked["errors"])
            key = (
                make_key(row.get("nom", ""), row.get("prenom", ""), None) + row.get("date_naissance", "")
                if kind == ImportKind.PARTICIPANTS
                else f"{row.get('contract')}|{row.get('mois')}"
            )
            if not checked["errors"] and key in seen:
                checked["errors"].append(
                    ("nom" if kind == ImportKind.PARTICIPANTS else "mois", f"doublon de la ligne {seen[key]}")
                )
            seen.setdefault(key, index)
            for column, message in checked["errors"]:
                errors.append({"line": index, "column": column, "message": message})
            rows.append({"line": index, "data": row, "valid": not checked["errors"]})
    return ImportBatch.objects.create(kind=kind, filename=upload.name[:200], rows=rows, errors=errors, created_by=user)


@transaction.atomic
def apply_import(user, batch: ImportBatch, *, keep_valid_rows: bool) -> dict:
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ValidationError("Cet import a déjà été traité.")
    if batch.errors and not keep_valid_rows:
        raise ValidationError(
            "Le fichier contient des erreurs : corrigez-le, ou choisissez d'importer les lignes valides."
        )
    if any(e["line"] == 1 for e in batch.errors):
        raise ValidationError("Les colonnes du fichier ne correspondent pas au modèle.")
    rows = [r for r in batch.rows if r["valid"]]
    created = updated = 0
    for item in rows:
        data = item["data"]
        try:
            if batch.kind == ImportKind.PARTICIPANTS:
                participant, is_new = find_or_create_participant(
                    user,
                    last_name=data["nom"],
                    first_name=data["prenom"],
                    birth_date=date.fromisoformat(data["date_naissance"]),
                    sex=data["sexe"],
                    commune=Commune.objects.filter(code=data["commune"]).first() if data["commune"] else None,
                    qualification=data["qualification"],
                    structure=next(iter(_structures(user)), None),
                )
                created += is_new
                updated += not is_new
                validated_on = date.fromisoformat(data["date_validation"]) if data["date_validation"] else date.today()
                for code in data["criteres"]:
                    criterion = EligibilityCriterion.objects.get(code=code)
                    validate_eligibility(user, participant, criterion, validated_on=validated_on, proof_kind="Import")
            else:
                contract = Contract.objects.get(pk=data["contract"])
                record_statement(
                    user,
                    contract,
                    month=date.fromisoformat(data["mois"]),
                    hours=Decimal(data["heures"]),
                    amount=Decimal(data["montant"]) if data["montant"] else None,
                )
                created += 1
        except (ValidationError, Contract.DoesNotExist, EligibilityCriterion.DoesNotExist) as error:
            messages = error.messages if isinstance(error, ValidationError) else ["référence disparue"]
            raise ValidationError(f"Ligne {item['line']} : {' '.join(messages)}. Rien n'a été importé.") from error
    batch.status = ImportBatch.Status.DONE
    batch.result = {"created": created, "updated": updated, "skipped": len(batch.rows) - len(rows)}
    batch.save(update_fields=["status", "result"])
    return batch.result


def _structures(user):
    from maillage.accounts.models import Organisation

    return Organisation.objects.filter(pk__in=policy.structure_ids(user)).order_by("pk")

"""Bulk import of participants, contracts and monthly hours from CSV/XLSX.

The preview **is** the commit, rolled back: every row goes through ``import_rows.apply_row`` (the services
the forms use, in a savepoint per row) inside a transaction that is then undone. So a row marked valid is
a row the commit writes. The rows and their outcome are kept in an ``ImportBatch`` until the user decides
(and a week at most: ``purge_batches``, from the module's retention hook):

- « Importer les N lignes » (a file without errors): every row in one transaction, or nothing;
- « Importer les lignes valides »: the valid rows in one transaction, a row that became invalid since the
  preview (someone changed the data) is rejected alone with its reason; the rejected rows are downloadable
  (CSV, original columns plus the reason) to be corrected and imported again.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from maillage.common_files import TableLimits, read_upload_table
from maillage.common_text import fold, plural
from maillage.kernel.models import TaskRun

from ..models import ImportBatch, ImportKind
from .import_rows import RowContext, RowRejected, apply_row, column_errors, text

MAX_ROWS = 20_000
COMMENT = "#"
# Words dropped from the headers, so that « Date de naissance » reads as ``date_naissance``.
HEADER_STOP_WORDS = {"de", "du", "des", "d", "la", "le", "l"}

# key, French header (as in the templates), required, what the cell holds (the templates' notes), an example.
BIRTH = ("date_naissance", "Date de naissance", True, "Date de naissance, JJ/MM/AAAA", "12/04/1996")
LOT_COLUMNS = [
    ("operation", "Opération", False, "Intitulé de l'opération (conseillé : lève les ambiguïtés)", "Groupe scolaire"),
    ("reference_marche", "Référence du marché", False, "Référence du marché (facultative)", ""),
    ("lot", "Lot", True, "Intitulé du lot, « Lot 2 – Gros œuvre » ou son n° (jamais l'identifiant interne)", "2"),
]
# The person every row is about (a contract or hours row names someone already imported or created).
IDENTITY = [("nom", "Nom", True, "Nom de naissance", "Martin"), ("prenom", "Prénom", True, "Prénom", "Zoé"), BIRTH]
COLUMNS = {
    ImportKind.PARTICIPANTS: [
        *IDENTITY,
        ("sexe", "Sexe", True, "F ou M (indicateur national)", "F"),
        ("commune", "Commune", False, "Code INSEE de la commune de résidence (5 caractères)", "27229"),
        ("qualification", "Qualification", False, "infra3, 3, 4 ou 5plus (niveau de diplôme) ; vide : inconnu", "3"),
        ("criteres", "Critères", False, "Codes des critères d'éligibilité, séparés par des virgules", "rsa,qpv"),
        ("date_validation", "Date de validation", False, "Éligibilité validée le JJ/MM/AAAA ; vide : ce jour", ""),
    ],
    ImportKind.CONTRACTS: [
        *IDENTITY,
        *LOT_COLUMNS,
        ("employeur", "Employeur", False, "Nom exact ou SIRET de l'employeur ; vide : le titulaire du lot", ""),
        ("modalite", "Modalité", True, "Code ou libellé de la modalité : cdi, cdd, cddi, etti, ai, geiq…", "cddi"),
        ("debut", "Début", True, "Début du contrat, JJ/MM/AAAA", "01/03/2025"),
        ("fin", "Fin", False, "Fin prévue, JJ/MM/AAAA", "31/08/2025"),
        ("poste", "Poste", False, "Intitulé du poste", "Maçon"),
    ],
    ImportKind.HOURS: [
        *IDENTITY,
        *LOT_COLUMNS,
        ("mois", "Mois", True, "Mois travaillé, AAAA-MM ou MM/AAAA", "2025-03"),
        ("heures", "Heures", True, "Heures payées du mois (virgule décimale acceptée)", "120,5"),
        ("montant", "Montant", False, "Sous-traitance : montant HT facturé du mois, en euros", ""),
    ],
}


def required(kind: str) -> list[str]:
    return [name for name, _, is_required, _, _ in COLUMNS[kind] if is_required]


def header_key(value) -> str:
    words = [w for w in fold(str(value or "")).replace("_", " ").split() if w not in HEADER_STOP_WORDS]
    return "_".join(words)


def read_table(upload) -> tuple[list[str], list[tuple[int, dict]]]:
    """The headers and the ``(line, row)`` of a CSV (``;`` or ``,``) or XLSX file, keyed by ``header_key``.

    Reading is bounded and cleaned by the shared layer (size, zip bomb, rows, NUL, over-long, NaN). Rows
    whose first cell starts with « # » (the templates' notes and example) are skipped."""
    rows = read_upload_table(upload, TableLimits(max_rows=MAX_ROWS + 1))
    headers = [header_key(h) for h in rows[0]]
    body = [
        (line, dict(zip(headers, row, strict=False)))
        for line, row in enumerate(rows[1:], start=2)
        if not text(row[0] if row else "").startswith(COMMENT)
    ]
    if len(body) > MAX_ROWS:
        raise ValidationError(f"Le fichier dépasse {MAX_ROWS} lignes : découpez-le.")
    return headers, body


def _cells(raw: dict) -> dict:
    return {key: text(value) for key, value in raw.items() if key}


def _run(user, kind: str, items: list[tuple[int, dict]], *, stop_at_first: bool) -> list[dict]:
    """Apply the rows in order, each in its own savepoint; the caller owns the outer transaction."""
    context = RowContext.for_import(user, kind)
    outcomes = []
    for line, raw in items:
        errors: list[tuple[str, str]] = []
        created = False
        try:
            with transaction.atomic():
                created = apply_row(context, raw, line)
        except RowRejected as rejected:
            errors = rejected.errors
        except ValidationError as error:
            errors = column_errors(kind, error)
        if errors and stop_at_first:
            column, message = errors[0]
            raise ValidationError(f"Ligne {line} ({column}) : {message}. Rien n'a été importé.")
        outcomes.append({"line": line, "cells": _cells(raw), "valid": not errors, "created": created, "errors": errors})
    return outcomes


def prepare_import(user, kind: str, upload) -> ImportBatch:
    """Run every row through the commit's rules, then undo: the preview writes nothing."""
    headers, items = read_table(upload)
    missing = [c for c in required(kind) if c not in headers]
    rows, errors = [], []
    if missing:
        errors.append(
            {"line": 1, "column": ", ".join(missing), "message": plural(len(missing), "colonne obligatoire absente")}
        )
    else:
        with transaction.atomic():
            outcomes = _run(user, kind, items, stop_at_first=False)
            transaction.set_rollback(True)
        for outcome in outcomes:
            rows.append({"line": outcome["line"], "data": outcome["cells"], "valid": outcome["valid"]})
            errors += [{"line": outcome["line"], "column": c, "message": m} for c, m in outcome["errors"]]
    return ImportBatch.objects.create(
        kind=kind, filename=upload.name[:200], headers=headers, rows=rows, errors=errors, created_by=user
    )


def apply_import(user, batch: ImportBatch, *, keep_valid_rows: bool) -> dict:
    """Write the batch: all its rows or nothing, or (``keep_valid_rows``) its valid rows, in one transaction."""
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ValidationError("Cet import a déjà été traité.")
    if any(e["line"] == 1 for e in batch.errors):
        raise ValidationError("Les colonnes du fichier ne correspondent pas au modèle.")
    if batch.errors and not keep_valid_rows:
        raise ValidationError(
            "Le fichier contient des erreurs : corrigez-le, ou choisissez d'importer les lignes valides."
        )
    items = [(r["line"], r["data"]) for r in batch.rows if r["valid"]]
    with transaction.atomic():
        outcomes = _run(user, batch.kind, items, stop_at_first=not keep_valid_rows)
        rejected = [
            {"line": o["line"], "column": c, "message": f"refusée à l'import : {m}"}
            for o in outcomes
            if not o["valid"]
            for c, m in o["errors"]
        ]
        written = [o for o in outcomes if o["valid"]]
        created = sum(1 for o in written if o["created"])
        batch.status = ImportBatch.Status.DONE
        batch.result = {
            **batch.result,
            "created": created,
            "updated": len(written) - created,
            "skipped": len(batch.rows) - len(items),
            "rejected": len({r["line"] for r in rejected}),
        }
        if rejected:
            batch.errors = batch.errors + rejected
            invalid_now = {r["line"] for r in rejected}
            batch.rows = [{**r, "valid": r["valid"] and r["line"] not in invalid_now} for r in batch.rows]
        batch.save(update_fields=["status", "result", "errors", "rows"])
    return batch.result


def purge_batches(before: datetime, dry_run: bool) -> int:
    """Delete (or count) the batches uploaded before ``before``, whatever was decided: their rows hold people's
    identities and eligibility, kept no longer than needed to decide. A batch whose import still runs is kept."""
    running = set(
        TaskRun.objects.filter(status__in=[TaskRun.Status.PENDING, TaskRun.Status.RUNNING]).values_list("pk", flat=True)
    )
    due = [
        pk
        for pk, result in ImportBatch.objects.filter(created_at__lt=before).values_list("pk", "result")
        if (result or {}).get("run") not in running
    ]
    if not dry_run:
        ImportBatch.objects.filter(pk__in=due).delete()
    return len(due)


def rejected_rows(batch: ImportBatch) -> tuple[list[str], list[list[str]]]:
    """The rows not imported, with their original columns plus the line and the reason (to fix and re-import)."""
    reasons: dict[int, list[str]] = {}
    for error in batch.errors:
        if error["line"] > 1:
            reasons.setdefault(error["line"], []).append(f"{error['column']} : {error['message']}")
    headers = [h for h in (batch.headers or []) if h] or [name for name, *_ in COLUMNS[batch.kind]]
    rows = [
        [*(row["data"].get(h, "") for h in headers), str(row["line"]), " ; ".join(reasons.get(row["line"], []))]
        for row in batch.rows
        if not row["valid"]
    ]
    return [*headers, "ligne", "motif"], rows

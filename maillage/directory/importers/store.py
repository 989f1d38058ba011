"""Storing an import: services (with their structures) written in chunks, and the report of every
line stored or rejected, with its reasons in French."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from .. import schema
from ..models import Service, Structure, sync_themes
from .convert import CommuneIndex, Converter
from .files import guess_mapping, read_rows


@dataclass
class Outcome:
    line: int
    ident: str
    stored: bool
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    created: bool = False


@dataclass
class Report:
    rows: int = 0
    created: int = 0
    updated: int = 0
    rejected: int = 0
    structures_created: int = 0
    placeholders: int = 0
    flagged_locations: int = 0
    reasons: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)
    lines: list[dict] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.created + self.updated

    def add(self, outcome: Outcome) -> None:
        self.rows += 1
        if outcome.stored:
            if outcome.created:
                self.created += 1
            else:
                self.updated += 1
        else:
            self.rejected += 1
        for message in outcome.errors:
            self.reasons[_reason(message)] += 1
        for message in outcome.warnings:
            self.warnings[_reason(message)] += 1
        # Every flagged line is kept (the file is bounded by ``MAX_ROWS``): the report page and its CSV
        # must show the facilitator all of them.
        if outcome.errors or outcome.warnings:
            self.lines.append(
                {
                    "line": outcome.line,
                    "id": outcome.ident[:120],
                    "status": "enregistré" if outcome.stored else "rejeté",
                    "errors": outcome.errors,
                    "warnings": outcome.warnings,
                }
            )

    def counts(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "stored": self.stored,
            "rejected": self.rejected,
            "structures_created": self.structures_created,
            "placeholders": self.placeholders,
            "flagged_locations": self.flagged_locations,
            "reasons": dict(self.reasons.most_common()),
            "warnings": dict(self.warnings.most_common()),
        }


def _reason(message: str) -> str:
    return re.sub(r"\s*\(« .*$", "", message)[:120]


def _structure_record(structure: Structure) -> dict:
    from ..exports import structure_record

    return structure_record(structure)


class Importer:
    """Stores rows of one file (services, with their structures) and builds the report."""

    def __init__(self, mapping: dict, structures: dict[str, dict] | None = None):
        self.mapping = mapping
        self.options = mapping.get("options", {})
        self.communes = CommuneIndex()
        self.converter = Converter(mapping, self.communes)
        self.structure_rows = structures or {}
        self.structures: dict[str, Structure] = {}
        self.report = Report()
        self.today = timezone.localdate()

    def run(self, rows: list[dict], *, dry_run: bool, chunk: int = 500) -> Report:
        """Rows in chunks: convert and validate each, then one query for the known services of the chunk
        and bulk writes (the rate matters for large national files)."""
        seen: set[str] = set()
        first = 2 if self.mapping.get("csv") else 1
        with transaction.atomic():
            for start in range(0, len(rows), chunk):
                self.run_chunk(list(enumerate(rows[start : start + chunk], start=first + start)), seen)
            if dry_run:
                transaction.set_rollback(True)
        return self.report

    def prepare(self, line: int, row: dict, seen: set[str]):
        record, errors, warnings, extra = self.converter.convert(row)
        ident = str(record.get("id", ""))
        if ident and ident in seen:
            return Outcome(line, ident, False, ["identifiant en double dans le fichier"], warnings)
        seen.add(ident)
        errors += schema.validate_service(record)
        if errors:
            return Outcome(line, ident, False, errors, warnings)
        if self.mapping.get("defaults", {}).get("description") == "{nom}" and record["description"] == record["nom"]:
            extra["notes"].append("description à compléter (le fichier n'en donne pas)")
        return record, warnings, extra

    def run_chunk(self, numbered: list[tuple[int, dict]], seen: set[str]) -> None:
        prepared = []
        for line, row in numbered:
            result = self.prepare(line, row, seen)
            if isinstance(result, Outcome):
                self.report.add(result)
            else:
                prepared.append((line, *result))
        keys = {record["structure_id"] for _l, record, _w, _e in prepared} - set(self.structures)
        for structure in Structure.objects.filter(di_id__in=keys):
            self.structures[structure.di_id] = structure
        existing = {s.di_id: s for s in Service.objects.filter(di_id__in=[r["id"] for _l, r, _w, _e in prepared])}
        to_create, to_update, outcomes = [], [], []
        for line, record, warnings, extra in prepared:
            structure, problem = self.structure_for(record, warnings)
            if structure is None:
                self.report.add(Outcome(line, record["id"], False, [problem], warnings))
                continue
            values = self.service_values(record, structure, extra)
            service = existing.get(record["id"])
            if service is None:
                service = Service(di_id=record["id"], **values)
                to_create.append(service)
            else:
                for key, value in values.items():
                    setattr(service, key, value)
                to_update.append(service)
            service.refresh_keys()
            if extra["location_flag"]:
                self.report.flagged_locations += 1
            outcomes.append(
                Outcome(line, record["id"], True, [], warnings + extra["notes"], created=service.pk is None)
            )
        Service.objects.bulk_create(to_create, batch_size=500)
        for service in to_update:
            # One UPDATE per row: bulk_update's CASE over 37 columns is much slower on both databases.
            Service.objects.filter(pk=service.pk).update(
                **{name: getattr(service, name) for name in SERVICE_MODEL_FIELDS}
            )
        sync_themes(to_create + to_update)
        for outcome in outcomes:
            self.report.add(outcome)

    def structure_for(self, record: dict, warnings: list[str]) -> tuple[Structure | None, str]:
        key = record["structure_id"]
        if key in self.structures:
            return self.structures[key], ""
        structure = Structure.objects.filter(di_id=key).first()
        if structure is None:
            raw = key.split("--", 1)[-1]
            given = self.structure_rows.get(raw) or self.structure_rows.get(key)
            if given is None and self.options.get("missing_structure") != "create":
                return None, f"structure absente du fichier des structures et de l'annuaire (« {key} »)"
            structure = self.create_structure(key, record, given)
            if structure is None:
                return None, f"structure invalide (« {key} »)"
        self.structures[key] = structure
        return structure, ""

    def create_structure(self, key: str, service: dict, given: dict | None) -> Structure | None:
        source = service["source"]
        commune_code = (
            (given or {}).get("Code Insee") or (given or {}).get("code_insee") or service.get("code_insee", "")
        )
        commune = self.communes.get(commune_code)
        if given:
            name = (given.get("Nom") or given.get("nom") or "").strip()
            placeholder = False
        else:
            place = service.get("commune") or (commune.name if commune else "")
            name = f"Structure {source} à compléter ({place or key.split('--')[-1][:20]})"
            placeholder = True
        structure = Structure(
            di_id=key,
            source=source,
            name=name[:150],
            commune=commune,
            commune_name=(given or {}).get("Commune") or (commune.name if commune else service.get("commune", "")),
            postal_code=service.get("code_postal", "") if not given else "",
            address=service.get("adresse", "")[:255] if not given else "",
            typology=((given or {}).get("Typologie") or "")[:60],
            is_placeholder=placeholder,
            updated_on=service["date_maj"] if isinstance(service["date_maj"], date) else _to_date(service["date_maj"]),
        )
        if schema.validate_structure(_structure_record(structure)):
            return None
        structure.save()
        self.report.structures_created += 1
        self.report.placeholders += int(placeholder)
        return structure

    def service_values(self, record: dict, structure: Structure, extra: dict) -> dict:
        commune = extra.get("commune")
        return {
            "structure": structure,
            "source": record["source"],
            "name": record["nom"],
            "description": record["description"],
            "source_url": record.get("lien_source", ""),
            "updated_on": _to_date(record["date_maj"]),
            "type": record.get("type", ""),
            "thematiques": record.get("thematiques", []),
            "fees": record.get("frais", ""),
            "fees_details": record.get("frais_precisions", "")[:500],
            "publics": record.get("publics", []),
            "publics_details": record.get("publics_precisions", "")[:1000],
            "access_conditions": record.get("conditions_acces", "")[:1000],
            "commune": commune,
            "commune_name": (record.get("commune") or (commune.name if commune else ""))[:100],
            "postal_code": record.get("code_postal", ""),
            "address": record.get("adresse", "")[:255],
            "address_extra": record.get("complement_adresse", "")[:255],
            "latitude": record.get("latitude"),
            "longitude": record.get("longitude"),
            "phone": record.get("telephone", "")[:30],
            "email": record.get("courriel", ""),
            "reception_modes": record.get("modes_accueil", []),
            "eligibility_zone": record.get("zone_eligibilite", []),
            "contact_name": record.get("contact_nom_prenom", "")[:150],
            "mobilisation_url": record.get("lien_mobilisation", ""),
            "mobilisation_modes": record.get("modes_mobilisation", []),
            "mobilisable_by": record.get("mobilisable_par", []),
            "mobilisation_details": record.get("mobilisation_precisions", "")[:1000],
            "weekly_hours": record.get("volume_horaire_hebdomadaire"),
            "weeks": record.get("nombre_semaines"),
            "opening_hours": record.get("horaires_accueil", "")[:255],
            "location_flag": extra.get("location_flag", "")[:255],
            "import_notes": "\n".join(extra.get("notes", []))[:4000],
        }

    def store_service(self, record: dict, structure: Structure, extra: dict) -> bool:
        values = self.service_values(record, structure, extra)
        service = Service.objects.filter(di_id=record["id"]).first()
        created = service is None
        if created:
            service = Service(di_id=record["id"], **values)
        else:
            for key, value in values.items():
                setattr(service, key, value)
        service.save()
        return created


SERVICE_MODEL_FIELDS = [
    "structure", "source", "name", "description", "source_url", "updated_on", "type", "thematiques", "fees",
    "fees_details", "publics", "publics_details", "access_conditions", "commune", "commune_name", "postal_code",
    "address", "address_extra", "latitude", "longitude", "phone", "email", "reception_modes", "eligibility_zone",
    "contact_name", "mobilisation_url", "mobilisation_modes", "mobilisable_by", "mobilisation_details",
    "weekly_hours", "weeks", "opening_hours", "location_flag", "import_notes", "thematiques_key", "publics_key",
    "search_text",
]  # fmt: skip


def _to_date(value) -> date:
    if isinstance(value, date):
        return value
    return datetime.strptime(str(value)[:10], "%Y-%m-%d").date()


def structures_lookup(content: bytes, filename: str) -> dict[str, dict]:
    """A structures file of the same layout, keyed by its raw identifier (``ID`` or ``id``)."""
    _columns, rows = read_rows(content, filename)
    result = {}
    for row in rows:
        key = str(row.get("ID") or row.get("id") or "").strip()
        if key:
            result[key] = row
    return result


def import_services(
    content: bytes, filename: str, *, mapping: dict | None = None, structures: bytes | None = None,
    structures_name: str = "structures.json", dry_run: bool = True,
) -> tuple[Report, dict]:  # fmt: skip
    """Reads, maps, validates and stores (or, dry, only counts) a services file."""
    columns, rows = read_rows(content, filename)
    mapping = mapping or guess_mapping(columns)
    mapping = {**mapping, "csv": not filename.lower().endswith(".json")}
    lookup = structures_lookup(structures, structures_name) if structures else {}
    report = Importer(mapping, lookup).run(rows, dry_run=dry_run)
    return report, mapping

"""Import offers shared by France Travail, from files in the shape of its offers API search results.

``{"resultats": [{id, intitule, description, romeCode, appellationlibelle, lieuTravail{...},
typeContrat, dureeTravailLibelle, competences[{code, libelle, exigence}], entreprise{nom},
dateCreation, ...}]}``. Idempotent on ``id`` (source France Travail + external id). Every offer is
validated first; errors say which offer, which field and why, in French. By default the valid
offers are saved and the others reported; ``strict`` saves nothing when one offer is wrong.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from maillage.referentials.models import Appellation, Skill
from maillage.territories.models import Commune, PostalCode

from ..models import ContractType, Offer, OfferSource, OfferStatus, WorkingTime
from ..search import refresh_offers
from ..text import normalise
from .offers import refresh_denormalised


@dataclass
class ImportError_:
    position: int
    external_id: str
    field: str
    message: str

    def __str__(self):
        ident = f" (id {self.external_id})" if self.external_id else ""
        return f"Offre n° {self.position}{ident}, champ « {self.field} » : {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[ImportError_] = field(default_factory=list)
    warnings: list[ImportError_] = field(default_factory=list)
    saved: bool = True

    @property
    def total_ok(self) -> int:
        return self.created + self.updated + self.unchanged


def _parse_datetime(value):
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else timezone.make_aware(parsed)


# France Travail's other ``typeContrat`` codes, folded into the contracts Maillage matches on.
# Where an import's error report is kept for its download (``views.offers``), a week (``retention``).
REPORT_DIR = "imports"
REPORT_PREFIX = "offres-ft-"

FT_CONTRACT_ALIASES = {
    "DIN": "CDI",  # CDI intérimaire
    "DDI": "CUI",  # CDD d'insertion
    "TTI": "CUI",  # travail temporaire d'insertion
    "FRA": "LIB",  # franchise
    "CCE": "LIB",  # profession commerciale
    "REP": "LIB",  # reprise d'entreprise
}

_HOURS = re.compile(r"(\d+)\s*H\s*(\d*)", re.IGNORECASE)


def _weekly_hours(label: str):
    match = _HOURS.search(label or "")
    if not match:
        return None
    minutes = int(match.group(2)) if match.group(2) else 0
    return Decimal(str(round(int(match.group(1)) + minutes / 60, 1)))  # compares equal to the stored value


class _Lookups:
    """Referential look-ups loaded once per import."""

    def __init__(self):
        self.appellations: dict[tuple[str, str], str] = {}
        self.main_appellation: dict[str, str] = {}
        for code, label, fiche_id, is_main in Appellation.objects.values_list("code", "label", "fiche_id", "is_main"):
            self.appellations[(fiche_id, normalise(label))] = code
            self.appellations.setdefault(("", normalise(label)), code)
            if is_main or fiche_id not in self.main_appellation:
                self.main_appellation[fiche_id] = code
        self.skills = set(Skill.objects.values_list("code", flat=True))
        self.communes = set(Commune.objects.values_list("code", flat=True))

    def appellation(self, rome_code: str, label: str) -> str | None:
        key = normalise(label)
        return self.appellations.get((rome_code, key)) or self.appellations.get(("", key))

    def commune_by_postcode(self, postcode: str, label: str) -> str | None:
        codes = list(PostalCode.objects.filter(code=postcode).values_list("commune_id", "commune__name"))
        if len(codes) == 1:
            return codes[0][0]
        name = normalise(label.split(" - ", 1)[-1]) if label else ""
        for code, commune_name in codes:
            if normalise(commune_name) == name:
                return code
        return codes[0][0] if codes else None


def _validate(position: int, item, lookups: _Lookups, report: ImportReport) -> dict | None:
    """Check one offer; return the fields to save, or ``None`` with the errors added to the report."""
    if not isinstance(item, dict):
        report.errors.append(ImportError_(position, "", "(offre)", "l'élément n'est pas un objet JSON."))
        return None
    external_id = str(item.get("id") or "").strip()
    errors = []
    if not external_id:
        errors.append(("id", "identifiant manquant."))
    elif len(external_id) > 40:
        errors.append(("id", "identifiant trop long (40 caractères au plus)."))
    title = str(item.get("intitule") or "").strip()
    if not title:
        errors.append(("intitule", "intitulé manquant."))
    contract = str(item.get("typeContrat") or "").strip().upper()
    contract = FT_CONTRACT_ALIASES.get(contract, contract)
    if contract not in ContractType.values:
        shown = contract or "vide"
        errors.append(("typeContrat", f"type de contrat « {shown} » inconnu (attendu : {', '.join(ContractType)})."))
    rome_code = str(item.get("romeCode") or "").strip().upper()
    appellation_code = None
    if item.get("appellationlibelle") or rome_code:
        appellation_code = lookups.appellation(rome_code, str(item.get("appellationlibelle") or ""))
        if appellation_code is None and rome_code:
            appellation_code = lookups.main_appellation.get(rome_code)
            if appellation_code is None:
                errors.append(("romeCode", f"code ROME « {rome_code} » absent du référentiel chargé."))
            else:
                report.warnings.append(
                    ImportError_(
                        position,
                        external_id,
                        "appellationlibelle",
                        "appellation inconnue : l'appellation principale de la fiche est retenue.",
                    )
                )
    place = item.get("lieuTravail") or {}
    if not isinstance(place, dict):
        errors.append(("lieuTravail", "doit être un objet."))
        place = {}
    commune = str(place.get("commune") or "").strip()
    if commune and commune not in lookups.communes:
        commune = ""
    if not commune and place.get("codePostal"):
        commune = lookups.commune_by_postcode(str(place["codePostal"]).strip(), str(place.get("libelle") or "")) or ""
    if not commune and place:
        report.warnings.append(
            ImportError_(position, external_id, "lieuTravail", "commune introuvable : seul le libellé est conservé.")
        )
    skills = []
    for competence in item.get("competences") or []:
        code = str((competence or {}).get("code") or "").strip() if isinstance(competence, dict) else ""
        if code in lookups.skills:
            skills.append(code)
        elif code:
            report.warnings.append(
                ImportError_(position, external_id, "competences", f"compétence « {code} » absente du référentiel.")
            )
    if errors:
        report.errors.extend(ImportError_(position, external_id, f, m) for f, m in errors)
        return None
    hours_label = str(item.get("dureeTravailLibelle") or "")[:120]
    converted = str(item.get("dureeTravailLibelleConverti") or "").lower()
    company = item.get("entreprise") or {}
    latitude, longitude = place.get("latitude"), place.get("longitude")
    fields = {
        "title": title[:255],
        "description": str(item.get("description") or ""),
        "appellation_id": appellation_code,
        "contract_type": contract,
        "hours_label": hours_label,
        "weekly_hours": _weekly_hours(hours_label),
        "working_time": WorkingTime.PART if "partiel" in converted else WorkingTime.FULL,
        "positions": max(1, int(item.get("nombrePostes") or 1))
        if str(item.get("nombrePostes") or "1").isdigit()
        else 1,
        "commune_id": commune or None,
        "place_label": str(place.get("libelle") or "")[:120],
        "latitude": float(latitude) if isinstance(latitude, int | float) else None,
        "longitude": float(longitude) if isinstance(longitude, int | float) else None,
        "company_name": str(company.get("nom") or "")[:200] if isinstance(company, dict) else "",
        "external_created_at": _parse_datetime(item.get("dateCreation")),
    }
    if commune:  # the commune's centroid wins (refresh_denormalised), as for local offers
        del fields["latitude"], fields["longitude"]
    return {"external_id": external_id, "skills": skills, "fields": fields}


def _save(row: dict) -> str:
    offer = Offer.objects.filter(source=OfferSource.FRANCE_TRAVAIL, external_id=row["external_id"]).first()
    status = "unchanged"
    if offer is None:
        offer = Offer(source=OfferSource.FRANCE_TRAVAIL, external_id=row["external_id"], status=OfferStatus.PUBLISHED)
        status = "created"
    for name, value in row["fields"].items():
        if getattr(offer, name) != value:
            setattr(offer, name, value)
            if status == "unchanged":
                status = "updated"
    if status != "unchanged":
        refresh_denormalised(offer)
        offer.save()
    current = set(offer.skills.values_list("code", flat=True)) if status != "created" else set()
    if current != set(row["skills"]):
        offer.skills.set(row["skills"])
        if status == "unchanged":
            status = "updated"
            offer.save(update_fields=["updated_at"])
    if status != "unchanged":
        refresh_offers(ids=[offer.pk])
    return status


def import_ft_offers(data, *, strict: bool = False) -> ImportReport:
    """Validate every offer, then save the valid ones (or none in ``strict`` mode if any is wrong)."""
    report = ImportReport()
    items = data.get("resultats") if isinstance(data, dict) else None
    if not isinstance(items, list):
        report.errors.append(ImportError_(0, "", "resultats", "le fichier doit contenir une liste « resultats »."))
        report.saved = False
        return report
    lookups = _Lookups()
    rows, seen = [], set()
    for position, item in enumerate(items, start=1):
        row = _validate(position, item, lookups, report)
        if row is None:
            continue
        if row["external_id"] in seen:
            report.errors.append(
                ImportError_(position, row["external_id"], "id", "identifiant en double dans le fichier.")
            )
            continue
        seen.add(row["external_id"])
        rows.append(row)
    if strict and report.errors:
        report.saved = False
        return report
    with transaction.atomic():
        for row in rows:
            status = _save(row)
            setattr(report, status, getattr(report, status) + 1)
    return report

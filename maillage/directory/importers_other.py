"""Two other layouts: DORA's structure payloads (API v1 change records) and France Travail's Mobiville
catalogue of mobility and housing aids (``ft_mobiville_aides_mobilite_2022``). Both become schema v1
records, validated by the package, stored or reported per line like the data·inclusion files."""

import html
import json
import re
from datetime import date

from django.db import transaction
from django.utils.text import slugify

from . import schema
from .exports import structure_record
from .importers import CommuneIndex, Importer, ImportError_, Outcome, Report, read_rows


def _text(value) -> str:
    """HTML of the source to plain text (tags dropped, entities decoded, spaces collapsed)."""
    value = re.sub(r"<span[^>]*display:\s*none[^>]*>.*?</span>", " ", str(value or ""), flags=re.S | re.I)
    value = re.sub(r"<br\s*/?>|</p>|</li>", "\n", value, flags=re.I)
    value = re.sub(r"<[^>]+>", " ", value)
    value = html.unescape(value)
    return "\n".join(" ".join(line.split()) for line in value.splitlines() if line.strip())


# --- DORA ----------------------------------------------------------------------------------------


def import_dora_structures(content: bytes, filename: str, *, dry_run: bool = True) -> Report:
    """DORA API v1 structures, as plain records or as change records (``Avant`` / ``Après``)."""
    _columns, rows = read_rows(content, filename)
    report = Report()
    communes = CommuneIndex()
    with transaction.atomic():
        for line, row in enumerate(rows, start=1):
            record = row.get("Après") or row.get("Apres") or row.get("Avant") or row
            if isinstance(record, str):
                try:
                    record = json.loads(record)
                except json.JSONDecodeError:
                    report.add(Outcome(line, str(row.get("ID", "")), False, ["enregistrement DORA illisible"]))
                    continue
            if isinstance(record, dict) and "nom" in record:
                record = _from_data_inclusion_v0(record, str(row.get("Src Alias") or "data-inclusion"))
            report.add(_dora_structure(line, record, communes, report))
        if dry_run:
            transaction.set_rollback(True)
    return report


def _from_data_inclusion_v0(record: dict, source: str) -> dict:
    """The same sample carries data·inclusion (v0) structure records of other sources (French keys)."""
    return {
        "_source": source,
        "id": record.get("id"),
        "name": record.get("nom"),
        "siret": record.get("siret"),
        "city": record.get("commune"),
        "cityCode": record.get("code_insee"),
        "postalCode": record.get("code_postal"),
        "address1": record.get("adresse"),
        "address2": record.get("complement_adresse"),
        "latitude": record.get("latitude"),
        "longitude": record.get("longitude"),
        "phone": record.get("telephone"),
        "email": record.get("courriel"),
        "url": record.get("site_web"),
        "fullDesc": record.get("presentation_detail") or record.get("presentation_resume"),
        "linkOnSource": record.get("lien_source"),
        "typology": record.get("typologie"),
        "modificationDate": record.get("date_maj"),
    }


def _dora_structure(line: int, record: dict, communes: CommuneIndex, report: Report) -> Outcome:
    from .models import Structure

    source = slugify(record.get("_source") or "dora")[:60]
    ident = f"{source}--{record.get('id') or record.get('slug') or ''}"
    warnings: list[str] = []
    commune = communes.get(str(record.get("cityCode") or ""))
    if record.get("cityCode") and commune is None:
        warnings.append(f"code INSEE inconnu du référentiel des communes (« {record.get('cityCode')} »)")
    modified = str(record.get("modificationDate") or record.get("creationDate") or "")[:10]
    try:
        updated_on = date.fromisoformat(modified)
    except ValueError:
        updated_on = None
    structure = Structure.objects.filter(di_id=ident).first() or Structure(di_id=ident)
    created = structure.pk is None
    structure.source = source
    structure.name = str(record.get("name") or "").strip()[:150]
    structure.description = (record.get("fullDesc") or record.get("shortDesc") or "")[:10000]
    structure.siret = str(record.get("siret") or "")[:14]
    structure.commune = commune
    structure.commune_name = str(record.get("city") or "")[:100]
    structure.postal_code = str(record.get("postalCode") or "")[:5]
    structure.address = str(record.get("address1") or "")[:255]
    structure.address_extra = str(record.get("address2") or "")[:255]
    structure.latitude = record.get("latitude")
    structure.longitude = record.get("longitude")
    structure.phone = str(record.get("phone") or "")[:30]
    structure.email = str(record.get("email") or "")[:254]
    structure.website = str(record.get("url") or "")[:200]
    structure.source_url = str(record.get("linkOnSource") or "")[:500]
    typology = record.get("typology") or {}
    structure.typology = str(typology.get("value", "") if isinstance(typology, dict) else typology)[:60]
    structure.updated_on = updated_on or date.today()
    errors = [] if updated_on else ["date de mise à jour : absente ou invalide"]
    errors += schema.validate_structure(structure_record(structure))
    if errors:
        return Outcome(line, ident, False, errors, warnings)
    structure.save()
    if created:
        report.structures_created += 1
    return Outcome(line, ident, True, [], warnings, created=created)


# --- Mobiville -----------------------------------------------------------------------------------

MOBIVILLE_TYPES = {
    "aide financière": "aide-financiere",
    "aide administrative": "accompagnement",
    "accès au logement": "aide-materielle",
    "aide transport": "aide-materielle",
    "accompagnement du projet": "accompagnement",
}
MOBIVILLE_PUBLICS = {
    "demandeur d'emploi": "demandeurs-emploi",
    "salarié": "actifs",
    "alternance": "actifs",
    "moins de 26 ans": "jeunes",
}


def _mobiville_thematiques(aid: dict) -> list[str]:
    section = f"{aid.get('section', '')} {aid.get('type', '')}".lower()
    result = []
    if "transport" in section:
        result.append("mobilite--financer-ma-mobilite")
    if "temporaire" in section:
        result.append("logement-hebergement--rechercher-une-solution-dhebergement-temporaire")
    if "dossier" in section or "administrative" in section:
        result.append("logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement")
    if "logement" in section and not result:
        result.append("logement-hebergement--louer-un-logement")
    if "financ" in section and "logement" in section:
        result.append("logement-hebergement--louer-un-logement")
    if "situation" in aid and "déménage" in str(aid.get("situation", "")).lower():
        result.append("logement-hebergement--changer-de-logement")
    return sorted(set(result))


def mobiville_records(aids: list[dict], catalogue_date: str = "2022-11-07") -> list[tuple[dict, dict]]:
    """(structure, service) schema v1 records of each aid; the partner is the structure."""
    records = []
    for aid in aids:
        partner = str(aid.get("partner") or "France Travail").strip()
        structure = {
            "id": f"mobiville--{slugify(partner)[:60]}",
            "source": "mobiville",
            "nom": partner if len(partner) >= 3 else f"{partner} (partenaire)",
            "date_maj": catalogue_date,
        }
        who = _text(aid.get("who", ""))
        hidden = re.findall(r"display:\s*none[^>]*>(.*?)</span>", str(aid.get("who", "")), flags=re.S)
        tags = [t.strip().lower() for t in (hidden[0] if hidden else str(aid.get("who", ""))).split("^")]
        publics = sorted({MOBIVILLE_PUBLICS[t] for t in tags if t in MOBIVILLE_PUBLICS})
        kind = str(aid.get("type", "")).split(",")[0].strip().lower()
        description = "\n\n".join(
            p for p in [_text(aid.get("goal")), _text(aid.get("description")), _text(aid.get("when"))] if p
        )
        service = {
            "id": f"mobiville--{aid.get('slug')}",
            "structure_id": structure["id"],
            "source": "mobiville",
            "nom": str(aid.get("title", "")).strip()[:150],
            "description": description[:10000],
            "date_maj": catalogue_date,
            "type": MOBIVILLE_TYPES.get(kind),
            "thematiques": _mobiville_thematiques(aid) or None,
            "publics": publics or None,
            "publics_precisions": who[:1000] or None,
            "conditions_acces": _text(aid.get("conditions"))[:1000] or None,
            "zone_eligibilite": ["france"],
            "modes_accueil": ["a-distance"],
            "lien_source": aid.get("link") or None,
            "lien_mobilisation": aid.get("link") or None,
        }
        records.append((structure, {k: v for k, v in service.items() if v is not None}))
    return records


def import_mobiville(content: bytes, filename: str, *, dry_run: bool = True) -> Report:
    try:
        aids = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportError_("Le catalogue Mobiville doit être le fichier JSON d'origine.") from exc
    if not isinstance(aids, list):
        raise ImportError_("Le catalogue Mobiville doit être une liste d'aides.")
    importer = Importer({"columns": {}, "options": {"missing_structure": "create"}})
    with transaction.atomic():
        for line, (structure, service) in enumerate(mobiville_records(aids), start=1):
            errors = schema.validate_service(service)
            if errors:
                importer.report.add(Outcome(line, service.get("id", ""), False, errors))
                continue
            stored, problem = importer.structure_for({**service, "structure_id": structure["id"]}, [])
            if stored is None:
                importer.report.add(Outcome(line, service["id"], False, [problem]))
                continue
            if stored.is_placeholder:
                stored.name, stored.is_placeholder = structure["nom"], False
                stored.save(update_fields=["name", "is_placeholder"])
                importer.report.placeholders -= 1
            created = importer.store_service(service, stored, {"notes": [], "location_flag": "", "commune": None})
            importer.report.add(Outcome(line, service["id"], True, created=created))
        if dry_run:
            transaction.set_rollback(True)
    return importer.report

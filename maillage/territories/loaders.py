"""Load régions, départements, EPCI, communes, postcodes, centroids and outlines from the bundled files.

Files (``settings.REFERENCE_DATA_DIR``): ``territories/{regions,departements,epci,communes,codes-postaux}.json[.gz]``
(Etalab découpage administratif) and ``geo/communes_centroids.csv[.gz]``, ``geo/epci-*.geojson[.gz]``,
``geo/departements-version-simplifiee.geojson[.gz]``. Every step is idempotent (upsert on the code).
"""

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from maillage.common_files import open_text
from maillage.common_text import fold

from .models import (
    Commune,
    Departement,
    DepartementOutline,
    Epci,
    EpciOutline,
    FormerCommuneCode,
    PostalCode,
    Region,
)

Progress = Callable[[str], None]


def find_file(directory: Path, name: str) -> Path | None:
    for candidate in (directory / name, directory / f"{name}.gz"):
        if candidate.exists():
            return candidate
    return None


def read_json(path: Path):
    with open_text(path) as handle:
        return json.load(handle)


def _upsert(model, rows: list, fields: list[str], key: str = "code", batch_size: int = 2000) -> int:
    model.objects.bulk_create(
        rows, batch_size=batch_size, update_conflicts=True, unique_fields=[key], update_fields=fields
    )
    return len(rows)


def load_regions(directory: Path) -> int:
    rows = [Region(code=r["code"], name=r["nom"]) for r in read_json(find_file(directory, "regions.json"))]
    return _upsert(Region, rows, ["name"])


def load_departements(directory: Path) -> int:
    rows = [
        Departement(code=d["code"], name=d["nom"], region_id=d["region"])
        for d in read_json(find_file(directory, "departements.json"))
    ]
    return _upsert(Departement, rows, ["name", "region"])


def accented_epci_name(name: str, member_names) -> str:
    """The EPCI name with the capital accents its source drops (« CA Evreux Portes de Normandie » →
    « CA Évreux Portes de Normandie »), taken from its member communes' names, so the same place is
    written one way everywhere."""
    spelled: dict[str, str] = {}
    for commune in member_names:
        for word in re.split(r"[\s'’-]+", commune or ""):
            if word[:1] in "ÉÈÊÀÂÎÔÛ" and len(word) > 1:
                spelled.setdefault(fold(word), word)
    words = re.split(r"(\s+|-|'|’)", name)
    return "".join(
        spelled.get(fold(w), w) if w[:1] in "EAIOU" and spelled.get(fold(w), w)[1:] == w[1:] else w for w in words
    )


def load_epcis(directory: Path) -> tuple[int, dict[str, str]]:
    """Returns the number of EPCI and the commune code → EPCI code membership."""
    data = read_json(find_file(directory, "epci.json"))
    rows, membership = [], {}
    for item in data:
        name = accented_epci_name(item["nom"], [member.get("nom", "") for member in item.get("membres", [])])
        rows.append(
            Epci(
                code=item["code"],
                name=name,
                kind=item.get("type", ""),
                population=item.get("populationTotale") or 0,
                search_name=fold(name),
            )
        )
        for member in item.get("membres", []):
            membership[member["code"]] = item["code"]
    _upsert(Epci, rows, ["name", "kind", "population", "search_name"])
    return len(rows), membership


def read_centroids(geo_dir: Path) -> dict[str, tuple[float, float]]:
    path = find_file(geo_dir, "communes_centroids.csv")
    if path is None:
        return {}
    with open_text(path) as handle:
        return {row["insee_code"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(handle)}


def load_communes(directory: Path, membership: dict[str, str], centroids: dict) -> int:
    data = read_json(find_file(directory, "communes.json"))
    known_departements = set(Departement.objects.values_list("code", flat=True))
    rows, former = [], []
    for item in data:
        if item.get("type") != "commune-actuelle" or item.get("departement") not in known_departements:
            continue
        code = item["code"]
        latitude, longitude = centroids.get(code, (None, None))
        rows.append(
            Commune(
                code=code,
                name=item["nom"],
                search_name=fold(item["nom"]),
                departement_id=item["departement"],
                epci_id=membership.get(code),
                population=item.get("population") or 0,
                postcodes=" ".join(item.get("codesPostaux", [])),
                latitude=latitude,
                longitude=longitude,
            )
        )
        former.extend(
            FormerCommuneCode(code=old, commune_id=code) for old in item.get("anciensCodes", []) if old != code
        )
    _upsert(
        Commune,
        rows,
        ["name", "search_name", "departement", "epci", "population", "postcodes", "latitude", "longitude"],
    )
    current = {row.code for row in rows}
    former = [f for f in former if f.code not in current]
    _upsert(FormerCommuneCode, former, ["commune"])
    return len(rows)


def load_postcodes(directory: Path) -> int:
    path = find_file(directory, "codes-postaux.json")
    pairs = set()
    if path is not None:
        pairs |= {(r["codePostal"], r["codeCommune"]) for r in read_json(path)}
    for code, postcodes in Commune.objects.values_list("code", "postcodes"):
        pairs |= {(postcode, code) for postcode in postcodes.split()}
    known = set(Commune.objects.values_list("code", flat=True))
    existing = set(PostalCode.objects.values_list("code", "commune_id"))
    new_rows = [PostalCode(code=p, commune_id=c) for p, c in sorted(pairs - existing) if c in known]
    PostalCode.objects.bulk_create(new_rows, batch_size=5000)
    return PostalCode.objects.count()


def load_outlines(geo_dir: Path) -> dict[str, int]:
    epcis = set(Epci.objects.values_list("code", flat=True))
    epci_count = 0
    for path in sorted(geo_dir.glob("epci-*.geojson*")):
        for feature in read_json(path)["features"]:
            code = feature["properties"]["code"]
            if code in epcis:
                EpciOutline.objects.update_or_create(epci_id=code, defaults={"geometry": feature["geometry"]})
                epci_count += 1
    departements = set(Departement.objects.values_list("code", flat=True))
    departement_count = 0
    path = find_file(geo_dir, "departements-version-simplifiee.geojson")
    if path is not None:
        for feature in read_json(path)["features"]:
            code = feature["properties"].get("code")
            if code in departements:
                DepartementOutline.objects.update_or_create(
                    departement_id=code, defaults={"geometry": feature["geometry"]}
                )
                departement_count += 1
    return {"epci_outlines": epci_count, "departement_outlines": departement_count}


@transaction.atomic
def load_all(reference_dir: Path, progress: Progress = lambda message: None) -> dict[str, int]:
    directory, geo_dir = reference_dir / "territories", reference_dir / "geo"
    counts = {"regions": load_regions(directory)}
    progress(f"{counts['regions']} régions")
    counts["departements"] = load_departements(directory)
    progress(f"{counts['departements']} départements")
    counts["epci"], membership = load_epcis(directory)
    progress(f"{counts['epci']} EPCI")
    counts["communes"] = load_communes(directory, membership, read_centroids(geo_dir))
    progress(f"{counts['communes']} communes")
    counts["codes_postaux"] = load_postcodes(directory)
    progress(f"{counts['codes_postaux']} couples code postal – commune")
    counts.update(load_outlines(geo_dir))
    counts["communes_avec_centroide"] = Commune.objects.filter(latitude__isnull=False).count()
    return counts

"""Imports: the real data·inclusion extract of La Réunion (every service accounted for), the schema v1
round trip (export validated by the package), DORA, Mobiville, bounded input and the mapping page."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from maillage.accounts.models import OrganisationKind, Role
from maillage.directory import importers, importers_other
from maillage.directory.exports import export_services, export_structures, validate_export
from maillage.directory.models import Service, Structure
from tests.factories import user_with_role

from .conftest import fixture_bytes

SERVICES = "data_inclusion_services_974_extrait_2025.csv"
STRUCTURES = "data_inclusion_structures_974_extrait_2025.json"
PRESET = {"preset": "data-inclusion-extrait-2025", **importers.PRESETS["data-inclusion-extrait-2025"]}


@pytest.fixture
def real_import(reunion):
    report, _mapping = importers.import_services(
        fixture_bytes(SERVICES), SERVICES, structures=fixture_bytes(STRUCTURES), structures_name=STRUCTURES,
        dry_run=False,
    )  # fmt: skip
    return report


def test_real_extract_every_service_accounted_for_and_exported_valid(real_import):
    report = real_import
    assert report.rows == 2705
    assert report.stored + report.rejected == 2705
    assert Service.objects.count() == report.stored
    # Every rejected service is in the report with its reason; every stored one validates.
    rejected_lines = [line for line in report.lines if line["status"] == "rejeté"]
    assert len(rejected_lines) == report.rejected
    assert all(line["errors"] for line in rejected_lines)
    assert sum(report.reasons.values()) >= report.rejected

    # Values of the older schema are mapped where its history allows, reported otherwise.
    # The preset was recognised from the French column names.
    savoirs = Service.objects.filter(thematiques_key__contains="|lecture-ecriture-calcul--maitriser-le-francais|")
    assert savoirs.exists()  # from « apprendre-francais--… » / « illettrisme--… »
    assert not Service.objects.filter(thematiques_key__contains="|apprendre-francais").exists()
    assert report.warnings["thématique : catégorie seule, sans thématique v1"] > 0
    assert any(key.startswith("thématique sans équivalent en v1") for key in report.warnings)
    assert Service.objects.filter(publics_key__contains="|seniors|").exists()  # « seniors-65 »
    # The lost sign of the latitude is restored from the commune: every service lies in the southern hemisphere.
    assert not Service.objects.filter(latitude__gt=0).exists()
    assert Service.objects.filter(latitude__lt=-20).count() > 2600
    # Coordinates far from their commune are flagged, on the service and in the report.
    assert report.flagged_locations == Service.objects.exclude(location_flag="").count() > 0
    # Services without a code INSEE get it from the commune name and postcode (« ST PIERRE », 97410).
    assert report.warnings["code INSEE retrouvé d'après la commune et le code postal"] > 200
    # Services whose structure is missing from the structures file hang on a structure « à compléter ».
    assert Structure.objects.filter(is_placeholder=True).count() == report.placeholders > 0

    # The export of what was stored validates with the national package.
    structures, services = export_structures(), export_services()
    assert len(services) == report.stored
    assert validate_export(structures, services) == []


def test_json_and_csv_of_the_extract_give_the_same_figures(reunion):
    rows = json.dumps(list(importers.read_rows(fixture_bytes(SERVICES), SERVICES)[1][:300]))
    report_json, _ = importers.import_services(rows.encode(), "extrait.json", mapping=PRESET, dry_run=True)
    csv_head = b"\n".join(fixture_bytes(SERVICES).split(b"\n")[:301])
    report_csv, _ = importers.import_services(csv_head, "extrait.csv", mapping=PRESET, dry_run=True)
    assert report_json.rows == report_csv.rows == 300
    assert report_json.stored == report_csv.stored
    assert Service.objects.count() == 0  # dry run


def test_schema_v1_round_trip(directory):
    structures, services = export_structures(), export_services()
    assert validate_export(structures, services) == []
    Service.objects.all().delete()
    payload = json.dumps(services).encode()
    report, mapping = importers.import_services(payload, "services.json", dry_run=False)
    assert mapping["preset"] == "data-inclusion-v1"
    assert report.stored == len(services) and report.rejected == 0


def test_invalid_rows_are_reported_in_french_per_line(directory):
    rows = [
        {"id": "x--1", "structure_id": directory["association"].di_id, "source": "x", "nom": "AB",
         "description": "Une description", "date_maj": "2025-01-01"},
        {"id": "x--2", "structure_id": "inconnue--9", "source": "x", "nom": "Service correct",
         "description": "Une description", "date_maj": "2025-01-01"},
        {"id": "x--3", "structure_id": directory["association"].di_id, "source": "x", "nom": "Service daté",
         "description": "Une description", "date_maj": "2999-01-01", "code_postal": "2700"},
        {"id": "x--4", "structure_id": directory["association"].di_id, "source": "x", "nom": "Service valide",
         "description": "Une description", "date_maj": "2025-01-01", "thematiques": ["mobilite--inventee"],
         "horaires_accueil": "le lundi matin"},
    ]  # fmt: skip
    report, _ = importers.import_services(json.dumps(rows).encode(), "f.json", dry_run=False)
    by_id = {line["id"]: line for line in report.lines}
    assert by_id["x--1"]["errors"] == ["nom : trop court (« AB »)"]
    assert "structure absente" in by_id["x--2"]["errors"][0]
    assert any("futur" in e for e in by_id["x--3"]["errors"]) and any(
        "code postal" in e for e in by_id["x--3"]["errors"]
    )
    assert by_id["x--4"]["status"] == "enregistré"
    assert any("inconnue du schéma" in w for w in by_id["x--4"]["warnings"])
    assert any("OpenStreetMap" in w for w in by_id["x--4"]["warnings"])
    assert report.stored == 1 and report.rejected == 3


def test_input_is_bounded_before_reading(monkeypatch):
    monkeypatch.setattr(importers.files, "MAX_BYTES", 100)
    with pytest.raises(importers.ImportError_, match="trop volumineux"):
        importers.read_rows(b"x" * 101, "f.csv")
    monkeypatch.setattr(importers.files, "MAX_BYTES", 10_000_000)
    monkeypatch.setattr(importers.files, "MAX_ROWS", 3)
    with pytest.raises(importers.ImportError_, match="Trop de lignes"):
        importers.read_rows(b"a,b\n1,2\n1,2\n1,2\n1,2\n1,2\n", "f.csv")
    with pytest.raises(importers.ImportError_, match="JSON illisible"):
        importers.read_rows(b"[{", "f.json")


def test_list_and_number_formats():
    assert importers.parse_list("{a,b}") == ["a", "b"]
    assert importers.parse_list('{"a b",c}') == ["a b", "c"]
    assert importers.parse_list('["a", "b"]') == ["a", "b"]
    assert importers.parse_list("") == []
    assert importers.parse_float("55,44652200") == pytest.approx(55.446522)
    assert importers.parse_float("-21.3") == -21.3


def test_dora_sample(db):
    report = importers_other.import_dora_structures(
        fixture_bytes("dora_api_v1_structures_diff_sample_2022.json"), "dora.json", dry_run=False
    )
    assert report.rows == 184
    assert report.stored + report.rejected == 184
    assert Structure.objects.filter(source="dora").exists()
    assert validate_export(export_structures(), []) == []


def test_mobiville_catalogue(db):
    report = importers_other.import_mobiville(
        fixture_bytes("ft_mobiville_aides_mobilite_2022.json"), "mobiville.json", dry_run=False
    )
    assert report.rows == 17 and report.stored == 17
    visale = Service.objects.get(di_id="mobiville--garantie-visale")
    assert visale.eligibility_zone == ["france"]
    assert "<" not in visale.description
    assert Service.objects.filter(thematiques_key__contains="|mobilite--").exists()
    assert validate_export(export_structures(), export_services()) == []


def test_the_mapping_preview_validates_every_row_against_the_schema(client, directory):
    """The preview checks each converted row with the schema, whether the row names its structure or not."""
    rows = [
        {"id": "x--1", "structure_id": directory["association"].di_id, "source": "x", "nom": "AB",
         "description": "Une description", "date_maj": "2025-01-01"},
        {"id": "x--2", "source": "x", "nom": "CD", "description": "Une description", "date_maj": "2025-01-01"},
    ]  # fmt: skip
    client.force_login(user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE))
    upload = SimpleUploadedFile("f.json", json.dumps(rows).encode(), content_type="application/json")
    response = client.post("/annuaire/imports/", {"layout": "services", "file": upload, "dry_run": "on"})
    assert response.status_code == 302
    preview = client.get(response["Location"]).context["preview"]
    assert "nom : trop court (« AB »)" in preview[0]["errors"]
    assert "nom : trop court (« CD »)" in preview[1]["errors"]

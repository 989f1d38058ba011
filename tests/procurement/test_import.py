"""The DECP import: sample files, idempotence, modifications, error report, both pipeline modes."""

import csv
import gzip
import json
import shutil

import pytest

from maillage.procurement import services
from maillage.procurement.decp.importer import DecpImporter
from maillage.procurement.models import Buyer, Contract, DecpImport

from .conftest import EPN


def run(paths, tmp_path, parallel=False, **kwargs):
    report = tmp_path / "rapport.csv"
    importer = DecpImporter(report_path=str(report), parallel=parallel, **kwargs)
    result = importer.run(services.path_sources(paths))
    with open(report, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    return result, rows


def test_2022_sample_imports_every_contract(territory, fixture_path, tmp_path):
    result, _ = run([fixture_path("decp_test_2022.json")], tmp_path)

    assert result.read == 5
    assert result.counts.created == 5
    assert result.rejected == 0
    assert Contract.objects.count() == 5
    facades = Contract.objects.get(ref="202401L04")
    assert facades.buyer_id == "21030042200016"
    assert facades.cpv_code == "45214200"
    assert facades.cpv_division == "45"
    assert facades.data_format == "2022"
    assert facades.notified_on.isoformat() == "2024-02-08"
    assert facades.year == 2024
    assert facades.duration_months == 17
    assert float(facades.initial_amount) == pytest.approx(127835.12)
    # The first modification changed the amount and the holders.
    assert float(facades.amount) == pytest.approx(124557.46)
    assert facades.modifications_count == 2
    assert [h["id"] for h in facades.holders] == ["81223513300026", "98756638100011"]
    assert facades.subcontracting_declared is True
    assert facades.subcontracting_acts == 1
    # Postcode 03120 is shared by two EPCI: its most populous commune (Lapalisse) is kept.
    assert facades.commune_id == "03138"
    assert facades.epci_id == "240300491"
    assert facades.departement_id == "03"


def test_2022_social_considerations(territory, fixture_path, tmp_path):
    run([fixture_path("decp_test_2022.json")], tmp_path)

    carrelage = Contract.objects.get(ref="202207LOT03")
    assert carrelage.social_clause is True
    assert carrelage.social_criterion is True
    assert carrelage.reserved is False
    assert carrelage.has_social is True
    assert carrelage.social_status == "Clause sociale, Critère social"
    none = Contract.objects.get(ref="2019K1209")
    assert none.has_social is False
    assert none.social_clause is False
    assert none.has_env is False
    assert none.commune_id == "69123"
    assert none.epci_id == "200046977"


def test_2022_defects_are_reported_and_the_record_kept(territory, fixture_path, tmp_path):
    _, rows = run([fixture_path("decp_test_2022.json")], tmp_path)

    stadium = Contract.objects.get(ref="2020F00075")
    assert stadium.amount is not None  # the 1e17 initial amount is ignored; modifications give one
    assert stadium.initial_amount is None
    assert any(r["motif"].startswith("montant aberrant") and r["identifiant du marché"] == "2020F00075" for r in rows)
    electricity = Contract.objects.get(ref="2022VI2022.242")
    assert electricity.duration_months is None  # "NC"
    assert electricity.departement_id == "974"  # 97430: La Réunion


def test_2019_sample_format_and_flat_buyer_key(territory, fixture_path, tmp_path):
    result, rows = run([fixture_path("decp_test_2019.json")], tmp_path)

    assert result.counts.created == 2
    flat = Contract.objects.get(ref="2019_83935401")
    assert flat.buyer_id == "21500222100012"
    assert flat.data_format == "2019"
    assert flat.has_social is None  # the 2019 format says nothing about it
    assert flat.social_status == "Inconnu"
    assert flat.holders == [{"type": "SIRET", "id": "12345678900022", "name": "AMC FOLLIOT"}]
    assert float(flat.amount) == 79237  # modification
    assert flat.epci_id == "200067205"  # 50340 → Les Pieux, CA du Cotentin
    nested = Contract.objects.get(ref="2019-VI2022.242")
    # Holders of a modification nested in lists of lists are flattened.
    assert {h["id"] for h in nested.holders} == {"34027049500021", "1111111111"}
    assert any(r["champ"] == "acheteur.id" and r["gravité"] == "correction" for r in rows)


def test_official_examples_skip_concessions(territory, fixture_path, tmp_path):
    result, _ = run(
        [
            fixture_path("exemple_2022_marches_concessions.json"),
            fixture_path("exemple_2019_mar_avec_modifications.json"),
        ],
        tmp_path,
    )

    assert result.concessions == 2
    assert result.counts.created == 3
    garden = Contract.objects.get(ref="2010345211201")
    assert garden.buyer.name == "Ville de Rennes"
    assert [h["name"] for h in garden.holders] == ["Garami SARL", "Amandier SA"]


def test_real_2019_files_import_with_a_report(territory, fixture_path, tmp_path):
    result, rows = run([fixture_path("e-marchespublics.json"), fixture_path("data.gouv.fr_pes.json")], tmp_path)

    assert result.read == 470 + 1148
    assert result.rejected == 0
    assert result.counts.duplicates > 0  # the same contract published twice in a file
    assert Contract.objects.count() == result.counts.created
    assert result.counts.created + result.counts.duplicates == result.read
    assert Buyer.objects.filter(name="SDIS de la Vendée").exists()
    # Dates with a time-zone offset (2019 schema) are accepted as they are.
    assert Contract.objects.filter(notified_on__isnull=True).count() == 0
    reasons = {r["motif"] for r in rows}
    assert "lieu d'exécution inconnu" in reasons  # "DEP", "INO", "FRK26"…
    assert "montant nul ou négatif, ignoré" in reasons
    unknown = [r for r in rows if r["motif"] == "lieu d'exécution inconnu"]
    assert all(r["fichier"] and r["n° d'enregistrement"] and r["identifiant du marché"] for r in unknown)
    assert {"Code département DEP", "Code commune INO"} <= {r["valeur"] for r in unknown}


def test_reimport_is_idempotent(territory, fixture_path, tmp_path):
    paths = [fixture_path("decp_test_2022.json"), fixture_path("e-marchespublics.json")]
    first, _ = run(paths, tmp_path)
    count = Contract.objects.count()
    stamps = dict(Contract.objects.values_list("pk", "updated_at"))

    second, _ = run(paths, tmp_path)

    assert Contract.objects.count() == count
    assert second.counts.created == 0
    assert second.counts.updated == 0
    assert second.counts.unchanged == first.counts.created
    assert dict(Contract.objects.values_list("pk", "updated_at")) == stamps


def _records(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def test_modifications_update_and_older_versions_are_ignored(territory, fixture_path, tmp_path):
    data = _records(fixture_path("decp_test_2022.json"))
    original = tmp_path / "v1.json"
    original.write_text(json.dumps(data), encoding="utf-8")
    run([str(original)], tmp_path)
    contract = Contract.objects.get(ref="202207LOT03")
    assert float(contract.amount) == pytest.approx(49599.25)

    # The publisher adds a modification: new amount and new holder.
    record = next(r for r in data["marches"]["marche"] if r["id"] == "202207LOT03")
    record["modifications"].append(
        {
            "modification": {
                "id": 2,
                "dateNotificationModification": "2024-06-01",
                "datePublicationDonneesModification": "2024-06-02",
                "montant": 61000.0,
                "titulaires": [{"titulaire": {"typeIdentifiant": "SIRET", "id": "11111111111111"}}],
            }
        }
    )
    newer = tmp_path / "v2.json"
    newer.write_text(json.dumps(data), encoding="utf-8")
    result, _ = run([str(newer)], tmp_path)

    contract.refresh_from_db()
    assert result.counts.updated == 1
    assert result.counts.unchanged == 4
    assert float(contract.amount) == 61000
    assert contract.modifications_count == 2
    assert contract.last_modified_on.isoformat() == "2024-06-01"
    assert contract.holders == [{"type": "SIRET", "id": "11111111111111"}]
    assert Contract.objects.filter(ref="202207LOT03").count() == 1

    # Re-importing the older file afterwards does not undo the modification.
    result, _ = run([str(original)], tmp_path)
    contract.refresh_from_db()
    assert result.counts.obsolete == 1
    assert float(contract.amount) == 61000


def test_defective_records_are_rejected_with_reasons(territory, fixture_path, tmp_path):
    result, rows = run([fixture_path("defauts.json")], tmp_path)

    assert result.read == 11
    assert result.concessions == 1
    assert result.rejected == 6
    assert sorted(Contract.objects.values_list("ref", flat=True)) == ["D04", "D06", "D07", "D10"]
    rejections = {(r["identifiant du marché"], r["champ"]): r["motif"] for r in rows if r["gravité"] == "rejet"}
    assert rejections[("D01", "acheteur.id")] == "SIRET de l'acheteur absent"
    assert rejections[("D02", "acheteur.id")].startswith("SIRET de l'acheteur invalide")
    assert rejections[("", "id")] == "identifiant du marché absent"
    assert rejections[("D05", "dateNotification")] == "date de notification absente ou illisible"
    assert rejections[("", "(enregistrement)")] == "l'enregistrement n'est pas un objet JSON"
    assert rejections[("D11", "dateNotification")].startswith("date de notification hors limites")
    french_date = Contract.objects.get(ref="D04")
    assert french_date.notified_on.isoformat() == "2021-12-31"
    assert french_date.epci_id == EPN
    text_amount = Contract.objects.get(ref="D06")
    assert float(text_amount.amount) == pytest.approx(12500.5)
    assert text_amount.commune_id == "27229"
    negative = Contract.objects.get(ref="D07")
    assert negative.amount is None
    assert negative.cpv_code == ""
    unknown_value = Contract.objects.get(ref="D10")
    assert unknown_value.social_clause is True  # the known value is kept
    assert unknown_value.departement_id == "27"
    assert unknown_value.epci_id is None
    warnings = {(r["identifiant du marché"], r["champ"], r["motif"]) for r in rows if r["gravité"] == "avertissement"}
    assert ("D07", "codeCPV", "code CPV invalide (8 chiffres attendus)") in warnings
    assert ("D10", "considerationsSociales", "valeur inconnue, ignorée") in warnings
    assert ("D07", "lieuExecution.code", "lieu d'exécution inconnu") in warnings


def test_gzip_and_latin1_bytes(territory, fixture_path, tmp_path):
    with open(fixture_path("decp_test_2019.json"), encoding="utf-8") as handle:
        text = handle.read()
    text = text.replace("Un marché sans acheteur", "Réfection café")
    raw = text.encode("utf-8").replace("Réfection café".encode(), "Réfection café".encode("cp1252"))
    path = tmp_path / "latin.json.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(raw)

    result, rows = run([str(path)], tmp_path)

    assert result.counts.created == 2
    assert result.encoding_fixes == 2
    assert Contract.objects.get(ref="2019_83935401").object.startswith("Réfection café")
    assert any(r["motif"].startswith("octets non UTF-8") for r in rows)


def test_broken_json_keeps_what_was_read(territory, fixture_path, tmp_path):
    with open(fixture_path("e-marchespublics.json"), encoding="utf-8") as handle:
        text = handle.read()
    path = tmp_path / "coupe.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")

    result, rows = run([str(path), fixture_path("decp_test_2022.json")], tmp_path)

    assert len(result.fatal_errors) == 1
    assert "JSON invalide" in result.fatal_errors[0]
    assert Contract.objects.count() - 5 > 200  # about half of the 470 records of the cut file
    assert Contract.objects.filter(ref="202207LOT03").exists()  # the next file was imported
    assert any(r["champ"] == "(fichier)" and r["gravité"] == "rejet" for r in rows)


@pytest.mark.parametrize("batch_size,commit_every", [(1, None), (7, None), (7, 100)])
def test_small_batches_and_forked_reader_give_the_same_result(
    territory, fixture_path, tmp_path, batch_size, commit_every
):
    paths = [fixture_path("e-marchespublics.json"), fixture_path("defauts.json")]
    result, rows = run(paths, tmp_path, parallel=True, batch_size=batch_size, commit_every=commit_every)

    assert result.read == 481
    assert result.rejected == 6
    assert result.counts.created == Contract.objects.count()
    assert len([r for r in rows if r["gravité"] == "rejet"]) == 6


def test_service_records_the_import_and_stores_the_report(territory, fixture_path, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    copy = tmp_path / "copie.csv"
    decp_import = services.run_import(
        services.path_sources([fixture_path("defauts.json")]), parallel=False, report_copy=str(copy)
    )

    assert decp_import.status == DecpImport.Status.DONE
    assert decp_import.counts["Enregistrements rejetés"] == 6
    assert decp_import.counts["Marchés créés"] == 4
    assert decp_import.summary[0]["nombre"] >= 1
    assert "4 marchés créés" in decp_import.message
    assert (tmp_path / "media" / decp_import.report).exists()
    assert copy.read_text(encoding="utf-8-sig").startswith("fichier;n° d'enregistrement")


def test_command(territory, fixture_path, tmp_path, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path / "media"
    out = StringIO()
    call_command("import_decp", fixture_path("decp_test_2022.json"), "--sans-progression", stdout=out)

    assert "Marchés créés : 5" in out.getvalue()
    assert Contract.objects.count() == 5
    shutil.rmtree(tmp_path / "media")


def _database_rows() -> dict[str, int]:
    from maillage.procurement.models import BuyerCell, RadarCell

    models = (Contract, Buyer, DecpImport, RadarCell, BuyerCell)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.parametrize("parallel", [False, True])
def test_command_dry_run_counts_and_writes_nothing(territory, fixture_path, tmp_path, settings, monkeypatch, parallel):
    from io import StringIO

    from django.core.management import call_command

    monkeypatch.setattr(settings, "PROCUREMENT_IMPORT_PARALLEL", parallel, raising=False)
    settings.MEDIA_ROOT = tmp_path / "media"
    path = fixture_path("decp_test_2022.json")
    call_command("import_decp", path, "--sans-progression", stdout=StringIO())
    Contract.objects.filter(ref="202401L04").update(checksum="ancien")  # one contract to update
    Contract.objects.exclude(ref="202401L04").first().delete()  # one contract to create again
    before = _database_rows()
    changed = Contract.objects.get(ref="202401L04").updated_at
    out = StringIO()

    call_command(
        "import_decp", path, "--sans-progression", "--dry-run", "--rapport", str(tmp_path / "r.csv"), stdout=out
    )

    assert _database_rows() == before
    assert Contract.objects.get(ref="202401L04").checksum == "ancien"
    assert Contract.objects.get(ref="202401L04").updated_at == changed
    text = out.getvalue()
    assert "Simulation terminée, rien n'a été enregistré" in text
    assert "Marchés créés : 1" in text and "Marchés mis à jour : 1" in text and "Marchés inchangés : 3" in text
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").startswith("fichier;")
    reports = list((tmp_path / "media" / "procurement" / "rapports").iterdir())
    assert len(reports) == 1  # the first, real import's report only


def test_dry_run_of_a_new_file_creates_no_buyer(territory, fixture_path, tmp_path):
    result = services.simulate_import(services.path_sources([fixture_path("decp_test_2022.json")]))

    assert (result.read, result.counts.created) == (5, 5)
    assert _database_rows() == {"Contract": 0, "Buyer": 0, "DecpImport": 0, "RadarCell": 0, "BuyerCell": 0}


def test_a_key_inserted_meanwhile_is_updated_not_duplicated(territory, fixture_path, tmp_path, monkeypatch):
    """Another import may insert a contract between the lookup and the write: the batch still succeeds."""
    from maillage.procurement.decp.writer import ContractWriter

    run([fixture_path("decp_test_2022.json")], tmp_path)
    Contract.objects.update(checksum="ancien")
    monkeypatch.setattr(ContractWriter, "_existing", lambda self, raw, keys: {})

    run([fixture_path("decp_test_2022.json")], tmp_path)

    assert Contract.objects.count() == 5
    assert not Contract.objects.filter(checksum="ancien").exists()


def test_report_cells_cannot_become_formulas(territory, tmp_path):
    path = tmp_path / "formule.json"
    path.write_text(
        json.dumps({"marches": [{"id": '=HYPERLINK("x")', "acheteur": {"id": "21270229400014"}}]}),
        encoding="utf-8",
    )

    _, rows = run([str(path)], tmp_path)

    assert rows[0]["identifiant du marché"].startswith("'=")

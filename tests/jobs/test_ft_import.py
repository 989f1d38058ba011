"""import_ft_offers: idempotent on id, French error report, strict mode; suggest_rome's CSV."""

import csv
import io
import json
import logging
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from maillage.jobs.models import Offer, OfferSource, WorkingTime
from maillage.jobs.services.ft_import import import_ft_offers

FIXTURE = Path(__file__).parent / "fixtures" / "ft_offers_small.json"


def _data():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_import_saves_valid_offers_and_reports_the_others(ref):
    report = import_ft_offers(_data())
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    messages = [str(e) for e in report.errors]
    assert any("Offre n° 3 (id 201IJKL), champ « typeContrat »" in m and "XYZ" in m for m in messages)
    assert any(m == "Offre n° 4, champ « id » : identifiant manquant." for m in messages)
    assert any("Offre n° 4, champ « intitule »" in m for m in messages)
    assert any("999999" in str(w) for w in report.warnings)
    wiring = Offer.objects.get(source=OfferSource.FRANCE_TRAVAIL, external_id="201ABCD")
    assert wiring.appellation_id == "10004" and wiring.rome_code == "H2605"
    assert wiring.commune_id == "27229" and wiring.latitude == pytest.approx(49.0241)
    assert list(wiring.skills.values_list("code", flat=True)) == ["105778"]
    assert wiring.company_name == "Ateliers de l'Iton" and wiring.positions == 2
    assert float(wiring.weekly_hours) == 35.0
    cashier = Offer.objects.get(external_id="201EFGH")
    assert cashier.appellation_id == "10007"  # unknown label: the fiche's main appellation, with a warning
    assert cashier.working_time == WorkingTime.PART


def test_import_is_idempotent_and_updates_changed_offers(ref):
    import_ft_offers(_data())
    again = import_ft_offers(_data())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    data = _data()
    data["resultats"][1]["dureeTravailLibelle"] = "37H20 Horaires normaux"
    assert import_ft_offers(data).updated == 1
    assert import_ft_offers(data).unchanged == 2  # 37.3 h compares equal to the stored decimal
    data["resultats"][0]["intitule"] = "Monteur câbleur (H/F) – CDI"
    third = import_ft_offers(data)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert Offer.objects.filter(source=OfferSource.FRANCE_TRAVAIL).count() == 2


def test_strict_mode_saves_nothing(ref):
    report = import_ft_offers(_data(), strict=True)
    assert not report.saved and Offer.objects.count() == 0


def test_bad_shape_is_reported():
    report = import_ft_offers({"offres": []})
    assert not report.saved and "resultats" in str(report.errors[0])


def test_command_writes_error_report(ref, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    errors = tmp_path / "erreurs.csv"
    call_command("import_ft_offers", str(FIXTURE), "--errors", str(errors), stdout=out, stderr=err)
    assert "2 offres créées" in out.getvalue()
    assert "Erreur : Offre n° 3" in err.getvalue()
    rows = list(csv.reader(errors.open(encoding="utf-8"), delimiter=";"))
    assert rows[0] == ["offre", "id", "champ", "gravité", "message"]
    assert any(r[2] == "typeContrat" and r[3] == "erreur" for r in rows[1:])
    with pytest.raises(CommandError, match="Aucune offre enregistrée"):
        call_command("import_ft_offers", str(FIXTURE), "--strict", stdout=out, stderr=err)
    with pytest.raises(CommandError, match="introuvable"):
        call_command("import_ft_offers", str(tmp_path / "absent.json"), stdout=out)


def test_command_dry_run_counts_logs_and_keeps_nothing(ref, caplog):
    out = io.StringIO()
    with caplog.at_level(logging.INFO, logger="maillage.commands"):
        call_command("import_ft_offers", str(FIXTURE), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "Simulation (rien n'est enregistré) : 2 offres créées" in out.getvalue()
    assert Offer.objects.count() == 0
    messages = [r.getMessage() for r in caplog.records if r.name == "maillage.commands.import_ft_offers"]
    assert messages[0] == "import_ft_offers (simulation) : début"
    assert "créées : 2" in messages[-1] and "erreurs : " in messages[-1] and "(simulation) : fin" in messages[-1]


def test_command_logs_what_it_saved(ref, caplog):
    with caplog.at_level(logging.INFO, logger="maillage.commands"):
        call_command("import_ft_offers", str(FIXTURE), stdout=io.StringIO(), stderr=io.StringIO())
    assert Offer.objects.count() == 2
    last = [r.getMessage() for r in caplog.records if r.name == "maillage.commands.import_ft_offers"][-1]
    assert last.startswith("import_ft_offers : fin en ") and "créées : 2, modifiées : 0" in last


def test_suggest_rome_ignores_given_codes_and_writes_top5(ref, tmp_path):
    data = _data()
    data["resultats"][0]["romeCode"] = "D1505"  # a wrong code must not influence the suggestion
    data["resultats"][0]["appellationlibelle"] = "Caissier / Caissière"
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "out.csv"
    call_command("suggest_rome", "--in", str(source), "--out", str(target), stdout=io.StringIO())
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[0] == ["id", "rank", "code_rome", "appellation_code", "score"]
    first = [r for r in rows[1:] if r[0] == "201ABCD"]
    assert [r[1] for r in first] == ["1", "2", "3", "4", "5"]
    assert first[0][2] == "H2605" and first[0][3] in {"10004", "10005"}
    assert float(first[0][4]) >= float(first[1][4])
    welder = [r for r in rows[1:] if r[0] == "201IJKL"]
    assert welder[0][2] == "H2913"


def test_other_france_travail_contract_codes_are_folded(ref):
    data = _data()
    data["resultats"][0]["typeContrat"] = "DIN"
    data["resultats"][1]["typeContrat"] = "DDI"
    import_ft_offers(data)
    assert Offer.objects.get(external_id="201ABCD").contract_type == "CDI"
    assert Offer.objects.get(external_id="201EFGH").contract_type == "CUI"

"""The import preview applies exactly the rules of the commit; « Importer les lignes valides » imports them."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from maillage.clauses.models import HoursStatement
from maillage.clauses.services import imports

pytestmark = pytest.mark.django_db


def _upload(text: str, name="heures.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _lot_ref(lot) -> str:
    return f"{lot.market.operation.name};Lot {lot.number} – {lot.label}"


def _hours_file(scenario, *rows) -> str:
    person = scenario["alice"].participant
    lines = ["Nom;Prénom;Date de naissance;Opération;Lot;Mois;Heures"]
    for month, hours in rows:
        lines.append(
            f"{person.last_name};{person.first_name};{person.birth_date:%d/%m/%Y};{_lot_ref(scenario['lot'])};"
            f"{month};{hours}"
        )
    return "\n".join(lines) + "\n"


def _other_contract_hours(scenario, hours):
    from maillage.clauses.services import record_statement
    from tests.clauses.factories import ContractFactory, LotFactory, MarketFactory

    other_lot = LotFactory(market=MarketFactory(operation=scenario["operation"]), label="Peinture")
    other = ContractFactory(lot=other_lot, participant=scenario["alice"].participant, employer=scenario["company"])
    record_statement(scenario["facilitator"], other, month=date(2025, 8, 1), hours=hours)


def test_a_row_the_commit_would_refuse_is_refused_by_the_preview_and_the_valid_rows_still_import(scenario):
    """300 h in a month passed the preview (0–744) but the commit refused it (monthly maximum 208 h) and,
    with it, the whole file: the valid row of July was lost."""
    user = scenario["facilitator"]
    batch = imports.prepare_import(user, "heures", _upload(_hours_file(scenario, ("2025-07", 100), ("2025-08", 300))))
    assert [(e["line"], e["column"]) for e in batch.errors] == [(3, "heures")]
    assert "maximum plausible" in batch.errors[0]["message"]
    assert [r["valid"] for r in batch.rows] == [True, False]
    result = imports.apply_import(user, batch, keep_valid_rows=True)
    assert result["created"] == 1 and result["rejected"] == 0
    assert HoursStatement.objects.get(contract=scenario["alice"], month=date(2025, 7, 1)).hours == Decimal("100")
    assert not HoursStatement.objects.filter(contract=scenario["alice"], month=date(2025, 8, 1)).exists()


def test_a_row_that_became_invalid_after_the_preview_is_rejected_alone_with_its_reason(scenario):
    user = scenario["facilitator"]
    batch = imports.prepare_import(user, "heures", _upload(_hours_file(scenario, ("2025-07", 100), ("2025-08", 50))))
    assert not batch.errors
    # Between the preview and the commit, someone records 180 h for August on another lot for the person.
    _other_contract_hours(scenario, Decimal("180"))
    result = imports.apply_import(user, batch, keep_valid_rows=True)
    assert (result["created"], result["rejected"]) == (1, 1)
    assert HoursStatement.objects.filter(contract=scenario["alice"], month=date(2025, 7, 1)).exists()
    headers, rows = imports.rejected_rows(batch)
    assert headers[-2:] == ["ligne", "motif"] and len(rows) == 1
    assert rows[0][headers.index("mois")] == "2025-08" and "maximum plausible" in rows[0][-1]


def test_without_choosing_the_valid_rows_a_row_refused_at_commit_cancels_everything(scenario):
    user = scenario["facilitator"]
    batch = imports.prepare_import(user, "heures", _upload(_hours_file(scenario, ("2025-07", 100), ("2025-08", 50))))
    _other_contract_hours(scenario, Decimal("180"))
    with pytest.raises(Exception, match="Ligne 3 .*Rien n'a été importé"):
        imports.apply_import(user, batch, keep_valid_rows=False)
    assert not HoursStatement.objects.filter(contract=scenario["alice"], month=date(2025, 7, 1)).exists()


def test_lots_are_named_never_numbered_by_their_internal_id_and_an_ambiguous_name_lists_the_candidates(scenario):
    from tests.clauses.factories import LotFactory, MarketFactory

    lot = scenario["lot"]
    twin = LotFactory(market=MarketFactory(operation=scenario["operation"], reference="M-TWIN"), label=lot.label)
    person = scenario["alice"].participant
    identity = f"{person.last_name};{person.first_name};{person.birth_date:%d/%m/%Y}"
    text = (
        "nom;prenom;date_naissance;operation;reference_marche;lot;mois;heures\n"
        f"{identity};;;Gros œuvre;2025-07;10\n"
        f"{identity};groupe scolaire;{lot.market.reference};gros oeuvre;2025-07;10\n"
        f"{identity};;;{lot.pk + twin.pk + 1000};2025-09;10\n"
    )
    batch = imports.prepare_import(scenario["facilitator"], "heures", _upload(text))
    messages = {e["line"]: e["message"] for e in batch.errors}
    assert "désigne 2 lots" in messages[2] and "M-TWIN" in messages[2] and lot.market.reference in messages[2]
    assert "colonne « operation »" in messages[2]
    assert 3 not in messages  # the operation and the market reference settle it
    assert "introuvable" in messages[4]


def test_contracts_import_then_hours_import(scenario):
    from maillage.clauses.models import Contract
    from tests.clauses.factories import EligibilityFactory, ParticipantFactory

    zoe = ParticipantFactory(last_name="Renaud", first_name="Zoé", birth_date=date(1996, 4, 12))
    EligibilityFactory(participant=zoe, validated_on=date(2025, 1, 1), valid_until=date(2027, 1, 1))
    scenario["operation"].followers.add(scenario["facilitator"])
    zoe.structure = scenario["facilitator"].memberships.first().organisation
    zoe.save()
    text = (
        "Nom;Prénom;Date de naissance;Opération;Lot;Employeur;Modalité;Début;Fin;Poste\n"
        "# facultatif – notes;;;;;;;;;\n"
        f"Renaud;Zoé;12/04/1996;Groupe scolaire;{scenario['lot'].label};;CDDI;01/03/2025;31/08/2025;Maçon\n"
        f"Renaud;Zoé;12/04/1996;Groupe scolaire;{scenario['lot'].label};;inconnue;01/03/2025;;\n"
    )
    batch = imports.prepare_import(scenario["facilitator"], "contrats", _upload(text))
    assert [(e["line"], e["column"]) for e in batch.errors] == [(4, "modalite")]
    imports.apply_import(scenario["facilitator"], batch, keep_valid_rows=True)
    contract = Contract.objects.get(participant=zoe)
    assert contract.employer == scenario["company"] and contract.job_title == "Maçon"


@pytest.mark.parametrize("kind", ["participants", "contrats", "heures"])
def test_templates_download_in_csv_and_xlsx_and_import_as_they_are(client, scenario, kind):
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    client.force_login(scenario["facilitator"])
    page = client.get(reverse("clauses:import_upload")).content.decode()
    assert reverse("clauses:import_template", args=[kind, "xlsx"]) in page
    csv_text = client.get(reverse("clauses:import_template", args=[kind, "csv"])).content.decode("utf-8-sig")
    header, notes, example = csv_text.splitlines()
    assert header.startswith("Nom;Prénom;Date de naissance") and notes.startswith("# obligatoire")
    assert example.startswith("# exemple")
    workbook = load_workbook(io.BytesIO(client.get(reverse("clauses:import_template", args=[kind, "xlsx"])).content))
    assert workbook.sheetnames == ["Import", "Notes"]
    assert workbook["Notes"]["A1"].value == "Colonne" and workbook["Notes"].max_row > 5
    # The template as downloaded reads with no missing column (its notes and example are skipped).
    batch = imports.prepare_import(scenario["facilitator"], kind, _upload(csv_text, f"modele-{kind}.csv"))
    assert batch.errors == [] and batch.rows == []


def test_the_preview_agrees_one_valid_line(client, scenario):
    from django.urls import reverse

    client.force_login(scenario["facilitator"])
    text = "nom;prenom;date_naissance;sexe\nRenaud;Zoé;12/04/1996;F\nBlot;Éric;31/02/1980;M\n"
    response = client.post(reverse("clauses:import_upload"), {"kind": "participants", "file": _upload(text)})
    page = client.get(response["Location"]).content.decode()
    assert "1 ligne valide</strong>, <strong>1 ligne en erreur" in page
    assert "Importer les lignes valides (1 ligne)" in page
    rejected = client.get(response["Location"], {"export": "rejets"}).content.decode("utf-8-sig")
    assert rejected.splitlines()[1].startswith("Blot;Éric;31/02/1980;M;3;date_naissance : date attendue")


def test_the_filled_examples_chain_participants_contracts_hours_on_the_users_lot(client, scenario):
    from django.urls import reverse

    from maillage.clauses.models import Contract, Participant

    client.force_login(scenario["facilitator"])
    user, found = scenario["facilitator"], {}
    for kind in ("participants", "contrats", "heures"):
        text = client.get(reverse("clauses:import_template", args=[kind, "exemple"])).content.decode("utf-8-sig")
        assert "Groupe scolaire" in text or kind == "participants"
        batch = imports.prepare_import(user, kind, _upload(text, f"exemple-{kind}.csv"))
        found[kind] = [e["message"] for e in batch.errors]
        imports.apply_import(user, batch, keep_valid_rows=True)
    assert len(found["participants"]) == 1 and "50 ans ou plus" in found["participants"][0]
    assert found["contrats"] == []
    assert len(found["heures"]) == 1 and "maximum plausible" in found["heures"][0]
    examples = Participant.objects.filter(person__last_name__startswith="Exemple-")
    assert examples.count() == 3
    assert Contract.objects.filter(participant__in=examples, lot=scenario["lot"]).count() == 3
    assert HoursStatement.objects.filter(participant__in=examples).count() == 6

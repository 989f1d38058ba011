"""Bulk import: preview with French errors, all-or-nothing, or the valid rows only."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from maillage.clauses.models import HoursStatement, ImportBatch, Participant
from maillage.clauses.services import imports

pytestmark = pytest.mark.django_db

PEOPLE = (
    "nom;prenom;date_naissance;sexe;criteres\n"
    "Renaud;Zoé;12/04/1996;F;rsa,qpv\n"
    "Blot;Éric;31/02/1980;M;deld\n"
    "Sow;Awa;1999-07-01;X;inconnu\n"
    "Pichon;Luc;05/05/1970;M;senior\n"
)


def _upload(text: str, name="fichier.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_preview_lists_errors_by_line_and_column_and_writes_nothing(scenario):
    batch = imports.prepare_import(scenario["facilitator"], "participants", _upload(PEOPLE))
    errors = {(e["line"], e["column"]) for e in batch.errors}
    assert errors == {(3, "date_naissance"), (4, "sexe"), (4, "criteres")}
    assert any("F ou M" in e["message"] for e in batch.errors)
    assert not Participant.objects.filter(person__last_name__in=["Renaud", "Pichon"]).exists()


def test_all_or_nothing_unless_valid_rows_are_kept(scenario):
    user = scenario["facilitator"]
    batch = imports.prepare_import(user, "participants", _upload(PEOPLE))
    with pytest.raises(Exception, match="contient des erreurs"):
        imports.apply_import(user, batch, keep_valid_rows=False)
    assert not Participant.objects.filter(person__last_name="Renaud").exists()
    result = imports.apply_import(user, batch, keep_valid_rows=True)
    assert result == {"created": 2, "updated": 0, "skipped": 2, "rejected": 0}
    zoe = Participant.objects.get(person__last_name="Renaud")
    assert set(zoe.eligibilities.values_list("criterion__code", flat=True)) == {"rsa", "qpv"}


def test_hours_import_from_xlsx_and_duplicate_rows(scenario):
    alice = scenario["alice"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Prénom", "Date naissance", "Opération", "Lot", "Mois", "Heures"])
    person = alice.participant
    lot, far_lot = scenario["lot"], scenario["far_lot"]
    identity = [person.last_name, person.first_name, person.birth_date]
    sheet.append([*identity, "Groupe scolaire", lot.label, "2025-07", 100])
    sheet.append([*identity, "Groupe scolaire", lot.number, "07/2025", 90])
    sheet.append([*identity, "Voirie lointaine", far_lot.label, "2025-07", 5])
    sheet.append(["Inconnu", "X", "01/01/1990", "", lot.label, "2025-07", 5])
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("heures.xlsx", buffer.getvalue())
    batch = imports.prepare_import(scenario["facilitator"], "heures", upload)
    messages = {e["line"]: e["message"] for e in batch.errors}
    assert "doublon de la ligne 2" in messages[3]
    assert "aucune opération suivie" in messages[4]
    assert "personne inconnue" in messages[5]
    imports.apply_import(scenario["facilitator"], batch, keep_valid_rows=True)
    july = HoursStatement.objects.get(contract=alice, month=date(2025, 7, 1))
    assert july.hours == Decimal("100") and july.status == "valide"


def test_import_pages(client, scenario):
    client.force_login(scenario["facilitator"])
    response = client.post(reverse("clauses:import_upload"), {"kind": "participants", "file": _upload(PEOPLE)})
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("clauses:import_preview", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert "2 lignes valides" in page and "F ou M attendu" in page
    report = client.get(response["Location"], {"export": "erreurs"}).content.decode("utf-8-sig")
    assert "3;Date de naissance;date attendue au format JJ/MM/AAAA" in report
    client.post(reverse("clauses:import_confirm", args=[batch.pk]))  # refused: errors and no choice
    assert not Participant.objects.filter(person__last_name="Renaud").exists()
    done = client.post(reverse("clauses:import_confirm", args=[batch.pk]), {"keep_valid": "1"}, follow=True)
    assert Participant.objects.filter(person__last_name__in=["Renaud", "Pichon"]).count() == 2
    # Run as a background task (inline in tests): the task page shows the outcome.
    assert "Import terminé" in done.content.decode() and "Lignes créées" in done.content.decode()
    # Another user cannot see or confirm someone else's import.
    client.force_login(scenario["company_user"])
    assert client.get(reverse("clauses:import_preview", args=[batch.pk])).status_code == 403


def test_bad_files_are_refused_with_a_reason(client, scenario):
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:import_upload"), {"kind": "heures", "file": SimpleUploadedFile("x.pdf", b"%PDF")}
    )
    assert "Format non reconnu" in response.content.decode()
    response = client.post(
        reverse("clauses:import_upload"), {"kind": "heures", "file": SimpleUploadedFile("x.xlsx", b"pas un classeur")}
    )
    assert "illisible" in response.content.decode()
    batch = imports.prepare_import(scenario["facilitator"], "heures", _upload("nom;prenom\nA;B\n"))
    assert batch.errors[0]["line"] == 1 and "absente" in batch.errors[0]["message"]

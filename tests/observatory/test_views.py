"""Pages: the generic importer's upload → mapping preview → import, documents and their versions."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from maillage.observatory import documents
from maillage.observatory.models import Dataset, DiagnosticVersion, Figure

CSV = b"commune;annee;effectif\n27229;2023;1200\n27681;2023;abc\n"


def mapping(action: str, all_or_nothing: bool) -> dict:
    data = {
        "col_code": "commune", "col_period": "annee", "col_value": "effectif", "fixed_level": "commune",
        "fixed_indicator": "salaried_jobs", "fixed_dim_kind": "", "fixed_unit": "salariés", "secret_marker": "*",
        "action": action,
    }  # fmt: skip
    if all_or_nothing:
        data["all_or_nothing"] = "on"
    return data


def test_generic_import_walk(territory, client, charge_mission):
    client.force_login(charge_mission)
    upload = SimpleUploadedFile("urssaf.csv", CSV, content_type="text/csv")
    response = client.post(
        "/observatoire/donnees/import/",
        {"file": upload, "label": "Emploi salarié URSSAF 2023", "source": "URSSAF", "vintage": "2023"},
    )
    assert response.status_code == 302
    preview = client.get("/observatoire/donnees/import/colonnes/").content.decode()
    assert "Aperçu des premières lignes" in preview and "27681" in preview
    dry = client.post("/observatoire/donnees/import/colonnes/", mapping("preview", True)).content.decode()
    assert "Ligne 3" in dry and "« abc » n&#x27;est pas un nombre" in dry
    assert not Dataset.objects.filter(key="import-emploi-salarie-urssaf-2023").exists()
    refused = client.post("/observatoire/donnees/import/colonnes/", mapping("import", True))
    assert refused.status_code == 200 and not Figure.objects.filter(indicator="salaried_jobs").exists()
    done = client.post("/observatoire/donnees/import/colonnes/", mapping("import", False))
    assert done.status_code == 302
    assert list(Figure.objects.filter(indicator="salaried_jobs").values_list("code", "value")) == [("27229", 1200.0)]
    errors = b"".join(client.get("/observatoire/donnees/import/erreurs.csv").streaming_content).decode("utf-8-sig")
    assert "3;" in errors


def test_document_versions_validation_and_exports(territory, client, charge_mission):
    client.force_login(charge_mission)
    response = client.post("/observatoire/diagnostics/", {"title": "Diagnostic 2026", "scope": "perimetre"})
    document = documents.DiagnosticDocument.objects.get()
    assert response.status_code == 302 and document.versions.count() == 1
    client.post(f"/observatoire/diagnostics/{document.pk}/", {
        "title_0": "Le territoire", "text_0": "Texte revu en groupe de travail.", "figure_0": "demandeurs",
        "new_title": "Les branches", "new_text": "À compléter", "new_figure": "",
    })  # fmt: skip
    latest = document.versions.order_by("-number").first()
    assert latest.number == 2 and [s["title"] for s in latest.sections] == ["Le territoire", "Les branches"]
    assert latest.snapshot["demandeurs"]["rows"][0][0].startswith("Périmètre")
    client.post(
        f"/observatoire/diagnostics/{document.pk}/v2/valider/",
        {"committee_date": str(datetime.date.today()), "publish": "1"},
    )
    latest.refresh_from_db()
    assert latest.status == DiagnosticVersion.Status.VALIDATED and latest.is_public
    assert client.get(f"/observatoire/diagnostics/{document.pk}/v2.pdf").content.startswith(b"%PDF")
    assert client.get(f"/observatoire/diagnostics/{document.pk}/v1.xlsx").status_code == 200
    future = client.post(f"/observatoire/diagnostics/{document.pk}/v1/valider/", {"committee_date": "2999-01-01"})
    assert future.status_code == 302
    assert document.versions.get(number=1).status == DiagnosticVersion.Status.DRAFT


def test_comment_is_stored_and_shown(territory, client, partner):
    client.force_login(partner)
    client.post(
        "/observatoire/commentaires/",
        {"page": "perimetre", "topic": "bmo", "text": "À croiser avec nos remontées.", "next": "/observatoire/"},
    )
    page = client.get("/observatoire/").content.decode()
    assert "À croiser avec nos remontées." in page

"""The yearly activity report to the State: same figures on the page, in the PDF and in the XLSX; versions."""

import io
import re
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from maillage.steering.models import ActionIndicator, ActivityReport
from maillage.steering.selectors.reporting import report_figures

from .conftest import YEAR, fund


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


def page_actuals(html: str) -> list[str]:
    return re.findall(r"<td class=\"text-end text-nowrap\" data-actual>([^<]*)</td>", html)


def test_report_pdf_has_the_figures_of_the_page(client, director, action, catalogue, funders):
    ActionIndicator.objects.create(action=action, indicator_key="fake.people", target=Decimal("500"))
    ActionIndicator.objects.create(action=action, indicator_key="fake.hours", target=Decimal("12000"))
    fund(action, funders["state"], "70000")
    fund(action, funders["epci"], "30000")
    client.force_login(director)
    response = client.post(reverse("steering:report_start") + f"?annee={YEAR}")
    report = ActivityReport.objects.get()
    assert response.status_code == 302 and report.year == YEAR
    client.post(
        reverse("steering:report_detail", args=[report.pk]),
        {"introduction": "Une année de cœur d'activité.", "axis2_text": "Les clauses ont progressé."},
    )
    html = client.get(reverse("steering:report_detail", args=[report.pk])).content.decode()
    on_screen = page_actuals(html)
    assert on_screen == ["125", "1\u202f025"]
    text = pdf_text(client.get(reverse("steering:report_pdf", args=[report.pk])).content)
    for value in on_screen:
        assert value in text
    assert "Indicateur fake.people 500 125 personnes" in " ".join(text.split())
    assert "cœur d'activité" in text and "Les clauses ont progressé." in text
    assert "part de l'État : 70 %" in text
    workbook = load_workbook(io.BytesIO(client.get(reverse("steering:report_xlsx", args=[report.pk])).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert (
        "Axe 2 de l'État – développement local de l'emploi",
        action.title,
        "Indicateur fake.hours",
        12000,
        1025,
        "personnes",
    ) in rows


def test_validated_version_is_frozen_and_a_new_version_can_be_opened(client, director, roles, action, catalogue):
    picked = ActionIndicator.objects.create(action=action, indicator_key="fake.people", target=Decimal("500"))
    client.force_login(roles["charge_mission"])
    client.post(reverse("steering:report_start") + f"?annee={YEAR}")
    report = ActivityReport.objects.get()
    # A chargé de mission writes, only the director validates.
    assert client.post(reverse("steering:report_validate", args=[report.pk])).status_code == 403
    client.force_login(director)
    client.post(reverse("steering:report_validate", args=[report.pk]))
    report.refresh_from_db()
    assert report.is_validated and report.snapshot == report_figures(YEAR)
    # The plan changes afterwards: the validated version keeps its figures.
    picked.delete()
    html = client.get(reverse("steering:report_detail", args=[report.pk])).content.decode()
    assert page_actuals(html) == ["125"]
    # A validated version is not editable.
    client.post(reverse("steering:report_detail", args=[report.pk]), {"introduction": "changé"})
    report.refresh_from_db()
    assert report.introduction == ""
    client.post(reverse("steering:report_new_version", args=[report.pk]))
    latest = ActivityReport.objects.get(version=2)
    assert latest.year == YEAR and not latest.is_validated
    html = client.get(reverse("steering:report_detail", args=[latest.pk])).content.decode()
    assert page_actuals(html) == []


def test_draft_report_is_for_the_steering_staff_and_readers_see_validated_versions(client, roles, director):
    """A draft of the activity report to the State is being written (narrative, live figures): the MDE's
    steering staff (direction, chargés de mission) see it; the other readers of the plan see validated
    versions only — not listed, not linked from another version, and 404 on the page, PDF and XLSX."""
    from maillage.steering import services

    validated = services.start_report(year=2024)
    validated.introduction = "Texte validé en COPIL"
    validated.save()
    services.validate_report(report=validated, user=director)
    draft = services.start_report(year=2024)
    draft.introduction = "Brouillon à ne pas diffuser"
    draft.save()
    for name, user in roles.items():
        if name == "company":
            continue
        client.force_login(user)
        steering = name in ("director", "charge_mission")
        listing = client.get(reverse("steering:report_list")).content.decode()
        assert (reverse("steering:report_detail", args=[draft.pk]) in listing) is steering, name
        assert reverse("steering:report_detail", args=[validated.pk]) in listing, name
        page = client.get(reverse("steering:report_detail", args=[validated.pk])).content.decode()
        assert (reverse("steering:report_detail", args=[draft.pk]) in page) is steering, name
        for url_name in ("steering:report_detail", "steering:report_pdf", "steering:report_xlsx"):
            assert client.get(reverse(url_name, args=[validated.pk])).status_code == 200, (name, url_name)
            code = client.get(reverse(url_name, args=[draft.pk])).status_code
            assert code == (200 if steering else 404), (name, url_name)

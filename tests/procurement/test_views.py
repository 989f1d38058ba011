"""Pages: permissions, the radar, contract list and export, prospects, the UI import, following a contract."""

import io

import pytest
from django.urls import reverse

from maillage.accounts.models import OrganisationKind, Role
from maillage.kernel.models import TaskRun
from maillage.procurement.models import Contract, DecpImport

from ..factories import user_with_role
from .conftest import EPN, SEINE_EURE
from .factories import contract, rebuild


@pytest.fixture
def contracts(territory):
    contract(epci=EPN, commune="27229", cpv="45210000", amount=400000, social="clause")
    contract(
        epci=SEINE_EURE,
        commune="27375",
        cpv="90910000",
        amount=60000,
        social="",
        buyer_siret="27270001100011",
        buyer_name="Eure Habitat",
    )
    contract(
        epci=SEINE_EURE,
        commune="27375",
        cpv="90910000",
        amount=70000,
        social="",
        buyer_siret="27270001100011",
        buyer_name="Eure Habitat",
    )
    rebuild()


RADAR_READERS = ["admin_user", "facilitator", "charge_mission", "partner", "viewer"]


@pytest.mark.parametrize("who", RADAR_READERS)
def test_radar_for_aggregate_readers(client, contracts, who, request):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("procurement:radar"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Radar des marchés clausables" in content
    assert "CA Seine-Eure" in content
    assert "aucune clause" in content
    assert "Périmètre de Maison de l&#x27;Emploi d&#x27;Évreux" in content


def test_radar_denied_to_company_members_and_anonymous(client, contracts, company_member):
    assert client.get(reverse("procurement:radar")).status_code == 302
    client.force_login(company_member)
    assert client.get(reverse("procurement:radar")).status_code == 403
    assert client.get(reverse("procurement:contract_list")).status_code == 403
    assert client.get(reverse("procurement:radar_map")).status_code == 403


def test_radar_filters_and_map(client, contracts, facilitator):
    client.force_login(facilitator)

    response = client.get(reverse("procurement:radar"), {"epci": SEINE_EURE, "division": "90"})
    assert response.status_code == 200
    assert response.context["data"]["summary"]["count"] == 2
    invalid = client.get(reverse("procurement:radar"), {"acheteur": "123", "epci": "999"})
    assert invalid.status_code == 200
    assert invalid.context["form"].errors

    geojson = client.get(reverse("procurement:radar_map"), {"departement": "27"}).json()
    assert geojson["type"] == "FeatureCollection"
    classes = {f["properties"]["code"]: f["properties"]["classe"] for f in geojson["features"]}
    assert classes[SEINE_EURE] == "aucune"
    assert classes[EPN] == "objectif"


def test_contract_list_detail_and_export(client, contracts, viewer):
    client.force_login(viewer)

    response = client.get(reverse("procurement:contract_list"), {"territoire": "france", "social": "non"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2

    pk = Contract.objects.filter(social_clause=True).get().pk
    detail = client.get(reverse("procurement:contract_detail", args=[pk]))
    assert detail.status_code == 200
    assert "Clause sociale" in detail.content.decode()
    assert "Suivre ce marché" not in detail.content.decode()  # viewers do not follow markets

    csv = client.get(reverse("procurement:contract_list"), {"territoire": "france", "export": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert "Eure Habitat" in csv.content.decode("utf-8-sig")
    xlsx = client.get(reverse("procurement:contract_list"), {"export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_contract_export_reads_each_column_once_and_fills_every_cell(client, contracts, viewer):
    """The export reads only the columns it writes (``CONTRACT_FIELDS``): a column left out would be
    fetched row by row, one query per contract, and still look right."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(viewer)
    with CaptureQueriesContext(connection) as queries:
        csv = client.get(reverse("procurement:contract_list"), {"territoire": "france", "export": "csv"})
    rows = [line.split(";") for line in csv.content.decode("utf-8-sig").splitlines()]
    header, body = rows[0], rows[1:]
    assert len(body) == 3
    social = next(dict(zip(header, row, strict=True)) for row in body if "Clause sociale" in row)
    assert social["Type"] and social["Commune"] and social["EPCI"] and social["Montant HT (€)"] == "400000,0"
    contract_reads = [q for q in queries.captured_queries if 'FROM "procurement_contract"' in q["sql"]]
    assert len(contract_reads) == 1


@pytest.mark.parametrize(
    "who,status",
    [("facilitator", 200), ("charge_mission", 200), ("admin_user", 200), ("partner", 403), ("viewer", 403)],
)
def test_prospects_permissions(client, contracts, who, status, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("procurement:prospects")).status_code == status


def test_prospects_and_export(client, contracts, facilitator):
    client.force_login(facilitator)

    response = client.get(reverse("procurement:prospects"))
    assert [row["siret"] for row in response.context["types"]] == ["27270001100011"]
    xlsx = client.get(reverse("procurement:prospects"), {"export": "xlsx", "table": "types"})
    assert xlsx.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["B2"].value == "Eure Habitat"
    assert sheet["E2"].value == 2
    csv = client.get(reverse("procurement:prospects"), {"export": "csv", "table": "acheteurs"})
    assert "Eure Habitat" in csv.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    "who,status",
    [
        ("facilitator", 200),
        ("charge_mission", 200),
        ("admin_user", 200),
        ("partner", 403),
        ("viewer", 403),
        ("company_member", 403),
    ],
)
def test_import_page_permissions(client, territory, who, status, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("procurement:import_list")).status_code == status


def test_partner_admin_cannot_import(client, territory):
    client.force_login(user_with_role(Role.ADMIN, OrganisationKind.FRANCE_TRAVAIL))
    assert client.get(reverse("procurement:import_list")).status_code == 403


def test_ui_import_runs_as_a_task_with_progress(
    client, territory, facilitator, fixture_path, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(facilitator)
    with open(fixture_path("defauts.json"), "rb") as handle, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("procurement:import_list"), {"fichier": handle})

    decp_import = DecpImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("procurement:import_detail", args=[decp_import.pk])
    assert decp_import.status == DecpImport.Status.DONE
    assert decp_import.created_by == facilitator
    assert decp_import.upload == ""  # the uploaded file is deleted once imported
    run = decp_import.task_run
    assert run.status == TaskRun.Status.DONE
    assert run.kind == "procurement.import_decp"
    assert Contract.objects.count() == 4

    page = client.get(response.url)
    assert "Enregistrements rejetés" in page.content.decode()
    partial = client.get(response.url, HTTP_HX_REQUEST="true")
    assert partial.templates[0].name == "procurement/_import_progress.html"
    report = client.get(reverse("procurement:import_report", args=[decp_import.pk]))
    content = b"".join(report.streaming_content).decode("utf-8-sig")
    assert "SIRET de l'acheteur absent" in content


def test_ui_import_rejects_other_files(client, territory, facilitator):
    client.force_login(facilitator)
    upload = io.BytesIO(b"a;b;c")
    upload.name = "marches.csv"

    response = client.post(reverse("procurement:import_list"), {"fichier": upload})

    assert response.status_code == 200
    assert "JSON" in response.context["form"].errors["fichier"][0]
    assert not DecpImport.objects.exists()


def test_import_of_a_broken_file_fails_visibly(
    client, territory, facilitator, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(facilitator)
    upload = io.BytesIO(b'{"autre": []}')
    upload.name = "vide.json"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("procurement:import_list"), {"fichier": upload})

    decp_import = DecpImport.objects.get()
    assert decp_import.status == DecpImport.Status.DONE
    assert "pas un fichier DECP" in decp_import.message


def test_radar_settings_for_administrators(client, territory, admin_user, facilitator):
    client.force_login(facilitator)
    assert client.get(reverse("procurement:settings")).status_code == 403
    client.force_login(admin_user)
    response = client.post(
        reverse("procurement:settings"), {"labour_intensive_divisions": "45 9 77", "prospect_min_contracts": 3}
    )
    assert response.status_code == 302
    from maillage.procurement.models import RadarSettings

    assert RadarSettings.current().division_list == ["45", "09", "77"]
    bad = client.post(
        reverse("procurement:settings"), {"labour_intensive_divisions": "45 12", "prospect_min_contracts": 3}
    )
    assert "inconnues" in bad.content.decode()


@pytest.mark.parametrize("table", ["epci", "divisions", "acheteurs", "annees"])
def test_radar_exports(client, contracts, viewer, table):
    client.force_login(viewer)

    response = client.get(reverse("procurement:radar"), {"export": "csv", "tableau": table})

    assert response.status_code == 200
    content = response.content.decode("utf-8-sig")
    assert "Avec considération sociale" in content.splitlines()[0]
    if table == "epci":
        assert "CA Seine-Eure" in content
    xlsx = client.get(reverse("procurement:radar"), {"export": "xlsx", "tableau": table})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_buyer_filter_by_name(client, contracts, facilitator):
    client.force_login(facilitator)

    response = client.get(reverse("procurement:radar"), {"acheteur": "habitat", "territoire": "france"})
    assert response.context["data"]["query"].buyer == "27270001100011"
    assert response.context["data"]["summary"]["count"] == 2
    unknown = client.get(reverse("procurement:radar"), {"acheteur": "Inconnu"})
    assert "Aucun acheteur" in unknown.context["form"].errors["acheteur"][0]
    several = client.get(reverse("procurement:radar"), {"acheteur": "e"})
    assert "Plusieurs acheteurs" in several.context["form"].errors["acheteur"][0]


def test_contracts_won_by_a_holder(client, contracts, facilitator):
    from maillage.procurement.models import Contract

    Contract.objects.filter(cpv_code="45210000").update(holders=[{"type": "SIRET", "id": "11122233344455"}])
    client.force_login(facilitator)

    response = client.get(reverse("procurement:contract_list"), {"titulaire": "111 222 333 44455"})

    assert response.context["page"].paginator.count == 1
    api = client.get("/api/v1/procurement/contracts/", {"titulaire": "11122233344455"}).json()
    assert api["count"] == 1


def test_a_contract_shows_its_cpv_code_with_its_label(client, contracts, facilitator):
    from maillage.referentials.models import CpvCode

    CpvCode.objects.create(
        code="45210000", check_digit="2", label="Travaux de construction de bâtiments", division="45"
    )
    client.force_login(facilitator)
    pk = Contract.objects.get(cpv_code="45210000").pk
    detail = client.get(reverse("procurement:contract_detail", args=[pk])).content.decode()
    assert "45210000 – Travaux de construction de bâtiments" in detail
    follow = client.get(reverse("procurement:contract_follow", args=[pk])).content.decode()
    assert "45210000 – Travaux de construction de bâtiments" in follow

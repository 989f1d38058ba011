import io

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

LIST = reverse("referentials:fiche_list")
SEARCH = reverse("referentials:appellation_search")
AUTOCOMPLETE = reverse("referentials:appellation_autocomplete")


def detail(code):
    return reverse("referentials:fiche_detail", args=[code])


@pytest.mark.parametrize(
    "url",
    [
        LIST,
        detail("F1602"),
        SEARCH,
        AUTOCOMPLETE,
        reverse("referentials:naf_autocomplete"),
        reverse("referentials:cpv_autocomplete"),
        reverse("referentials:fiche_autocomplete"),
    ],
)
def test_login_required(client, referentials, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("url", [LIST, detail("F1602"), SEARCH, AUTOCOMPLETE, reverse("referentials:cpv_autocomplete")])
def test_forbidden_without_active_membership(client, referentials, inactive_member, url):
    client.force_login(inactive_member)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["admin_user", "facilitator", "partner", "company_member", "viewer"])
def test_every_role_sees_the_referentials(client, referentials, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(LIST).status_code == 200
    assert client.get(detail("F1602")).status_code == 200


def test_fiche_list_filters_and_search(client, referentials, viewer):
    client.force_login(viewer)
    response = client.get(LIST)
    assert response.context["page"].paginator.count == 5
    content = response.content.decode()
    assert "ROME 4.0 v60 (18/09/2025)" in content
    assert 'href="/referentiels/fiches/F1602/"' in content
    assert client.get(LIST, {"grand_domaine": "F"}).context["page"].paginator.count == 3
    assert client.get(LIST, {"domaine": "N11"}).context["page"].paginator.count == 1
    page = client.get(LIST, {"q": "ELECTRICIEN"}).context["page"]
    assert [f.code for f in page] == ["F1602"]


def test_fiche_list_htmx_returns_results_only(client, referentials, viewer):
    client.force_login(viewer)
    response = client.get(LIST, {"q": "plomb"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert 'id="fiche-count" hx-swap-oob="innerHTML"' in content
    assert "1 fiche métier" in content


def test_fiche_list_without_referential_says_so(client, viewer):
    client.force_login(viewer)
    assert "pas encore chargé" in client.get(LIST).content.decode()


def test_fiche_list_exports(client, referentials, viewer):
    client.force_login(viewer)
    csv_response = client.get(LIST, {"grand_domaine": "F", "export": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Code ROME;Intitulé;Grand domaine")
    assert len(lines) == 4
    assert lines[1].startswith("F1602;Électricien / Électricienne du bâtiment;F – Construction")
    xlsx = client.get(LIST, {"q": "cariste", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[2]][:2] == ["N1101", "Conducteur / Conductrice de chariot élévateur"]


def test_fiche_detail_content(client, referentials, viewer):
    client.force_login(viewer)
    content = client.get(detail("F1602")).content.decode()
    assert "Installe les réseaux électriques des bâtiments." in content
    assert "Accessible avec un CAP d&#x27;électricien." in content
    assert "Savoir-faire – cœur de métier" in content
    assert "Savoir-faire émergents" in content
    assert "Savoir-être professionnels" in content
    assert "Organiser son travail" in content
    assert "Normes et procédés" in content
    assert "Travail en hauteur" in content
    assert "Travaux de construction spécialisés" in content
    assert "B4Z42" in content and "Électriciens du bâtiment" in content
    assert "(peu usitée)" in content
    assert "Mobilités officielles (ROME)" in content
    assert 'href="/referentiels/fiches/F1603/"' in content


def test_fiche_detail_without_mobility_shows_no_section(client, referentials, viewer):
    client.force_login(viewer)
    content = client.get(detail("J1501")).content.decode()
    assert "Mobilités officielles" not in content
    assert "Aide-soignant / Aide-soignante à domicile" in content


def test_fiche_detail_unknown_code(client, referentials, viewer):
    client.force_login(viewer)
    assert client.get(detail("X0000")).status_code == 404


def test_appellation_search_page_and_fragments(client, referentials, partner):
    client.force_login(partner)
    page = client.get(SEARCH, {"q": "electricien"})
    content = page.content.decode()
    assert 'role="status" aria-live="polite"' in content
    assert "3 appellations trouvées" in content
    assert "Électricien / Électricienne du bâtiment" in content
    fragment = client.get(SEARCH, {"q": "cariste"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "Cariste" in fragment
    assert "1 appellation trouvée" in fragment
    options = client.get(SEARCH, {"q": "plomb", "picker": "metier"}, headers={"HX-Request": "true"})
    text = options.content.decode()
    assert text.count('role="option"') == 2
    assert 'data-code="11004"' in text and 'id="metier-option-1"' in text
    empty = client.get(SEARCH, {"q": "zzz", "picker": "metier"}, headers={"HX-Request": "true"})
    assert 'aria-disabled="true"' in empty.content.decode()


def test_appellation_autocomplete_json(client, referentials, company_member):
    client.force_login(company_member)
    data = client.get(AUTOCOMPLETE, {"q": "electricien"}).json()
    assert data["results"][0] == {
        "code": "11001",
        "label": "Électricien / Électricienne du bâtiment",
        "fiche_code": "F1602",
        "fiche_label": "Électricien / Électricienne du bâtiment",
        "rarely_used": False,
    }
    assert client.get(AUTOCOMPLETE, {"q": "e", "limit": "2"}).json()["results"].__len__() == 2
    assert client.get(AUTOCOMPLETE).json()["results"] == []


def test_naf_and_cpv_autocomplete(client, referentials, facilitator):
    client.force_login(facilitator)
    naf = client.get(reverse("referentials:naf_autocomplete"), {"q": "4321A"}).json()
    assert naf["results"] == [
        {"code": "43.21A", "label": "Travaux d'installation électrique dans tous locaux", "level": "sous_classe"}
    ]
    cpv = client.get(reverse("referentials:cpv_autocomplete"), {"q": "plomberie"}).json()
    assert cpv["results"][0]["full_code"] == "45330000-9"
    assert cpv["results"][0]["market_kind"] == "travaux"


def test_picker_include_renders_an_accessible_combobox():
    html = render_to_string(
        "referentials/_appellation_picker.html",
        {"name": "appellation", "label": "Métier recherché", "value": "11009", "value_label": "Cariste", "required": 1},
    )
    assert 'type="hidden" name="appellation" id="id_appellation" value="11009"' in html
    assert 'role="combobox"' in html and 'aria-controls="appellation-propositions"' in html
    assert 'role="listbox"' in html and 'aria-live="polite"' in html
    assert '<label class="form-label" for="appellation-saisie">Métier recherché' in html
    assert 'value="Cariste"' in html


def test_technical_admin_is_read_only_and_searchable(client, referentials):
    from tests.factories import UserFactory

    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    response = client.get("/admin-technique/referentials/appellation/", {"q": "cariste"})
    assert response.status_code == 200
    assert "Cariste" in response.content.decode()
    assert client.get("/admin-technique/referentials/appellation/add/").status_code == 403


def test_riasec_label(referentials):
    from maillage.referentials.models import RomeFiche

    assert RomeFiche.objects.get(code="F1602").riasec_label == "Réaliste, Conventionnel"
    assert RomeFiche.objects.get(code="F1603").riasec_label == ""


def test_fiche_autocomplete_finds_by_words_without_accents_or_by_code(client, referentials, partner):
    """ROME fiches for the autocomplete of every form asking for a ROME code: « H2605 – label » in the page."""
    client.force_login(partner)
    url = reverse("referentials:fiche_autocomplete")
    by_words = client.get(url, {"q": "electricien batiment"}).json()
    assert by_words["results"][0] == {"code": "F1602", "label": "Électricien / Électricienne du bâtiment"}
    assert [r["code"] for r in client.get(url, {"q": "F16"}).json()["results"]] == ["F1602", "F1603", "F1620"]
    assert [r["code"] for r in client.get(url, {"q": "chariot"}).json()["results"]] == ["N1101"]
    assert client.get(url, {"q": "zzz"}).json()["results"] == []
    assert client.get(url).json()["results"] == []


def test_rome_codes_are_read_in_labelled_text():
    from maillage.referentials.selectors import rome_codes_in

    assert rome_codes_in("H2605 – Câblage électronique\nh2913, N1103 H2605") == ["H2605", "H2913", "N1103"]
    assert rome_codes_in("38727 – Soudeur / Soudeuse") == []

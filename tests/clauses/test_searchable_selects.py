"""Searchable selects: companies by name or SIRET with « create » in place, CPV by label, EPCI by name."""

import pytest
from django.urls import reverse

from maillage.accounts.models import Organisation, OrganisationKind, Role
from maillage.clauses.forms import LotCompanyForm, _clean_cpv
from maillage.companies.models import Establishment
from maillage.kernel import mde
from maillage.referentials.models import CpvCode
from tests.companies.factories import EstablishmentFactory
from tests.factories import CommuneFactory, EpciFactory, user_with_role

from .factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_company_suggestions_by_name_accents_ignored_and_by_siret(client, facilitator):
    CompanyFactory(name="Bâtiment Marchand", siret="73282932000074")
    EstablishmentFactory(name="Menuiserie de l'Iton", siret="44306184100047", commune=CommuneFactory())
    client.force_login(facilitator)
    url = reverse("clauses:company_autocomplete")
    labels = [r["label"] for r in client.get(url, {"q": "batiment"}).json()["results"]]
    assert labels == ["Bâtiment Marchand – SIRET 73282932000074"]
    labels = [r["label"] for r in client.get(url, {"q": "4430618"}).json()["results"]]
    assert labels == ["Menuiserie de l'Iton – SIRET 44306184100047 (relations entreprises)"]
    created = client.get(url, {"q": "Nouvelle Entreprise 55210055400013"}).json()["results"]
    assert created[-1]["label"].startswith("Créer l'entreprise")


@pytest.mark.parametrize(
    ("role", "kind", "status"),
    [(Role.FACILITATOR, OrganisationKind.MDE, 200), (Role.COMPANY_MEMBER, OrganisationKind.COMPANY, 403)],
)
def test_company_suggestions_are_for_facilitators(client, role, kind, status):
    client.force_login(user_with_role(role, kind))
    assert client.get(reverse("clauses:company_autocomplete"), {"q": "ba"}).status_code == status


def test_lot_company_form_links_the_known_company_or_creates_it_in_place():
    known = CompanyFactory(name="Bâtiment Marchand", siret="73282932000074")
    form = LotCompanyForm({"company": "Bâtiment Marchand – SIRET 73282932000074", "role": "titulaire"})
    assert form.is_valid() and form.cleaned_data["company"] == known
    commune = CommuneFactory()
    EstablishmentFactory(name="Menuiserie de l'Iton", siret="44306184100047", commune=commune)
    form = LotCompanyForm({"company": "Menuiserie de l'Iton – SIRET 44306184100047", "role": "titulaire"})
    assert form.is_valid()
    company = form.cleaned_data["company"]
    assert (
        company.name == "Menuiserie de l'Iton"
        and Establishment.objects.get(siret="44306184100047").organisation == company
    )
    form = LotCompanyForm({"company": "Peintures de l'Iton 55210055400013", "role": "titulaire"})
    assert form.is_valid() and form.cleaned_data["company"].name == "Peintures de l'Iton"
    bad = LotCompanyForm({"company": "Erreur 55210055400014", "role": "titulaire"})
    assert not bad.is_valid() and "clé de contrôle" in str(bad.errors)
    unknown = LotCompanyForm({"company": "Inconnue", "role": "titulaire"})
    assert not unknown.is_valid() and Organisation.objects.filter(name="Inconnue").count() == 0


def test_cpv_is_chosen_by_label_and_kept_with_it():
    assert _clean_cpv("45262500 – Travaux de maçonnerie") == "45262500"
    assert _clean_cpv("45262500-6") == "45262500"
    assert _clean_cpv("") == ""
    with pytest.raises(Exception, match="8 chiffres"):
        _clean_cpv("maçonnerie")


def test_cpv_autocomplete_shows_labels(client, facilitator):
    CpvCode.objects.create(
        code="45262500",
        check_digit="6",
        label="Travaux de maçonnerie",
        division="45",
        search_label="travaux de maconnerie",
    )
    client.force_login(facilitator)
    results = client.get(reverse("referentials:cpv_autocomplete"), {"q": "maconnerie"}).json()["results"]
    assert results and results[0]["code"] == "45262500" and results[0]["label"] == "Travaux de maçonnerie"


def test_mde_perimeter_is_chosen_by_epci_name(client, admin_user):
    EpciFactory(code="200071454", name="CA Évreux Portes de Normandie", search_name="ca evreux portes de normandie")
    EpciFactory(code="200089456", name="CA Seine-Eure", search_name="ca seine eure")
    client.force_login(admin_user)
    suggestions = client.get(reverse("territories:epci_autocomplete"), {"q": "evreux"}).json()["results"]
    assert [s["value"] for s in suggestions] == ["CA Évreux Portes de Normandie (200071454)"]
    response = client.post(
        reverse("accounts:mde_settings"),
        {"name": "MEF Évreux", "perimeter": "CA Évreux Portes de Normandie (200071454)\nca seine-eure"},
    )
    assert response.status_code == 302
    assert mde.perimeter_codes() == {"200071454", "200089456"}
    page = client.get(reverse("accounts:mde_settings")).content.decode()
    assert "CA Seine-Eure (200089456)" in page

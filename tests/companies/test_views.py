"""Pages of company relations, with the permission matrix."""

import datetime

import pytest
from django.urls import reverse

from maillage.accounts.models import AuditAction, AuditEvent
from maillage.companies.models import Establishment, Interaction, RecruitmentNeed

from .factories import (
    AgreementFactory,
    AppellationFactory,
    ContactFactory,
    InteractionFactory,
    RecruitmentNeedFactory,
)

ALL = ["admin", "charge_mission", "facilitator", "partner", "viewer", "company"]


def status_for(client, user, url, method="get", data=None):
    client.force_login(user)
    response = getattr(client, method)(url, data or {})
    return response.status_code


@pytest.mark.parametrize(
    "role,expected",
    [
        ("admin", 200),
        ("charge_mission", 200),
        ("facilitator", 200),
        ("partner", 200),
        ("company", 200),
        ("viewer", 302),
    ],
)
def test_list_page(client, users, establishment, own_establishment, role, expected):
    client.force_login(users[role])
    response = client.get(reverse("companies:establishment_list"))
    assert response.status_code == expected
    if role == "company":
        names = [e.name for e in response.context["page"]]
        assert names == [own_establishment.name]
    if role == "viewer":
        assert response.url == reverse("companies:overview")


def test_anonymous_is_sent_to_login(client, establishment):
    response = client.get(reverse("companies:establishment_list"))
    assert response.status_code == 302 and "/comptes/" in response.url


@pytest.mark.parametrize("role", ALL)
def test_overview_shows_numbers_only(client, users, establishment, role):
    RecruitmentNeedFactory(establishment=establishment, positions=3)
    client.force_login(users[role])
    response = client.get(reverse("companies:overview"))
    assert response.status_code == 200
    if role == "viewer":
        assert response.context["stats"]["open_positions"] == 3
        assert establishment.name not in response.content.decode()


@pytest.mark.parametrize(
    "role,other,own",
    [
        ("admin", 200, 200),
        ("charge_mission", 200, 200),
        ("facilitator", 200, 200),
        ("partner", 200, 200),
        ("viewer", 404, 404),
        ("company", 404, 200),
    ],
)
def test_company_file_access(client, users, establishment, own_establishment, role, other, own):
    detail = "companies:establishment_detail"
    assert status_for(client, users[role], reverse(detail, args=[establishment.pk])) == other
    assert status_for(client, users[role], reverse(detail, args=[own_establishment.pk])) == own


def test_company_file_is_audit_logged_and_hides_interactions_from_company(client, users, own_establishment):
    ContactFactory(establishment=own_establishment, last_name="Lefebvre")
    InteractionFactory(establishment=own_establishment, subject="Note interne confidentielle")
    url = reverse("companies:establishment_detail", args=[own_establishment.pk])
    client.force_login(users["charge_mission"])
    content = client.get(url).content.decode()
    assert "Lefebvre" in content and "Note interne confidentielle" in content
    event = AuditEvent.objects.get(actor=users["charge_mission"])
    assert (event.action, event.object_type, event.object_id) == (
        AuditAction.VIEW,
        "companies.establishment",
        str(own_establishment.pk),
    )
    client.force_login(users["company"])
    content = client.get(url).content.decode()
    assert "Lefebvre" in content
    assert "Note interne confidentielle" not in content


@pytest.mark.parametrize(
    "role,expected", [("admin", 200), ("charge_mission", 200), ("facilitator", 403), ("partner", 403), ("company", 403)]
)
def test_create_page(client, users, role, expected):
    assert status_for(client, users[role], reverse("companies:establishment_create")) == expected


def test_create_establishment_with_bad_siret_says_why(client, charge_mission, establishment):
    client.force_login(charge_mission)
    data = {"siret": "73282932000075", "name": "X", "naf": "2120Z", "size_band": "12"}
    data["commune"] = establishment.commune_id
    response = client.post(reverse("companies:establishment_create"), data)
    assert response.status_code == 200
    assert "clé de contrôle" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_create_establishment(client, charge_mission, establishment):
    client.force_login(charge_mission)
    commune = establishment.commune
    data = {
        "siret": "732 829 320 00074",
        "name": "Pharma Normandie",
        "naf": "2120Z",
        "size_band": "32",
        "commune": f"{commune.name} ({commune.code})",
    }
    response = client.post(reverse("companies:establishment_create"), data)
    created = Establishment.objects.get(siret="73282932000074")
    assert response.status_code == 302 and created.naf == "21.20Z" and created.commune == commune


def test_company_member_changes_own_establishment_but_not_its_siret(client, users, own_establishment):
    client.force_login(users["company"])
    url = reverse("companies:establishment_update", args=[own_establishment.pk])
    form = client.get(url).context["form"]
    assert "siret" not in form.fields and "organisation" not in form.fields
    data = {
        "name": "Nouveau nom",
        "naf": own_establishment.naf,
        "size_band": "21",
        "commune": own_establishment.commune_id,
        "siret": "73282932000074",
    }
    assert client.post(url, data).status_code == 302
    own_establishment.refresh_from_db()
    assert own_establishment.name == "Nouveau nom" and own_establishment.siret != "73282932000074"


def test_partner_cannot_change(client, users, establishment):
    url = reverse("companies:establishment_update", args=[establishment.pk])
    assert status_for(client, users["partner"], url, "post", {"name": "x"}) == 403


def test_company_member_declares_a_need(client, users, own_establishment, establishment):
    appellation = AppellationFactory()
    client.force_login(users["company"])
    data = {
        "appellation": f"{appellation.label} ({appellation.code})",
        "positions": 3,
        "contract_type": "cdi",
        "wanted_by": "2027-03-01",
        "difficulty": "forte",
        "reason": "tension",
        "status": "ouvert",
        "positions_filled": 0,
    }
    response = client.post(reverse("companies:need_create", args=[own_establishment.pk]), data)
    assert response.status_code == 302
    need = RecruitmentNeed.objects.get()
    assert need.establishment == own_establishment and need.created_by == users["company"]
    assert client.post(reverse("companies:need_create", args=[establishment.pk]), data).status_code == 404


def test_need_form_errors_in_french(client, charge_mission, establishment):
    client.force_login(charge_mission)
    data = {"appellation": "n'existe pas", "positions": 0, "contract_type": "cdi", "wanted_by": "2027-03-01"}
    content = client.post(reverse("companies:need_create", args=[establishment.pk]), data).content.decode()
    assert "Métier inconnu" in content and "au moins un poste" in content


def test_interaction_and_follow_up(client, charge_mission, establishment):
    client.force_login(charge_mission)
    today = datetime.date.today()
    data = {"kind": "appel", "date": today, "subject": "Point recrutement", "follow_up_on": today}
    assert client.post(reverse("companies:interaction_create", args=[establishment.pk]), data).status_code == 302
    interaction = Interaction.objects.get()
    assert interaction.author == charge_mission
    response = client.get(reverse("companies:followups_due"))
    assert [i.pk for i in response.context["page"]] == [interaction.pk]
    client.post(reverse("companies:follow_up_done", args=[interaction.pk]))
    interaction.refresh_from_db()
    assert interaction.follow_up_done_at is not None
    assert list(client.get(reverse("companies:followups_due")).context["page"]) == []


@pytest.mark.parametrize("role", ["facilitator", "partner", "company"])
def test_only_staff_records_interactions(client, users, own_establishment, role):
    url = reverse("companies:interaction_create", args=[own_establishment.pk])
    assert status_for(client, users[role], url) == 403


def test_followups_forbidden_to_company_and_viewer(client, users):
    for role in ("company", "viewer"):
        assert status_for(client, users[role], reverse("companies:followups_due")) == 403


def test_export_is_audit_logged(client, charge_mission, establishment):
    ContactFactory(establishment=establishment, is_main=True)
    client.force_login(charge_mission)
    response = client.get(reverse("companies:establishment_list"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="companies.establishment").exists()
    csv = client.get(reverse("companies:establishment_list"), {"export": "csv"}).content.decode("utf-8-sig")
    assert establishment.siret in csv


def test_company_member_cannot_export(client, users, own_establishment):
    client.force_login(users["company"])
    assert client.get(reverse("companies:establishment_list"), {"export": "csv"}).status_code == 403


def test_contact_crud_is_audited(client, charge_mission, establishment):
    client.force_login(charge_mission)
    data = {"last_name": "Petit", "first_name": "Alex", "email": "a.petit@exemple.fr", "is_active": "on"}
    assert client.post(reverse("companies:contact_create", args=[establishment.pk]), data).status_code == 302
    contact = establishment.contacts.get()
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="companies.contact").exists()
    missing = client.post(reverse("companies:contact_update", args=[contact.pk]), {"last_name": "Petit"})
    assert "au moins un moyen" in missing.content.decode()
    client.post(reverse("companies:contact_delete", args=[contact.pk]))
    assert not establishment.contacts.exists()


def test_plan_by_quarter(client, charge_mission, establishment):
    RecruitmentNeedFactory(establishment=establishment, wanted_by=datetime.date(2027, 5, 10), positions=4)
    client.force_login(charge_mission)
    response = client.post(reverse("companies:plan_create", args=[establishment.pk]), {"year": 2027})
    plan = establishment.plans.get()
    assert response.url == reverse("companies:plan_detail", args=[plan.pk])
    data = {"kind": "mrs", "quarter": 2, "planned_on": "2027-04-15", "positions_targeted": 4, "status": "prevue"}
    assert client.post(reverse("companies:plan_action_create", args=[plan.pk]), data).status_code == 302
    bad = dict(data, quarter=3)
    response = client.post(reverse("companies:plan_action_create", args=[plan.pk]), bad)
    assert "ne correspond pas" in response.content.decode()
    quarters = client.get(reverse("companies:plan_detail", args=[plan.pk])).context["quarters"]
    assert quarters[1].positions == 4 and len(quarters[1].actions) == 1 and quarters[0].positions == 0


@pytest.mark.parametrize(
    "role,expected",
    [
        ("admin", 200),
        ("charge_mission", 200),
        ("facilitator", 200),
        ("partner", 200),
        ("company", 200),
        ("viewer", 403),
    ],
)
def test_agreement_list(client, users, role, expected, establishment):
    AgreementFactory(establishment=establishment)
    assert status_for(client, users[role], reverse("companies:agreement_list")) == expected


def test_agreement_results(client, charge_mission, establishment):
    agreement = AgreementFactory(establishment=establishment, amount=500000, jobs_target=100)
    client.force_login(charge_mission)
    data = {
        "title": "Programme 100 chances – 100 emplois",
        "amount_committed": "200000",
        "amount_spent": "50000",
        "jobs_target": 40,
        "jobs_created": 10,
        "beneficiaries": 35,
    }
    assert client.post(reverse("companies:agreement_action_create", args=[agreement.pk]), data).status_code == 302
    bad = dict(data, amount_spent="300000")
    response = client.post(reverse("companies:agreement_action_create", args=[agreement.pk]), bad)
    assert "dépasse le montant engagé" in response.content.decode()
    meeting = {"date": "2026-06-01", "kind": "suivi", "decisions": "Financement de 2 sessions de POEC."}
    assert client.post(reverse("companies:meeting_create", args=[agreement.pk]), meeting).status_code == 302
    response = client.get(reverse("companies:agreement_detail", args=[agreement.pk]))
    assert response.context["jobs_percent"] == 10
    assert response.context["committed_percent"] == 40
    assert "2 sessions de POEC" in response.content.decode()


def test_agreement_form_forbidden_to_partner(client, users):
    assert status_for(client, users["partner"], reverse("companies:agreement_create")) == 403


def test_suggestions(client, charge_mission, establishment):
    appellation = AppellationFactory(label="Soudeur TIG")
    client.force_login(charge_mission)
    response = client.get(reverse("companies:appellation_suggestions"), {"appellation": "soudeur"})
    assert appellation.code in response.content.decode()


def test_company_file_lists_open_needs_first(client, charge_mission, establishment):
    filled = RecruitmentNeedFactory(establishment=establishment, status="pourvu", wanted_by=datetime.date(2026, 1, 1))
    late = RecruitmentNeedFactory(establishment=establishment, wanted_by=datetime.date(2027, 6, 1))
    soon = RecruitmentNeedFactory(establishment=establishment, wanted_by=datetime.date(2027, 1, 1))
    ongoing = RecruitmentNeedFactory(establishment=establishment, status="en_cours")
    client.force_login(charge_mission)
    file = client.get(reverse("companies:establishment_detail", args=[establishment.pk])).context["file"]
    assert file.needs == [soon, late, ongoing, filled]


def test_my_establishments_filter(client, charge_mission, establishment, own_establishment):
    Establishment.objects.filter(pk=establishment.pk).update(referent=charge_mission)
    client.force_login(charge_mission)
    page = client.get(reverse("companies:establishment_list"), {"miens": "1"}).context["page"]
    assert [e.pk for e in page] == [establishment.pk]


def test_quick_need_status(client, users, own_establishment, establishment):
    need = RecruitmentNeedFactory(establishment=own_establishment, positions=2)
    other = RecruitmentNeedFactory(establishment=establishment)
    client.force_login(users["company"])
    client.post(reverse("companies:need_status", args=[need.pk]), {"status": "pourvu"})
    need.refresh_from_db()
    assert (need.status, need.positions_filled) == ("pourvu", 2)
    assert client.post(reverse("companies:need_status", args=[other.pk]), {"status": "pourvu"}).status_code == 404
    client.force_login(users["partner"])
    assert client.post(reverse("companies:need_status", args=[other.pk]), {"status": "pourvu"}).status_code == 403


def test_agreement_totals(client, charge_mission, establishment):
    from maillage.companies.models import AgreementAction

    first = AgreementFactory(establishment=establishment, amount=100, jobs_target=10)
    AgreementFactory(establishment=establishment, amount=50, jobs_target=5)
    AgreementAction.objects.create(agreement=first, title="A", amount_committed=80, jobs_created=4, beneficiaries=9)
    client.force_login(charge_mission)
    totals = client.get(reverse("companies:agreement_list")).context["totals"]
    assert (totals["amount"], totals["jobs_target"], totals["committed"], totals["jobs_created"]) == (150, 15, 80, 4)


def test_company_file_offers_to_publish_an_open_need(client, charge_mission, viewer, establishment):
    need = RecruitmentNeedFactory(establishment=establishment)
    RecruitmentNeedFactory(establishment=establishment, status="pourvu")
    url = reverse("companies:establishment_detail", args=[establishment.pk])
    client.force_login(charge_mission)
    body = client.get(url).content.decode()
    assert body.count(reverse("jobs:offer_from_need", args=[need.pk])) == 1
    assert body.count("Publier l'offre et voir les candidats") == 1  # the open need only


def test_the_list_sorts_by_open_needs_with_accessible_headers(client, users, establishment, own_establishment):
    RecruitmentNeedFactory(establishment=own_establishment, positions=4)
    client.force_login(users["admin"])
    response = client.get(reverse("companies:establishment_list"), {"tri": "-besoins"})
    names = [e.name for e in response.context["page"]]
    assert names.index(own_establishment.name) < names.index(establishment.name)
    page = response.content.decode()
    assert 'aria-sort="descending"' in page and "trier par ordre croissant" in page
    ascending = client.get(reverse("companies:establishment_list"), {"tri": "besoins"}).context["page"]
    assert [e.name for e in ascending].index(establishment.name) < [e.name for e in ascending].index(
        own_establishment.name
    )


def test_agreement_pages_group_thousands_and_keep_units_with_their_number(client, users, establishment):
    """Jobs ≥ 1 000 read « 1 500 » (narrow no-break space); « € » and « % » never wrap away from their number."""
    from maillage.companies.models import AgreementAction

    agreement = AgreementFactory(establishment=establishment, jobs_target=1500, amount=2500000)
    AgreementAction.objects.create(agreement=agreement, title="Formation", jobs_created=1234, beneficiaries=2000)
    client.force_login(users["charge_mission"])
    listing = client.get(reverse("companies:agreement_list")).content.decode()
    assert "1\u202f234" in listing and "1\u202f500" in listing
    assert "2\u202f500\u202f000&nbsp;€" in listing
    detail = client.get(reverse("companies:agreement_detail", args=[agreement.pk])).content.decode()
    assert '<td class="text-end">1\u202f234</td><td class="text-end">1\u202f500</td>' in detail
    assert "2\u202f500\u202f000&nbsp;€" in detail
    assert "82&nbsp;%" in detail


def test_a_plan_year_out_of_range_comes_back_on_the_company_file_with_what_was_typed(
    client, charge_mission, establishment
):
    """A refused form comes back on its page with its error and the input, status 200 (it redirected to the
    file with a flash message, losing the year typed)."""
    client.force_login(charge_mission)
    response = client.post(reverse("companies:plan_create", args=[establishment.pk]), {"year": "1999"})
    assert response.status_code == 200
    page = response.content.decode()
    assert establishment.name in page and 'id="id_year_error"' in page and 'value="1999"' in page
    assert not establishment.plans.exists()

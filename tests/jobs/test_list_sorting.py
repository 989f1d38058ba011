"""The candidates and applications lists sort by their headers, stably, with the filters, pages and exports;
the audit of a list of people stays one event per person shown."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from maillage.accounts.models import AuditAction, AuditEvent, OrganisationKind, Role
from maillage.jobs.models import Application, ApplicationState, Candidate

from ..factories import user_with_role
from .factories import make_candidate, make_offer

pytestmark = pytest.mark.django_db
CANDIDATES = reverse("jobs:candidate_list")
APPLICATIONS = reverse("jobs:application_list")


def _body(response) -> str:
    return response.content.decode().split("<tbody>")[1]


def _order(response, names) -> list[str]:
    body = _body(response)
    return sorted(names, key=body.index)


@pytest.fixture
def staff(client):
    user = user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE)
    client.force_login(user)
    return user


@pytest.fixture
def people(ref):
    today = datetime.date.today()
    return {
        "Zoé Abadie": make_candidate(
            ref.communes.vernon, first_name="Zoé", last_name="Abadie", available_from=today + datetime.timedelta(9)
        ),
        "Ali Martin": make_candidate(ref.communes.evreux, first_name="Ali", last_name="Martin"),  # available now
        "Léa Bernard": make_candidate(
            ref.communes.louviers, first_name="Léa", last_name="Bernard", available_from=today + datetime.timedelta(2)
        ),
    }


def test_candidates_sort_by_name_commune_and_availability(client, staff, people):
    default = client.get(CANDIDATES)
    assert _order(default, people) == ["Zoé Abadie", "Léa Bernard", "Ali Martin"]
    assert 'aria-sort="ascending"' in default.content.decode()
    by_name = client.get(CANDIDATES, {"tri": "-nom"})
    assert _order(by_name, people) == ["Ali Martin", "Léa Bernard", "Zoé Abadie"]
    assert 'aria-sort="descending"' in by_name.content.decode()
    assert _order(client.get(CANDIDATES, {"tri": "commune"}), people) == ["Ali Martin", "Léa Bernard", "Zoé Abadie"]
    # « immédiate » (no date) comes before any date, whatever the database puts first for an empty value.
    soonest = client.get(CANDIDATES, {"tri": "disponibilite"})
    assert _order(soonest, people) == ["Ali Martin", "Léa Bernard", "Zoé Abadie"]
    assert _order(client.get(CANDIDATES, {"tri": "-disponibilite"}), people) == [
        "Zoé Abadie",
        "Léa Bernard",
        "Ali Martin",
    ]
    Candidate.objects.filter(pk=people["Léa Bernard"].pk).update(
        last_activity_at=people["Léa Bernard"].last_activity_at + datetime.timedelta(days=3)
    )
    assert _order(client.get(CANDIDATES, {"tri": "-activite"}), people)[0] == "Léa Bernard"


def test_names_sort_as_people_read_them_and_never_by_birth_date(client, staff, people, ref):
    make_candidate(ref.communes.evreux, first_name="Émile", last_name="Écalard")
    assert _order(client.get(CANDIDATES), [*people, "Émile Écalard"]) == [
        "Zoé Abadie",
        "Léa Bernard",
        "Émile Écalard",  # not after Martin, where the raw bytes of « É » would put it
        "Ali Martin",
    ]
    # Two homonyms: the elder created last. Their order follows the file's number in either direction,
    # never their birth dates (the list does not show them).
    younger = make_candidate(ref.communes.evreux, first_name="Jean", last_name="Dupont")
    elder = make_candidate(ref.communes.evreux, first_name="Jean", last_name="Dupont")
    for candidate, born in ((younger, datetime.date(2001, 1, 1)), (elder, datetime.date(1961, 1, 1))):
        candidate.person.birth_date = born
        candidate.person.save()
    for direction, expected in (("nom", [younger.pk, elder.pk]), ("-nom", [elder.pk, younger.pk])):
        shown = [c.pk for c in client.get(CANDIDATES, {"tri": direction}).context["page"]]
        assert [pk for pk in shown if pk in expected] == expected


def test_candidate_sort_keeps_the_filters_ignores_unknown_keys_and_audits_only_the_page(client, staff, people):
    page = client.get(CANDIDATES, {"q": "a", "actifs": "1", "page": 2, "tri": "commune"}).content.decode()
    assert 'href="?q=a&amp;actifs=1&amp;tri=-commune"' in page
    assert '<input type="hidden" name="tri" value="commune">' in page
    # A field the page does not show (a birth date, a consent) is not a sort key: ignored, never a 500.
    for wrong in ("'; drop table", "person__birth_date", "-consent_at", "--"):
        response = client.get(CANDIDATES, {"tri": wrong})
        assert response.status_code == 200
        assert _order(response, people) == ["Zoé Abadie", "Léa Bernard", "Ali Martin"]
    AuditEvent.objects.all().delete()
    client.get(CANDIDATES, {"tri": "-nom"})
    seen = AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="jobs.candidate")
    assert sorted(int(e.object_id) for e in seen) == sorted(c.pk for c in people.values())


def test_candidate_pages_are_stable_and_the_export_follows_the_sort(client, staff, ref):
    for n in range(35):
        make_candidate(ref.communes.evreux, first_name="Homonyme", last_name="Dupont", radius=n)
    first = [c.pk for c in client.get(CANDIDATES, {"tri": "-nom"}).context["page"]]
    second = [c.pk for c in client.get(CANDIDATES, {"tri": "-nom", "page": 2}).context["page"]]
    assert first + second == sorted(first + second, reverse=True) and len(first + second) == 35
    response = client.get(CANDIDATES, {"tri": "-disponibilite", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1:]
    assert [int(row[3]) for row in rows] == list(reversed(range(35)))  # the same order: latest pk first


@pytest.fixture
def applications(ref, people):
    welder = make_offer(ref.communes.evreux, title="Soudeur H/F", appellation="10009")
    cashier = make_offer(ref.communes.evreux, title="Caissier H/F", appellation="10007")
    rows = {
        "Zoé Abadie": Application.objects.create(
            offer=welder, candidate=people["Zoé Abadie"], origin="rapprochement", state=ApplicationState.REFUSED
        ),
        "Ali Martin": Application.objects.create(
            offer=cashier, candidate=people["Ali Martin"], origin="candidat", state=ApplicationState.INTERVIEW
        ),
        "Léa Bernard": Application.objects.create(
            offer=welder, candidate=people["Léa Bernard"], origin="prescripteur", state=ApplicationState.NEW
        ),
    }
    return rows


def test_applications_sort_by_date_offer_candidate_state_and_origin(client, staff, applications):
    default = client.get(APPLICATIONS)
    assert _order(default, applications) == ["Léa Bernard", "Ali Martin", "Zoé Abadie"]  # newest first
    assert 'aria-sort="descending"' in default.content.decode()
    assert _order(client.get(APPLICATIONS, {"tri": "offre"}), applications)[0] == "Ali Martin"
    by_name = client.get(APPLICATIONS, {"tri": "candidat"})
    assert _order(by_name, applications) == ["Zoé Abadie", "Léa Bernard", "Ali Martin"]
    # The workflow's order (nouvelle, entretien, refusée), not the codes' (« entretien » < « nouvelle »).
    assert _order(client.get(APPLICATIONS, {"tri": "etat"}), applications) == [
        "Léa Bernard",
        "Ali Martin",
        "Zoé Abadie",
    ]
    # The labels' order: Candidature spontanée, Issue du rapprochement, Proposée par un professionnel.
    assert _order(client.get(APPLICATIONS, {"tri": "origine"}), applications) == [
        "Ali Martin",
        "Zoé Abadie",
        "Léa Bernard",
    ]


def test_application_sort_keeps_the_filters_and_the_export_follows_it(client, staff, applications):
    offer = applications["Zoé Abadie"].offer
    page = client.get(APPLICATIONS, {"offre": offer.pk, "tri": "candidat"})
    assert _order(page, {k: v for k, v in applications.items() if v.offer == offer}) == ["Zoé Abadie", "Léa Bernard"]
    assert f'href="?offre={offer.pk}&amp;tri=-candidat"' in page.content.decode()
    assert '<input type="hidden" name="tri" value="candidat">' in page.content.decode()
    assert client.get(APPLICATIONS, {"tri": "candidate__person__birth_date"}).status_code == 200
    response = client.get(APPLICATIONS, {"tri": "-candidat", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1:]
    assert [row[3] for row in rows] == ["Ali Martin", "Léa Bernard", "Zoé Abadie"]


def test_the_offers_export_follows_the_sort_and_places_fold_their_accents(client, staff, ref):
    for title, commune in (("Caissier H/F", ref.communes.vernon), ("Soudeur H/F", ref.communes.evreux)):
        make_offer(commune, title=title)
    by_place = client.get(reverse("jobs:offer_list"), {"tri": "lieu"})
    assert [o.title for o in by_place.context["page"]] == ["Soudeur H/F", "Caissier H/F"]  # Évreux, Vernon
    response = client.get(reverse("jobs:offer_list"), {"tri": "offre", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1:]
    assert [row[0] for row in rows] == ["Caissier H/F", "Soudeur H/F"]  # not the newest first

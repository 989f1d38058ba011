"""The follow-ups due and the agreements sort by their headers (names folded, states in their order), and
their exports follow the page's sort."""

import datetime

import pytest
from django.urls import reverse

from .factories import AgreementFactory, EstablishmentFactory, InteractionFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _order(client, url, names, **params):
    body = client.get(url, params).content.decode().split("<tbody>")[1]
    return sorted(names, key=body.index)


def test_follow_ups_due_sort_by_establishment_folded_and_by_date(client, charge_mission):
    for name, late in (("Zinguerie du Val", 30), ("Électricité Martin", 1), ("Boulangerie Caron", 10)):
        InteractionFactory(
            establishment=EstablishmentFactory(name=name),
            follow_up_on=TODAY - datetime.timedelta(days=late),
            date=TODAY - datetime.timedelta(days=late + 7),
            author=charge_mission,
        )
    client.force_login(charge_mission)
    url = reverse("companies:followups_due")
    names = ["Boulangerie Caron", "Électricité Martin", "Zinguerie du Val"]
    assert _order(client, url, names) == ["Zinguerie du Val", "Boulangerie Caron", "Électricité Martin"]
    assert _order(client, url, names, tri="etablissement") == names  # É among the E, not after Z
    page = client.get(url, {"tri": "-etablissement", "moi": "1"}).content.decode()
    assert 'aria-sort="descending"' in page and '<input type="hidden" name="tri" value="-etablissement">' in page
    export = client.get(url, {"tri": "etablissement", "export": "csv"}).content.decode("utf-8-sig")
    assert export.index("Boulangerie") < export.index("Électricité") < export.index("Zinguerie")


def test_agreements_sort_by_title_folded_state_and_amount(client, charge_mission):
    rows = (
        ("Zéro chômage", "close", 100_000, datetime.date(2024, 1, 1)),
        ("Évreux Industrie", "negociation", 900_000, datetime.date(2023, 1, 1)),
        ("Aéronautique", "en_cours", 500_000, datetime.date(2025, 1, 1)),
    )
    for title, status, amount, start in rows:
        AgreementFactory(
            establishment=EstablishmentFactory(), title=title, status=status, amount=amount, start_date=start
        )
    client.force_login(charge_mission)
    url = reverse("companies:agreement_list")
    titles = ["Aéronautique", "Évreux Industrie", "Zéro chômage"]
    assert _order(client, url, titles) == ["Aéronautique", "Zéro chômage", "Évreux Industrie"]  # latest first
    assert _order(client, url, titles, tri="convention") == titles
    # States in their order (négociation, en cours, close), not their codes (close, en_cours, negociation).
    assert _order(client, url, titles, tri="etat") == ["Évreux Industrie", "Aéronautique", "Zéro chômage"]
    page = client.get(url, {"tri": "-montant"}).content.decode()
    assert 'aria-sort="descending"' in page
    assert _order(client, url, titles, tri="-montant") == ["Évreux Industrie", "Aéronautique", "Zéro chômage"]
    export = client.get(url, {"tri": "convention", "export": "csv"}).content.decode("utf-8-sig")
    assert export.index("Aéronautique") < export.index("Évreux Industrie") < export.index("Zéro chômage")

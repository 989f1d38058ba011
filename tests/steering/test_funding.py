"""Funding: the State's share against its 60 % ceiling, the justification export per funder."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.urls import reverse

from maillage.accounts.models import OrganisationKind, Role
from maillage.steering.models import ActionIndicator, TimeEntry
from maillage.steering.selectors import plan as selectors
from tests.factories import user_with_role

from .conftest import YEAR, fund


def test_state_share_over_sixty_percent_warns(client, director, action, funders):
    fund(action, funders["state"], "60000")
    fund(action, funders["epci"], "40000")
    summary = selectors.funding_summary(YEAR)
    assert summary.state_share_percent == 60.0 and not summary.state_over_limit  # 60 % is allowed
    client.force_login(director)
    assert "alerte-part-etat" not in client.get(reverse("steering:funding"), {"annee": YEAR}).content.decode()
    fund(action, funders["fse"], "0", rate=Decimal("50"))
    action.funding_lines.filter(funder=funders["state"]).update(budget=Decimal("60001"))
    summary = selectors.funding_summary(YEAR)
    assert summary.state_over_limit
    html = client.get(reverse("steering:funding"), {"annee": YEAR}).content.decode()
    assert "alerte-part-etat" in html and "au-delà du plafond de 60 %" in html
    assert "au-delà du plafond" in client.get(reverse("steering:plan"), {"annee": YEAR}).content.decode()


def test_fse_line_needs_its_cofinancing_rate(client, director, action, funders):
    client.force_login(director)
    url = reverse("steering:funding_line_add", args=[action.pk])
    response = client.post(url, {"funder": funders["fse"].pk, "year": YEAR, "budget": "20000", "actual": "0"})
    assert response.status_code == 200
    response = client.post(
        url, {"funder": funders["fse"].pk, "year": YEAR, "budget": "20000", "actual": "0", "cofinancing_rate": "150"}
    )
    assert response.status_code == 200
    response = client.post(
        url, {"funder": funders["fse"].pk, "year": YEAR, "budget": "20000", "actual": "0", "cofinancing_rate": "60"}
    )
    assert response.status_code == 302


def test_justification_export_has_time_costs_and_outputs(client, director, action, funders, catalogue):
    fund(action, funders["epci"], "40000", "38000")
    fund(action, funders["state"], "10000")
    TimeEntry.objects.create(action=action, month=date(YEAR, 2, 1), hours=Decimal("20"), hourly_cost=Decimal("40"))
    TimeEntry.objects.create(action=action, month=date(YEAR - 1, 2, 1), hours=Decimal("99"), hourly_cost=Decimal("40"))
    ActionIndicator.objects.create(action=action, indicator_key="fake.people", target=10)
    client.force_login(director)
    response = client.get(
        reverse("steering:justification", args=[funders["epci"].pk]), {"annee": YEAR, "format": "csv"}
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Axe", "Action", "Montant attribué (€)"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Action"] == action.title and Decimal(row["Montant attribué (€)"].replace(",", ".")) == 40000
    # CSV for a French spreadsheet: decimal comma (docs, README « Exports »).
    assert Decimal(row["Temps passé (heures)"].replace(",", ".")) == 20
    assert Decimal(row["Coût du temps passé (€)"].replace(",", ".")) == 800
    assert row["Part du financeur (%)"] == "80,0"
    assert "Indicateur fake.people : 125 personnes" in row["Réalisations (indicateurs des modules)"]
    response = client.get(
        reverse("steering:justification", args=[funders["epci"].pk]), {"annee": YEAR, "format": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_justification_export_is_for_steering_staff_and_the_funders_own_members(client, roles, action, funders):
    """A funder's justification carries the MDE's staff hours and their cost: the MDE's steering staff
    (direction, chargés de mission) and the members of that funder's organisation open it; the MDE's
    facilitator, another funder's reader and a buyer (readers of the funding page) get 403, and the
    funding page links only to the exports the user may open."""
    own_funder = roles["funder"].memberships.get().organisation
    funders["epci"].organisation = own_funder
    funders["epci"].save()
    buyer = user_with_role(Role.VIEWER, OrganisationKind.BUYER)
    other_funder = user_with_role(Role.VIEWER, OrganisationKind.FUNDER)
    fund(action, funders["epci"], "40000")
    fund(action, funders["state"], "10000")
    TimeEntry.objects.create(action=action, month=date(YEAR, 2, 1), hours=Decimal("20"), hourly_cost=Decimal("40"))
    expected = {
        # user: (own funder's export, the State's export)
        "director": (200, 200),
        "charge_mission": (200, 200),
        "funder": (200, 403),
        "facilitator": (403, 403),
        "partner": (403, 403),
        "company": (403, 403),
        "partner_admin": (403, 403),
    }
    users = {**{name: roles[name] for name in expected}, "buyer": buyer, "other_funder": other_funder}
    expected |= {"buyer": (403, 403), "other_funder": (403, 403)}
    for name, user in users.items():
        client.force_login(user)
        got = tuple(
            client.get(reverse("steering:justification", args=[funder.pk]), {"annee": YEAR}).status_code
            for funder in (funders["epci"], funders["state"])
        )
        assert got == expected[name], name
        page = client.get(reverse("steering:funding"), {"annee": YEAR})
        if page.status_code != 200:
            continue
        html = page.content.decode()
        for funder, code in zip((funders["epci"], funders["state"]), expected[name], strict=True):
            link = reverse("steering:justification", args=[funder.pk])
            assert (link in html) == (code == 200), (name, funder.name)

"""The action plan: indicators picked with a scope, values computed by the modules, never typed."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from maillage.steering.models import Action, ActionIndicator, Axis, Milestone, TimeEntry
from maillage.steering.selectors import plan as selectors

from .conftest import YEAR


def test_state_axes_exist_from_the_start(db):
    assert list(Axis.objects.values_list("code", "kind")) == [("1", "etat_1"), ("2", "etat_2")]


def test_actual_value_comes_from_the_module_with_the_action_scope(picked, epcis):
    # Whole perimeter, the action's year: the fake module answers 10 * 10 + 25.
    value = selectors.compute(picked, YEAR)
    assert value.actual == 125 and value.unit == "personnes" and value.rate == 25
    picked.epcis.set([epcis[0]])
    picked.start, picked.end = date(2024, 7, 1), date(2025, 6, 30)
    picked.save()
    value = selectors.compute(ActionIndicator.objects.get(pk=picked.pk), YEAR)
    assert value.scope.epci_codes == (epcis[0].code,)
    assert value.scope.start == date(2024, 7, 1)
    assert value.actual == 10 * 1 + 24


def test_funder_filter_is_the_funders_organisation(picked, funders):
    from maillage.accounts.models import Organisation

    funders["epci"].organisation = Organisation.objects.create(name="CA Évreux", kind="collectivite")
    funders["epci"].save()
    picked.funder = funders["epci"]
    picked.save()
    assert selectors.compute(picked, YEAR).scope.funder_id == funders["epci"].organisation_id
    picked.funder = funders["state"]  # no organisation: no filter the modules could read
    picked.save()
    assert selectors.compute(picked, YEAR).scope.funder_id is None


def test_indicator_of_a_module_not_installed_says_so(action, catalogue):
    ActionIndicator.objects.create(action=action, indicator_key="events.hires", target=10)
    value = selectors.action_detail(action).indicators[0]
    assert value.actual is None and not value.available


def test_plan_page_shows_each_action_with_its_computed_indicators(client, director, picked, action):
    Milestone.objects.create(action=action, label="Bilan à mi-parcours", due_on=date(YEAR, 6, 30))
    TimeEntry.objects.create(action=action, month=date(YEAR, 3, 1), hours=Decimal("35"))
    client.force_login(director)
    response = client.get(reverse("steering:plan"), {"annee": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Axe 2 de l'État" in html and action.title in html
    assert 'data-indicator="fake.people"' in html and ">125<" in html and "25&nbsp;%" in html
    assert "temps passé : 35&nbsp;h" in html
    response = client.get(reverse("steering:action_detail", args=[action.pk]))
    assert "Bilan à mi-parcours" in response.content.decode()


def test_director_creates_an_action_and_picks_an_indicator(client, director, state_axis, catalogue, epcis):
    client.force_login(director)
    response = client.post(
        reverse("steering:action_create"),
        {
            "axis": state_axis.pk,
            "year": YEAR,
            "title": "GPECT de l'Eure",
            "status": "en_cours",
            "fse_public_bodies_supported": 0,
            "fse_smes_supported": 0,
        },
    )
    action = Action.objects.get(title="GPECT de l'Eure")
    assert response.status_code == 302
    response = client.post(
        reverse("steering:indicator_add", args=[action.pk]),
        {"indicator_key": "fake.hours", "target": "2000", "epcis": [epcis[1].code]},
    )
    assert response.status_code == 302
    picked = action.indicators.get()
    assert picked.indicator_key == "fake.hours" and list(picked.epcis.all()) == [epcis[1]]


def test_an_indicator_that_no_module_declares_is_refused(client, director, action, catalogue):
    client.force_login(director)
    response = client.post(reverse("steering:indicator_add", args=[action.pk]), {"indicator_key": "typed.by.hand"})
    assert response.status_code == 200 and not action.indicators.exists()


def test_bounds_are_enforced(client, director, state_axis):
    client.force_login(director)
    response = client.post(
        reverse("steering:action_create"),
        {
            "axis": state_axis.pk,
            "year": 3000,
            "title": "x" * 251,
            "status": "en_cours",
            "fse_public_bodies_supported": 0,
            "fse_smes_supported": 0,
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "year" in form.errors and "title" in form.errors


def test_time_entry_is_bounded(client, director, action):
    client.force_login(director)
    response = client.post(
        reverse("steering:time_add", args=[action.pk]), {"month": "2025-03", "hours": "300", "hourly_cost": "35"}
    )
    assert response.status_code == 200
    response = client.post(
        reverse("steering:time_add", args=[action.pk]), {"month": "2025-03", "hours": "12.5", "hourly_cost": "35"}
    )
    assert response.status_code == 302
    assert action.time_entries.get().month == date(2025, 3, 1)

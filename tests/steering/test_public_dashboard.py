"""The public dashboard: no account needed, no personal data, small counts masked."""

from django.core.cache import cache
from django.urls import reverse

from maillage.kernel.plugins import Indicator
from maillage.steering.selectors import plan as plan_selectors
from maillage.steering.selectors.reporting import masked


def test_small_counts_of_people_are_masked():
    assert masked(3, "personnes") is None
    assert masked(0, "personnes") == 0
    assert masked(5, "personnes") == 5
    assert masked(3, "heures") == 3


def test_public_dashboard_without_an_account(client, epcis, monkeypatch):
    evreux, seine_eure = epcis

    def people(scope):
        return {(): 12, (evreux.code,): 9, (seine_eure.code,): 3}[scope.epci_codes]

    def hours(scope):
        return 2.5 if scope.epci_codes else 1234.5

    monkeypatch.setattr(
        plan_selectors,
        "catalogue",
        lambda: {
            "clauses.people": Indicator("clauses.people", "Personnes en parcours", "personnes", people),
            "clauses.hours": Indicator("clauses.hours", "Heures d'insertion", "heures", hours),
        },
    )
    cache.clear()
    response = client.get(reverse("steering:public_dashboard"), {"annee": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Personnes en parcours" in html and ">12<" in html and ">9<" in html
    assert ">3<" not in html and "secret" in html
    assert "1\u202f234,5" in html and "public-map-data" in html
    assert "<script>" not in html.replace('<script src="', "")  # no inline script (CSP)
    cache.clear()


def test_key_figures_are_those_the_plan_follows(client, epcis, picked, catalogue):
    cache.clear()
    html = client.get(reverse("steering:public_dashboard"), {"annee": 2025}).content.decode()
    assert "Indicateur fake.people" in html and "Indicateur fake.hours" not in html
    cache.clear()

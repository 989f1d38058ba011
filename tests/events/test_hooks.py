import datetime

from django.utils import timezone

from maillage.events.services import outcomes, registrations
from maillage.kernel import plugins
from maillage.kernel.plugins import IndicatorScope

from .conftest import register


def test_module_is_declared_with_its_hooks():
    spec = {s.key: s for s in plugins.modules()}["events"]
    assert spec.demo_after == ("companies", "jobs")
    for name in ("demo", "retention", "dashboard", "api", "indicators"):
        assert spec.hook(name) is not None


def test_indicators(world):
    alice = register(world.event, 1)
    registrations.check_in(registration=alice, actor=world.staff)
    outcomes.record_outcome(
        user=world.staff,
        registrant=alice.registrant,
        stand_offer=world.stand_offer,
        interviewed=True,
        hired=True,
        contract_type="CDI",
        situation_3m="en_poste",
    )
    found = plugins.all_indicators()
    today = timezone.localdate()
    scope = IndicatorScope(start=today, end=today + datetime.timedelta(days=60))
    values = {key: found[key].compute(scope) for key in found if key.startswith("events.")}
    assert values == {
        "events.events_held": 1,
        "events.registrants": 1,
        "events.attendees": 1,
        "events.companies": 2,
        "events.hires": 1,
        "events.hires_3m": 1,
    }
    outside = IndicatorScope(start=today, end=today + datetime.timedelta(days=60), epci_codes=("000000000",))
    assert found["events.events_held"].compute(outside) == 0


def test_dashboard_card(world):
    from maillage.events.dashboard import cards

    assert cards(world.staff)[0].figure == "1"
    assert cards(world.company)[0].title == "Événements à venir"


def test_for_metier_lists_upcoming_events_of_the_metier(world):
    from maillage.events.metier import for_metier

    links = for_metier("H2605", None)  # the câblage offer of a stand
    assert links[0].count == 1 and "rome=H2605" in links[0].url
    assert for_metier("D1505", None) == []

"""The events demo puts firms of the event's sector on its stands (« Job dating du BTP » had a software
firm recruiting fast-food staff)."""

from types import SimpleNamespace

from maillage.events.demo.seed import _in_sector, naf_section


def test_naf_section_reads_the_division():
    assert naf_section("43.32A") == "F"
    assert naf_section("4332A") == "F"
    assert naf_section("10.71C") == "C"
    assert naf_section("86.10Z") == ""  # health is outside the sections events use (A..N)
    assert naf_section("") == ""


def test_stands_are_drawn_from_the_events_sector_when_it_has_enough_firms():
    firms = [SimpleNamespace(naf=naf) for naf in ["43.32A", "41.20A", "62.01Z", "56.10A"]]
    assert [f.naf for f in _in_sector(firms, "F", 2)] == ["43.32A", "41.20A"]
    assert _in_sector(firms, "F", 3) == firms  # not enough building firms: every firm
    assert _in_sector(firms, None, 2) == firms


def test_a_stand_offers_the_trades_its_firm_hires_for(db):
    from maillage.accounts.models import OrganisationKind, Role
    from maillage.companies.models import HiringWeight
    from maillage.events.demo.seed import _stand_appellations
    from tests.companies.factories import EstablishmentFactory
    from tests.factories import user_with_role
    from tests.jobs.factories import make_referential

    make_referential()
    actor = user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE)
    firm = EstablishmentFactory(naf="27.12Z")
    HiringWeight.objects.create(rome_v3="H2602", naf="27.12Z", hirings=900)
    HiringWeight.objects.create(rome_v3="H2605", naf="27.12Z", hirings=400)
    HiringWeight.objects.create(rome_v3="D1505", naf="47.11F", hirings=5000)  # another sector's
    labels = [a.label for a in _stand_appellations(firm, ["B1803"], actor)]
    assert labels == [
        "Câbleur / Câbleuse d'armoires électriques",
        "Monteur-câbleur / Monteuse-câbleuse en électronique",
    ]
    unknown = EstablishmentFactory(naf="")
    assert [a.label for a in _stand_appellations(unknown, ["B1803"], actor)] == ["Couturier / Couturière"]


def test_demo_events_fall_on_working_days():
    from datetime import date, timedelta

    from maillage.events.demo.seed import _on_a_working_day

    days = [_on_a_working_day(date(2026, 12, 14) + timedelta(days=n)) for n in range(14)]
    assert all(day.weekday() < 5 for day in days)
    assert _on_a_working_day(date(2026, 12, 20)) == date(2026, 12, 21)  # Sunday → Monday
    assert _on_a_working_day(date(2026, 12, 19)) == date(2026, 12, 21)  # Saturday → Monday
    assert _on_a_working_day(date(2026, 12, 18)) == date(2026, 12, 18)

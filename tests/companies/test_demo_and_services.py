"""Demo idempotence (small) and the services not covered through the pages."""

import datetime

import pytest

from maillage.accounts.models import Organisation, OrganisationKind
from maillage.companies import demo, services
from maillage.companies.models import (
    Agreement,
    Contact,
    Establishment,
    HiringWeight,
    Interaction,
    NeedStatus,
    RecruitmentNeed,
    RecruitmentPlan,
)
from maillage.companies.validators import is_valid_siret, make_siret
from maillage.kernel.models import MdeSettings
from tests.factories import CommuneFactory, EpciFactory

from .factories import (
    AppellationFactory,
    EstablishmentFactory,
    HiringWeightFactory,
    RecruitmentNeedFactory,
    RomeFicheFactory,
)


@pytest.fixture
def small_territory(db):
    epci = EpciFactory(code="200071454", name="CA Évreux Portes de Normandie")
    MdeSettings.current().perimeter.set([epci])
    evreux = CommuneFactory(code="27229", name="Évreux", epci=epci, population=47000)
    CommuneFactory(code="27284", name="Guichainville", epci=epci, population=2700)
    fiche = RomeFicheFactory(code="H2913", code_rome_parent="H2913")
    AppellationFactory(code="38727", fiche=fiche, is_main=True)
    for naf in ["25.62B", "43.99C", "56.10A", "21.20Z", "29.32Z", "18.12Z"]:
        HiringWeightFactory(rome_v3="H2913", naf=naf, hirings=500)
    company = Organisation.objects.create(
        name="Ateliers de l'Iton 001",
        kind=OrganisationKind.COMPANY,
        siret=make_siret("61234567", "0001"),
        naf="2562B",
        commune=evreux,
    )
    return company


def _counts():
    return [Establishment.objects.filter(referent__isnull=False).count()] + [
        m.objects.count()
        for m in (Establishment, Contact, Interaction, RecruitmentNeed, RecruitmentPlan, Agreement, HiringWeight)
    ]


def test_demo_is_idempotent_and_links_companies(small_territory):
    demo.seed(extra=25)
    first = _counts()
    demo.seed(extra=25)
    assert _counts() == first
    establishment = Establishment.objects.get(siret=small_territory.siret)
    assert establishment.organisation == small_territory and establishment.naf == "25.62B"
    assert establishment.needs.exists()  # the demo company user has needs to look at
    assert first[1] == 25 + 1 + 3  # generated + the company + the three agreements' companies
    assert all(is_valid_siret(s) for s in Establishment.objects.values_list("siret", flat=True))
    pharma = Agreement.objects.get(kind="revitalisation")
    assert pharma.establishment.naf == "21.20Z" and pharma.actions.count() == 4 and pharma.meetings.exists()


def test_link_establishments_to_organisations(db):
    establishment = EstablishmentFactory()
    Organisation.objects.create(name="X", kind=OrganisationKind.COMPANY, siret=establishment.siret)
    assert services.link_establishments_to_organisations() == 1
    establishment.refresh_from_db()
    assert establishment.organisation.name == "X"
    assert services.link_establishments_to_organisations() == 0


def test_create_establishment_links_organisation_by_siret(db):
    commune = CommuneFactory()
    siret = make_siret("70000001", "0001")
    organisation = Organisation.objects.create(name="Y", kind=OrganisationKind.COMPANY, siret=siret)
    establishment = services.create_establishment(None, siret=siret, name="Y", naf="2562B", commune=commune)
    assert establishment.organisation == organisation


def test_need_status_filled_sets_filled_positions(db):
    need = RecruitmentNeedFactory(positions=3)
    services.set_need_status(None, need, NeedStatus.FILLED)
    need.refresh_from_db()
    assert need.positions_filled == 3
    with pytest.raises(ValueError):
        services.set_need_status(None, need, "inconnu")


def test_main_contact_is_unique(db, charge_mission):
    establishment = EstablishmentFactory()
    first = services.save_contact(charge_mission, establishment, None, last_name="A", email="a@x.fr", is_main=True)
    services.save_contact(charge_mission, establishment, None, last_name="B", email="b@x.fr", is_main=True)
    first.refresh_from_db()
    assert not first.is_main


def test_interaction_contact_must_belong_to_establishment(db, charge_mission):
    establishment, other = EstablishmentFactory(), EstablishmentFactory()
    stranger = Contact.objects.create(establishment=other, last_name="Z", email="z@x.fr")
    with pytest.raises(ValueError):
        services.save_interaction(
            charge_mission, establishment, None, kind="appel", date=datetime.date.today(), subject="x", contact=stranger
        )


def test_changing_follow_up_date_reopens_it(db, charge_mission):
    establishment = EstablishmentFactory()
    today = datetime.date.today()
    interaction = services.save_interaction(
        charge_mission, establishment, None, kind="appel", date=today, subject="x", follow_up_on=today
    )
    services.mark_follow_up_done(charge_mission, interaction)
    assert not interaction.follow_up_pending
    services.save_interaction(charge_mission, establishment, interaction, follow_up_on=today + datetime.timedelta(7))
    assert interaction.follow_up_pending


def test_demo_company_names_say_their_trade_and_carry_no_serial_number():
    # « Bâtiment Marchand 001 » recruited nurses: a name now follows the company's NAF code.
    import random

    from maillage.accounts.demo import COMPANY_NAMES, TRADE_BY_NAF, _company_name

    taken: set[str] = set()
    rng = random.Random(3)
    names = [_company_name(TRADE_BY_NAF["43.32A"], rng.choice(COMPANY_NAMES), taken) for _ in range(40)]
    assert len(set(names)) == 40
    assert all(name.startswith("Menuiserie ") for name in names)
    assert not any(word.isdigit() for name in names for word in name.split())

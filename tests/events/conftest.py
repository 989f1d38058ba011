"""A small world for the events tests: the jobs referential, an MDE, two companies with offers."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from maillage.accounts.models import OrganisationKind, Role
from maillage.events.choices import EventKind, EventStatus, Modality
from maillage.events.models import Event, InterviewSlot
from maillage.events.services import stands as stand_services
from tests.companies.factories import EstablishmentFactory
from tests.factories import OrganisationFactory, user_with_role
from tests.jobs.factories import make_offer, make_referential


@pytest.fixture(autouse=True)
def _eager_tasks(settings):
    settings.HUEY_IMMEDIATE = True
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def make_event(organiser, *, days=10, capacity=50, remote=0, kind=EventKind.ONLINE_FAIR, commune=None, **extra):
    start = timezone.localdate() + datetime.timedelta(days=days)
    modality = Modality.BOTH if capacity and remote else (Modality.REMOTE if remote else Modality.ON_SITE)
    return Event.objects.create(
        title=extra.pop("title", "Salon en ligne de l'industrie"),
        kind=kind,
        start_date=start,
        start_time=datetime.time(9, 0),
        end_time=datetime.time(17, 0),
        modality=modality,
        capacity_on_site=capacity,
        capacity_remote=remote,
        commune=commune,
        organiser=organiser,
        status=extra.pop("status", EventStatus.PUBLISHED),
        **extra,
    )


@pytest.fixture
def world(db):
    ref = make_referential()
    mde = OrganisationFactory(kind=OrganisationKind.MDE, name="MEF Évreux")
    staff = user_with_role(Role.CHARGE_MISSION, organisation=mde)
    partner_org = OrganisationFactory(kind=OrganisationKind.FRANCE_TRAVAIL, name="France Travail Évreux")
    partner = user_with_role(Role.PARTNER, organisation=partner_org)
    company_org = OrganisationFactory(kind=OrganisationKind.COMPANY, name="Câblerie de l'Iton")
    other_org = OrganisationFactory(kind=OrganisationKind.COMPANY, name="Soudure du Val")
    company = user_with_role(Role.COMPANY_MEMBER, organisation=company_org)
    other_company = user_with_role(Role.COMPANY_MEMBER, organisation=other_org)
    viewer = user_with_role(Role.VIEWER, OrganisationKind.FUNDER)
    plant = EstablishmentFactory(name="Câblerie de l'Iton", commune=ref.communes.evreux, organisation=company_org)
    works = EstablishmentFactory(name="Soudure du Val", commune=ref.communes.louviers, organisation=other_org)
    cabling = make_offer(ref.communes.evreux, appellation="10004", title="Monteur câbleur H/F", establishment=plant)
    welding = make_offer(ref.communes.louviers, appellation="10009", title="Soudeur TIG H/F", establishment=works)
    event = make_event(mde, commune=ref.communes.evreux, capacity=50, remote=20)
    stand = stand_services.add_stand(event=event, establishment=plant)
    other_stand = stand_services.add_stand(event=event, establishment=works)
    stand_offer = stand_services.add_offer(stand=stand, offer=cabling)
    other_offer = stand_services.add_offer(stand=other_stand, offer=welding)
    starts = timezone.now() + datetime.timedelta(days=10)
    slots = [
        InterviewSlot.objects.create(
            stand=stand, starts_at=starts + datetime.timedelta(minutes=20 * i), channel="visio"
        )
        for i in range(3)
    ]
    return SimpleNamespace(
        ref=ref,
        mde=mde,
        staff=staff,
        partner=partner,
        company=company,
        other_company=other_company,
        viewer=viewer,
        plant=plant,
        works=works,
        event=event,
        stand=stand,
        other_stand=other_stand,
        stand_offer=stand_offer,
        other_offer=other_offer,
        slots=slots,
        partner_org=partner_org,
    )


def register(event, n=0, mode="ENPHY", **extra):
    from maillage.events.services.registrations import register as do

    return do(
        event=event,
        first_name=extra.pop("first_name", f"Prénom{n}"),
        last_name=extra.pop("last_name", f"Nom{n}"),
        email=extra.pop("email", f"personne{n}@exemple.org"),
        mode=mode,
        consent=extra.pop("consent", True),
        **extra,
    )

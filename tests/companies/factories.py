"""Factories of company relations (and the ROME rows they need)."""

import datetime

import factory

from maillage.companies.models import (
    Agreement,
    AgreementKind,
    Contact,
    ContractType,
    Establishment,
    HiringWeight,
    Interaction,
    InteractionKind,
    NeedReason,
    RecruitmentNeed,
    SizeBand,
)
from maillage.companies.validators import make_siret
from maillage.referentials.models import Appellation, RomeFiche
from tests.factories import CommuneFactory


class RomeFicheFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RomeFiche
        django_get_or_create = ("code",)

    code = "H2913"
    label = "Soudage manuel"
    search_label = factory.LazyAttribute(lambda o: o.label.lower())
    code_rome_parent = "H2913"


class AppellationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appellation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{90000 + n}")
    label = "Soudeur / Soudeuse"
    search_label = factory.LazyAttribute(lambda o: o.label.lower())
    fiche = factory.SubFactory(RomeFicheFactory)


class EstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Establishment

    siret = factory.Sequence(lambda n: make_siret(f"{40000000 + n:08d}", "0001"))
    name = factory.Sequence(lambda n: f"Établissement {n}")
    naf = "25.62B"
    size_band = SizeBand.B12
    commune = factory.SubFactory(CommuneFactory)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    establishment = factory.SubFactory(EstablishmentFactory)
    first_name = "Dominique"
    last_name = factory.Sequence(lambda n: f"Durand{n}")
    job_title = "Responsable RH"
    email = factory.Sequence(lambda n: f"rh{n}@entreprise.example")


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    establishment = factory.SubFactory(EstablishmentFactory)
    kind = InteractionKind.VISIT
    date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=10))
    subject = "Visite de l'atelier"


class RecruitmentNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecruitmentNeed

    establishment = factory.SubFactory(EstablishmentFactory)
    appellation = factory.SubFactory(AppellationFactory)
    positions = 2
    contract_type = ContractType.CDI
    wanted_by = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=60))
    reason = NeedReason.SHORTAGE


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    establishment = factory.SubFactory(EstablishmentFactory)
    kind = AgreementKind.REVITALISATION
    title = factory.Sequence(lambda n: f"Convention de revitalisation {n}")
    start_date = datetime.date(2025, 1, 1)
    end_date = datetime.date(2027, 12, 31)
    amount = 600000
    jobs_target = 120


class HiringWeightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HiringWeight
        django_get_or_create = ("rome_v3", "naf")

    rome_v3 = "H2913"
    naf = "25.62B"
    naf_label = "Mécanique industrielle"
    hirings = 1000

"""Factories of the social-clauses tests."""

from datetime import date
from decimal import Decimal

import factory

from maillage.accounts.models import OrganisationKind
from maillage.clauses import models
from tests.factories import CommuneFactory, OrganisationFactory


class BuyerFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Commune acheteuse {n}")
    kind = OrganisationKind.BUYER
    siret = factory.Sequence(lambda n: f"2127{n:010d}")


class CompanyFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"BTP {n}")
    kind = OrganisationKind.COMPANY
    siret = factory.Sequence(lambda n: f"4000{n:010d}")


class OperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Operation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Opération {n}")
    buyer = factory.SubFactory(BuyerFactory)
    commune = factory.SubFactory(CommuneFactory)
    status = models.OperationStatus.EXECUTION
    start_on = date(2025, 1, 1)
    end_on = date(2025, 12, 31)


class MarketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Market

    operation = factory.SubFactory(OperationFactory)
    reference = factory.Sequence(lambda n: f"M-{n}")
    object = "Construction d'un groupe scolaire"
    cpv_code = "45214200"
    amount = Decimal("1000000")
    notified_on = date(2025, 1, 1)


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Lot

    market = factory.SubFactory(MarketFactory)
    number = factory.Sequence(lambda n: n + 1)
    label = "Gros œuvre"
    cpv_code = "45262500"
    commune = factory.LazyAttribute(lambda o: o.market.operation.commune)
    amount = Decimal("1000000")
    start_on = date(2025, 1, 1)
    end_on = date(2025, 12, 31)
    status = models.LotStatus.RUNNING
    target_hours = Decimal("833")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Participant

    last_name = factory.Sequence(lambda n: f"Durand{n}")
    first_name = "Alex"
    birth_date = date(1990, 5, 17)
    sex = models.Sex.FEMALE
    qualification = models.Qualification.LEVEL3


def criterion(code="deld"):
    return models.EligibilityCriterion.objects.get(code=code)


class EligibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Eligibility

    participant = factory.SubFactory(ParticipantFactory)
    criterion = factory.LazyFunction(criterion)
    validated_on = date(2024, 12, 1)
    valid_until = date(2026, 12, 1)


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contract

    participant = factory.SubFactory(ParticipantFactory)
    lot = factory.SubFactory(LotFactory)
    employer = factory.LazyAttribute(lambda o: CompanyFactory())
    modality = models.Modality.CDDI
    start_on = date(2025, 1, 1)
    end_on = date(2025, 12, 31)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.HoursStatement

    contract = factory.SubFactory(ContractFactory)
    month = date(2025, 3, 1)
    hours = Decimal("100")
    status = models.StatementStatus.VALIDATED

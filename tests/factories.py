"""Factories shared by the whole suite (factory_boy). Module-specific factories live next to their tests."""

import factory

from maillage.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from maillage.territories.models import Commune, Departement, Epci, EpciOutline, Region

PASSWORD = "motdepasse-de-test-123"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "28"
    name = "Normandie"


class DepartementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departement
        django_get_or_create = ("code",)

    code = "27"
    name = "Eure"
    region = factory.SubFactory(RegionFactory)


class EpciFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Epci
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"2000{n:05d}")
    name = factory.Sequence(lambda n: f"CA Test {n}")
    kind = "CA"
    population = 100000
    search_name = factory.LazyAttribute(lambda o: o.name.lower())

    @factory.post_generation
    def outline(epci, create, geometry, **kwargs):
        """``EpciFactory(outline={...})`` stores the contour in its own table, as the loader does."""
        if create and geometry is not None:
            EpciOutline.objects.update_or_create(epci=epci, defaults={"geometry": geometry})


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"27{n % 1000:03d}")  # 5 characters however long the run (PostgreSQL checks)
    name = factory.Sequence(lambda n: f"Commune {n}")
    search_name = factory.LazyAttribute(lambda o: o.name.lower())
    departement = factory.SubFactory(DepartementFactory)
    epci = factory.SubFactory(EpciFactory)
    population = 1000
    latitude = 49.02
    longitude = 1.15


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.MDE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.VIEWER


def user_with_role(role: str, kind: str = OrganisationKind.MDE, organisation=None, epcis=()) -> User:
    """A user holding ``role`` in an organisation of ``kind`` (a new one unless given)."""
    organisation = organisation or OrganisationFactory(kind=kind)
    membership = MembershipFactory(role=role, organisation=organisation)
    if epcis:
        membership.epcis.set(epcis)
    return membership.user

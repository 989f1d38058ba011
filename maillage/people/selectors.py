"""Reads on people: the groups of records that are probably the same person."""

from dataclasses import dataclass

from django.db.models import Count, F, QuerySet, Value
from django.db.models.functions import Concat, Lower, StrIndex, Substr

from .models import Person
from .parts import part_relations

NAME_SORT_FIELDS = ("last_name_key", "first_name_key")  # what a list annotated with ``name_sort_keys`` sorts on


def name_sort_keys(path: str = "person") -> dict:
    """Annotations ``last_name_key`` and ``first_name_key``: the folded names of the person at ``path``
    (``person``, ``candidate__person``), to sort a list by name as people read it (« Écalard » among the E,
    « de Gaulle » among the D; SQL sorts the raw bytes otherwise, É after Z).

    They are read from the identity key *without* its birth date, so that sorting by name never tells the
    relative age of two homonyms; ties go to the primary key."""
    key = Concat(F(f"{path}__identity_key"), Value("||"))  # the bars are always there, even on a blank key
    bar = StrIndex(key, Value("|"))
    rest = Substr(key, bar + 1)
    return {
        "last_name_key": Substr(key, 1, bar - 1),
        "first_name_key": Substr(rest, 1, StrIndex(rest, Value("|")) - 1),
    }


class Reason:
    IDENTITY = "identite"  # same folded names and same birth date
    EMAIL = "email"  # same e-mail address
    LABELS = {IDENTITY: "mêmes nom, prénom et date de naissance", EMAIL: "même adresse e-mail"}


@dataclass(frozen=True)
class DuplicateGroup:
    reason: str
    key: str
    person_ids: tuple[int, ...]

    @property
    def reason_label(self) -> str:
        return Reason.LABELS.get(self.reason, self.reason)


def duplicate_groups(limit: int = 500) -> list[DuplicateGroup]:
    """Records sharing a normalised identity (names and birth date) or an e-mail, grouped in SQL.

    A person appears once: a group found by identity is not repeated by e-mail."""
    groups: list[DuplicateGroup] = []
    seen: set[int] = set()
    by_identity = (
        Person.objects.filter(birth_date__isnull=False)
        .values("identity_key")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("identity_key")[:limit]
    )
    keys = [row["identity_key"] for row in by_identity]
    members: dict[str, list[int]] = {}
    for pk, key in Person.objects.filter(identity_key__in=keys).order_by("pk").values_list("pk", "identity_key"):
        members.setdefault(key, []).append(pk)
    for key in keys:
        groups.append(DuplicateGroup(Reason.IDENTITY, key, tuple(members[key])))
        seen.update(members[key])
    by_email = (
        Person.objects.exclude(email="")
        .annotate(address=Lower("email"))
        .values("address")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("address")[:limit]
    )
    addresses = [row["address"] for row in by_email]
    mail_members: dict[str, list[int]] = {}
    for pk, address in (
        Person.objects.annotate(address=Lower("email"))
        .filter(address__in=addresses)
        .order_by("pk")
        .values_list("pk", "address")
    ):
        if pk not in seen:
            mail_members.setdefault(address, []).append(pk)
    for address in addresses:
        ids = mail_members.get(address, [])
        if len(ids) > 1:
            groups.append(DuplicateGroup(Reason.EMAIL, address, tuple(ids)))
    return groups[:limit]


def parts_of(person_ids) -> dict[int, list[str]]:
    """The kinds of part each person has (« participant », « candidat »…), never their content."""
    result: dict[int, list[str]] = {pk: [] for pk in person_ids}
    for rel in part_relations():
        label = str(rel.related_model._meta.verbose_name)
        for pk in rel.related_model._default_manager.filter(**{f"{rel.field.name}__in": person_ids}).values_list(
            rel.field.attname, flat=True
        ):
            if label not in result[pk]:
                result[pk].append(label)
    return result


def persons(ids) -> QuerySet[Person]:
    return Person.objects.filter(pk__in=ids).select_related("commune").order_by("pk")

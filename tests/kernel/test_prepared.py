"""A queryset compiled once and run again with other ids gives what the ORM gives."""

import pytest
from django.db.models import Count, Q

from maillage.accounts.models import User
from maillage.kernel.prepared import IdListQuery


def _users_by_activity(ids):
    # Parameters before (the annotation's filter) and after (the e-mail) the list of ids.
    return (
        User.objects.filter(pk__in=ids, email__contains="@")
        .values_list("is_active")
        .order_by()
        .annotate(n=Count("pk", filter=Q(last_name__gte="B")))
    )


@pytest.fixture
def users(db):
    names = ["Aubry", "Bernard", "Chevalier", "Dupont"]
    return [
        User.objects.create_user(email=f"{name.lower()}@exemple.fr", last_name=name, is_active=index % 2 == 0).pk
        for index, name in enumerate(names)
    ]


def test_the_same_rows_as_the_orm_for_any_list_of_ids(users):
    query = IdListQuery(_users_by_activity)
    for ids in (users[:1], users[:2], users, [users[3], users[0]], [987654]):
        assert sorted(query.rows(ids)) == sorted(_users_by_activity(ids))
    assert query.rows([]) == []


def test_the_list_must_appear_once(users):
    query = IdListQuery(lambda ids: User.objects.filter(pk__in=ids).exclude(pk__in=ids).values_list("pk"))
    with pytest.raises(ValueError):
        query.rows(users)

import pytest

from maillage.clauses import demo
from maillage.clauses.models import HoursStatement, Operation, Participant
from tests.factories import CommuneFactory, EpciFactory

pytestmark = pytest.mark.django_db


def test_demo_seed_is_deterministic_and_idempotent():
    for index, code in enumerate(demo.PERIMETER_EPCIS):
        epci = EpciFactory(code=code, name=f"EPCI {index}")
        for n in range(3):
            CommuneFactory(code=f"27{index}{n:02d}", epci=epci, population=1000 * (n + 1))
    demo.seed()
    counts = (Operation.objects.count(), Participant.objects.count(), HoursStatement.objects.count())
    assert counts[0] == demo.OPERATIONS and counts[1] >= 2000 and counts[2] > 1000
    # Regenerated under the rules of issue #12: closed lots frozen, the monthly maximum per person held.
    from django.db.models import Sum

    from maillage.clauses.models import Lot, LotClosing

    closed = Lot.objects.filter(status="clos")
    assert closed.exists() and LotClosing.objects.filter(lot__in=closed).count() == closed.count()
    assert all(lot.counting_rule.is_frozen for lot in closed.select_related("counting_rule")[:20])
    totals = HoursStatement.objects.values("participant_id", "month").order_by().annotate(total=Sum("hours"))
    assert max(row["total"] for row in totals) <= 208
    demo.seed()
    assert (Operation.objects.count(), Participant.objects.count(), HoursStatement.objects.count()) == counts
    first = list(Operation.objects.order_by("pk").values_list("name", "start_on")[:20])
    Operation.objects.all().delete()
    HoursStatement.objects.all().delete()
    from maillage.clauses.models import Contract

    Contract.objects.all().delete()
    Participant.objects.all().delete()
    demo.seed()
    assert list(Operation.objects.order_by("pk").values_list("name", "start_on")[:20]) == first


def test_demo_without_territory_does_nothing():
    demo.seed()
    assert not Operation.objects.exists()

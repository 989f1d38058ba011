"""The progress of lots (every clauses page) builds the counting rules' SQL once per process, not per page."""

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest

from maillage.clauses import services
from maillage.clauses.models import Lot
from maillage.clauses.selectors import progress
from maillage.clauses.selectors.counting import counted_hours

from .factories import ContractFactory, LotFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_the_counting_rules_are_compiled_once_and_the_figures_follow_the_lots():
    lots = [LotFactory(), LotFactory()]
    for lot, hours in zip(lots, ("12", "30"), strict=True):
        services.assign_counting_rule(lot)
        StatementFactory(contract=ContractFactory(lot=lot), hours=Decimal(hours))
    progress.progress_rows(Lot.objects.filter(pk=lots[0].pk), date(2025, 12, 15))
    with mock.patch.object(progress, "counted_hours", wraps=counted_hours) as built:
        first = progress.progress_rows(Lot.objects.filter(pk=lots[0].pk), date(2025, 12, 15))
        both = progress.progress_rows(Lot.objects.filter(pk__in=[lot.pk for lot in lots]), date(2025, 12, 15))
    assert built.call_count == 0
    assert [row["done"] for row in first] == [12.0]
    assert sorted(row["done"] for row in both) == [12.0, 30.0]

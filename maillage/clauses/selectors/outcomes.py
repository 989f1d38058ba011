"""The « to recontact » list: people whose path ended about six months ago and whose outcome is not entered."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from ..dates import add_months
from ..models import Contract, Outcome, Participant

WINDOW_MONTHS = (5, 9)  # the same window as the services' check of an outcome's observation date


def outcomes_due(people: QuerySet[Participant], today: date | None = None) -> QuerySet[Participant]:
    """Exactly the people of ``people`` whose path ended (no contract running, none open-ended) between 9 and
    5 months ago, with no outcome recorded for that path (an outcome of an earlier path does not count)."""
    today = today or date.today()
    latest, earliest = add_months(today, -WINDOW_MONTHS[0]), add_months(today, -WINDOW_MONTHS[1])
    running = Contract.objects.filter(participant=OuterRef("pk")).filter(Q(end_on__isnull=True) | Q(end_on__gt=latest))
    recorded = Outcome.objects.filter(participant=OuterRef("pk"), path_end_on__gte=OuterRef("last_end"))
    last_end = (
        Contract.objects.filter(participant=OuterRef("pk"), end_on__isnull=False)
        .order_by("-end_on")
        .values("end_on")[:1]
    )
    return (
        people.annotate(last_end=Subquery(last_end))
        .exclude(Exists(running))
        .filter(last_end__gte=earliest, last_end__lte=latest)
        .exclude(Exists(recorded))
        .order_by("last_end", "pk")
    )

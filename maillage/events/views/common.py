from django.shortcuts import get_object_or_404

from maillage.territories.models import Epci

from ..models import Event
from ..policies import visible_events


def visible_event_or_404(user, pk) -> Event:
    return get_object_or_404(visible_events(user).select_related("commune", "organiser"), pk=pk)


def epci_choices():
    codes = Event.objects.exclude(commune__epci__isnull=True).values_list("commune__epci_id", flat=True).distinct()
    return list(Epci.objects.filter(code__in=list(codes)).order_by("name").values_list("code", "name"))


def epci_names(codes) -> dict:
    return dict(Epci.objects.filter(code__in=[c for c in codes if c]).values_list("code", "name"))

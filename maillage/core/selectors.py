"""Reads for the home dashboard."""

from django.db.models import Count, Sum

from maillage.accounts.models import Organisation
from maillage.kernel.models import MdeSettings
from maillage.referentials.models import ReferentialLoad
from maillage.territories.models import Commune


def perimeter_summary(mde: MdeSettings | None) -> dict:
    if mde is None:
        return {"epci_count": 0, "commune_count": 0, "population": 0, "epcis": []}
    epcis = list(mde.perimeter.order_by("name"))
    communes = Commune.objects.filter(epci__in=epcis)
    totals = communes.aggregate(n=Count("code"), population=Sum("population"))
    return {
        "epci_count": len(epcis),
        "commune_count": totals["n"] or 0,
        "population": totals["population"] or 0,
        "epcis": epcis,
    }


def organisations_by_kind(queryset=None) -> list[dict]:
    queryset = Organisation.objects.filter(is_active=True) if queryset is None else queryset
    labels = dict(Organisation._meta.get_field("kind").choices)
    rows = queryset.values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    return [{"kind": row["kind"], "label": labels.get(row["kind"], row["kind"]), "n": row["n"]} for row in rows]


def referential_loads() -> list[ReferentialLoad]:
    return list(ReferentialLoad.objects.order_by("name"))

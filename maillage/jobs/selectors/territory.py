"""Aggregates of offers, candidates and applications by territory × ROME, for the observatory.

Counts only, never a person: the observatory's local tension proxy and GPECT pools read these
(DOMAIN.md §5). Personal data stays in this module.
"""

from __future__ import annotations

import math
from collections import defaultdict

from django.db.models import Count, Q

from ..models import Application, ApplicationState, Candidate, Offer, OfferStatus

KM_PER_DEGREE = 111.32


def offer_stats_by_epci_rome(epci_codes) -> dict[tuple[str, str], dict]:
    """Per (EPCI, ROME): offers, open, filled, closed without hire, applications, mean days to fill."""
    offers = Offer.objects.filter(commune__epci_id__in=list(epci_codes)).exclude(rome_code="")
    rows = offers.values("commune__epci_id", "rome_code").annotate(
        offers=Count("pk", distinct=True),
        open=Count("pk", filter=Q(status=OfferStatus.PUBLISHED), distinct=True),
        filled=Count("pk", filter=Q(status=OfferStatus.FILLED), distinct=True),
        closed_unfilled=Count("pk", filter=Q(status=OfferStatus.CLOSED), distinct=True),
        applications=Count("applications", distinct=True),
    )
    result = {(r["commune__epci_id"], r["rome_code"]): {**r, "days_to_fill": None} for r in rows}
    hires = Application.objects.filter(
        offer__in=offers.filter(status=OfferStatus.FILLED), state=ApplicationState.ACCEPTED
    ).values_list("offer__commune__epci_id", "offer__rome_code", "offer__created_at", "updated_at")
    delays: dict[tuple, list[float]] = defaultdict(list)
    for epci, rome, created, hired in hires:
        delays[(epci, rome)].append(max(0.0, (hired - created).total_seconds() / 86400))
    for key, values in delays.items():
        if key in result:
            result[key]["days_to_fill"] = round(sum(values) / len(values), 1)
    return result


def candidate_counts_by_epci_rome(epci_codes) -> dict[tuple[str, str], int]:
    """Searching candidates living in the EPCI, by the ROME fiche of the jobs they seek."""
    rows = (
        Candidate.objects.filter(is_searching=True, anonymised_at=None, commune__epci_id__in=list(epci_codes))
        .values("commune__epci_id", "sought_appellations__fiche_id")
        .annotate(n=Count("pk", distinct=True))
    )
    return {
        (r["commune__epci_id"], r["sought_appellations__fiche_id"]): r["n"]
        for r in rows
        if r["sought_appellations__fiche_id"]
    }


def _near(latitude: float, longitude: float, radius_km: float):
    lat_span = radius_km / KM_PER_DEGREE
    lon_span = radius_km / (KM_PER_DEGREE * max(0.1, math.cos(math.radians(latitude))))
    return Candidate.objects.filter(
        is_searching=True,
        anonymised_at=None,
        latitude__range=(latitude - lat_span, latitude + lat_span),
        longitude__range=(longitude - lon_span, longitude + lon_span),
    )


def _distance_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def candidate_pool(fiche_codes, *, latitude: float, longitude: float, radius_km: float) -> dict[str, dict]:
    """Per ROME fiche: searching candidates within ``radius_km`` who seek it or have held it."""
    codes = list(fiche_codes)
    rows = (
        _near(latitude, longitude, radius_km)
        .filter(Q(sought_appellations__fiche_id__in=codes) | Q(held_appellations__fiche_id__in=codes))
        .values_list("pk", "latitude", "longitude", "sought_appellations__fiche_id", "held_appellations__fiche_id")
    )
    pool: dict[str, dict[str, set]] = {c: {"seek": set(), "held": set()} for c in codes}
    for pk, lat, lon, sought, held in rows:
        if _distance_km(latitude, longitude, lat, lon) > radius_km:
            continue
        if sought in pool:
            pool[sought]["seek"].add(pk)
        if held in pool:
            pool[held]["held"].add(pk)
    return {
        code: {"seeking": len(v["seek"]), "experienced": len(v["held"]), "total": len(v["seek"] | v["held"])}
        for code, v in pool.items()
    }


def held_fiche_counts_near(*, latitude: float, longitude: float, radius_km: float) -> dict[str, list[int]]:
    """Searching candidates within the radius grouped by a ROME fiche they have held: fiche → candidate ids."""
    rows = (
        _near(latitude, longitude, radius_km)
        .exclude(held_appellations=None)
        .values_list("pk", "latitude", "longitude", "held_appellations__fiche_id")
    )
    result: dict[str, set[int]] = defaultdict(set)
    for pk, lat, lon, fiche in rows:
        if fiche and _distance_km(latitude, longitude, lat, lon) <= radius_km:
            result[fiche].add(pk)
    return {fiche: sorted(ids) for fiche, ids in result.items()}


def skill_counts(candidate_ids, skill_codes) -> dict[str, int]:
    """How many of these candidates declare each skill (for missing-skill sizing)."""
    rows = (
        Candidate.skills.through.objects.filter(candidate_id__in=list(candidate_ids), skill_id__in=list(skill_codes))
        .values("skill_id")
        .annotate(n=Count("candidate_id", distinct=True))
    )
    return {r["skill_id"]: r["n"] for r in rows}

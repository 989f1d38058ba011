"""The local tension proxy by EPCI × ROME, from the platform's own data (DOMAIN.md §5).

The DARES indicator stops at the département × FAP. Locally, the platform knows its offers, the
candidates who seek each job, the applications, how long filled offers took and how many closed
without a hire. The proxy (0–100) is the weighted mean of the inputs available for a cell:

- offers per searching candidate, saturating at 2 (weight 0.4);
- few applications per offer: 1 − min(1, applications per offer / 5) (0.2);
- the share of closed offers that closed without a hire (0.2);
- time to fill, saturating at 90 days (0.2).

Beside it: the BMO 2024 share of difficult projects (bassins weighted into the EPCI, through the
derived FAP 2021 → ROME table) and the DARES 2019 class of the département (through the ROME v3
parent and the FAP 2009). Every score shows its inputs; candidate counts go through secrecy.
"""

from __future__ import annotations

from collections import defaultdict

from maillage.jobs.selectors import territory as jobs_territory
from maillage.referentials.models import FapRome, RomeFiche
from maillage.territories.models import Commune, Epci

from .. import secrecy
from ..models import FapRomeMatch, Figure, Level, ZoneCommune
from .scope import Scope

WEIGHTS = {"ratio": 0.4, "applications": 0.2, "unfilled": 0.2, "delay": 0.2}
PART_LABELS = {
    "ratio": "offres par candidat",
    "applications": "peu de candidatures",
    "unfilled": "closes sans embauche",
    "delay": "délai",
}


def proxy_score(*, offers: int, candidates: int, applications: int, filled: int, closed_unfilled: int, days_to_fill):
    """The 0–100 score and its components (``None`` when an input is missing)."""
    parts: dict[str, float] = {}
    if offers:
        parts["ratio"] = min(1.0, offers / max(candidates, 1) / 2)
        parts["applications"] = 1 - min(1.0, applications / offers / 5)
    if filled + closed_unfilled:
        parts["unfilled"] = closed_unfilled / (filled + closed_unfilled)
    if days_to_fill is not None:
        parts["delay"] = min(1.0, days_to_fill / 90)
    if not parts:
        return None, parts
    total_weight = sum(WEIGHTS[k] for k in parts)
    return round(100 * sum(WEIGHTS[k] * v for k, v in parts.items()) / total_weight), parts


def bmo_difficulty_by_epci(epci_codes) -> dict[str, dict[str, float | None]]:
    """Per EPCI and FAP 2021: the share of difficult BMO projects, bassins weighted by population.

    Three queries (crosswalk, populations, figures) for all the EPCI at once.
    """
    communes = list(Commune.objects.filter(epci_id__in=list(epci_codes)).values_list("code", "epci_id"))
    epci_of = dict(communes)
    zone_ids = set(
        ZoneCommune.objects.filter(zone__level=Level.BASSIN, commune_code__in=epci_of).values_list("zone_id", flat=True)
    )
    pairs = list(ZoneCommune.objects.filter(zone_id__in=zone_ids).values_list("zone__code", "commune_code"))
    population = dict(Commune.objects.filter(code__in={c for _z, c in pairs}).values_list("code", "population"))
    total: dict[str, int] = defaultdict(int)
    inside: dict[tuple[str, str], int] = defaultdict(int)
    for bassin, commune in pairs:
        total[bassin] += population.get(commune, 0)
        if commune in epci_of:
            inside[(epci_of[commune], bassin)] += population.get(commune, 0)
    sums: dict[tuple[str, str, str], float] = defaultdict(float)
    rows = Figure.objects.filter(
        indicator__in=("bmo_projects", "bmo_difficult"), level=Level.BASSIN, code__in=list(total), period="2024",
        dim_kind="fap",
    ).values_list("code", "indicator", "dim_code", "value")  # fmt: skip
    for bassin, indicator, fap, value in rows:
        if not value or not total[bassin]:
            continue
        for epci in epci_codes:
            share = inside.get((epci, bassin), 0) / total[bassin]
            if share:
                sums[(epci, indicator, fap)] += share * value
    result: dict[str, dict[str, float | None]] = {epci: {} for epci in epci_codes}
    for (epci, indicator, fap), value in sums.items():
        if indicator == "bmo_projects" and value:
            result[epci][fap] = round(100 * sums.get((epci, "bmo_difficult", fap), 0.0) / value, 1)
    return result


def tension_matrix(scope: Scope, *, min_offers: int = 1) -> dict:
    epcis = dict(Epci.objects.filter(code__in=scope.epci_codes).values_list("code", "name"))
    offers = jobs_territory.offer_stats_by_epci_rome(epcis)
    candidates = jobs_territory.candidate_counts_by_epci_rome(epcis)
    romes = sorted({rome for (_e, rome), row in offers.items() if row["offers"] >= min_offers})
    fiches = dict(RomeFiche.objects.filter(code__in=romes).values_list("code", "label"))
    parents = dict(RomeFiche.objects.filter(code__in=romes).values_list("code", "code_rome_parent"))
    best_fap: dict[str, tuple[str, float]] = {}
    for rome, fap, confidence in FapRomeMatch.objects.filter(rome_code__in=romes).values_list(
        "rome_code", "fap_code", "confidence"
    ):
        if rome not in best_fap or confidence > best_fap[rome][1]:
            best_fap[rome] = (fap, confidence)
    fap2009_of: dict[str, set[str]] = defaultdict(set)
    for fap, v3 in FapRome.objects.filter(rome_v3__in={parents.get(r) or r for r in romes}).values_list(
        "fap_id", "rome_v3"
    ):
        fap2009_of[v3].add(fap)
    dares = dict(
        Figure.objects.filter(
            indicator="dares_tension_class",
            level=Level.DEPARTEMENT,
            code=scope.departement,
            dim_kind="fap",
            dim_code__in={f for fs in fap2009_of.values() for f in fs},
        ).values_list("dim_code", "value")
    )
    bmo = bmo_difficulty_by_epci(list(epcis))
    protected = secrecy.protect_matrix(
        {(epci, rome): candidates.get((epci, rome), 0) for epci in epcis for rome in romes}
    )
    rows = []
    for (epci, rome), stats in sorted(offers.items()):
        if rome not in romes:
            continue
        c = candidates.get((epci, rome), 0)
        score, parts = proxy_score(
            offers=stats["offers"],
            candidates=c,
            applications=stats["applications"],
            filled=stats["filled"],
            closed_unfilled=stats["closed_unfilled"],
            days_to_fill=stats["days_to_fill"],
        )
        fap, confidence = best_fap.get(rome, ("", 0.0))
        v3 = parents.get(rome) or rome
        classes = [dares[f] for f in fap2009_of.get(v3, ()) if dares.get(f) is not None]
        rows.append(
            {
                "epci": epci,
                "epci_name": epcis[epci],
                "rome": rome,
                "rome_label": fiches.get(rome, rome),
                "offers": stats["offers"],
                "open": stats["open"],
                "filled": stats["filled"],
                "closed_unfilled": stats["closed_unfilled"],
                "applications": stats["applications"],
                "days_to_fill": stats["days_to_fill"],
                "candidates": protected.values[(epci, rome)],
                "candidates_secret": (epci, rome) in protected.masked,
                "score": score,
                "parts": {PART_LABELS[k]: round(100 * v) for k, v in parts.items()},
                "bmo_fap": fap,
                "bmo_confidence": confidence,
                "bmo_difficult_pct": bmo[epci].get(fap) if fap else None,
                "dares_class": max(classes) if classes else None,
            }
        )
    rows.sort(key=lambda r: (-(r["score"] or -1), r["epci_name"], r["rome"]))
    return {"rows": rows, "epcis": epcis, "weights": WEIGHTS}

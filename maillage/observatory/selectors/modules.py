"""Figures from the other modules, read only through their selectors.

Companies' declared needs (companies), clause hours by trade (clauses), offers and searching
candidates (jobs). Counts of candidates go through secrecy.
"""

from __future__ import annotations

from django.db.models import Count, Sum

from .. import figures_cache, secrecy
from . import labels


def company_needs(user, scope, limit: int = 10) -> list[dict]:
    # ``needs_for`` is scoped by the companies module's own policy for this user.
    from maillage.companies import selectors as companies

    needs = companies.needs_for(user, companies.NeedFilters(status="open")).filter(
        establishment__commune__epci_id__in=scope.epci_codes
    )
    rows = (
        needs.values("appellation__fiche__code", "appellation__fiche__label")
        .annotate(positions=Sum("positions"), companies=Count("establishment", distinct=True))
        .order_by("-positions", "appellation__fiche__code")[:limit]
    )
    return [
        {
            "code": r["appellation__fiche__code"],
            "label": r["appellation__fiche__label"],
            "positions": r["positions"],
            "companies": r["companies"],
        }
        for r in rows
    ]


def clause_hours(user, scope, year: int | None = None) -> list[tuple[str, float]]:
    # Aggregated hours are open to whoever may see aggregates (the observatory's own audience,
    # ``policies.can_view``), as in the clauses module's bilans.
    from maillage.clauses import selectors as clauses

    bilan = clauses.bilan(
        clauses.BilanScope(year=year, epci_codes=frozenset(scope.epci_codes)), with_people=False, with_months=False
    )
    return sorted(bilan.by_division, key=lambda item: -item[1])[:10]


def offers_and_candidates(user, scope, limit: int = 10) -> list[dict]:
    from maillage.jobs.selectors import territory

    offers = territory.offer_stats_by_epci_rome(scope.epci_codes)
    candidates = territory.candidate_counts_by_epci_rome(scope.epci_codes)
    by_rome: dict[str, dict] = {}
    for (_epci, rome), row in offers.items():
        item = by_rome.setdefault(rome, {"offers": 0, "open": 0, "candidates": 0})
        item["offers"] += row["offers"]
        item["open"] += row["open"]
    for (_epci, rome), count in candidates.items():
        by_rome.setdefault(rome, {"offers": 0, "open": 0, "candidates": 0})["candidates"] += count
    names = labels.rome_labels(by_rome)
    top = sorted(by_rome.items(), key=lambda kv: (-kv[1]["offers"], kv[0]))[:limit]
    protected = secrecy.protect_series({rome: row["candidates"] for rome, row in top}, with_total=False)
    return [
        {"code": rome, "label": names.get(rome, rome), **row, "candidates": protected.values[rome]} for rome, row in top
    ]


def platform_figures(user, scope) -> dict:
    # Needs are scoped by the reader's own rights; hours and offers are the same for every reader
    # of the observatory, so they are shared for a minute.
    return {
        "needs": company_needs(user, scope),
        "clause_hours": figures_cache.cached("clause_hours", scope, lambda: clause_hours(user, scope), live=True),
        "offers": figures_cache.cached("offers", scope, lambda: offers_and_candidates(user, scope), live=True),
    }

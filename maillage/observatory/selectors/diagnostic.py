"""The territorial diagnostic of a scope: key figures, job seekers, BMO, shortage jobs, comparisons.

Every figure says where it comes from and how it was rolled up (``scope.py``); counts of people
go through ``secrecy`` before they reach a page, an export or the API.
"""

from __future__ import annotations

from django.db.models import Q, Sum

from maillage.territories.models import Commune, Departement, Epci, Region
from maillage.territories.selectors import epci_outlines

from .. import figures_cache, secrecy
from ..models import Dataset, Figure, Level
from . import labels
from .scope import Scope, weighted_sum, weighted_sums

LATEST_MONTH = "2024-12"
# job seekers A, B, C (the total); other breakdowns (sex, age…) may sit beside it in the store
SEEKERS = {"indicator": "job_seekers", "dim_kind": "categorie", "dim_code": "ABC"}
BMO_YEAR = "2024"


def population_of(level: str, code: str) -> int:
    queryset = Commune.objects.all()
    if level == Level.DEPARTEMENT:
        queryset = queryset.filter(departement_id=code)
    elif level == Level.REGION:
        queryset = queryset.filter(departement__region_id=code)
    return queryset.aggregate(p=Sum("population"))["p"] or 0


def reference_populations(scope: Scope) -> dict[tuple[str, str], int]:
    """The populations of the département, the région and France, in one query."""
    aggregates = {"fr": Sum("population")}
    if scope.departement:
        aggregates["dep"] = Sum("population", filter=Q(departement_id=scope.departement))
    if scope.region:
        aggregates["reg"] = Sum("population", filter=Q(departement__region_id=scope.region))
    values = Commune.objects.aggregate(**aggregates)
    return {
        (Level.FRANCE, "FR"): values["fr"] or 0,
        (Level.DEPARTEMENT, scope.departement): values.get("dep") or 0,
        (Level.REGION, scope.region): values.get("reg") or 0,
    }


def per_thousand(value, population) -> float | None:
    if value is None or not population:
        return None
    return round(1000 * value / population, 1)


def share(part, whole) -> float | None:
    if part is None or not whole:
        return None
    return round(100 * part / whole, 1)


def change(new, old) -> float | None:
    if new is None or not old:
        return None
    return round(100 * (new - old) / old, 1)


def reference_territories(scope: Scope) -> list[tuple[str, str, str]]:
    """The département, the région and France, to compare a scope with (level, code, label)."""
    result = []
    if scope.departement and scope.kind != "dep":
        dep = Departement.objects.filter(code=scope.departement).first()
        result.append((Level.DEPARTEMENT, scope.departement, dep.name if dep else scope.departement))
    if scope.region:
        region = Region.objects.filter(code=scope.region).first()
        result.append((Level.REGION, scope.region, region.name if region else scope.region))
    result.append((Level.FRANCE, "FR", "France"))
    return result


# --- job seekers ------------------------------------------------------------------------------------


def job_seekers(scope: Scope, populations: dict | None = None) -> dict:
    """Monthly job seekers: the scope's covered communes (≥ 5,000 inhabitants) beside the references."""
    covered = list(
        Figure.objects.filter(
            **SEEKERS, level=Level.COMMUNE, code__in=scope.commune_codes, period=LATEST_MONTH
        ).values_list("code", flat=True)
    )
    covered_population = (
        Commune.objects.filter(code__in=covered).aggregate(p=Sum("population"))["p"] or 0 if covered else 0
    )
    series: dict[str, dict[str, float | None]] = {}
    if covered:
        rows = (
            Figure.objects.filter(**SEEKERS, level=Level.COMMUNE, code__in=covered)
            .values("period")
            .annotate(v=Sum("value"))
            .order_by("period")
        )
        series["scope"] = {r["period"]: r["v"] for r in rows}
    references = reference_territories(scope)
    if scope.kind == "dep":
        references.insert(0, (Level.DEPARTEMENT, scope.code, scope.label))
    for level, code, _label in references:
        rows = Figure.objects.filter(**SEEKERS, level=level, code=code).values_list("period", "value")
        series[f"{level}:{code}"] = dict(rows)
    periods = sorted({p for s in series.values() for p in s})
    comparisons = []
    scope_latest = series.get("scope", {}).get(LATEST_MONTH)
    if "scope" in series:
        comparisons.append(_seeker_row(scope.label + " (communes couvertes)", series["scope"], covered_population))
    populations = populations or reference_populations(scope)
    for level, code, label in references:
        population = populations.get((level, code))
        population = population_of(level, code) if population is None else population
        comparisons.append(_seeker_row(label, series[f"{level}:{code}"], population))
    return {
        "periods": periods,
        "series": series,
        "covered_communes": sorted(covered),
        "covered_names": list(
            Commune.objects.filter(code__in=covered).order_by("-population").values_list("name", flat=True)
        ),
        "covered_population": covered_population,
        "coverage": share(covered_population, scope.population),
        "latest": secrecy.mask_value(scope_latest),
        "comparisons": comparisons,
        "yearly": _yearly(series, references, scope),
    }


def _seeker_row(label: str, series: dict, population: int) -> dict:
    latest = series.get(LATEST_MONTH)
    return {
        "label": label,
        "latest": secrecy.mask_value(latest),
        "per_thousand": per_thousand(latest, population),
        "change_1y": change(latest, series.get("2023-12")),
        "change_5y": change(latest, series.get("2020-01")),
        "population": population,
    }


def _yearly(series: dict, references, scope: Scope) -> list[dict]:
    """December of each year, for the chart's data table (index base 100 in January 2020)."""
    names = {"scope": scope.label}
    names.update({f"{level}:{code}": label for level, code, label in references})
    table = []
    for year in range(2020, 2025):
        period = f"{year}-12"
        row = {"period": period, "values": []}
        for key, name in names.items():
            values = series.get(key, {})
            value, base = values.get(period), values.get("2020-01")
            row["values"].append(
                {
                    "name": name,
                    "value": secrecy.mask_value(value),
                    "index": round(100 * value / base, 1) if value and base else None,
                }
            )
        table.append(row)
    return table


# --- BMO ------------------------------------------------------------------------------------------


def bmo(scope: Scope, limit: int = 15, populations: dict | None = None) -> dict:
    weights = scope.zone_weights(Level.BASSIN)
    indicators = ("bmo_projects", "bmo_difficult", "bmo_seasonal")
    by_fap = weighted_sums(indicators, Level.BASSIN, weights, period=BMO_YEAR, dim_kind="fap")
    total_rows = weighted_sums(indicators, Level.BASSIN, weights, period=BMO_YEAR)
    totals = {ind: total_rows[ind].get("", (None, False)) for ind in indicators}
    rows = []
    for code, (projects, lower) in by_fap["bmo_projects"].items():
        if not projects:
            continue
        difficult, d_lower = by_fap["bmo_difficult"].get(code, (None, True))
        seasonal, s_lower = by_fap["bmo_seasonal"].get(code, (None, True))
        rows.append(
            {
                "code": code,
                "label": labels.fap2021_label(code),
                "projects": round(projects),
                "difficult": round(difficult or 0),
                "difficult_pct": share(difficult, projects),
                "seasonal": round(seasonal or 0),
                "seasonal_pct": share(seasonal, projects),
                "lower_bound": lower or d_lower or s_lower,
            }
        )
    projects, lower = totals["bmo_projects"]
    summary = {
        "projects": round(projects) if projects else None,
        "difficult_pct": share(totals["bmo_difficult"][0], projects),
        "seasonal_pct": share(totals["bmo_seasonal"][0], projects),
        "per_thousand": per_thousand(projects, scope.population),
        "lower_bound": lower,
    }
    comparisons = [{"label": scope.label, **summary}]
    populations = populations or reference_populations(scope)
    for level, code, label in reference_territories(scope):
        found = Figure.objects.filter(
            indicator__in=("bmo_projects", "bmo_difficult", "bmo_seasonal"),
            level=level,
            code=code,
            period=BMO_YEAR,
            dim_kind="",
            dim_code="",
        ).values_list("indicator", "value", "is_lower_bound")
        values = {indicator: value for indicator, value, _lb in found}
        lower_bounds = {indicator: lb for indicator, _v, lb in found}
        p = values.get("bmo_projects")
        comparisons.append(
            {
                "label": label,
                "projects": round(p) if p else None,
                "difficult_pct": share(values.get("bmo_difficult"), p),
                "seasonal_pct": share(values.get("bmo_seasonal"), p),
                "per_thousand": per_thousand(p, populations.get((level, code)) or population_of(level, code)),
                "lower_bound": bool(lower_bounds.get("bmo_projects")),
            }
        )
    return {
        "weights": weights,
        "summary": summary,
        "comparisons": comparisons,
        "top_projects": sorted(rows, key=lambda r: -r["projects"])[:limit],
        "top_difficult": sorted((r for r in rows if r["projects"] >= 20), key=lambda r: -(r["difficult_pct"] or 0))[
            :limit
        ],
        "top_seasonal": sorted((r for r in rows if r["seasonal"]), key=lambda r: -r["seasonal"])[:limit],
        "all_rows": rows,
    }


# --- shortage jobs (DARES) ------------------------------------------------------------------------


def shortage_jobs(departement: str, limit: int = 15) -> list[dict]:
    """FAP in strong tension (class 4 or 5) in the département, with the six explanatory factors."""
    figures = Figure.objects.filter(
        level=Level.DEPARTEMENT, code=departement, dim_kind="fap", period="2019",
        indicator__in=("dares_tension", "dares_tension_class", *labels.DARES_FACTOR_KEYS),
    ).values_list("dim_code", "indicator", "value")  # fmt: skip
    by_fap: dict[str, dict] = {}
    for fap, indicator, value in figures:
        by_fap.setdefault(fap, {})[indicator] = value
    hot = [(fap, v) for fap, v in by_fap.items() if (v.get("dares_tension_class") or 0) >= 4]
    hot.sort(key=lambda item: -(item[1].get("dares_tension") or 0))
    names = labels.fap2009_labels(fap for fap, _v in hot[:limit])
    return [
        {
            "code": fap,
            "label": names.get(fap, fap),
            "tension": values.get("dares_tension"),
            "tension_class": values.get("dares_tension_class"),
            "factors": [(labels.indicator_label(k), values.get(k)) for k in labels.DARES_FACTOR_KEYS],
        }
        for fap, values in hot[:limit]
    ]


# --- the map --------------------------------------------------------------------------------------


def epci_map(scope: Scope) -> list[dict]:
    """One row per EPCI of the scope: job seekers and BMO projects per 1,000 inhabitants, % difficult."""
    from .scope import epci_scope

    rows = []
    outlines = epci_outlines(scope.epci_codes)
    for epci in Epci.objects.filter(code__in=scope.epci_codes).order_by("name"):
        sub = epci_scope(epci.code)
        seekers = Figure.objects.filter(
            **SEEKERS, level=Level.COMMUNE, code__in=sub.commune_codes, period=LATEST_MONTH
        ).aggregate(v=Sum("value"), n=Sum(1))
        covered = Commune.objects.filter(
            code__in=Figure.objects.filter(
                **SEEKERS, level=Level.COMMUNE, code__in=sub.commune_codes, period=LATEST_MONTH
            ).values("code")
        ).aggregate(p=Sum("population"))["p"]
        weights = sub.zone_weights(Level.BASSIN)
        projects, _lower = weighted_sum("bmo_projects", Level.BASSIN, weights, period=BMO_YEAR)
        difficult, _l = weighted_sum("bmo_difficult", Level.BASSIN, weights, period=BMO_YEAR)
        rows.append(
            {
                "code": epci.code,
                "name": epci.name,
                "population": epci.population,
                "seekers": secrecy.mask_value(seekers["v"]),
                "seekers_per_thousand": per_thousand(seekers["v"], covered),
                "projects": round(projects) if projects else None,
                "projects_per_thousand": per_thousand(projects, sub.population),
                "difficult_pct": share(difficult, projects),
                "outline": outlines.get(epci.code),
            }
        )
    return rows


def sources() -> list[Dataset]:
    return list(Dataset.objects.order_by("label"))


def diagnostic(scope: Scope) -> dict:
    return {"scope": scope, **figures_cache.cached("diagnostic", scope, lambda: _figures(scope))}


def _figures(scope: Scope) -> dict:
    populations = reference_populations(scope)
    return {
        "population": scope.population,
        "job_seekers": job_seekers(scope, populations),
        "bmo": bmo(scope, populations=populations),
        "shortage": shortage_jobs(scope.departement) if scope.departement else [],
        "sources": sources(),
    }


FIGURES = {
    "demandeurs": "Demandeurs d'emploi : comparaison des territoires",
    "bmo": "Projets de recrutement BMO : comparaison des territoires",
    "metiers": "Premiers métiers recherchés (BMO)",
    "tension": "Métiers en tension et facteurs explicatifs (DARES)",
}


def snapshot(scope: Scope) -> dict:
    """The figures a diagnostic document embeds, frozen at the version's date (secrecy applied)."""
    data = diagnostic(scope)
    return {
        "scope": scope.label,
        "population": data["population"],
        "demandeurs": {
            "headers": ["Territoire", "Inscrits (déc. 2024)", "Pour 1 000 hab.", "Sur un an (%)"],
            "rows": [
                [r["label"], r["latest"], r["per_thousand"], r["change_1y"]] for r in data["job_seekers"]["comparisons"]
            ],
        },
        "bmo": {
            "headers": ["Territoire", "Projets", "Difficiles (%)", "Saisonniers (%)"],
            "rows": [
                [r["label"], r["projects"], r["difficult_pct"], r["seasonal_pct"]] for r in data["bmo"]["comparisons"]
            ],
        },
        "metiers": {
            "headers": ["Métier (FAP 2021)", "Projets", "Difficiles (%)", "Saisonniers (%)"],
            "rows": [
                [f"{r['label']} ({r['code']})", r["projects"], r["difficult_pct"], r["seasonal_pct"]]
                for r in data["bmo"]["top_projects"][:10]
            ],
        },
        "tension": {
            "headers": [
                "Métier (FAP 2009)",
                "Classe",
                *[name for name, _v in (data["shortage"][0]["factors"] if data["shortage"] else [])],
            ],
            "rows": [[r["label"], r["tension_class"], *[v for _n, v in r["factors"]]] for r in data["shortage"][:10]],
        },
        "sources": [f"{d.label} – {d.source}, {d.vintage}" for d in data["sources"]],
    }

"""The métier page: a FAP 2021 (BMO métier) or a ROME 4.0 fiche, on the perimeter and beside the
département, the région and France."""

from __future__ import annotations

from maillage.common_text import fold
from maillage.referentials.models import FapRome, RomeFiche

from ..models import FapRomeMatch, Figure, Level, Zone
from . import labels
from .diagnostic import BMO_YEAR, reference_territories, share
from .scope import Scope, weighted_sum

BMO_INDICATORS = ("bmo_projects", "bmo_difficult", "bmo_seasonal")


def search(query: str, limit: int = 20) -> dict:
    key = fold(query.strip())
    if not key:
        return {"faps": [], "fiches": []}
    faps = [(c, lbl) for c, lbl in labels.fap2021().items() if key in fold(lbl) or key == c.lower()][:limit]
    fiches = list(RomeFiche.objects.filter(search_label__contains=key).values_list("code", "label")[:limit]) or list(
        RomeFiche.objects.filter(code__iexact=query.strip()).values_list("code", "label")
    )
    return {"faps": faps, "fiches": fiches}


def bmo_for_fap(scope: Scope, fap: str) -> dict:
    weights = scope.zone_weights(Level.BASSIN)
    local = {
        ind: weighted_sum(ind, Level.BASSIN, weights, period=BMO_YEAR, dim_kind="fap", by_dim=True).get(
            fap, (None, False)
        )
        for ind in BMO_INDICATORS
    }
    comparisons = [_row(scope.label, {k: v[0] for k, v in local.items()}, any(v[1] for v in local.values()))]
    for level, code, label in reference_territories(scope):
        values = {}
        lower = False
        for ind, value, lb, secret in Figure.objects.filter(
            indicator__in=BMO_INDICATORS, level=level, code=code, period=BMO_YEAR, dim_kind="fap", dim_code=fap
        ).values_list("indicator", "value", "is_lower_bound", "is_secret"):
            values[ind] = value
            lower = lower or lb or secret
        comparisons.append(_row(label, values, lower))
    names = dict(
        Zone.objects.filter(level=Level.BASSIN, code__in=[w.code for w in weights]).values_list("code", "name")
    )
    by_bassin: dict[str, dict] = {}
    for bassin, ind, value, secret in Figure.objects.filter(
        indicator__in=BMO_INDICATORS,
        level=Level.BASSIN,
        code__in=list(names),
        period=BMO_YEAR,
        dim_kind="fap",
        dim_code=fap,
    ).values_list("code", "indicator", "value", "is_secret"):
        by_bassin.setdefault(bassin, {})[ind] = None if secret else value
    bassins = [_row(names[b].title(), v, False) for b, v in sorted(by_bassin.items())]
    return {"comparisons": comparisons, "bassins": bassins}


def _row(label: str, values: dict, lower: bool) -> dict:
    projects = values.get("bmo_projects")
    return {
        "label": label,
        "projects": round(projects) if projects is not None else None,
        "difficult_pct": share(values.get("bmo_difficult"), projects),
        "seasonal_pct": share(values.get("bmo_seasonal"), projects),
        "lower_bound": lower,
    }


def dares_for_fap2009(departement: str, fap2009_codes) -> list[dict]:
    rows = Figure.objects.filter(
        level=Level.DEPARTEMENT, code=departement, period="2019", dim_kind="fap", dim_code__in=list(fap2009_codes),
        indicator__in=("dares_tension_class", *labels.DARES_FACTOR_KEYS),
    ).values_list("dim_code", "indicator", "value")  # fmt: skip
    by_fap: dict[str, dict] = {}
    for fap, ind, value in rows:
        by_fap.setdefault(fap, {})[ind] = value
    names = labels.fap2009_labels(by_fap)
    return [
        {
            "code": fap,
            "label": names.get(fap, fap),
            "tension_class": v.get("dares_tension_class"),
            "factors": [(labels.indicator_label(k), v.get(k)) for k in labels.DARES_FACTOR_KEYS],
        }
        for fap, v in sorted(by_fap.items())
    ]


def tension_2020(scope: Scope, rome_v3_codes) -> list[dict]:
    weights = {w.code: w for w in scope.zone_weights(Level.BASSIN_2019)}
    rows = Figure.objects.filter(
        level=Level.BASSIN_2019, code__in=list(weights), dim_kind="rome", dim_code__in=list(rome_v3_codes),
        indicator__in=("offers", "job_seekers_abc", "tension_class"),
    ).values_list("code", "dim_code", "indicator", "value")  # fmt: skip
    table: dict[tuple, dict] = {}
    for bassin, rome, ind, value in rows:
        table.setdefault((bassin, rome), {})[ind] = value
    return [
        {"bassin": weights[b].name.title(), "weight": weights[b].weight, "rome": r, **v}
        for (b, r), v in sorted(table.items())
    ]


def fap_page(scope: Scope, fap: str) -> dict:
    matches = list(FapRomeMatch.objects.filter(fap_code=fap).order_by("-confidence"))
    fap2009 = {m.fap2009_code for m in matches if m.fap2009_code}
    v3 = set(FapRome.objects.filter(fap_id__in=fap2009).values_list("rome_v3", flat=True))
    return {
        "code": fap,
        "label": labels.fap2021_label(fap),
        "matches": matches,
        "bmo": bmo_for_fap(scope, fap),
        "dares": dares_for_fap2009(scope.departement, fap2009),
        "tension_2020": tension_2020(scope, v3),
        "rome_labels": labels.rome_labels({r["rome"] for r in []}),
    }


def rome_page(scope: Scope, code: str) -> dict | None:
    fiche = RomeFiche.objects.filter(code=code).first()
    if fiche is None:
        return None
    matches = list(FapRomeMatch.objects.filter(rome_code=code).order_by("-confidence"))
    v3 = fiche.code_rome_parent or fiche.code
    fap2009 = set(FapRome.objects.filter(rome_v3=v3).values_list("fap_id", flat=True))
    return {
        "code": code,
        "label": fiche.label,
        "fiche": fiche,
        "matches": matches,
        "bmo": [(m, bmo_for_fap(scope, m.fap_code)) for m in matches[:3]],
        "dares": dares_for_fap2009(scope.departement, fap2009),
        "tension_2020": tension_2020(scope, {v3}),
    }

"""Territorial scopes (perimeter, EPCI, bassin, département) and roll-ups between levels.

Roll-up rules (docs/observatory.md, « Passer d'un niveau à l'autre »):

- commune → EPCI → perimeter: a sum over the communes, saying which communes the source covers
  (the job-seeker file covers communes of 5,000 inhabitants and more only);
- bassin BMO or zone d'emploi → EPCI / perimeter: each zone contributes its figure times the share
  of its population living in the scope (legal population of the communes). A zone entirely inside
  weighs 1; a straddling one weighs its share, and the page lists every zone with its weight.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Case, FloatField, Max, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from maillage.common_text import elide
from maillage.kernel import mde as mde_settings
from maillage.territories.models import Commune, Departement, Epci

from ..models import Figure, Level, Zone, ZoneCommune

SCOPE_KINDS = ("perimetre", "epci", "bassin", "dep")


@dataclass(frozen=True)
class ZoneWeight:
    code: str
    name: str
    population_in_scope: int
    population: int

    @property
    def weight(self) -> float:
        return self.population_in_scope / self.population if self.population else 0.0


@dataclass
class Scope:
    kind: str
    code: str
    label: str
    commune_codes: tuple[str, ...] = field(default_factory=tuple)
    epci_codes: tuple[str, ...] = field(default_factory=tuple)
    departement: str = ""
    region: str = ""

    @property
    def key(self) -> str:
        return self.kind if self.kind == "perimetre" else f"{self.kind}:{self.code}"

    @cached_property
    def population(self) -> int:
        return Commune.objects.filter(code__in=self.commune_codes).aggregate(p=Sum("population"))["p"] or 0

    def zone_weights(self, level: str) -> list[ZoneWeight]:
        return zone_weights(level, self.commune_codes)


def perimeter_scope() -> Scope:
    mde = mde_settings.settings()
    epcis = list(mde.perimeter.values_list("code", flat=True)) if mde else []
    return _from_epcis(
        "perimetre", "", f"Périmètre {elide('de', mde.short_name or mde.name)}" if mde else "Périmètre", epcis
    )


def _from_epcis(kind: str, code: str, label: str, epci_codes: list[str]) -> Scope:
    communes = list(Commune.objects.filter(epci_id__in=epci_codes).values_list("code", "departement_id"))
    deps = [d for _c, d in communes]
    dep = max(set(deps), key=deps.count) if deps else ""
    region = Departement.objects.filter(code=dep).values_list("region_id", flat=True).first() or ""
    return Scope(kind, code, label, tuple(c for c, _d in communes), tuple(sorted(epci_codes)), dep, region)


def epci_scope(code: str) -> Scope | None:
    epci = Epci.objects.filter(code=code).first()
    return _from_epcis("epci", code, epci.name, [code]) if epci else None


def bassin_scope(code: str) -> Scope | None:
    zone = Zone.objects.filter(level=Level.BASSIN, code=code).first()
    if zone is None:
        return None
    communes = list(
        Commune.objects.filter(code__in=zone.memberships.values("commune_code")).values_list(
            "code", "epci_id", "departement_id"
        )
    )
    deps = [d for *_x, d in communes]
    dep = max(set(deps), key=deps.count) if deps else ""
    region = Departement.objects.filter(code=dep).values_list("region_id", flat=True).first() or ""
    epcis = sorted({e for _c, e, _d in communes if e})
    return Scope(
        "bassin",
        code,
        f"Bassin d'emploi {elide('de', zone.name.title())}",
        tuple(c for c, *_x in communes),
        tuple(epcis),
        dep,
        region,
    )


def departement_scope(code: str) -> Scope | None:
    dep = Departement.objects.filter(code=code).first()
    if dep is None:
        return None
    communes = tuple(Commune.objects.filter(departement_id=code).values_list("code", flat=True))
    epcis = tuple(
        sorted(set(Commune.objects.filter(departement_id=code).exclude(epci=None).values_list("epci_id", flat=True)))
    )
    return Scope("dep", code, dep.name, communes, epcis, code, dep.region_id)


def scope_for(kind: str, code: str = "") -> Scope | None:
    if kind == "perimetre":
        return perimeter_scope()
    return {"epci": epci_scope, "bassin": bassin_scope, "dep": departement_scope}.get(kind, lambda _c: None)(code)


def zone_weights(level: str, commune_codes) -> list[ZoneWeight]:
    """Zones of ``level`` meeting the communes, with the population share inside (population weights)."""
    commune_codes = set(commune_codes)
    zone_ids = set(
        ZoneCommune.objects.filter(zone__level=level, commune_code__in=commune_codes).values_list("zone_id", flat=True)
    )
    if not zone_ids:
        return []
    pairs = list(ZoneCommune.objects.filter(zone_id__in=zone_ids).values_list("zone_id", "commune_code"))
    population = dict(Commune.objects.filter(code__in={c for _z, c in pairs}).values_list("code", "population"))
    inside: dict[int, int] = {}
    total: dict[int, int] = {}
    for zone_id, commune in pairs:
        pop = population.get(commune, 0)
        total[zone_id] = total.get(zone_id, 0) + pop
        if commune in commune_codes:
            inside[zone_id] = inside.get(zone_id, 0) + pop
    zones = Zone.objects.filter(pk__in=zone_ids).order_by("code")
    return [ZoneWeight(z.code, z.name, inside.get(z.pk, 0), total.get(z.pk, 0)) for z in zones if inside.get(z.pk)]


def weighted_sum(
    indicator: str, level: str, weights: list[ZoneWeight], *, period: str, dim_kind: str = "", by_dim: bool = False
):
    """Σ zone weight × figure, in SQL; ``lower_bound`` when a withheld cell was left out.

    Returns ``{dim_code: (value, lower_bound)}`` when ``by_dim``, else ``(value, lower_bound)``.
    """
    if not weights:
        return {} if by_dim else (None, False)
    weight_case = Case(
        *[When(code=w.code, then=Value(w.weight)) for w in weights], default=Value(0.0), output_field=FloatField()
    )
    queryset = Figure.objects.filter(
        indicator=indicator, level=level, code__in=[w.code for w in weights], period=period, dim_kind=dim_kind
    )
    if not by_dim:
        queryset = queryset.filter(dim_code="")
    aggregate = {
        "value": Sum(Coalesce("value", 0.0) * weight_case),
        "secret": Max(Case(When(Q(is_secret=True) | Q(is_lower_bound=True), then=1), default=0)),
    }
    if by_dim:
        rows = queryset.values("dim_code").annotate(**aggregate)
        return {row["dim_code"]: (row["value"], bool(row["secret"])) for row in rows}
    row = queryset.aggregate(**aggregate)
    return (row["value"], bool(row["secret"]))


def weighted_sums(indicators, level: str, weights: list[ZoneWeight], *, period: str, dim_kind: str = "") -> dict:
    """Like ``weighted_sum`` for several indicators in one query: ``{indicator: {dim_code: (value, lower)}}``.

    With ``dim_kind=""`` the totals come back under the dimension code ``""``.
    """
    result: dict[str, dict] = {indicator: {} for indicator in indicators}
    if not weights:
        return result
    weight_case = Case(
        *[When(code=w.code, then=Value(w.weight)) for w in weights], default=Value(0.0), output_field=FloatField()
    )
    rows = (
        Figure.objects.filter(
            indicator__in=list(indicators),
            level=level,
            code__in=[w.code for w in weights],
            period=period,
            dim_kind=dim_kind,
        )  # fmt: skip
        .values("indicator", "dim_code")
        .annotate(
            value=Sum(Coalesce("value", 0.0) * weight_case),
            secret=Max(Case(When(Q(is_secret=True) | Q(is_lower_bound=True), then=1), default=0)),
        )
    )
    for row in rows:
        result[row["indicator"]][row["dim_code"]] = (row["value"], bool(row["secret"]))
    return result

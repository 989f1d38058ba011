"""Prospecting help: which local establishments are likely to hire for a job.

La Bonne Boite's national hirings by ROME v3 job × NAF sous-classe (``HiringWeight``) say in which
sectors a job is hired; an establishment of such a sector scores its sector's share of the job's
hirings times a weight for its size (larger establishments hire more). ROME 4.0 fiches map to the
v3 codes of the file through ``RomeFiche.code_rome_parent``. Everything is computed in SQL.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, F, FloatField, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, Substr

from maillage.companies import policies as policy
from maillage.referentials.models import Appellation, RomeFiche

from .models import Establishment, HiringWeight, SizeBand
from .selectors import has_open_need_for, naf_labels

# Roughly 1 + log2 of the middle of each INSEE size band: a 200-employee plant is not 100 times
# more likely to hire for a job than a 2-employee shop, but it is several times more.
SIZE_WEIGHTS: dict[str, float] = {
    SizeBand.NN: 1.0,
    SizeBand.ZERO: 1.0,
    SizeBand.B01: 1.5,
    SizeBand.B02: 2.5,
    SizeBand.B03: 3.5,
    SizeBand.B11: 4.5,
    SizeBand.B12: 5.5,
    SizeBand.B21: 6.5,
    SizeBand.B22: 7.5,
    SizeBand.B31: 8.0,
    SizeBand.B32: 9.0,
    SizeBand.B41: 10.0,
    SizeBand.B42: 11.0,
    SizeBand.B51: 12.0,
    SizeBand.B52: 13.0,
    SizeBand.B53: 14.0,
}


@dataclass(frozen=True)
class Job:
    """The job prospected for, resolved to the ROME v3 code of the hiring-weights file."""

    label: str
    fiche_code: str
    rome_v3: str
    appellation_code: str = ""


def resolve_job(code: str) -> Job | None:
    """An appellation code (OGR), a ROME 4.0 fiche code or a ROME v3 code → the job prospected for."""
    code = (code or "").strip().upper()
    if not code:
        return None
    appellation = Appellation.objects.select_related("fiche").filter(code=code).first()
    if appellation:
        fiche = appellation.fiche
        return Job(appellation.label, fiche.code, fiche.code_rome_parent or fiche.code, appellation.code)
    fiche = RomeFiche.objects.filter(code=code).first()
    if fiche:
        return Job(fiche.label, fiche.code, fiche.code_rome_parent or fiche.code)
    weight = HiringWeight.objects.filter(rome_v3=code).first()
    if weight:
        return Job(weight.rome_label or code, code, code)
    return None


def sectors_for(job: Job) -> QuerySet[HiringWeight]:
    return HiringWeight.objects.filter(rome_v3=job.rome_v3).order_by("-hirings")


def total_hirings(job: Job) -> int:
    return sectors_for(job).aggregate(total=Sum("hirings"))["total"] or 0


def _size_weight_expression():
    return Case(
        *[When(size_band=band, then=Value(weight)) for band, weight in SIZE_WEIGHTS.items()],
        default=Value(1.0),
        output_field=FloatField(),
    )


# An establishment of a sibling sous-classe (same NAF class, e.g. 25.62A beside 25.62B) counts the
# class's hirings for the job at this discount: the job is likely there, but less surely.
NEIGHBOUR_DISCOUNT = 0.5


@dataclass
class Prospect:
    establishment: Establishment
    hirings: float
    share: float
    size_weight: float
    score: int  # 100 for the best prospect of the list, the others in proportion
    naf_label: str
    has_open_need: bool
    last_contact: datetime.date | None = None
    neighbour: bool = False  # sector matched through its NAF class only

    @property
    def reason(self) -> str:
        e = self.establishment
        share = f"{100 * self.share:.1f}".replace(".", ",")
        hirings = f"{round(self.hirings):,}".replace(",", "\u202f")
        if self.neighbour:
            text = (
                f"Secteur voisin {e.naf} ({self.naf_label}) : même classe NAF {e.naf[:5]} que des secteurs qui "
                f"recrutent ce métier, comptés pour moitié ({share} % des embauches, soit {hirings})"
            )
        else:
            text = f"Secteur {e.naf} ({self.naf_label}) : {share} % des embauches nationales de ce métier"
            text += f" ({hirings} embauches)"
        text += f" ; taille : {e.get_size_band_display().lower()}"
        if self.has_open_need:
            text += " ; besoin déjà exprimé pour ce métier"
        if self.last_contact is None:
            text += " ; aucun échange enregistré avec la Maison de l'Emploi"
        return text + "."


def prospects(user, job: Job, *, epci_codes: list[str] | None = None, limit: int = 200) -> list[Prospect]:
    """Active establishments of the EPCI given (the MDE's perimeter by default), best prospects first."""
    total = total_hirings(job)
    if not total:
        return []
    sector_nafs = list(sectors_for(job).values_list("naf", flat=True))
    classes = sorted({naf[:5] for naf in sector_nafs})
    job_weights = HiringWeight.objects.filter(rome_v3=job.rome_v3)
    exact = job_weights.filter(naf=OuterRef("naf")).values("hirings")[:1]
    by_class = (
        job_weights.filter(naf__startswith=Substr(OuterRef("naf"), 1, 5))
        .values("rome_v3")
        .annotate(total=Sum("hirings"))
        .values("total")[:1]
    )
    in_sectors = Q(naf__in=sector_nafs)
    for naf_class in classes:
        in_sectors |= Q(naf__startswith=naf_class)
    queryset = policy.visible_establishments(user).filter(is_active=True).filter(in_sectors)
    if epci_codes:
        queryset = queryset.filter(commune__epci_id__in=epci_codes)
    queryset = (
        queryset.annotate(
            exact_hirings=Subquery(exact, output_field=IntegerField()),
            class_hirings=Subquery(by_class, output_field=IntegerField()),
            size_weight=_size_weight_expression(),
        )
        .annotate(
            hirings=Coalesce(
                Cast(F("exact_hirings"), FloatField()),
                Cast(F("class_hirings"), FloatField()) * Value(NEIGHBOUR_DISCOUNT),
                Value(0.0),
                output_field=FloatField(),
            )
        )
        .annotate(
            score=F("hirings") * F("size_weight"),
            has_open_need=has_open_need_for(job.fiche_code),
            last_contact=Max("interactions__date"),
        )
        .select_related("commune__epci")
        .order_by("-score", "name", "pk")[:limit]
    )
    rows = list(queryset)
    best = rows[0].score if rows and rows[0].score else 1.0
    labels = naf_labels({e.naf for e in rows} | set(sector_nafs))
    labels.update({k: v for k, v in sectors_for(job).values_list("naf", "naf_label") if k not in labels})
    return [
        Prospect(
            establishment=e,
            hirings=e.hirings,
            share=e.hirings / total,
            size_weight=e.size_weight,
            score=round(100 * e.score / best),
            naf_label=labels.get(e.naf, ""),
            has_open_need=e.has_open_need,
            last_contact=e.last_contact,
            neighbour=e.exact_hirings is None,
        )
        for e in rows
    ]

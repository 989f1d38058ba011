"""Paths between the clause follow-up and the job search, through the jobs module's selectors.

- From a lot (behind schedule, most often): the candidates near the site whose jobs match the lot's
  trades, to propose to its company.
- From a candidate: the clause lots hiring near them.

Health data never crosses: a person counts as « éligible » from a health criterion (RQTH) only for a
user who may see that participant's health data (``policies.clauses.can_view_health_data``)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from maillage.clauses import policies as policy
from maillage.jobs.selectors.candidates import NearbyCandidate, candidates_near
from maillage.territories.models import Commune
from maillage.territories.selectors import distances_km

from ..models import Eligibility, Lot, LotStatus, Participant
from ..trades import trades_of_cpv


def lot_trades(lot: Lot) -> tuple[str, ...]:
    return trades_of_cpv(lot.cpv_code or lot.market.cpv_code)


@dataclass(frozen=True)
class Proposal:
    nearby: NearbyCandidate
    eligible: bool  # valid clause eligibility the user may know of


def eligible_person_ids(user, person_ids, today: date | None = None) -> set[int]:
    """Persons among ``person_ids`` with a valid clause eligibility, as far as ``user`` may know it."""
    today = today or date.today()
    valid = Eligibility.objects.filter(
        participant__person_id__in=list(person_ids), participant__anonymised_at__isnull=True
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    result = set(valid.filter(criterion__is_health_data=False).values_list("participant__person_id", flat=True))
    health_only = set(
        valid.filter(criterion__is_health_data=True).values_list("participant_id", "participant__person_id")
    )
    for participant_id, person_id in health_only:
        if person_id in result:
            continue
        participant = Participant.objects.filter(pk=participant_id).first()
        if participant is not None and policy.can_view_health_data(user, participant):
            result.add(person_id)
    return result


def proposals_for_lot(user, lot: Lot, limit: int = 30) -> list[Proposal]:
    """Candidates to propose to the lot's company: near the site, matching its trades (jobs selectors)."""
    commune = lot.commune or lot.market.operation.commune
    trades = lot_trades(lot)
    if commune is None or commune.latitude is None or not trades:
        return []
    nearby = candidates_near(
        user=user, latitude=commune.latitude, longitude=commune.longitude, fiche_codes=trades, limit=limit
    )
    eligible = eligible_person_ids(user, [n.candidate.person_id for n in nearby])
    return [Proposal(n, n.candidate.person_id in eligible) for n in nearby]


@dataclass(frozen=True)
class HiringLot:
    lot: Lot
    distance_km: float
    matches_trades: bool


def lots_hiring_near(*, commune: Commune | None, radius_km: int, fiche_codes=(), limit: int = 20) -> list[HiringLot]:
    """Running or planned clause lots within ``radius_km`` of a commune, those of the person's trades first.

    Public procurement is public information (DECP): the lot, its site and its buyer, no person."""
    if commune is None or commune.latitude is None:
        return []
    today = date.today()
    lots = list(
        Lot.objects.filter(status__in=[LotStatus.RUNNING, LotStatus.PLANNED], commune__latitude__isnull=False)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=today))
        .select_related("commune", "market__operation__buyer")
        .order_by("pk")[:5000]
    )
    if not lots:
        return []
    distances = distances_km(
        commune.latitude, commune.longitude, [(x.commune.latitude, x.commune.longitude) for x in lots]
    )
    codes = set(fiche_codes)
    rows = [
        HiringLot(lot, round(float(d), 1), bool(codes & set(lot_trades(lot))))
        for lot, d in zip(lots, distances, strict=True)
        if d <= radius_km
    ]
    rows.sort(key=lambda r: (not r.matches_trades, r.distance_km, r.lot.pk))
    return rows[:limit]

"""Reads of the directory: search (thématique, commune and distance, public, full text without accents),
the questionnaire's ranked programmes, stale listings, referral counts (aggregated in SQL)."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from maillage.common_geo import bounding_box
from maillage.common_text import fold
from maillage.territories.models import Commune

from . import schema
from .eligibility import Answers, Verdict, evaluate, public_verdict
from .importers import distance_km
from .models import Referral, ReferralStatus, Service, ServiceTheme, Structure

STALE_AFTER = timedelta(days=183)  # six months without a check
MAX_RADIUS_KM = 200


@dataclass
class Hit:
    service: Service
    distance: float | None


def search(
    *,
    thematique: str = "",
    commune: Commune | None = None,
    radius_km: float = 20,
    public: str = "",
    text: str = "",
    limit: int = 200,
) -> list[Hit]:
    """Services by thématique (or its category), around a commune (bounding box on the indexed
    latitude/longitude, then the exact distance), by public and by accent-free words."""
    qs: QuerySet = Service.objects.filter(is_active=True)
    if public:
        qs = qs.filter(Q(publics_key__contains=f"|{public}|") | Q(publics_key="") | Q(publics_key="|tous-publics|"))
    for word in fold(text).split()[:8]:
        qs = qs.filter(search_text__contains=word)
    radius_km = max(0.0, min(float(radius_km or 0), MAX_RADIUS_KM))
    if commune is not None and commune.latitude is not None and radius_km:
        lat_min, lat_max, lon_min, lon_max = bounding_box(commune.latitude, commune.longitude, radius_km)
        fields = (
            "id", "name", "latitude", "longitude", "thematiques", "publics", "commune_name", "structure__name",
            "reception_modes", "fees", "type", "location_flag", "structure__id", "structure__last_checked_at",
            "last_checked_at",
        )  # fmt: skip
        hits = []
        if thematique:
            # One range scan of the covering index (value, latitude, longitude, service): the exact distance
            # is computed on the index rows, and only the services within the radius are read.
            distances = {}
            candidates = ServiceTheme.objects.filter(
                value=thematique, latitude__range=(lat_min, lat_max), longitude__range=(lon_min, lon_max)
            ).values_list("service_id", "latitude", "longitude")
            for service_id, lat, lon in candidates:
                d = distance_km(commune.latitude, commune.longitude, lat, lon)
                if d <= radius_km:
                    distances[service_id] = d
            nearest = sorted(distances, key=distances.get)[: limit * 20]
            for service in qs.filter(pk__in=nearest).order_by().select_related("structure").only(*fields):
                hits.append(Hit(service, distances[service.pk]))
        else:
            near = Q(latitude__range=(lat_min, lat_max), longitude__range=(lon_min, lon_max))
            for service in qs.filter(near).order_by().select_related("structure").only(*fields)[: limit * 20]:
                d = distance_km(commune.latitude, commune.longitude, service.latitude, service.longitude)
                if d <= radius_km:
                    hits.append(Hit(service, d))
        hits.sort(key=lambda h: (h.distance is None, h.distance or 0, h.service.name))
        return hits[:limit]
    if thematique:
        separator = "|" if "--" in thematique else "--"
        qs = qs.filter(thematiques_key__contains=f"|{thematique}{separator}")
    return [Hit(s, None) for s in qs.select_related("structure").order_by("name")[:limit]]


@dataclass
class Match:
    service: Service
    distance: float | None
    fits: list[str] = field(default_factory=list)
    fails: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not self.fails

    @property
    def rank_key(self):
        return (bool(self.fails), len(self.unknown), self.distance if self.distance is not None else 999)


def programmes_for(answers: Answers, *, thematiques: list[str], commune: Commune | None, radius_km: float = 30):
    """The questionnaire: programmes of the chosen thématiques near the person, each with why it fits
    or which condition fails; those one can enter first, then those to check, then the others."""
    hits: dict[int, Hit] = {}
    for thematique in thematiques or [""]:
        for hit in search(thematique=thematique, commune=commune, radius_km=radius_km, limit=300):
            hits.setdefault(hit.service.pk, hit)
    services = {
        s.pk: s for s in Service.objects.filter(pk__in=hits).select_related("structure").prefetch_related("rules")
    }
    matches = []
    for pk, hit in hits.items():
        service = services[pk]
        match = Match(service, hit.distance)
        verdicts: list[Verdict] = [evaluate(rule, answers) for rule in service.rules.all()]
        public = public_verdict(service.publics, answers)
        if public:
            verdicts.append(public)
        if service.eligibility_zone and commune is not None:
            zone = set(service.eligibility_zone)
            inside = bool(zone & {"france", commune.code, commune.departement_id, commune.epci_id or ""})
            verdicts.append(
                Verdict(inside, "Zone d'éligibilité : " + ("la commune en fait partie" if inside else "hors zone"))
            )
        for verdict in verdicts:
            (match.fits if verdict.ok else match.fails if verdict.ok is False else match.unknown).append(verdict.text)
        if hit.distance is not None:
            match.fits.append(f"À {hit.distance:.0f} km")
        matches.append(match)
    matches.sort(key=lambda m: m.rank_key)
    return matches


def stale_structures(now=None) -> QuerySet:
    now = now or timezone.now()
    return Structure.objects.filter(is_active=True).filter(
        Q(last_checked_at__lt=now - STALE_AFTER) | Q(last_checked_at__isnull=True)
    )


def is_stale(structure: Structure, now=None) -> bool:
    now = now or timezone.now()
    return structure.last_checked_at is None or structure.last_checked_at < now - STALE_AFTER


def referral_counts(queryset=None, start=None, end=None, epci_codes=()) -> dict:
    """Referrals by status, per structure, per category of thématique and per EPCI (SQL aggregates)."""
    qs = queryset if queryset is not None else Referral.objects.all()
    if start:
        qs = qs.filter(sent_at__date__gte=start)
    if end:
        qs = qs.filter(sent_at__date__lte=end)
    if epci_codes:
        qs = qs.filter(epci_code__in=epci_codes)
    statuses = [s for s, _ in ReferralStatus.choices]
    aggregates = {s: Count("id", filter=Q(status=s)) for s in statuses}
    by_structure = list(
        qs.values("service__structure__name").annotate(total=Count("id"), **aggregates).order_by("-total")[:200]
    )
    by_category = list(qs.values("category").annotate(total=Count("id"), **aggregates).order_by("-total"))
    for row in by_category:
        row["label"] = schema.label("categories", row["category"]) if row["category"] else "Sans thématique"
    by_epci = list(qs.values("epci_code").annotate(total=Count("id"), **aggregates).order_by("-total"))
    from maillage.territories.models import Epci

    names = dict(Epci.objects.filter(code__in=[r["epci_code"] for r in by_epci]).values_list("code", "name"))
    for row in by_epci:
        row["label"] = names.get(row["epci_code"], "Hors périmètre" if not row["epci_code"] else row["epci_code"])
    totals = qs.aggregate(total=Count("id"), **aggregates)
    return {"totals": totals, "by_structure": by_structure, "by_category": by_category, "by_epci": by_epci}

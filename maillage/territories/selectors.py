"""Reads on territories: commune search (accent- and case-insensitive), the perimeter and its map."""

from django.db.models import Count, Q

from maillage.common_text import fold

from .models import Commune, Epci, EpciOutline, PostalCode

ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def expand_abbreviations(key: str) -> str:
    """« st andre » → « saint andre », as people type commune names."""
    return " ".join(ABBREVIATIONS.get(word, word) for word in key.split())


def search_communes(query: str, limit: int = 20) -> list[Commune]:
    """Communes by postcode (digits) or by name, accents and case ignored; prefix matches first."""
    query = query.strip()
    if not query:
        return []
    base = Commune.objects.select_related("departement", "epci")
    if query.isdigit():
        # The postcodes' communes by a subquery, not a join with DISTINCT: with stale planner statistics
        # (tables just emptied and refilled), PostgreSQL ran the join as a nested loop of 35,000 × 40,000.
        if len(query) == 5:
            served = PostalCode.objects.filter(code=query).values("commune_id")
            by_code = base.filter(Q(pk__in=served) | Q(code=query) | Q(postcodes__contains=query))
        else:
            served = PostalCode.objects.filter(code__startswith=query).values("commune_id")
            by_code = base.filter(Q(pk__in=served) | Q(postcodes__startswith=query))
        return list(by_code.order_by("-population", "name")[:limit])
    key = expand_abbreviations(fold(query))
    prefix = list(base.filter(search_name__startswith=key).order_by("-population", "name")[:limit])
    if len(prefix) >= limit:
        return prefix
    seen = {c.code for c in prefix}
    contains = base.filter(search_name__contains=key).exclude(code__in=seen).order_by("-population", "name")
    return prefix + list(contains[: limit - len(prefix)])


def perimeter_epcis(mde) -> list[Epci]:
    if mde is None:
        return []
    return list(mde.perimeter.annotate(commune_count=Count("communes")).order_by("name"))


def epci_outlines(codes) -> dict[str, dict]:
    """The contours (GeoJSON geometries) of these EPCI that have one, by code: for maps only."""
    rows = EpciOutline.objects.filter(epci_id__in=list(codes)).values_list("epci_id", "geometry")
    return {
        code: geometry.get("geometry", geometry) if geometry.get("type") == "Feature" else geometry
        for code, geometry in rows
    }


def has_outlines(codes) -> bool:
    return EpciOutline.objects.filter(epci_id__in=list(codes)).exists()


def perimeter_feature_collection(mde) -> dict:
    features = []
    epcis = perimeter_epcis(mde)
    outlines = epci_outlines(epci.code for epci in epcis)
    for epci in epcis:
        if epci.code not in outlines:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": outlines[epci.code],
                "properties": {
                    "code": epci.code,
                    "nom": epci.name,
                    "population": epci.population,
                    "communes": epci.commune_count,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def distances_km(lat0: float, lon0: float, points) -> list[float]:
    """Great-circle distances (km) from a point to ``points`` ((lat, lon) pairs), for every module."""
    import numpy as np

    from maillage.common_geo import haversine_km

    if not points:
        return []
    lats, lons = zip(*points, strict=True)
    return [float(d) for d in haversine_km(lat0, lon0, np.array(lats), np.array(lons))]


def search_epcis(query: str, limit: int = 15) -> list[Epci]:
    """EPCI whose name contains every word of ``query`` (folded), or whose SIREN starts with it."""
    query = (query or "").strip()
    if not query:
        return []
    if query.isdigit():
        return list(Epci.objects.filter(code__startswith=query).order_by("name")[:limit])
    queryset = Epci.objects.all()
    for word in fold(query).split():
        queryset = queryset.filter(search_name__contains=word)
    return list(queryset.order_by("-population", "name")[:limit])


def epci_from_text(text: str) -> Epci | None:
    """The EPCI a line names: « Nom (200071454) », a SIREN code, or an exact name (folded)."""
    text = (text or "").strip()
    if not text:
        return None
    if text.endswith(")") and "(" in text:
        code = text[text.rindex("(") + 1 : -1].strip()
        if code.isdigit():
            return Epci.objects.filter(code=code).first()
    if text.isdigit():
        return Epci.objects.filter(code=text).first()
    matches = list(Epci.objects.filter(search_name=fold(text))[:2])
    return matches[0] if len(matches) == 1 else None

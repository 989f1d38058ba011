"""Great-circle distances on commune centroids (shared by every module: ``maillage.common_geo``)."""

from maillage.common_geo import EARTH_RADIUS_KM, KM_PER_DEGREE_LAT, bounding_box, haversine_km

__all__ = ["EARTH_RADIUS_KM", "KM_PER_DEGREE_LAT", "bounding_box", "haversine_km"]

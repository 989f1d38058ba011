"""Great-circle distances on commune centroids, vectorised."""

import numpy as np

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LAT = 111.2


def haversine_km(lat0: float, lon0: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    lat0r, lon0r = np.radians(lat0), np.radians(lon0)
    latr, lonr = np.radians(lats), np.radians(lons)
    a = np.sin((latr - lat0r) / 2) ** 2 + np.cos(lat0r) * np.cos(latr) * np.sin((lonr - lon0r) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) containing the circle of ``radius_km`` around a point."""
    dlat = radius_km / KM_PER_DEGREE_LAT
    dlon = radius_km / (KM_PER_DEGREE_LAT * max(0.05, float(np.cos(np.radians(lat)))))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon

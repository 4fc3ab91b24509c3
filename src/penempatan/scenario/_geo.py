"""Great-circle distance, the one formula the spec names.

Haversine on a sphere of radius 6371.0 km. :func:`haversine_km` is the exact
scalar reference; `haversine_km_pairs` is the vectorised form used to
build models, and `haversine_km_radians` the same on points already in
radians with the cosines of their latitudes (each point's computed once).
The scalar and vectorised forms may differ in the last bits of a float, so
any decision taken within :data:`BORDER_KM` of a limit must be re-taken with the scalar form.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from penempatan.scenario._records import Location

EARTH_RADIUS_KM = 6371.0
#: Distances this close to a limit are decided by the scalar formula.
BORDER_KM = 1e-6


def points_deg(locations: Sequence[Location | None]) -> npt.NDArray[np.float64]:
    """Each location as a row (latitude, longitude) in decimal degrees, NaN where none."""
    nan = float("nan")
    points = [(p.lat, p.lon) if p is not None else (nan, nan) for p in locations]
    return np.array(points, dtype=np.float64).reshape(-1, 2)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km between two points given in decimal degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def haversine_km_pairs(
    lat1: npt.NDArray[np.float64],
    lon1: npt.NDArray[np.float64],
    lat2: npt.NDArray[np.float64],
    lon2: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Distances in km between the i-th point of the first set and the i-th of the second."""
    p1 = np.radians(lat1)
    p2 = np.radians(lat2)
    dl = np.radians(lon2) - np.radians(lon1)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    out: npt.NDArray[np.float64] = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return out


def haversine_km_radians(
    lat1: npt.NDArray[np.float64],
    lon1: npt.NDArray[np.float64],
    cos1: npt.NDArray[np.float64],
    lat2: npt.NDArray[np.float64],
    lon2: npt.NDArray[np.float64],
    cos2: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """:func:`haversine_km_pairs`, the same operations in the same order, on latitudes and
    longitudes in radians (``np.radians``) and ``cos1 = np.cos(lat1)``, ``cos2 = np.cos(lat2)``."""
    h = np.sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * np.sin((lon2 - lon1) / 2) ** 2
    out: npt.NDArray[np.float64] = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return out

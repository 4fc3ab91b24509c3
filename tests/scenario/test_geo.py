"""Great-circle distance: the one haversine, scalar and vectorised, on a sphere of 6371.0 km."""

from __future__ import annotations

import math

import numpy as np
import pytest

from penempatan.scenario._geo import (
    BORDER_KM,
    haversine_km,
    haversine_km_pairs,
    haversine_km_radians,
)

#: One degree of longitude on the equator, on a sphere of radius 6371.0 km.
ONE_DEGREE_KM = 6371.0 * math.pi / 180


def test_haversine_one_degree_on_the_equator() -> None:
    """One degree of longitude on the equator is 111.19 km on a sphere of radius 6371.0 km."""
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(ONE_DEGREE_KM, rel=1e-12)
    assert round(haversine_km(0.0, 0.0, 0.0, 1.0), 2) == 111.19
    assert haversine_km(0.0, 0.0, 1.0, 0.0) == pytest.approx(ONE_DEGREE_KM, rel=1e-12)
    assert haversine_km(-6.9, 109.6, -6.9, 109.6) == 0.0
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(math.pi * 6371.0, rel=1e-12)


def test_pairs_agree_with_the_scalar_formula_within_the_border() -> None:
    """The vectorised form is the scalar one to within BORDER_KM over Pekalongan-sized distances."""
    rng = np.random.default_rng(7)
    lat1, lat2 = rng.uniform(-7.0, -6.8, 200), rng.uniform(-7.0, -6.8, 200)
    lon1, lon2 = rng.uniform(109.5, 109.8, 200), rng.uniform(109.5, 109.8, 200)
    pairs = haversine_km_pairs(lat1, lon1, lat2, lon2)
    scalar = [haversine_km(*row) for row in zip(lat1, lon1, lat2, lon2, strict=True)]
    assert np.max(np.abs(pairs - np.array(scalar))) <= BORDER_KM


def test_the_radians_form_gives_the_same_bits_as_the_pairs_form() -> None:
    """Points in radians with their cosines made once: every distance equal to the last bit."""
    rng = np.random.default_rng(3)
    lat1, lat2 = rng.uniform(-11, 6, 5000), rng.uniform(-11, 6, 5000)
    lon1, lon2 = rng.uniform(95, 141, 5000), rng.uniform(95, 141, 5000)
    lat2[:10], lon2[:10] = lat1[:10], lon1[:10]  # the same point: 0 km
    p1, p2 = np.radians(lat1), np.radians(lat2)
    got = haversine_km_radians(p1, np.radians(lon1), np.cos(p1), p2, np.radians(lon2), np.cos(p2))
    want = haversine_km_pairs(lat1, lon1, lat2, lon2)
    assert np.array_equal(got, want)
    assert np.all(got[:10] == 0.0)

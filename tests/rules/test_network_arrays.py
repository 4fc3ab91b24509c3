"""The network's distances and default scores equal the plain formulas, bit for bit.

:meth:`_Geometry.distances` gathers coordinates with ``take`` and skips the
missing-location mask when every point is located; the default scorer reads
levels from the flattened skill matrix and skips the mask of unknown
distances when there is none. These tests hold both equal to the formulas
they replace (``[:, idx]`` indexing over the located pairs; the masked metres),
on random points with and without missing locations, and the scores (with the
dense preference table and without) equal to the spec's, triple by triple.
"""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

import numpy as np
import numpy.typing as npt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import penempatan as pn
from penempatan.rules import _network as network
from penempatan.rules._network import _Geometry, build_network
from penempatan.rules._scoring import PROXIMITY_POINTS, proximity_points_m
from penempatan.scenario._geo import haversine_km_radians
from tests.rules.test_network import permitted, triples
from tests.strategies import scenario_data

F64 = npt.NDArray[np.float64]


def _points(rng: np.random.Generator, n: int, missing: float) -> tuple[npt.NDArray[np.bool_], F64]:
    has = rng.random(n) >= missing
    lat = np.where(has, rng.uniform(-11, 6, n), 0.0)
    lon = np.where(has, rng.uniform(95, 141, n), 0.0)
    rad = np.radians(np.vstack([lat, lon]))
    return has, np.vstack([rad, np.cos(rad[:1])])


def _old_distances(g: _Geometry, cands: npt.NDArray[np.int64], coops: npt.NDArray[np.int64]) -> F64:
    out = np.full(cands.shape[0], np.nan)
    idx = np.flatnonzero(g.c_has[cands] & g.k_has[coops])
    a, b = g.c_rad[:, cands[idx]], g.k_rad[:, coops[idx]]
    out[idx] = haversine_km_radians(a[0], a[1], a[2], b[0], b[1], b[2])
    return out


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_c=st.integers(1, 40),
    n_k=st.integers(1, 30),
    n_pairs=st.integers(0, 3000),
    missing=st.sampled_from([0.0, 0.0, 0.1, 0.5, 1.0]),
)
def test_distances_equal_the_masked_formula(
    seed: int, n_c: int, n_k: int, n_pairs: int, missing: float
) -> None:
    rng = np.random.default_rng(seed)
    c_has, c_rad = _points(rng, n_c, missing)
    k_has, k_rad = _points(rng, n_k, missing / 2)
    g = _Geometry(c_has, c_rad, k_has, k_rad)
    cands = np.sort(rng.integers(0, n_c, n_pairs))
    coops = rng.integers(0, n_k, n_pairs)
    new, old = g.distances(cands, coops), _old_distances(g, cands, coops)
    assert new.dtype == old.dtype and new.shape == old.shape
    assert new.tobytes() == old.tobytes()  # bit for bit, NaN where a location is missing


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(0, 3000), missing=st.sampled_from([0.0, 0.3]))
def test_metres_without_the_mask_equal_the_masked_ones(seed: int, n: int, missing: float) -> None:
    rng = np.random.default_rng(seed)
    dist = rng.exponential(8.0, n) * rng.choice([1e-3, 1.0, 1e3], n)
    dist[rng.random(n) < missing] = np.nan
    known = ~np.isnan(dist)
    metres = np.zeros(n, dtype=np.int64)
    metres[known] = np.rint(dist[known] * 1000).astype(np.int64)
    old = np.where(known, proximity_points_m(metres), 0)
    if known.all():  # the scorer's shortcut
        new = proximity_points_m(np.rint(dist * 1000).astype(np.int64))
        assert np.array_equal(new, old) and int(old.max(initial=0)) <= PROXIMITY_POINTS


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_c=st.integers(1, 30), n_r=st.integers(1, 6))
def test_flat_skill_levels_equal_the_matrix_look_up(seed: int, n_c: int, n_r: int) -> None:
    rng = np.random.default_rng(seed)
    skill = rng.integers(0, 6, (n_c, n_r))
    need_role_ix = rng.integers(0, n_r, 9)
    t_cand = rng.integers(0, n_c, 500)
    t_need = rng.integers(0, 9, 500)
    flat = np.ascontiguousarray(skill).ravel()
    new = flat.take(t_cand * n_r + need_role_ix.take(t_need))
    assert np.array_equal(new, skill[t_cand, need_role_ix[t_need]])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=scenario_data(), extra=st.data())
def test_scores_with_and_without_the_dense_preferences_are_the_spec_s(
    data: dict[str, Any], extra: st.DataObject
) -> None:
    """Longer preference lists (ranks past the points), some locations missing: the network's
    triples are still exactly the permitted ones, with the dense preference table and with
    the binary search."""
    coops = [k["id"] for k in data["cooperatives"]]
    for c in data["candidates"]:
        c["preferences"] = extra.draw(st.lists(st.sampled_from(coops), max_size=5, unique=True))
    if data.get("policy", {}).get("max_distance_km") is None:
        for record in data["candidates"] + data["cooperatives"]:
            if extra.draw(st.integers(0, 4)) == 0:
                record.pop("location", None)
    s = pn.parse_scenario(data)
    want = permitted(s)
    for limit in (0, network.DENSE_PREFERENCES_MAX):
        with patch.object(network, "DENSE_PREFERENCES_MAX", limit):
            assert triples(build_network(s)) == want

"""The min-cost-flow engine: pricing gives the same proven optimum as the whole network."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import penempatan as pn
from penempatan.datasets import generate
from penempatan.engine import _flow
from penempatan.engine._flow import _best_k, _chunks, solve_flow
from penempatan.engine._locks import resolve_locks
from penempatan.engine._objective import objective_of
from tests.strategies import scenario_data


def _check_reduced_costs(net: Any, result: _flow.FlowResult, locked: tuple[int, ...]) -> None:
    """Optimality conditions of the triple arcs: ≥ 0 off the flow, ≤ 0 on it."""
    assert result.reduced_cost is not None
    on = np.zeros(net.n_triples, dtype=bool)
    on[result.selected] = True
    free = np.ones(net.n_triples, dtype=bool)
    if locked:
        locked_cand = np.zeros(len(net.scenario.candidates), dtype=bool)
        locked_cand[net.t_cand[list(locked)]] = True
        free = ~locked_cand[net.t_cand]
    rc = result.reduced_cost
    assert (rc[free & ~on] >= 0).all()
    assert (rc[free & on] <= 0).all()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data())
def test_pricing_reaches_the_whole_networks_optimum(data: dict[str, object]) -> None:
    """Starting from one triple per candidate (many pricing rounds), the optimum is the
    whole network's, the plan verifies, and the reduced costs prove it."""
    s = pn.parse_scenario(data)
    net = pn.build_network(s)
    locks = resolve_locks(net)
    if locks.conflicts:
        return
    whole = solve_flow(net, locks.triples, pricing=False)
    old = _flow.PRICING_TOP_K
    _flow.PRICING_TOP_K = 1
    try:
        priced = solve_flow(net, locks.triples, pricing=True, with_reduced_costs=True)
    finally:
        _flow.PRICING_TOP_K = old
    assert objective_of(net, priced.selected) == objective_of(net, whole.selected)
    _check_reduced_costs(net, priced, locks.triples)


@pytest.mark.parametrize(
    "options",
    [
        {"seed": 1},
        {"seed": 2, "floor_tightness": 1.0},
        {"seed": 3, "max_distance_km": 2.0, "forbidden": 60},
        {"seed": 4, "locks": 6, "floor_tightness": 0.8},
        {"seed": 5, "with_fit_table": True, "nearest": 8},
    ],
)
@pytest.mark.parametrize("top_k", [1, 3, 12])
def test_pricing_on_generated_scenarios(
    options: dict[str, Any], top_k: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Generated regions, with small chunks so that pricing crosses chunk borders."""
    s = generate(n_cooperatives=30, n_candidates=400, **options)
    net = pn.build_network(s)
    locks = resolve_locks(net)
    whole = solve_flow(net, locks.triples, pricing=False, with_reduced_costs=True)
    monkeypatch.setattr(_flow, "PRICING_TOP_K", top_k)
    monkeypatch.setattr(_flow, "PRICING_CHUNK", 777)
    priced = solve_flow(net, locks.triples, pricing=True, with_reduced_costs=True)
    assert objective_of(net, priced.selected) == objective_of(net, whole.selected)
    _check_reduced_costs(net, whole, locks.triples)
    _check_reduced_costs(net, priced, locks.triples)


@pytest.mark.parametrize("max_rounds", [1, 2])
def test_pricing_falls_back_to_the_whole_network_after_its_rounds(
    max_rounds: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past PRICING_MAX_ROUNDS the whole network is solved: the same optimum."""
    s = generate(n_cooperatives=30, n_candidates=400, seed=2, locks=3, floor_tightness=0.9)
    net = pn.build_network(s)
    locks = resolve_locks(net)
    whole = solve_flow(net, locks.triples, pricing=False)
    monkeypatch.setattr(_flow, "PRICING_TOP_K", 1)
    monkeypatch.setattr(_flow, "PRICING_MAX_ROUNDS", max_rounds)
    priced = solve_flow(net, locks.triples, pricing=True, with_reduced_costs=True)
    assert objective_of(net, priced.selected) == objective_of(net, whole.selected)
    _check_reduced_costs(net, priced, locks.triples)


def test_solve_prices_large_networks_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above the threshold solve() prices; the plan is the same optimum and verifies."""
    s = generate(n_cooperatives=40, n_candidates=500, seed=9)
    plain = pn.solve(s, explain=False)
    monkeypatch.setattr(_flow, "PRICING_MIN_TRIPLES", 1)
    monkeypatch.setattr(_flow, "PRICING_MIN_PER_CANDIDATE", 1)
    monkeypatch.setattr(_flow, "PRICING_TOP_K", 2)
    priced = pn.solve(s)
    assert (priced.coverage, priced.fit) == (plain.coverage, plain.fit)
    assert priced.status is pn.Status.OPTIMAL
    assert pn.verify(s, priced) == []


def _best_k_naive(tc: list[int], v: list[int], k: int) -> list[bool]:
    keep = [False] * len(tc)
    for c in set(tc):
        idx = [i for i in range(len(tc)) if tc[i] == c]
        for i in sorted(idx, key=lambda i: (-v[i], i))[:k]:
            keep[i] = True
    return keep


@given(
    rows=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 9)), min_size=1, max_size=60),
    k=st.integers(1, 5),
    spread=st.booleans(),
)
def test_best_k_keeps_each_candidates_best_first_among_ties(
    rows: list[tuple[int, int]], k: int, spread: bool
) -> None:
    """Both the histogram and the sorting path pick the k best, earlier entries on ties."""
    rows.sort(key=lambda r: r[0])
    tc = np.array([c + 1000 for c, _ in rows], dtype=np.int64)
    v = np.array([x * (10**7 if spread else 1) for _, x in rows], dtype=np.int64)
    got = _best_k(tc, v, k).tolist()
    assert got == _best_k_naive(tc.tolist(), v.tolist(), k)


def test_chunks_cover_every_triple_and_cut_between_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = generate(n_cooperatives=20, n_candidates=150, seed=4)
    net = pn.build_network(s)
    monkeypatch.setattr(_flow, "PRICING_CHUNK", 50)
    cuts = _chunks(net)
    assert cuts[0][0] == 0 and cuts[-1][1] == net.n_triples
    assert all(a < b for a, b in cuts)
    assert all(x[1] == y[0] for x, y in itertools.pairwise(cuts))
    for _, b in cuts[:-1]:
        assert net.t_cand[b] != net.t_cand[b - 1]

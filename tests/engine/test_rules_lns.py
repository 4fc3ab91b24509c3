"""The search for empty required seats (engine/_rules_lns.py): never worse, every rule kept,
the same plan every time."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import penempatan as pn
from penempatan.engine import _rules_engine
from penempatan.engine._flow import solve_flow
from penempatan.engine._locks import resolve_locks
from penempatan.engine._objective import lexicographic_weight, objective_of
from penempatan.engine._rule_start import _capacities_hold, repaired_start
from penempatan.engine._rules_lns import fill_short_needs
from penempatan.rules._network import IntArray, Network, build_network
from penempatan.rules._rule_groups import rule_group_breaches, rule_groups
from tests.factory import candidate, tiny_scenario_data
from tests.strategies import scenario_data


def _value(net: Network, selected: IntArray) -> int:
    cov, fit = objective_of(net, selected)
    return lexicographic_weight(net) * cov + fit


def _holds(net: Network, selected: IntArray, locked: tuple[int, ...]) -> bool:
    """Rules 3-8 and every lock, checked from the network's arrays."""
    breaches = rule_group_breaches(rule_groups(net), selected, net.n_triples)
    return not breaches and _capacities_hold(net, selected) and set(locked) <= set(selected)


def _search(net: Network, start: IntArray, locked: tuple[int, ...]) -> IntArray:
    found = fill_short_needs(
        net, rule_groups(net), start, locked, np.arange(net.n_triples),
        weight=lexicographic_weight(net), seed=0, deadline=time.monotonic() + 60,
        total_deterministic_s=5.0, deterministic_s=1.0,
    )  # fmt: skip
    return found.selected


def _one_kecamatan() -> pn.Scenario:
    """Two cooperatives of one kecamatan: a pharmacy seat only candidate 1 can fill, and a
    manager's seat that candidate 2 can fill as well."""
    d = tiny_scenario_data()
    d["cooperatives"][0]["needs"] = [{"role": "apotek", "min": 1, "max": 1, "min_level": 2}]
    d["cooperatives"][1]["needs"] = [{"role": "pengelola", "min": 1, "max": 1}]
    d["cooperatives"][1]["kecamatan"] = d["cooperatives"][0]["kecamatan"]
    d["candidates"] = [
        candidate(1, skills={"pengelola": 3, "apotek": 2}),
        candidate(2, skills={"pengelola": 3}, opd="DINKES", position="Administrasi"),
    ]
    d["rules"] = [{"id": "satu-opd", "kind": "at_most", "count": 1, "group_by": "opd"}]
    return pn.parse_scenario(d)


def test_a_seat_left_empty_is_filled_by_a_swap_within_its_kecamatan() -> None:
    """Candidate 1 in the manager's seat leaves the pharmacy seat empty; the search moves
    them to the pharmacy and puts candidate 2 in their place: both seats filled."""
    s = _one_kecamatan()
    net = build_network(s)
    manager = net.need_of[(1, "pengelola")]
    start = np.array([net.triple_of(0, manager)], np.int64)
    assert _holds(net, start, ())
    assert objective_of(net, start)[0] == 1
    found = _search(net, start, ())
    assert objective_of(net, found)[0] == 2
    assert _holds(net, found, ())
    assert net.triple_of(0, net.need_of[(0, "apotek")]) in found


def test_a_lock_is_never_moved_to_fill_a_seat() -> None:
    """The same start with candidate 1 locked in the manager's seat: nothing can improve."""
    s = _one_kecamatan()
    net = build_network(s)
    t = net.triple_of(0, net.need_of[(1, "pengelola")])
    start = np.array([t], np.int64)
    found = _search(net, start, (t,))
    assert found.tolist() == [t]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(with_rules=True, max_candidates=8, max_cooperatives=4), st.integers(0, 99))
def test_the_search_keeps_every_rule_never_worsens_and_repeats(
    data: dict[str, Any], drop_seed: int
) -> None:
    """From a start that holds every rule (the greedy from the locks, less some of its
    placements where it then still holds): the result holds every capacity, rule and lock,
    is worth at least the start, and is the same on a second run."""
    s = pn.parse_scenario(data)
    net = build_network(s)
    locked = resolve_locks(net).triples
    groups = rule_groups(net)
    start = repaired_start(net, groups, np.array(locked, np.int64), locked)
    if start is None:
        return
    rng = np.random.default_rng(drop_seed)
    fewer = start[np.isin(start, locked) | (rng.random(start.size) < 0.5)]
    if _holds(net, fewer, locked):
        start = fewer
    found = _search(net, start, locked)
    assert _holds(net, found, locked)
    assert _value(net, found) >= _value(net, start)
    assert np.array_equal(found, _search(net, start, locked))
    # Never past the flow's bound without the rules.
    cov, _ = objective_of(net, solve_flow(net, locked).selected)
    assert objective_of(net, found)[0] <= cov


def test_without_the_lp_the_engine_plan_is_valid_and_the_same_twice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A network past MIN_PRICED_TRIPLES (lowered here) with the LP switched off takes the
    search and the deterministic budgets: a valid plan, byte-identical on a second solve."""
    from penempatan.datasets import generate, with_local_rules

    monkeypatch.setattr(_rules_engine, "LP_MAX_TRIPLES", 0)
    monkeypatch.setattr(_rules_engine, "MIN_PRICED_TRIPLES", 1_000)
    s = with_local_rules(generate(n_cooperatives=40, n_candidates=500, n_opds=20, seed=3))
    assert build_network(s).n_triples > _rules_engine.MIN_PRICED_TRIPLES
    first = pn.solve(s, time_limit_s=60, explain=False)
    assert first.status.has_solution
    assert pn.verify(s, first, optimality=False) == []
    assert "max_deterministic_time" in first.solver.parameters
    second = pn.solve(s, time_limit_s=60, explain=False)
    assert first.to_json() == second.to_json()

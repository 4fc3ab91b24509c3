"""The CP-SAT model: one variable per permitted triple, the spec's rules, its lexicographic
objective; solved, it reaches the min-cost-flow optimum, and a stopped search is UNKNOWN."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings

import penempatan as pn
from penempatan.engine._cpsat import DEFAULT_PARAMETERS, build_model, solve_model
from penempatan.engine._flow import solve_flow
from penempatan.engine._locks import resolve_locks
from penempatan.engine._objective import lexicographic_weight, objective_of
from tests.factory import tiny_scenario_data
from tests.strategies import scenario_data


def tiny() -> tuple[pn.Scenario, pn.Network]:
    s = pn.parse_scenario(tiny_scenario_data())
    return s, pn.build_network(s)


def test_variables_are_the_triples_then_the_coverage_counters() -> None:
    """Boolean x[t] per triple, then covered[n] in [0, need.min] per need with a minimum."""
    _, net = tiny()
    m = build_model(net)
    domains = [list(v.domain) for v in m.model.proto.variables]
    assert m.n_triples == net.n_triples
    assert domains[: net.n_triples] == [[0, 1]] * net.n_triples
    assert m.covered_needs.tolist() == np.flatnonzero(net.need_min > 0).tolist()
    assert domains[net.n_triples :] == [[0, int(net.need_min[n])] for n in m.covered_needs]
    assert m.weight == lexicographic_weight(net)


def test_locked_and_fixed_triples_have_one_value() -> None:
    """A locked triple is fixed to 1; ``fixed`` fixes triples to 0 or 1 and leaves -1 free."""
    _, net = tiny()
    fixed = np.full(net.n_triples, -1, dtype=np.int64)
    fixed[1], fixed[2] = 0, 1
    m = build_model(net, locked=(0,), fixed=fixed)
    domains = [list(v.domain) for v in m.model.proto.variables][: net.n_triples]
    assert domains[0] == [1, 1] and domains[1] == [0, 0] and domains[2] == [1, 1]
    assert all(d == [0, 1] for d in domains[3:])


def test_parameters_in_force_are_returned() -> None:
    """penempatan's defaults unless replaced, plus seed, workers and the time limit."""
    _, net = tiny()
    m = build_model(net)
    got = solve_model(m, time_limit_s=2.5, seed=7, workers=1).parameters
    assert got == {
        **DEFAULT_PARAMETERS,
        "num_workers": 1,
        "random_seed": 7,
        "max_time_in_seconds": 2.5,
    }
    own = solve_model(m, time_limit_s=None, seed=0, workers=1, parameters={}).parameters
    assert own == {"num_workers": 1, "random_seed": 0}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data())
def test_cp_sat_reaches_the_flow_optimum(data: dict[str, Any]) -> None:
    """CP-SAT proves the flow's optimum, cold or hinted, as W·coverage + fit, obeying every rule."""
    s = pn.parse_scenario(data)
    net = pn.build_network(s)
    locks = resolve_locks(net)
    if locks.conflicts:
        return
    best = objective_of(net, solve_flow(net, locks.triples).selected)
    m = build_model(net, locks.triples)
    for hint in (None, solve_flow(net, locks.triples).selected):
        r = solve_model(m, time_limit_s=None, seed=0, workers=1, hint=hint)
        assert r.status is pn.Status.OPTIMAL
        assert objective_of(net, r.selected) == best
        assert r.objective == m.weight * best[0] + best[1] == r.bound
        rows = [
            (s.candidates[int(net.t_cand[t])].nip,
             s.cooperatives[int(net.need_coop[net.t_need[t]])].id,
             net.need_role[int(net.t_need[t])])
            for t in r.selected.tolist()
        ]  # fmt: skip
        pn.evaluate(s, rows, explain=False)  # raises PlacementError on any broken rule


def test_a_search_stopped_before_any_solution_is_unknown() -> None:
    """A search given no deterministic time finds no plan: UNKNOWN, no assignment, no bound."""
    s = pn.parse_scenario(tiny_scenario_data())
    plan = pn.solve(s, engine="cpsat", warm_start=False, parameters={"max_deterministic_time": 0.0})
    assert plan.status is pn.Status.UNKNOWN
    assert plan.assignments == () and plan.bound is None and plan.gap is None
    assert plan.solver.engine == "cpsat" and plan.solver.hint is None
    assert len(plan.unplaced) == len(s.candidates)
    assert "no_plan" in {r.code for u in plan.unplaced for r in u.reasons}

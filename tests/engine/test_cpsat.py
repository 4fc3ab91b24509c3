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


def _staffed_rows(m: Any) -> dict[int, list[int]]:
    """Per ``staffed`` literal: the coefficients of the unenforced linear rows holding it."""
    b_of = {b for b in m.staffed if b >= 0}
    rows: dict[int, list[int]] = {}
    for c in m.model.proto.constraints:
        if not c.has_linear() or c.enforcement_literal:
            continue
        for v, k in zip(c.linear.vars, c.linear.coeffs, strict=True):
            if v in b_of:
                rows.setdefault(v, []).append(k)
    return rows


def test_a_conditional_group_gets_the_tight_row() -> None:
    """``N − M·staffed ≤ if_staffed − 1`` with M from the cooperative's room, not its triples."""
    from penempatan.datasets import generate
    from penempatan.rules._rule_groups import most_placed

    woman = {"id": "perempuan", "kind": "at_least", "count": 1, "of": {"sex": "female"},
             "if_staffed": 2}  # fmt: skip
    s = generate(n_cooperatives=6, n_candidates=80, seed=2).with_rule(woman)
    net = pn.build_network(s)
    m = build_model(net)
    rows = _staffed_rows(m)
    checked = 0
    for g, b in zip(m.groups, m.staffed, strict=True):
        if b < 0:
            continue
        big = most_placed(net, g.members) - 1
        assert big <= int(net.coop_cap[net.t_coop[g.members[0]]])  # a cooperative holds 3 here
        if big < g.members.size - 1:
            assert rows[b] == [-big]
            checked += 1
    assert checked > 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(max_candidates=6, max_cooperatives=3, with_rules=True))
def test_the_tight_row_cuts_no_plan(data: dict[str, Any]) -> None:
    """The model with the rows of ``_staffed_row`` has the optimum of the model without them."""
    from penempatan.engine import _cpsat

    s = pn.parse_scenario(data)
    net = pn.build_network(s)

    def optimum() -> tuple[str, int | None]:
        res = solve_model(build_model(net), time_limit_s=None, seed=0, workers=1)
        return res.status.name, res.objective

    with_rows = optimum()
    original = _cpsat._staffed_row
    _cpsat._staffed_row = lambda *_: None
    try:
        without = optimum()
    finally:
        _cpsat._staffed_row = original
    assert with_rows == without

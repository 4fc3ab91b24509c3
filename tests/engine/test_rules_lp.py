"""The LP bound under local rules (engine/_rules_lp.py): a valid bound, triple by triple."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings

import penempatan as pn
from penempatan.engine._flow import solve_flow
from penempatan.engine._locks import LockSet, resolve_locks
from penempatan.engine._objective import objective_of
from penempatan.engine._replan import triples_of
from penempatan.engine._rule_start import _capacities_hold, within_capacities
from penempatan.engine._rules_lp import _settle_candidates, column_generation, lp_rows
from penempatan.rules._network import IntArray, Network, build_network
from penempatan.rules._rule_groups import rule_groups
from tests.strategies import scenario_data


def _optimum_at_the_flows_coverage(
    data: dict[str, Any],
) -> tuple[pn.Plan, Network, LockSet, IntArray, int] | None:
    """The proven optimum of ``data``, its network, locks, the flow's triples and coverage,
    when that optimum meets the flow's coverage bound (the case the LP serves); else None."""
    s = pn.parse_scenario(data)
    plan = pn.solve(s, explain=False)
    if plan.status is not pn.Status.OPTIMAL:
        return None
    net = build_network(s)
    locks = resolve_locks(net)
    flow = solve_flow(net, locks.triples).selected
    cov, _ = objective_of(net, flow)
    if plan.coverage != cov:
        return None
    return plan, net, locks, flow, cov


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(with_rules=True))
def test_the_lp_bounds_the_optimum_and_every_triple_of_it(data: dict[str, Any]) -> None:
    """When the proven optimum meets the flow's coverage bound, the LP's fit bound is at least
    its fit, and so is the bound for every triple it places (the argument that lets the engine
    leave the other triples out)."""
    case = _optimum_at_the_flows_coverage(data)
    if case is None:
        return
    plan, net, locks, _, cov = case
    lp = lp_rows(net, rule_groups(net), locks.triples, cov)
    first = np.array(locks.triples, np.int64)  # from the locks alone: columns must be generated
    found = column_generation(lp, first, deadline=time.monotonic() + 30, margin=0.0, slack=0)
    assert found is not None
    assert found.fit >= plan.fit
    assert found.value >= found.lp_value - 1e-6
    placed = triples_of(net, plan)
    assert np.all(found.fit_with()[placed] >= plan.fit)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(with_rules=True))
def test_settling_the_candidates_never_loosens_the_bound(data: dict[str, Any]) -> None:
    """Any duals: raising each candidate's dual by its largest positive reduced cost leaves
    no positive reduced cost on a free triple and a bound no larger than before."""
    s = pn.parse_scenario(data)
    net = build_network(s)
    lp = lp_rows(net, rule_groups(net), (), 0)
    rng = np.random.default_rng(len(s.candidates))
    y = np.round(rng.uniform(0, 30, lp.rhs.size) * 2**10) / 2**10
    d = lp.obj - np.bincount(lp.cols, weights=lp.vals * y[lp.rows], minlength=lp.n_vars)

    def bound(y: Any, d: Any) -> float:
        return float(lp.rhs @ y) + float(np.maximum(lp.lo * d, lp.hi * d).sum())

    y2, d2 = _settle_candidates(lp, y, d)
    assert bound(y2, d2) <= bound(y, d) + 1e-9
    assert np.all(d2[: lp.n_triples][lp.hi[: lp.n_triples] > 0] <= 1e-9)


def test_within_capacities_keeps_a_prefix_that_holds_rules_3_to_6() -> None:
    """Every triple in turn, while one per candidate, the need maxima, caps and floors hold:
    the result holds them, and any triple left out would break one."""
    from penempatan.datasets import generate

    net = build_network(generate(n_cooperatives=6, n_candidates=60, seed=1))
    order = np.argsort(-net.t_score, kind="stable")
    taken = within_capacities(net, order)
    assert taken.size > 0
    assert np.unique(net.t_cand[taken]).size == taken.size
    assert np.all(np.bincount(net.t_need[taken], minlength=net.need_max.size) <= net.need_max)
    per_coop = np.bincount(net.t_coop[taken], minlength=net.coop_cap.size)
    assert np.all((net.coop_cap < 0) | (per_coop <= net.coop_cap))
    assert _capacities_hold(net, taken)
    left_out = np.setdiff1d(order, taken)
    assert all(not _capacities_hold(net, np.append(taken, t)) for t in left_out[:200].tolist())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(with_rules=True))
def test_reduced_cost_fixing_keeps_every_plan_at_least_as_good(data: dict[str, Any]) -> None:
    """The model the engine solves once the LP has run holds only the plans at least as good
    as its incumbent: the proven optimum (at least as good as any incumbent) places only
    triples that model keeps and every candidate it says must be placed, and the incumbent
    itself stays in it; asked for plans strictly better, it keeps the optimum when that is."""
    from penempatan.engine._rule_start import repaired_start
    from penempatan.engine._rules_engine import _at_least_as_good

    case = _optimum_at_the_flows_coverage(data)
    if case is None:
        return
    plan, net, locks, flow, cov = case
    groups = rule_groups(net)
    lp = lp_rows(net, groups, locks.triples, cov)
    found = column_generation(lp, flow, deadline=time.monotonic() + 30, margin=0.0, slack=0)
    assert found is not None
    optimum = triples_of(net, plan)
    start = repaired_start(net, groups, flow, locks.triples)
    for incumbent in (optimum, start):
        if incumbent is None or objective_of(net, incumbent)[0] != cov:
            continue
        everything = np.arange(net.n_triples, dtype=np.int64)
        kept, must = _at_least_as_good(net, everything, incumbent, found, cov, strictly=False)
        assert np.all(np.isin(optimum, kept)) and np.all(np.isin(incumbent, kept))
        assert np.all(np.isin(must, net.t_cand[optimum]))
        assert np.all(np.isin(must, net.t_cand[incumbent]))
        # Strictly better: the optimum stays whenever it beats the incumbent.
        kept, must = _at_least_as_good(net, everything, incumbent, found, cov, strictly=True)
        if objective_of(net, optimum)[1] > objective_of(net, incumbent)[1]:
            assert np.all(np.isin(optimum, kept)) and np.all(np.isin(must, net.t_cand[optimum]))

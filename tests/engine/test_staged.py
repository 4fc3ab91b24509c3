"""The staged levels: the Lagrangian start of the OPD-burden level and the bound it proves."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import penempatan as pn
from penempatan.engine._flow import solve_flow
from penempatan.engine._locks import resolve_locks
from penempatan.engine._objective import objective_of
from penempatan.engine._staged import _burden_start
from tests.strategies import scenario_data


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(), st.sampled_from([0.05, 0.2, 0.6]))
def test_lagrangian_burden_bound_never_exceeds_the_optimum(
    data: dict[str, object], tolerance: float
) -> None:
    """The Lagrangian lower bound on the OPD burden (locks counted) is at most the
    burden CP-SAT proves optimal on small scenarios; stages report bound = value."""
    s = pn.parse_scenario(data)
    plan = pn.solve(
        s, fairness=pn.Fairness(opd_burden=True), fit_tolerance=tolerance, explain=False
    )
    if plan.status is not pn.Status.OPTIMAL:
        return
    stage = next(st for st in plan.stages if st.name == "opd_burden_index")
    assert stage.bound == stage.value
    net = pn.build_network(s)
    locks = resolve_locks(net)
    flow = solve_flow(net, locks.triples)
    coverage, fit = objective_of(net, flow.selected)
    min_fit = math.ceil((1.0 - tolerance) * fit - 1e-9)
    start = _burden_start(net, locks.triples, coverage, min_fit, flow.selected)
    if start.bound is not None:
        assert start.bound <= stage.value
    assert objective_of(net, start.selected)[1] >= min_fit

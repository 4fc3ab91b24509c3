"""The engine of record for scenarios with local rules: CP-SAT, started and bounded by the flow.

Local rules break the network structure that makes the min-cost flow exact,
so a scenario with rules is solved as the CP-SAT model of
:mod:`penempatan.engine._cpsat`, in this order:

1. the flow optimum *without* the rules: an upper bound on (coverage, fit)
   that any plan under the rules can only meet or fall short of;
2. a start repaired from it (:func:`penempatan.engine._rule_start.repaired_start`);
   when the start already meets the flow bound it is proven optimal at once;
3. CP-SAT on the whole model from that start, hinted on *every* variable
   (placements, coverage counters, the ``staffed`` literals: a partial hint is
   lost in presolve), within what is left of the wall-clock ``time_limit_s``;
4. when CP-SAT proves infeasibility, a minimal conflict among locks, floors
   and rules (:func:`penempatan.engine._cpsat.minimal_conflict`).

A plan is returned whenever one is known: CP-SAT's best, or the start if
CP-SAT stopped without one (status ``FEASIBLE``), with the tighter of the two
bounds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from penempatan._status import Status
from penempatan.engine._flow import solve_flow
from penempatan.engine._objective import lexicographic_weight, objective_of
from penempatan.rules._network import IntArray, Network
from penempatan.rules._rule_groups import rule_groups

#: Seconds CP-SAT may take without a time limit (a bounded run is still a valid plan).
DEFAULT_TIME_LIMIT_S = 120.0
#: Seconds kept for the conflict search when the rules are infeasible.
CONFLICT_TIME_S = 20.0


@dataclass(frozen=True)
class RulesResult:
    """A solve under local rules: status, triples, weighted bound, and any conflict."""

    status: Status
    selected: IntArray
    objective: int | None
    bound: int | None
    weight: int
    conflict: tuple[str, ...] | None
    hint: Literal["plan", "min_cost_flow"] | None
    parameters: dict[str, Any]


def _lock_triples(net: Network) -> tuple[int, ...]:
    """The triple of each lock of the scenario, in the order of ``scenario.locks``."""
    s = net.scenario
    out = []
    for lk in s.locks:
        need = net.need_of[(s.cooperative_index[lk.cooperative], lk.role)]
        out.append(net.triple_of(s.candidate_index[lk.candidate], need))
    return tuple(out)


def solve_with_rules(
    net: Network,
    locked: tuple[int, ...],
    *,
    deadline: float | None,
    seed: int,
    workers: int,
    parameters: dict[str, Any] | None,
    hint: IntArray | None,
    warm_start: bool,
) -> RulesResult:
    """Maximise coverage, then fit, under every rule of the spec (module docstring).

    ``deadline`` is a :func:`time.monotonic` instant (None: no limit beyond
    :data:`DEFAULT_TIME_LIMIT_S` for CP-SAT).
    """
    from penempatan.engine._cpsat import build_model, minimal_conflict, solve_model
    from penempatan.engine._rule_start import repaired_start

    groups = rule_groups(net)
    w = lexicographic_weight(net)
    flow = solve_flow(net, locked).selected
    cov, fit = objective_of(net, flow)
    upper = w * cov + fit
    start: IntArray | None = None
    source: Literal["plan", "min_cost_flow"] | None = None
    if hint is not None:
        start, source = repaired_start(net, groups, hint, locked), "plan"
    elif warm_start:
        start, source = repaired_start(net, groups, flow, locked), "min_cost_flow"
    if start is not None:
        s_cov, s_fit = objective_of(net, start)
        if w * s_cov + s_fit == upper:  # meets the bound without the rules: optimal
            return RulesResult(
                Status.OPTIMAL, start, upper, upper, w, None, source, {"proof": "flow_bound"}
            )
    model = build_model(net, locked, groups=groups)

    def left() -> float:
        if deadline is None:
            return DEFAULT_TIME_LIMIT_S
        return max(0.05, deadline - time.monotonic())

    res = solve_model(
        model,
        time_limit_s=left(),
        seed=seed,
        workers=workers,
        hint=start,
        parameters=parameters,
    )
    params = dict(res.parameters)
    params.pop("max_time_in_seconds", None)
    params.pop("num_workers", None)
    params.pop("random_seed", None)
    if res.status is Status.INFEASIBLE:
        core_model = build_model(net, _lock_triples(net), groups=groups, assumptions=True)
        budget = CONFLICT_TIME_S if deadline is None else left()
        conflict = minimal_conflict(core_model, time_limit_s=budget)
        return RulesResult(Status.INFEASIBLE, np.zeros(0, np.int64), None, None, w, conflict,
                           source, params)  # fmt: skip
    bound = upper if res.status is Status.UNKNOWN else min(upper, res.bound)
    if res.status.has_solution and res.objective is not None:
        status = Status.OPTIMAL if res.objective >= bound else res.status
        return RulesResult(status, res.selected, res.objective, bound, w, None, source, params)
    if start is not None:
        s_cov, s_fit = objective_of(net, start)
        return RulesResult(Status.FEASIBLE, start, w * s_cov + s_fit, bound, w, None, source,
                           params)  # fmt: skip
    return RulesResult(Status.UNKNOWN, np.zeros(0, np.int64), None, None, w, None, source, params)

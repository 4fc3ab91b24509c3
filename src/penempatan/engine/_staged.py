"""Objective levels beyond the spec's two: least disruption and fairness, solved in stages.

The spec's optimum comes first and is never given up: the min-cost flow gives
the best coverage ``C*`` and fit ``F*``. Each further level is then a CP-SAT
solve over the same placement model with everything decided so far held as
constraints, warm-started from the previous stage's plan:

1. coverage ``= C*`` (always);
2. fit ``≥ ⌈(1 − tolerance) · F*⌉`` (the user's fit tolerance; 0 keeps ``F*``);
3. with a previous plan: keep as many of its placements as possible;
4. with fairness: the smallest OPD burden index, then the smallest kecamatan
   shortfall index (see :mod:`penempatan.engine._fairness`);
5. the best fit that is left.

Each stage's value is fixed before the next starts, so the result is
lexicographically optimal when every stage is proven (status OPTIMAL); a stage
stopped by the time limit keeps the value it reached and the plan is FEASIBLE.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt

from penempatan._progress import SILENT, Reporter
from penempatan._status import Status
from penempatan.engine._cpsat import (
    BIG,
    CpSatModel,
    add_linear,
    build_model,
    new_int_var,
    set_objective,
    solve_model,
)
from penempatan.engine._fairness import weight
from penempatan.engine._flow import solve_flow
from penempatan.engine._objective import level_value, objective_of
from penempatan.rules._network import IntArray, Network

#: Time a further level may take when the caller sets no time limit; a stage stopped
#: by it keeps the best value found and the plan is FEASIBLE (never worse than its start).
DEFAULT_STAGE_TIME_LIMIT_S = 60.0


@dataclass(frozen=True)
class Fairness:
    """Fairness levels to optimise after coverage, within ``solve``'s ``fit_tolerance``.

    ``opd_burden``: share releases across OPD in proportion to their slack.
    ``kecamatan_coverage``: spread covered seats across kecamatan in proportion
    to what each requires. The share of the optimal fit that may be given up for
    them is ``solve(..., fit_tolerance=...)``, default 0: the spec's optimum is
    kept exactly and fairness only chooses among optimal plans.
    """

    opd_burden: bool = True
    kecamatan_coverage: bool = False


@dataclass(frozen=True)
class Stage:
    """One solved level: its name, status and the value it fixed."""

    name: str
    status: Status
    start: int
    value: int
    bound: int | None = None  # no plan does better at this level (proven when == value)


@dataclass(frozen=True)
class StagedResult:
    """The plan's triples and the stages that chose them."""

    status: Status
    selected: IntArray
    stages: tuple[Stage, ...] = field(default=())


def _x(m: CpSatModel) -> list[int]:
    return list(range(m.n_triples))


def _coverage_vars(m: CpSatModel) -> list[int]:
    return [m.n_triples + j for j in range(m.covered_needs.size)]


Aux = list[tuple[int, Callable[[IntArray], int]]]


def _count_in(mask: npt.NDArray[np.bool_], power: int, selected: IntArray) -> int:
    """(Number of ``selected`` triples inside ``mask``) ** power."""
    n = int(mask[selected].sum())
    return n * n if power == 2 else n


def _squared(f: Callable[[IntArray], int], selected: IntArray) -> int:
    n = f(selected)
    return n * n


def _opd_burden_terms(m: CpSatModel, aux: Aux) -> tuple[list[int], list[int]]:
    """Add r_o and c_o ≥ r_o² (tangents) per OPD; return the objective (vars, coeffs).

    ``aux`` receives, for each new variable, how to compute its value from a plan.
    """
    net = m.network
    t_opd = net.cand_opd[net.t_cand]
    variables: list[int] = []
    coeffs: list[int] = []
    for o in np.unique(t_opd).tolist():
        cap = int(net.opd_release[o])
        members = np.flatnonzero(t_opd == o)
        top = min(cap, int(np.unique(net.t_cand[members]).size))
        if cap <= 0 or top <= 0:
            continue
        r = new_int_var(m, 0, top)
        add_linear(m, [r, *members.tolist()], [1] + [-1] * members.size, 0, 0)
        c = new_int_var(m, 0, top * top)
        for k in range(top):  # r² ≥ (2k+1)·r − k(k+1), tight at r = k and k + 1
            add_linear(m, [c, r], [1, -(2 * k + 1)], -k * (k + 1), BIG)
        in_opd = np.zeros(net.n_triples, dtype=bool)
        in_opd[members] = True
        aux.append((r, partial(_count_in, in_opd, 1)))
        aux.append((c, partial(_count_in, in_opd, 2)))
        variables.append(c)
        coeffs.append(weight(cap))
    return variables, coeffs


def _kecamatan_terms(m: CpSatModel, aux: Aux) -> tuple[list[int], list[int]]:
    """Add the shortfall s_q ≥ 0 and its square per kecamatan; return the objective terms."""
    net = m.network
    s = net.scenario
    kec_of_need = [s.cooperatives[int(k)].kecamatan for k in net.need_coop.tolist()]
    variables: list[int] = []
    coeffs: list[int] = []
    cov_vars = _coverage_vars(m)
    by_kec: dict[str, list[int]] = {}
    required: dict[str, int] = {}
    for j, n in enumerate(m.covered_needs.tolist()):
        by_kec.setdefault(kec_of_need[n], []).append(cov_vars[j])
        required[kec_of_need[n]] = required.get(kec_of_need[n], 0) + int(net.need_min[n])
    for kec in sorted(by_kec):
        req = required[kec]
        short = new_int_var(m, 0, req)
        # short = req − Σ covered
        add_linear(m, [short, *by_kec[kec]], [1] * (1 + len(by_kec[kec])), req, req)
        sq = new_int_var(m, 0, req * req)
        for k in range(req):
            add_linear(m, [sq, short], [1, -(2 * k + 1)], -k * (k + 1), BIG)
        needs_here = np.array(
            [n for n in m.covered_needs.tolist() if kec_of_need[n] == kec], dtype=np.int64
        )

        def shortfall(sel: IntArray, needs: IntArray = needs_here, req: int = req) -> int:
            placed = np.bincount(net.t_need[sel], minlength=net.need_min.size)
            return req - int(np.minimum(placed, net.need_min)[needs].sum())

        aux.append((short, shortfall))
        aux.append((sq, partial(_squared, shortfall)))
        variables.append(sq)
        coeffs.append(weight(req))
    return variables, coeffs


@dataclass(frozen=True)
class _BurdenStart:
    """The Lagrangian start of the OPD-burden level, and the lower bound it proves."""

    selected: IntArray
    bound: int | None


def _burden_start(
    net: Network, locked: tuple[int, ...], coverage: int, min_fit: int, start: IntArray
) -> _BurdenStart:
    """A plan with the optimal coverage, fit ≥ ``min_fit`` and a low OPD burden index,
    and a lower bound on that index.

    Lagrangian relaxation of the fit floor: for a multiplier λ, a min-cost flow
    with convex release costs (one unit arc per release, the marginal burden
    ``w·(2k−1)`` of the k-th release, counted after the locked ones) maximises
    coverage, then ``λ·fit − burden``, exactly. So its plan ``x_λ`` minimises
    ``burden − λ·fit`` over the plans of optimal coverage, and
    ``burden(x_λ) − λ·(fit(x_λ) − min_fit)`` is a lower bound on the burden of
    every plan with fit ≥ ``min_fit`` (weak duality; an integer, as λ, fit and
    burden are); the best over the λ tried is returned. The smallest λ (found by
    doubling, then bisection) whose plan keeps fit ≥ ``min_fit`` gives the
    start; returned only if it improves on ``start``.
    """
    locked_per_opd = np.bincount(
        net.cand_opd[net.t_cand[np.array(locked, dtype=np.int64)]],
        minlength=net.opd_release.size,
    )
    opd_costs = []
    for cap, done in zip(net.opd_release.tolist(), locked_per_opd.tolist(), strict=True):
        units = np.arange(done + 1, max(cap, done) + 1, dtype=np.int64)
        opd_costs.append(weight(cap) * (2 * units - 1) if cap > 0 else units)
    bound: int | None = None

    def run(lam: int) -> IntArray | None:
        nonlocal bound
        try:
            sel = solve_flow(net, locked, scores=lam * net.t_score, opd_costs=opd_costs).selected
        except OverflowError:
            return None
        cov, fit = objective_of(net, sel)
        if cov != coverage:
            return None
        burden = level_value(net, "opd_burden_index", sel, None)
        dual = burden - lam * (fit - min_fit)
        bound = dual if bound is None else max(bound, dual)
        return sel

    def fit_of(sel: IntArray) -> int:
        return objective_of(net, sel)[1]

    hi, best = 1, None
    while hi < 2**40:
        sel = run(hi)
        if sel is None:
            return _BurdenStart(start, bound)
        if fit_of(sel) >= min_fit:
            best = sel
            break
        hi *= 2
    if best is None:
        return _BurdenStart(start, bound)
    lo = hi // 2
    while hi - lo > max(1, hi // 64):  # bisection to within ~1.5 % of the smallest λ
        mid = (lo + hi) // 2
        sel = run(mid)
        if sel is not None and fit_of(sel) >= min_fit:
            hi, best = mid, sel
        else:
            lo = mid
    value = level_value(net, "opd_burden_index", best, None)
    chosen = best if value < level_value(net, "opd_burden_index", start, None) else start
    return _BurdenStart(chosen, bound)


def solve_staged(
    net: Network,
    locked: tuple[int, ...],
    *,
    start: IntArray,
    reduced_cost: IntArray | None,
    coverage: int,
    fit: int,
    fit_tolerance: float,
    keep: IntArray | None,
    fairness: Fairness | None,
    time_limit_s: float | None,
    seed: int,
    workers: int,
    parameters: dict[str, Any] | None,
    reporter: Reporter = SILENT,
) -> StagedResult:
    """Run the levels of the module docstring from the optimal plan ``start``.

    Each level is reported to ``reporter`` under its name; a cancel stops the
    running level's search and skips the rest (the plan so far, ``FEASIBLE``).
    """
    deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
    min_fit = math.ceil((1.0 - fit_tolerance) * fit - 1e-9)
    fixed = None
    if reduced_cost is not None:
        # Exact fixing: no plan within the allowed fit loss uses an arc whose reduced
        # cost exceeds that loss, or leaves out one whose reduced cost is below minus it.
        loss = fit - min_fit
        fixed = np.full(net.n_triples, -1, np.int64)
        fixed[reduced_cost > loss] = 0
        fixed[reduced_cost < -loss] = 1
        fixed[start] = np.where(fixed[start] == 0, -1, fixed[start])  # never cut the start
    m = build_model(net, locked, fixed)
    cov_vars = _coverage_vars(m)
    add_linear(m, cov_vars, [1] * len(cov_vars), coverage, coverage)
    add_linear(m, _x(m), net.t_score.tolist(), min_fit, BIG)

    levels: list[tuple[str, list[int], list[int], bool]] = []
    aux: Aux = []
    if keep is not None and keep.size:
        levels.append(("kept_placements", keep.tolist(), [1] * keep.size, True))
    if fairness is not None and fairness.opd_burden:
        levels.append(("opd_burden_index", *_opd_burden_terms(m, aux), False))
    if fairness is not None and fairness.kecamatan_coverage:
        levels.append(("kecamatan_shortfall_index", *_kecamatan_terms(m, aux), False))
    if fit_tolerance > 0 or not levels:
        levels.append(("fit", _x(m), net.t_score.tolist(), True))

    current = origin = start
    burden_bound: int | None = None
    # The Lagrangian start is a flow plan, which local rules would not bind.
    rules_free = not net.scenario.rules
    if (
        fairness is not None
        and fairness.opd_burden
        and keep is None
        and min_fit < fit
        and rules_free
    ):
        lagrangian = _burden_start(net, locked, coverage, min_fit, start)
        current, burden_bound = lagrangian.selected, lagrangian.bound
    stages: list[Stage] = []
    per_stage_limit = DEFAULT_STAGE_TIME_LIMIT_S if deadline is None else None
    overall = Status.OPTIMAL
    for name, variables, coeffs, maximize in levels:
        set_objective(m, variables, coeffs, maximize=maximize)
        left = per_stage_limit if deadline is None else max(0.01, deadline - time.monotonic())
        # Where the level started: the spec's optimal plan for the first level.
        begin = level_value(net, name, origin if not stages else current, keep)
        reporter.report(name, value=begin)
        result = solve_model(
            m,
            time_limit_s=left,
            seed=seed,
            workers=workers,
            hint=current,
            parameters=parameters,
            extra_hint=[(var, value(current)) for var, value in aux],
            reporter=reporter,
            stage=name,
        )
        if not result.status.has_solution or result.objective is None:
            # The start plan satisfies every stage constraint, so this is a time-out:
            # the plan stays the start, with its value and whatever bound is known.
            reached = level_value(net, name, current, keep)
            known = burden_bound if name == "opd_burden_index" else None
            stages.append(Stage(name, Status.FEASIBLE, begin, reached, known))
            return StagedResult(Status.FEASIBLE, current, tuple(stages))
        current = result.selected
        value = result.objective
        # The best value any plan could reach at this level: CP-SAT's bound, and for
        # the burden the Lagrangian one too, whichever is tighter. A level whose
        # value meets it is proven, whether or not CP-SAT finished its search.
        status, bound = result.status, result.bound
        if name == "opd_burden_index" and burden_bound is not None:
            bound = max(bound, burden_bound)
        if status is Status.OPTIMAL or (value <= bound if not maximize else value >= bound):
            status, bound = Status.OPTIMAL, value
        stages.append(Stage(name, status, begin, value, bound))
        if status is not Status.OPTIMAL:
            overall = Status.FEASIBLE
        lo, hi = (value, BIG) if maximize else (-BIG, value)
        add_linear(m, variables, coeffs, lo, hi)
    return StagedResult(overall, current, tuple(stages))

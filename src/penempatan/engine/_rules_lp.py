"""A bound on fit that sees the local rules: the LP relaxation's dual, and the triples it rules out.

Used by :mod:`penempatan.engine._rules_engine` on priced networks, with
``C`` the flow's coverage bound: no plan covers more than ``C``, so once a
plan meets it every better plan has coverage ``C`` and more fit (and a plan
covering less is worth less than any that meets it). The linear relaxation
of the CP-SAT model (every constraint of :mod:`penempatan.engine._cpsat`,
``Σ covered ≥ C`` added, ``Σ score · x`` maximised) is written in one form,
``A z ≤ b`` with bounds ``l ≤ z ≤ u`` on the variables ``z`` (the triples,
the coverage counters, one ``staffed`` literal per conditional rule group).
For *any* ``y ≥ 0``, weak duality gives,
for every integer plan ``z`` of the model,

    fit(z) ≤ y·b + Σ_j d_j z_j,   d_j = c_j − y·A_j  (the reduced cost),

so ``y·b + Σ_j max(l_j d_j, u_j d_j)`` bounds every plan's fit, and a plan
that places triple ``t`` with ``d_t < 0`` has fit at most that bound plus
``d_t``. A triple whose bound plus reduced cost is below the incumbent's fit
plus one is in no better plan: it can be left out of the model, and an
optimum over the remaining triples is an optimum over the whole network.

``y`` comes from GLOP on the LP over a subset of the triples (the priced
model's), then triples of positive (after the first round: above
``-margin``) reduced cost are added and the LP solved again (column
generation, :func:`column_generation`). The duals are rounded to multiples
of ``2^-20`` and clipped at 0, so every sum below is exact in float64 and the
bound is rigorous whatever the LP solver's accuracy; only its tightness
depends on it.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from penempatan.rules._network import IntArray, Network
from penempatan.rules._rule_groups import RuleGroup

FloatArray = npt.NDArray[np.float64]

logger = logging.getLogger("penempatan")

#: Fit points a unit of an unmet minimum costs in the LP (far above any score).
_SLACK_PRICE = 10_000.0

#: Duals are rounded to multiples of this (a power of two: exact sums in float64).
_QUANTUM = 2.0**-20


@dataclass(frozen=True, eq=False)
class LpRows:
    """The relaxation ``A z ≤ b``, ``l ≤ z ≤ u``, ``max c·z`` (module docstring).

    Variables ``0 .. n_triples-1`` are the triples, then the extra ones
    (coverage counters, ``staffed`` literals). ``A`` is given as coordinates.
    """

    n_triples: int
    n_vars: int
    cand_row: IntArray  # per triple: the row "at most one placement" of its candidate
    rows: IntArray
    cols: IntArray
    vals: FloatArray
    rhs: FloatArray
    lo: FloatArray
    hi: FloatArray
    obj: FloatArray


def _family(keys: IntArray, t_idx: IntArray, caps: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Rows ``Σ_{t: key[t] = k} x_t ≤ caps[k]`` for each key present: (row of t, t, rhs)."""
    present, row_of = np.unique(keys, return_inverse=True)
    return row_of.astype(np.int64), t_idx, caps[present]


def _most_placed(net: Network, members: IntArray) -> int:
    """The most placements the triples ``members`` can hold: distinct candidates, and the
    cooperatives' caps (each at most its needs' maxima)."""
    coops = np.unique(net.t_coop[members])
    need_room = np.bincount(net.need_coop, weights=net.need_max, minlength=net.coop_cap.size)
    room = np.where(net.coop_cap >= 0, np.minimum(net.coop_cap, need_room), need_room)
    return int(min(np.unique(net.t_cand[members]).size, int(room[coops].sum())))


def lp_rows(
    net: Network, groups: list[RuleGroup], locked: tuple[int, ...], coverage: int
) -> LpRows:
    """The relaxation of the model with rules, ``Σ covered ≥ coverage``, maximising fit."""
    n_t = net.n_triples
    all_t = np.arange(n_t, dtype=np.int64)
    r_parts: list[IntArray] = []
    c_parts: list[IntArray] = []
    v_parts: list[FloatArray] = []
    rhs_parts: list[FloatArray] = []
    n_rows = 0

    def add(rows: IntArray, cols: IntArray, vals: FloatArray, rhs: npt.NDArray[Any]) -> None:
        nonlocal n_rows
        r_parts.append(rows + n_rows)
        c_parts.append(cols)
        v_parts.append(vals)
        rhs_parts.append(rhs.astype(np.float64))
        n_rows += rhs.size

    def ones(n: int) -> FloatArray:
        return np.ones(n, np.float64)

    # Rule 3, 4, 5: candidates (rows 0 ..), need maxima, cooperative caps.
    cand_row = np.unique(net.t_cand, return_inverse=True)[1].astype(np.int64).reshape(-1)
    for keys, caps in (
        (net.t_cand, np.ones(len(net.scenario.candidates), np.int64)),
        (net.t_need, net.need_max),
        (net.t_coop, np.where(net.coop_cap >= 0, net.coop_cap, n_t)),
    ):
        r, c, b = _family(keys, all_t, caps)
        add(r, c, ones(c.size), b)
    # Rule 6: OPD and position floors.
    r, c, b = _family(net.cand_opd[net.t_cand], all_t, net.opd_release)
    add(r, c, ones(c.size), b)
    t_pos = net.cand_position[net.t_cand]
    has = np.flatnonzero(t_pos >= 0)
    if has.size:
        r, c, b = _family(t_pos[has], has, net.position_release)
        add(r, c, ones(c.size), b)
    # Coverage counters: covered[n] - Σ x over the need ≤ 0, and -Σ covered ≤ -coverage.
    covered_needs = np.flatnonzero(net.need_min > 0)
    cov_var = np.full(net.need_min.size, -1, np.int64)
    cov_var[covered_needs] = n_t + np.arange(covered_needs.size)
    n_vars = n_t + covered_needs.size
    row_of_need = np.full(net.need_min.size, -1, np.int64)
    row_of_need[covered_needs] = np.arange(covered_needs.size)
    in_cov = row_of_need[net.t_need] >= 0
    add(
        np.concatenate([np.arange(covered_needs.size), row_of_need[net.t_need[in_cov]]]),
        np.concatenate([cov_var[covered_needs], all_t[in_cov]]),
        np.concatenate([ones(covered_needs.size), -ones(int(in_cov.sum()))]),
        np.zeros(covered_needs.size),
    )
    add(
        np.zeros(covered_needs.size, np.int64),
        cov_var[covered_needs],
        -ones(covered_needs.size),
        np.array([-float(coverage)]),
    )
    # Rule 8: one row per group; a conditional group also gets its literal b:
    # count·b - n ≤ 0 and N - M·b ≤ if_staffed - 1 (M: the most N can exceed it by).
    extra_hi: list[float] = []
    for g in groups:
        if g.kind == "at_most":
            add(np.zeros(g.counted.size, np.int64), g.counted, ones(g.counted.size),
                np.array([float(g.count)]))  # fmt: skip
        elif g.threshold == 0:
            add(np.zeros(g.counted.size, np.int64), g.counted, -ones(g.counted.size),
                np.array([-float(g.count)]))  # fmt: skip
        else:
            b_var = n_vars
            n_vars += 1
            extra_hi.append(1.0)
            big = float(_most_placed(net, g.members) - (g.threshold - 1))
            add(np.zeros(g.counted.size + 1, np.int64), np.append(g.counted, b_var),
                np.append(-ones(g.counted.size), float(g.count)), np.zeros(1))  # fmt: skip
            off = np.array([float(g.threshold - 1)])
            add(np.zeros(g.members.size + 1, np.int64), np.append(g.members, b_var),
                np.append(ones(g.members.size), -big), off)  # fmt: skip
    lo = np.zeros(n_vars, np.float64)
    hi = np.ones(n_vars, np.float64)
    hi[n_t : n_t + covered_needs.size] = net.need_min[covered_needs]
    lock_arr = np.array(locked, dtype=np.int64)
    if lock_arr.size:
        locked_cand = np.zeros(len(net.scenario.candidates), bool)
        locked_cand[net.t_cand[lock_arr]] = True
        hi[:n_t][locked_cand[net.t_cand]] = 0.0
        hi[lock_arr] = 1.0
        lo[lock_arr] = 1.0
    obj = np.zeros(n_vars, np.float64)
    obj[:n_t] = net.t_score
    return LpRows(
        n_triples=n_t,
        n_vars=n_vars,
        cand_row=cand_row,
        rows=np.concatenate(r_parts),
        cols=np.concatenate(c_parts),
        vals=np.concatenate(v_parts),
        rhs=np.concatenate(rhs_parts),
        lo=lo,
        hi=hi,
        obj=obj,
    )


def reduced_costs(lp: LpRows, y: FloatArray) -> FloatArray:
    """``d = c − Aᵀy`` for every variable."""
    return lp.obj - np.bincount(lp.cols, weights=lp.vals * y[lp.rows], minlength=lp.n_vars)


@dataclass(frozen=True, eq=False)
class LpBound:
    """What the column generation proved: the fit bound, the reduced costs, the LP's columns.

    ``value`` is ``y·b + Σ max(l d, u d)`` for the duals kept (the exact float, not
    rounded: see :func:`fit_with`); ``placed`` the triples at 1/2 or more in the last LP.
    """

    value: float
    lp_value: float  # the last LP's own optimum (over its columns): at most the bound
    reduced: FloatArray
    columns: IntArray
    placed: IntArray
    integral: IntArray  # the triples at 1 in the last LP
    rounds: int

    @property
    def fit(self) -> int:
        """The bound on every plan's fit, rounded down (the module docstring's argument)."""
        return math.floor(self.value + 1e-6)

    def fit_with(self) -> IntArray:
        """Per triple ``t``: a bound on the fit of every plan placing ``t``."""
        d = self.reduced
        return np.floor(self.value + np.minimum(d, 0.0) + 1e-6).astype(np.int64)


def _settle_candidates(lp: LpRows, y: FloatArray, d: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Raise each candidate's dual by the largest positive reduced cost among its triples.

    The candidate's row has right-hand side 1, so the bound gains that amount
    there and loses at least as much in ``Σ max(0, u d)`` over the candidate's
    triples: it never grows, and no triple keeps a positive reduced cost. (A
    locked triple, fixed at 1, is left out: its term is ``d`` whatever its sign.)
    """
    n_t = lp.n_triples
    free = (lp.hi[:n_t] > 0) & (lp.lo[:n_t] == 0)
    bump = np.zeros(lp.rhs.size, np.float64)
    np.maximum.at(bump, lp.cand_row[free], d[:n_t][free])
    y = y + bump
    d = d.copy()
    d[:n_t] -= bump[lp.cand_row]
    return y, d


def column_generation(
    lp: LpRows,
    first: IntArray,
    *,
    deadline: float,
    margin: float,
    slack: int,
    max_rounds: int = 30,
) -> LpBound | None:
    """The LP bound of :func:`lp_rows` by column generation from the triples ``first``.

    GLOP (dual simplex) solves the LP over the columns so far; every triple whose
    reduced cost under its duals exceeds ``-margin`` joins (only positive ones after
    the first round would do; the margin saves rounds where the duals are
    degenerate). Stops when the bound is within ``slack`` points of the LP's
    value rounded down, when no triple joins, after ``max_rounds``, or at
    ``deadline`` (a :func:`time.monotonic` instant). The duals of the round with the
    least bound are kept. ``None`` when no LP was solved to optimality. When the
    first columns cannot meet a minimum, a unit short of it costs
    :data:`_SLACK_PRICE` from then on, so the LP has a solution and the triples
    that meet the minimum join.
    """
    import time

    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("GLOP")
    solver.SetSolverSpecificParametersAsString("use_dual_simplex: true")
    n_t = lp.n_triples
    cons = [solver.Constraint(-solver.infinity(), b) for b in lp.rhs.tolist()]
    order = np.argsort(lp.cols, kind="stable")
    starts = np.searchsorted(lp.cols[order], np.arange(lp.n_vars + 1)).tolist()
    col_rows = lp.rows[order].tolist()
    col_vals = lp.vals[order].tolist()
    objective = solver.Objective()
    objective.SetMaximization()
    variables: list[tuple[int, pywraplp.Variable]] = []
    placed = integral = np.zeros(0, np.int64)

    def add(js: IntArray) -> None:
        for j in js.tolist():
            v = solver.NumVar(float(lp.lo[j]), float(lp.hi[j]), "")
            variables.append((j, v))
            for k in range(starts[j], starts[j + 1]):
                cons[col_rows[k]].SetCoefficient(v, col_vals[k])
            if lp.obj[j]:
                objective.SetCoefficient(v, float(lp.obj[j]))

    usable = lp.hi[:n_t] > 0
    columns = np.unique(first[usable[first]])
    add(np.concatenate([columns, np.arange(n_t, lp.n_vars)]))
    slacked = False
    best: LpBound | None = None
    for rounds in range(1, max_rounds + 1):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        solver.SetTimeLimit(max(1, int(left * 1000)))
        code = solver.Solve()
        if code == pywraplp.Solver.INFEASIBLE and not slacked:
            # A minimum the columns so far cannot meet: each row with a negative right-hand
            # side gets a slack at a high price (not a variable of the model, so absent from
            # the bound: the duals it leads to are just duals), and the round is solved again.
            slacked = True
            for r in np.flatnonzero(lp.rhs < 0).tolist():
                slack_var = solver.NumVar(0.0, solver.infinity(), "")
                cons[r].SetCoefficient(slack_var, -1.0)
                objective.SetCoefficient(slack_var, -_SLACK_PRICE)
            code = solver.Solve()
        if code != pywraplp.Solver.OPTIMAL:
            break
        y = np.array([c.dual_value() for c in cons], np.float64)
        y = np.maximum(0.0, np.round(y / _QUANTUM) * _QUANTUM)
        ids = np.array([j for j, _ in variables], np.int64)
        x = np.array([v.solution_value() for _, v in variables])
        on = np.flatnonzero((x >= 0.5) & (ids < n_t))
        placed = ids[on[np.lexsort((ids[on], -x[on]))]]
        integral = np.sort(ids[(x >= 1 - 1e-6) & (ids < n_t)])
        d = reduced_costs(lp, y)
        entering = np.flatnonzero((d[:n_t] > (1e-9 if rounds == 1 else -margin)) & usable)
        y, d = _settle_candidates(lp, y, d)
        value = float(lp.rhs @ y) + float(np.maximum(lp.lo * d, lp.hi * d).sum())
        lp_value = objective.Value()
        if best is None or value < best.value:
            # A locked triple's term is in the value whatever its sign: nothing to add for it.
            reduced = np.where(lp.lo[:n_t] > 0, 0.0, d[:n_t])
            best = LpBound(value, lp_value, reduced, columns, placed, placed, rounds)
        logger.debug("LP round %d: %d columns, LP %.2f, bound %.2f", rounds, columns.size,
                     lp_value, value)  # fmt: skip
        if best.fit <= math.floor(lp_value + 1e-6) + slack:
            break  # within slack points of the LP's value: more rounds gain at most that
        entering = entering[~np.isin(entering, columns)]
        if entering.size == 0:
            break
        add(entering)
        columns = np.union1d(columns, entering)
    if best is None:
        return None
    return LpBound(best.value, lp_value, best.reduced, columns, placed, integral, best.rounds)

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

``y`` comes from GLOP (through MathOpt, incrementally) on the LP over a
subset of the triples (the priced model's), then triples of positive
(after the first round: above ``-margin``) reduced cost are added and the
LP solved again from its last basis (column generation,
:func:`column_generation`). Candidates have rows too: a plan leaving ``c``
unplaced leaves its row slack, and its fit is at most the bound minus
``c``'s dual (:meth:`LpBound.placed_by_every`). The duals are rounded to multiples
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
from penempatan.rules._rule_groups import RuleGroup, most_placed

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
    row_cand: IntArray  # per candidate row (rows 0 ..): its candidate
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
    row_cand, cand_row = np.unique(net.t_cand, return_inverse=True)
    cand_row = cand_row.astype(np.int64).reshape(-1)
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
            big = float(most_placed(net, g.members) - (g.threshold - 1))
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
        row_cand=row_cand.astype(np.int64),
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
    rounded: see :func:`fit_with`); ``placed`` the triples at 1/2 or more in the last LP;
    ``candidates`` and ``candidate_dual`` the candidate of each candidate row and its
    dual, with ``value``'s duals.
    """

    value: float
    lp_value: float  # the last LP's own optimum (over its columns): at most the bound
    reduced: FloatArray
    columns: IntArray
    placed: IntArray
    integral: IntArray  # the triples at 1 in the last LP
    rounds: int
    candidates: IntArray
    candidate_dual: FloatArray

    @property
    def fit(self) -> int:
        """The bound on every plan's fit, rounded down (the module docstring's argument)."""
        return math.floor(self.value + 1e-6)

    def fit_with(self) -> IntArray:
        """Per triple ``t``: a bound on the fit of every plan placing ``t``."""
        d = self.reduced
        return np.floor(self.value + np.minimum(d, 0.0) + 1e-6).astype(np.int64)

    def placed_by_every(self, fit: int) -> IntArray:
        """The candidates that every plan of fit ``fit`` or more places.

        A plan leaving candidate ``c`` unplaced leaves ``c``'s row (``Σ x ≤ 1``) slack
        by 1, and the bound of the module docstring then drops by ``c``'s dual ``y_c``
        (``fit(z) ≤ y·b + Σ d z − Σ_r y_r (b_r − A_r z)``, each term of the last sum
        at least 0): such a plan has fit at most ``value − y_c``, rounded down.
        """
        at_most = np.floor(self.value - self.candidate_dual + 1e-6)
        return self.candidates[at_most < fit]


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


class _IncrementalGlop:
    """GLOP through MathOpt's incremental solver, over the columns of ``lp`` added so far.

    The matrix travels as protocol buffers built from the arrays (no per-entry
    Python call), and the columns added between solves are an update of the
    same solver, solved again from the last optimal basis with the new columns
    nonbasic at their lower bound (GLOP starts from scratch unless given that
    basis), so a round after the first costs a fraction of a fresh solve.
    MathOpt numbers variables in the order they are added; ``lp_var`` maps them
    back to the variables of ``lp`` (-1 for a slack).
    """

    def __init__(self, lp: LpRows, first: IntArray) -> None:
        from ortools.math_opt import model_pb2, parameters_pb2
        from ortools.math_opt.core.python import solver as mathopt_solver

        self._lp = lp
        # Entries column by column (a stable sort keeps each column's rows ascending).
        by_col = np.argsort(lp.cols, kind="stable")
        self._rows = lp.rows[by_col]
        self._cols = lp.cols[by_col]
        self._vals = lp.vals[by_col]
        self._starts = np.searchsorted(self._cols, np.arange(lp.n_vars + 1))
        self._id = np.full(lp.n_vars, -1, np.int64)
        self.lp_var = np.zeros(0, np.int64)
        self._basis: Any = None  # the last optimal basis (a BasisProto), if any
        model = model_pb2.ModelProto()
        self._add_variables(model.variables, first)
        model.objective.maximize = True
        self._add_objective(model.objective.linear_coefficients, first)
        n_rows = lp.rhs.size
        model.linear_constraints.ids.extend(range(n_rows))
        model.linear_constraints.lower_bounds.extend([-math.inf] * n_rows)
        model.linear_constraints.upper_bounds.extend(lp.rhs.tolist())
        self._add_entries(model.linear_constraint_matrix, first)
        self._solver = mathopt_solver.new(
            parameters_pb2.SOLVER_TYPE_GLOP, model, parameters_pb2.SolverInitializerProto()
        )

    def _add_variables(self, proto: Any, js: IntArray) -> None:
        first_id = self.lp_var.size
        self._id[js] = first_id + np.arange(js.size)
        self.lp_var = np.concatenate([self.lp_var, js])
        proto.ids.extend(range(first_id, first_id + js.size))
        proto.lower_bounds.extend(self._lp.lo[js].tolist())
        proto.upper_bounds.extend(self._lp.hi[js].tolist())
        proto.integers.extend([False] * js.size)

    def _add_objective(self, proto: Any, js: IntArray) -> None:
        scored = js[self._lp.obj[js] != 0]
        proto.ids.extend(self._id[scored].tolist())
        proto.values.extend(self._lp.obj[scored].tolist())

    def _add_entries(self, proto: Any, js: IntArray) -> None:
        """The matrix entries of the variables ``js``, row by row as MathOpt wants them."""
        lens = self._starts[js + 1] - self._starts[js]
        at = np.repeat(self._starts[js] - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
        rows, ids = self._rows[at], self._id[self._cols[at]]
        order = np.lexsort((ids, rows))
        proto.row_ids.extend(rows[order].tolist())
        proto.column_ids.extend(ids[order].tolist())
        proto.coefficients.extend(self._vals[at][order].tolist())

    def add(self, js: IntArray) -> None:
        """Adds the variables ``js`` of ``lp`` (none added before) with their columns."""
        from ortools.math_opt import model_update_pb2

        update = model_update_pb2.ModelUpdateProto()
        self._add_variables(update.new_variables, js)
        self._add_objective(update.objective_updates.linear_coefficients, js)
        self._add_entries(update.linear_constraint_matrix_updates, js)
        self._update(update)

    def add_slacks(self, rows: IntArray, price: float) -> None:
        """Adds, for each row in ``rows``, a variable ``s ≥ 0`` entering it as ``-s``, at
        ``-price`` each in the objective (not a variable of ``lp``: ``lp_var`` says -1)."""
        from ortools.math_opt import model_update_pb2

        update = model_update_pb2.ModelUpdateProto()
        first_id = self.lp_var.size
        ids = list(range(first_id, first_id + rows.size))
        self.lp_var = np.concatenate([self.lp_var, np.full(rows.size, -1, np.int64)])
        new = update.new_variables
        new.ids.extend(ids)
        new.lower_bounds.extend([0.0] * rows.size)
        new.upper_bounds.extend([math.inf] * rows.size)
        new.integers.extend([False] * rows.size)
        update.objective_updates.linear_coefficients.ids.extend(ids)
        update.objective_updates.linear_coefficients.values.extend([-price] * rows.size)
        entries = update.linear_constraint_matrix_updates
        entries.row_ids.extend(rows.tolist())
        entries.column_ids.extend(ids)
        entries.coefficients.extend([-1.0] * rows.size)
        self._update(update)

    def _update(self, update: Any) -> None:
        if not self._solver.update(update):  # GLOP takes every update made here
            raise RuntimeError("GLOP refused an incremental update of the LP bound")

    def solve(self, time_limit_s: float) -> Any:
        """One solve by dual simplex within ``time_limit_s``: MathOpt's ``SolveResultProto``."""
        from ortools.math_opt import (
            callback_pb2,
            model_parameters_pb2,
            parameters_pb2,
            result_pb2,
            solution_pb2,
        )

        params = parameters_pb2.SolveParametersProto()
        params.lp_algorithm = parameters_pb2.LP_ALGORITHM_DUAL_SIMPLEX
        params.time_limit.FromNanoseconds(max(1_000_000, int(time_limit_s * 1e9)))
        model_params = model_parameters_pb2.ModelSolveParametersProto()
        if self._basis is not None:
            start = model_params.initial_basis
            start.CopyFrom(self._basis)
            statuses = start.variable_status
            known = len(statuses.ids)
            statuses.ids.extend(range(known, self.lp_var.size))  # new columns: at lower bound
            statuses.values.extend([solution_pb2.BASIS_STATUS_AT_LOWER_BOUND]
                                   * (self.lp_var.size - known))  # fmt: skip
        result = self._solver.solve(
            params, model_params, None, callback_pb2.CallbackRegistrationProto(), None, None
        )
        optimal = result.termination.reason == result_pb2.TERMINATION_REASON_OPTIMAL
        if optimal and result.solutions and result.solutions[0].HasField("basis"):
            self._basis = result.solutions[0].basis
        return result


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

    GLOP (dual simplex, incremental: :class:`_IncrementalGlop`) solves the LP over the
    columns so far; every triple whose
    reduced cost under its duals exceeds ``-margin`` joins (only positive ones after
    the first round would do; the margin saves rounds where the duals are
    degenerate). Stops when the bound is within ``slack`` points of the LP's
    value rounded down, when no triple joins, after ``max_rounds``, or at
    ``deadline`` (a :func:`time.monotonic` instant). The duals of the round with the
    least bound are kept. ``None`` when no LP was solved to optimality. When the
    first columns cannot meet a minimum, a unit short of it costs
    :data:`_SLACK_PRICE` from then on, so the LP has a solution and the triples
    that meet the minimum join. When MathOpt refuses the model or an update (an
    error of the solver, not of the scenario) there is no bound: ``None``, and
    the engine goes on without it.
    """
    from pybind11_abseil.status import StatusNotOk

    try:
        return _column_generation(lp, first, deadline=deadline, margin=margin, slack=slack,
                                  max_rounds=max_rounds)  # fmt: skip
    except (StatusNotOk, RuntimeError) as error:  # MathOpt refused the model or an update
        logger.debug("LP bound not available: %s", error)
        return None


def _column_generation(
    lp: LpRows, first: IntArray, *, deadline: float, margin: float, slack: int, max_rounds: int
) -> LpBound | None:
    import time

    from ortools.math_opt import result_pb2

    optimal = result_pb2.TERMINATION_REASON_OPTIMAL
    infeasible = (
        result_pb2.TERMINATION_REASON_INFEASIBLE,
        result_pb2.TERMINATION_REASON_INFEASIBLE_OR_UNBOUNDED,
    )
    n_t = lp.n_triples
    usable = lp.hi[:n_t] > 0
    columns = np.unique(first[usable[first]])
    glop = _IncrementalGlop(lp, np.concatenate([columns, np.arange(n_t, lp.n_vars)]))
    placed = integral = np.zeros(0, np.int64)
    slacked = False
    best: LpBound | None = None
    lp_value = -math.inf
    for rounds in range(1, max_rounds + 1):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        result = glop.solve(left)
        if result.termination.reason in infeasible and not slacked:
            # A minimum the columns so far cannot meet: each row with a negative right-hand
            # side gets a slack at a high price (not a variable of the model, so absent from
            # the bound: the duals it leads to are just duals), and the round is solved again.
            slacked = True
            glop.add_slacks(np.flatnonzero(lp.rhs < 0), _SLACK_PRICE)
            left = deadline - time.monotonic()
            if left <= 0:
                break
            result = glop.solve(left)
        if result.termination.reason != optimal or not result.solutions:
            break
        solution = result.solutions[0]
        duals = solution.dual_solution.dual_values
        y = np.zeros(lp.rhs.size, np.float64)
        y[np.asarray(duals.ids, np.int64)] = np.asarray(duals.values, np.float64)
        y = np.maximum(0.0, np.round(y / _QUANTUM) * _QUANTUM)
        primal = solution.primal_solution
        x = np.zeros(glop.lp_var.size, np.float64)
        x[np.asarray(primal.variable_values.ids, np.int64)] = primal.variable_values.values
        ids = glop.lp_var
        is_triple = (ids >= 0) & (ids < n_t)
        on = np.flatnonzero((x >= 0.5) & is_triple)
        placed = ids[on[np.lexsort((ids[on], -x[on]))]]
        integral = np.sort(ids[(x >= 1 - 1e-6) & is_triple])
        d = reduced_costs(lp, y)
        entering = np.flatnonzero((d[:n_t] > (1e-9 if rounds == 1 else -margin)) & usable)
        y, d = _settle_candidates(lp, y, d)
        value = float(lp.rhs @ y) + float(np.maximum(lp.lo * d, lp.hi * d).sum())
        lp_value = float(primal.objective_value)
        if best is None or value < best.value:
            # A locked triple's term is in the value whatever its sign: nothing to add for it.
            reduced = np.where(lp.lo[:n_t] > 0, 0.0, d[:n_t])
            n_rows = lp.row_cand.size
            best = LpBound(value, lp_value, reduced, columns, placed, placed, rounds,
                           lp.row_cand, y[:n_rows].copy())  # fmt: skip
        logger.debug("LP round %d: %d columns, LP %.2f, bound %.2f", rounds, columns.size,
                     lp_value, value)  # fmt: skip
        if best.fit <= math.floor(lp_value + 1e-6) + slack:
            break  # within slack points of the LP's value: more rounds gain at most that
        entering = entering[~np.isin(entering, columns)]
        if entering.size == 0:
            break
        glop.add(entering)
        columns = np.union1d(columns, entering)
    if best is None:
        return None
    return LpBound(best.value, lp_value, best.reduced, columns, placed, integral, best.rounds,
                   best.candidates, best.candidate_dual)  # fmt: skip

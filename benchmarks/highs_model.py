"""HiGHS on the same MIP model as penempatan's CP-SAT engine (optional; needs ``highspy``).

The model is the one ``penempatan.build_model`` writes for CP-SAT, built here
from the same placement network (``penempatan.build_network``, public API
only) as a row-wise sparse matrix:

* columns: a binary ``x[t]`` per permitted triple (locked triples have lower
  bound 1) and an integer ``covered[n] ∈ [0, need.min]`` per need with a minimum;
* rows: Σ x ≤ 1 per candidate (rule 3), Σ x ≤ ``max`` per need (4),
  ``covered[n] − Σ x ≤ 0`` per need with a minimum, Σ x ≤ ``max_staff`` per
  cooperative (5), Σ x ≤ ``headcount − min_staff`` per OPD and position (6);
  as in CP-SAT a row is written only where it can bind;
* objective: maximise ``W · Σ covered + Σ score · x`` with penempatan's ``W``.

``mip_rel_gap`` is 0 and ``mip_abs_gap`` 0.99: the objective is an integer, so
a gap below 1 is a proof of optimality in the spec's lexicographic order.
Measured: validation (load_scenario), network, matrix build, HiGHS run.

With ``--lp`` the LP relaxation is solved instead: the constraint matrix is
two laminar families (candidate ⊂ position ⊂ OPD; need ⊂ cooperative) plus the
``covered`` rows, and the relaxation's optimum comes out integral in practice
(``fractional`` says so), which shows where HiGHS's MIP time goes.

Usage: ``python benchmarks/highs_model.py SCENARIO.json [TIME_LIMIT_S] [--lp]``;
prints one JSON object (``{"status": "not installed"}`` without highspy).
HiGHS prints a banner on standard output first; the JSON is the last line.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]


def _rows(keys: I64, caps: I64, members_needed: I64 | None = None) -> tuple[I64, I64, I64]:
    """Group triple indices by ``keys``: (row of each kept triple, triple index, cap per row).

    A group gives a row only when it can bind: more members than its cap
    (``members_needed`` overrides the member count, e.g. distinct candidates).
    """
    order = np.argsort(keys, kind="stable").astype(np.int64)
    sk = keys[order]
    uniq, count = np.unique(sk, return_counts=True)
    size = count if members_needed is None else members_needed[uniq]
    cap = caps[uniq]
    bind = (cap >= 0) & (cap < size)
    row_of_group = np.cumsum(bind) - 1
    grp = np.repeat(np.arange(uniq.size), count)
    keep = bind[grp]
    return row_of_group[grp[keep]], order[keep], cap[bind]


def _weight(net: Any) -> int:
    """penempatan's coverage weight W: one more than the sum of each candidate's best score,
    so one more covered seat outweighs any fit (the README's "How it solves")."""
    best = np.zeros(len(net.scenario.candidates), np.int64)
    np.maximum.at(best, net.t_cand, net.t_score)
    return int(best.sum()) + 1


def _objective(net: Any, selected: I64) -> tuple[int, int]:
    """(coverage, fit) of a set of triples: Σ min(placed, need.min) and Σ score."""
    placed = np.bincount(net.t_need[selected], minlength=len(net.need_role))
    return int(np.minimum(placed, net.need_min).sum()), int(net.t_score[selected].sum())


def _lock_triples(net: Any) -> tuple[int, ...] | None:
    """The locks as triple indices; ``None`` when a lock is not a permitted triple."""
    s = net.scenario
    out = []
    for lk in s.locks:
        n = net.need_of[(s.cooperative_index[lk.cooperative], lk.role)]
        t = net.triple_of(s.candidate_index[lk.candidate], n)
        if t < 0:
            return None
        out.append(t)
    return tuple(out)


def build_lp(net: Any, locked: tuple[int, ...]) -> tuple[Any, int, I64]:
    """The HighsLp of the network; returns (lp, W, needs with a ``covered`` column)."""
    import highspy

    n_t = net.n_triples
    n_c = len(net.scenario.candidates)
    covered = np.flatnonzero(net.need_min > 0).astype(np.int64)
    w = _weight(net)

    blocks: list[tuple[I64, I64, I64, I64, I64]] = []  # (row, col, coef, lower, upper) per family
    n_rows = 0

    def add(row: I64, col: I64, coef: I64, lo: I64, up: I64) -> None:
        nonlocal n_rows
        blocks.append((row + n_rows, col, coef, lo, up))
        n_rows += lo.size

    def family(keys: I64, caps: I64, distinct: I64 | None = None) -> None:
        row, col, cap = _rows(keys, caps, distinct)
        add(row, col, np.ones(col.size, np.int64), np.zeros(cap.size, np.int64), cap)

    t_cand, t_need, t_coop = net.t_cand, net.t_need, net.t_coop
    family(t_cand, np.ones(n_c, np.int64))  # rule 3
    family(t_need, net.need_max)  # rule 4
    family(t_coop, net.coop_cap)  # rule 5 (-1: no cap, never binds)
    # Rule 6: members are distinct candidates (a candidate's triples share one seat).
    cand_keys = np.unique(t_cand)
    distinct_opd = np.bincount(net.cand_opd[cand_keys], minlength=len(net.opd_release))
    family(net.cand_opd[t_cand], net.opd_release, distinct_opd.astype(np.int64))
    t_pos = net.cand_position[t_cand]
    has = np.flatnonzero(t_pos >= 0).astype(np.int64)
    if has.size:
        cp = net.cand_position[cand_keys]
        distinct_pos = np.bincount(cp[cp >= 0], minlength=len(net.position_release))
        row, col, cap = _rows(t_pos[has], net.position_release, distinct_pos.astype(np.int64))
        add(row, has[col], np.ones(col.size, np.int64), np.zeros(cap.size, np.int64), cap)
    # covered[n] - Σ x[t in n] <= 0.
    j_of = np.full(len(net.need_role), -1, np.int64)
    j_of[covered] = np.arange(covered.size)
    in_cov = np.flatnonzero(j_of[t_need] >= 0).astype(np.int64)
    row = np.concatenate([np.arange(covered.size), j_of[t_need[in_cov]]])
    col = np.concatenate([n_t + np.arange(covered.size), in_cov])
    coef = np.concatenate([np.ones(covered.size, np.int64), -np.ones(in_cov.size, np.int64)])
    big = np.full(covered.size, -(2**40), np.int64)
    add(row, col, coef, big, np.zeros(covered.size, np.int64))

    rows = np.concatenate([b[0] for b in blocks])
    cols = np.concatenate([b[1] for b in blocks])
    coefs = np.concatenate([b[2] for b in blocks]).astype(np.float64)
    order = np.argsort(rows, kind="stable")
    rows, cols, coefs = rows[order], cols[order], coefs[order]
    start = np.searchsorted(rows, np.arange(n_rows + 1)).astype(np.int32)

    lp = highspy.HighsLp()
    n_cols = n_t + covered.size
    lp.num_col_ = n_cols
    lp.num_row_ = n_rows
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.concatenate([net.t_score, np.full(covered.size, w, np.int64)]).astype(
        np.float64
    )
    lower = np.zeros(n_cols, np.float64)
    lower[list(locked)] = 1.0
    lp.col_lower_ = lower
    lp.col_upper_ = np.concatenate([np.ones(n_t), net.need_min[covered]]).astype(np.float64)
    row_lo = np.concatenate([b[3] for b in blocks]).astype(np.float64)
    lp.row_lower_ = np.where(row_lo < -(2**39), -highspy.kHighsInf, row_lo)
    lp.row_upper_ = np.concatenate([b[4] for b in blocks]).astype(np.float64)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = n_cols
    lp.a_matrix_.num_row_ = n_rows
    lp.a_matrix_.start_ = start
    lp.a_matrix_.index_ = cols.astype(np.int32)
    lp.a_matrix_.value_ = coefs
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_cols
    return lp, w, covered


def run(
    path: str, time_limit_s: float = 60.0, threads: int = 2, *, relaxation: bool = False
) -> dict[str, Any]:
    """Load, build and solve with HiGHS; coverage and fit are recomputed from the solution.

    ``relaxation``: solve the LP relaxation instead (dual simplex). When its optimum
    is integral (``fractional == 0``) it is also an optimum of the MIP.
    """
    try:
        import highspy
    except ImportError:
        return {"status": "not installed"}
    import penempatan as pn

    t0 = time.perf_counter()
    scenario = pn.load_scenario(path)
    t1 = time.perf_counter()
    net = pn.build_network(scenario)
    locked = _lock_triples(net)
    t2 = time.perf_counter()
    if locked is None:
        return {"status": "INFEASIBLE"}
    lp, w, _ = build_lp(net, locked)
    if relaxation:
        lp.integrality_ = []
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit_s))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.99)
    h.setOptionValue("threads", threads)
    h.setOptionValue("random_seed", 0)
    h.passModel(lp)
    t3 = time.perf_counter()
    h.run()
    t4 = time.perf_counter()
    ms = h.getModelStatus()
    info = h.getInfo()
    name = h.modelStatusToString(ms)
    sol = np.asarray(h.getSolution().col_value[: net.n_triples])
    has_sol = sol.size == net.n_triples and info.primal_solution_status == 2
    out: dict[str, Any] = {
        "status": "OPTIMAL" if ms == highspy.HighsModelStatus.kOptimal else name,
        "relaxation": relaxation,
        "n_cols": int(lp.num_col_),
        "n_rows": int(lp.num_row_),
        "nodes": int(info.mip_node_count),
        "timings": {
            "validation_s": t1 - t0,
            "network_s": t2 - t1,
            "model_s": t3 - t2,
            "solve_s": t4 - t3,
        },
    }
    if has_sol:
        sel = np.flatnonzero(sol > 0.5).astype(np.int64)
        cov, fit = _objective(net, sel)
        bound = float(info.objective_function_value if relaxation else info.mip_dual_bound)
        out["fractional"] = int(((sol > 1e-6) & (sol < 1 - 1e-6)).sum())
        out.update(
            coverage=cov,
            fit=fit,
            bound_coverage=int(bound // w),
            bound_fit=round(bound - w * (bound // w)),
            gap=0.0 if relaxation else float(info.mip_gap),
        )
    return out


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    rest = [a for a in argv[1:] if a != "--lp"]
    limit = float(rest[0]) if rest else 60.0
    print(json.dumps(run(argv[0], limit, relaxation="--lp" in argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

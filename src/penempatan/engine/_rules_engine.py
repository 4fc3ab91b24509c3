"""The engine of record for scenarios with local rules: CP-SAT, started and bounded by the flow.

Local rules break the network structure that makes the min-cost flow exact,
so a scenario with rules is solved as the CP-SAT model of
:mod:`penempatan.engine._cpsat`, in this order:

1. the flow optimum *without* the rules: an upper bound on (coverage, fit)
   that any plan under the rules can only meet or fall short of;
2. a start: the better of the flow optimum repaired to hold the rules and
   the greedy from the locks alone (both
   :func:`penempatan.engine._rule_start.repaired_start`; the plan's
   ``solver.parameters["start"]`` says which); a start that meets the flow
   bound is proven optimal at once;
3. on a large network (more than :data:`MIN_PRICED_TRIPLES` triples), the
   LP bound of :mod:`penempatan.engine._rules_lp`, which sees the rules: the
   LP relaxation with ``Σ covered`` at the flow's coverage bound, by column
   generation from each candidate's :data:`PRICED_PER_CANDIDATE` triples of
   least reduced cost in the flow (and the start's), within
   :data:`LP_SHARE` of the time left. It tightens the bound, its rounded
   solution repaired is a third start, and its reduced costs bound what a
   plan placing any one triple can reach;
4. without that LP (above :data:`LP_MAX_TRIPLES` triples, or when it could
   not run) on a network that large, the search of
   :mod:`penempatan.engine._rules_lns` for the required seats the start
   leaves empty, kecamatan by kecamatan (at 850 × 12,000 it fills the 15
   seats the greedy start misses); there, it and CP-SAT's search of step 5
   each spend at most a deterministic-time budget of
   :data:`LNS_DETERMINISTIC_PER_S` / :data:`SEARCH_DETERMINISTIC_PER_S` per
   second of the time limit (one worker), so the plan does not depend on
   the machine's load unless the wall clock runs out first;
5. CP-SAT from that start, hinted on *every* variable (placements, coverage
   counters, the ``staffed`` literals: a partial hint is lost in presolve),
   within what is left of the wall-clock ``time_limit_s``; on a large network
   over the priced triples, the LP's columns and the triples of LP reduced
   cost above ``-LP_MARGIN``, with ``Σ covered`` fixed at the coverage bound
   while the LP holds (a plan short of it is worth less than any plan that
   meets it; when none meets it in the model, CP-SAT searches them all), then
   pricing in the left-out triples that could still beat the best plan: a
   plan using a left-out triple ``t`` is worth at most the flow bound minus
   ``t``'s reduced cost, and at most ``W · coverage bound`` plus the LP bound
   plus ``t``'s LP reduced cost, so a proof over the priced triples is a
   proof for the whole network; while the coverage is fixed and the best plan
   meets it, the model holds only the plans at least as good as that plan
   (reduced-cost fixing by the LP's duals: the triples no such plan places
   are left out, the candidates every such plan places must be placed;
   :func:`_at_least_as_good`), which at 300 × 4,000 shrinks CP-SAT's model
   by about 40 % and its proof from 24 s unfinished to 11 s; the first of
   these proofs asks only for a plan strictly better than the start, unhinted
   (:data:`BEAT_THE_START`), and one that finds none proves the start;
6. when CP-SAT proves infeasibility, a minimal conflict among locks, floors
   and rules (:func:`penempatan.engine._cpsat.minimal_conflict`).

A plan is returned whenever one is known: CP-SAT's best, or the start if
CP-SAT stopped without one (status ``FEASIBLE``), with the tightest bound
known.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from penempatan._progress import SILENT, Reporter
from penempatan._status import Status
from penempatan.engine._flow import solve_flow
from penempatan.engine._objective import lexicographic_weight, objective_of, weighted_value
from penempatan.engine._rules_lp import LpBound, column_generation, lp_rows
from penempatan.rules._network import IntArray, Network, restricted
from penempatan.rules._rule_groups import RuleGroup, rule_groups

#: Seconds CP-SAT may take without a time limit (a bounded run is still a valid plan).
DEFAULT_TIME_LIMIT_S = 120.0
#: Seconds kept for the conflict search when the rules are infeasible.
CONFLICT_TIME_S = 20.0
#: Triples per candidate, least reduced cost first, in the first priced model.
PRICED_PER_CANDIDATE = 6
#: Networks up to this many triples, or this share priced, are solved whole.
MIN_PRICED_TRIPLES = 20_000
MAX_PRICED_SHARE = 0.5
#: Share of the time left that the LP bound may take (:mod:`penempatan.engine._rules_lp`).
LP_SHARE = 0.45
#: Networks up to this many usable triples get the LP bound (at 850 × 12,000, 3.5 M
#: triples, its rows take 10 s and the process peaks at 3.5 GB; the search of
#: ``_rules_lns`` serves there).
LP_MAX_TRIPLES = 1_000_000
#: Fit points: the triples a plan within this of the LP's value could place join at once.
LP_MARGIN = 4
#: Share of the time left for the search near the LP's optimum that improves the start (at
#: 300 × 4,000 it needs 1-4 s to be proven within its neighbourhood, and the better its plan,
#: the smaller the last model: :func:`_at_least_as_good`).
NEIGHBOURHOOD_SHARE = 0.2
#: Seconds that must be left for the LP to run (set-up and three rounds take about 2.5 s at
#: 300 × 4,000; with a 5 s limit its first round's rounding gives 531 seats where the greedy
#: gives 521).
LP_MIN_LEFT_S = 2.5
#: The first proof with the LP asks CP-SAT for a plan strictly better than the start: the
#: model holds only the plans that could beat it (reduced-cost fixing at the start's fit plus
#: one), without a hint, and a model with no plan proves the start optimal over its triples.
#: Measured at 300 × 4,000 on six generated scenarios, that proof took 3.3-10.5 s where the
#: hinted proof of every plan at least as good took 3.3-11.4 s (39.5 s against 45.9 s in
#: all); with a hint, or with the objective bounded below as well, it took longer. After
#: pricing the best plan is CP-SAT's own optimum, and the hinted proof is the faster one.
BEAT_THE_START = True
#: At most this many of those triples join at once (highest bound first).
LP_NEAR_MAX = 10_000
#: Fit points: the LP stops once its bound is within this of its value.
LP_SLACK = 1
#: Without the LP: the share of the time left that the search for empty required seats may
#: take on the wall clock (:mod:`penempatan.engine._rules_lns`; about 20 s of 120 at
#: 850 × 12,000), and the CP-SAT deterministic seconds, per second of the time limit, that it
#: and then the last search may spend (a deterministic second took about 3 s of wall clock
#: there, on 2 shared cores, and the last search found nothing in 12). Deterministic budgets
#: make the plan the same on any load.
LNS_SHARE = 0.5
LNS_DETERMINISTIC_PER_S = 0.1
SEARCH_DETERMINISTIC_PER_S = 0.05


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


def _priced_set(net: Network, rc: IntArray, must: IntArray, per_candidate: int) -> IntArray:
    """Each candidate's ``per_candidate`` triples of least reduced cost, and ``must``."""
    order = np.lexsort((rc, net.t_cand))
    tc = net.t_cand[order]
    first = np.searchsorted(tc, tc, side="left")
    rank = np.arange(order.size) - first
    chosen = np.zeros(net.n_triples, bool)
    chosen[order[rank < per_candidate]] = True
    chosen[must] = True
    chosen[rc < 0] = True
    return np.flatnonzero(chosen).astype(np.int64)


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
    reporter: Reporter = SILENT,
    time_limit_s: float | None = None,
) -> RulesResult:
    """Maximise coverage, then fit, under every rule of the spec (module docstring).

    ``deadline`` is a :func:`time.monotonic` instant (None: no limit beyond
    :data:`DEFAULT_TIME_LIMIT_S` for CP-SAT). ``reporter`` hears CP-SAT's progress,
    and its cancel stops the search (the best plan known is kept, as with the clock).
    ``time_limit_s`` is the caller's limit (None: :data:`DEFAULT_TIME_LIMIT_S`), from which
    the deterministic budgets used without the LP bound are derived.
    """
    from penempatan.engine._cpsat import (
        DEFAULT_PARAMETERS,
        add_linear,
        build_model,
        minimal_conflict,
        solve_model,
    )
    from penempatan.engine._rule_start import repaired_start, within_capacities

    def left() -> float:
        if deadline is None:
            return DEFAULT_TIME_LIMIT_S
        return max(0.05, deadline - time.monotonic())

    groups = rule_groups(net)
    w = lexicographic_weight(net)
    flow_res = solve_flow(net, locked, with_reduced_costs=True)
    flow = flow_res.selected
    rc = flow_res.reduced_cost
    assert rc is not None
    cov, fit = objective_of(net, flow)
    upper = w * cov + fit
    # Triples of locked candidates other than their locks can never be used.
    usable = np.ones(net.n_triples, bool)
    lock_arr = np.array(locked, dtype=np.int64)
    if lock_arr.size:
        locked_cand = np.zeros(len(net.scenario.candidates), bool)
        locked_cand[net.t_cand[lock_arr]] = True
        usable = ~locked_cand[net.t_cand]
        usable[lock_arr] = True
    n_usable = int(np.count_nonzero(usable))
    with_lp = MIN_PRICED_TRIPLES < n_usable <= LP_MAX_TRIPLES and left() >= LP_MIN_LEFT_S
    start: IntArray | None = None
    source: Literal["plan", "min_cost_flow"] | None = None
    start_kind: str | None = None
    if hint is not None:
        start, source = repaired_start(net, groups, hint, locked), "plan"
    elif warm_start:
        start, source = repaired_start(net, groups, flow, locked), "min_cost_flow"
        start_kind = "repaired_flow"
        # The greedy from the locks alone is another start (with the LP, only if it fails).
        if not with_lp:
            start, start_kind = _greedy_start(net, groups, locked, w, start, start_kind)
    best_value: int | None = None
    if start is not None:
        best_value = weighted_value(net, w, start)
        if best_value == upper:  # meets the bound without the rules: optimal
            found: dict[str, Any] = {"proof": "flow_bound"}
            if start_kind is not None:
                found["start"] = start_kind
            return RulesResult(Status.OPTIMAL, start, upper, upper, w, None, source, found)
    must = np.concatenate([lock_arr, flow, np.zeros(0, np.int64) if start is None else start])
    keep = np.flatnonzero(usable)
    # Per triple t: a bound on the value of any plan placing t (flow duality, then the LP's).
    out_value = upper - rc
    lp_found: LpBound | None = None
    if n_usable > MIN_PRICED_TRIPLES:
        keep = _priced_set(net, np.where(usable, rc, upper + 1), must, PRICED_PER_CANDIDATE)
        keep = keep[usable[keep]]
    if with_lp:
        lp = lp_rows(net, groups, locked, cov)
        lp_deadline = time.monotonic() + LP_SHARE * left()
        lp_found = column_generation(lp, keep, deadline=lp_deadline, margin=LP_MARGIN,
                                     slack=LP_SLACK)  # fmt: skip
    if lp_found is not None:
        # A plan of coverage cov has at most the LP's fit; one below cov is worth at most
        # w·cov - 1 (a negative LP bound: no plan reaches cov).
        upper = min(upper, w * cov + max(lp_found.fit, -1))
        out_value = np.minimum(out_value, w * cov + np.maximum(lp_found.fit_with(), -1))
        # The triples a plan within LP_MARGIN of the LP's value could place join at once.
        reach = math.floor(lp_found.lp_value + 1e-6) - LP_MARGIN
        with_t = lp_found.fit_with()
        near = np.flatnonzero(usable & (with_t >= reach))
        if near.size > LP_NEAR_MAX:  # a loose bound: the most promising only, the rest priced
            near = np.sort(near[np.argsort(-with_t[near], kind="stable")[:LP_NEAR_MAX]])
        keep = np.union1d(keep, np.union1d(lp_found.columns, near))
        if warm_start and hint is None:
            from_lp = within_capacities(net, np.concatenate([lock_arr, lp_found.placed]))
            rounded = repaired_start(net, groups, from_lp, locked)
            if rounded is not None and (
                start is None or weighted_value(net, w, rounded) > weighted_value(net, w, start)
            ):
                start, start_kind = rounded, "lp_rounding"
        if start is not None:
            best_value = weighted_value(net, w, start)
            if best_value >= upper:  # meets the LP bound: optimal
                found = {"proof": "lp_bound", "lp_rounds": lp_found.rounds}
                if start_kind is not None:
                    found["start"] = start_kind
                return RulesResult(Status.OPTIMAL, np.sort(start), best_value, upper, w, None,
                                   source, found)  # fmt: skip
        if warm_start and hint is None and start is not None:
            start, start_kind = _neighbourhood(net, keep, lp_found.integral, locked, cov, w,
                                               start, start_kind, NEIGHBOURHOOD_SHARE * left(),
                                               seed)  # fmt: skip
    elif with_lp and warm_start and hint is None:
        start, start_kind = _greedy_start(net, groups, locked, w, start, start_kind)
    limit_s = DEFAULT_TIME_LIMIT_S if time_limit_s is None else time_limit_s
    # Without the LP bound on a large network, the search spends deterministic budgets.
    det_left: float | None = None
    if lp_found is None and n_usable > MIN_PRICED_TRIPLES and workers == 1:
        det_left = SEARCH_DETERMINISTIC_PER_S * limit_s
        if start is not None:
            start, start_kind = _fill_short(net, groups, start, start_kind, locked, keep, w,
                                            seed, time.monotonic() + LNS_SHARE * left(),
                                            LNS_DETERMINISTIC_PER_S * limit_s, cov)  # fmt: skip
    if start is not None:
        keep = np.union1d(keep, start)
    params: dict[str, Any] = {}
    # With the LP's bound, CP-SAT first searches the plans that meet the coverage bound.
    fix_coverage = lp_found is not None
    selected: IntArray | None = start
    bound = upper
    proven = False
    priced = False
    while True:
        in_keep = np.zeros(net.n_triples, bool)
        in_keep[keep] = True
        # With the LP and a plan meeting the coverage bound, the model holds only the plans
        # at least as good as it: the triples and unplaced candidates that cannot be in one
        # are left out (reduced-cost fixing, :func:`_at_least_as_good`). The first proof
        # asks for a plan strictly better than the start, unhinted (see BEAT_THE_START).
        model_keep, must_place = keep, np.zeros(0, np.int64)
        strictly = False
        if fix_coverage and lp_found is not None and selected is not None:
            strictly = BEAT_THE_START and not priced and objective_of(net, selected)[0] >= cov
            model_keep, must_place = _at_least_as_good(net, keep, selected, lp_found, cov,
                                                       strictly=strictly)  # fmt: skip
        where = np.full(net.n_triples, -1, np.int64)
        where[model_keep] = np.arange(model_keep.size)
        sub = restricted(net, model_keep)
        model = build_model(sub, tuple(int(where[t]) for t in locked), groups=rule_groups(sub),
                            weight=w)  # fmt: skip
        if fix_coverage:  # Σ covered = cov: a plan short of it is worse than one that meets it
            n_cov = model.covered_needs.size
            add_linear(model, [sub.n_triples + j for j in range(n_cov)], [1] * n_cov, cov, cov)
        _place_each(model, sub, must_place)
        run_parameters = parameters
        if det_left is not None:
            run_parameters = dict(DEFAULT_PARAMETERS if parameters is None else parameters)
            run_parameters.setdefault("max_deterministic_time", max(0.01, det_left))
        res = solve_model(
            model,
            time_limit_s=left(),
            seed=seed,
            workers=workers,
            hint=None if selected is None or strictly else where[selected],
            parameters=run_parameters,
            reporter=reporter,
        )
        if strictly and res.status is Status.INFEASIBLE:  # no plan of keep beats the start
            res = replace(res, status=Status.OPTIMAL, bound=int(best_value or 0))
        if det_left is not None:
            det_left -= res.deterministic_s
        params = dict(res.parameters)
        if det_left is not None and "max_deterministic_time" not in (parameters or {}):
            params["max_deterministic_time"] = SEARCH_DETERMINISTIC_PER_S * limit_s  # the budget
        if start_kind is not None:
            params["start"] = start_kind
        if lp_found is not None:
            params["lp_rounds"] = lp_found.rounds
        whole = keep.size == n_usable
        if fix_coverage and res.status in (Status.INFEASIBLE, Status.UNKNOWN):
            fix_coverage = False  # no plan meeting the coverage bound known: search them all
            if left() > 0.05 and not reporter.cancelled:
                continue
        if res.status is Status.INFEASIBLE:
            if not whole:  # the left-out triples may be needed: solve the whole network
                keep = np.flatnonzero(usable)
                continue
            core_model = build_model(net, _lock_triples(net), groups=groups, assumptions=True)
            budget = CONFLICT_TIME_S if deadline is None else left()
            conflict = minimal_conflict(core_model, time_limit_s=budget)
            return RulesResult(Status.INFEASIBLE, np.zeros(0, np.int64), None, None, w, conflict,
                               source, _audit(params))  # fmt: skip
        better = res.objective is not None and (best_value is None or res.objective > best_value)
        if res.status.has_solution and better:
            best_value, selected = res.objective, model_keep[res.selected]
        # A plan using a left-out triple t is worth at most out_value[t].
        sub_bound = res.bound if res.status.has_solution else upper
        if strictly and res.status.has_solution:  # the plans left out are no better than it
            sub_bound = max(sub_bound, int(best_value or 0))
        out = usable & ~in_keep
        if out.any():
            sub_bound = max(sub_bound, int(out_value[out].max()))
        bound = min(upper, sub_bound)
        proven = best_value is not None and best_value >= bound
        stop = reporter.cancelled or left() <= 0.05 or (det_left is not None and det_left <= 0)
        if proven or whole or res.status is not Status.OPTIMAL or stop:
            break
        # Price: the left-out triples that could still beat the best plan join.
        entering = out & (out_value > (best_value or 0))
        keep = np.union1d(keep, np.flatnonzero(entering))
        priced = True
    if selected is None:
        return RulesResult(Status.UNKNOWN, np.zeros(0, np.int64), None, None, w, None, source,
                           _audit(params))  # fmt: skip
    status = Status.OPTIMAL if proven else Status.FEASIBLE
    return RulesResult(status, np.sort(selected), best_value, bound, w, None, source,
                       _audit(params))  # fmt: skip


def _at_least_as_good(
    net: Network, keep: IntArray, plan: IntArray, lp: LpBound, cov: int, *, strictly: bool
) -> tuple[IntArray, IntArray]:
    """The triples of ``keep`` that a plan of coverage ``cov`` as good as ``plan`` (with
    ``strictly``: better than ``plan``) may place, and the candidates every such plan
    places (both empty of effect when ``plan`` is short of ``cov``).

    By the LP's duals (:class:`~penempatan.engine._rules_lp.LpBound`), a plan placing
    triple ``t`` has fit at most ``fit_with()[t]`` and one leaving candidate ``c`` unplaced
    at most ``value − y_c``: where that is below ``plan``'s fit (plus one, ``strictly``),
    no such plan does it. Without ``strictly``, ``plan`` itself stays in the model (its
    triples are never left out and it places every candidate returned), so it is still a
    feasible hint; with it, ``plan`` may be cut off, and every plan of ``keep`` that the
    model cuts off is worth no more than ``plan``.
    """
    cov_plan, fit = objective_of(net, plan)
    if cov_plan < cov:
        return keep, np.zeros(0, np.int64)
    target = fit + 1 if strictly else fit
    kept = keep[lp.fit_with()[keep] >= target]
    if not strictly:
        kept = np.union1d(kept, plan)
    return kept, lp.placed_by_every(target)


def _place_each(model: Any, sub: Network, candidates: IntArray) -> None:
    """Adds ``Σ x = 1`` over the triples of each candidate in ``candidates`` (scenario
    indices) that has a triple in the model."""
    from penempatan.engine._cpsat import add_linear

    if candidates.size == 0:
        return
    must = np.zeros(len(sub.scenario.candidates), bool)
    must[candidates] = True
    triples = np.flatnonzero(must[sub.t_cand])
    order = np.argsort(sub.t_cand[triples], kind="stable")
    triples = triples[order]
    cands = sub.t_cand[triples]
    cuts = np.flatnonzero(np.diff(cands)) + 1
    for group in np.split(triples, cuts):
        add_linear(model, group.tolist(), [1] * group.size, 1, 1)


def _neighbourhood(
    net: Network,
    keep: IntArray,
    integral: IntArray,
    locked: tuple[int, ...],
    cov: int,
    w: int,
    start: IntArray,
    kind: str | None,
    time_limit_s: float,
    seed: int,
) -> tuple[IntArray, str | None]:
    """The better of ``start`` and CP-SAT's best over ``keep`` with the LP's integral triples
    fixed at 1 and ``Σ covered = cov`` (a short search near the LP's optimum)."""
    from penempatan.engine._cpsat import add_linear, build_model, solve_model

    keep = np.union1d(np.union1d(keep, start), integral)
    where = np.full(net.n_triples, -1, np.int64)
    where[keep] = np.arange(keep.size)
    sub = restricted(net, keep)
    fixed = np.full(keep.size, -1, np.int64)
    fixed[where[integral]] = 1
    model = build_model(sub, tuple(int(where[t]) for t in locked), fixed,
                        groups=rule_groups(sub), weight=w)  # fmt: skip
    n_cov = model.covered_needs.size
    add_linear(model, [sub.n_triples + j for j in range(n_cov)], [1] * n_cov, cov, cov)
    res = solve_model(model, time_limit_s=time_limit_s, seed=seed, workers=1,
                      hint=where[start])  # fmt: skip
    better = res.objective is not None and res.objective > weighted_value(net, w, start)
    if res.status.has_solution and better:
        return np.sort(keep[res.selected]), "lp_neighbourhood"
    return start, kind


def _fill_short(
    net: Network,
    groups: list[RuleGroup],
    start: IntArray,
    kind: str | None,
    locked: tuple[int, ...],
    pool: IntArray,
    w: int,
    seed: int,
    deadline: float,
    deterministic_s: float,
    cov: int,
) -> tuple[IntArray, str | None]:
    """``start`` after the search of :mod:`penempatan.engine._rules_lns` where it is short of
    the coverage bound ``cov`` (unchanged when it meets it or nothing better is found)."""
    from penempatan.engine._rules_lns import fill_short_needs

    if objective_of(net, start)[0] >= cov:
        return start, kind
    found = fill_short_needs(net, groups, start, locked, pool, weight=w, seed=seed,
                             deadline=deadline, total_deterministic_s=deterministic_s)  # fmt: skip
    if found.improved:
        return found.selected, f"{kind}+lns" if kind is not None else "lns"
    return start, kind


def _greedy_start(
    net: Network,
    groups: list[RuleGroup],
    locked: tuple[int, ...],
    w: int,
    start: IntArray | None,
    kind: str | None,
) -> tuple[IntArray | None, str | None]:
    """The better of ``start`` and the greedy from the locks alone, with its kind."""
    from penempatan.engine._rule_start import repaired_start

    greedy = repaired_start(net, groups, np.array(locked, dtype=np.int64), locked)
    if greedy is not None and (
        start is None or weighted_value(net, w, greedy) > weighted_value(net, w, start)
    ):
        return greedy, "greedy"
    return start, kind


def _audit(params: dict[str, Any]) -> dict[str, Any]:
    """CP-SAT parameters for the audit record (time, workers and seed are recorded apart)."""
    out = dict(params)
    for key in ("max_time_in_seconds", "num_workers", "random_seed"):
        out.pop(key, None)
    return out

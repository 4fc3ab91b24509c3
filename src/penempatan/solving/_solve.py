"""``solve()``: the one entry point from a scenario to a plan.

:func:`solve` checks the options, builds the network and resolves the locks,
then takes one engine path, each a function of its own returning a
:class:`_Selection`:

* :func:`_solve_by_flow`: the spec's two levels exactly, by min-cost flow;
* :func:`_solve_by_cpsat`: the same rules as a CP-SAT model, warm-started;
* :func:`_solve_by_rules`: a scenario with local rules (rule 8), which no
  network expresses: CP-SAT started and bounded by the flow
  (:mod:`penempatan.engine._rules_engine`);
* :func:`_solve_levels`: further levels after the spec's optimum (re-planning
  with least disruption, fairness), by min-cost flow where the weights allow,
  else in CP-SAT stages.

The plan is then made by the step :func:`penempatan.evaluate` shares
(:func:`penempatan.solving._finish.finish`).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from penempatan._errors import expect
from penempatan._progress import SILENT, Cancel, ProgressCallback, Reporter
from penempatan._status import Status
from penempatan.engine._flow import solve_flow
from penempatan.engine._locks import resolve_locks
from penempatan.engine._objective import bound_and_gap, lexicographic_weight, objective_of
from penempatan.engine._replan import PreviousPlacements, map_previous, triples_of
from penempatan.engine._rule_conflict import rule_conflict_of
from penempatan.plan import Bound, Conflict, Plan, ReplanReport, StageReport
from penempatan.rules._network import IntArray, Network, build_network
from penempatan.scenario import Scenario
from penempatan.solving._finish import Clock, audit_record, finish

if TYPE_CHECKING:
    # CP-SAT and the staged levels are imported when a solve needs them.
    from penempatan.engine._cpsat import CpSatModel, Describe
    from penempatan.engine._staged import Fairness

Engine = Literal["auto", "flow", "cpsat"]

logger = logging.getLogger("penempatan")

#: Share of the optimal fit that re-planning may give up, by default, to keep placements.
DEFAULT_REPLAN_FIT_TOLERANCE = 0.05
#: Seconds per permitted triple that the search leaves before the deadline for assembling
#: and explaining the plan (measured under rules: 0.6 µs a triple explained at 300 × 4,000,
#: 0.7-1 µs at 850 × 12,000; 0.05 µs assembled alone), and the most of the limit it may take.
FINISH_S_PER_TRIPLE = {True: 1e-6, False: 1e-7}
FINISH_MAX_SHARE = 0.2


def finishing_reserve(n_triples: int, time_limit_s: float, explain: bool) -> float:
    """Seconds of ``time_limit_s`` kept back from the search for what follows it.

    ``time_limit_s`` bounds the whole call: the search stops this much before the
    deadline, so that assembling (and explaining) the best plan known still ends
    within it. At most :data:`FINISH_MAX_SHARE` of the limit.
    """
    return min(FINISH_MAX_SHARE * time_limit_s, FINISH_S_PER_TRIPLE[explain] * n_triples)


@dataclass(frozen=True)
class _Search:
    """How CP-SAT searches: time limit, seed, workers, extra parameters (as ``solve`` got them)."""

    time_limit_s: float | None
    seed: int
    workers: int
    parameters: dict[str, Any] | None
    #: Where the search reports its progress, and whose cancel stops it.
    reporter: Reporter = SILENT
    #: The :func:`time.monotonic` instant the search must end: ``time_limit_s`` from the start
    #: of solve, less what is kept back for assembling and explaining the plan.
    deadline: float | None = None

    def left(self) -> float | None:
        """Seconds left on the wall clock (at least 0.05), or None without a limit."""
        return None if self.deadline is None else max(0.05, self.deadline - time.monotonic())


@dataclass(frozen=True)
class _Selection:
    """What an engine path selected, and how, for the plan and its audit record.

    ``search_began``: when the search itself began, if after building its model
    (building counts as build time, not solve time).
    """

    status: Status
    selected: IntArray
    engine: Literal["flow", "cpsat"]
    parameters: dict[str, Any]
    bound: Bound | None = None
    gap: float | None = None
    stages: tuple[StageReport, ...] = ()
    hint: Literal["plan", "min_cost_flow"] | None = None
    search_began: float | None = None
    conflicts: tuple[Conflict, ...] = ()


def solve(
    scenario: Scenario,
    *,
    time_limit_s: float | None = None,
    seed: int = 0,
    workers: int | None = None,
    engine: Engine = "auto",
    parameters: dict[str, Any] | None = None,
    hint: Plan | None = None,
    previous: Plan | None = None,
    fit_tolerance: float | None = None,
    fairness: Fairness | None = None,
    explain: bool = True,
    warm_start: bool = True,
    progress: ProgressCallback | None = None,
    cancel: Cancel | None = None,
) -> Plan:
    """Place candidates to maximise coverage, then fit, never breaking a rule of the spec.

    ``engine``:

    * ``"auto"`` (default) and ``"flow"`` solve the placement network exactly by
      min-cost flow: every rule of scenario@1 is a capacity of that network, so
      the result is a proven optimum (status ``OPTIMAL``) and is deterministic.
      A scenario with local ``rules`` (rule 8) is no network: ``"auto"`` then
      solves it with CP-SAT, started from the flow optimum repaired to hold
      the rules and bounded by that optimum; ``"flow"`` refuses it.
    * ``"cpsat"`` solves the same rules as a CP-SAT model (:func:`build_model`),
      honouring ``time_limit_s``, ``seed``, ``workers`` (default 1, which keeps
      runs deterministic), extra CP-SAT ``parameters`` and a ``hint`` plan.
      Without a ``hint`` (and with ``warm_start``, the default) the min-cost
      flow optimum is the hint, so CP-SAT starts from the optimum and only has
      to prove it; ``warm_start=False`` measures CP-SAT on its own.

    Further levels, each after the spec's optimal coverage (never given up) and
    within ``fit_tolerance`` (a share of the optimal fit that may be given up):

    * ``previous``: re-plan with least disruption: keep as many of the previous
      plan's placements as possible (default tolerance
      :data:`DEFAULT_REPLAN_FIT_TOLERANCE`; 1.0 lets fit give way freely). The
      plan's ``replan`` report separates forced changes from chosen ones.
    * ``fairness``: share the release burden across OPD and/or spread coverage
      across kecamatan (:class:`Fairness`; default tolerance 0, so the spec's
      optimum holds exactly and fairness only breaks ties).

    ``time_limit_s`` bounds the whole call on the wall clock; a CP-SAT solve
    stopped by it returns the best plan known (status ``FEASIBLE``, with its
    bound and gap) whenever one is known.

    Locks (or local rules, locks and floors) that cannot hold together give status
    ``INFEASIBLE`` and the plan's ``conflicts`` name minimal sets of the scenario's
    own conflicting constraints.

    With ``explain`` (default) every assignment, unplaced candidate and short need
    carries its reasons (:func:`penempatan.explain_plan`).

    ``progress`` is called with a :class:`penempatan.Progress` at each stage and
    on each better CP-SAT solution; ``cancel`` (a :class:`penempatan.Cancel`)
    stops the solve early from another thread, returning the best plan found
    (status ``FEASIBLE``; the exact rules are in :mod:`penempatan._progress`).
    """
    _check_arguments(
        scenario,
        time_limit_s=time_limit_s,
        seed=seed,
        workers=workers,
        engine=engine,
        parameters=parameters,
        hint=hint,
        previous=previous,
        fit_tolerance=fit_tolerance,
        fairness=fairness,
        explain=explain,
        warm_start=warm_start,
    )
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be callable, not {type(progress).__name__}")
    if cancel is not None and not isinstance(cancel, Cancel):
        raise TypeError(f"cancel must be a penempatan.Cancel, not {type(cancel).__name__}")
    tolerance = (
        fit_tolerance
        if fit_tolerance is not None
        else (DEFAULT_REPLAN_FIT_TOLERANCE if previous is not None else 0.0)
    )
    if engine == "flow" and (fairness is not None or (previous is not None and tolerance < 1.0)):
        raise ValueError("fairness, and re-planning within a fit tolerance, need engine 'cpsat'")
    if engine == "flow" and scenario.rules:
        raise ValueError(
            "local rules are not a network: a scenario with rules needs engine 'cpsat'"
        )
    n_workers = 1 if workers is None else workers
    run_utc = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    began = time.perf_counter()
    deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
    reporter = Reporter(progress, cancel)
    reporter.report("network")
    net = build_network(scenario)
    reporter.report("locks")
    locks = resolve_locks(net)
    built = time.perf_counter()
    prev = map_previous(net, previous) if previous is not None else None
    if deadline is not None and time_limit_s is not None:
        deadline -= finishing_reserve(net.n_triples, time_limit_s, explain)
    search = _Search(time_limit_s, seed, n_workers, parameters, reporter, deadline)
    found: _Selection
    used: Literal["flow", "cpsat"] = "cpsat" if engine == "cpsat" or scenario.rules else "flow"
    if locks.conflicts:
        found = _Selection(Status.INFEASIBLE, np.zeros(0, np.int64), used, {})
    elif reporter.cancelled:  # before any plan: there is none to return
        found = _Selection(Status.UNKNOWN, np.zeros(0, np.int64), used, {})
    elif fairness is not None or prev is not None:
        found = _solve_levels(
            net,
            locks.triples,
            search,
            engine=engine,
            prev=prev,
            fairness=fairness,
            tolerance=tolerance,
        )
    elif scenario.rules:
        found = _solve_by_rules(net, locks.triples, search, hint=hint, warm_start=warm_start)
    elif engine == "cpsat":
        found = _solve_by_cpsat(net, locks.triples, search, hint=hint, warm_start=warm_start)
    else:
        reporter.report("flow")
        found = _solve_by_flow(net, locks.triples)
    solved = time.perf_counter()
    solver = audit_record(
        found.engine,
        seed=seed,
        workers=n_workers,
        time_limit_s=time_limit_s,
        parameters=found.parameters,
        hint=found.hint,
    )
    conflicts = tuple(
        Conflict(constraints=c.constraints, message=c.message) for c in locks.conflicts
    )
    conflicts += found.conflicts

    def levels_reported(plan: Plan) -> Plan:
        update: dict[str, Any] = {"stages": found.stages}
        if previous is not None and prev is not None:
            update["replan"] = _replan_report(previous, plan, prev, tolerance)
        return plan.model_copy(update=update)

    if explain:
        coverage, fit = objective_of(net, found.selected)
        reporter.report("explain", coverage=coverage, fit=fit)
    plan = finish(
        scenario,
        net,
        found.status,
        found.selected,
        solver=solver,
        bound=found.bound,
        gap=found.gap,
        conflicts=conflicts,
        amend=levels_reported,
        explain=explain,
        clock=Clock(began, found.search_began or built, solved, run_utc),
    )
    logger.info(
        "solved %d candidates, %d cooperatives: %s, coverage %d of %d, %d placements, %.3f s",
        len(scenario.candidates),
        len(scenario.cooperatives),
        plan.status.value,
        plan.coverage,
        plan.required_seats,
        len(plan.assignments),
        solved - began if plan.timings is None else plan.timings.total_s,
    )
    reporter.report("done", coverage=plan.coverage, fit=plan.fit, gap=plan.gap)
    return plan


def _solve_by_flow(net: Network, locked: tuple[int, ...]) -> _Selection:
    """The spec's optimum by min-cost flow: proven, so the bound is the plan's own value."""
    selected = solve_flow(net, locked).selected
    cov, fit = objective_of(net, selected)
    return _Selection(
        Status.OPTIMAL,
        selected,
        "flow",
        {"algorithm": "min_cost_flow"},
        bound=Bound(coverage=cov, fit=fit),
        gap=0.0,
    )


def _solve_by_cpsat(
    net: Network,
    locked: tuple[int, ...],
    search: _Search,
    *,
    hint: Plan | None,
    warm_start: bool,
) -> _Selection:
    """The spec's optimum by CP-SAT, from the caller's hint or (warm start) the flow optimum.

    CP-SAT gets what is left of the wall-clock limit; stopped before it found a
    plan, the flow optimum it started from is returned (proven by the flow).
    When the limit is over before the model is built, the model is not built:
    the flow optimum is returned at once (``parameters["search"]`` says so).
    Cancelled before CP-SAT reported a solution, the flow optimum it started from
    (feasible by construction) is the best plan found: ``FEASIBLE``, no bound claimed.
    """
    from penempatan.engine._cpsat import build_model as build_cpsat_model
    from penempatan.engine._cpsat import solve_model

    reporter = search.reporter
    hinted: IntArray | None = None
    if hint is not None:
        hinted = triples_of(net, hint)
    elif warm_start:
        reporter.report("flow")
        hinted = solve_flow(net, locked).selected
    over = search.deadline is not None and time.monotonic() >= search.deadline
    if hint is None and hinted is not None and over:
        cov, fit = objective_of(net, hinted)
        params = {**_cpsat_parameters(search.parameters), "search": "skipped: time limit"}
        return _Selection(
            Status.OPTIMAL,
            hinted,
            "cpsat",
            params,
            bound=Bound(coverage=cov, fit=fit),
            gap=0.0,
            hint="min_cost_flow",
        )
    model = build_cpsat_model(net, locked)
    began = time.perf_counter()
    reporter.report("cpsat")
    result = solve_model(
        model,
        time_limit_s=search.left(),
        seed=search.seed,
        workers=search.workers,
        hint=hinted,
        parameters=search.parameters,
        reporter=reporter,
        describe=_describe(net),
    )
    status, selected = result.status, result.selected
    bound: Bound | None = None
    gap: float | None = None
    status, selected = result.status, result.selected
    if status.has_solution:  # UNKNOWN has no proof to report: bound stays None
        bound, gap = bound_and_gap(net, result.objective, result.bound)
    elif reporter.cancelled and hint is None and hinted is not None:
        status, selected = Status.FEASIBLE, hinted
    elif status is Status.UNKNOWN and hint is None and hinted is not None:
        status, selected = Status.OPTIMAL, hinted
        cov, fit = objective_of(net, selected)
        bound, gap = Bound(coverage=cov, fit=fit), 0.0
    source: Literal["plan", "min_cost_flow"] | None = None
    if hinted is not None:
        source = "plan" if hint is not None else "min_cost_flow"
    return _Selection(
        status,
        selected,
        "cpsat",
        _cpsat_parameters(search.parameters),
        bound=bound,
        gap=gap,
        hint=source,
        search_began=began,
    )


def _solve_by_rules(
    net: Network,
    locked: tuple[int, ...],
    search: _Search,
    *,
    hint: Plan | None,
    warm_start: bool,
) -> _Selection:
    """The spec's optimum under local rules (:mod:`penempatan.engine._rules_engine`)."""
    from penempatan.engine._rules_engine import solve_with_rules

    began = time.perf_counter()
    ruled = solve_with_rules(
        net,
        locked,
        deadline=search.deadline,
        seed=search.seed,
        workers=search.workers,
        parameters=search.parameters,
        hint=None if hint is None else triples_of(net, hint),
        warm_start=warm_start,
        reporter=search.reporter,
        time_limit_s=search.time_limit_s,
    )
    bound: Bound | None = None
    gap: float | None = None
    if ruled.status.has_solution and ruled.bound is not None:
        bound, gap = bound_and_gap(net, ruled.objective, ruled.bound)
    conflicts = () if ruled.conflict is None else (rule_conflict_of(net, ruled.conflict),)
    return _Selection(
        ruled.status,
        ruled.selected,
        "cpsat",
        ruled.parameters,
        bound=bound,
        gap=gap,
        hint=ruled.hint,
        search_began=began,
        conflicts=conflicts,
    )


def _solve_levels(
    net: Network,
    locked: tuple[int, ...],
    search: _Search,
    *,
    engine: Engine,
    prev: PreviousPlacements | None,
    fairness: Fairness | None,
    tolerance: float,
) -> _Selection:
    """The spec's optimum, then kept placements and/or fairness within the fit tolerance.

    Re-planning alone with fit free to give way (tolerance 1) is exact by
    min-cost flow unless CP-SAT is asked for; everything else is solved in
    CP-SAT stages from the flow optimum (or the flow plan that keeps the most of
    the previous placements, when it keeps the fit within the tolerance). The
    bound reported is the spec's optimum, which no level gives up. Cancelled
    after the flow, the spec's optimum is returned with its levels not run (``FEASIBLE``).
    """
    ruled = None
    if net.scenario.rules:  # the optimum under the rules is where the levels start
        half = None if search.deadline is None else time.monotonic() + (search.left() or 0) / 2
        half_limit = None if search.time_limit_s is None else search.time_limit_s / 2
        ruled = _solve_by_rules(net, locked,
                                replace(search, deadline=half, time_limit_s=half_limit),
                                hint=None, warm_start=True)  # fmt: skip
        if not ruled.status.has_solution:
            return ruled
    search.reporter.report("flow")
    flow = solve_flow(net, locked, with_reduced_costs=ruled is None)
    base = flow.selected if ruled is None else ruled.selected
    cov, fit = objective_of(net, base)
    bound = Bound(coverage=cov, fit=fit) if ruled is None else ruled.bound
    params: dict[str, Any] = {"fit_tolerance": tolerance}
    if fairness is not None:
        params["fairness"] = {
            "opd_burden": fairness.opd_burden,
            "kecamatan_coverage": fairness.kecamatan_coverage,
        }
    exact_flow = ruled is None  # the flow's shortcuts and fixing hold only without rules
    if (
        prev is not None
        and fairness is None
        and tolerance >= 1.0
        and engine != "cpsat"
        and exact_flow
    ):
        by_flow = _replan_by_flow(net, locked, prev.keepable)
        if by_flow is not None:
            params["levels"] = ["coverage", "kept_placements", "fit"]
            return _Selection(Status.OPTIMAL, by_flow, "flow", params, bound=bound, gap=0.0)

    if search.reporter.cancelled:
        return _Selection(Status.FEASIBLE, base, "flow", params, bound=bound)

    from penempatan.engine._staged import solve_staged

    start = base
    if prev is not None and prev.keepable.size and exact_flow:
        # The previous plan seeds the search: the flow plan that keeps the most of
        # its placements, used when it also keeps the fit within the tolerance.
        seeded = _replan_by_flow(net, locked, prev.keepable)
        min_fit = math.ceil((1.0 - tolerance) * fit - 1e-9)
        if seeded is not None and objective_of(net, seeded)[1] >= min_fit:
            start = seeded
    result = solve_staged(
        net,
        locked,
        start=start,
        reduced_cost=None if engine == "cpsat" or not exact_flow else flow.reduced_cost,
        coverage=cov,
        fit=fit,
        fit_tolerance=tolerance,
        keep=None if prev is None else prev.keepable,
        fairness=fairness,
        time_limit_s=search.left(),
        seed=search.seed,
        workers=search.workers,
        parameters=search.parameters,
        reporter=search.reporter,
    )
    stages = tuple(
        StageReport(name=st.name, status=st.status, start=st.start, value=st.value, bound=st.bound)
        for st in result.stages
    )
    params.update(_cpsat_parameters(search.parameters))
    status = result.status
    if ruled is not None and ruled.status is not Status.OPTIMAL and status is Status.OPTIMAL:
        status = Status.FEASIBLE  # the levels are proven, the rules' optimum below them is not
    return _Selection(
        status,
        result.selected,
        "cpsat",
        params,
        bound=bound,
        gap=0.0 if status is Status.OPTIMAL else ruled.gap if ruled is not None else None,
        stages=stages,
    )


def _describe(net: Network) -> Describe:
    """CP-SAT's weighted objective and bound as coverage, fit, their bounds and the gap."""
    w = lexicographic_weight(net)

    def describe(objective: int, bound: int) -> dict[str, int | float | None]:
        b, gap = bound_and_gap(net, objective, bound)
        return {
            "coverage": objective // w,
            "fit": objective % w,
            "bound_coverage": b.coverage,
            "bound_fit": b.fit,
            "gap": gap,
        }

    return describe


def _check_arguments(
    scenario: object,
    *,
    time_limit_s: object,
    seed: object,
    workers: object,
    engine: object,
    parameters: object,
    hint: object,
    previous: object,
    fit_tolerance: object,
    fairness: object,
    explain: object,
    warm_start: object,
) -> None:
    """``TypeError`` or ``ValueError`` naming the first argument of :func:`solve` that is
    wrong, before any work."""
    from penempatan.engine._cpsat import MAX_SEED, MAX_WORKERS, check_parameters

    def whole(value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    if not isinstance(scenario, Scenario):
        raise TypeError(
            f"scenario must be a Scenario (pn.load_scenario, pn.parse_scenario), "
            f"not {type(scenario).__name__}"
        )
    if engine not in ("auto", "flow", "cpsat"):
        raise ValueError(f"engine must be 'auto', 'flow' or 'cpsat', not {engine!r}")
    if not whole(seed):
        raise TypeError(f"seed must be a whole number, not {type(seed).__name__}")
    if not 0 <= seed <= MAX_SEED:  # type: ignore[operator]
        raise ValueError(f"seed must be within 0 and {MAX_SEED}, not {seed}")
    if workers is not None:
        if not whole(workers):
            raise TypeError(f"workers must be a whole number, not {type(workers).__name__}")
        if not 1 <= workers <= MAX_WORKERS:  # type: ignore[operator]
            raise ValueError(f"workers must be within 1 and {MAX_WORKERS}, not {workers}")
    if time_limit_s is not None:
        if not isinstance(time_limit_s, (int, float)) or isinstance(time_limit_s, bool):
            raise TypeError(f"time_limit_s must be a number, not {type(time_limit_s).__name__}")
        if not 0 < time_limit_s < math.inf:
            raise ValueError(f"time_limit_s must be positive and finite, not {time_limit_s}")
    if fit_tolerance is not None:
        if not isinstance(fit_tolerance, (int, float)) or isinstance(fit_tolerance, bool):
            raise TypeError(f"fit_tolerance must be a number, not {type(fit_tolerance).__name__}")
        if not 0.0 <= fit_tolerance <= 1.0:
            raise ValueError(f"fit_tolerance must be within [0, 1], not {fit_tolerance}")
        if previous is None and fairness is None:
            raise ValueError("fit_tolerance applies only with previous= or fairness=")
    for name, value in (("hint", hint), ("previous", previous)):
        if value is not None and not isinstance(value, Plan):
            raise TypeError(f"{name} must be a Plan, not {type(value).__name__}")
    if fairness is not None and not _is_fairness(fairness):
        raise TypeError(f"fairness must be a pn.Fairness, not {type(fairness).__name__}")
    for name, value in (("explain", explain), ("warm_start", warm_start)):
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False, not {type(value).__name__}")
    if parameters is not None:
        check_parameters(parameters)  # type: ignore[arg-type]


def _is_fairness(value: object) -> bool:
    from penempatan.engine._staged import Fairness

    return isinstance(value, Fairness)


def _cpsat_parameters(parameters: dict[str, Any] | None) -> dict[str, Any]:
    """The CP-SAT parameters in force, for the audit record (seed and workers are separate)."""
    from penempatan.engine._cpsat import DEFAULT_PARAMETERS

    return dict(DEFAULT_PARAMETERS if parameters is None else parameters)


def _replan_by_flow(net: Network, locked: tuple[int, ...], keep: IntArray) -> IntArray | None:
    """Coverage, then kept placements, then fit, exactly by min-cost flow (fit free to give way).

    ``None`` when the weights overflow the flow's integer costs; the caller then
    solves the same levels in stages with CP-SAT.
    """
    bonus = lexicographic_weight(net)
    scores = net.t_score.copy()
    scores[keep] += bonus
    try:
        return solve_flow(net, locked, scores=scores).selected
    except OverflowError:  # pragma: no cover - only at sizes far beyond a province
        return None


def _replan_report(
    previous: Plan, plan: Plan, prev: PreviousPlacements, tol: float
) -> ReplanReport:
    before = {a.candidate: (a.cooperative, a.role) for a in previous.assignments}
    after = {a.candidate: (a.cooperative, a.role) for a in plan.assignments}
    kept = sum(1 for c, p in before.items() if after.get(c) == p)
    moved = sum(1 for c, p in before.items() if c in after and after[c] != p)
    dropped = sum(1 for c in before if c not in after)
    added = sum(1 for c in after if c not in before)
    forced = len(prev.forced) + sum(e.excess for e in prev.excess)
    return ReplanReport(
        previous_scenario_sha256=previous.scenario_sha256,
        fit_tolerance=tol,
        previous_placements=len(before),
        kept=kept,
        moved=moved,
        dropped=dropped,
        added=added,
        forced=prev.forced,
        capacity_excess=prev.excess,
        chosen_changes=max(0, moved + dropped - forced),
    )


def build_model(scenario: Scenario) -> CpSatModel:
    """The CP-SAT model of ``scenario`` for inspection or export, locks fixed to one.

    The same model ``solve(..., engine="cpsat")`` solves (see
    :class:`~penempatan.CpSatModel`): ``.model`` is the
    ``ortools.sat.python.cp_model.CpModel``; variable ``i`` is the permitted
    triple ``i`` of ``.network`` (arrays ``t_cand``, ``t_need``, ``t_score``).
    """
    expect(scenario, Scenario, "scenario")
    from penempatan.engine._cpsat import build_model as build_cpsat_model

    net: Network = build_network(scenario)
    return build_cpsat_model(net, resolve_locks(net).triples)

"""``solve()``: the one entry point from a scenario to a plan."""

from __future__ import annotations

import datetime as dt
import logging
import math
import platform
import time
from importlib import metadata
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from penempatan._status import Status
from penempatan.engine._assemble import assemble_plan, objective_of
from penempatan.engine._flow import lexicographic_weight, solve_flow
from penempatan.engine._locks import resolve_locks
from penempatan.engine._replan import PreviousPlacements, map_previous, triples_of
from penempatan.engine._rule_conflict import rule_conflict_of
from penempatan.explain._explainer import explain_plan
from penempatan.plan import (
    Bound,
    Conflict,
    Plan,
    ReplanReport,
    SolverInfo,
    StageReport,
    Timings,
)
from penempatan.rules._network import IntArray, Network, build_network
from penempatan.scenario import Scenario

if TYPE_CHECKING:
    # CP-SAT and the staged levels are imported when a solve needs them.
    from penempatan.engine._staged import Fairness

Engine = Literal["auto", "flow", "cpsat"]

logger = logging.getLogger("penempatan")


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def versions() -> dict[str, str]:
    """Versions recorded in every plan for audit."""
    return {
        "penempatan": _version("penempatan"),
        "ortools": _version("ortools"),
        "numpy": _version("numpy"),
        "pydantic": _version("pydantic"),
        "python": platform.python_version(),
    }


#: Share of the optimal fit that re-planning may give up, by default, to keep placements.
DEFAULT_REPLAN_FIT_TOLERANCE = 0.05


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
) -> Plan:
    """Place candidates to maximise coverage, then fit, never breaking a rule of the spec.

    ``engine``:

    * ``"auto"`` (default) and ``"flow"`` solve the placement network exactly by
      min-cost flow: every rule of scenario@1 is a capacity of that network, so
      the result is a proven optimum (status ``OPTIMAL``) and is deterministic.
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

    Locks that cannot hold together give status ``INFEASIBLE`` and the plan's
    ``conflicts`` name minimal sets of the scenario's own conflicting constraints.

    With ``explain`` (default) every assignment, unplaced candidate and short need
    carries its reasons (:func:`penempatan.explain_plan`).
    """
    if engine not in ("auto", "flow", "cpsat"):
        raise ValueError(f"engine must be 'auto', 'flow' or 'cpsat', not {engine!r}")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if time_limit_s is not None and not time_limit_s > 0:
        raise ValueError(f"time_limit_s must be positive, not {time_limit_s}")
    if fit_tolerance is not None and not 0.0 <= fit_tolerance <= 1.0:
        raise ValueError(f"fit_tolerance must be within [0, 1], not {fit_tolerance}")
    tolerance = (
        fit_tolerance
        if fit_tolerance is not None
        else (DEFAULT_REPLAN_FIT_TOLERANCE if previous is not None else 0.0)
    )
    staged = fairness is not None or previous is not None
    if engine == "flow" and (fairness is not None or (previous is not None and tolerance < 1.0)):
        raise ValueError("fairness, and re-planning within a fit tolerance, need engine 'cpsat'")
    if engine == "flow" and scenario.rules:
        raise ValueError(
            "local rules are not a network: a scenario with rules needs engine 'cpsat'"
        )
    n_workers = 1 if workers is None else workers
    run_utc = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    t0 = time.perf_counter()
    deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
    net = build_network(scenario)
    locks = resolve_locks(net)
    t1 = time.perf_counter()
    used: Literal["flow", "cpsat"] = "cpsat" if engine == "cpsat" or scenario.rules else "flow"
    rule_conflict: tuple[str, ...] | None = None
    params: dict[str, Any] = {}
    bound: Bound | None = None
    gap: float | None = None
    stages: tuple[StageReport, ...] = ()
    hint_source: Literal["plan", "min_cost_flow"] | None = None
    prev = map_previous(net, previous) if previous is not None else None
    if locks.conflicts:
        status, selected = Status.INFEASIBLE, np.zeros(0, np.int64)
    elif staged:
        flow = solve_flow(net, locks.triples, with_reduced_costs=True)
        base = flow.selected
        cov, fit = objective_of(net, base)
        bound = Bound(coverage=cov, fit=fit)
        params = {"fit_tolerance": tolerance}
        if fairness is not None:
            params["fairness"] = {
                "opd_burden": fairness.opd_burden,
                "kecamatan_coverage": fairness.kecamatan_coverage,
            }
        selected = np.zeros(0, np.int64)
        status = Status.UNKNOWN
        if prev is not None and fairness is None and tolerance >= 1.0 and engine != "cpsat":
            by_flow = _replan_by_flow(net, locks.triples, prev.keepable)
            if by_flow is not None:
                selected, status = by_flow, Status.OPTIMAL
                params["levels"] = ["coverage", "kept_placements", "fit"]
        if status is Status.UNKNOWN:
            from penempatan.engine._staged import solve_staged

            used = "cpsat"
            start = base
            if prev is not None and prev.keepable.size:
                # The previous plan seeds the search: the flow plan that keeps the most of
                # its placements, used when it also keeps the fit within the tolerance.
                seeded = _replan_by_flow(net, locks.triples, prev.keepable)
                min_fit = math.ceil((1.0 - tolerance) * fit - 1e-9)
                if seeded is not None and objective_of(net, seeded)[1] >= min_fit:
                    start = seeded
            result = solve_staged(
                net,
                locks.triples,
                start=start,
                reduced_cost=None if engine == "cpsat" else flow.reduced_cost,
                coverage=cov,
                fit=fit,
                fit_tolerance=tolerance,
                keep=None if prev is None else prev.keepable,
                fairness=fairness,
                time_limit_s=time_limit_s,
                seed=seed,
                workers=n_workers,
                parameters=parameters,
            )
            status, selected = result.status, result.selected
            stages = tuple(
                StageReport(
                    name=st.name, status=st.status, start=st.start, value=st.value, bound=st.bound
                )
                for st in result.stages
            )
            params.update(_cpsat_parameters(parameters))
        gap = 0.0 if status is Status.OPTIMAL else None
    elif scenario.rules:
        from penempatan.engine._rules_engine import solve_with_rules

        ruled = solve_with_rules(
            net,
            locks.triples,
            deadline=deadline,
            seed=seed,
            workers=n_workers,
            parameters=parameters,
            hint=None if hint is None else triples_of(net, hint),
            warm_start=warm_start,
        )
        status, selected, rule_conflict = ruled.status, ruled.selected, ruled.conflict
        params = ruled.parameters
        hint_source = ruled.hint  # type: ignore[assignment]
        if status.has_solution and ruled.bound is not None:
            bound, gap = _bound_and_gap(net, ruled.objective, ruled.bound)
    elif used == "flow":
        selected = solve_flow(net, locks.triples).selected
        status = Status.OPTIMAL
        cov, fit = objective_of(net, selected)
        bound, gap = Bound(coverage=cov, fit=fit), 0.0
        params = {"algorithm": "min_cost_flow"}
    else:
        from penempatan.engine._cpsat import build_model as build_cpsat_model
        from penempatan.engine._cpsat import solve_model

        model = build_cpsat_model(net, locks.triples)
        hinted: IntArray | None = None
        if hint is not None:
            hinted = triples_of(net, hint)
        elif warm_start:
            hinted = solve_flow(net, locks.triples).selected
        t1 = time.perf_counter()
        result_cp = solve_model(
            model,
            time_limit_s=None if deadline is None else max(0.05, deadline - time.monotonic()),
            seed=seed,
            workers=n_workers,
            hint=hinted,
            parameters=parameters,
        )
        status, selected = result_cp.status, result_cp.selected
        params = _cpsat_parameters(parameters)
        if hinted is not None:
            hint_source = "plan" if hint is not None else "min_cost_flow"
        if status.has_solution:  # UNKNOWN has no proof to report: bound stays None
            bound, gap = _bound_and_gap(net, result_cp.objective, result_cp.bound)
        elif status is Status.UNKNOWN and hint is None and hinted is not None:
            # Stopped before CP-SAT found a plan: the flow optimum it started from is one.
            status, selected = Status.OPTIMAL, hinted
            cov, fit = objective_of(net, selected)
            bound, gap = Bound(coverage=cov, fit=fit), 0.0
    t2 = time.perf_counter()
    solver = SolverInfo(
        engine=used,
        seed=seed,
        workers=n_workers,
        time_limit_s=time_limit_s,
        parameters=params,
        versions=versions(),
        hint=hint_source,
    )
    conflicts = tuple(
        Conflict(constraints=c.constraints, message=c.message) for c in locks.conflicts
    )
    if rule_conflict is not None:
        conflicts += (rule_conflict_of(net, rule_conflict),)
    plan = assemble_plan(
        net, status, selected, bound=bound, gap=gap, solver=solver, conflicts=conflicts
    )
    update: dict[str, Any] = {"stages": stages}
    if previous is not None and prev is not None:
        update["replan"] = _replan_report(previous, plan, prev, tolerance)
    plan = plan.model_copy(update=update)
    t3 = time.perf_counter()
    if explain:
        plan = explain_plan(scenario, plan, network=net)
    t4 = time.perf_counter()
    timings = Timings(
        build_s=t1 - t0,
        solve_s=t2 - t1,
        assemble_s=t3 - t2,
        explain_s=t4 - t3 if explain else None,
        total_s=t4 - t0,
        run_utc=run_utc,
    )
    logger.info(
        "solved %d candidates, %d cooperatives: %s, coverage %d of %d, %d placements, %.3f s",
        len(scenario.candidates),
        len(scenario.cooperatives),
        plan.status.value,
        plan.coverage,
        plan.required_seats,
        len(plan.assignments),
        t4 - t0,
    )
    return plan.model_copy(update={"timings": timings})


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


def _bound_and_gap(net: Network, objective: int | None, bound: int) -> tuple[Bound, float | None]:
    """Split CP-SAT's weighted bound into (coverage, fit) and the relative gap."""
    w = lexicographic_weight(net)
    cov_b = bound // w
    required = int(net.need_min.sum())
    if cov_b > required:  # coverage can never exceed the required seats
        b = Bound(coverage=required, fit=bound - w * required)
    else:
        b = Bound(coverage=cov_b, fit=bound - w * cov_b)
    if objective is None:
        return b, None
    return b, (bound - objective) / max(1, abs(bound))


def build_model(scenario: Scenario) -> Any:
    """The CP-SAT model of ``scenario`` for inspection or export (locks fixed to one).

    Returns a :class:`penempatan.engine._cpsat.CpSatModel`: ``.model`` is the
    ``ortools.sat.python.cp_model.CpModel``; variable ``i`` is the permitted
    triple ``i`` of ``.network`` (arrays ``t_cand``, ``t_need``, ``t_score``).
    """
    from penempatan.engine._cpsat import build_model as build_cpsat_model

    net: Network = build_network(scenario)
    return build_cpsat_model(net, resolve_locks(net).triples)

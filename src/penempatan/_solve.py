"""``solve()``: the one entry point from a scenario to a plan."""

from __future__ import annotations

import platform
import time
from importlib import metadata
from typing import Any, Literal

import numpy as np

from penempatan._assemble import assemble_plan, objective_of
from penempatan._cpsat import build_model as build_cpsat_model
from penempatan._cpsat import solve_model
from penempatan._flow import lexicographic_weight, solve_flow
from penempatan._locks import resolve_locks
from penempatan._models import Scenario
from penempatan._network import Network, build_network
from penempatan._plan import Bound, Conflict, Plan, SolverInfo, Timings
from penempatan._status import Status

Engine = Literal["auto", "flow", "cpsat"]


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
        "python": platform.python_version(),
    }


def solve(
    scenario: Scenario,
    *,
    time_limit_s: float | None = None,
    seed: int = 0,
    workers: int | None = None,
    engine: Engine = "auto",
    parameters: dict[str, Any] | None = None,
) -> Plan:
    """Place candidates to maximise coverage, then fit, never breaking a rule of the spec.

    ``engine``:

    * ``"auto"`` (default) and ``"flow"`` solve the placement network exactly by
      min-cost flow: every rule of scenario@1 is a capacity of that network, so
      the result is a proven optimum (status ``OPTIMAL``) and is deterministic.
    * ``"cpsat"`` solves the same rules as a CP-SAT model (:func:`build_model`),
      honouring ``time_limit_s``, ``seed``, ``workers`` (default 1, which keeps
      runs deterministic) and extra CP-SAT ``parameters``.

    Locks that cannot hold together give status ``INFEASIBLE`` and the plan's
    ``conflicts`` name minimal sets of the scenario's own conflicting constraints.
    """
    if engine not in ("auto", "flow", "cpsat"):
        raise ValueError(f"engine must be 'auto', 'flow' or 'cpsat', not {engine!r}")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if time_limit_s is not None and not time_limit_s > 0:
        raise ValueError(f"time_limit_s must be positive, not {time_limit_s}")
    n_workers = 1 if workers is None else workers
    t0 = time.perf_counter()
    net = build_network(scenario)
    locks = resolve_locks(net)
    t1 = time.perf_counter()
    used: Literal["flow", "cpsat"] = "cpsat" if engine == "cpsat" else "flow"
    params: dict[str, Any] = {}
    bound: Bound | None = None
    gap: float | None = None
    if locks.conflicts:
        status, selected = Status.INFEASIBLE, np.zeros(0, np.int64)
        t2 = time.perf_counter()
    elif used == "flow":
        selected = solve_flow(net, locks.triples).selected
        t2 = time.perf_counter()
        status = Status.OPTIMAL
        cov, fit = objective_of(net, selected)
        bound, gap = Bound(coverage=cov, fit=fit), 0.0
        params = {"algorithm": "min_cost_flow"}
    else:
        model = build_cpsat_model(net, locks.triples)
        t_built = time.perf_counter()
        result = solve_model(
            model, time_limit_s=time_limit_s, seed=seed, workers=n_workers, parameters=parameters
        )
        t2 = time.perf_counter()
        t1 = t_built
        status, selected, params = result.status, result.selected, result.parameters
        params = {k: v for k, v in params.items() if k not in ("num_workers", "random_seed")}
        params.pop("max_time_in_seconds", None)
        if status is not Status.INFEASIBLE:
            bound, gap = _bound_and_gap(net, result.objective, result.bound)
    solver = SolverInfo(
        engine=used,
        seed=seed,
        workers=n_workers,
        time_limit_s=time_limit_s,
        parameters=params,
        versions=versions(),
    )
    conflicts = tuple(
        Conflict(constraints=c.constraints, message=c.message) for c in locks.conflicts
    )
    plan = assemble_plan(
        net, status, selected, bound=bound, gap=gap, solver=solver, conflicts=conflicts
    )
    t3 = time.perf_counter()
    timings = Timings(build_s=t1 - t0, solve_s=t2 - t1, assemble_s=t3 - t2, total_s=t3 - t0)
    return plan.model_copy(update={"timings": timings})


def _bound_and_gap(net: Network, objective: int | None, bound: int) -> tuple[Bound, float | None]:
    """Split CP-SAT's weighted bound into (coverage, fit) and the relative gap."""
    w = lexicographic_weight(net)
    cov_b = bound // w
    b = Bound(coverage=cov_b, fit=bound - w * cov_b)
    if objective is None:
        return b, None
    return b, (bound - objective) / max(1, abs(bound))


def build_model(scenario: Scenario) -> Any:
    """The CP-SAT model of ``scenario`` for inspection or export (locks fixed to one).

    Returns a :class:`penempatan._cpsat.CpSatModel`: ``.model`` is the
    ``ortools.sat.python.cp_model.CpModel``; variable ``i`` is the permitted
    triple ``i`` of ``.network`` (arrays ``t_cand``, ``t_need``, ``t_score``).
    """
    net: Network = build_network(scenario)
    return build_cpsat_model(net, resolve_locks(net).triples)

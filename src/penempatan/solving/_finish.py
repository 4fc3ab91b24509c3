"""The step every plan ends with, solved or given: assemble, explain, time, record.

:func:`penempatan.solve` and :func:`penempatan.evaluate` differ in how the
selection of triples is found; from a selection on they share
:func:`finish`: the plan is assembled from the network, amended by the caller
(the levels' reports of a solve; the independent check of given placements),
explained when asked, and given its wall times. Its audit record
(:class:`~penempatan.SolverInfo`, made by :func:`audit_record`) names the
engine, options and the versions of everything that computed it.
"""

from __future__ import annotations

import functools
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any, Literal

from penempatan._status import Status
from penempatan.engine._assemble import assemble_plan
from penempatan.explain._explainer import explain_plan
from penempatan.plan import Bound, Conflict, Plan, SolverInfo, Timings
from penempatan.rules._network import IntArray, Network
from penempatan.scenario import Scenario


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def versions() -> dict[str, str]:
    """Versions recorded in every plan for audit (a copy: the caller may keep it)."""
    return dict(_versions())


@functools.cache
def _versions() -> dict[str, str]:
    """The versions, read once per process (each look-up parses package metadata)."""
    return {
        "penempatan": _version("penempatan"),
        "ortools": _version("ortools"),
        "numpy": _version("numpy"),
        "pydantic": _version("pydantic"),
        "python": platform.python_version(),
    }


def audit_record(
    engine: Literal["flow", "cpsat", "given"],
    *,
    seed: int,
    workers: int,
    time_limit_s: float | None,
    parameters: dict[str, Any],
    hint: Literal["plan", "min_cost_flow"] | None = None,
) -> SolverInfo:
    """How a plan was made, with the versions in force now."""
    return SolverInfo(
        engine=engine,
        seed=seed,
        workers=workers,
        time_limit_s=time_limit_s,
        parameters=parameters,
        versions=versions(),
        hint=hint,
    )


@dataclass(frozen=True)
class Clock:
    """``time.perf_counter()`` readings: the run began, the model was built, the search ended.

    ``run_utc`` is the wall-clock start recorded in the plan (``None``: not recorded).
    """

    began: float
    built: float
    solved: float
    run_utc: str | None = None


def finish(
    scenario: Scenario,
    net: Network,
    status: Status,
    selected: IntArray,
    *,
    solver: SolverInfo,
    bound: Bound | None,
    gap: float | None,
    clock: Clock,
    explain: bool,
    conflicts: tuple[Conflict, ...] = (),
    amend: Callable[[Plan], Plan] | None = None,
) -> Plan:
    """The plan of ``selected``: assembled, passed through ``amend``, explained, timed.

    ``amend`` runs before the explanations (which read the finished plan) and
    counts as assembly time; an exception it raises leaves no plan.
    """
    plan = assemble_plan(
        net, status, selected, bound=bound, gap=gap, solver=solver, conflicts=conflicts
    )
    if amend is not None:
        plan = amend(plan)
    assembled = time.perf_counter()
    if explain:
        plan = explain_plan(scenario, plan, network=net)
    done = time.perf_counter()
    timings = Timings(
        build_s=clock.built - clock.began,
        solve_s=clock.solved - clock.built,
        assemble_s=assembled - clock.solved,
        explain_s=done - assembled if explain else None,
        total_s=done - clock.began,
        run_utc=clock.run_utc,
    )
    return plan.model_copy(update={"timings": timings})

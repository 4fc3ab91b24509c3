"""Where penempatan's end-to-end time goes: one solve, timed stage by stage, in one process.

Stages, in order: ``import`` (``import penempatan``: pydantic, numpy, OR-Tools),
``validation`` (:func:`penempatan.load_scenario`: read, parse, validate),
``build`` / ``solve`` / ``assemble`` and any other stage the plan's own
``timings`` report, e.g. ``explain`` (for ``engine="cpsat"`` *build* includes
the CP-SAT model), ``solve_call`` (the whole ``solve()`` call), and ``write``
(``plan.to_json()`` written to a file). ``benchmarks/run.py`` runs this
script in a fresh process and adds the whole-process wall time and peak RSS.

Usage::

    python benchmarks/stages.py SCENARIO.json PLAN.json [--engine flow|cpsat]
        [--time-limit S] [--workers N] [--parameters JSON] [--no-warm-start]
        [--fairness] [--fit-tolerance X]

``--parameters '{}'`` gives CP-SAT its own defaults; without it penempatan's
tuned defaults apply. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path
from typing import Any


def run(
    scenario_path: str,
    plan_path: str,
    *,
    engine: str = "flow",
    time_limit_s: float | None = None,
    workers: int | None = None,
    parameters: dict[str, Any] | None = None,
    warm_start: bool = True,
    fairness: bool = False,
    fit_tolerance: float | None = None,
) -> dict[str, Any]:
    gc.disable()  # as `penempatan solve` does for its one command
    t0 = time.perf_counter()
    import penempatan as pn

    t1 = time.perf_counter()
    scenario = pn.load_scenario(scenario_path)
    t2 = time.perf_counter()
    plan = pn.solve(
        scenario,
        engine=engine,  # type: ignore[arg-type]
        time_limit_s=time_limit_s,
        workers=workers,
        parameters=parameters,
        warm_start=warm_start,
        fairness=pn.Fairness(opd_burden=True) if fairness else None,
        fit_tolerance=fit_tolerance,
    )
    t3 = time.perf_counter()
    Path(plan_path).write_text(plan.to_json(), encoding="utf-8")
    t4 = time.perf_counter()
    timings = plan.timings.model_dump() if plan.timings is not None else {}
    return {
        "status": plan.status.value,
        "coverage": plan.coverage,
        "fit": plan.fit,
        "required_seats": plan.required_seats,
        "placed": len(plan.assignments),
        "bound": None if plan.bound is None else plan.bound.model_dump(),
        "gap": plan.gap,
        "parameters": plan.solver.parameters,
        "stages": [st.model_dump(mode="json") for st in plan.stages],
        "timings": {
            "import_s": t1 - t0,
            "validation_s": t2 - t1,
            # Every stage the plan itself reports (build, solve, assemble, explain, ...).
            **{
                k: v
                for k, v in timings.items()
                if k not in ("validation_s", "total_s") and isinstance(v, int | float)
            },
            "solve_call_s": t3 - t2,
            "write_s": t4 - t3,
            "in_process_s": t4 - t0,
        },
        "plan_timings": timings,
    }


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("scenario")
    p.add_argument("plan")
    p.add_argument("--engine", default="flow", choices=("auto", "flow", "cpsat"))
    p.add_argument("--time-limit", type=float, default=None)
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--parameters", type=json.loads, default=None)
    p.add_argument("--no-warm-start", dest="warm_start", action="store_false")
    p.add_argument("--fairness", action="store_true", help="the OPD-burden fairness level")
    p.add_argument("--fit-tolerance", type=float, default=None)
    a = p.parse_args(argv)
    out = run(
        a.scenario,
        a.plan,
        engine=a.engine,
        time_limit_s=a.time_limit,
        workers=a.workers,
        parameters=a.parameters,
        warm_start=a.warm_start,
        fairness=a.fairness,
        fit_tolerance=a.fit_tolerance,
    )
    print(json.dumps(out, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

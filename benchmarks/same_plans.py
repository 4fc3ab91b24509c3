"""Solve every region of a folder in this process and compare each plan with a reference.

A guard for speed work: make the reference with the code before the change
(``penempatan national DIR -o REF``), then after every change run::

    python benchmarks/same_plans.py DIR REF              # byte-for-byte comparison
    python benchmarks/same_plans.py DIR REF --profile /tmp/p.prof   # and a cProfile

Each ``DIR/NAME.json`` is read, validated (``loads_scenario``), solved with the
default options (``penempatan.solve``) and written as text (``plan.to_json()``),
one region after another, the cycle collector off as in the workers of
``penempatan national``; the plan must be the same bytes as
``REF/NAME.plan.json``. Printed: the regions that differ, the wall and CPU
seconds of the loop (CPU time is less at the mercy of other jobs on a shared
machine), and the wall seconds of each stage summed over the regions (loading
and validating, the solve's own stage timings, writing the text). Exit 1 when any plan differs.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import time
from pathlib import Path

#: The stages of :func:`solve_region`, in the order they run.
STAGES = ("load", "build", "solve", "assemble", "explain", "to_json")


def solve_region(path: Path, stages: dict[str, float]) -> str:
    """The plan text of the region ``path``, read, validated, solved with the default options
    and written as ``penempatan solve`` does; the wall seconds of each of :data:`STAGES` are
    added to ``stages`` (``build`` to ``explain`` from the plan's own timings)."""
    from penempatan.scenario._io import loads_scenario
    from penempatan.solving._solve import solve

    t0 = time.perf_counter()
    scenario = loads_scenario(path.read_text(encoding="utf-8"))
    t1 = time.perf_counter()
    plan = solve(scenario)
    t2 = time.perf_counter()
    text = plan.to_json()
    stages["to_json"] += time.perf_counter() - t2
    stages["load"] += t1 - t0
    if plan.timings is not None:
        stages["build"] += plan.timings.build_s
        stages["solve"] += plan.timings.solve_s
        stages["assemble"] += plan.timings.assemble_s
        stages["explain"] += plan.timings.explain_s or 0.0
    return text


def same_as_reference(ref_dir: Path, name: str, text: str) -> bool:
    """Whether ``ref_dir/NAME.plan.json`` exists and holds exactly ``text`` (UTF-8)."""
    ref = ref_dir / f"{name}.plan.json"
    return ref.exists() and ref.read_bytes() == text.encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", type=Path, help="the regions, NAME.json")
    p.add_argument("ref", type=Path, help="the reference plans, NAME.plan.json")
    p.add_argument("--profile", type=Path, help="write a cProfile of the whole loop here")
    p.add_argument("--top", type=int, default=30, help="functions of the profile printed")
    args = p.parse_args(argv)

    files = sorted(args.dir.glob("*.json"))
    stages = dict.fromkeys(STAGES, 0.0)
    differ: list[str] = []
    profile = cProfile.Profile() if args.profile else None
    start, cpu = time.perf_counter(), time.process_time()
    if profile is not None:
        profile.enable()
    collecting = gc.isenabled()
    gc.disable()  # as a worker of `penempatan national` and the command line do
    for f in files:
        if not same_as_reference(args.ref, f.stem, solve_region(f, stages)):
            differ.append(f.stem)
    if collecting:
        gc.enable()
    if profile is not None:
        profile.disable()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"{len(files)} regions in {wall:.2f} s ({cpu:.2f} s of CPU); "
        + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items())
    )
    if profile is not None:
        profile.dump_stats(str(args.profile))
        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(args.top)
    return report_differences(differ)


def report_differences(differ: list[str]) -> int:
    """Print which plans differ from the reference (standard error) or that none does;
    the exit status: 1 when any differs."""
    if differ:
        print(f"{len(differ)} plans differ: {', '.join(differ)}", file=sys.stderr)
        return 1
    print("every plan is byte-identical to the reference")
    return 0


if __name__ == "__main__":
    sys.exit(main())

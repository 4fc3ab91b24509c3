"""The library against the independent flow, region by region in one process, interleaved.

Issue 10, item 6 compares, over a folder of regions solved one after another
in one process, penempatan (read and validate the file, solve with the
default options, explanations included, write the plan's text) with
``flow_reference.solve_file`` (an independent min-cost flow that reads the
file with :mod:`json` and validates nothing). On a shared machine whose speed
drifts by tens of percent within a minute, two loops timed one after the other
give ratios that drift as much; here each region is solved by both, one right
after the other (the order alternating from region to region), so both see
the same machine and the ratio is steady. The cycle collector is off for both,
as in the workers of ``penempatan national``. Each round prints the two sums
(wall seconds), their ratio and the library's stages; with ``--ref REF`` every
plan is also compared byte for byte with ``REF/NAME.plan.json``. Exit 1 when
a plan differs. Usage::

    python benchmarks/one_process.py DIR [--rounds 3] [--ref REF]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from flow_reference import solve_file  # noqa: E402
from same_plans import STAGES, report_differences, same_as_reference, solve_region  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", type=Path, help="the regions, NAME.json")
    p.add_argument("--rounds", type=int, default=3, help="rounds over every region")
    p.add_argument("--ref", type=Path, help="reference plans NAME.plan.json to compare with")
    args = p.parse_args(argv)

    files = sorted(args.dir.glob("*.json"))
    differ: set[str] = set()
    ratios: list[float] = []
    gc.disable()
    for r in range(args.rounds):
        ref_s = lib_s = 0.0
        stages = dict.fromkeys(STAGES, 0.0)
        for j, f in enumerate(files):
            for which in ("ref", "lib") if (j + r) % 2 == 0 else ("lib", "ref"):
                t0 = time.perf_counter()
                if which == "ref":
                    solve_file(str(f))
                    ref_s += time.perf_counter() - t0
                    continue
                text = solve_region(f, stages)
                lib_s += time.perf_counter() - t0
                if args.ref is not None and not same_as_reference(args.ref, f.stem, text):
                    differ.add(f.stem)
            gc.collect()
        ratios.append(lib_s / ref_s)
        print(
            f"round {r + 1}: {len(files)} regions, reference {ref_s:.2f} s, penempatan "
            f"{lib_s:.2f} s, {lib_s / ref_s:.2f}x; "
            + ", ".join(f"{k} {v:.2f}" for k, v in stages.items())
        )
    gc.enable()
    print(
        f"ratio over {args.rounds} rounds: {min(ratios):.2f}-{max(ratios):.2f}x "
        f"(median {statistics.median(ratios):.2f}x)"
    )
    if args.ref is not None:
        return report_differences(sorted(differ))
    return 0


if __name__ == "__main__":
    sys.exit(main())

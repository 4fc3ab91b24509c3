"""Validation cost against the input's size: one cooperative with N needs, one OPD with
N positions (the shapes that were quadratic), and N candidates.

Each time is reported per record and as a ratio to the smallest size measured in
the same run, so a linear check shows ratios close to N / N_min on any machine.

    python benchmarks/validation_scaling.py            # N = 10k, 20k, 40k
    python benchmarks/validation_scaling.py 5000 10000
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from penempatan.scenario._io import loads_scenario


def wide(n: int) -> dict[str, Any]:
    """A scenario whose one OPD lists ``n`` positions and one cooperative ``n`` needs."""
    return {
        "format": "penempatan/scenario@1",
        "name": f"wide-{n}",
        "reference_date": "2026-03-01",
        "opds": [
            {
                "id": "O",
                "name": "O",
                "headcount": n,
                "min_staff": 0,
                "positions": [{"name": f"p{i}", "headcount": 1, "min_staff": 0} for i in range(n)],
            }
        ],
        "cooperatives": [
            {
                "id": "K",
                "name": "K",
                "kelurahan": "k",
                "kecamatan": "k",
                "needs": [{"role": f"r{i}", "min": 0, "max": 1} for i in range(n)],
            }
        ],
        "candidates": [],
    }


def best_of(text: str, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        loads_scenario(text)
        times.append(time.perf_counter() - t)
    return min(times)


def main(sizes: list[int]) -> None:
    rows = [(n, best_of(json.dumps(wide(n)))) for n in sizes]
    n0, t0 = rows[0]
    print("| N needs = N positions | seconds (best of 3) | µs per record | ratio | N ratio |")
    print("|---|---|---|---|---|")
    for n, t in rows:
        print(f"| {n} | {t:.3f} | {t / (2 * n) * 1e6:.1f} | {t / t0:.2f} | {n / n0:.2f} |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 20_000, 40_000])

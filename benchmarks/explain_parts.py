"""CPU seconds of the explanation's parts and of the cross-record checks over a folder of regions.

Each ``DIR/NAME.json`` is read and its network built, with the plan
``REF/NAME.plan.json`` (made by ``penempatan national DIR -o REF``); then, the
cycle collector off, three rounds over all regions time (CPU seconds, the best
round of each part): the cross-record checks (``cross_record_problems``), the
explanation's context, the placements' reasons, the candidates left out and
the needs left short. Run it from two checkouts on the same files to compare::

    python benchmarks/explain_parts.py DIR REF
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from penempatan.explain._candidates import unplaced
    from penempatan.explain._context import Context
    from penempatan.explain._needs import short_needs
    from penempatan.explain._placements import placements
    from penempatan.plan import Plan
    from penempatan.rules._network import build_network
    from penempatan.scenario._checks import cross_record_problems
    from penempatan.scenario._io import loads_scenario

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", type=Path, help="the regions, NAME.json")
    p.add_argument("ref", type=Path, help="their plans, NAME.plan.json")
    p.add_argument("--rounds", type=int, default=3, help="rounds; the best of each part is kept")
    args = p.parse_args(argv)

    items = []
    for f in sorted(args.dir.glob("*.json")):
        scenario = loads_scenario(f.read_text(encoding="utf-8"))
        plan = Plan.model_validate_json((args.ref / f"{f.stem}.plan.json").read_text("utf-8"))
        items.append((scenario, build_network(scenario), plan))
    parts = ("checks", "context", "placements", "unplaced", "short_needs")
    best = dict.fromkeys(parts, float("inf"))
    gc.disable()
    for _ in range(args.rounds):
        spent = dict.fromkeys(parts, 0.0)
        for scenario, net, plan in items:
            c0 = time.process_time()
            cross_record_problems(scenario)
            c1 = time.process_time()
            ex = Context(scenario, net, plan)
            c2 = time.process_time()
            placements(ex)
            c3 = time.process_time()
            unplaced(ex)
            c4 = time.process_time()
            short_needs(ex)
            c5 = time.process_time()
            for k, a, b in zip(parts, (c0, c1, c2, c3, c4), (c1, c2, c3, c4, c5), strict=True):
                spent[k] += b - a
        best = {k: min(best[k], spent[k]) for k in parts}
    gc.enable()
    print(
        f"{len(items)} regions, CPU s, best of {args.rounds}: "
        + ", ".join(f"{k} {v:.3f}" for k, v in best.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

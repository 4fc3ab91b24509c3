"""Kota Pekalongan: place PPPK in the cooperatives of all 27 kelurahan, then explain the plan.

Run from the repository root: ``make demo`` (or ``python examples/pekalongan.py``).
Pass ``--pseudonymise KEY`` to print pseudonyms instead of names and NIPs, and
``-o PLAN.json`` to keep the plan file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import penempatan as pn
from penempatan._report import text_report

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", type=Path, default=HERE / "pekalongan.json")
    parser.add_argument("--pseudonymise", metavar="KEY", default=None)
    parser.add_argument("-o", "--output", type=Path, default=None)
    args = parser.parse_args(argv)

    scenario = pn.load_scenario(args.scenario)
    plan = pn.solve(scenario)
    violations = pn.verify(scenario, plan)
    print(text_report(scenario, plan, pseudonymise_key=args.pseudonymise))
    print()
    if violations:
        print(f"verify: {len(violations)} violations", *violations, sep="\n")
        return 1
    print(f"verify: the plan obeys every rule of the spec (scenario {plan.scenario_sha256[:12]}…)")
    if args.output is not None:
        args.output.write_text(plan.to_json(), encoding="utf-8")
        print(f"plan written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Kota Pekalongan: place PPPK in the cooperatives of all 27 kelurahan, then explain the plan.

Run from the repository root: ``make demo`` (or ``python examples/pekalongan.py``).
It prints, in Bahasa Indonesia (``--lang en`` or ``PENEMPATAN_LANG=en`` for
English), who goes where
kecamatan by kecamatan, which OPD floors bind and what one more release from
each would gain, and why one placed and one unplaced candidate ended as they
did. ``--pseudonymise KEY`` (or the key in ``$PENEMPATAN_PSEUDONYM_KEY``, which
keeps it out of process listings) prints pseudonyms instead of names and NIPs;
``-o PLAN.json`` keeps the plan file; ``--full`` prints the whole report.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import penempatan as pn
from penempatan.i18n import message, resolve_lang

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", type=Path, default=HERE / "pekalongan.json")
    parser.add_argument("--lang", choices=("id", "en"), default=None)
    parser.add_argument(
        "--pseudonymise", metavar="KEY", default=os.environ.get("PENEMPATAN_PSEUDONYM_KEY") or None
    )
    parser.add_argument("--full", action="store_true", help="print the whole explain report")
    parser.add_argument("-o", "--output", type=Path, default=None)
    args = parser.parse_args(argv)
    lang = resolve_lang(args.lang)

    scenario = pn.load_scenario(args.scenario)
    plan = pn.solve(scenario)
    violations = pn.verify(scenario, plan)
    # Why: one placed and one unplaced candidate who was eligible (not a policy rejection).
    placed = plan.assignments[0].candidate
    unplaced = next(
        (u.candidate for u in plan.unplaced if not u.reasons[0].code.startswith("ineligible")),
        plan.unplaced[0].candidate if plan.unplaced else placed,
    )
    candidates = None if args.full else [placed, unplaced]
    print(
        pn.explain_report(
            scenario,
            plan,
            lang=lang,
            candidate=candidates,
            pseudonymise_key=args.pseudonymise,
        )
    )
    print()
    if violations:
        print(message("demo.violations", lang, count=len(violations)), *violations, sep="\n")
        return 1
    print(message("demo.verified", lang, sha=plan.scenario_sha256[:12]))
    if args.output is not None:
        args.output.write_text(plan.to_json(), encoding="utf-8")
        print(message("demo.written", lang, path=args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())

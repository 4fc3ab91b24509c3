"""The ``penempatan`` command line.

Exit status: 0 with a plan of status OPTIMAL or FEASIBLE (or a valid input /
a valid plan); 1 when ``verify`` finds violations; 2 for invalid input or
usage, with a message naming the record and field and no traceback; 3 for
INFEASIBLE, with the conflicts explained; 4 when no plan was found within the
time limit (UNKNOWN). Invalid input writes nothing and no input file is ever
changed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

from penempatan._errors import PenempatanError
from penempatan._status import Status
from penempatan.plan import Plan
from penempatan.scenario._io import load_scenario
from penempatan.solving._solve import solve

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_INVALID = 2
EXIT_INFEASIBLE = 3
EXIT_UNKNOWN = 4


class _UsageError(PenempatanError):
    pass


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {text}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text}")
    return value


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be within 0 and 1, got {text}")
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="penempatan",
        description="Place PPPK staff in Koperasi Kelurahan Merah Putih, optimally.",
    )
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("solve", help="solve a scenario and write the plan")
    s.add_argument("scenario", type=Path)
    s.add_argument("-o", "--output", type=Path, help="plan file (default: standard output)")
    s.add_argument("--time-limit", type=_positive_float, metavar="SECONDS")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--workers", type=_positive_int, default=None)
    s.add_argument("--engine", choices=("auto", "flow", "cpsat"), default="auto")
    s.add_argument("--timings", action="store_true", help="record wall times in the plan file")
    s.add_argument(
        "--no-explain",
        dest="explain",
        action="store_false",
        help="leave out the reasons of each decision (faster for batch runs; "
        "'penempatan explain' can add them later)",
    )
    s.add_argument(
        "--no-warm-start",
        dest="warm_start",
        action="store_false",
        help="with --engine cpsat: do not start CP-SAT from the min-cost flow optimum",
    )
    s.add_argument(
        "--fairness",
        choices=("opd", "kecamatan", "both"),
        help="after coverage (and fit, within --fit-tolerance): share the release burden "
        "across OPD, spread coverage across kecamatan, or both",
    )
    s.add_argument(
        "--fit-tolerance",
        type=_share,
        metavar="SHARE",
        help="share of the optimal fit fairness may give up, 0-1 (default 0)",
    )
    s.add_argument("-q", "--quiet", action="store_true", help="no summary on standard error")

    e = sub.add_parser(
        "evaluate", help="check, score and explain placements made elsewhere, as a plan"
    )
    e.add_argument("scenario", type=Path)
    e.add_argument(
        "placements",
        type=Path,
        help="a plan file (its assignments), or a JSON list of "
        '{"candidate": NIP, "cooperative": ID, "role": ROLE}',
    )
    e.add_argument("-o", "--output", type=Path, help="plan file (default: standard output)")
    e.add_argument("--label", default="given", help="where the placements come from")
    e.add_argument("--no-explain", dest="explain", action="store_false")
    e.add_argument("-q", "--quiet", action="store_true", help="no summary on standard error")

    v = sub.add_parser("validate", help="check a scenario file only")
    v.add_argument("scenario", type=Path)

    f = sub.add_parser("verify", help="check a plan against every rule of the spec")
    f.add_argument("scenario", type=Path)
    f.add_argument("plan", type=Path)

    sub.add_parser("schema", help="print the JSON schema of penempatan/scenario@1")

    d = sub.add_parser("diff", help="compare two plans: who moved, coverage and fit per group")
    d.add_argument("plan_a", type=Path)
    d.add_argument("plan_b", type=Path)
    d.add_argument("--scenario", type=Path, help="scenario file: names, OPD and fit per OPD")

    x = sub.add_parser("explain", help="explain a plan: every placement, who was left out, why")
    x.add_argument("scenario", type=Path)
    x.add_argument("plan", type=Path)
    x.add_argument("--lang", choices=("id", "en"), default="id", help="language (default id)")
    x.add_argument("--format", dest="fmt", choices=("md", "html"), default="md")
    x.add_argument(
        "--candidate",
        action="append",
        metavar="NIP",
        help="add a section for this candidate (NIP, or pseudonym with --pseudonymise); repeatable",
    )
    x.add_argument("--pseudonymise", metavar="KEY", help="show people by pseudonym only")
    x.add_argument(
        "--no-prices", action="store_true", help="skip the floor prices (one re-solve per floor)"
    )
    x.add_argument("-o", "--output", type=Path, help="report file (default: standard output)")
    return p


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so no half-written plan is left."""
    directory = path.resolve().parent
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _emit(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` atomically, or to standard output without one."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        _write_atomically(output, text)
    except OSError as exc:
        raise _UsageError(f"{output}: cannot write: {exc.strerror}") from None


def _solve(args: argparse.Namespace) -> int:
    _check_output(args.output, args.scenario)
    if args.fit_tolerance is not None and args.fairness is None:
        raise _UsageError("--fit-tolerance applies with --fairness")
    fairness = None
    if args.fairness is not None:
        from penempatan.engine._staged import Fairness

        fairness = Fairness(
            opd_burden=args.fairness in ("opd", "both"),
            kecamatan_coverage=args.fairness in ("kecamatan", "both"),
        )
    if fairness is not None and args.engine == "flow":
        raise _UsageError("--fairness is solved in stages with CP-SAT, not with --engine flow")
    scenario = load_scenario(args.scenario)
    if scenario.rules and args.engine == "flow":
        raise _UsageError(
            f"rules: {len(scenario.rules)} local rules, which no network holds: "
            "use --engine auto or cpsat, not --engine flow"
        )
    plan = solve(
        scenario,
        time_limit_s=args.time_limit,
        seed=args.seed,
        workers=args.workers,
        engine=args.engine,
        explain=args.explain,
        warm_start=args.warm_start,
        fairness=fairness,
        fit_tolerance=args.fit_tolerance,
    )
    text = plan.to_json(timings=args.timings)
    _emit(text, args.output)
    if _RETAINED is not None:
        _RETAINED.extend((scenario, plan))
    if not args.quiet:
        print(plan.summary(), file=sys.stderr)
    if plan.status is Status.INFEASIBLE:
        if args.quiet:
            for c in plan.conflicts:
                print(f"conflict: {', '.join(c.constraints)}: {c.message}", file=sys.stderr)
        return EXIT_INFEASIBLE
    if plan.status is Status.UNKNOWN:
        print("no plan found within the time limit", file=sys.stderr)
        return EXIT_UNKNOWN
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    s = load_scenario(args.scenario)
    print(
        f"{args.scenario}: valid penempatan/scenario@1 ({len(s.candidates)} candidates, "
        f"{len(s.cooperatives)} cooperatives, {len(s.opds)} OPD)"
    )
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    plan = Plan.from_json(_read_text(args.plan))
    from penempatan.rules._verify import verify

    violations = verify(scenario, plan)
    for v in violations:
        print(v)
    if violations:
        print(f"{len(violations)} violations", file=sys.stderr)
        return EXIT_VIOLATIONS
    print(
        f"{args.plan}: valid plan ({plan.status.value}, coverage {plan.coverage}, fit {plan.fit})"
    )
    return EXIT_OK


def _schema(_: argparse.Namespace) -> int:
    from penempatan.scenario._schema import scenario_schema

    print(json.dumps(scenario_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from penempatan.solving._evaluate import evaluate

    _check_output(args.output, args.scenario, args.placements)
    scenario = load_scenario(args.scenario)
    text = _read_text(args.placements)
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise _UsageError(f"{args.placements}: not JSON: {exc}") from None
    rows = data.get("assignments") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise _UsageError(
            f"{args.placements}: expected a plan or a list of placements, got {type(data).__name__}"
        )
    plan = evaluate(scenario, rows, label=args.label, explain=args.explain)
    _emit(plan.to_json(), args.output)
    if not args.quiet:
        print(plan.summary(), file=sys.stderr)
    return EXIT_OK


def _check_output(output: Path | None, *inputs: Path) -> None:
    """Refuse an output path that is an input file or in a folder that does not exist."""
    if output is None:
        return
    if output.resolve() in {p.resolve() for p in inputs}:
        raise _UsageError("refusing to write over an input file")
    if not output.resolve().parent.is_dir():
        raise _UsageError(f"{output}: the folder does not exist")


def _read_text(path: Path) -> str:
    """The file's text; a file that cannot be read is a usage error naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _UsageError(f"{path}: cannot read: {exc.strerror}") from None


def _read_plan(path: Path) -> Plan:
    text = _read_text(path)
    try:
        return Plan.from_json(text)
    except PenempatanError as exc:
        raise _UsageError(f"{path}: {exc}") from None


def _diff(args: argparse.Namespace) -> int:
    from penempatan.plan._diff import compare

    scenario = load_scenario(args.scenario) if args.scenario is not None else None
    print(compare(_read_plan(args.plan_a), _read_plan(args.plan_b), scenario=scenario))
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from penempatan.report._report import explain_report

    _check_output(args.output, args.scenario, args.plan)
    scenario = load_scenario(args.scenario)
    plan = _read_plan(args.plan)
    try:
        text = explain_report(
            scenario,
            plan,
            lang=args.lang,
            fmt=args.fmt,
            candidate=args.candidate,
            pseudonymise_key=args.pseudonymise,
            prices=not args.no_prices,
        )
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    _emit(text, args.output)
    return EXIT_OK


#: Under :func:`run`, the scenario and plan of the command, kept so that they are
#: never torn down object by object: the process ends right after.
_RETAINED: list[object] | None = None


def run() -> NoReturn:
    """The ``penempatan`` console command: :func:`main`, then a prompt exit.

    Standard output and error are flushed, then the process leaves with
    ``os._exit``, skipping the interpreter's teardown of every object of a
    large scenario and plan (a tenth of a second at kabupaten size). Files are
    written and closed by then; penempatan registers no exit handlers.
    """
    global _RETAINED
    _RETAINED = []
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error
        return EXIT_INVALID if exc.code not in (0, None) else EXIT_OK
    commands = {
        "solve": _solve,
        "evaluate": _evaluate,
        "validate": _validate,
        "verify": _verify,
        "schema": _schema,
        "diff": _diff,
        "explain": _explain,
    }
    # A command reads a scenario into hundreds of thousands of small acyclic
    # records and exits; the cycle collector only re-scans them (a fifth of the
    # run time on large fit tables), so it is paused for the command and restored.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return commands[args.command](args)
    except PenempatanError as exc:
        print(f"penempatan: {exc}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        if collecting:
            gc.enable()


if __name__ == "__main__":  # pragma: no cover
    run()

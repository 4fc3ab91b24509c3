"""The ``penempatan`` command line.

Exit status: 0 with a plan of status OPTIMAL or FEASIBLE (or a valid input /
a valid plan); 1 when ``verify`` finds violations, or ``explain``/``diff`` are
given a plan that breaks a rule (they verify first); 2 for invalid input or
usage, or output that cannot be written, with a one-line message (for input:
naming the record and field) and no traceback; 3 for INFEASIBLE, with the
conflicts explained; 4 when no plan was found within the time limit
(UNKNOWN); 130 when interrupted (Ctrl-C). Invalid input writes nothing and no
input file is ever changed. Output files are written by
:mod:`penempatan.cli._write`; text for the terminal is cleaned of control
characters by :mod:`penempatan.cli._terminal`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from penempatan._errors import PenempatanError
from penempatan._status import Status
from penempatan.cli._terminal import clean, say
from penempatan.cli._write import OutputError, check_output, write_output
from penempatan.plan import Plan
from penempatan.scenario._io import load_scenario
from penempatan.scenario._text import JsonTextError, read_json
from penempatan.solving._solve import solve

if TYPE_CHECKING:
    from penempatan.scenario import Scenario

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_INVALID = 2
EXIT_INFEASIBLE = 3
EXIT_UNKNOWN = 4
EXIT_INTERRUPTED = 130

#: The environment variable that may hold the pseudonymisation key (kept out of
#: process listings and shell history, unlike a key on the command line).
KEY_VARIABLE = "PENEMPATAN_PSEUDONYM_KEY"
MAX_SEED = 2**31 - 1
MAX_WORKERS = 256


class _UsageError(PenempatanError):
    pass


class _Refused(PenempatanError):
    """A plan that breaks a rule, given to a command that reads plans (exit 1)."""


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be positive and finite, got {text}")
    return value


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= value <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"must be within 1 and {MAX_WORKERS}, got {text}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"must be within 0 and {MAX_SEED}, got {text}")
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
    s.add_argument("--seed", type=_seed, default=0)
    s.add_argument("--workers", type=_workers, default=None)
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
    d.add_argument(
        "--scenario",
        type=Path,
        help="scenario file of plan B (and of plan A, unless --scenario-a): "
        "names, OPD and fit per OPD; both plans are verified against it first",
    )
    d.add_argument("--scenario-a", type=Path, help="scenario file of plan A, when it differs")
    _pseudonym_options(d)

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
    _pseudonym_options(x)
    x.add_argument(
        "--no-prices", action="store_true", help="skip the floor prices (one re-solve per floor)"
    )
    x.add_argument("-o", "--output", type=Path, help="report file (default: standard output)")
    return p


def _pseudonym_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--pseudonymise",
        nargs="?",
        const="",
        metavar="KEY",
        help=f"show people by pseudonym only; the key from --key-file, else ${KEY_VARIABLE}, "
        "else KEY (a key on the command line shows in process listings)",
    )
    p.add_argument(
        "--key-file",
        type=Path,
        metavar="FILE",
        help="read the pseudonymisation key from FILE (its first line); implies --pseudonymise",
    )


def _pseudonym_key(args: argparse.Namespace) -> str | None:
    """The key of ``--pseudonymise``: from ``--key-file``, the environment, or the argument."""
    if args.key_file is not None:
        text = _read_text(args.key_file)
        key = text.splitlines()[0].strip() if text.strip() else ""
        if not key:
            raise _UsageError(f"{args.key_file}: the key file is empty")
        return key
    if args.pseudonymise is None:
        return None
    if args.pseudonymise:
        return str(args.pseudonymise)
    key = os.environ.get(KEY_VARIABLE, "")
    if not key:
        raise _UsageError(
            f"--pseudonymise needs a key: --key-file FILE, ${KEY_VARIABLE}, or --pseudonymise KEY"
        )
    return key


def _emit(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` (see :mod:`penempatan.cli._write`), or to standard output.

    On a terminal, control characters are shown, never obeyed.
    """
    if output is None:
        sys.stdout.write(clean(text) if sys.stdout.isatty() else text)
        sys.stdout.flush()
        return
    write_output(output, text)


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
        say(plan.summary(), file=sys.stderr)
    if plan.status is Status.INFEASIBLE:
        if args.quiet:
            for c in plan.conflicts:
                say(f"conflict: {', '.join(c.constraints)}: {c.message}", file=sys.stderr)
        return EXIT_INFEASIBLE
    if plan.status is Status.UNKNOWN:
        say("no plan found within the time limit", file=sys.stderr)
        return EXIT_UNKNOWN
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    s = load_scenario(args.scenario)
    say(
        f"{args.scenario}: valid penempatan/scenario@1 ({len(s.candidates)} candidates, "
        f"{len(s.cooperatives)} cooperatives, {len(s.opds)} OPD)"
    )
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    plan = _read_plan(args.plan)
    from penempatan.solving._verify import verify

    violations = verify(scenario, plan)
    for v in violations:
        say(str(v))
    if violations:
        say(f"{len(violations)} violations", file=sys.stderr)
        return EXIT_VIOLATIONS
    say(f"{args.plan}: valid plan ({plan.status.value}, coverage {plan.coverage}, fit {plan.fit})")
    return EXIT_OK


def _verified(scenario: Scenario, plan: Plan, path: Path) -> Plan:
    """``plan``, once it breaks no rule of ``scenario``, with the tables it may leave out."""
    from penempatan.solving._evaluate import completed
    from penempatan.solving._verify import verify

    violations = verify(scenario, plan)
    if violations:
        shown = "; ".join(map(str, violations[:5]))
        more = f"; and {len(violations) - 5} more" if len(violations) > 5 else ""
        raise _Refused(
            f"{path}: the plan breaks the rules ({len(violations)} violations): {shown}{more} "
            f"(penempatan verify lists them)"
        )
    return completed(scenario, plan)


def _schema(_: argparse.Namespace) -> int:
    import json

    from penempatan.scenario._schema import scenario_schema

    _emit(json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n", None)
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from penempatan.solving._evaluate import evaluate

    _check_output(args.output, args.scenario, args.placements)
    scenario = load_scenario(args.scenario)
    try:
        data = read_json(_read_bytes(args.placements))
    except JsonTextError as exc:
        raise _UsageError(f"{args.placements}: {exc}") from None
    rows = data.get("assignments") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise _UsageError(
            f"{args.placements}: expected a plan or a list of placements, got {type(data).__name__}"
        )
    plan = evaluate(scenario, rows, label=args.label, explain=args.explain)
    _emit(plan.to_json(), args.output)
    if not args.quiet:
        say(plan.summary(), file=sys.stderr)
    return EXIT_OK


def _check_output(output: Path | None, *inputs: Path) -> None:
    """Refuse, before any work, an output path the writer would refuse."""
    if output is not None:
        check_output(output, *inputs)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; a file that cannot be read is a usage error naming it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _UsageError(f"{path}: cannot read: {exc.strerror}") from None


def _read_text(path: Path) -> str:
    """The file's text (UTF-8, optional byte order mark); else a usage error naming it."""
    from penempatan.scenario._text import decode_utf8

    try:
        return decode_utf8(_read_bytes(path))
    except JsonTextError as exc:
        raise _UsageError(f"{path}: {exc}") from None


def _read_plan(path: Path) -> Plan:
    """The plan in ``path``; every problem of its format named, with the file."""
    try:
        return Plan.from_json(_read_bytes(path))
    except PenempatanError as exc:
        raise _UsageError(f"{path}: {exc}") from None


def _diff(args: argparse.Namespace) -> int:
    from penempatan.plan._diff import compare

    key = _pseudonym_key(args)
    plan_a, plan_b = _read_plan(args.plan_a), _read_plan(args.plan_b)
    scenario = load_scenario(args.scenario) if args.scenario is not None else None
    scenario_a = load_scenario(args.scenario_a) if args.scenario_a is not None else scenario
    if scenario_a is not None and scenario_a.sha256 == plan_a.scenario_sha256:
        plan_a = _verified(scenario_a, plan_a, args.plan_a)
    if scenario is not None and scenario.sha256 == plan_b.scenario_sha256:
        plan_b = _verified(scenario, plan_b, args.plan_b)
    for path, plan in ((args.plan_a, plan_a), (args.plan_b, plan_b)):
        _check_alone(path, plan)
    diff = compare(plan_a, plan_b, scenario=scenario, scenario_a=scenario_a)
    if key is not None:
        from penempatan.plan._privacy import pseudonymise_diff

        diff = pseudonymise_diff(diff, key)
    say(diff.summary())
    return EXIT_OK


def _check_alone(path: Path, plan: Plan) -> None:
    """The rules a plan can break without a scenario: nobody twice, no placements without
    a solution."""
    from penempatan.rules._verify import plan_problems

    problems = plan_problems(plan)
    if problems:
        raise _Refused(f"{path}: the plan breaks the rules: {'; '.join(map(str, problems))}")


def _explain(args: argparse.Namespace) -> int:
    from penempatan.report._report import explain_report

    _check_output(args.output, args.scenario, args.plan)
    key = _pseudonym_key(args)
    scenario = load_scenario(args.scenario)
    plan = _read_plan(args.plan)
    if plan.scenario_sha256 != scenario.sha256:
        raise _UsageError(f"{args.plan}: the plan was not solved from {args.scenario}")
    plan = _verified(scenario, plan, args.plan)
    try:
        text = explain_report(
            scenario,
            plan,
            lang=args.lang,
            fmt=args.fmt,
            candidate=args.candidate,
            pseudonymise_key=key,
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
    code = _flush_stdout(code)
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)


def _flush_stdout(code: int) -> int:
    """Flush standard output; a write that fails (a full disk, a closed pipe) is one line
    on standard error and exit 2, and standard output is then left alone."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        _drop_stdout()
        _say_error(f"cannot write to standard output: {exc.strerror or exc}")
        return EXIT_INVALID
    return code


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that nothing tries to flush it again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _say_error(text: str) -> None:
    try:
        say(f"penempatan: {text}", file=sys.stderr)
        sys.stderr.flush()
    except OSError:
        pass


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
        code = commands[args.command](args)
        return _flush_stdout(code)
    except _Refused as exc:
        _say_error(str(exc))
        return EXIT_VIOLATIONS
    except (PenempatanError, OutputError) as exc:
        _say_error(str(exc))
        return EXIT_INVALID
    except OSError as exc:  # standard output closed or full while writing
        if exc.errno is None:
            raise
        _drop_stdout()
        _say_error(f"cannot write: {exc.strerror or exc}")
        return EXIT_INVALID
    except KeyboardInterrupt:
        _say_error("interrupted; nothing was written")
        return EXIT_INTERRUPTED
    finally:
        if collecting:
            gc.enable()


if __name__ == "__main__":  # pragma: no cover
    run()

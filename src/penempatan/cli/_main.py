"""The ``penempatan`` command line.

Exit status: 0 with a plan of status OPTIMAL or FEASIBLE (or a valid input /
a valid plan); 1 when ``verify`` finds violations, or ``explain``/``diff`` are
given a plan that breaks a rule (they verify first); 2 for invalid input or
usage, or output that cannot be written, with a one-line message (for input:
naming the record and field) and no traceback; 3 for INFEASIBLE, with the
conflicts explained; 4 when no plan was found within the time limit
(UNKNOWN); 130 when interrupted (Ctrl-C). Invalid input writes nothing and no
input file is ever changed. Every message is in the language of the call
(``--lang``, else ``$PENEMPATAN_LANG``, else Bahasa Indonesia), worded from
the catalogue of :mod:`penempatan.i18n`; the language is passed along, never
kept in the module, so one call's language never stays for the next. Output
files are written by
:mod:`penempatan.cli._write`; text for the terminal is cleaned of control
characters by :mod:`penempatan.cli._terminal`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from penempatan._errors import (
    PenempatanError,
    PlacementError,
    PlanFormatError,
    Problem,
    ScenarioError,
)
from penempatan._optional import MissingDependency
from penempatan._progress import Cancel
from penempatan._status import Status
from penempatan.cli import _office
from penempatan.cli._argtypes import ArgTypes, argparse_text, encodable
from penempatan.cli._interrupt import cancellable
from penempatan.cli._national import COMMANDS as _NATIONAL_COMMANDS
from penempatan.cli._national import add_commands as _add_national_commands
from penempatan.cli._terminal import clean, say
from penempatan.cli._write import OutputError, check_output, write_output
from penempatan.i18n import Lang, message, os_reason, resolve_lang
from penempatan.plan import Plan
from penempatan.plan._view import conflict_line, plan_summary
from penempatan.scenario._io import load_scenario
from penempatan.scenario._lint import lint
from penempatan.scenario._problems import plan_error_text, problem_text, scenario_error_text
from penempatan.scenario._text import JsonTextError, read_json, read_problem
from penempatan.solving._evaluate import placement_error_text
from penempatan.solving._solve import solve

if TYPE_CHECKING:
    from penempatan.report._report import Format
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


class _UsageError(PenempatanError):
    pass


class _Refused(PenempatanError):
    """A plan that breaks a rule, given to a command that reads plans (exit 1)."""


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with the usage line's first word in the chosen language."""

    lang: Lang = "id"

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:  # argparse passes "" when it builds a subcommand's name
            prefix = message("cli.usage", self.lang)
        super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose own words (headings, --help, errors) follow ``lang``."""

    def __init__(self, *args: Any, lang: Lang = "id", **kwargs: Any) -> None:
        class Formatter(_Formatter):
            pass

        Formatter.lang = lang
        kwargs.update(formatter_class=Formatter, add_help=False)
        super().__init__(*args, **kwargs)
        self.lang: Lang = lang
        self._positionals.title = message("cli.positionals", lang)
        self._optionals.title = message("cli.options", lang)
        self.add_argument("-h", "--help", action="help", help=message("cli.help", lang))

    def error(self, text: str) -> NoReturn:
        self.print_usage(sys.stderr)
        worded = argparse_text(text, self.lang)
        self.exit(2, message("cli.error", self.lang, prog=self.prog, message=worded) + "\n")


def _parser(lang: Lang = "id") -> argparse.ArgumentParser:
    def t(key: str) -> str:
        return message(key, lang)

    types = ArgTypes(lang)
    p = _Parser(
        prog="penempatan", description=t("cli.description"), epilog=t("cli.epilog"), lang=lang
    )
    p.add_argument(
        "--version", action="version", version=f"penempatan {_version()}", help=t("cli.version")
    )
    # Also before the command (its own dest: a command's default would overwrite it).
    p.add_argument("--lang", dest="top_lang", choices=("id", "en"), help=t("cli.lang"))
    sub = p.add_subparsers(
        dest="command", title=t("cli.commands"), metavar="COMMAND", parser_class=_Parser
    )

    def command(name: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(
            name, help=t(f"cli.{name}"), description=t(f"cli.{name}"), lang=lang
        )
        # Every command takes --lang, so that it may stand anywhere after the command.
        parser.add_argument("--lang", choices=("id", "en"), default=None, help=t("cli.lang"))
        return parser

    s = command("solve")
    s.add_argument("scenario", type=Path, help=t("cli.solve.scenario"))
    s.add_argument("-o", "--output", type=Path, help=t("cli.output"))
    s.add_argument("--time-limit", type=types.seconds, metavar="SECONDS", help=t("cli.time_limit"))
    s.add_argument("--seed", type=types.seed, default=0, help=t("cli.seed"))
    s.add_argument("--workers", type=types.workers, default=None, help=t("cli.workers"))
    s.add_argument(
        "--engine", choices=("auto", "flow", "cpsat"), default="auto", help=t("cli.engine")
    )
    s.add_argument("--timings", action="store_true", help=t("cli.timings"))
    s.add_argument("--no-explain", dest="explain", action="store_false", help=t("cli.no_explain"))
    s.add_argument(
        "--no-warm-start", dest="warm_start", action="store_false", help=t("cli.no_warm_start")
    )
    s.add_argument("--fairness", choices=("opd", "kecamatan", "both"), help=t("cli.fairness"))
    s.add_argument("--previous", type=Path, metavar="PLAN", help=t("cli.previous"))
    s.add_argument(
        "--fit-tolerance", type=types.share, metavar="SHARE", help=t("cli.fit_tolerance")
    )
    s.add_argument("-q", "--quiet", action="store_true", help=t("cli.quiet"))

    e = command("evaluate")
    e.add_argument("scenario", type=Path, help=t("cli.solve.scenario"))
    e.add_argument("placements", type=Path, help=t("cli.evaluate.placements"))
    e.add_argument("-o", "--output", type=Path, help=t("cli.output"))
    e.add_argument("--label", type=types.utf8, default="given", help=t("cli.label"))
    e.add_argument("--no-explain", dest="explain", action="store_false", help=t("cli.no_explain"))
    e.add_argument("-q", "--quiet", action="store_true", help=t("cli.quiet"))

    v = command("validate")
    v.add_argument("scenario", type=Path, help=t("cli.solve.scenario"))
    v.add_argument("--strict", action="store_true", help=t("cli.strict"))

    f = command("verify")
    f.add_argument("scenario", type=Path, help=t("cli.solve.scenario"))
    f.add_argument("plan", type=Path, help=t("cli.plan"))

    sc = command("schema")
    sc.add_argument("--plan", action="store_true", help=t("cli.schema.plan"))

    d = command("diff")
    d.add_argument("plan_a", type=Path, help=t("cli.diff.plan_a"))
    d.add_argument("plan_b", type=Path, help=t("cli.diff.plan_b"))
    d.add_argument("--scenario", type=Path, help=t("cli.diff.scenario"))
    d.add_argument("--scenario-a", type=Path, help=t("cli.diff.scenario_a"))
    _pseudonym_options(d, types)

    x = command("explain")
    x.add_argument("scenario", type=Path, help=t("cli.solve.scenario"))
    x.add_argument("plan", type=Path, help=t("cli.plan"))
    x.add_argument("--format", dest="fmt", choices=("text", "md", "html"), help=t("cli.format"))
    x.add_argument(
        "--candidate", type=types.utf8, action="append", metavar="NIP", help=t("cli.candidate")
    )
    _pseudonym_options(x, types)
    x.add_argument("--no-prices", action="store_true", help=t("cli.no_prices"))
    x.add_argument("-o", "--output", type=Path, help=t("cli.output"))
    _add_national_commands(command, t, types)
    _office.add_commands(command, t)
    return p


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("penempatan")
    except metadata.PackageNotFoundError:  # pragma: no cover - a source tree not installed
        return "0+unknown"


def _lang_of(argv: list[str]) -> Lang:
    """The language asked for on the command line (``--lang X`` or ``--lang=X``), else the default.

    Read before parsing, since the help texts are built in that language.
    """
    asked: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            asked = argv[i + 1]
        elif arg.startswith("--lang="):
            asked = arg.split("=", 1)[1]
    return resolve_lang(asked if asked in ("id", "en") else None)


def _pseudonym_options(p: argparse.ArgumentParser, types: ArgTypes) -> None:
    p.add_argument(
        "--pseudonymise",
        nargs="?",
        const="",
        type=types.utf8,
        metavar="KEY",
        help=message("cli.pseudonymise", types.lang, variable=KEY_VARIABLE),
    )
    p.add_argument(
        "--key-file", type=Path, metavar="FILE", help=message("cli.key_file", types.lang)
    )


def _pseudonym_key(args: argparse.Namespace) -> str | None:
    """The key of ``--pseudonymise``: from ``--key-file``, the environment, or the argument."""
    if args.key_file is not None:
        text = _read_text(args.key_file, args.lang)
        key = text.splitlines()[0].strip() if text.strip() else ""
        if not key:
            raise _UsageError(message("cli.key_file_empty", args.lang, path=args.key_file))
        return key
    if args.pseudonymise is None:
        return None
    if args.pseudonymise:
        return str(args.pseudonymise)
    key = os.environ.get(KEY_VARIABLE, "")
    if not encodable(key):
        raise _UsageError(f"${KEY_VARIABLE}: {message('cli.bad.utf8', args.lang)}")
    if not key:
        raise _UsageError(message("cli.key_needed", args.lang, variable=KEY_VARIABLE))
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
    inputs = [args.scenario] if args.previous is None else [args.scenario, args.previous]
    _check_output(args.output, *inputs)
    if args.fit_tolerance is not None and args.fairness is None and args.previous is None:
        raise _UsageError(message("cli.fit_tolerance_alone", args.lang))
    fairness = None
    if args.fairness is not None:
        from penempatan.engine._staged import Fairness

        fairness = Fairness(
            opd_burden=args.fairness in ("opd", "both"),
            kecamatan_coverage=args.fairness in ("kecamatan", "both"),
        )
    if fairness is not None and args.engine == "flow":
        raise _UsageError(message("cli.fairness_flow", args.lang))
    scenario = load_scenario(args.scenario, lang=args.lang)
    previous = _read_plan(args.previous, args.lang) if args.previous is not None else None
    if args.engine == "flow" and scenario.rules:
        raise _UsageError(message("cli.flow_rules", args.lang))
    tolerance = args.fit_tolerance if args.fit_tolerance is not None else 0.0
    if args.engine == "flow" and previous is not None and tolerance < 1.0:
        raise _UsageError(message("cli.flow_previous", args.lang))
    from penempatan.report._progress import ProgressLine

    with ProgressLine(sys.stderr, lang=args.lang) as line:
        if args.quiet:
            line.active = False

        def work(cancel: Cancel) -> Plan:
            return solve(
                scenario,
                time_limit_s=args.time_limit,
                seed=args.seed,
                workers=args.workers,
                engine=args.engine,
                explain=args.explain,
                warm_start=args.warm_start,
                fairness=fairness,
                fit_tolerance=args.fit_tolerance,
                previous=previous,
                progress=line if line.active else None,
                cancel=cancel,
            )

        try:
            plan, interrupted = cancellable(work)
        except ValueError as exc:  # options the engine cannot honour together
            raise _UsageError(str(exc)) from None
    if interrupted:
        say(message("cli.cancelled", args.lang), file=sys.stderr)
    if not _office.write_plan_workbook(args.output, scenario, plan, lang=args.lang):
        _emit(plan.to_json(timings=args.timings), args.output)
    if _RETAINED is not None:
        _RETAINED.extend((scenario, plan))
    if not args.quiet:
        say(plan_summary(plan, args.lang, scenario), file=sys.stderr)
    if plan.status is Status.INFEASIBLE:
        if args.quiet:
            for c in plan.conflicts:
                say(conflict_line(c, args.lang, scenario), file=sys.stderr)
        return EXIT_INFEASIBLE
    if plan.status is Status.UNKNOWN:
        say(message("cli.no_plan_in_time", args.lang), file=sys.stderr)
        return EXIT_UNKNOWN
    return EXIT_OK


def _raw(path: object) -> Any:
    """The JSON data of a scenario file that did not validate, to name people in its problems."""
    if not isinstance(path, Path):
        return None
    try:
        return read_json(path.read_bytes())
    except (OSError, JsonTextError, ValueError, RecursionError):
        return None


def _validate(args: argparse.Namespace) -> int:
    s = load_scenario(args.scenario, lang=args.lang)
    warnings = lint(s)
    if warnings:
        say(message("cli.warnings", args.lang, count=len(warnings)), file=sys.stderr)
        for w in warnings:
            say(f"  {problem_text(w, args.lang, s)}", file=sys.stderr)
        if args.strict:
            say(
                message("cli.strict_failed", args.lang, path=args.scenario, count=len(warnings)),
                file=sys.stderr,
            )
            return EXIT_INVALID
    say(
        message(
            "cli.valid",
            args.lang,
            path=args.scenario,
            candidates=len(s.candidates),
            cooperatives=len(s.cooperatives),
            opds=len(s.opds),
        )
    )
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario, lang=args.lang)
    plan = _read_plan(args.plan, args.lang)
    from penempatan.rules._verify import violation_text
    from penempatan.solving._verify import verify

    violations = verify(scenario, plan)
    for v in violations:
        say(violation_text(v, args.lang, scenario, plan))
    if violations:
        say(message("cli.violations", args.lang, count=len(violations)), file=sys.stderr)
        return EXIT_VIOLATIONS
    say(
        message(
            "cli.verified",
            args.lang,
            path=args.plan,
            status=plan.status.value,
            coverage=plan.coverage,
            fit=plan.fit,
        )
    )
    return EXIT_OK


def _verified(scenario: Scenario, plan: Plan, path: Path, lang: Lang) -> Plan:
    """``plan``, once it breaks no rule of ``scenario``, with the tables it may leave out."""
    from penempatan.rules._verify import violation_text
    from penempatan.solving._evaluate import completed
    from penempatan.solving._verify import verify

    violations = verify(scenario, plan)
    if violations:
        shown = [violation_text(v, lang, scenario, plan) for v in violations[:5]]
        if len(violations) > 5:
            shown.append(message("cli.plan_breaks.more", lang, count=len(violations) - 5))
        raise _Refused(
            message(
                "cli.plan_breaks", lang, path=path, count=len(violations), shown="; ".join(shown)
            )
        )
    return completed(scenario, plan)


def _schema(args: argparse.Namespace) -> int:
    import json

    if args.plan:
        from penempatan.plan._schema import plan_schema

        _emit(json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n", None)
        return EXIT_OK
    from penempatan.scenario._schema import scenario_schema

    _emit(json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n", None)
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from penempatan.solving._evaluate import evaluate

    _check_output(args.output, args.scenario, args.placements)
    scenario = load_scenario(args.scenario, lang=args.lang)
    try:
        data = read_json(_plan_bytes(args.placements, args.lang))
    except JsonTextError as exc:
        raise _UsageError(_problems(args.placements, exc.problems, args.lang)) from None
    rows = data.get("assignments") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        kind = message(f"kind.{type(data).__name__}", args.lang)
        raise _UsageError(message("cli.not_placements", args.lang, path=args.placements, kind=kind))
    try:
        plan = evaluate(scenario, rows, label=args.label, explain=args.explain)
    except PlacementError as exc:
        raise _UsageError(placement_error_text(exc, args.lang, scenario, rows)) from None
    _emit(plan.to_json(), args.output)
    if not args.quiet:
        say(plan.summary(lang=args.lang), file=sys.stderr)
    return EXIT_OK


def _check_output(output: Path | None, *inputs: Path) -> None:
    """Refuse, before any work, an output path the writer would refuse."""
    if output is not None:
        check_output(output, *inputs)


def _problems(path: Path, problems: list[Problem], lang: Lang) -> str:
    """``path: problem; problem`` in ``lang`` (a file that is not JSON text, say)."""
    return f"{path}: " + "; ".join(problem_text(p, lang) for p in problems)


def _read_bytes(path: Path, lang: Lang) -> bytes:
    """The file's bytes; a file that cannot be read is a usage error naming it once."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _UsageError(problem_text(read_problem(str(path), exc), lang)) from None


def _plan_bytes(path: Path, lang: Lang) -> bytes:
    """The bytes of a plan (or placements) file; an Excel workbook there (the plan workbook
    of ``solve -o PLAN.xlsx``, or a scenario's) is refused saying which file to give."""
    data = _read_bytes(path, lang)
    if data.startswith(b"PK\x03\x04"):  # a ZIP archive, as every .xlsx is
        raise _UsageError(message("cli.plan_is_workbook", lang, path=path))
    return data


def _read_text(path: Path, lang: Lang) -> str:
    """The file's text (UTF-8, optional byte order mark); else a usage error naming it."""
    from penempatan.scenario._text import decode_utf8

    try:
        return decode_utf8(_read_bytes(path, lang))
    except JsonTextError as exc:
        raise _UsageError(_problems(path, exc.problems, lang)) from None


def _read_plan(path: Path, lang: Lang) -> Plan:
    """The plan in ``path``; every problem of its format named, with the file (once)."""
    data = _plan_bytes(path, lang)
    try:
        return Plan.from_json(data)
    except PlanFormatError as exc:
        raise _UsageError(f"{path}: {plan_error_text(exc, lang)}") from None


def _diff(args: argparse.Namespace) -> int:
    from penempatan.plan._diff import compare

    key = _pseudonym_key(args)
    lang = args.lang
    plan_a, plan_b = _read_plan(args.plan_a, lang), _read_plan(args.plan_b, lang)
    scenario = load_scenario(args.scenario, lang=lang) if args.scenario is not None else None
    scenario_a = (
        load_scenario(args.scenario_a, lang=lang) if args.scenario_a is not None else scenario
    )
    given_a = scenario_a if args.scenario_a is not None else None
    if given_a is not None and given_a.sha256 != plan_a.scenario_sha256:
        raise _UsageError(
            message("cli.not_solved_from", lang, plan=args.plan_a, scenario=args.scenario_a)
        )
    # Each plan is verified against the scenario it was solved from, where that is given.
    if scenario_a is not None and scenario_a.sha256 == plan_a.scenario_sha256:
        plan_a = _verified(scenario_a, plan_a, args.plan_a, lang)
    if scenario is not None and scenario.sha256 == plan_b.scenario_sha256:
        plan_b = _verified(scenario, plan_b, args.plan_b, lang)
    for path, plan in ((args.plan_a, plan_a), (args.plan_b, plan_b)):
        _check_alone(path, plan, lang)
    diff = compare(plan_a, plan_b, scenario=scenario, scenario_a=scenario_a)
    if key is not None:
        from penempatan.plan._privacy import pseudonymise_diff

        diff = pseudonymise_diff(diff, key)
    say(diff.summary(lang=args.lang))
    return EXIT_OK


def _check_alone(path: Path, plan: Plan, lang: Lang) -> None:
    """The rules a plan can break without a scenario: nobody twice, no placements without
    a solution."""
    from penempatan.rules._verify import plan_problems, violation_sentence

    problems = plan_problems(plan)
    if problems:
        shown = "; ".join(
            f"[{v.rule} {v.code}] {v.path}: {violation_sentence(v.code, v.values, v.message, lang)}"
            for v in problems
        )
        raise _Refused(
            message("cli.plan_breaks", lang, path=path, count=len(problems), shown=shown)
        )


def _explain(args: argparse.Namespace) -> int:
    from penempatan.report._report import explain_report

    _check_output(args.output, args.scenario, args.plan)
    key = _pseudonym_key(args)
    scenario = load_scenario(args.scenario, lang=args.lang)
    plan = _read_plan(args.plan, args.lang)
    if plan.scenario_sha256 != scenario.sha256:
        raise _UsageError(
            message("cli.not_solved_from", args.lang, plan=args.plan, scenario=args.scenario)
        )
    plan = _verified(scenario, plan, args.plan, args.lang)
    if _office.is_workbook(args.output):
        if key is not None or args.candidate or args.fmt is not None:
            raise _UsageError(message("cli.workbook_options", args.lang))
        _office.write_plan_workbook(args.output, scenario, plan, lang=args.lang)
        return EXIT_OK
    if args.candidate:
        from penempatan.plan._pseudonym import pseudonym

        known = {c.nip for c in scenario.candidates}
        if key is not None:
            known |= {pseudonym(nip, key) for nip in known}
        unknown = [w for w in args.candidate if w not in known]
        if unknown:
            raise _UsageError(message("cli.unknown_candidate", args.lang, nip=unknown[0]))
    fmt = args.fmt if args.fmt is not None else _report_format(args.output)
    try:
        text = explain_report(
            scenario,
            plan,
            lang=args.lang,
            fmt=fmt,
            candidate=args.candidate,
            pseudonymise_key=key,
            prices=not args.no_prices,
        )
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    _emit(text, args.output)
    return EXIT_OK


#: A report file's format by its suffix, when --format is not given.
_FORMAT_OF_SUFFIX: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".md": "md",
}


def _report_format(output: Path | None) -> Format:
    """By the output file's suffix; else plain text on a terminal and Markdown into a pipe."""
    if output is not None:
        return _FORMAT_OF_SUFFIX.get(output.suffix.lower(), "md")
    return "text" if sys.stdout.isatty() else "md"


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
    lang = _lang_of(sys.argv[1:])
    try:
        code = main()
    except KeyboardInterrupt:  # outside a command (while parsing, or collecting)
        _say_error(message("cli.interrupted", lang))
        code = EXIT_INTERRUPTED
    code = _flush_stdout(code, lang)
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)


def _flush_stdout(code: int, lang: Lang) -> int:
    """Flush standard output; a write that fails (a full disk, a closed pipe) is one line
    on standard error and exit 2, and standard output is then left alone."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        _drop_stdout()
        reason = os_reason(exc.errno, exc.strerror or str(exc), lang)
        _say_error(message("cli.stdout_failed", lang, reason=reason))
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
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = _lang_of(argv)
    parser = _parser(lang)
    if not argv:  # a bare `penempatan`: the whole help, as a usage error (exit 2)
        parser.print_help(sys.stderr)
        return EXIT_INVALID
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error
        return EXIT_INVALID if exc.code not in (0, None) else EXIT_OK
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_INVALID
    args.lang = lang = resolve_lang(args.lang or args.top_lang)
    commands = {
        "solve": _solve,
        "evaluate": _evaluate,
        "validate": _validate,
        "verify": _verify,
        "schema": _schema,
        "diff": _diff,
        "explain": _explain,
        **_NATIONAL_COMMANDS,
        **_office.COMMANDS,
    }
    # A command reads a scenario into hundreds of thousands of small acyclic
    # records and exits; the cycle collector only re-scans them (a fifth of the
    # run time on large fit tables), so it is paused for the command and restored.
    collecting = gc.isenabled()
    gc.disable()
    try:
        code = commands[args.command](args)
        return _flush_stdout(code, lang)
    except _Refused as exc:
        _say_error(str(exc))
        return EXIT_VIOLATIONS
    except ScenarioError as exc:
        source = _raw(getattr(args, "scenario", None))
        _say_error(scenario_error_text(exc, lang, source))
        return EXIT_INVALID
    except OutputError as exc:
        _say_error(exc.text(lang))
        return EXIT_INVALID
    except MissingDependency as exc:  # a workbook without openpyxl installed, say
        what = message("cli.missing_dependency", lang, needed_by=exc.needed_by, package=exc.package)
        _say_error(what)
        return EXIT_INVALID
    except PenempatanError as exc:
        _say_error(str(exc))
        return EXIT_INVALID
    except OSError as exc:  # standard output closed or full while writing
        if exc.errno is None:
            raise
        _drop_stdout()
        reason = os_reason(exc.errno, exc.strerror or str(exc), lang)
        _say_error(message("cli.write_failed", lang, reason=reason))
        return EXIT_INVALID
    except KeyboardInterrupt:
        _say_error(message("cli.interrupted", lang))
        return EXIT_INTERRUPTED
    finally:
        if collecting:
            gc.enable()


if __name__ == "__main__":  # pragma: no cover
    run()

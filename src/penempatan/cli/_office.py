"""The spreadsheet commands: ``template``, ``convert``, and plan workbooks for ``-o PLAN.xlsx``.

``penempatan template FILE.xlsx`` writes the empty scenario workbook;
``penempatan convert IN OUT`` moves a scenario between JSON, an Excel
workbook and a folder of CSV files (the kind of OUT by its name: ``.json``,
``.xlsx``, anything else a folder). A conversion is checked before anything
is written: OUT read back must give the same scenario (the same SHA-256),
otherwise nothing is written and the command says why. Nothing existing is
ever overwritten, and files are written atomically.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from penempatan._errors import PenempatanError, ScenarioError
from penempatan.cli._terminal import say
from penempatan.cli._write import write_output_bytes
from penempatan.i18n import Lang, message, os_reason
from penempatan.plan import Plan
from penempatan.scenario import Scenario, loads_scenario
from penempatan.scenario._io import load_scenario
from penempatan.scenario._problems import problem_text
from penempatan.scenario._tables import lossy


class OfficeUsageError(PenempatanError):
    """A command given paths it cannot use (exit status 2)."""


def add_commands(command: Any, t: Any) -> None:
    """Add ``template`` and ``convert`` (handlers in :data:`COMMANDS`).

    ``command(name)`` makes a subcommand parser in the reader's language and
    ``t(key)`` words a help text, as for the other commands.
    """
    template = command("template")
    template.add_argument("workbook", type=Path, help=t("cli.template.workbook"))
    convert = command("convert")
    convert.add_argument("source", type=Path, help=t("cli.convert.source"))
    convert.add_argument("target", type=Path, help=t("cli.convert.target"))


def is_workbook(path: Path | None) -> bool:
    """Whether an output path names an Excel workbook (``.xlsx``; no macros are written)."""
    return path is not None and path.suffix.lower() == ".xlsx"


def write_plan_workbook(
    output: Path | None, scenario: Scenario, plan: Plan, *, lang: Lang = "id"
) -> bool:
    """Write the printable plan workbook when ``output`` is ``.xlsx``; whether it did."""
    if output is None or not is_workbook(output):
        return False
    from penempatan.report._workbook import plan_workbook_bytes

    write_output_bytes(output, plan_workbook_bytes(scenario, plan, lang=lang))
    return True


def _refuse_existing(target: Path, lang: Lang) -> None:
    if target.is_dir() and not any(target.iterdir()):
        return
    if target.exists():
        raise OfficeUsageError(message("cli.exists", lang, path=target))
    if not target.resolve().parent.is_dir():
        raise OfficeUsageError(message("cli.no_folder", lang, path=target))


def _write_folder(target: Path, files: dict[str, str], lang: Lang) -> None:
    """Write the files into a new folder ``target`` (made whole in a temporary one first)."""
    parent = target.resolve().parent
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}."))
    try:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8", newline="")
        if target.is_dir():
            target.rmdir()  # empty, checked before
        os.replace(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        reason = os_reason(exc.errno, exc.strerror, lang)
        raise OfficeUsageError(
            message("cli.cannot_write", lang, path=target, reason=reason)
        ) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _template(args: argparse.Namespace) -> int:
    from penempatan.scenario._excel import workbook_bytes

    if not is_workbook(args.workbook):
        raise OfficeUsageError(message("cli.template_xlsx", args.lang, path=args.workbook))
    _refuse_existing(args.workbook, args.lang)
    write_output_bytes(args.workbook, workbook_bytes(None))
    say(message("cli.template.done", args.lang, path=args.workbook))
    return 0


def scenario_json(scenario: Scenario) -> str:
    """The scenario as indented JSON (every field written out; its hash is the scenario's)."""
    return json.dumps(scenario.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def _convert(args: argparse.Namespace) -> int:
    from penempatan.scenario._scenario import validate_scenario
    from penempatan.scenario._sheets import scenario_from_sheets
    from penempatan.scenario._tables import scenario_tables

    source, target, lang = args.source, args.target, args.lang
    if target.resolve() == source.resolve():
        raise OfficeUsageError(f"{target}: {message('cli.convert_over_input', lang)}")
    _refuse_existing(target, lang)
    scenario = load_scenario(source, lang=lang)
    suffix = target.suffix.lower()
    if suffix == ".json":
        text = scenario_json(scenario)
        _same_back(scenario, lambda: loads_scenario(text), target, lang)
        write_output_bytes(target, text.encode("utf-8"))
        kind = "JSON"
    elif is_workbook(target):
        from penempatan.scenario._excel import read_workbook, workbook_bytes

        data = workbook_bytes(scenario)
        _same_back(
            scenario,
            lambda: scenario_from_sheets(read_workbook(data), validate_scenario),
            target,
            lang,
        )
        write_output_bytes(target, data)
        kind = "Excel"
    elif suffix and not target.is_dir():
        raise OfficeUsageError(message("cli.convert_kind", lang, path=target))
    else:
        from penempatan.scenario._csv import csv_files, sheet_of_text

        files = csv_files(scenario_tables(scenario))
        sheets = {Path(n).stem: sheet_of_text(n, text) for n, text in files.items()}
        _same_back(scenario, lambda: scenario_from_sheets(sheets, validate_scenario), target, lang)
        _write_folder(target, files, lang)
        kind = f"CSV ({len(files)})"
    say(
        message(
            "cli.convert.done",
            args.lang,
            target=target,
            kind=kind,
            sha=scenario.sha256[:12],
            source=source,
        )
    )
    return 0


def _same_back(scenario: Scenario, read: Callable[[], Scenario], target: Path, lang: Lang) -> None:
    """Refuse a conversion whose result does not read back as the same scenario (its SHA-256).

    A result that does not read back at all (a list item holding a separator,
    say) is refused the same way, with the problems it would have.
    """
    try:
        again = read()
    except ScenarioError as exc:
        details = "".join(f"\n  {problem_text(p, lang)}" for p in exc.problems)
        raise OfficeUsageError(f"{target}: {problem_text(lossy(), lang)}{details}") from None
    if again.sha256 != scenario.sha256:
        raise OfficeUsageError(f"{target}: {problem_text(lossy(), lang)}")


#: The handlers of the spreadsheet commands, by name.
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "template": _template,
    "convert": _convert,
}

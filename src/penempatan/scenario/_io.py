"""Reading scenarios: from a file, JSON text or plain data, with errors that name the field."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from penempatan._errors import Problem, ScenarioError
from penempatan.scenario._problems import problems_from
from penempatan.scenario._scenario import Scenario, validated


def parse_scenario(data: Any) -> Scenario:
    """Validate plain JSON data (a dict) as a scenario; raise :class:`ScenarioError` if invalid."""
    return validated(Scenario, data)


def loads_scenario(text: str | bytes) -> Scenario:
    """Validate a scenario given as JSON text.

    The text is parsed and validated in one pass by pydantic-core; when that
    fails at the document level (not JSON, not an object), the standard
    library parser is asked again for a message with line and column.
    """
    try:
        return Scenario.model_validate_json(text)
    except ValidationError as exc:
        if all(e["loc"] for e in exc.errors(include_url=False)):
            raise ScenarioError(problems_from(exc)) from None
    except RecursionError:
        pass
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(
            [Problem(f"line {exc.lineno} column {exc.colno}", f"invalid JSON: {exc.msg}")]
        ) from None
    except RecursionError:
        raise ScenarioError([Problem("", "invalid JSON: nested too deeply")]) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError([Problem("", f"not UTF-8 text: {exc.reason}")]) from None
    return parse_scenario(data)


#: File name endings read as Excel workbooks.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario (read only; nothing is ever changed).

    ``path`` is a JSON file, an Excel workbook (``.xlsx``, needs
    ``pip install 'penempatan[excel]'``) or a folder of CSV files, one per
    sheet; see :mod:`penempatan.scenario._tables` for the sheets. Problems
    in a workbook or CSV folder name the sheet, row and column.
    """
    p = Path(path)
    try:
        if p.is_dir():
            from penempatan.scenario._csv import load_csv_folder

            return _named(p, load_csv_folder, p)
        if p.suffix.lower() in WORKBOOK_SUFFIXES:
            from penempatan.scenario._excel import load_workbook

            return _named(p, load_workbook, p)
        raw = p.read_bytes()
    except OSError as exc:
        raise ScenarioError([Problem(str(p), f"cannot read: {exc.strerror}")]) from None
    return _named(p, loads_scenario, raw)


def _named(p: Path, read: Callable[[Any], Scenario], source: Any) -> Scenario:
    """``read(source)``, with the file's name put before the place of every problem."""
    try:
        return read(source)
    except ScenarioError as exc:
        raise ScenarioError(
            [Problem(f"{p.name}: {q.path}" if q.path else p.name, q.message) for q in exc.problems]
        ) from None

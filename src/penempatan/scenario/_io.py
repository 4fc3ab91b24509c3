"""Reading scenarios: from a file, JSON text or plain data, with errors that name the field."""

from __future__ import annotations

import json
from dataclasses import replace
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


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file (read only; the file is never changed)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ScenarioError([Problem(str(p), f"cannot read: {exc.strerror}")]) from None
    try:
        return loads_scenario(raw)
    except ScenarioError as exc:
        raise ScenarioError(
            [replace(q, path=f"{p.name}: {q.path}" if q.path else p.name) for q in exc.problems]
        ) from None

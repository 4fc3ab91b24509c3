"""Reading scenarios: from a file, JSON text or plain data, with errors that name the field.

Every file and text is read under one rule (:mod:`penempatan.scenario._text`):
UTF-8 with an optional byte order mark, one JSON document, no key given twice.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from penempatan._errors import Problem, ScenarioError, expect
from penempatan.scenario._scenario import Scenario, validated
from penempatan.scenario._text import (
    JsonTextError,
    decode_utf8,
    may_hold_surrogates,
    read_json,
)


def parse_scenario(data: Any) -> Scenario:
    """Validate plain JSON data (a dict) as a scenario; raise :class:`ScenarioError` if invalid."""
    return validated(Scenario, data)


def loads_scenario(text: str | bytes) -> Scenario:
    """Validate a scenario given as JSON text (or its UTF-8 bytes)."""
    try:
        decoded = decode_utf8(text)
        data = read_json(decoded)
    except JsonTextError as exc:
        raise ScenarioError(exc.problems) from None
    unicode = not may_hold_surrogates(decoded)
    return validated(Scenario, data, text_is_unicode=unicode)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file (read only; the file is never changed).

    Each problem's path starts with the file's name.
    """
    expect(path, (str, os.PathLike), "path")
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

"""Pydantic's validation errors as :class:`~penempatan._errors.Problem` values naming the field."""

from __future__ import annotations

from typing import Any

from penempatan._errors import Problem
from penempatan.scenario._records import SCENARIO_FORMAT


def json_path(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic error location as ``candidates[17].nip``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def problems_from(error: Any) -> list[Problem]:
    problems: list[Problem] = []
    for e in error.errors(include_url=False):
        ctx = e.get("ctx") or {}
        if e["type"] == "scenario_records" and "problems" in ctx:
            problems.extend(ctx["problems"])
            continue
        problems.append(Problem(json_path(tuple(e["loc"])), _message(e)))
    return problems


def _message(e: Any) -> str:
    msg = str(e["msg"])
    if e["type"] == "extra_forbidden":
        return "unknown field (not part of penempatan/scenario@1)"
    if e["type"] == "literal_error" and e["loc"] == ("format",):
        return f'expected "{SCENARIO_FORMAT}", got {e.get("input")!r}'
    return msg

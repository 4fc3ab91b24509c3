"""Who or what a path names: ``locks[0]`` → ``Dwi Mulyono, 199306122020222673 → KKMP-kauman``.

Messages put this beside the path, so a person reading ``opds[5].min_staff``
also reads ``DINKES, Dinas Kesehatan``. Works on a :class:`Scenario` and on
the raw JSON data of one that did not parse (whatever of the record is there).
Names and NIPs are personal data: these texts go to the person at the
terminal or into a report, never into a log above debug level.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

_HEAD = re.compile(r"(opds|cooperatives|candidates|locks|forbidden|fit|rules|placements)\[(\d+)\]")


def _get(record: Any, key: str) -> Any:
    if isinstance(record, Mapping):
        return record.get(key)
    return getattr(record, key, None)


def _records(source: Any, kind: str) -> Sequence[Any]:
    value = _get(source, kind)
    if isinstance(value, Sequence) and not isinstance(value, str):
        return value
    return ()


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _person(source: Any, nip: Any) -> str | None:
    if not isinstance(nip, str):
        return None
    for c in _records(source, "candidates"):
        if _get(c, "nip") == nip:
            name = _text(_get(c, "name"))
            return f"{name}, {nip}" if name else nip
    return nip


def identity(path: str, source: Any) -> str | None:
    """The record ``path`` starts with, in words; ``None`` when there is nothing to add."""
    m = _HEAD.search(path)
    if m is None or source is None:
        return None
    kind, index = m.group(1), int(m.group(2))
    records = _records(source, kind)
    if index >= len(records):
        return None
    r = records[index]
    if kind == "opds":
        parts = [_text(_get(r, "id")), _text(_get(r, "name"))]
    elif kind == "cooperatives":
        parts = [_text(_get(r, "id")), _text(_get(r, "kelurahan"))]
    elif kind == "candidates":
        parts = [_text(_get(r, "name")), _text(_get(r, "nip"))]
    elif kind == "rules":
        rule_id = _text(_get(r, "id"))
        parts = [None if rule_id is None else repr(rule_id)]
    else:
        who = _person(source, _get(r, "candidate"))
        coop = _text(_get(r, "cooperative"))
        arrow = "↛" if kind == "forbidden" else "→"
        role = _text(_get(r, "role"))
        where = None if coop is None else f"{coop} ({role})" if role and kind == "fit" else coop
        return f"{who or '?'} {arrow} {where or '?'}" if who or where else None
    shown = [p for p in parts if p]
    return ", ".join(shown) if shown else None


def with_identity(path: str, source: Any) -> str:
    """``path (who)``, or the path alone when it names nobody."""
    who = identity(path, source)
    return f"{path} ({who})" if who else path

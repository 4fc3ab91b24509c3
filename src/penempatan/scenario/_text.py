"""One rule for every JSON file penempatan reads: scenarios, plans and placements.

* The bytes are UTF-8; a UTF-8 byte order mark at the start is allowed and
  dropped. Anything else (UTF-16, Latin-1, ...) is refused, naming the first
  byte that is not UTF-8.
* The text is one JSON document. A key given twice in one object is refused,
  naming the key and the object (``opds[3]: key "min_staff" given twice``),
  since JSON readers disagree on which of the two counts.
* Nesting deeper than the interpreter can follow is refused, not a crash.

Each problem is a :class:`~penempatan._errors.Problem`; :func:`read_json` raises
:class:`JsonTextError` holding them.
"""

from __future__ import annotations

import json
from typing import Any

from penempatan._errors import PenempatanError, Problem

_BOM = b"\xef\xbb\xbf"


class JsonTextError(PenempatanError, ValueError):
    """The bytes are not one UTF-8 JSON document with unique keys; ``problems`` say why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def decode_utf8(raw: bytes | str) -> str:
    """The text of ``raw``: UTF-8 with an optional byte order mark; else :class:`JsonTextError`."""
    if isinstance(raw, str):
        return raw[1:] if raw.startswith("\ufeff") else raw
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        hint = (
            " (it looks like UTF-16; save the file as UTF-8)"
            if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw[:4]
            else " (save the file as UTF-8)"
        )
        raise JsonTextError(
            [Problem("", f"not UTF-8 text: byte {raw[exc.start]:#04x} at offset {exc.start}{hint}")]
        ) from None


class _Pairs(dict[str, Any]):
    """An object in which some key was given twice: ``repeated`` holds those keys."""

    repeated: list[str]


def read_json(raw: bytes | str) -> Any:
    """The JSON value of ``raw`` under the module's rule; :class:`JsonTextError` otherwise."""
    text = decode_utf8(raw)
    repeated = False

    def pairs_to_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        d = dict(pairs)
        if len(d) == len(pairs):
            return d
        repeated = True
        out = _Pairs(d)
        counts: dict[str, int] = {}
        for k, _ in pairs:
            counts[k] = counts.get(k, 0) + 1
        out.repeated = [k for k, n in counts.items() if n > 1]
        return out

    try:
        data = json.loads(text, object_pairs_hook=pairs_to_object)
    except json.JSONDecodeError as exc:
        raise JsonTextError(
            [Problem(f"line {exc.lineno} column {exc.colno}", f"invalid JSON: {exc.msg}")]
        ) from None
    except RecursionError:
        raise JsonTextError([Problem("", "invalid JSON: nested too deeply")]) from None
    if repeated:  # walk the document only to name the objects with a repeated key
        problems: list[Problem] = []
        _find_repeats(data, "", problems)
        raise JsonTextError(problems)
    return data


def _find_repeats(value: Any, path: str, out: list[Problem]) -> None:
    stack: list[tuple[Any, str]] = [(value, path)]
    found: list[tuple[str, str]] = []
    while stack:
        v, where = stack.pop()
        if isinstance(v, dict):
            if isinstance(v, _Pairs):
                found.extend((where, k) for k in v.repeated)
            for k, x in v.items():
                if isinstance(x, (dict, list)):
                    stack.append((x, f"{where}.{k}" if where else k))
        elif isinstance(v, list):
            for i, x in enumerate(v):
                if isinstance(x, (dict, list)):
                    stack.append((x, f"{where}[{i}]"))
    for where, key in sorted(found):
        out.append(Problem(where, f"key {key!r} given twice (each key once per object)"))

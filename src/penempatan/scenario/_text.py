"""One rule for every JSON file penempatan reads: scenarios, plans and placements.

* The bytes are UTF-8; a UTF-8 byte order mark at the start is allowed and
  dropped. Anything else (UTF-16, Latin-1, ...) is refused, naming the first
  byte that is not UTF-8.
* The text is one JSON document. A key given twice in one object is refused,
  naming the key and the object (``opds[3]: key "min_staff" given twice``),
  since JSON readers disagree on which of the two counts.
* Nesting deeper than the interpreter can follow is refused, not a crash.
* Text is Unicode: a ``\\ud800``-style escape of a lone surrogate is refused
  where the document is validated (:func:`unencodable_paths` names it).

Each problem is a :class:`~penempatan._errors.Problem`; :func:`read_json` raises
:class:`JsonTextError` holding them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from penempatan._errors import PenempatanError, Problem, expect
from penempatan.i18n import MESSAGES, message

_BOM = b"\xef\xbb\xbf"


class JsonTextError(PenempatanError, ValueError):
    """The bytes are not one UTF-8 JSON document with unique keys; ``problems`` say why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def decode_utf8(raw: bytes | str) -> str:
    """The text of ``raw``: UTF-8 with an optional byte order mark; else :class:`JsonTextError`."""
    expect(raw, (str, bytes, bytearray), "text")
    if isinstance(raw, bytearray):
        raw = bytes(raw)
    if isinstance(raw, str):
        return raw[1:] if raw.startswith("\ufeff") else raw
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf16 = raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw[:4]
        key = "problem.not_utf8.utf16" if utf16 else "problem.not_utf8"
        values = {"byte": f"{raw[exc.start]:#04x}", "offset": exc.start}
        raise JsonTextError([coded("", key, **values)]) from None


class _Pairs(dict[str, Any]):
    """An object in which some key was given twice: ``repeated`` holds those keys."""

    repeated: list[str]


def read_json(raw: bytes | str, *, keys_of: Callable[[Any], int] | None = None) -> Any:
    """The JSON value of ``raw`` under the module's rule; :class:`JsonTextError` otherwise.

    ``keys_of`` (optional) counts the keys of some of the value's objects, each
    object at most once (for a scenario: :func:`penempatan.scenario._io.scenario_keys`).
    With it, the text is first read without the duplicate-key hook, and the value
    is kept when that count equals the number of ``:`` in the text. Every member
    of every object holds one structural ``:``, and the other ``:`` are inside
    strings, so ``count(":") ≥ members written ≥ keys kept ≥ keys_of(value)``; equality
    leaves no room for a key given twice. Otherwise (a ``:`` inside a string, an
    object ``keys_of`` does not visit, a repeated key, a syntax error) the text is
    read again with the hook: the same value, or the same problems, as without
    ``keys_of``.
    """
    text = decode_utf8(raw)
    if keys_of is not None:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            pass  # read again below, to report it as the hook's reading does
        else:
            if keys_of(data) == text.count(":"):
                return data
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
        raise JsonTextError([_json_problem(text, exc)]) from None
    except RecursionError:
        raise JsonTextError([coded("", "problem.json_too_deep")]) from None
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
        out.append(coded(where, "problem.key_twice", name=key))


def coded(where: str, key: str, /, **values: Any) -> Problem:
    """The problem ``key`` at ``where``: its English sentence, with code and values for
    the reader's language (``penempatan.scenario.problem_text``)."""
    return Problem(
        where, message(key, "en", **values), code=key.removeprefix("problem."), values=values
    )


def read_problem(where: str, exc: OSError) -> Problem:
    """The problem of a file the system would not read, its reason worded in the reader's
    language (``errno``)."""
    reason = exc.strerror or str(exc)
    return coded(where, "problem.cannot_read", errno=exc.errno, strerror=reason, reason=reason)


def _json_problem(text: str, exc: json.JSONDecodeError) -> Problem:
    """Where the JSON text breaks and why, in words of the catalogue where it has them."""
    where = message("problem.json_at", "en", line=exc.lineno, column=exc.colno)
    if not text.strip():
        return coded(where, "problem.empty_file", line=exc.lineno, column=exc.colno)
    detail = f"json.{exc.msg}"
    if detail not in MESSAGES:
        return Problem(where, f"invalid JSON: {exc.msg}")
    p = coded(where, "problem.invalid_json", detail=message(detail, "en"))
    # The place and the detail are words too: both kept as codes for the reader's language.
    return replace(p, values={"detail": detail, "line": exc.lineno, "column": exc.colno})


#: A JSON escape of a UTF-16 surrogate: the only way UTF-8 JSON text yields a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def may_hold_surrogates(text: str) -> bool:
    """Whether JSON ``text`` has a surrogate escape (paired or not); cheap, over the text."""
    return _SURROGATE_ESCAPE.search(text) is not None


def unencodable_paths(value: Any, path: str = "") -> list[str]:
    """The paths of strings (and keys) in plain JSON ``value`` that UTF-8 cannot encode."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return [path]
        return []
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            where = f"{path}.{k}" if path else str(k)
            out += [f"{where} (key)" for _ in unencodable_paths(k)] + unencodable_paths(v, where)
        return out
    if isinstance(value, (list, tuple)):
        return [p for i, v in enumerate(value) for p in unencodable_paths(v, f"{path}[{i}]")]
    return []

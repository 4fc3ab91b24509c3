"""Reading scenarios: from a file, JSON text or plain data, with errors that name the field.

Every file and text is read under one rule (:mod:`penempatan.scenario._text`):
UTF-8 with an optional byte order mark, one JSON document, no key given twice.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from penempatan._errors import ScenarioError, expect
from penempatan.i18n import Lang
from penempatan.scenario._scenario import Scenario, validated
from penempatan.scenario._text import (
    JsonTextError,
    coded,
    decode_utf8,
    may_hold_surrogates,
    read_json,
    read_problem,
)


def parse_scenario(data: Any) -> Scenario:
    """Validate plain JSON data (a dict) as a scenario; raise :class:`ScenarioError` if invalid."""
    return validated(Scenario, data)


#: Members of a scenario's records that hold objects (or lists of objects) themselves.
_NESTED: dict[str, tuple[str, ...]] = {
    "opds": ("positions",),
    "cooperatives": ("location", "needs"),
    "candidates": ("location", "skills"),
    "rules": ("of",),
}


def scenario_keys(data: Any) -> int:
    """Keys of the objects of parsed scenario JSON where a scenario holds them (the
    document, its object members such as ``policy``, the records of its lists and
    the objects in :data:`_NESTED`), each object counted once; ``-1`` when ``data``
    is no object. Objects elsewhere are not counted: :func:`read_json` then reads
    the text again with its duplicate-key hook."""
    if type(data) is not dict:
        return -1
    n = len(data)
    for name, value in data.items():
        if type(value) is dict:
            n += len(value)
        elif type(value) is list:
            records = [r for r in value if type(r) is dict]
            n += sum(map(len, records))
            for member in _NESTED.get(name, ()):
                for x in [r.get(member) for r in records]:
                    if type(x) is dict:
                        n += len(x)
                    elif type(x) is list:
                        n += sum([len(y) for y in x if type(y) is dict])
    return n


def loads_scenario(text: str | bytes) -> Scenario:
    """Validate a scenario given as JSON text (or its UTF-8 bytes)."""
    try:
        decoded = decode_utf8(text)
        data = read_json(decoded, keys_of=scenario_keys)
    except JsonTextError as exc:
        raise ScenarioError(exc.problems) from None
    unicode = not may_hold_surrogates(decoded)
    return validated(Scenario, data, text_is_unicode=unicode)


#: File name endings read as Excel workbooks.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


#: File name endings read as a folder of CSV files would be, or as old Excel files:
#: refused with a sentence that says what to give instead.
_CSV_SUFFIXES = (".csv", ".tsv")
_OLD_EXCEL_SUFFIXES = (".xls", ".ods", ".xlsb", ".numbers")


def load_scenario(path: str | Path, *, lang: Lang = "id") -> Scenario:
    """Read and validate a scenario (read only; nothing is ever changed).

    ``path`` is a JSON file, an Excel workbook (``.xlsx``, needs
    ``pip install 'penempatan[excel]'``) or a folder of CSV files, one per
    sheet; see :mod:`penempatan.scenario._tables` for the sheets. Each
    problem's path starts with the file's name; in a workbook or CSV folder
    it names the sheet, row and column, in words of ``lang``
    (``Kandidat, baris 18, kolom NIP``). A single ``.csv`` file or an old
    Excel file (``.xls``) is refused, saying what to give instead; a file of
    another ending is read as JSON, and named as of an unknown kind if it is
    not JSON.
    """
    expect(path, (str, os.PathLike), "path")
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        if p.is_dir():
            from penempatan.scenario._csv import load_csv_folder

            return _named(p, lambda folder: load_csv_folder(folder, lang=lang), p)
        if suffix in WORKBOOK_SUFFIXES:
            from penempatan.scenario._excel import load_workbook

            return _named(p, lambda book: load_workbook(book, lang=lang), p)
        if suffix in _CSV_SUFFIXES + _OLD_EXCEL_SUFFIXES:
            key = "problem.csv_file" if suffix in _CSV_SUFFIXES else "problem.old_excel"
            raise ScenarioError([coded(p.name, key)])
        raw = p.read_bytes()
    except OSError as exc:
        raise ScenarioError([read_problem(str(p), exc)]) from None
    try:
        return _named(p, loads_scenario, raw)
    except ScenarioError as exc:
        if suffix in ("", ".json") or not _is_text_problem(exc):
            raise
        raise ScenarioError([coded(p.name, "problem.unknown_kind", suffix=suffix)]) from None


def _is_text_problem(exc: ScenarioError) -> bool:
    """Whether the file was not JSON text at all (rather than a scenario with a mistake)."""
    codes = {"invalid_json", "not_utf8", "not_utf8.utf16", "empty_file", "json_too_deep"}
    return any(q.code in codes or q.message.startswith("invalid JSON") for q in exc.problems)


def _named(p: Path, read: Callable[[Any], Scenario], source: Any) -> Scenario:
    """``read(source)``, with the file's name put before the place of every problem."""
    try:
        return read(source)
    except ScenarioError as exc:
        raise ScenarioError(
            [replace(q, path=_within(p.name, q.path)) for q in exc.problems]
        ) from None


def _within(name: str, path: str) -> str:
    """``name: path``: the file's name before the place in it (once, if it is there already)."""
    if not path or path == name:
        return name
    return path if path.startswith(f"{name}: ") else f"{name}: {path}"

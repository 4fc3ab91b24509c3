"""What openpyxl's read-only mode leaves out of a sheet: merged cells and formulas never computed.

Both are read from the sheet's own XML in the ``.xlsx`` file and applied to
its rows of values (row 1 the header), before empty rows are dropped:

* a merged range within one column, below the header, means the same value on
  each of its rows (a kecamatan merged over its kelurahan): the top cell's
  value is given to every cell it covers, as Excel shows it;
* a merged range across columns is ambiguous (which column holds the value?):
  the first cell it covers is :class:`~._cells.Unreadable`, so the problem is
  named once, at that cell;
* a formula whose value was never computed (a file written by a program, not
  saved by Excel) is :class:`~._cells.Unreadable`, naming the formula; a
  formula Excel computed is its value, as openpyxl reads it.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from penempatan.scenario._cells import Unreadable, is_empty

_REF = rb"([A-Z]{1,3})([0-9]+)"
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"" + _REF + rb"(?::" + _REF + rb")?\"")
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_CELL_REF = re.compile(rb"\br=\"" + _REF + rb"\"")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)>(.+?)</", re.DOTALL)


@dataclass
class SheetXml:
    """The merged ranges (first row, first column, last row, last column; 1-based) and the
    formulas without a value (row, column -> formula text) of one sheet."""

    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    uncomputed: dict[tuple[int, int], str] = field(default_factory=dict)


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - ord("A") + 1
    return n


def _letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def sheet_xml(archive: zipfile.ZipFile, member: str) -> SheetXml:
    """The merged ranges and uncomputed formulas of the sheet stored at ``member``."""
    found = SheetXml()
    try:
        xml = archive.read(member.lstrip("/"))
    except (KeyError, OSError, zipfile.BadZipFile):
        return found
    for m in _MERGE.finditer(xml):
        c1, r1, c2, r2 = m.groups()
        first = (int(r1), _column(c1))
        last = (int(r2), _column(c2)) if c2 is not None and r2 is not None else first
        found.merged.append((first[0], first[1], last[0], last[1]))
    if _HAS_FORMULA.search(xml) is None:
        return found
    for m in _CELL.finditer(xml):
        attributes, body = m.groups()
        formula = _FORMULA.search(body or b"")
        ref = _CELL_REF.search(attributes)
        if formula is None or ref is None or _VALUE.search(body or b"") is not None:
            continue
        text = html.unescape((formula.group(1) or b"").decode("utf-8", "replace"))
        found.uncomputed[(int(ref.group(2)), _column(ref.group(1)))] = text
    return found


def apply(rows: list[list[Any]], found: SheetXml) -> None:
    """Fill merged cells and mark uncomputed formulas in ``rows`` (row 1 at index 0)."""

    def put(r: int, c: int, value: Any) -> None:
        while len(rows) < r:
            rows.append([])
        row = rows[r - 1]
        row.extend([None] * (c - len(row)))
        row[c - 1] = value

    for (r, c), formula in found.uncomputed.items():
        if r >= 2:  # a header is read as the column's name, formula or not
            put(r, c, Unreadable("problem.table.cell.formula", formula=f"={formula}"))
    for r1, c1, r2, c2 in found.merged:
        top = rows[r1 - 1][c1 - 1] if r1 <= len(rows) and c1 <= len(rows[r1 - 1]) else None
        covered = [
            (r, c)
            for r in range(max(r1, 2), r2 + 1)
            for c in range(c1, c2 + 1)
            if (r, c) != (r1, c1)
        ]
        if c1 == c2 and r1 >= 2:
            for r, c in covered:
                put(r, c, top)
        elif covered and not is_empty(top):
            # Named once, at the first cell it covers (a merged footer is one problem).
            span = f"{_letters(c1)}{r1}:{_letters(c2)}{r2}"
            put(*covered[0], Unreadable("problem.table.cell.merged", cells=span))

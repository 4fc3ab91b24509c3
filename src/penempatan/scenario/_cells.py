"""Reading one cell: a value where its meaning is plain, a problem naming the cell otherwise.

``4.0`` is the whole number 4; a date-time at midnight is a date; ``ya`` and
``tidak`` (and ``yes``/``no``, ``true``/``false``, ``1``/``0``) are yes and no;
a decimal comma is a decimal point; a whole number written with a dot before
three digits (``1.000``) is refused, a thousand in Indonesian and one in
English; an education name of SIASN is its level (:mod:`._siasn`);
``DD-MM-YYYY`` is a day-first date, as Indonesian writes it, ``YYYY/MM/DD`` a
year-first one, and ``17 Agustus 1990`` (or ``17 Agt 1990``, ``17 Aug 1990``)
a date with its month named. An NIP stored as a number is refused, saying
why: Excel keeps 15 significant digits, so an 18-digit number has already
lost its last digits. Integers that are exact (a DataFrame's int64) are
accepted as NIPs; an NIP written with spaces between its digit groups
(``19930612 202022 2 673``, as NIPs are printed) or after an apostrophe
(``'199306...``, as Excel is told to keep text) is its 18 digits. Spaces
around a code or a text are dropped (``BKPSDM `` is ``BKPSDM``). A cell the
reader marked :class:`Unreadable` (a formula never computed, a cell merged
across columns) is a problem at that cell, saying what to do.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

from penempatan._errors import Problem
from penempatan.i18n import Lang, message
from penempatan.scenario._records import EDUCATION_RANK
from penempatan.scenario._siasn import education_level
from penempatan.scenario._tables import Column, Kind, Sheet


class Cells:
    """Reads cells into values, collecting a problem for each cell that cannot be read."""

    def __init__(self, lang: Lang, exact_numbers: bool, education: Mapping[str, str]) -> None:
        self.lang = lang
        self.exact_numbers = exact_numbers
        self.education = education
        self.problems: list[Problem] = []
        #: Locations already reported, so the scenario's own check does not repeat them.
        self.reported: set[str] = set()
        #: Sheet label -> its place in the input; location -> (sheet place, row) for sorting.
        self.rank: dict[str, int] = {}
        self.order: dict[str, tuple[int, int]] = {}
        #: Location of a cell -> (sheet label, row label), to name the row's record beside it.
        self.row_of: dict[str, tuple[str, Any]] = {}

    def at(self, sheet: Sheet, row: Any = None, column: str | None = None) -> str:
        """The place of a cell as the user sees it: ``Kandidat, baris 18, kolom NIP``."""
        if row is None:
            where = sheet.label
        else:
            word = "index" if sheet.index_rows else "row"
            key = f"table.where.{word}" if column is None else f"table.where.{word}.column"
            where = message(key, self.lang, sheet=sheet.label, row=row, column=column)
        rank = self.rank.setdefault(sheet.label, len(self.rank))
        self.order.setdefault(where, (rank, row if isinstance(row, int) else 0))
        if row is not None:
            self.row_of.setdefault(where, (sheet.label, row))
        return where

    def sorted(self, problems: list[Problem]) -> list[Problem]:
        """``problems`` in the order of the sheets and rows they name (stable otherwise)."""
        last = (len(self.rank), 0)
        return sorted(problems, key=lambda p: self.order.get(p.path, last))

    def problem(self, where: str, key: str, **values: Any) -> None:
        # The English sentence, with its code and values for the reader's language.
        self.problems.append(
            Problem(
                where,
                message(key, "en", **values),
                code=key.removeprefix("problem."),
                values=values,
            )
        )
        self.reported.add(where)

    def unreadable(self, value: Any, where: str) -> bool:
        """Whether ``value`` is :class:`Unreadable`, reported at ``where`` if so."""
        if isinstance(value, Unreadable):
            self.problem(where, value.key, **value.values)
            return True
        return False

    def read(self, value: Any, column: Column, where: str) -> Any:
        """The value of a non-empty cell for ``column``, or :data:`BAD` after a problem."""
        if self.unreadable(value, where):
            return BAD
        try:
            read = _READERS[column.kind](self, value)
        except _CellError as exc:
            self.problem(where, exc.key, **exc.values)
            return BAD
        if column.words and isinstance(read, str):
            return dict(column.words).get(read.strip().lower(), read)
        return read


class Unreadable:
    """A cell whose value the reader could not take as written: the problem to report there."""

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values

    def __repr__(self) -> str:
        return f"Unreadable({self.key!r})"


class _CellError(Exception):
    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values


BAD = object()


def is_empty(value: Any) -> bool:
    """Whether a cell holds nothing (``None``, blank text, or a float NaN)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _text(cells: Cells, value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool | dt.date):
        raise _CellError("problem.table.cell.text", value=shown(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    raise _CellError("problem.table.cell.text", value=shown(value))


_SCIENTIFIC = re.compile(r"[0-9]+([.,][0-9]+)?[eE][+]?[0-9]+")
_SPACES = re.compile(r"\s+")


def _nip(cells: Cells, value: Any) -> str:
    if isinstance(value, bool):
        raise _CellError("problem.table.cell.text", value=shown(value))
    if isinstance(value, int) and cells.exact_numbers:
        return str(value)
    if isinstance(value, int | float):
        raise _CellError("problem.table.cell.nip_number", value=_number_text(value))
    if isinstance(value, str):
        text = value.strip().removeprefix("'").strip()
        if _SCIENTIFIC.fullmatch(text):
            raise _CellError("problem.table.cell.nip_number", value=text)
        compact = _SPACES.sub("", text)
        # Spaces between digit groups, as an NIP is printed; anything else is left as it is
        # for the NIP check to name.
        return compact if compact.isascii() and compact.isdigit() else text
    raise _CellError("problem.table.cell.text", value=shown(value))


def _number_text(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return str(value)


_INTEGER = re.compile(r"[+-]?[0-9]+(\.0*)?")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(\.[0-9]{3})+")


def _int(cells: Cells, value: Any) -> int:
    if isinstance(value, bool):
        raise _CellError("problem.table.cell.int", value=shown(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _GROUPED.fullmatch(value.strip()):
        # 1.000 is a thousand as Indonesian writes it, and 1 as English does: not plain.
        raise _CellError("problem.table.cell.int_grouped", value=shown(value))
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value.strip().split(".")[0])
    raise _CellError("problem.table.cell.int", value=shown(value))


def _float(cells: Cells, value: Any) -> float:
    if isinstance(value, bool):
        raise _CellError("problem.table.cell.float", value=shown(value))
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")  # a decimal comma, as Indonesian is written
        try:
            number = float(text)
        except ValueError:
            raise _CellError("problem.table.cell.float", value=shown(value)) from None
    else:
        raise _CellError("problem.table.cell.float", value=shown(value))
    if not math.isfinite(number):
        raise _CellError("problem.table.cell.float", value=shown(value))
    return number


_DAY_FIRST = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")
#: A year first with other separators or single digits (``1990/8/17``): a year of four digits
#: first is plain; ``YYYY-MM-DD`` itself is left to the scenario's own check.
_YEAR_FIRST = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})")
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: ``17 Agustus 1990``, ``17-Agu-1990``, ``17 Aug. 1990``.
_NAMED_MONTH = re.compile(r"([0-9]{1,2})[ -]+([A-Za-z]+)\.?[ -]+([0-9]{4})")
#: Month names and their short forms, Indonesian and English.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "pebruari", "february", "feb", "peb"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "agt", "ags", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nopember", "nov", "nop"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}
#: Midnight written after a date, as exports of date-times write it (``12-06-1993 00:00:00``).
_MIDNIGHT = re.compile(r"(.*[0-9])(?:[ T]00[:.]00(?:[:.]00(?:\.0+)?)?)")


def _date(cells: Cells, value: Any) -> str:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise _CellError("problem.table.cell.datetime", value=value.isoformat(sep=" "))
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        midnight = _MIDNIGHT.fullmatch(text)
        if midnight is not None:
            text = midnight.group(1)
        m = _DAY_FIRST.fullmatch(text)
        y = None if _ISO.fullmatch(text) else _YEAR_FIRST.fullmatch(text)
        named = _NAMED_MONTH.fullmatch(text)
        parts: tuple[int, int, int] | None = None
        if m is not None:
            parts = int(m[3]), int(m[2]), int(m[1])
        elif y is not None:
            parts = int(y[1]), int(y[2]), int(y[3])
        elif named is not None and named[2].lower() in MONTHS:
            parts = int(named[3]), MONTHS[named[2].lower()], int(named[1])
        elif named is not None:
            raise _CellError("problem.table.cell.date", value=shown(value))
        if parts is not None:
            try:
                return dt.date(*parts).isoformat()
            except ValueError:
                raise _CellError("problem.table.cell.date", value=shown(value)) from None
        # An ISO date (or something else, which the scenario's own check names).
        return text
    raise _CellError("problem.table.cell.date", value=shown(value))


_TRUE = {"ya", "y", "yes", "true", "benar", "1"}
_FALSE = {"tidak", "t", "no", "n", "false", "salah", "0"}


def _bool(cells: Cells, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise _CellError("problem.table.cell.bool", value=shown(value))


def _education(cells: Cells, value: Any) -> str:
    if not isinstance(value, str):
        raise _CellError("problem.table.cell.education", value=shown(value), levels=LEVELS)
    level = education_level(value, cells.education)
    if level is None:
        raise _CellError("problem.table.cell.education", value=shown(value), levels=LEVELS)
    return level


LEVELS = ", ".join(EDUCATION_RANK)
_SEPARATORS = re.compile(r"[;,\n]")


def _list(cells: Cells, value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [_text(cells, item) for item in value]
    text = _text(cells, value)
    return [item.strip() for item in _SEPARATORS.split(text) if item.strip()]


def _nips(cells: Cells, value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [_nip(cells, item) for item in value]
    if not isinstance(value, str):
        return [_nip(cells, value)]
    return [_nip(cells, item) for item in _list(cells, value)]


_READERS: dict[Kind, Any] = {
    "text": _text,
    "id": _text,
    "nip": _nip,
    "int": _int,
    "float": _float,
    "date": _date,
    "bool": _bool,
    "education": _education,
    "list": _list,
    "nips": _nips,
}

"""A scenario as tables: the sheets of a workbook, the files of a CSV folder, DataFrames.

Every reader of tabular input (Excel, a CSV folder, pandas) hands this module
the same thing: named sheets of header and rows of cell values
(:class:`Sheet`). :func:`scenario_from_sheets` turns them into the plain data
of ``penempatan/scenario@1`` and validates it; :func:`scenario_tables` is the
way back, the rows a writer puts on each sheet. JSON stays the canonical
format: a table holds exactly what the scenario's JSON holds.

The layout (one sheet per record kind, headers in Indonesian) is
:data:`TABLES`; ``docs/format.md`` describes it for users. The contract of
the reader:

* headers are matched without regard to case, spaces and underscores; the
  JSON key (``nip``, ``headcount``) and the SIASN names of
  :mod:`penempatan.scenario._siasn` are accepted beside the Indonesian header;
* a row with no value in any column is skipped; row numbers are those the
  user sees (the header is row 1);
* every problem names the sheet, the row and the column as the user sees
  them (``Kandidat, baris 18, kolom NIP: ...``) and every problem of the
  input is reported at once, in one :class:`~penempatan.ScenarioError`:
  those found reading cells here, and those of the scenario's own
  validation, whose JSON paths are mapped back to sheet, row and column;
* a cell's value is taken where its meaning is plain and never guessed
  otherwise: ``4.0`` is the whole number 4, a date-time at midnight is a date,
  ``ya``/``tidak`` are yes/no, an education name of SIASN is its level; an
  NIP stored as a number is refused (Excel keeps 15 significant digits, so an
  18-digit number has already lost its last digits).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from penempatan._errors import Problem, ScenarioError
from penempatan.i18n import Lang, message
from penempatan.scenario._records import EDUCATION_RANK, SCENARIO_FORMAT
from penempatan.scenario._scenario import Scenario, validated
from penempatan.scenario._siasn import (
    EDUCATION_NAMES,
    SIASN_CANDIDATE_COLUMNS,
    SIASN_IGNORED_COLUMNS,
    education_level,
    normalise,
    sex_of,
)

Kind = Literal["text", "id", "nip", "int", "float", "date", "bool", "education", "list", "nips"]


@dataclass(frozen=True)
class Column:
    """One column of a table: the record field it holds and how its cells are read."""

    #: The field, dotted for nested ones (``location.lat``, ``of.sex``).
    key: str
    #: The header the user sees (Indonesian).
    header: str
    kind: Kind
    #: A value must be given (an empty cell is an error).
    required: bool = False
    #: Other headers accepted for this column (SIASN names, English keys).
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A sheet of records: its name, the JSON list it fills and its columns."""

    sheet: str
    #: The scenario key it fills (``candidates``), also accepted as a sheet name.
    key: str
    columns: tuple[Column, ...]
    #: Whether a workbook without this sheet is complete.
    optional: bool = False


#: The settings of the ``Kebijakan`` sheet: one row each, in two columns.
SETTINGS: tuple[Column, ...] = (
    Column("name", "Nama skenario", "text", required=True),
    Column("reference_date", "Tanggal acuan", "date", required=True),
    Column("policy.min_education", "Pendidikan minimum", "education"),
    Column("policy.max_age", "Usia maksimum", "int"),
    Column("policy.require_computer_skill", "Wajib menguasai komputer", "bool"),
    Column("policy.require_nomination", "Wajib diusulkan kepala OPD", "bool"),
    Column("policy.excluded_positions", "Jabatan dikecualikan", "list"),
    Column("policy.max_distance_km", "Jarak maksimum (km)", "float"),
)
POLICY_SHEET = "Kebijakan"
SETTING_HEADER = "Pengaturan"
VALUE_HEADER = "Nilai"
NOTE_HEADER = "Keterangan"

_NIP = Column("nip", "NIP", "nip", required=True)
_LAT = Column("location.lat", "Lintang", "float", aliases=("lat", "latitude"))
_LON = Column("location.lon", "Bujur", "float", aliases=("lon", "longitude"))

TABLES: tuple[Table, ...] = (
    Table(
        "OPD",
        "opds",
        (
            Column("id", "Kode OPD", "id", required=True),
            Column("name", "Nama OPD", "text", required=True),
            Column("headcount", "Jumlah pegawai", "int", required=True),
            Column("min_staff", "Batas minimum", "int", required=True),
        ),
    ),
    Table(
        "Jabatan",
        "positions",
        (
            Column("opd", "Kode OPD", "id", required=True),
            Column("name", "Nama jabatan", "id", required=True),
            Column("headcount", "Jumlah pegawai", "int", required=True),
            Column("min_staff", "Batas minimum", "int", required=True),
        ),
        optional=True,
    ),
    Table(
        "Koperasi",
        "cooperatives",
        (
            Column("id", "Kode koperasi", "id", required=True),
            Column("name", "Nama koperasi", "text", required=True),
            Column("kelurahan", "Kelurahan", "text", required=True),
            Column("kecamatan", "Kecamatan", "text", required=True),
            _LAT,
            _LON,
            Column("max_staff", "Maks. staf", "int"),
        ),
    ),
    Table(
        "Kebutuhan",
        "needs",
        (
            Column("cooperative", "Kode koperasi", "id", required=True),
            Column("role", "Peran", "id", required=True),
            Column("min", "Minimum", "int", required=True),
            Column("max", "Maksimum", "int", required=True),
            Column("min_level", "Tingkat minimum", "int"),
        ),
    ),
    Table(
        "Kandidat",
        "candidates",
        (
            Column("nip", "NIP", "nip", required=True, aliases=SIASN_CANDIDATE_COLUMNS["nip"]),
            Column("name", "Nama", "text", required=True, aliases=SIASN_CANDIDATE_COLUMNS["name"]),
            Column("opd", "Kode OPD", "id", required=True, aliases=SIASN_CANDIDATE_COLUMNS["opd"]),
            Column("position", "Jabatan", "text", aliases=SIASN_CANDIDATE_COLUMNS["position"]),
            Column(
                "education",
                "Pendidikan",
                "education",
                required=True,
                aliases=SIASN_CANDIDATE_COLUMNS["education"],
            ),
            Column(
                "birth_date",
                "Tanggal lahir",
                "date",
                required=True,
                aliases=SIASN_CANDIDATE_COLUMNS["birth_date"],
            ),
            Column("computer_skill", "Menguasai komputer", "bool", required=True),
            Column("nominated", "Diusulkan", "bool"),
            Column("domicile", "Domisili", "text"),
            _LAT,
            _LON,
            Column("preferences", "Preferensi", "list"),
        ),
    ),
    Table(
        "Skor",
        "fit",
        (
            Column("candidate", "NIP", "nip", required=True),
            Column("cooperative", "Kode koperasi", "id", required=True),
            Column("role", "Peran", "id", required=True),
            Column("score", "Skor", "int", required=True),
        ),
        optional=True,
    ),
    Table(
        "Kunci",
        "locks",
        (
            Column("candidate", "NIP", "nip", required=True),
            Column("cooperative", "Kode koperasi", "id", required=True),
            Column("role", "Peran", "id", required=True),
        ),
        optional=True,
    ),
    Table(
        "Larangan",
        "forbidden",
        (
            Column("candidate", "NIP", "nip", required=True),
            Column("cooperative", "Kode koperasi", "id", required=True),
        ),
        optional=True,
    ),
    Table(
        "Aturan",
        "rules",
        (
            Column("id", "Kode aturan", "id", required=True),
            Column("kind", "Jenis", "id", required=True),
            Column("count", "Jumlah", "int", required=True),
            Column("per", "Per", "id"),
            Column("group_by", "Dikelompokkan menurut", "id"),
            Column("of.sex", "Hanya jenis kelamin", "id"),
            Column("of.opds", "Hanya OPD", "list"),
            Column("of.positions", "Hanya jabatan", "list"),
            Column("of.min_education", "Hanya pendidikan minimum", "education"),
            Column("of.nominated", "Hanya diusulkan", "bool"),
            Column("of.candidates", "Hanya NIP", "nips"),
            Column("if_staffed", "Jika terisi minimal", "int"),
        ),
        optional=True,
    ),
)

#: The optional sheet that overrides or extends the education names (``EDUCATION_NAMES``).
EDUCATION_SHEET = "Pendidikan"
EDUCATION_NAME_HEADER = "Nama pendidikan"
EDUCATION_LEVEL_HEADER = "Jenjang"
#: Sheets a workbook may have that hold no scenario data.
INFO_SHEETS = ("Petunjuk", "Daftar")
#: Skill columns: ``Keahlian: <role>`` (``skills.<role>`` also accepted).
SKILL_PREFIX = "Keahlian: "
_SKILL_HEADER = re.compile(r"\s*(keahlian|skills?)\s*[:.]\s*(?P<role>\S(?:.*\S)?)\s*", re.I)
#: Headers of columns kept only for the reader's own notes.
_NOTE_HEADERS = {"no", "nomor", "catatan", "keterangan", "note", "notes"}
#: The roles of the seven business units of a cooperative (the template's skill columns).
STANDARD_ROLES = (
    "pengelola",
    "gerai_sembako",
    "simpan_pinjam",
    "klinik",
    "apotek",
    "gudang",
    "logistik",
)
YES, NO = "ya", "tidak"

_BY_SHEET = {normalise(t.sheet): t for t in TABLES} | {normalise(t.key): t for t in TABLES}


def table(sheet: str) -> Table:
    """The table of sheet ``sheet`` (its Indonesian name or its JSON key)."""
    return _BY_SHEET[normalise(sheet)]


# ----------------------------------------------------------------------------------------
# Input: sheets of cells


@dataclass
class Sheet:
    """A sheet as a reader found it: header cells and numbered rows of cells.

    ``label`` is the name the user sees (``Kandidat``, ``Kandidat.csv``);
    ``rows`` pairs each row with its number as the user counts it, and
    ``index_rows`` says the numbers are a DataFrame's index labels, not rows.
    """

    label: str
    headers: list[Any]
    rows: list[tuple[Any, list[Any]]]
    index_rows: bool = False


@dataclass
class _Where:
    """Where the records of the scenario came from, to name a problem as the user sees it."""

    #: JSON path prefix of a record -> (sheet label, row label, field key -> header).
    records: dict[tuple[Any, ...], tuple[Sheet, Any, dict[str, str]]] = field(default_factory=dict)
    #: Setting key -> (sheet, row label, value header).
    settings: dict[str, tuple[Sheet, Any, str]] = field(default_factory=dict)
    #: Scenario key -> sheet it came from.
    sheets: dict[str, Sheet] = field(default_factory=dict)


class _Cells:
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
        return where

    def sorted(self, problems: list[Problem]) -> list[Problem]:
        """``problems`` in the order of the sheets and rows they name (stable otherwise)."""
        last = (len(self.rank), 0)
        return sorted(problems, key=lambda p: self.order.get(p.path, last))

    def problem(self, where: str, key: str, **values: Any) -> None:
        self.problems.append(Problem(where, message(key, self.lang, **values)))
        self.reported.add(where)

    def read(self, value: Any, column: Column, where: str) -> Any:
        """The value of a non-empty cell for ``column``, or :data:`_BAD` after a problem."""
        try:
            return _READERS[column.kind](self, value)
        except _CellError as exc:
            self.problem(where, exc.key, **exc.values)
            return _BAD


class _CellError(Exception):
    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values


_BAD = object()


def is_empty(value: Any) -> bool:
    """Whether a cell holds nothing (``None``, blank text, or a float NaN)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _text(cells: _Cells, value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool | dt.date):
        raise _CellError("table.cell.text", value=_shown(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    raise _CellError("table.cell.text", value=_shown(value))


_SCIENTIFIC = re.compile(r"[0-9]+([.,][0-9]+)?[eE][+]?[0-9]+")


def _nip(cells: _Cells, value: Any) -> str:
    if isinstance(value, bool):
        raise _CellError("table.cell.text", value=_shown(value))
    if isinstance(value, int) and cells.exact_numbers:
        return str(value)
    if isinstance(value, int | float):
        raise _CellError("table.cell.nip_number", value=_number_text(value))
    if isinstance(value, str):
        text = value.strip()
        if _SCIENTIFIC.fullmatch(text):
            raise _CellError("table.cell.nip_number", value=text)
        return text
    raise _CellError("table.cell.text", value=_shown(value))


def _number_text(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return str(value)


_INTEGER = re.compile(r"[+-]?[0-9]+(\.0*)?")


def _int(cells: _Cells, value: Any) -> int:
    if isinstance(value, bool):
        raise _CellError("table.cell.int", value=_shown(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value.strip().split(".")[0])
    raise _CellError("table.cell.int", value=_shown(value))


def _float(cells: _Cells, value: Any) -> float:
    if isinstance(value, bool):
        raise _CellError("table.cell.float", value=_shown(value))
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")  # a decimal comma, as Indonesian is written
        try:
            number = float(text)
        except ValueError:
            raise _CellError("table.cell.float", value=_shown(value)) from None
    else:
        raise _CellError("table.cell.float", value=_shown(value))
    if not math.isfinite(number):
        raise _CellError("table.cell.float", value=_shown(value))
    return number


_DAY_FIRST = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")


def _date(cells: _Cells, value: Any) -> str:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise _CellError("table.cell.datetime", value=value.isoformat(sep=" "))
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        m = _DAY_FIRST.fullmatch(text)
        if m is not None:
            day, month, year = (int(g) for g in m.groups())
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                raise _CellError("table.cell.date", value=_shown(value)) from None
        # An ISO date (or something else, which the scenario's own check names).
        return text
    raise _CellError("table.cell.date", value=_shown(value))


_TRUE = {"ya", "y", "yes", "true", "benar", "1"}
_FALSE = {"tidak", "t", "no", "n", "false", "salah", "0"}


def _bool(cells: _Cells, value: Any) -> bool:
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
    raise _CellError("table.cell.bool", value=_shown(value))


def _education(cells: _Cells, value: Any) -> str:
    if not isinstance(value, str):
        raise _CellError("table.cell.education", value=_shown(value), levels=_LEVELS)
    level = education_level(value, cells.education)
    if level is None:
        raise _CellError("table.cell.education", value=_shown(value), levels=_LEVELS)
    return level


_LEVELS = ", ".join(EDUCATION_RANK)
_SEPARATORS = re.compile(r"[;,\n]")


def _list(cells: _Cells, value: Any) -> list[str]:
    text = _text(cells, value)
    return [item.strip() for item in _SEPARATORS.split(text) if item.strip()]


def _nips(cells: _Cells, value: Any) -> list[str]:
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


def _put(record: dict[str, Any], key: str, value: Any) -> None:
    """Set a dotted ``key`` in ``record`` (``location.lat`` -> record["location"]["lat"])."""
    *parents, last = key.split(".")
    for p in parents:
        record = record.setdefault(p, {})
    record[last] = value


def _matcher(t: Table) -> dict[str, Column]:
    names: dict[str, Column] = {}
    for c in t.columns:
        for name in (c.header, c.key, *c.aliases):
            names.setdefault(normalise(name), c)
    return names


@dataclass
class _Layout:
    """The columns of one sheet: which header stands where."""

    columns: dict[int, Column]
    skills: dict[int, str]
    headers: dict[str, str]  # field key -> header as the user wrote it
    sex: int | None = None


def _layout(cells: _Cells, sheet: Sheet, t: Table) -> _Layout | None:
    """Match the header row to ``t``'s columns; ``None`` (after problems) when it cannot."""
    names = _matcher(t)
    layout = _Layout({}, {}, {})
    ok = True
    for i, raw in enumerate(sheet.headers):
        if is_empty(raw):
            if any(i < len(cells_) and not is_empty(cells_[i]) for _, cells_ in sheet.rows):
                cells.problem(
                    message("table.where.column", cells.lang, sheet=sheet.label, column=i + 1),
                    "table.header.missing",
                )
                ok = False
            continue
        header = str(raw).strip()
        key = normalise(header)
        skill = _SKILL_HEADER.fullmatch(header) if t.key == "candidates" else None
        column = names.get(key)
        if column is not None:
            if column.key in layout.headers:
                cells.problem(
                    cells.at(sheet, 1, header),
                    "table.header.duplicate",
                    first=layout.headers[column.key],
                )
                ok = False
                continue
            layout.columns[i] = column
            layout.headers[column.key] = header
        elif skill is not None:
            role = skill.group("role")
            if f"skills.{role}" in layout.headers:
                cells.problem(
                    cells.at(sheet, 1, header),
                    "table.header.duplicate",
                    first=layout.headers[f"skills.{role}"],
                )
                ok = False
                continue
            layout.skills[i] = role
            layout.headers[f"skills.{role}"] = header
        elif t.key == "candidates" and key in SIASN_CANDIDATE_COLUMNS["sex"]:
            layout.sex = i
            layout.headers["sex"] = header
        elif key in _NOTE_HEADERS or header.startswith("#"):
            continue  # the user's own notes
        elif t.key == "candidates" and key in SIASN_IGNORED_COLUMNS:
            continue
        else:
            cells.problem(
                cells.at(sheet, 1, header),
                "table.header.unknown",
                known=", ".join(c.header for c in t.columns)
                + (f", {SKILL_PREFIX}<peran>" if t.key == "candidates" else ""),
            )
            ok = False
    for c in t.columns:
        if c.required and c.key not in layout.headers:
            cells.problem(sheet.label, "table.column.absent", column=c.header)
            ok = False
    return layout if ok else None


def _records(
    cells: _Cells, sheet: Sheet, t: Table
) -> list[tuple[Any, dict[str, Any], dict[str, str]]]:
    """The records of a sheet: (row label, record data, field -> header) for each row."""
    layout = _layout(cells, sheet, t)
    if layout is None:
        return []
    out = []
    for row, values in sheet.rows:
        cell_of = {i: values[i] if i < len(values) else None for i in range(len(sheet.headers))}
        used = [*layout.columns, *layout.skills]
        if layout.sex is not None:
            used.append(layout.sex)
        if all(is_empty(cell_of[i]) for i in used):
            continue
        record: dict[str, Any] = {}
        for i, column in layout.columns.items():
            where = cells.at(sheet, row, layout.headers[column.key])
            value = cell_of[i]
            if is_empty(value):
                if column.required and column.kind == "text":
                    _put(record, column.key, "")  # an empty name is a name, as in JSON
                elif column.required:
                    cells.problem(where, "table.cell.required")
                continue
            read = cells.read(value, column, where)
            if read is not _BAD:
                _put(record, column.key, read)
        if layout.skills:
            skills: dict[str, Any] = {}
            for i, role in layout.skills.items():
                value = cell_of[i]
                if is_empty(value):
                    continue
                where = cells.at(sheet, row, layout.headers[f"skills.{role}"])
                level = cells.read(value, Column("skills", role, "int"), where)
                if level is not _BAD:
                    skills[role] = level
            record["skills"] = skills
        elif t.key == "candidates":
            record["skills"] = {}
        if layout.sex is not None and not is_empty(cell_of[layout.sex]):
            _check_sex(cells, sheet, row, layout.headers["sex"], cell_of[layout.sex], record)
        out.append((row, record, layout.headers))
    return out


def _check_sex(
    cells: _Cells, sheet: Sheet, row: Any, header: str, value: Any, record: dict[str, Any]
) -> None:
    """A SIASN ``jenis_kelamin`` must agree with digit 15 of the NIP (it is not stored)."""
    where = cells.at(sheet, row, header)
    sex = sex_of(value)
    if sex is None:
        cells.problem(where, "table.cell.sex", value=_shown(value))
        return
    nip = record.get("nip")
    if isinstance(nip, str) and len(nip) == 18 and nip[14] in "12":
        in_nip = "male" if nip[14] == "1" else "female"
        if in_nip != sex:
            cells.problem(
                where,
                "table.cell.sex_nip",
                value=_shown(value),
                digit=nip[14],
            )


def _settings(cells: _Cells, sheet: Sheet, data: dict[str, Any], where: _Where) -> None:
    names: dict[str, Column] = {}
    for c in SETTINGS:
        for alias in (c.header, c.key, c.key.removeprefix("policy.")):
            names[normalise(alias)] = c
    heads = [normalise(str(h)) if not is_empty(h) else "" for h in sheet.headers]
    try:
        name_at = heads.index(normalise(SETTING_HEADER))
        value_at = heads.index(normalise(VALUE_HEADER))
    except ValueError:
        cells.problem(
            sheet.label, "table.settings.headers", setting=SETTING_HEADER, value=VALUE_HEADER
        )
        return
    value_header = str(sheet.headers[value_at]).strip()
    seen: dict[str, Any] = {}
    for row, values in sheet.rows:
        name = values[name_at] if name_at < len(values) else None
        value = values[value_at] if value_at < len(values) else None
        if is_empty(name):
            if not is_empty(value):
                cells.problem(cells.at(sheet, row, SETTING_HEADER), "table.settings.unnamed")
            continue
        setting = names.get(normalise(str(name)))
        if setting is None:
            cells.problem(
                cells.at(sheet, row, SETTING_HEADER),
                "table.settings.unknown",
                name=_shown(name),
                known=", ".join(c.header for c in SETTINGS),
            )
            continue
        if setting.key in seen:
            cells.problem(
                cells.at(sheet, row, SETTING_HEADER),
                "table.settings.duplicate",
                name=setting.header,
                row=seen[setting.key],
            )
            continue
        seen[setting.key] = row
        where.settings[setting.key] = (sheet, row, value_header)
        at = cells.at(sheet, row, value_header)
        if is_empty(value):
            if setting.required:
                cells.problem(at, "table.cell.required")
            continue
        read = cells.read(value, setting, at)
        if read is not _BAD:
            _put(data, setting.key, read)
    for c in SETTINGS:
        if c.required and c.key not in seen:
            cells.problem(sheet.label, "table.settings.absent", name=c.header)


def _education_names(cells: _Cells, sheet: Sheet) -> dict[str, str]:
    """The ``Pendidikan`` sheet: education names (as SIASN writes them) -> level."""
    t = Table(
        EDUCATION_SHEET,
        "education",
        (
            Column("name", EDUCATION_NAME_HEADER, "text", required=True, aliases=("nama",)),
            Column("level", EDUCATION_LEVEL_HEADER, "id", required=True, aliases=("level",)),
        ),
    )
    names: dict[str, str] = {}
    for row, record, headers in _records(cells, sheet, t):
        level = str(record.get("level", "")).strip().upper()
        if level not in EDUCATION_RANK:
            cells.problem(
                cells.at(sheet, row, headers["level"]),
                "table.cell.education",
                value=_shown(record.get("level")),
                levels=_LEVELS,
            )
            continue
        if record.get("name"):
            names[str(record["name"])] = level
    return names


def scenario_from_sheets(
    sheets: Mapping[str, Sheet],
    *,
    exact_numbers: bool = False,
    education_names: Mapping[str, str] | None = None,
    lang: Lang = "id",
) -> Scenario:
    """The scenario the sheets describe, validated; every problem named by sheet, row, column.

    ``sheets`` maps each sheet's name (``Kandidat``; the JSON key ``candidates``
    also works) to its cells. ``exact_numbers`` says an integer cell is exact
    (a DataFrame's int64), so an NIP given as one is accepted; from Excel it
    never is. ``education_names`` adds to or overrides :data:`EDUCATION_NAMES`,
    as the ``Pendidikan`` sheet does. Raises :class:`ScenarioError` listing
    every problem found.
    """
    names = dict(EDUCATION_NAMES)
    cells = _Cells(lang, exact_numbers, names)
    cells.rank = {sheet.label: i for i, sheet in enumerate(sheets.values())}
    by_table: dict[str, Sheet] = {}
    for name, sheet in sheets.items():
        key = normalise(name)
        if key in {normalise(s) for s in INFO_SHEETS} or name.startswith("#"):
            continue
        if key == normalise(EDUCATION_SHEET):
            names.update({normalise(k): v for k, v in _education_names(cells, sheet).items()})
            continue
        if key == normalise(POLICY_SHEET) or key == "policy":
            by_table[POLICY_SHEET] = sheet
            continue
        t = _BY_SHEET.get(key)
        if t is None:
            known = ", ".join([POLICY_SHEET, *(t.sheet for t in TABLES), EDUCATION_SHEET])
            cells.problem(sheet.label, "table.sheet.unknown", known=known)
            continue
        by_table[t.key] = sheet
    for k, v in (education_names or {}).items():
        names[normalise(k)] = v
    for required in (POLICY_SHEET, *(t.key for t in TABLES if not t.optional)):
        if required not in by_table:
            shown = required if required == POLICY_SHEET else table(required).sheet
            cells.problems.append(
                Problem("", message("table.sheet.absent", lang, sheet=shown)),
            )

    where = _Where()
    data: dict[str, Any] = {"format": SCENARIO_FORMAT}
    if POLICY_SHEET in by_table:
        _settings(cells, by_table[POLICY_SHEET], data, where)
    _assemble(cells, by_table, data, where)
    problems = list(cells.problems)
    try:
        scenario = validated(Scenario, data)
    except ScenarioError as exc:
        for p in exc.problems:
            at = _locate(cells, where, p.path)
            if at not in cells.reported:
                problems.append(Problem(at, p.message))
        raise ScenarioError(cells.sorted(problems)) from None
    if problems:
        raise ScenarioError(cells.sorted(problems))
    return scenario


def _assemble(
    cells: _Cells, by_table: Mapping[str, Sheet], data: dict[str, Any], where: _Where
) -> None:
    """Fill ``data`` with the records of every sheet, noting where each came from."""

    def rows_of(key: str) -> list[tuple[Any, dict[str, Any], dict[str, str]]]:
        sheet = by_table.get(key)
        if sheet is None:
            return []
        where.sheets[key] = sheet
        return _records(cells, sheet, table(key))

    opds: list[dict[str, Any]] = []
    opd_at: dict[str, int] = {}
    for row, rec, headers in rows_of("opds"):
        where.records[("opds", len(opds))] = (by_table["opds"], row, headers)
        opd_at.setdefault(str(rec.get("id")), len(opds))
        opds.append(rec)
    for row, rec, headers in rows_of("positions"):
        sheet = by_table["positions"]
        owner = rec.pop("opd", None)
        i = opd_at.get(str(owner))
        if i is None:
            if owner is not None:
                cells.problem(
                    cells.at(sheet, row, headers["opd"]), "table.parent.opd", value=_shown(owner)
                )
            continue
        positions = opds[i].setdefault("positions", [])
        where.records[("opds", i, "positions", len(positions))] = (sheet, row, headers)
        positions.append(rec)
    data["opds"] = opds

    coops: list[dict[str, Any]] = []
    coop_at: dict[str, int] = {}
    for row, rec, headers in rows_of("cooperatives"):
        where.records[("cooperatives", len(coops))] = (by_table["cooperatives"], row, headers)
        coop_at.setdefault(str(rec.get("id")), len(coops))
        rec["needs"] = []
        coops.append(rec)
    for row, rec, headers in rows_of("needs"):
        sheet = by_table["needs"]
        owner = rec.pop("cooperative", None)
        i = coop_at.get(str(owner))
        if i is None:
            if owner is not None:
                cells.problem(
                    cells.at(sheet, row, headers["cooperative"]),
                    "table.parent.cooperative",
                    value=_shown(owner),
                )
            continue
        needs = coops[i]["needs"]
        where.records[("cooperatives", i, "needs", len(needs))] = (sheet, row, headers)
        needs.append(rec)
    data["cooperatives"] = coops

    names = {normalise(str(o.get("name", ""))): o.get("id") for o in opds}
    ambiguous = {n for n in names if sum(normalise(str(o.get("name", ""))) == n for o in opds) > 1}
    for key in ("candidates", "fit", "locks", "forbidden", "rules"):
        records: list[dict[str, Any]] = []
        for row, rec, headers in rows_of(key):
            if key == "candidates":
                _opd_by_name(rec, opd_at, names, ambiguous)
            where.records[(key, len(records))] = (by_table[key], row, headers)
            records.append(rec)
        # An empty optional sheet is no table (no fit table, no locks, ...).
        if key == "candidates" or records:
            data[key] = records


def _opd_by_name(
    rec: dict[str, Any], ids: Mapping[str, int], names: Mapping[str, Any], ambiguous: set[str]
) -> None:
    """A candidate's OPD given by its name (SIASN's ``unor_nama``) becomes the OPD's id.

    Only when the value is no OPD id and names exactly one OPD (ignoring case
    and spacing); anything else is left for the scenario's check to report.
    """
    opd = rec.get("opd")
    if not isinstance(opd, str) or opd in ids:
        return
    key = normalise(opd)
    if key in names and key not in ambiguous:
        rec["opd"] = names[key]


_PATH_PART = re.compile(r"([^.\[\]]+)|\[([0-9]+)\]")


def _parts(path: str) -> tuple[str | int, ...]:
    return tuple(
        int(index) if index else name for name, index in _PATH_PART.findall(path.split(": ")[-1])
    )


def _locate(cells: _Cells, where: _Where, path: str) -> str:
    """The sheet, row and column of a scenario problem's JSON ``path``."""
    parts = _parts(path)
    for n in range(len(parts), 0, -1):
        found = where.records.get(parts[:n])
        if found is None:
            continue
        sheet, row, headers = found
        rest = [p for p in parts[n:] if isinstance(p, str)]
        for m in range(len(rest), 0, -1):
            header = headers.get(".".join(rest[:m]))
            if header is not None:
                return cells.at(sheet, row, header)
        if rest and rest[0] == "skills":
            return cells.at(sheet, row, SKILL_PREFIX + ".".join(rest[1:]))
        return cells.at(sheet, row)
    dotted = ".".join(p for p in parts if isinstance(p, str))
    if dotted in where.settings:
        sheet, row, header = where.settings[dotted]
        return cells.at(sheet, row, header)
    for c in SETTINGS:
        if c.key == dotted or c.key == f"policy.{dotted}":
            return message("table.where.setting", cells.lang, sheet=POLICY_SHEET, name=c.header)
    if parts and isinstance(parts[0], str) and parts[0] in where.sheets:
        return where.sheets[parts[0]].label
    return path


# ----------------------------------------------------------------------------------------
# Output: the rows of each sheet


@dataclass(frozen=True)
class Written:
    """A sheet to write: its name, its columns and one list of plain values per row.

    Values are ``str``, ``int``, ``float``, ``bool``, ``datetime.date`` or
    ``None`` (an empty cell); the writer shows ``bool`` as ``ya``/``tidak``.
    """

    sheet: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


def _get(record: Mapping[str, Any], key: str) -> Any:
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _cell(value: Any, column: Column) -> Any:
    if value is None:
        return None
    if column.kind == "date":
        return dt.date.fromisoformat(value)
    if column.kind in ("list", "nips"):
        return "; ".join(value) if value else None
    return value


def skill_roles(data: Mapping[str, Any]) -> list[str]:
    """Every role of the scenario's needs and skills: needs first, in the order met."""
    roles: dict[str, None] = {}
    for coop in data["cooperatives"]:
        for need in coop["needs"]:
            roles.setdefault(need["role"], None)
    for cand in data["candidates"]:
        for role in cand["skills"]:
            roles.setdefault(role, None)
    return list(roles)


def scenario_tables(scenario: Scenario | None = None) -> list[Written]:
    """The sheets of ``scenario`` in order (Kebijakan first); with ``None``, empty ones.

    Empty sheets (the template) carry the skill columns of :data:`STANDARD_ROLES`.
    Reading the sheets back gives the same scenario (the same SHA-256); the
    few values a table cannot hold (an empty fit table, a list item holding a
    separator) are caught by :func:`check_round_trip`.
    """
    data: dict[str, Any] = (
        scenario.model_dump(mode="json")
        if scenario is not None
        else {"cooperatives": [], "candidates": [], "opds": [], "policy": {}}
    )
    settings = []
    for c in SETTINGS:
        value = _get(data, c.key)
        settings.append((c.header, _cell(value, c) if value not in ((), []) else None))
    out = [
        Written(
            POLICY_SHEET,
            (
                Column("setting", SETTING_HEADER, "text"),
                Column("value", VALUE_HEADER, "text"),
            ),
            tuple(settings),
        )
    ]
    rows: dict[str, list[dict[str, Any]]] = {
        "opds": data["opds"],
        "positions": [
            {"opd": o["id"], **p} for o in data["opds"] for p in (o.get("positions") or ())
        ],
        "cooperatives": data["cooperatives"],
        "needs": [{"cooperative": c["id"], **n} for c in data["cooperatives"] for n in c["needs"]],
        "candidates": data["candidates"],
        "fit": data.get("fit") or [],
        "locks": data.get("locks") or [],
        "forbidden": data.get("forbidden") or [],
        "rules": data.get("rules") or [],
    }
    roles = skill_roles(data) if scenario is not None else list(STANDARD_ROLES)
    for t in TABLES:
        columns = t.columns
        if t.key == "candidates":
            columns += tuple(Column(f"skills.{r}", SKILL_PREFIX + r, "int") for r in roles)
        body = tuple(
            tuple(
                _cell(r["skills"].get(c.key[7:]), c)
                if c.key.startswith("skills.")
                else _cell(_get(r, c.key), c)
                for c in columns
            )
            for r in rows[t.key]
        )
        out.append(Written(t.sheet, columns, body))
    return out


def sheets_of(written: Iterable[Written], *, index_rows: bool = False) -> dict[str, Sheet]:
    """What a reader would find in the written sheets (for checks and DataFrames)."""
    return {
        w.sheet: Sheet(
            w.sheet,
            [c.header for c in w.columns],
            [(n + 2, list(r)) for n, r in enumerate(w.rows)],
            index_rows=index_rows,
        )
        for w in written
    }


def check_round_trip(scenario: Scenario, again: Scenario, target: str) -> None:
    """Refuse a conversion that would not give back the same scenario (by its SHA-256)."""
    if again.sha256 != scenario.sha256:
        raise ScenarioError([Problem(target, message("table.lossy", "id"))])


def roles_of(data: Scenario | None) -> list[str]:
    """The roles a workbook's drop-down offers: the scenario's, or the standard seven."""
    if data is None:
        return list(STANDARD_ROLES)
    return skill_roles(data.model_dump(mode="json"))

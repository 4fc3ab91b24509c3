"""A scenario as tables: the sheets of a workbook, the files of a CSV folder, DataFrames.

This module is the layout: one table per kind of record (:data:`TABLES`, the
``Kebijakan`` settings in :data:`SETTINGS`), headers in Indonesian, and the
rows a writer puts on each sheet (:func:`scenario_tables`). Every reader of
tabular input (Excel, a CSV folder, pandas) hands the same :class:`Sheet`
values to :func:`penempatan.scenario._sheets.scenario_from_sheets`, which
reads the cells (:mod:`._cells`) and names every problem by sheet, row and
column. JSON stays the canonical format: a table holds exactly what the
scenario's JSON holds, and ``docs/format.md`` describes the layout for users.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from penempatan._errors import Problem
from penempatan.scenario._records import Policy
from penempatan.scenario._siasn import SIASN_CANDIDATE_COLUMNS, normalise
from penempatan.scenario._text import coded

if TYPE_CHECKING:
    from penempatan.scenario._scenario import Scenario

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
    #: For a column of fixed values: Indonesian words accepted for them (word -> value).
    words: tuple[tuple[str, str], ...] = ()


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

#: Indonesian words for the fixed values of local rules (the workbook writes the values).
_KIND_WORDS = (("paling banyak", "at_most"), ("paling sedikit", "at_least"))
_PER_WORDS = (("koperasi", "cooperative"), ("semua", "all"))
_GROUP_WORDS = (("jabatan", "position"), ("pendidikan", "education"))
_SEX_WORDS = (
    ("perempuan", "female"),
    ("wanita", "female"),
    ("laki-laki", "male"),
    ("pria", "male"),
)
_LAT = Column("location.lat", "Lintang", "float", aliases=("lat", "latitude"))
_LON = Column("location.lon", "Bujur", "float", aliases=("lon", "longitude"))
# The keys that pair a candidate, a cooperative and a role: one column each,
# shared by the needs, fit, lock and forbidden-pair tables.
_CANDIDATE = Column("candidate", "NIP", "nip", required=True)
_COOPERATIVE = Column("cooperative", "Kode koperasi", "id", required=True)
_ROLE = Column("role", "Peran", "id", required=True)

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
            _COOPERATIVE,
            _ROLE,
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
            _CANDIDATE,
            _COOPERATIVE,
            _ROLE,
            Column("score", "Skor", "int", required=True),
        ),
        optional=True,
    ),
    Table(
        "Kunci",
        "locks",
        (
            _CANDIDATE,
            _COOPERATIVE,
            _ROLE,
        ),
        optional=True,
    ),
    Table(
        "Larangan",
        "forbidden",
        (
            _CANDIDATE,
            _COOPERATIVE,
        ),
        optional=True,
    ),
    Table(
        "Aturan",
        "rules",
        (
            Column("id", "Kode aturan", "id", required=True),
            Column("kind", "Jenis", "id", required=True, words=_KIND_WORDS),
            Column("count", "Jumlah", "int", required=True),
            Column("per", "Per", "id", words=_PER_WORDS),
            Column("group_by", "Dikelompokkan menurut", "id", words=_GROUP_WORDS),
            Column("of.sex", "Hanya jenis kelamin", "id", words=_SEX_WORDS),
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
SKILL_HEADER = re.compile(r"\s*(keahlian|skills?)\s*[:.]\s*(?P<role>\S(?:.*\S)?)\s*", re.I)
#: Headers of columns kept only for the reader's own notes.
NOTE_HEADERS = {"no", "nomor", "catatan", "keterangan", "note", "notes"}
#: The seven business units of a Koperasi Desa/Kelurahan Merah Putih, as role ids:
#: cooperative office, grocery outlet, savings and loan, clinic, pharmacy,
#: warehouse / cold storage, logistics (the template's skill columns, and the roles
#: the generator draws).
STANDARD_ROLES: tuple[str, ...] = (
    "pengelola",
    "gerai_sembako",
    "simpan_pinjam",
    "klinik",
    "apotek",
    "gudang",
    "logistik",
)
YES, NO = "ya", "tidak"

BY_SHEET = {normalise(t.sheet): t for t in TABLES} | {normalise(t.key): t for t in TABLES}


def table(sheet: str) -> Table:
    """The table of sheet ``sheet`` (its Indonesian name or its JSON key)."""
    return BY_SHEET[normalise(sheet)]


# ----------------------------------------------------------------------------------------
# Input: what a reader found


@dataclass
class Sheet:
    """A sheet as a reader found it: header cells and numbered rows of cells.

    ``label`` is the name the user sees (``Kandidat``, ``Kandidat.csv``);
    ``rows`` pairs each row with its number as the user counts it,
    ``index_rows`` says the numbers are a DataFrame's index labels, not rows,
    and ``hidden`` that a workbook hides the sheet.
    """

    label: str
    headers: list[Any]
    rows: list[tuple[Any, list[Any]]]
    index_rows: bool = False
    hidden: bool = False


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


#: The policy's defaults, written into the template so that the user sees them.
_DEFAULT_POLICY = Policy().model_dump(mode="json")


def scenario_tables(scenario: Scenario | None = None) -> list[Written]:
    """The sheets of ``scenario`` in order (Kebijakan first); with ``None``, empty ones.

    Empty sheets (the template) carry the skill columns of :data:`STANDARD_ROLES`
    and the policy's defaults.
    Reading the sheets back gives the same scenario (the same SHA-256); the
    few values a table cannot hold (an empty fit table, a list item holding a
    separator) make ``penempatan convert`` refuse to write (:func:`lossy`).
    """
    data: dict[str, Any] = (
        scenario.model_dump(mode="json")
        if scenario is not None
        else {"cooperatives": [], "candidates": [], "opds": [], "policy": _DEFAULT_POLICY}
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


def lossy() -> Problem:
    """The problem of a scenario that tables cannot hold without changing it."""
    return coded("", "problem.table.lossy")


def roles_of(data: Scenario | None) -> list[str]:
    """The roles a workbook's drop-down offers: the scenario's, or the standard seven."""
    if data is None:
        return list(STANDARD_ROLES)
    return skill_roles(data.model_dump(mode="json"))

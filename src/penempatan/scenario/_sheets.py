"""Sheets into a scenario: records from rows, and every problem named by sheet, row and column.

:func:`scenario_from_sheets` is the one reader behind Excel, CSV folders and
DataFrames. Its contract:

* headers are matched without regard to case, spaces and underscores; the
  JSON key (``nip``, ``headcount``) and the SIASN names of :mod:`._siasn` are
  accepted beside the Indonesian header; a column for notes (``Keterangan``,
  or a header starting with ``#``) and a sheet whose name starts with ``#``
  are skipped, any other unknown column or sheet is a problem;
* a row with no value in any column is skipped; rows are numbered as the user
  sees them (the header is row 1), or by a DataFrame's index;
* every problem of the input is reported at once, in one
  :class:`~penempatan.ScenarioError`, in the order of sheets and rows: those
  found reading cells (:mod:`._cells`), then those of the scenario's own
  validation, whose JSON paths (``candidates[17].nip``) are mapped back to the
  sheet, row and column they came from (``Kandidat, baris 18, kolom NIP``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from penempatan._errors import Problem, ScenarioError
from penempatan.i18n import Lang, message
from penempatan.scenario._cells import BAD, LEVELS, Cells, is_empty, shown
from penempatan.scenario._identity import identity
from penempatan.scenario._records import EDUCATION_RANK, SCENARIO_FORMAT
from penempatan.scenario._siasn import (
    EDUCATION_NAMES,
    SIASN_CANDIDATE_COLUMNS,
    SIASN_IGNORED_COLUMNS,
    normalise,
    sex_of,
)
from penempatan.scenario._tables import (
    BY_SHEET,
    EDUCATION_LEVEL_HEADER,
    EDUCATION_NAME_HEADER,
    EDUCATION_SHEET,
    INFO_SHEETS,
    NOTE_HEADERS,
    POLICY_SHEET,
    SETTING_HEADER,
    SETTINGS,
    SKILL_HEADER,
    SKILL_PREFIX,
    TABLES,
    VALUE_HEADER,
    Column,
    Sheet,
    Table,
    table,
)
from penempatan.scenario._text import coded

if TYPE_CHECKING:
    from penempatan.scenario._scenario import Scenario


@dataclass
class _Where:
    """Where the records of the scenario came from, to name a problem as the user sees it."""

    #: JSON path prefix of a record -> (sheet label, row label, field key -> header).
    records: dict[tuple[Any, ...], tuple[Sheet, Any, dict[str, str]]] = field(default_factory=dict)
    #: Setting key -> (sheet, row label, value header).
    settings: dict[str, tuple[Sheet, Any, str]] = field(default_factory=dict)
    #: Scenario key -> sheet it came from.
    sheets: dict[str, Sheet] = field(default_factory=dict)


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


def _layout(cells: Cells, sheet: Sheet, t: Table) -> _Layout | None:
    """Match the header row to ``t``'s columns; ``None`` (after problems) when it cannot."""
    names = _matcher(t)
    layout = _Layout({}, {}, {})
    ok = True
    for i, raw in enumerate(sheet.headers):
        if is_empty(raw):
            if any(i < len(cells_) and not is_empty(cells_[i]) for _, cells_ in sheet.rows):
                cells.problem(
                    message("table.where.column", cells.lang, sheet=sheet.label, column=i + 1),
                    "problem.table.header.missing",
                )
                ok = False
            continue
        header = str(raw).strip()
        key = normalise(header)
        skill = SKILL_HEADER.fullmatch(header) if t.key == "candidates" else None
        column = names.get(key)
        if column is not None:
            if column.key in layout.headers:
                cells.problem(
                    cells.at(sheet, 1, header),
                    "problem.table.header.duplicate",
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
                    "problem.table.header.duplicate",
                    first=layout.headers[f"skills.{role}"],
                )
                ok = False
                continue
            layout.skills[i] = role
            layout.headers[f"skills.{role}"] = header
        elif t.key == "candidates" and key in SIASN_CANDIDATE_COLUMNS["sex"]:
            layout.sex = i
            layout.headers["sex"] = header
        elif key in NOTE_HEADERS or header.startswith("#"):
            continue  # the user's own notes
        elif t.key == "candidates" and key in SIASN_IGNORED_COLUMNS:
            continue
        else:
            cells.problem(
                cells.at(sheet, 1, header),
                "problem.table.header.unknown",
                known=", ".join(c.header for c in t.columns)
                + (f", {SKILL_PREFIX}<peran>" if t.key == "candidates" else ""),
            )
            ok = False
    for c in t.columns:
        if c.required and c.key not in layout.headers:
            cells.problem(sheet.label, "problem.table.column.absent", column=c.header)
            ok = False
    return layout if ok else None


def _records(
    cells: Cells, sheet: Sheet, t: Table
) -> list[tuple[Any, dict[str, Any], dict[str, str]]]:
    """The records of a sheet: (row label, record data, field -> header) for each row."""
    layout = _layout(cells, sheet, t)
    if layout is None:
        return []
    out = []
    for row, values in sheet.rows:
        if any(not is_empty(v) for v in values[len(sheet.headers) :]):
            # In a CSV file, most often a comma inside a value that is not in quotes.
            cells.problem(
                cells.at(sheet, row), "problem.table.row.too_long", headers=len(sheet.headers)
            )
            continue
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
                    cells.problem(where, "problem.table.cell.required")
                continue
            read = cells.read(value, column, where)
            if read is not BAD:
                _put(record, column.key, read)
        if layout.skills:
            skills: dict[str, Any] = {}
            for i, role in layout.skills.items():
                value = cell_of[i]
                if is_empty(value):
                    continue
                where = cells.at(sheet, row, layout.headers[f"skills.{role}"])
                level = cells.read(value, Column("skills", role, "int"), where)
                if level is not BAD:
                    skills[role] = level
            record["skills"] = skills
        elif t.key == "candidates":
            record["skills"] = {}
        if layout.sex is not None and not is_empty(cell_of[layout.sex]):
            _check_sex(cells, sheet, row, layout.headers["sex"], cell_of[layout.sex], record)
        out.append((row, record, layout.headers))
    return out


def _check_sex(
    cells: Cells, sheet: Sheet, row: Any, header: str, value: Any, record: dict[str, Any]
) -> None:
    """A SIASN ``jenis_kelamin`` must agree with digit 15 of the NIP (it is not stored)."""
    where = cells.at(sheet, row, header)
    if cells.unreadable(value, where):
        return
    sex = sex_of(value)
    if sex is None:
        cells.problem(where, "problem.table.cell.sex", value=shown(value))
        return
    nip = record.get("nip")
    if isinstance(nip, str) and len(nip) == 18 and nip[14] in "12":
        in_nip = "male" if nip[14] == "1" else "female"
        if in_nip != sex:
            cells.problem(
                where,
                "problem.table.cell.sex_nip",
                value=shown(value),
                digit=nip[14],
            )


def _settings(cells: Cells, sheet: Sheet, data: dict[str, Any], where: _Where) -> None:
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
            sheet.label,
            "problem.table.settings.headers",
            setting=SETTING_HEADER,
            value=VALUE_HEADER,
        )
        return
    value_header = str(sheet.headers[value_at]).strip()
    seen: dict[str, Any] = {}
    for row, values in sheet.rows:
        name = values[name_at] if name_at < len(values) else None
        value = values[value_at] if value_at < len(values) else None
        if is_empty(name):
            if not is_empty(value):
                cells.problem(
                    cells.at(sheet, row, SETTING_HEADER), "problem.table.settings.unnamed"
                )
            continue
        if cells.unreadable(name, cells.at(sheet, row, SETTING_HEADER)):
            continue
        setting = names.get(normalise(str(name)))
        if setting is None:
            cells.problem(
                cells.at(sheet, row, SETTING_HEADER),
                "problem.table.settings.unknown",
                name=shown(name),
                known=", ".join(c.header for c in SETTINGS),
            )
            continue
        if setting.key in seen:
            cells.problem(
                cells.at(sheet, row, SETTING_HEADER),
                "problem.table.settings.duplicate",
                name=setting.header,
                row=seen[setting.key],
            )
            continue
        seen[setting.key] = row
        where.settings[setting.key] = (sheet, row, value_header)
        at = cells.at(sheet, row, value_header)
        if is_empty(value):
            if setting.required:
                cells.problem(at, "problem.table.cell.required")
            continue
        read = cells.read(value, setting, at)
        if read is not BAD:
            _put(data, setting.key, read)
    for c in SETTINGS:
        if c.required and c.key not in seen:
            cells.problem(sheet.label, "problem.table.settings.absent", name=c.header)


def _education_names(cells: Cells, sheet: Sheet) -> dict[str, str]:
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
                "problem.table.cell.education",
                value=shown(record.get("level")),
                levels=LEVELS,
            )
            continue
        if record.get("name"):
            names[str(record["name"])] = level
    return names


def scenario_from_sheets(
    sheets: Mapping[str, Sheet],
    validate: Callable[[dict[str, Any]], Scenario],
    *,
    exact_numbers: bool = False,
    education_names: Mapping[str, str] | None = None,
    lang: Lang = "id",
) -> Scenario:
    """The scenario the sheets describe, validated; every problem named by sheet, row, column.

    ``sheets`` maps each sheet's name (``Kandidat``; the JSON key ``candidates``
    also works) to its cells; ``validate`` turns the assembled JSON data into
    the scenario (raising :class:`ScenarioError`). ``exact_numbers`` says an integer cell is exact
    (a DataFrame's int64), so an NIP given as one is accepted; from Excel it
    never is. ``education_names`` adds to or overrides :data:`EDUCATION_NAMES`,
    as the ``Pendidikan`` sheet does. Raises :class:`ScenarioError` listing
    every problem found.
    """
    names = dict(EDUCATION_NAMES)
    cells = Cells(lang, exact_numbers, names)
    cells.rank = {sheet.label: i for i, sheet in enumerate(sheets.values())}
    by_table: dict[str, Sheet] = {}
    for name, sheet in sheets.items():
        key = normalise(name)
        if key in {normalise(s) for s in INFO_SHEETS} or name.startswith("#"):
            continue
        known = key in BY_SHEET or key in (
            normalise(POLICY_SHEET),
            "policy",
            normalise(EDUCATION_SHEET),
        )
        if sheet.hidden and known and sheet.rows:
            # Rows nobody sees would count: the sheet is shown first.
            cells.problem(sheet.label, "problem.table.sheet.hidden", rows=len(sheet.rows))
            continue
        if key == normalise(EDUCATION_SHEET):
            names.update({normalise(k): v for k, v in _education_names(cells, sheet).items()})
            continue
        if key in (normalise(POLICY_SHEET), "policy"):
            if POLICY_SHEET in by_table:
                cells.problem(
                    sheet.label, "problem.table.sheet.duplicate", other=by_table[POLICY_SHEET].label
                )
                continue
            by_table[POLICY_SHEET] = sheet
            continue
        t = BY_SHEET.get(key)
        if t is None:
            listed = ", ".join([POLICY_SHEET, *(t.sheet for t in TABLES), EDUCATION_SHEET])
            unknown = "unknown_hidden" if sheet.hidden else "unknown"
            cells.problem(sheet.label, f"problem.table.sheet.{unknown}", known=listed)
            continue
        if t.key in by_table:
            cells.problem(sheet.label, "problem.table.sheet.duplicate", other=by_table[t.key].label)
            continue
        by_table[t.key] = sheet
    for k, v in (education_names or {}).items():
        names[normalise(k)] = v
    if not by_table and any(p.code.startswith("table.sheet.unknown") for p in cells.problems):
        # No sheet of a scenario at all (a plan workbook, say): one problem, not one per sheet.
        shown_names = ", ".join(s.label for s in sheets.values())
        raise ScenarioError([coded("", "problem.table.not_scenario", sheets=shown_names)])
    absent = [
        coded("", "problem.table.sheet.absent", sheet=_shown_sheet(required))
        for required in (POLICY_SHEET, *(t.key for t in TABLES if not t.optional))
        if required not in by_table
    ]

    where = _Where()
    data: dict[str, Any] = {"format": SCENARIO_FORMAT}
    if POLICY_SHEET in by_table:
        _settings(cells, by_table[POLICY_SHEET], data, where)
    _assemble(cells, by_table, data, where)
    problems = _named(cells, where, data, cells.problems)
    if absent:
        # Without a required sheet every reference to its records would be reported too:
        # the missing sheets are named first, with only the cells that could not be read.
        kept = [p for p in problems if not p.code.startswith("table.parent.")]
        raise ScenarioError(absent + cells.sorted(kept))
    try:
        scenario = validate(data)
    except ScenarioError as exc:
        # The record's own check names a JSON path: shown at its cell, with the person,
        # OPD or cooperative of the record kept beside it (``values["who"]``), which
        # ``problem_text`` shows after the place.
        for p in exc.problems:
            at = _locate(cells, where, p.path)
            if at not in cells.reported:
                who = identity(p.path, data)
                values = {**p.values, "who": who} if who else p.values
                text = p.message
                if isinstance(values.get("first"), str):  # the other row of a duplicate
                    values = {**values, "first": _locate(cells, where, values["first"])}
                    text = message(f"problem.{p.code}", "en", **values)
                problems.append(replace(p, path=at, message=text, values=values))
        raise ScenarioError(cells.sorted(problems)) from None
    if problems:
        raise ScenarioError(cells.sorted(problems))
    return scenario


def _named(
    cells: Cells, where: _Where, data: Mapping[str, Any], problems: list[Problem]
) -> list[Problem]:
    """``problems``, each at a cell of a record's row with that record named (``values["who"]``).

    The person (name, NIP), OPD (id, name) or cooperative (id, kelurahan) of the
    row, as far as its cells could be read: a candidate whose NIP cell is bad is
    named by the name alone. A position's row names its OPD, a need's row its
    cooperative, a lock's the person and the cooperative.
    """
    rows = {(sheet.label, row): key for key, (sheet, row, _) in where.records.items()}
    out = []
    for p in problems:
        key = rows.get(cells.row_of.get(p.path, ("", None)))
        who = None if key is None or "who" in p.values else identity(f"{key[0]}[{key[1]}]", data)
        out.append(replace(p, values={**p.values, "who": who}) if who else p)
    return out


def _shown_sheet(key: str) -> str:
    """The name of a table's sheet as the workbook shows it."""
    return key if key == POLICY_SHEET else table(key).sheet


def _assemble(
    cells: Cells, by_table: Mapping[str, Sheet], data: dict[str, Any], where: _Where
) -> None:
    """Fill ``data`` with the records of every sheet, noting where each came from."""

    def rows_of(key: str) -> list[tuple[Any, dict[str, Any], dict[str, str]]]:
        sheet = by_table.get(key)
        if sheet is None:
            return []
        where.sheets[key] = sheet
        return _records(cells, sheet, table(key))

    def parents(key: str, child_list: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
        """The rows of sheet ``key``, each with an empty ``child_list``, and each id's first row."""
        records: list[dict[str, Any]] = []
        first: dict[str, int] = {}
        for row, rec, headers in rows_of(key):
            where.records[(key, len(records))] = (by_table[key], row, headers)
            first.setdefault(str(rec.get("id")), len(records))
            rec[child_list] = []
            records.append(rec)
        return records, first

    def attach(
        key: str, field: str, parent: str, owners: list[dict[str, Any]], first: dict[str, int]
    ) -> None:
        """Move each row of ``key``'s sheet into the ``key`` list of the ``parent`` record it names.

        ``field`` is the column naming the parent's id. A row naming no parent is
        a problem at that cell; one with the cell empty is left to the
        required-column check.
        """
        sheet = by_table.get(key)
        if sheet is None:
            return
        for row, rec, headers in rows_of(key):
            owner = rec.pop(field, None)
            i = first.get(str(owner))
            if i is None:
                if owner is not None:
                    cells.problem(
                        cells.at(sheet, row, headers[field]),
                        f"problem.table.parent.{field}",
                        value=shown(owner),
                    )
                continue
            children = owners[i][key]
            where.records[(parent, i, key, len(children))] = (sheet, row, headers)
            children.append(rec)

    opds, opd_at = parents("opds", "positions")
    attach("positions", "opd", "opds", opds, opd_at)
    for o in opds:
        if not o["positions"]:
            del o["positions"]
    data["opds"] = opds
    coops, coop_at = parents("cooperatives", "needs")
    attach("needs", "cooperative", "cooperatives", coops, coop_at)
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
    return tuple(int(index) if index else name for name, index in _PATH_PART.findall(path))


def _locate(cells: Cells, where: _Where, path: str) -> str:
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

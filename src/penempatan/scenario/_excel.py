"""A scenario as an Excel workbook (``.xlsx``), through openpyxl (the ``excel`` extra).

The sheets and columns are those of :mod:`penempatan.scenario._tables`; this
module only moves cells between them and a workbook. A written workbook (the
empty template, or a scenario) opens with a ``Petunjuk`` sheet of
instructions, keeps NIP columns formatted as text (so Excel never turns an
NIP into a 15-digit number), offers drop-down lists for education levels,
yes/no, roles and the values of local rules (from a ``Daftar`` sheet the user
may extend), and freezes each header row.

openpyxl is imported only when a workbook is read or written.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from penempatan._errors import ScenarioError
from penempatan.i18n import Lang, message
from penempatan.scenario._cells import is_empty
from penempatan.scenario._records import EDUCATION_RANK
from penempatan.scenario._scenario import Scenario, validate_scenario
from penempatan.scenario._sheet_xml import apply, sheet_xml
from penempatan.scenario._sheets import scenario_from_sheets
from penempatan.scenario._tables import (
    NO,
    NOTE_HEADER,
    POLICY_SHEET,
    SETTING_HEADER,
    SETTINGS,
    VALUE_HEADER,
    YES,
    Column,
    Sheet,
    Written,
    roles_of,
    scenario_tables,
)
from penempatan.scenario._text import coded

#: Rows of an Excel sheet, the header included.
EXCEL_ROWS = 1_048_576
#: Rows of an empty sheet prepared with text formats and drop-downs.
PREPARED_ROWS = 1000
GUIDE_SHEET = "Petunjuk"
LISTS_SHEET = "Daftar"
#: The lists of the ``Daftar`` sheet: header and values (roles are filled per workbook).
_LISTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Pendidikan", tuple(EDUCATION_RANK)),
    ("Ya/Tidak", (YES, NO)),
    ("Peran", ()),
    ("Jenis aturan", ("at_most", "at_least")),
    ("Per", ("cooperative", "kecamatan", "all")),
    ("Dikelompokkan menurut", ("opd", "position", "education")),
    ("Jenis kelamin", ("male", "female")),
)
#: Roles a user may add to the ``Daftar`` sheet beyond those written.
_SPARE_ROWS = 200


def openpyxl() -> Any:
    """The openpyxl module, or a clear error saying how to install it."""
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise ScenarioError([coded("", "problem.needs_openpyxl")]) from None


def read_workbook(
    source: Path | bytes, *, label: str | None = None, lang: Lang = "id"
) -> dict[str, Sheet]:
    """Every sheet of a workbook as header and numbered rows of cell values."""
    xl = openpyxl()
    name = label or (source.name if isinstance(source, Path) else "workbook")
    try:
        book = xl.load_workbook(
            source if isinstance(source, Path) else io.BytesIO(source),
            read_only=True,
            data_only=True,
        )
    except OSError as exc:
        raise ScenarioError(
            [coded(name, "problem.table.read.not_workbook", reason=exc.strerror)]
        ) from None
    except zipfile.BadZipFile:
        raise ScenarioError([coded(name, "problem.table.read.not_xlsx")]) from None
    except (KeyError, ValueError, TypeError) as exc:
        raise ScenarioError(
            [coded(name, "problem.table.read.not_workbook", reason=str(exc) or "?")]
        ) from None
    try:
        sheets = {}
        with zipfile.ZipFile(source if isinstance(source, Path) else io.BytesIO(source)) as archive:
            for ws in book.worksheets:
                rows = [list(r) for r in ws.iter_rows(values_only=True)]
                member = getattr(ws, "_worksheet_path", None)  # openpyxl's name of its XML
                if isinstance(member, str):
                    apply(rows, sheet_xml(archive, member))
                headers = rows[0] if rows else []
                body = [(n + 1, r) for n, r in enumerate(rows) if n and not all(map(is_empty, r))]
                hidden = ws.sheet_state != "visible"
                sheets[ws.title] = Sheet(ws.title, headers, body, hidden=hidden)
    finally:
        book.close()
    return sheets


def load_workbook(path: str | Path, *, lang: Lang = "id") -> Scenario:
    """Read and validate the scenario of a workbook; problems name sheet, row and column."""
    return scenario_from_sheets(read_workbook(Path(path), lang=lang), validate_scenario, lang=lang)


def _list_for(column: Column) -> int | None:
    """The ``Daftar`` column (0-based) whose values a column's cells are chosen from."""
    if column.kind == "education":
        return 0
    if column.kind == "bool":
        return 1
    return {"role": 2, "kind": 3, "per": 4, "group_by": 5, "of.sex": 6}.get(column.key)


def workbook_bytes(scenario: Scenario | None = None, *, lang: Lang = "id") -> bytes:
    """The workbook of ``scenario`` (``None``: the empty template) as ``.xlsx`` bytes."""
    xl = openpyxl()
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    written = scenario_tables(scenario)
    too_long = [w.sheet for w in written if len(w.rows) >= EXCEL_ROWS]
    if too_long:
        raise ScenarioError(
            [coded(sheet, "problem.table.too_many_rows", rows=EXCEL_ROWS - 1) for sheet in too_long]
        )
    book = xl.Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    _guide(guide, Font, Alignment)

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    lists = book.create_sheet(LISTS_SHEET)
    roles = roles_of(scenario)
    list_ranges = []
    for j, (header, values) in enumerate(_LISTS):
        values = tuple(roles) if header == "Peran" else values
        letter = get_column_letter(j + 1)
        lists.cell(1, j + 1, header).font = bold
        for i, v in enumerate(values):
            lists.cell(i + 2, j + 1, v)
        last = len(values) + 1 + (_SPARE_ROWS if header == "Peran" else 0)
        list_ranges.append(f"{LISTS_SHEET}!${letter}$2:${letter}${last}")
        lists.column_dimensions[letter].width = max(14, len(header) + 2)

    def validation(ws: Any, column: Column, cells: str) -> None:
        which = _list_for(column)
        if which is None:
            return
        dv = DataValidation(type="list", formula1=f"={list_ranges[which]}", allow_blank=True)
        # A warning, not a refusal: a new role is welcome (penempatan checks every value).
        dv.showErrorMessage = True
        dv.errorStyle = "warning"
        dv.error = message("sheet.list.error", lang, sheet=LISTS_SHEET)
        dv.errorTitle = column.header
        dv.add(cells)
        ws.add_data_validation(dv)

    for w in written:
        ws = book.create_sheet(w.sheet, index=len(book.sheetnames) - 1)
        if w.sheet == POLICY_SHEET:
            _policy_sheet(ws, w, bold, fill, validation, lang)
            continue
        for j, column in enumerate(w.columns):
            cell = ws.cell(1, j + 1, column.header)
            cell.font = bold
            cell.fill = fill
            note = _note(column, lang)
            if note:
                cell.comment = Comment(note, "penempatan")
        for i, row in enumerate(w.rows):
            for j, value in enumerate(row):
                _write(ws.cell(i + 2, j + 1), value, w.columns[j])
        last = max(len(w.rows) + 1, PREPARED_ROWS)
        for j, column in enumerate(w.columns):
            letter = get_column_letter(j + 1)
            if column.kind in ("nip", "nips", "id", "text", "list"):
                # The column's text format, so an NIP typed later stays text, every digit kept.
                ws.column_dimensions[letter].number_format = "@"
            validation(ws, column, f"{letter}2:{letter}{last}")
            width = max([len(column.header), *(len(_shown(r[j])) for r in w.rows)])
            ws.column_dimensions[letter].width = min(max(width + 2, 10), 50)
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    return str(value)


def _write(cell: Any, value: Any, column: Column) -> None:
    if value is None:
        if column.kind in ("nip", "nips", "id", "text", "list"):
            cell.number_format = "@"
        elif column.kind == "date":
            cell.number_format = "yyyy-mm-dd"
        return
    if isinstance(value, bool):
        cell.value = YES if value else NO
    elif isinstance(value, float) and float(f"{value:.16g}") != value:
        # openpyxl writes 16 significant digits; the few floats that need 17 go as text.
        cell.value = repr(value)
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value
    if isinstance(value, str):
        cell.number_format = "@"


def _note(column: Column, lang: Lang) -> str | None:
    key = f"sheet.note.{column.key}"
    if column.key.startswith("skills."):
        key = "sheet.note.skills"
    try:
        return message(key, lang)
    except KeyError:
        return None


def _policy_sheet(ws: Any, w: Written, bold: Any, fill: Any, validation: Any, lang: Lang) -> None:
    """The ``Kebijakan`` sheet: one setting a row, its value, and what it means."""
    headers = (SETTING_HEADER, VALUE_HEADER, NOTE_HEADER)
    for j, h in enumerate(headers):
        cell = ws.cell(1, j + 1, h)
        cell.font = bold
        cell.fill = fill
    for i, ((name, value), setting) in enumerate(zip(w.rows, SETTINGS, strict=True)):
        ws.cell(i + 2, 1, name)
        _write(ws.cell(i + 2, 2), value, setting)
        ws.cell(i + 2, 3, message(f"sheet.setting.{setting.key}", lang))
        validation(ws, setting, f"B{i + 2}")
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["C"].width = 90
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"


def _guide(ws: Any, font: Any, alignment: Any) -> None:
    """The ``Petunjuk`` sheet: how to fill the workbook, in Indonesian with English beside it."""
    ws.cell(1, 1, "Petunjuk").font = font(bold=True, size=14)
    ws.cell(1, 2, "Instructions").font = font(bold=True, size=14, italic=True)
    for i, key in enumerate(GUIDE_LINES):
        row = i + 3
        ws.cell(row, 1, message(key, "id")).alignment = alignment(wrap_text=True, vertical="top")
        en = ws.cell(row, 2, message(key, "en"))
        en.alignment = alignment(wrap_text=True, vertical="top")
        en.font = font(italic=True, color="555555")
    ws.column_dimensions["A"].width = 80
    ws.column_dimensions["B"].width = 70


#: The message ids of the ``Petunjuk`` sheet, one line each, in order.
GUIDE_LINES: Sequence[str] = tuple(f"sheet.guide.{n:02d}" for n in range(1, 16))


def write_workbook(scenario: Scenario | None, path: str | Path) -> None:
    """Write the workbook of ``scenario`` (``None``: the empty template) to a new ``path``.

    Nothing existing is overwritten (:class:`FileExistsError`); the command
    line's ``template`` and ``convert`` also check the result reads back.
    """
    data = workbook_bytes(scenario)
    with Path(path).open("xb") as fh:
        fh.write(data)

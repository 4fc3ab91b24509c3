"""The plan as an Excel workbook for printing: who goes where, coverage, OPD impact, the unplaced.

Sheets, in order: a summary (with the audit record last), every placement
(name, NIP, OPD, kecamatan, kelurahan, cooperative, role, score), coverage per
cooperative and per kecamatan, the OPD impact with the binding floors marked,
the candidates not placed with their reasons, and the needs left short with
theirs. Reasons are sentences of :mod:`penempatan.i18n` in the chosen
language (Bahasa Indonesia by default), derived again from the data by
:func:`penempatan.explain_plan`, so a plan solved with ``explain=False``
prints the same.

Every NIP is written as a text cell with the text format, so no spreadsheet
turns it into a 15-digit number. Each sheet has column widths to fit its
content, a frozen header row repeated on every printed page, landscape
pages fitted to the paper's width, and an autofilter.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from penempatan.explain import explain_plan
from penempatan.i18n import Lang, message, percent
from penempatan.plan import Plan
from penempatan.plan import _tables as tables
from penempatan.plan._view import audit, conflict_text
from penempatan.scenario import Scenario
from penempatan.scenario._excel import openpyxl

#: Columns written as text (NIP above all): the text format, never a number.
_TEXT_COLUMNS = frozenset({"candidate"})
_MAX_WIDTH = 60


def plan_workbook_bytes(scenario: Scenario, plan: Plan, *, lang: Lang = "id") -> bytes:
    """The printable workbook of ``plan`` (solved from ``scenario``) as ``.xlsx`` bytes."""
    xl = openpyxl()
    from openpyxl.styles import Alignment, Font, PatternFill

    e = explain_plan(scenario, plan)
    book = xl.Workbook()
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    mark_fill = PatternFill("solid", fgColor="FCE4D6")
    wrap = Alignment(wrap_text=True, vertical="top")

    def label(key: str) -> str:
        return message(f"book.col.{key}", lang)

    def sheet(
        title: str,
        columns: Sequence[str],
        rows: Sequence[dict[str, Any]],
        *,
        numbered: bool = False,
        mark: str | None = None,
        wide: frozenset[str] = frozenset(),
    ) -> Any:
        ws = book.create_sheet(message(f"book.sheet.{title}", lang))
        heads = (["no"] if numbered else []) + list(columns)
        for j, key in enumerate(heads):
            cell = ws.cell(1, j + 1, label(key))
            cell.font = bold
            cell.fill = head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        widths = [len(label(k)) for k in heads]
        for i, row in enumerate(rows):
            values = ([i + 1] if numbered else []) + [row[k] for k in columns]
            for j, (key, value) in enumerate(zip(heads, values, strict=True)):
                cell = ws.cell(i + 2, j + 1, _value(value, lang))
                if key in _TEXT_COLUMNS:
                    cell.number_format = "@"
                if key in wide:
                    cell.alignment = wrap
                if mark is not None and row.get(mark):
                    cell.fill = mark_fill
                widths[j] = max(widths[j], len(str(cell.value or "")))
        _finish(ws, widths, len(rows))
        return ws

    ws = book.active
    ws.title = message("book.sheet.summary", lang)
    _summary(ws, scenario, e, lang, bold)

    placed = sorted(
        tables.placements(e, scenario),
        key=lambda r: (r["kecamatan"], r["kelurahan"], r["cooperative"], r["role"], r["name"]),
    )
    sheet(
        "placements",
        (
            "candidate",
            "name",
            "opd",
            "position",
            "kecamatan",
            "kelurahan",
            "cooperative",
            "role",
            "score",
        ),
        placed,
        numbered=True,
    )
    coverage = sorted(
        tables.cooperative_coverage(e), key=lambda r: (r["kecamatan"], r["kelurahan"])
    )
    sheet(
        "cooperatives",
        ("kecamatan", "kelurahan", "cooperative", "required", "covered", "placed", "short"),
        coverage,
        mark="short",
    )
    kec = [
        {**r, "share": percent(r["covered"], r["required"], lang)}
        for r in tables.kecamatan_coverage(e)
    ]
    sheet(
        "kecamatan",
        ("kecamatan", "cooperatives", "required", "covered", "share", "placed", "short"),
        kec,
        mark="short",
    )
    sheet(
        "opds",
        tables.IMPACT_COLUMNS,
        tables.opd_impact(e),
        mark="binding",
    )
    sheet(
        "unplaced",
        ("candidate", "name", "opd", "position", "reasons"),
        tables.unplaced(e, scenario, lang),
        numbered=True,
        wide=frozenset({"reasons"}),
    )
    sheet(
        "short",
        ("kecamatan", "kelurahan", "cooperative", "role", "min", "placed", "reasons"),
        tables.short_needs(e, scenario, lang),
        wide=frozenset({"reasons"}),
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _value(value: Any, lang: Lang) -> Any:
    if isinstance(value, bool):
        return message("label.yes" if value else "label.no", lang)
    return value


def _finish(ws: Any, widths: Sequence[int], rows: int) -> None:
    """Widths to fit, the header frozen and printed on every page, landscape, fit to width."""
    from openpyxl.utils import get_column_letter

    for j, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = min(max(width + 2, 6), _MAX_WIDTH)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{rows + 1}"


def _summary(ws: Any, scenario: Scenario, plan: Plan, lang: Lang, bold: Any) -> None:
    binding = [o.opd for o in plan.opd_impact if o.binding]
    required = plan.required_seats
    if required is None:  # a plan file may leave it out; it is the scenario's
        required = sum(n.min for c in scenario.cooperatives for n in c.needs)
    lines: list[tuple[str, Any]] = [
        ("scenario", scenario.name),
        ("status", plan.status.value),
        (
            "coverage",
            f"{plan.coverage} / {required} ({percent(plan.coverage, required, lang)})",
        ),
        ("fit", plan.fit),
        ("placements", len(plan.assignments)),
        ("unplaced", len(plan.unplaced)),
        ("binding", ", ".join(binding) if binding else message("label.none", lang)),
    ]
    lines += [("conflict", conflict_text(c, lang, scenario)) for c in plan.conflicts]
    for i, (key, value) in enumerate(lines):
        ws.cell(i + 1, 1, message(f"book.summary.{key}", lang)).font = bold
        ws.cell(i + 1, 2, value)
    note = len(lines) + 2
    ws.cell(note, 1, message("book.summary.binding_note", lang))
    ws.cell(note + 2, 1, message("book.summary.audit", lang)).font = bold
    ws.cell(note + 2, 2, audit(plan, lang))
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 80
    ws.page_setup.orientation = "landscape"

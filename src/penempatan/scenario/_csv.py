"""A scenario as a folder of CSV files, one per sheet (``Kandidat.csv``, ``OPD.csv``, ...).

Files are UTF-8 (a byte-order mark, as Excel writes one, is accepted) and the
delimiter is a comma or, as Excel writes CSV in an Indonesian locale, a
semicolon (read from the header line). Every cell is text, so an NIP keeps all
its digits; the tables are those of :mod:`penempatan.scenario._tables`, and
a file's rows are numbered as a spreadsheet shows them (the header is row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from penempatan._errors import ScenarioError
from penempatan.i18n import Lang
from penempatan.scenario._cells import is_empty
from penempatan.scenario._scenario import Scenario, validate_scenario
from penempatan.scenario._sheets import scenario_from_sheets
from penempatan.scenario._tables import (
    NO,
    YES,
    Sheet,
    Written,
    scenario_tables,
)
from penempatan.scenario._text import coded, read_problem


def read_csv_folder(folder: Path, *, lang: Lang = "id") -> dict[str, Sheet]:
    """Every ``*.csv`` file of ``folder`` as a sheet named by the file's stem."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not files:
        raise ScenarioError([coded("", "problem.table.read.no_csv")])
    sheets: dict[str, Sheet] = {}
    problems = []
    for path in files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            problems.append(read_problem(path.name, exc))
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            # Excel's plain "CSV" is the Windows code page: say which format to choose.
            values = {"byte": f"{raw[exc.start]:#04x}", "offset": exc.start}
            problems.append(coded(path.name, "problem.table.read.csv_not_utf8", **values))
            continue
        sheets[path.stem] = sheet_of_text(path.name, text)
    if problems:
        raise ScenarioError(problems)
    return sheets


def sheet_of_text(label: str, text: str) -> Sheet:
    """The sheet of one CSV file's text (``label``: its name, as problems show it)."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    headers: list[Any] = rows[0] if rows else []
    body = [(n + 2, list(r)) for n, r in enumerate(rows[1:]) if not all(map(is_empty, r))]
    return Sheet(label, headers, body)


def load_csv_folder(folder: str | Path, *, lang: Lang = "id") -> Scenario:
    """Read and validate the scenario of a CSV folder; problems name file, row and column."""
    return scenario_from_sheets(
        read_csv_folder(Path(folder), lang=lang), validate_scenario, lang=lang
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def csv_files(written: Iterable[Written]) -> dict[str, str]:
    """File name -> CSV text (comma-separated, ``\\n`` line ends) of each written sheet."""
    out = {}
    for w in written:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([c.header for c in w.columns])
        writer.writerows([_text(v) for v in row] for row in w.rows)
        out[f"{w.sheet}.csv"] = buffer.getvalue()
    return out


def write_csv_folder(scenario: Scenario, folder: str | Path) -> None:
    """Write ``scenario`` as one CSV file per sheet into ``folder`` (made; it must not exist)."""
    target = Path(folder)
    target.mkdir()
    for name, text in csv_files(scenario_tables(scenario)).items():
        (target / name).write_text(text, encoding="utf-8", newline="")

"""A scenario as pandas DataFrames, one per sheet of the workbook (pandas imported lazily).

:func:`frames_of` gives the tables of :mod:`._tables` as DataFrames, headers
in Indonesian as on the workbook's sheets; :func:`scenario_from_frames` reads
such frames (or frames with the JSON keys as columns, or a SIASN export as
the ``Kandidat`` frame) through the same reader as Excel and CSV, so problems
name the frame, its index label and the column (``Kandidat, indeks 17,
kolom NIP``). Missing values (``NaN``, ``None``, ``NaT``, ``pd.NA``) are
empty cells, integral floats (``4.0``, as pandas stores an integer column
with gaps) are whole numbers, ``Timestamp`` at midnight is a date, and an
int64 NIP column is exact and accepted; a float NIP has lost digits and is not.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from penempatan._optional import optional_import
from penempatan.i18n import Lang
from penempatan.scenario._sheets import scenario_from_sheets
from penempatan.scenario._tables import (
    POLICY_SHEET,
    SETTING_HEADER,
    VALUE_HEADER,
    Sheet,
    scenario_tables,
)

if TYPE_CHECKING:
    from penempatan.scenario._scenario import Scenario


def frames_of(scenario: Scenario) -> dict[str, Any]:
    """Sheet name -> DataFrame of that sheet, in the workbook's order (Kebijakan first)."""
    pd = optional_import("pandas", needed_by="Scenario.to_dataframes()")
    return {
        w.sheet: pd.DataFrame(
            [list(r) for r in w.rows], columns=[c.header for c in w.columns], dtype=object
        )
        for w in scenario_tables(scenario)
    }


def _cell(value: Any) -> Any:
    """A DataFrame value as a plain Python cell (numpy scalars unwrapped, missing as None)."""
    if value is None:
        return None
    item = getattr(value, "item", None)
    if item is not None and type(value).__module__ == "numpy":
        value = item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    return value


def _sheet(name: str, frame: Any) -> Sheet:
    headers = [str(c) for c in frame.columns]
    rows = [
        (_cell(label), [_cell(v) for v in values])
        for label, values in zip(frame.index, frame.itertuples(index=False, name=None), strict=True)
    ]
    return Sheet(name, headers, rows, index_rows=True)


def scenario_from_frames(
    frames: Mapping[str, Any],
    validate: Callable[[dict[str, Any]], Scenario],
    *,
    settings: Mapping[str, Any] | None = None,
    education_names: Mapping[str, str] | None = None,
    lang: Lang = "id",
) -> Scenario:
    """The scenario of ``frames`` (sheet or table name -> DataFrame), validated.

    ``settings`` (``name``, ``reference_date`` and policy keys such as
    ``max_age``) stands in for a ``Kebijakan`` frame; giving both is an error.
    """
    sheets = {name: _sheet(name, frame) for name, frame in frames.items()}
    if settings:
        if any(n.strip().lower() in (POLICY_SHEET.lower(), "policy") for n in sheets):
            raise ValueError(f"give the settings either as a {POLICY_SHEET} frame or as keywords")
        sheets = {
            POLICY_SHEET: Sheet(
                POLICY_SHEET,
                [SETTING_HEADER, VALUE_HEADER],
                [(k, [k, v]) for k, v in settings.items()],
                index_rows=True,
            ),
            **sheets,
        }
    return scenario_from_sheets(
        sheets, validate, exact_numbers=True, education_names=education_names, lang=lang
    )

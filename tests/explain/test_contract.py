"""The contract of the explanations: every code it defines is worded and in the legend."""

from __future__ import annotations

import re

from penempatan.explain import _contract
from penempatan.i18n import CODE_MEANINGS, MESSAGES


def documented_codes(section: str | None = None) -> set[str]:
    """Codes defined in the contract's docstring: the heads of its definition lists."""
    doc = _contract.__doc__ or ""
    if section is not None:
        doc = doc.split(section + "\n")[1].split("\n---")[0]
    codes: set[str] = set()
    head: list[str] = []
    for line in doc.splitlines():
        if line.startswith("``"):
            head.append(line)
        elif line.startswith("    ") and head:
            codes |= set(re.findall(r"``([a-z_.]+)``", " ".join(head)))
            head = []
        else:
            head = []
    return codes


def test_every_documented_code_has_a_message() -> None:
    """Each code defined in the contract docstring has a reason.* or short.* message."""
    codes = documented_codes()
    assert {"floor_binding", "outranked", "held_by_floor", "no_candidate", "no_gain"} <= codes
    placements = {"score.default", "score.fit_table", "seat.required", "seat.optional"}
    for code in codes | placements | {"locked", "only_option"}:
        assert f"reason.{code}" in MESSAGES or f"short.{code}" in MESSAGES, code
    assert "reason.next_best.lower" in MESSAGES


def test_every_unplaced_code_has_a_legend_entry() -> None:
    """Each code a candidate left out can get is explained in the report's legend."""
    codes = documented_codes("Candidates not placed")
    assert {"ineligible.age", "not_qualified", "too_far", "not_chosen"} <= codes
    assert codes <= set(CODE_MEANINGS)

"""The message catalogue: both languages, placeholders that agree, every reason code worded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import penempatan as pn
from penempatan.datasets import generate
from penempatan.explain import _contract as _explain
from penempatan.explain._explainer import explain_plan
from penempatan.i18n._messages import (
    CODE_MEANINGS,
    LANGS,
    MESSAGES,
    message,
    number,
    percent,
    placeholders,
    reason_text,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_every_message_exists_in_every_language() -> None:
    """No message id lacks Indonesian or English, and none is blank."""
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LANGS), key
        for lang in LANGS:
            assert texts[lang].strip(), (key, lang)


def test_placeholders_agree_between_languages() -> None:
    """Each message has exactly the same named placeholders in id and en."""
    for key, texts in MESSAGES.items():
        assert placeholders(texts["id"]) == placeholders(texts["en"]), key


def test_indonesian_and_english_differ() -> None:
    """Sentences are translated, not copied (labels that are the same word are the exception)."""
    same = [k for k, t in MESSAGES.items() if t["id"] == t["en"] and len(t["en"]) > 12]
    assert same == []


def test_code_meanings_exist_in_both_languages() -> None:
    """The legend of reason codes is complete in both languages."""
    for code, texts in CODE_MEANINGS.items():
        assert set(texts) == set(LANGS) and all(texts.values()), code


def documented_codes(section: str | None = None) -> set[str]:
    """Codes defined in _explain's docstring: the heads of its definition lists."""
    doc = _explain.__doc__ or ""
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
    """Each code defined in _explain's contract docstring has a reason.* or short.* message."""
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


def test_message_fills_placeholders() -> None:
    """message() substitutes values; an unknown id is a KeyError."""
    assert message("reason.ineligible.education", "en", education="SMA", min_education="D3") == (
        "education SMA is below the minimum D3"
    )
    assert "SMA" in message(
        "reason.ineligible.education", "id", education="SMA", min_education="D3"
    )
    with pytest.raises(KeyError):
        message("no.such.message", "id")


def test_numbers_follow_the_language() -> None:
    """Indonesian writes a decimal comma, English a decimal point; whole numbers stay whole."""
    assert number(12.345, "id") == "12,35"
    assert number(12.345, "en") == "12.35"
    assert number(10.0, "id") == "10"
    assert percent(1, 3, "id") == "33,3 %"


def test_reason_text_rejects_unknown_codes() -> None:
    """A code with no message is an error, not an empty sentence."""
    with pytest.raises(KeyError):
        reason_text("no_such_code", {}, "en")


@pytest.mark.parametrize(
    "options",
    [
        {"seed": 2, "max_distance_km": 1.0, "floor_tightness": 0.9, "forbidden": 40},
        {"seed": 4, "with_fit_table": True, "nearest": 4, "locks": 4},
        {"seed": 5, "require_nomination": True, "floor_tightness": 1.0},
    ],
)
def test_every_reason_renders_in_both_languages(options: dict[str, object]) -> None:
    """Every reason of real plans becomes a complete sentence in id and en, no brace left."""
    s = generate(n_cooperatives=30, n_candidates=400, **options)  # type: ignore[arg-type]
    e = explain_plan(s, pn.solve(s))
    seen = set()
    for about, reasons in (
        ("candidate", [r for a in e.assignments for r in a.reasons]),
        ("candidate", [r for u in e.unplaced for r in u.reasons]),
        ("need", [r for n in e.short_needs for r in n.reasons]),
    ):
        for r in reasons:
            seen.add(r.code)
            texts = {lang: reason_text(r.code, r.values, lang, about=about) for lang in LANGS}  # type: ignore[arg-type]
            for text in texts.values():
                assert text and "{" not in text and "}" not in text
            assert texts["id"] != texts["en"]
            if about == "candidate":
                assert r.message == texts["en"]  # the plan keeps the English sentence
    assert len(seen) >= 8

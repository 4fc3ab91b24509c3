"""The message catalogue: both languages, placeholders that agree, every reason worded."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import penempatan as pn
from penempatan.datasets import generate
from penempatan.i18n import (
    CODE_MEANINGS,
    LANGS,
    MESSAGES,
    message,
    number,
    percent,
    placeholders,
    reason_text,
)


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
    e = pn.explain_plan(s, pn.solve(s))
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


def test_english_counts_agree_with_their_number() -> None:
    """One candidate is singular, with its verb; 21, 0.1 and 0 stay plural; Indonesian unchanged."""
    from penempatan.i18n import message

    one = message("short.held_by_floor", "en", count=1, detail="D")
    assert one == "1 candidate who could fill it is held back by floors: D"
    assert message("short.held_by_floor", "en", count=21, detail="D").startswith(
        "21 candidates who could fill it are"
    )
    assert message("problem.heading", "en", count=1) == "invalid scenario: 1 problem"
    assert message("problem.heading", "en", count=0) == "invalid scenario: 0 problems"
    assert message("cli.warnings", "en", count=1) == "1 warning:"
    assert "0.1 candidates" in message("short.too_few_candidates", "en", count=0.1, min=2)
    assert message("problem.heading", "id", count=1) == "skenario tidak sah: 1 masalah"


#: The counted-noun pattern as first written (look-behind before the ``1``); the
#: catalogue's pattern puts the look-behind after it, which is faster.
_ONE_OF_FIRST = re.compile(
    r"(?<![\d.,])1 (candidate|cooperative|problem|warning|violation|file|region|role|need"
    r"|placement|floor|seat|item|time)s\b"
)

_PIECES = st.sampled_from(
    ["1", "11", "21", "0", ",", ".", " ", "s", "candidate", "floor", "item", "times", "x", "é"]
)


@settings(max_examples=500)
@given(st.lists(_PIECES | st.text(max_size=3), max_size=14).map("".join))
def test_singular_counts_matches_the_first_pattern(text: str) -> None:
    """The faster pattern makes exactly the changes the first one made, on any text."""
    from penempatan.i18n._messages import singular_counts

    expected = _ONE_OF_FIRST.sub(r"1 \1", text).replace(
        "1 candidate who could fill it are", "1 candidate who could fill it is"
    )
    assert singular_counts(text) == expected
    assert singular_counts(f"a{text} 1 seats") == _ONE_OF_FIRST.sub(
        r"1 \1", f"a{text} 1 seats"
    ).replace("1 candidate who could fill it are", "1 candidate who could fill it is")

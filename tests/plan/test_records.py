"""Reasons: the remembered English sentence is the one computed afresh."""

from __future__ import annotations

from typing import Any

import pytest

from penempatan.i18n import reason_text
from penempatan.plan import Reason, _records


@pytest.mark.parametrize(
    ("code", "values", "about"),
    [
        ("seat.required", {"placed": 1, "min": 1, "max": 2}, "candidate"),
        ("seat.required", {"placed": 1.0, "min": 1, "max": 2}, "candidate"),
        ("seat.required", {"placed": True, "min": 1, "max": 2}, "candidate"),
        ("only_option", {}, "candidate"),
        ("too_few_candidates", {"count": 0, "min": 2}, "need"),
        ("forbidden", {"cooperatives": ["K1", "K2"]}, "candidate"),
    ],
)
def test_a_remembered_sentence_is_the_fresh_one(
    code: str, values: dict[str, Any], about: str
) -> None:
    topic = "need" if about == "need" else "candidate"
    fresh = reason_text(code, values, "en", about=topic)
    first = Reason.of(code, values, about=about)
    again = Reason.of(code, dict(values), about=about)
    assert first.message == again.message == fresh
    assert first == again


def test_equal_values_of_other_types_are_not_confused() -> None:
    # 1 == 1.0 == True, yet each reads differently in the sentence.
    texts = {
        Reason.of("seat.required", {"placed": v, "min": 1, "max": 2}).message
        for v in (1, 1.0, True)
    }
    assert len(texts) == 3


def test_the_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_records, "_SENTENCES", {})
    monkeypatch.setattr(_records, "_SENTENCES_MAX", 3)
    for placed in range(10):
        r = Reason.of("seat.required", {"placed": placed, "min": 1, "max": 20})
        assert f"{placed} placed" in r.message
        assert len(_records._SENTENCES) <= 3

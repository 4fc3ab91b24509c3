"""Reading a scenario's JSON with the key count (``keys_of``) is the hook's reading.

:func:`read_json` with ``keys_of=scenario_keys`` first reads the text without
the duplicate-key hook and keeps that value only when the keys it counts match
the text's ``:``; these tests write scenario-shaped documents with repeated
keys, ``:`` inside strings and keys, objects where the count does not look,
and broken text, and check that the value, or the problems, are the same as
the hook's reading alone.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from penempatan.scenario._io import scenario_keys
from penempatan.scenario._text import JsonTextError, read_json
from tests.factory import tiny_scenario_data

KEY = st.sampled_from(["id", "nip", "lat", "a:b", "skills", "x", "needs", "of", ":"])
SCALAR = st.none() | st.booleans() | st.integers(-5, 5) | st.sampled_from(["", "1:2", "x", ":"])
VALUE = st.recursive(
    SCALAR,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(st.tuples(KEY, inner), max_size=3).map(lambda ps: ("obj", ps))
    ),
    max_leaves=6,
)


def _write(v: Any) -> str:
    """JSON text of ``v``, where ``("obj", pairs)`` is an object written pair by pair
    (so a key may repeat)."""
    if isinstance(v, tuple) and v and v[0] == "obj":
        return "{" + ",".join(f"{json.dumps(k)}:{_write(x)}" for k, x in v[1]) + "}"
    if isinstance(v, list):
        return "[" + ",".join(_write(x) for x in v) + "]"
    return json.dumps(v)


def _outcome(text: str, **kw: Any) -> tuple[str, Any]:
    try:
        return "value", read_json(text, **kw)
    except JsonTextError as exc:
        return "problems", [str(p) for p in exc.problems]


@st.composite
def scenario_text(draw: st.DrawFn) -> str:
    """The tiny scenario's JSON with some of its objects given extra members (repeated
    keys, nested objects, ``:`` in strings), some text cut off at the end."""
    data = tiny_scenario_data()
    top = [(k, v) for k, v in data.items()]
    pieces = []
    for name, value in top:
        if isinstance(value, list) and value and draw(st.booleans()):
            records = []
            for r in value:
                extra = draw(st.lists(st.tuples(KEY, VALUE), max_size=2))
                own = [(k, x) for k, x in r.items()] + extra
                records.append("{" + ",".join(f"{json.dumps(k)}:{_json(x)}" for k, x in own) + "}")
            pieces.append(f"{json.dumps(name)}:[{','.join(records)}]")
        else:
            pieces.append(f"{json.dumps(name)}:{json.dumps(value)}")
    extra_top = draw(st.lists(st.tuples(KEY, VALUE), max_size=2))
    pieces += [f"{json.dumps(k)}:{_write(x)}" for k, x in extra_top]
    text = "{" + ",".join(pieces) + "}"
    cut = draw(st.integers(0, 3))
    return text[: len(text) - cut] if cut else text


def _json(x: Any) -> str:
    return _write(x) if isinstance(x, tuple) else json.dumps(x)


@settings(max_examples=300, deadline=None)
@given(scenario_text())
def test_the_key_count_reads_as_the_hook_does(text: str) -> None:
    assert _outcome(text, keys_of=scenario_keys) == _outcome(text)


@settings(max_examples=300, deadline=None)
@given(VALUE)
def test_any_document_reads_as_the_hook_does(v: Any) -> None:
    text = _write(v)
    assert _outcome(text, keys_of=scenario_keys) == _outcome(text)


def test_a_plain_scenario_is_counted_exactly() -> None:
    text = json.dumps(tiny_scenario_data())
    assert scenario_keys(json.loads(text)) == text.count(":")


def test_a_repeated_key_in_a_record_is_still_reported() -> None:
    text = json.dumps(tiny_scenario_data())
    i = text.index('"nip"')
    text = text[:i] + '"nip": "1", ' + text[i:]
    kind, problems = _outcome(text, keys_of=scenario_keys)
    assert kind == "problems" and any("nip" in p for p in problems)

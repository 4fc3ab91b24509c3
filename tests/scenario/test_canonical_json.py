"""The direct encoders of the canonical JSON give json.dumps's text, whatever the strings.

The scenario hash is defined as ``json.dumps(model_dump(mode="json"), sort_keys=True,
separators=(",", ":"), ensure_ascii=False)`` (rules left out when there are none);
the candidates, cooperatives and fit table are written by hand-made encoders for
speed, so these tests feed them the strings and numbers most likely to differ:
quotes, backslashes, control characters, line and paragraph separators, non-ASCII,
floats of every magnitude and sign, absent optional fields.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import penempatan as pn
from penempatan.datasets import generate
from tests.factory import tiny_scenario_data

ODD = st.sampled_from(['"', "\\", "\n", "\r", "\t", "\x00", "\x1f", "\x7f", "é", "\u2028", "☃"])
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]) | ODD, max_size=8)
ID = TEXT.filter(bool)
FLOAT = st.floats(allow_nan=False, allow_infinity=False)


def _generic(s: pn.Scenario) -> str:
    dumped = s.model_dump(mode="json", exclude=None if s.rules else {"rules"})
    return json.dumps(dumped, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@st.composite
def odd_scenario_data(draw: st.DrawFn) -> dict[str, Any]:
    """The tiny scenario with every free string and number of its large tables redrawn."""
    d = tiny_scenario_data()
    roles = {"pengelola": draw(ID), "apotek": draw(ID)}
    if roles["pengelola"] == roles["apotek"]:
        roles["apotek"] += "2"
    coop_ids = [draw(ID), draw(ID)]
    if coop_ids[0] == coop_ids[1]:
        coop_ids[1] += "2"
    for k, new_id in zip(d["cooperatives"], coop_ids, strict=True):
        k["id"] = new_id
        for field in ("name", "kelurahan", "kecamatan"):
            k[field] = draw(TEXT)
        for n in k["needs"]:
            n["role"] = roles[n["role"]]
        if draw(st.booleans()):
            k["location"] = {
                "lat": draw(st.floats(-90, 90)),
                "lon": draw(st.floats(-180, 180)),
            }
        else:
            k.pop("location", None)
        k["max_staff"] = draw(st.none() | st.integers(0, 10**9))
    for c in d["candidates"]:
        c["name"] = draw(TEXT)
        c["skills"] = {roles[r]: level for r, level in c["skills"].items()}
        if draw(st.booleans()):
            c["skills"][draw(ID)] = draw(st.integers(1, 5))
        c["domicile"] = draw(st.none() | TEXT)
        c["preferences"] = draw(st.lists(st.sampled_from(coop_ids), unique=True, max_size=2))
        if draw(st.booleans()):
            c["location"] = {"lat": draw(FLOAT.filter(lambda x: -90 <= x <= 90)), "lon": 0.0}
        else:
            c.pop("location", None)
    return d


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_scenario_data())
def test_direct_encoders_write_what_json_dumps_writes(data: dict[str, Any]) -> None:
    s = pn.parse_scenario(data)
    assert s.canonical_json() == _generic(s)


def test_direct_encoders_on_the_examples_and_a_generated_region() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "examples"
    for path in ("pekalongan.json", "pekalongan_rules.json"):
        s = pn.load_scenario(root / path)
        assert s.canonical_json() == _generic(s)
    region = generate(n_cooperatives=40, n_candidates=200, seed=3)
    assert region.canonical_json() == _generic(region)

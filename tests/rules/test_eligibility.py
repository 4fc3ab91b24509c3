"""Eligibility rules (rule 1) and the skill rule (rule 2), one pure function each."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import penempatan as pn
from penempatan.rules._eligibility import (
    age_on,
    check_age,
    check_computer_skill,
    check_distance,
    check_education,
    check_nomination,
    check_position,
    distance_km,
    ineligibility,
    ineligible_candidates,
    qualifies,
)
from tests.factory import candidate, tiny_scenario_data
from tests.strategies import scenario_data

REFERENCE = dt.date(2026, 3, 1)
#: One degree of longitude on the equator, on a sphere of radius 6371.0 km.
ONE_DEGREE_KM = 6371.0 * math.pi / 180


def make_candidate(**fields: Any) -> pn.Candidate:
    """A validated candidate from the factory, with ``fields`` overriding its defaults."""
    birth = fields.pop("birth_date", "1990-01-15")
    return pn.Candidate.model_validate(candidate(1, birth_date=birth, **fields))


def make_cooperative(location: dict[str, float] | None) -> pn.Cooperative:
    """A validated cooperative with one need and the given location."""
    return pn.Cooperative.model_validate(
        {
            "id": "KKMP-X",
            "name": "Koperasi X",
            "kelurahan": "X",
            "kecamatan": "Y",
            "location": location,
            "needs": [{"role": "pengelola", "min": 1, "max": 1}],
        }
    )


@pytest.mark.parametrize(
    ("education", "minimum", "passes"),
    [
        ("D3", "D3", True),
        ("D2", "D3", False),
        ("D4", "D3", True),
        ("S3", "D3", True),
        ("SMA", "D3", False),
        ("SMA", "SMK", True),
        ("SMK", "SMA", True),
        ("SMP", "SMA", False),
        ("D1", "SMK", True),
        ("SMK", "D1", False),
        ("D4", "S1", True),
        ("S1", "D4", True),
        ("D3", "S1", False),
        ("S2", "S3", False),
        ("S3", "S3", True),
        ("SD", "SD", True),
        ("SD", "SMP", False),
    ],
)
def test_education_rank(education: str, minimum: str, passes: bool) -> None:
    """Education passes at or above the minimum, with SMA = SMK and D4 = S1 on one rank."""
    c = make_candidate(education=education)
    reason = check_education(c, pn.Policy(min_education=minimum))  # type: ignore[arg-type]
    if passes:
        assert reason is None
    else:
        assert reason is not None
        assert reason.code == "ineligible.education"
        assert reason.values == {"education": education, "min_education": minimum}
        assert education in reason.message
        assert minimum in reason.message


def test_education_order_is_the_spec_order() -> None:
    """Each level of SD < SMP < SMA = SMK < D1 < D2 < D3 < D4 = S1 < S2 < S3 fails the next."""
    ladder = ["SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S2", "S3"]
    for lower, higher in itertools.pairwise(ladder):
        policy = pn.Policy(min_education=higher)  # type: ignore[arg-type]
        assert check_education(make_candidate(education=lower), policy) is not None
        assert check_education(make_candidate(education=higher), policy) is None


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        ("1970-03-01", "2026-03-01", 56),
        ("1969-03-01", "2026-03-01", 57),
        ("1970-03-02", "2026-03-01", 55),
        ("1970-02-28", "2026-03-01", 56),
        ("1970-12-31", "2026-01-01", 55),
        ("1970-01-01", "2026-12-31", 56),
        ("2000-02-29", "2026-02-28", 25),
        ("2000-02-29", "2026-03-01", 26),
        ("2000-02-29", "2028-02-28", 27),
        ("2000-02-29", "2028-02-29", 28),
        ("1990-01-15", "1990-01-15", 0),
    ],
)
def test_age_in_whole_years(birth: str, day: str, age: int) -> None:
    """Age is the number of whole years completed on the day, leap-day birthdays included."""
    assert age_on(dt.date.fromisoformat(birth), dt.date.fromisoformat(day)) == age


@pytest.mark.parametrize(
    ("birth", "max_age", "age"),
    [
        ("1970-03-01", 56, None),
        ("1969-03-01", 56, 57),
        ("1970-03-02", 56, None),
        ("1970-03-02", 55, None),
        ("1970-03-01", 55, 56),
        ("1969-03-02", 56, None),
        ("1968-02-29", 58, None),
        ("1968-02-29", 57, 58),
    ],
)
def test_age_limit_is_inclusive(birth: str, max_age: int, age: int | None) -> None:
    """A candidate exactly max_age years old passes; one year older fails, naming the age."""
    c = make_candidate(birth_date=birth)
    reason = check_age(c, pn.Policy(max_age=max_age), REFERENCE)
    if age is None:
        assert reason is None
    else:
        assert reason is not None
        assert reason.code == "ineligible.age"
        assert reason.values["age"] == age
        assert reason.values["max_age"] == max_age
        assert reason.values["reference_date"] == "2026-03-01"
        assert str(age) in reason.message


@pytest.mark.parametrize(
    ("required", "skilled", "passes"),
    [(True, True, True), (True, False, False), (False, False, True), (False, True, True)],
)
def test_computer_skill(required: bool, skilled: bool, passes: bool) -> None:
    """Computer skill is needed only when the policy requires it."""
    c = make_candidate(computer_skill=skilled)
    reason = check_computer_skill(c, pn.Policy(require_computer_skill=required))
    assert (reason is None) is passes
    if reason is not None:
        assert reason.code == "ineligible.computer_skill"


@pytest.mark.parametrize(
    ("required", "nominated", "passes"),
    [(True, True, True), (True, False, False), (False, False, True), (False, True, True)],
)
def test_nomination(required: bool, nominated: bool, passes: bool) -> None:
    """A nomination by the OPD head is needed only when the policy requires it."""
    c = make_candidate(nominated=nominated)
    reason = check_nomination(c, pn.Policy(require_nomination=required))
    assert (reason is None) is passes
    if reason is not None:
        assert reason.code == "ineligible.nomination"


@pytest.mark.parametrize(
    ("position", "excluded", "passes"),
    [
        ("Perawat", ("Perawat",), False),
        ("Guru", ("Perawat", "Guru"), False),
        ("Administrasi", ("Perawat", "Guru"), True),
        (None, ("Perawat",), True),
        ("Perawat", (), True),
    ],
)
def test_excluded_positions(position: str | None, excluded: tuple[str, ...], passes: bool) -> None:
    """A candidate whose position is listed in excluded_positions is never placed."""
    c = make_candidate(position=position)
    reason = check_position(c, pn.Policy(excluded_positions=excluded))
    assert (reason is None) is passes
    if reason is not None:
        assert reason.code == "ineligible.position"
        assert reason.values == {"position": position}


@pytest.mark.parametrize(
    ("limit", "passes"),
    [
        (None, True),
        (111.2, True),
        (ONE_DEGREE_KM, True),
        (111.19, False),
        (100.0, False),
        (0.0, False),
    ],
)
def test_distance_limit(limit: float | None, passes: bool) -> None:
    """A cooperative is allowed only within max_distance_km of the candidate; the limit counts."""
    c = make_candidate(location={"lat": 0.0, "lon": 0.0})
    k = make_cooperative({"lat": 0.0, "lon": 1.0})
    assert distance_km(c, k) == pytest.approx(ONE_DEGREE_KM, rel=1e-12)
    reason = check_distance(c, k, pn.Policy(max_distance_km=limit))
    assert (reason is None) is passes
    if reason is not None:
        assert reason.code == "too_far"
        assert reason.values["cooperative"] == "KKMP-X"
        assert reason.values["distance_km"] == pytest.approx(ONE_DEGREE_KM, rel=1e-12)
        assert reason.values["max_distance_km"] == limit
        assert "111.19" in reason.message


def test_distance_limit_zero_allows_the_same_point() -> None:
    """With max_distance_km 0 a cooperative at the candidate's own location is allowed."""
    c = make_candidate(location={"lat": -6.889, "lon": 109.652})
    k = make_cooperative({"lat": -6.889, "lon": 109.652})
    assert check_distance(c, k, pn.Policy(max_distance_km=0.0)) is None


@pytest.mark.parametrize(
    ("cand_loc", "coop_loc"),
    [(None, {"lat": 0.0, "lon": 1.0}), ({"lat": 0.0, "lon": 0.0}, None), (None, None)],
)
def test_distance_without_location(
    cand_loc: dict[str, float] | None, coop_loc: dict[str, float] | None
) -> None:
    """Without a location there is no distance: a limit refuses the pair, no limit allows it."""
    c = make_candidate(location=cand_loc)
    k = make_cooperative(coop_loc)
    assert distance_km(c, k) is None
    assert check_distance(c, k, pn.Policy()) is None
    reason = check_distance(c, k, pn.Policy(max_distance_km=500.0))
    assert reason is not None
    assert reason.code == "too_far"
    assert reason.values["distance_km"] is None
    assert reason.values["max_distance_km"] == 500.0


@pytest.mark.parametrize(
    ("skills", "min_level", "ok"),
    [
        ({"pengelola": 2}, 2, True),
        ({"pengelola": 5}, 2, True),
        ({"pengelola": 1}, 2, False),
        ({"apotek": 5}, 1, False),
        ({}, 1, False),
        ({"pengelola": 1}, 1, True),
        ({"pengelola": 4}, 5, False),
    ],
)
def test_qualifies(skills: dict[str, int], min_level: int, ok: bool) -> None:
    """Rule 2: a candidate fills a role only with skill at or above the need's min_level."""
    c = make_candidate(skills=skills)
    need = pn.Need(role="pengelola", min=0, max=1, min_level=min_level)
    assert qualifies(c, need) is ok


def test_ineligibility_lists_every_failed_rule_in_order() -> None:
    """ineligibility() returns the reason of every failed candidate-level rule, in rule order."""
    data = tiny_scenario_data()
    data["policy"]["require_nomination"] = True
    data["candidates"][3]["birth_date"] = "1960-01-01"
    data["candidates"][3]["nip"] = "196001012024211004"
    data["candidates"][3]["education"] = "SMA"
    data["candidates"][3]["computer_skill"] = False
    s = pn.parse_scenario(data)
    codes = [r.code for r in ineligibility(s.candidates[3], s)]
    assert codes == [
        "ineligible.education",
        "ineligible.age",
        "ineligible.computer_skill",
        "ineligible.nomination",
        "ineligible.position",
    ]


def test_ineligibility_of_the_tiny_scenario() -> None:
    """In the tiny scenario only the nurse (an excluded position) is ineligible."""
    s = pn.parse_scenario(tiny_scenario_data())
    reasons = {c.nip: [r.code for r in ineligibility(c, s)] for c in s.candidates}
    assert list(reasons.values()) == [[], [], [], ["ineligible.position"]]


def test_ineligibility_uses_the_reference_date() -> None:
    """Age is taken on the scenario's reference_date, not on today's date."""
    data = tiny_scenario_data()
    data["candidates"][1]["birth_date"] = "1970-03-02"
    data["candidates"][1]["nip"] = "197003022024211002"
    ages = {}
    for day in ("2026-03-01", "2027-03-01", "2027-03-02"):
        data["reference_date"] = day
        s = pn.parse_scenario(data)
        ages[day] = [(r.code, r.values.get("age")) for r in ineligibility(s.candidates[1], s)]
    assert ages == {
        "2026-03-01": [],
        "2027-03-01": [],
        "2027-03-02": [("ineligible.age", 57)],
    }


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(max_candidates=12))
def test_ineligible_candidates_is_ineligibility_of_each(data: dict[str, object]) -> None:
    """The network's pass over all candidates gives, candidate by candidate, the reasons
    of ineligibility() in its order, and one record for reasons of equal value."""
    s = pn.parse_scenario(data)
    alone = {i: ineligibility(c, s) for i, c in enumerate(s.candidates)}
    together = ineligible_candidates(s)
    assert together == {i: r for i, r in alone.items() if r}
    seen: dict[tuple[str, str], pn.Reason] = {}
    for reasons in together.values():
        for r in reasons:
            key = (r.code, json.dumps(r.values, sort_keys=True))
            assert seen.setdefault(key, r) is r

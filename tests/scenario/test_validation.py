"""Validation of penempatan/scenario@1: every rule of the spec, each error naming its field."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pydantic
import pytest

import penempatan as pn
from penempatan.scenario._schema import scenario_schema
from tests.factory import ROOT, candidate, pppk_nip, tiny_scenario_data

Data = dict[str, Any]
Mutation = Callable[[Data], None]

SCHEMA_FILE = ROOT / "schema" / "scenario-v1.schema.json"

NIP0 = pppk_nip("1990-01-15", 1)
NIP1 = pppk_nip("1985-05-05", 2)
UNKNOWN_NIP = pppk_nip("1991-07-07", 99)


def _walk(data: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def put(*path: str | int, value: Any) -> Mutation:
    """A mutation setting the value at ``path``."""

    def mutate(d: Data) -> None:
        _walk(d, path[:-1])[path[-1]] = value

    return mutate


def drop(*path: str | int) -> Mutation:
    """A mutation deleting the key at ``path``."""

    def mutate(d: Data) -> None:
        del _walk(d, path[:-1])[path[-1]]

    return mutate


def both(*mutations: Mutation) -> Mutation:
    """A mutation applying several edits that together break exactly one rule."""

    def mutate(d: Data) -> None:
        for m in mutations:
            m(d)

    return mutate


def append_copy(field: str, index: int) -> Mutation:
    """A mutation appending a copy of ``data[field][index]`` (a duplicate id)."""

    def mutate(d: Data) -> None:
        d[field].append(copy.deepcopy(d[field][index]))

    return mutate


def fit(*entries: tuple[str, str, str, int]) -> Mutation:
    """A mutation setting the fit table."""
    table = [{"candidate": c, "cooperative": k, "role": r, "score": s} for c, k, r, s in entries]
    return put("fit", value=table)


def lock(nip: str, coop: str, role: str) -> Mutation:
    """A mutation setting one lock."""
    return put("locks", value=[{"candidate": nip, "cooperative": coop, "role": role}])


def forbid(nip: str, coop: str) -> Mutation:
    """A mutation setting one forbidden pair."""
    return put("forbidden", value=[{"candidate": nip, "cooperative": coop}])


def locate_candidates_except(*skip: int) -> Mutation:
    """A mutation giving every candidate a location except those at ``skip``."""

    def mutate(d: Data) -> None:
        for i, c in enumerate(d["candidates"]):
            if i in skip:
                c.pop("location", None)
            else:
                c["location"] = {"lat": -6.9, "lon": 109.66}

    return mutate


DISTANCE = put("policy", "max_distance_km", value=10.0)

# (mutation, the exact set of problem paths expected)
CASES = [
    pytest.param(put("candidates", 2, "nip", value="12345"), {"candidates[2].nip"}, id="nip-len"),
    pytest.param(
        put("candidates", 2, "nip", value="199001152024201003"),
        {"candidates[2].nip"},
        id="nip-contract-0",
    ),
    pytest.param(
        put("candidates", 0, "birth_date", value="1990-01-16"),
        {"candidates[0].birth_date"},
        id="birth-date-vs-nip",
    ),
    pytest.param(
        put("candidates", 0, "nip", value=pppk_nip("1990-01-16", 1)),
        {"candidates[0].birth_date"},
        id="nip-vs-birth-date",
    ),
    pytest.param(put("opds", 0, "min_staff", value=21), {"opds[0].min_staff"}, id="opd-floor"),
    pytest.param(
        put("opds", 1, "positions", 0, "min_staff", value=11),
        {"opds[1].positions[0].min_staff"},
        id="position-floor",
    ),
    pytest.param(
        put("opds", 1, "positions", 1, "name", value="Perawat"),
        {"opds[1].positions[1].name", "candidates[2].position"},
        id="duplicate-position",
    ),
    pytest.param(
        put("cooperatives", 0, "needs", 0, "min", value=3),
        {"cooperatives[0].needs[0].min"},
        id="need-min-above-max",
    ),
    pytest.param(
        put("cooperatives", 0, "needs", 1, "role", value="pengelola"),
        {"cooperatives[0].needs[1].role"},
        id="duplicate-role",
    ),
    pytest.param(put("candidates", 1, "opd", value="DISDIK"), {"candidates[1].opd"}, id="opd-ref"),
    pytest.param(
        put("candidates", 3, "position", value="Bidan"),
        {"candidates[3].position"},
        id="position-ref",
    ),
    pytest.param(
        put("candidates", 0, "preferences", value=["KKMP-KAUMAN", "KKMP-NOWHERE"]),
        {"candidates[0].preferences[1]"},
        id="preference-ref",
    ),
    pytest.param(
        put("candidates", 0, "preferences", value=["KKMP-NOWHERE"]),
        {"candidates[0].preferences[0]"},
        id="preference-ref-first",
    ),
    pytest.param(
        fit((UNKNOWN_NIP, "KKMP-MEDONO", "pengelola", 50)),
        {"fit[0].candidate"},
        id="fit-candidate-ref",
    ),
    pytest.param(
        fit((NIP0, "KKMP-NOWHERE", "pengelola", 50)),
        {"fit[0].cooperative"},
        id="fit-cooperative-ref",
    ),
    pytest.param(
        fit((NIP0, "KKMP-KAUMAN", "apotek", 50)),
        {"fit[0].role"},
        id="fit-role-not-a-need",
    ),
    pytest.param(
        fit((NIP0, "KKMP-MEDONO", "pengelola", 50), (NIP0, "KKMP-MEDONO", "pengelola", 60)),
        {"fit[1]"},
        id="fit-duplicate-triple",
    ),
    pytest.param(fit((NIP0, "KKMP-MEDONO", "pengelola", 101)), {"fit[0].score"}, id="score-101"),
    pytest.param(fit((NIP0, "KKMP-MEDONO", "pengelola", -1)), {"fit[0].score"}, id="score-neg"),
    pytest.param(
        fit((NIP0, "KKMP-MEDONO", "pengelola", 50.5)),  # type: ignore[arg-type]
        {"fit[0].score"},
        id="score-float",
    ),
    pytest.param(lock(UNKNOWN_NIP, "KKMP-MEDONO", "pengelola"), {"locks[0].candidate"}, id="lk-c"),
    pytest.param(lock(NIP0, "KKMP-NOWHERE", "pengelola"), {"locks[0].cooperative"}, id="lk-k"),
    pytest.param(lock(NIP0, "KKMP-KAUMAN", "apotek"), {"locks[0].role"}, id="lock-role"),
    pytest.param(forbid(UNKNOWN_NIP, "KKMP-MEDONO"), {"forbidden[0].candidate"}, id="forbid-c"),
    pytest.param(forbid(NIP0, "KKMP-NOWHERE"), {"forbidden[0].cooperative"}, id="forbid-k"),
    pytest.param(
        put("candidates", 2, "nip", value=pppk_nip("1990-01-15", 1)),
        {"candidates[2].nip"},
        id="duplicate-nip",
    ),
    pytest.param(append_copy("opds", 0), {"opds[2].id"}, id="duplicate-opd-id"),
    pytest.param(append_copy("cooperatives", 0), {"cooperatives[2].id"}, id="duplicate-coop-id"),
    pytest.param(
        both(put("opds", 0, "headcount", value=1), put("opds", 0, "min_staff", value=0)),
        {"opds[0].headcount"},
        id="opd-headcount-below-candidates",
    ),
    pytest.param(
        both(
            put("opds", 1, "positions", 1, "headcount", value=0),
            put("opds", 1, "positions", 1, "min_staff", value=0),
        ),
        {"opds[1].positions[1].headcount"},
        id="position-headcount-below-candidates",
    ),
    pytest.param(
        both(DISTANCE, locate_candidates_except(2)),
        {"candidates[2].location"},
        id="distance-needs-candidate-location",
    ),
    pytest.param(
        both(DISTANCE, locate_candidates_except(), drop("cooperatives", 1, "location")),
        {"cooperatives[1].location"},
        id="distance-needs-cooperative-location",
    ),
    pytest.param(put("format", value="penempatan/scenario@2"), {"format"}, id="format"),
    pytest.param(drop("format"), {"format"}, id="format-missing"),
    pytest.param(put("salary", value=1), {"salary"}, id="extra-top-level"),
    pytest.param(put("candidates", 0, "salary", value=1), {"candidates[0].salary"}, id="extra"),
    pytest.param(put("policy", "max_salary", value=1), {"policy.max_salary"}, id="extra-policy"),
    pytest.param(drop("candidates", 0, "name"), {"candidates[0].name"}, id="missing-field"),
    pytest.param(
        put("candidates", 0, "education", value="SMU"),
        {"candidates[0].education"},
        id="education",
    ),
    pytest.param(
        put("policy", "min_education", value="s1"), {"policy.min_education"}, id="min-education"
    ),
    pytest.param(
        put("candidates", 0, "skills", "pengelola", value=0),
        {"candidates[0].skills.pengelola"},
        id="skill-0",
    ),
    pytest.param(
        put("candidates", 0, "skills", "pengelola", value=6),
        {"candidates[0].skills.pengelola"},
        id="skill-6",
    ),
    pytest.param(
        put("cooperatives", 0, "needs", 1, "min_level", value=6),
        {"cooperatives[0].needs[1].min_level"},
        id="min-level-6",
    ),
    pytest.param(
        put("cooperatives", 0, "needs", 1, "min_level", value=0),
        {"cooperatives[0].needs[1].min_level"},
        id="min-level-0",
    ),
    pytest.param(
        put("cooperatives", 0, "needs", 0, "min", value=-1),
        {"cooperatives[0].needs[0].min"},
        id="negative-min",
    ),
    pytest.param(
        put("cooperatives", 0, "max_staff", value=-1),
        {"cooperatives[0].max_staff"},
        id="negative-max-staff",
    ),
    pytest.param(
        put("cooperatives", 0, "location", "lat", value=90.5),
        {"cooperatives[0].location.lat"},
        id="latitude",
    ),
    pytest.param(
        put("policy", "max_distance_km", value=-1.0),
        {"policy.max_distance_km"},
        id="negative-distance",
    ),
    pytest.param(put("reference_date", value="01/03/2026"), {"reference_date"}, id="date-dmy"),
    pytest.param(put("reference_date", value="2026-02-30"), {"reference_date"}, id="date-unreal"),
    pytest.param(put("reference_date", value="20260301"), {"reference_date"}, id="date-basic"),
    pytest.param(put("reference_date", value=20260301), {"reference_date"}, id="date-int"),
    pytest.param(
        put("reference_date", value="2026-03-01T00:00:00"), {"reference_date"}, id="date-time"
    ),
    pytest.param(
        put("candidates", 0, "computer_skill", value="true"),
        {"candidates[0].computer_skill"},
        id="bool-as-string",
    ),
    pytest.param(
        put("candidates", 0, "nominated", value=1), {"candidates[0].nominated"}, id="bool-as-int"
    ),
    pytest.param(
        put("policy", "require_computer_skill", value="true"),
        {"policy.require_computer_skill"},
        id="policy-bool-as-string",
    ),
    pytest.param(put("opds", 0, "headcount", value="20"), {"opds[0].headcount"}, id="int-as-str"),
    pytest.param(put("opds", 0, "headcount", value=20.0), {"opds[0].headcount"}, id="int-as-float"),
    pytest.param(put("opds", 0, "headcount", value=True), {"opds[0].headcount"}, id="int-as-bool"),
    pytest.param(put("policy", "max_age", value="56"), {"policy.max_age"}, id="max-age-as-str"),
    pytest.param(put("name", value=None), {"name"}, id="name-null"),
    pytest.param(put("opds", 0, "id", value=""), {"opds[0].id"}, id="empty-id"),
    pytest.param(
        put("candidates", 0, "nip", value=int(NIP0)), {"candidates[0].nip"}, id="nip-as-int"
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), CASES)
def test_each_rule_reports_exactly_its_field(mutate: Mutation, expected: set[str]) -> None:
    """Breaking one rule raises ScenarioError whose problems name exactly the offending field."""
    data = tiny_scenario_data()
    pn.parse_scenario(data)  # the baseline is valid
    mutate(data)
    with pytest.raises(pn.ScenarioError) as info:
        pn.parse_scenario(data)
    problems = info.value.problems
    assert {p.path for p in problems} == expected
    assert all(p.message for p in problems)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        pytest.param(put("reference_date", value="2026-W09-7"), "reference_date", id="ref"),
        pytest.param(
            put("candidates", 0, "birth_date", value="1990-W03-1"),
            "candidates[0].birth_date",
            id="birth",
        ),
    ],
)
def test_week_dates_are_not_iso_calendar_dates(mutate: Mutation, expected: str) -> None:
    """A date in ISO week form is rejected: dates are YYYY-MM-DD only."""
    data = tiny_scenario_data()
    mutate(data)
    with pytest.raises(pn.ScenarioError) as info:
        pn.parse_scenario(data)
    assert expected in {p.path for p in info.value.problems}


def test_several_cross_record_problems_are_all_reported_in_document_order() -> None:
    """Every cross-record problem is listed, not just the first one."""
    data = tiny_scenario_data()
    data["candidates"][1]["opd"] = "DISDIK"
    data["candidates"][3]["position"] = "Bidan"
    data["cooperatives"][0]["needs"][0]["min"] = 5
    with pytest.raises(pn.ScenarioError) as info:
        pn.parse_scenario(data)
    paths = [p.path for p in info.value.problems]
    assert sorted(paths) == sorted(
        ["candidates[1].opd", "candidates[3].position", "cooperatives[0].needs[0].min"]
    )
    assert "3 problems" in str(info.value)


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (put("candidates", 2, "nip", value="12345"), "candidates[2].nip"),
        (put("opds", 1, "positions", 0, "min_staff", value=11), "opds[1].positions[0].min_staff"),
        (lock(NIP0, "KKMP-KAUMAN", "apotek"), "locks[0].role"),
    ],
)
def test_error_message_names_the_path(mutate: Mutation, path: str) -> None:
    """The text of a ScenarioError names the record and field of each problem."""
    data = tiny_scenario_data()
    mutate(data)
    with pytest.raises(pn.ScenarioError) as info:
        pn.parse_scenario(data)
    text = str(info.value)
    assert path in text
    assert text.startswith("invalid scenario: 1 problem")
    assert isinstance(info.value, pn.PenempatanError)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("data", [[], "scenario", None, 3])
def test_non_object_scenario_is_rejected(data: Any) -> None:
    """A scenario that is not a JSON object is a ScenarioError, not a crash."""
    with pytest.raises(pn.ScenarioError, match="JSON object"):
        pn.parse_scenario(data)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{\n  "format": ,\n}', "line 2 column 13"),
        ("{", "line 1 column 2"),
        ("", "line 1 column 1"),
        ('{"a": 1}\n\n  x', "line 3 column 3"),
    ],
)
def test_invalid_json_names_line_and_column(text: str, where: str) -> None:
    """Text that is not JSON gives a ScenarioError whose path names the line and column."""
    with pytest.raises(pn.ScenarioError) as info:
        pn.loads_scenario(text)
    (problem,) = info.value.problems
    assert problem.path == where
    assert "invalid JSON" in problem.message


def test_invalid_utf8_is_a_scenario_error() -> None:
    """Bytes that are not UTF-8 give a ScenarioError."""
    with pytest.raises(pn.ScenarioError, match="UTF-8"):
        pn.loads_scenario(b'{"name": "\xff\xfe"}')


def test_nan_coordinate_in_json_text_is_rejected() -> None:
    """A NaN that Python's JSON reader lets through is still refused as a coordinate."""
    text = json.dumps(tiny_scenario_data()).replace('"lat": -6.889', '"lat": NaN')
    assert "NaN" in text
    with pytest.raises(pn.ScenarioError) as info:
        pn.loads_scenario(text)
    assert {p.path for p in info.value.problems} == {"cooperatives[0].location.lat"}


def test_deeply_nested_json_is_a_scenario_error() -> None:
    """JSON nested too deep to read is a ScenarioError, not a RecursionError."""
    with pytest.raises(pn.ScenarioError):
        pn.loads_scenario("[" * 100_000)


def test_loads_and_load_agree_and_load_names_the_file(tmp_path: Path) -> None:
    """A file reads like its text; a problem in a file is prefixed with the file name."""
    data = tiny_scenario_data()
    good = tmp_path / "good.json"
    good.write_text(json.dumps(data), encoding="utf-8")
    assert pn.load_scenario(good) == pn.loads_scenario(json.dumps(data)) == pn.parse_scenario(data)
    data["candidates"][2]["nip"] = "x"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(pn.ScenarioError) as info:
        pn.load_scenario(bad)
    assert [p.path for p in info.value.problems] == ["bad.json: candidates[2].nip"]
    with pytest.raises(pn.ScenarioError, match="cannot read"):
        pn.load_scenario(tmp_path / "missing.json")


# Valid data, round trip, immutability, hash.


def _assert_kept(given: Any, dumped: Any, where: str = "") -> None:
    """Every value in ``given`` appears unchanged in ``dumped`` (extra keys in ``dumped`` ok)."""
    if isinstance(given, dict):
        assert isinstance(dumped, dict), where
        for key, value in given.items():
            assert key in dumped, f"{where}.{key} lost"
            _assert_kept(value, dumped[key], f"{where}.{key}")
    elif isinstance(given, list):
        assert isinstance(dumped, list), where
        assert len(dumped) == len(given), where
        for i, (a, b) in enumerate(zip(given, dumped, strict=True)):
            _assert_kept(a, b, f"{where}[{i}]")
    else:
        assert type(dumped) is type(given) or {type(dumped), type(given)} == {int, float}, where
        assert dumped == given, where


def complete_scenario_data() -> Data:
    """The tiny scenario with every optional field written out explicitly."""
    d = tiny_scenario_data()
    d["policy"] = {
        "min_education": "D3",
        "max_age": 56,
        "require_computer_skill": True,
        "require_nomination": False,
        "excluded_positions": ["Perawat"],
        "max_distance_km": 25.5,
    }
    d["opds"][0]["positions"] = None
    for k in d["cooperatives"]:
        k.setdefault("max_staff", None)
        for n in k["needs"]:
            n.setdefault("min_level", 1)
    for i, c in enumerate(d["candidates"]):
        c.setdefault("position", None)
        c.setdefault("domicile", None)
        c["location"] = {"lat": -6.88 - i / 100, "lon": 109.65}
        c.setdefault("nominated", False)
        c["preferences"] = ["KKMP-KAUMAN", "KKMP-MEDONO"] if i % 2 else []
    d["fit"] = [
        {"candidate": NIP0, "cooperative": "KKMP-MEDONO", "role": "pengelola", "score": 80},
        {"candidate": NIP1, "cooperative": "KKMP-KAUMAN", "role": "pengelola", "score": 0},
        {"candidate": NIP0, "cooperative": "KKMP-MEDONO", "role": "apotek", "score": 100},
    ]
    d["locks"] = [{"candidate": NIP1, "cooperative": "KKMP-KAUMAN", "role": "pengelola"}]
    d["forbidden"] = [{"candidate": NIP0, "cooperative": "KKMP-KAUMAN"}]
    d["rules"] = [
        {
            "id": "perempuan",
            "kind": "at_least",
            "count": 1,
            "per": "kecamatan",
            "group_by": None,
            "of": {
                "sex": "female",
                "opds": ["DINKOP"],
                "positions": None,
                "min_education": "D3",
                "nominated": True,
                "candidates": [NIP0],
            },
            "if_staffed": 2,
        }
    ]
    return d


def test_complete_scenario_round_trips_exactly() -> None:
    """With every field given, the JSON dump of the validated scenario equals the input."""
    data = complete_scenario_data()
    assert pn.parse_scenario(data).model_dump(mode="json") == data


@pytest.mark.parametrize("make", [tiny_scenario_data, complete_scenario_data])
def test_nothing_the_user_gave_is_lost_or_altered(make: Callable[[], Data]) -> None:
    """Every key and value of the input appears unchanged in the dump of the scenario."""
    data = make()
    scenario = pn.parse_scenario(copy.deepcopy(data))
    _assert_kept(data, scenario.model_dump(mode="json"))
    again = pn.parse_scenario(scenario.model_dump(mode="json"))
    assert again == scenario
    assert again.sha256 == scenario.sha256


def test_defaults_are_those_of_the_spec() -> None:
    """Omitted policy keys and optional fields take the defaults the spec names."""
    data = tiny_scenario_data()
    del data["policy"]
    s = pn.parse_scenario(data)
    assert s.policy == pn.Policy(
        min_education="D3",
        max_age=56,
        require_computer_skill=True,
        require_nomination=False,
        excluded_positions=(),
        max_distance_km=None,
    )
    assert s.fit is None
    assert s.locks == ()
    assert s.forbidden == ()
    assert s.cooperatives[1].needs[0].min_level == 1
    assert s.candidates[0].nominated is False
    assert s.candidates[0].preferences == ()
    assert s.reference_date == dt.date(2026, 3, 1)


def test_python_date_objects_are_accepted() -> None:
    """Dates may be given as datetime.date values when parsing Python data."""
    data = tiny_scenario_data()
    data["reference_date"] = dt.date(2026, 3, 1)
    data["candidates"][0]["birth_date"] = dt.date(1990, 1, 15)
    assert pn.parse_scenario(data) == pn.parse_scenario(tiny_scenario_data())


def test_datetime_is_not_a_date() -> None:
    """A datetime value is refused where a date is expected."""
    data = tiny_scenario_data()
    data["reference_date"] = dt.datetime(2026, 3, 1)
    with pytest.raises(pn.ScenarioError) as info:
        pn.parse_scenario(data)
    assert [p.path for p in info.value.problems] == ["reference_date"]


@pytest.mark.parametrize(
    "assign",
    [
        lambda s: setattr(s, "name", "other"),
        lambda s: setattr(s.policy, "max_age", 99),
        lambda s: setattr(s.candidates[0], "nip", NIP1),
        lambda s: setattr(s.cooperatives[0].needs[0], "max", 9),
        lambda s: setattr(s.opds[0], "min_staff", 0),
    ],
    ids=["scenario", "policy", "candidate", "need", "opd"],
)
def test_scenario_is_frozen(assign: Callable[[pn.Scenario], None]) -> None:
    """Assigning to a field of a validated scenario or any of its records raises."""
    s = pn.parse_scenario(tiny_scenario_data())
    before = s.canonical_json()
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        assign(s)
    assert s.canonical_json() == before


def test_scenario_collections_are_tuples() -> None:
    """The lists of a scenario are tuples, so they cannot be appended to."""
    s = pn.parse_scenario(tiny_scenario_data())
    assert isinstance(s.candidates, tuple)
    assert isinstance(s.opds, tuple)
    assert isinstance(s.cooperatives[0].needs, tuple)
    assert isinstance(s.policy.excluded_positions, tuple)


def test_candidate_skills_cannot_be_changed_after_validation() -> None:
    """The skills mapping of a validated candidate cannot be modified in place."""
    s = pn.parse_scenario(tiny_scenario_data())
    before = s.sha256
    with contextlib.suppress(TypeError):
        s.candidates[0].skills["pengelola"] = 5
    assert s.candidates[0].skills["pengelola"] == 3
    assert s.sha256 == before


def test_sha256_is_the_hash_of_the_canonical_json() -> None:
    """sha256 is the SHA-256 of the sorted, compact canonical JSON text."""
    s = pn.parse_scenario(tiny_scenario_data())
    text = s.canonical_json()
    assert s.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert json.loads(text) == s.model_dump(mode="json", exclude={"rules"})  # no rules: no key
    assert text == json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))


def test_sha256_is_stable() -> None:
    """The hash does not depend on key order, spacing or explicitly written defaults."""
    data = tiny_scenario_data()
    reordered = {k: data[k] for k in reversed(list(data))}
    reordered["candidates"][0] = dict(reversed(list(data["candidates"][0].items())))
    reordered["candidates"][0]["skills"] = {"apotek": 2, "pengelola": 3}
    explicit = tiny_scenario_data()
    explicit["policy"]["max_age"] = 56
    explicit["locks"] = []
    spaced = json.dumps(tiny_scenario_data(), indent=4)
    hashes = {
        pn.parse_scenario(tiny_scenario_data()).sha256,
        pn.parse_scenario(reordered).sha256,
        pn.parse_scenario(explicit).sha256,
        pn.loads_scenario(spaced).sha256,
    }
    assert len(hashes) == 1
    (h,) = hashes
    canonical = pn.parse_scenario(tiny_scenario_data()).canonical_json()
    assert h == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    other = tiny_scenario_data()
    other["policy"]["max_age"] = 55
    assert pn.parse_scenario(other).sha256 != h  # a change of meaning changes the hash


@pytest.mark.parametrize(
    "mutate",
    [
        put("name", value="tiny2"),
        put("reference_date", value="2026-03-02"),
        put("policy", "max_age", value=55),
        put("policy", "excluded_positions", value=[]),
        put("opds", 0, "name", value="Dinas Koperasi dan UKM"),
        put("opds", 0, "min_staff", value=16),
        put("opds", 1, "positions", 1, "min_staff", value=3),
        put("cooperatives", 0, "needs", 0, "max", value=3),
        put("cooperatives", 0, "needs", 1, "min_level", value=3),
        put("cooperatives", 0, "location", "lat", value=-6.8891),
        put("cooperatives", 1, "kecamatan", value="Pekalongan Utara"),
        put("candidates", 0, "skills", "pengelola", value=4),
        put("candidates", 1, "computer_skill", value=False),
        put("candidates", 2, "education", value="S1"),
        put("candidates", 0, "domicile", value="Kauman"),
        put("candidates", 0, "preferences", value=["KKMP-KAUMAN"]),
        lock(NIP0, "KKMP-MEDONO", "pengelola"),
        forbid(NIP0, "KKMP-MEDONO"),
        fit((NIP0, "KKMP-MEDONO", "pengelola", 50)),
    ],
)
def test_sha256_changes_when_any_value_changes(mutate: Mutation) -> None:
    """Changing any one value of a valid scenario changes its hash."""
    base = pn.parse_scenario(tiny_scenario_data())
    data = tiny_scenario_data()
    mutate(data)
    changed = pn.parse_scenario(data)
    assert changed != base
    assert changed.sha256 != base.sha256


def test_swapping_candidates_changes_the_hash() -> None:
    """The order of records is part of the scenario and of its hash."""
    data = tiny_scenario_data()
    data["candidates"][0], data["candidates"][1] = data["candidates"][1], data["candidates"][0]
    assert pn.parse_scenario(data).sha256 != pn.parse_scenario(tiny_scenario_data()).sha256


def test_extra_candidate_makes_new_scenario() -> None:
    """A scenario with one more valid candidate validates and hashes differently."""
    data = tiny_scenario_data()
    data["candidates"].append(candidate(5, birth_date="1988-08-08"))
    s = pn.parse_scenario(data)
    assert len(s.candidates) == 5
    assert s.candidate_index[pppk_nip("1988-08-08", 5)] == 4
    assert s.sha256 != pn.parse_scenario(tiny_scenario_data()).sha256


def _without_id_and_title(schema: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in schema.items() if k not in ("$id", "title")}


def test_schema_module_adds_only_id_and_title() -> None:
    """scenario_schema() is the model's JSON schema plus publication $id and title."""
    published = scenario_schema()
    assert published["$id"].endswith("scenario-v1.schema.json")
    assert published["title"] == "penempatan/scenario@1"
    assert _without_id_and_title(published) == _without_id_and_title(
        pn.Scenario.model_json_schema()
    )


def test_published_schema_file_matches_the_models() -> None:
    """The schema file in the repository equals Scenario.model_json_schema() apart from id/title."""
    on_disk = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert _without_id_and_title(on_disk) == _without_id_and_title(pn.Scenario.model_json_schema())


def test_schema_describes_the_documented_fields() -> None:
    """The JSON schema requires the spec's mandatory keys and forbids unknown ones."""
    schema = pn.Scenario.model_json_schema()
    assert set(schema["required"]) == {
        "format",
        "name",
        "reference_date",
        "opds",
        "cooperatives",
        "candidates",
    }
    assert schema["additionalProperties"] is False
    assert schema["properties"]["format"]["const"] == "penempatan/scenario@1"
    need = schema["$defs"]["Need"]["properties"]
    assert (need["min_level"]["minimum"], need["min_level"]["maximum"]) == (1, 5)


def test_a_candidate_without_position_at_an_opd_with_positions_is_valid() -> None:
    """The spec makes position optional: without one, only the OPD floor applies to them."""
    data = tiny_scenario_data()
    del data["candidates"][3]["position"]
    s = pn.parse_scenario(data)
    assert s.candidates[3].position is None
    plan = pn.solve(s)
    assert pn.verify(s, plan) == []


def test_public_names_load_on_first_use() -> None:
    """Every name in penempatan.__all__ resolves (some are imported lazily), and unknown
    names raise AttributeError as for any module."""
    for name in pn.__all__:
        assert getattr(pn, name) is not None, name
    assert set(pn.__all__) <= set(dir(pn))
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = pn.no_such_name  # type: ignore[attr-defined]

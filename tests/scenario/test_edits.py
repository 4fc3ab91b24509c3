"""What-if edits: new validated scenarios, the original untouched, errors that name the field."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import penempatan as pn
from penempatan.scenario import _edits
from penempatan.scenario._edits import floor_for_share
from tests.factory import EXAMPLES, candidate, tiny_scenario_data
from tests.strategies import scenario_data

Edit = Callable[[pn.Scenario], pn.Scenario]


@pytest.fixture(scope="module")
def pekalongan() -> pn.Scenario:
    return pn.load_scenario(EXAMPLES / "pekalongan.json")


def tiny() -> pn.Scenario:
    """The tiny scenario with a fit table, a lock, a forbidden pair and a preference."""
    d = tiny_scenario_data()
    nips = [c["nip"] for c in d["candidates"]]
    d["candidates"][1]["preferences"] = ["KKMP-KAUMAN", "KKMP-MEDONO"]
    d["fit"] = [
        {"candidate": nips[0], "cooperative": "KKMP-MEDONO", "role": "pengelola", "score": 80},
        {"candidate": nips[0], "cooperative": "KKMP-KAUMAN", "role": "pengelola", "score": 60},
        {"candidate": nips[1], "cooperative": "KKMP-KAUMAN", "role": "pengelola", "score": 70},
        {"candidate": nips[2], "cooperative": "KKMP-MEDONO", "role": "apotek", "score": 90},
    ]
    d["locks"] = [{"candidate": nips[0], "cooperative": "KKMP-MEDONO", "role": "pengelola"}]
    d["forbidden"] = [{"candidate": nips[1], "cooperative": "KKMP-MEDONO"}]
    return pn.parse_scenario(d)


def problem_paths(exc: pytest.ExceptionInfo[pn.ScenarioError]) -> list[str]:
    return [p.path for p in exc.value.problems]


def nip(s: pn.Scenario, i: int) -> str:
    return s.candidates[i].nip


EDITS: dict[str, Edit] = {
    "with_policy": lambda s: s.with_policy(max_age=58, min_education="S1"),
    "with_floor": lambda s: s.with_floor("DINKOP", 15),
    "with_floor position": lambda s: s.with_floor("DINKES", 9, position="Perawat"),
    "with_floor_share": lambda s: s.with_floor_share(0.8),
    "with_opd_changes": lambda s: s.with_opd_changes("DINKOP", headcount=25),
    "with_candidate": lambda s: s.with_candidate(candidate(9)),
    "without_candidates": lambda s: s.without_candidates(nip(s, 0), leaves_opd=True),
    "with_candidate_changes": lambda s: s.with_candidate_changes(nip(s, 1), computer_skill=False),
    "with_cooperative_changes": lambda s: s.with_cooperative_changes("KKMP-KAUMAN", max_staff=1),
    "without_cooperatives": lambda s: s.without_cooperatives("KKMP-KAUMAN"),
    "with_need": lambda s: s.with_need("KKMP-KAUMAN", "apotek", min=0, max=1),
    "without_need": lambda s: s.without_need("KKMP-MEDONO", "pengelola"),
    "with_lock": lambda s: s.with_lock(nip(s, 1), "KKMP-KAUMAN", "pengelola"),
    "without_lock": lambda s: s.without_lock(nip(s, 0)),
    "with_forbidden": lambda s: s.with_forbidden(nip(s, 3), "KKMP-KAUMAN"),
    "without_forbidden": lambda s: s.without_forbidden(nip(s, 1), "KKMP-MEDONO"),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_edit_returns_a_new_scenario_and_never_changes_the_original(name: str) -> None:
    """Every edit gives a different, validated scenario; the original's JSON and hash stay."""
    s = tiny()
    before_json, before_hash = s.canonical_json(), s.sha256
    edited = EDITS[name](s)
    assert isinstance(edited, pn.Scenario)
    assert edited is not s
    assert edited.sha256 != before_hash
    assert s.canonical_json() == before_json
    assert s.sha256 == before_hash == tiny().sha256
    assert pn.parse_scenario(edited.model_dump(mode="json")).sha256 == edited.sha256


def test_edits_compose_in_a_readable_chain(pekalongan: pn.Scenario) -> None:
    """``s.with_floor(...).with_policy(...)`` applies both, in either order."""
    s2 = pekalongan.with_floor("DINKES", 85).with_policy(max_age=58)
    s3 = pekalongan.with_policy(max_age=58).with_floor("DINKES", 85)
    assert s2.opds[s2.opd_index["DINKES"]].min_staff == 85
    assert s2.policy.max_age == 58
    assert s2.sha256 == s3.sha256
    assert pekalongan.policy.max_age == 56


def test_methods_apply_the_data_edits_of_the_same_name(pekalongan: pn.Scenario) -> None:
    """A Scenario method is its data edit in penempatan.scenario._edits, validated again."""
    data = pekalongan.model_dump(mode="json")
    _edits.with_floor(data, "SETDA", 260)
    assert pekalongan.with_floor("SETDA", 260).sha256 == pn.parse_scenario(data).sha256
    data = pekalongan.model_dump(mode="json")
    _edits.with_floor_share(data, 0.9)
    assert pekalongan.with_floor_share(0.9).sha256 == pn.parse_scenario(data).sha256
    assert pekalongan.with_floor_share(0.9).sha256 != pekalongan.sha256


def test_edited_scenario_solves_and_its_plan_verifies(pekalongan: pn.Scenario) -> None:
    """A lowered floor is an ordinary scenario: the plan verifies against it and covers more."""
    base = pn.solve(pekalongan)
    setda = next(o for o in base.opd_impact if o.opd == "SETDA")
    assert setda.binding
    s2 = pekalongan.with_floor("SETDA", setda.min_staff - 2)
    plan = pn.solve(s2)
    assert pn.verify(s2, plan) == []
    assert plan.scenario_sha256 == s2.sha256 != pekalongan.sha256
    assert plan.coverage >= base.coverage
    assert sum(a.candidate in {c.nip for c in s2.candidates} for a in plan.assignments) == len(
        plan.assignments
    )


# --------------------------------------------------------------------------- invalid edits


@pytest.mark.parametrize(
    ("edit", "path", "words"),
    [
        (lambda s: s.with_floor("DINKOP", 21), "opds[0].min_staff", "exceeds headcount 20"),
        (lambda s: s.with_floor("DINKOP", -1), "opds[0].min_staff", "greater than or equal"),
        (lambda s: s.with_floor("DINKOP", 2.5), "opds[0].min_staff", "integer"),
        (lambda s: s.with_floor("DINKEZ", 3), "opds", "'DINKEZ'"),
        (
            lambda s: s.with_floor("DINKES", 11, position="Perawat"),
            "opds[1].positions[0].min_staff",
            "exceeds headcount 10",
        ),
        (lambda s: s.with_floor("DINKES", 1, position="Guru"), "opds[1].positions", "'Guru'"),
        (lambda s: s.with_policy(max_age=-1), "policy.max_age", "greater than or equal"),
        (lambda s: s.with_policy(retire_at=60), "policy.retire_at", "unknown field"),
        (lambda s: s.with_policy(min_education="SD3"), "policy.min_education", "SD"),
        (lambda s: s.with_floor_share(1.01), "floor_share", "between 0 and 1"),
        (lambda s: s.with_floor_share(-0.1), "floor_share", "between 0 and 1"),
        (lambda s: s.with_floor_share(math.nan), "floor_share", "between 0 and 1"),
        (lambda s: s.with_floor_share(True), "floor_share", "number"),
        (lambda s: s.with_floor_share(0.5, opds=["NOPE"]), "opds", "'NOPE'"),
        (lambda s: s.with_opd_changes("DINKOP", headcount=1), "opds[0].headcount", "less than"),
        (lambda s: s.with_opd_changes("DINKOP", id="X"), "opds[0].id", "cannot be changed"),
        (lambda s: s.with_candidate(candidate(1)), "candidates[4].nip", "duplicate"),
        (lambda s: s.with_candidate(candidate(7, opd="X")), "candidates[4].opd", "unknown OPD"),
        (lambda s: s.without_candidates("123"), "candidates", "'123'"),
        (
            lambda s: s.with_candidate_changes(nip(s, 0), nip="1"),
            "candidates[0].nip",
            "cannot be changed",
        ),
        (
            lambda s: s.with_candidate_changes(nip(s, 0), education="PhD"),
            "candidates[0].education",
            "S3",
        ),
        (lambda s: s.without_cooperatives("KKMP-X"), "cooperatives", "'KKMP-X'"),
        (
            lambda s: s.with_cooperative_changes("KKMP-MEDONO", max_staff=-2),
            "cooperatives[0].max_staff",
            "greater than or equal",
        ),
        (
            lambda s: s.with_need("KKMP-MEDONO", "pengelola", min=3),
            "cooperatives[0].needs[0].min",
            "exceeds max 2",
        ),
        (lambda s: s.with_need("KKMP-KAUMAN", "gudang", min=1), "cooperatives[1].needs", "max"),
        (lambda s: s.with_need("KKMP-X", "gudang", min=1, max=1), "cooperatives", "'KKMP-X'"),
        (
            lambda s: s.without_need("KKMP-KAUMAN", "apotek"),
            "cooperatives[1].needs",
            "'apotek'",
        ),
        (
            lambda s: s.with_lock(nip(s, 1), "KKMP-KAUMAN", "apotek"),
            "locks[1].role",
            "no need for role",
        ),
        (lambda s: s.with_lock("123", "KKMP-KAUMAN", "pengelola"), "locks[1].candidate", "NIP"),
        (lambda s: s.without_lock(nip(s, 3)), "locks", "no lock"),
        (lambda s: s.with_forbidden(nip(s, 3), "KKMP-X"), "forbidden[1].cooperative", "unknown"),
        (lambda s: s.without_forbidden(nip(s, 3), "KKMP-MEDONO"), "forbidden", "not forbidden"),
    ],
)
def test_invalid_edit_raises_scenario_error_naming_the_field(
    edit: Edit, path: str, words: str
) -> None:
    """A bad edit raises ScenarioError whose problem names the record and field."""
    s = tiny()
    before = s.sha256
    with pytest.raises(pn.ScenarioError) as exc:
        edit(s)
    assert path in problem_paths(exc), exc.value.problems
    message = next(p.message for p in exc.value.problems if p.path == path)
    assert words in message
    assert s.sha256 == before


def test_unknown_id_suggests_the_close_one(pekalongan: pn.Scenario) -> None:
    """A typo in an OPD id names the id and suggests the real one."""
    with pytest.raises(pn.ScenarioError) as exc:
        pekalongan.with_floor("DINKESS", 80)
    assert problem_paths(exc) == ["opds"]
    assert "'DINKESS'" in str(exc.value)
    assert "did you mean 'DINKES'" in str(exc.value)


def test_a_lowered_headcount_below_the_floor_is_named(pekalongan: pn.Scenario) -> None:
    """A resignation from an OPD whose floor equals its headcount is an error at the floor."""
    full = next(o for o in pekalongan.opds if o.min_staff == o.headcount)
    one = next(c.nip for c in pekalongan.candidates if c.opd == full.id)
    with pytest.raises(pn.ScenarioError) as exc:
        pekalongan.without_candidates(one, leaves_opd=True)
    assert problem_paths(exc) == [f"opds[{pekalongan.opd_index[full.id]}].min_staff"]
    kept = pekalongan.without_candidates(one)  # a withdrawal keeps the headcount
    assert kept.opds[kept.opd_index[full.id]].headcount == full.headcount


# --------------------------------------------------------------------------- floors


@pytest.mark.parametrize("share", [0, 0.07, 0.5, 0.9, 0.96, 0.999, 1, Fraction(2, 3)])
def test_floor_share_rounds_up_and_never_exceeds_headcount(
    pekalongan: pn.Scenario, share: float
) -> None:
    """with_floor_share sets every OPD floor to ceil(share × headcount), at most the headcount."""
    s = pekalongan.with_floor_share(share)
    exact = Fraction(str(share)) if isinstance(share, float) else Fraction(share)
    for o in s.opds:
        assert o.min_staff == math.ceil(exact * o.headcount)
        assert o.min_staff <= o.headcount
    assert [o.positions for o in s.opds] == [o.positions for o in pekalongan.opds]


def test_floor_share_reads_a_float_as_its_decimal() -> None:
    """0.07 × 100 is 7 staff, not 8: binary rounding of the float never adds a person."""
    assert 0.07 * 100 > 7  # the trap
    assert floor_for_share(0.07, 100) == 7
    assert floor_for_share(0.9, 41) == 37
    assert floor_for_share(1.0, 41) == 41
    assert floor_for_share(0.0, 41) == 0


@settings(max_examples=200, deadline=None)
@given(
    share=st.fractions(min_value=0, max_value=1, max_denominator=1000),
    headcount=st.integers(0, 100_000),
)
def test_floor_for_share_is_the_least_floor_keeping_the_share(
    share: Fraction, headcount: int
) -> None:
    """The floor keeps at least the share, one staff fewer would not, and it fits the headcount."""
    floor = floor_for_share(share, headcount)
    assert floor <= headcount
    assert floor >= share * headcount
    assert floor - 1 < share * headcount


@settings(max_examples=40, deadline=None)
@given(data=scenario_data(), share=st.sampled_from([0.0, 0.33, 0.8, 1.0]))
def test_floor_share_on_random_scenarios_is_valid_and_pure(
    data: dict[str, Any], share: float
) -> None:
    """On random valid scenarios a floor share always validates and never changes the original."""
    s = pn.parse_scenario(data)
    before = s.sha256
    s2 = s.with_floor_share(share)
    assert all(0 <= o.min_staff <= o.headcount for o in s2.opds)
    assert s.sha256 == before


def test_floor_share_for_some_opds_only(pekalongan: pn.Scenario) -> None:
    """``opds=`` limits the share to the named OPD; the others keep their floors."""
    s = pekalongan.with_floor_share(0.5, opds=["SETDA", "DINKES"])
    for o, old in zip(s.opds, pekalongan.opds, strict=True):
        expected = math.ceil(o.headcount / 2) if o.id in ("SETDA", "DINKES") else old.min_staff
        assert o.min_staff == expected


def test_numpy_scalars_are_accepted(pekalongan: pn.Scenario) -> None:
    """Values from NumPy ranges work: np.int64 ages and floors, np.float64 shares."""
    s = pekalongan.with_policy(max_age=np.int64(58)).with_floor("SETDA", np.int64(260))
    assert s.policy.max_age == 58
    assert s.opds[s.opd_index["SETDA"]].min_staff == 260
    shares = pekalongan.with_floor_share(np.float64(0.9)), pekalongan.with_floor_share(0.9)
    assert shares[0].sha256 == shares[1].sha256


# --------------------------------------------------------------------------- records and references


def test_without_candidates_removes_their_locks_fit_and_forbidden_pairs() -> None:
    """Removing a candidate removes every lock, fit entry and forbidden pair that names them."""
    s = tiny()
    gone = {nip(s, 0), nip(s, 1)}
    s2 = s.without_candidates(*gone)
    assert {c.nip for c in s2.candidates} == {nip(s, 2), nip(s, 3)}
    assert s2.locks == ()
    assert s2.forbidden == ()
    assert s2.fit is not None
    assert [f.candidate for f in s2.fit] == [nip(s, 2)]
    assert [o.headcount for o in s2.opds] == [o.headcount for o in s.opds]


def test_without_candidates_leaving_the_service_lowers_headcounts() -> None:
    """``leaves_opd=True`` lowers the OPD headcount and the position headcount by one each."""
    s = tiny()
    s2 = s.without_candidates(nip(s, 2), leaves_opd=True)  # DINKES, Administrasi
    dinkes, old = s2.opds[1], s.opds[1]
    assert dinkes.headcount == old.headcount - 1
    assert dinkes.positions is not None and old.positions is not None
    assert [p.headcount for p in dinkes.positions] == [10, old.positions[1].headcount - 1]
    assert s2.opds[0].headcount == s.opds[0].headcount


def test_without_cooperatives_removes_every_reference() -> None:
    """Removing a cooperative removes its locks, fit entries, forbidden pairs and preferences."""
    s = tiny()
    s2 = s.without_cooperatives("KKMP-MEDONO")
    assert [k.id for k in s2.cooperatives] == ["KKMP-KAUMAN"]
    assert s2.locks == ()
    assert s2.forbidden == ()
    assert s2.fit is not None
    assert {f.cooperative for f in s2.fit} == {"KKMP-KAUMAN"}
    assert s2.candidates[1].preferences == ("KKMP-KAUMAN",)


def test_with_candidate_adds_a_record_given_as_data_or_model() -> None:
    """A new candidate may be JSON data or a Candidate; it is appended and validated."""
    s = tiny()
    rec = candidate(8, education="D3")
    s2 = s.with_candidate(rec)
    s3 = s.with_candidate(pn.Candidate.model_validate(rec))
    assert s2.candidates[-1].nip == rec["nip"]
    assert s2.sha256 == s3.sha256
    with pytest.raises(TypeError):
        s.with_candidate(42)  # type: ignore[arg-type]


def test_with_candidate_changes_changes_only_the_named_fields() -> None:
    """Updating a candidate changes the fields given and nothing else."""
    s = tiny()
    s2 = s.with_candidate_changes(nip(s, 0), skills={"pengelola": 5}, nominated=True)
    c, old = s2.candidates[0], s.candidates[0]
    assert dict(c.skills) == {"pengelola": 5}
    assert c.nominated
    assert c.model_dump(exclude={"skills", "nominated"}) == old.model_dump(
        exclude={"skills", "nominated"}
    )


def test_with_cooperative_adds_one() -> None:
    """A new cooperative is appended; its needs are validated like any other."""
    s = tiny()
    new = {
        "id": "KKMP-PODOSUGIH",
        "name": "Koperasi Kelurahan Merah Putih Podosugih",
        "kelurahan": "Podosugih",
        "kecamatan": "Pekalongan Barat",
        "needs": [{"role": "pengelola", "min": 1, "max": 1}],
    }
    s2 = s.with_cooperative(new)
    assert s2.cooperatives[-1].id == "KKMP-PODOSUGIH"
    with pytest.raises(pn.ScenarioError) as exc:
        s.with_cooperative({**new, "needs": [{"role": "pengelola", "min": 2, "max": 1}]})
    assert problem_paths(exc) == ["cooperatives[2].needs[0].min"]


def test_with_need_updates_in_place_or_adds() -> None:
    """with_need keeps the values not given for an existing role and appends a new role."""
    s = tiny()
    s2 = s.with_need("KKMP-MEDONO", "pengelola", max=3)
    need = s2.cooperatives[0].needs[0]
    assert (need.role, need.min, need.max, need.min_level) == ("pengelola", 1, 3, 1)
    s3 = s.with_need("KKMP-KAUMAN", "gudang", min=0, max=2, min_level=3)
    assert [n.role for n in s3.cooperatives[1].needs] == ["pengelola", "gudang"]
    assert s3.cooperatives[1].needs[1].min_level == 3


def test_without_need_removes_its_locks_and_fit_entries() -> None:
    """Removing a need drops the locks and fit entries for that role at that cooperative only."""
    s = tiny()
    s2 = s.without_need("KKMP-MEDONO", "pengelola")
    assert [n.role for n in s2.cooperatives[0].needs] == ["apotek"]
    assert s2.locks == ()
    assert s2.fit is not None
    assert ("KKMP-MEDONO", "pengelola") not in {(f.cooperative, f.role) for f in s2.fit}
    assert len(s2.fit) == 3
    assert s2.forbidden == s.forbidden


def test_with_lock_replaces_the_candidates_other_lock() -> None:
    """A candidate is placed once, so a new lock replaces theirs; without_lock removes it."""
    s = tiny()
    s2 = s.with_lock(nip(s, 0), "KKMP-KAUMAN", "pengelola")
    assert [(lk.candidate, lk.cooperative) for lk in s2.locks] == [(nip(s, 0), "KKMP-KAUMAN")]
    s3 = s2.with_lock(nip(s, 1), "KKMP-KAUMAN", "pengelola")
    assert len(s3.locks) == 2
    assert s3.without_lock(nip(s, 0)).locks == s3.locks[1:]


def test_with_forbidden_is_idempotent_and_undone_by_without_forbidden() -> None:
    """Forbidding a pair twice adds it once; without_forbidden gives back the original scenario."""
    s = tiny()
    s2 = s.with_forbidden(nip(s, 3), "KKMP-KAUMAN")
    assert s2.with_forbidden(nip(s, 3), "KKMP-KAUMAN").sha256 == s2.sha256
    assert len(s2.forbidden) == 2
    assert s2.without_forbidden(nip(s, 3), "KKMP-KAUMAN").sha256 == s.sha256


def test_round_trips_give_back_the_original_hash() -> None:
    """An edit and its inverse give exactly the original scenario (same sha256)."""
    s = tiny()
    assert s.with_floor("DINKOP", 15).with_floor("DINKOP", 17).sha256 == s.sha256
    assert s.with_policy(max_age=60).with_policy(max_age=56).sha256 == s.sha256
    lock = s.locks[0]
    assert (
        s.without_lock(lock.candidate).with_lock(lock.candidate, lock.cooperative, lock.role).sha256
        == s.sha256
    )

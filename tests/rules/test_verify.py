"""verify(): a valid plan passes, and each way of breaking a rule of the spec is named."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import penempatan as pn
from penempatan.rules import default_score, verify
from tests.factory import candidate, tiny_scenario_data

MEDONO, KAUMAN = "KKMP-MEDONO", "KKMP-KAUMAN"

Data = dict[str, Any]


def scenario(change: Callable[[Data], None] | None = None) -> pn.Scenario:
    """The tiny scenario, changed by ``change``."""
    d = tiny_scenario_data()
    if change is not None:
        change(d)
    return pn.parse_scenario(d)


def nip(s: pn.Scenario, seq: int) -> str:
    """The NIP of the factory's candidate number ``seq`` (1-based, document order)."""
    return s.candidates[seq - 1].nip


def placing(s: pn.Scenario, *rows: tuple[int, str, str], **update: Any) -> pn.Plan:
    """The solved plan of ``s`` with its assignments replaced by ``rows`` (candidate number,
    cooperative, role), each scored by the default model, and ``update`` put over it."""
    base = pn.solve(s, explain=False)
    coops = {k.id: k for k in s.cooperatives}
    assignments = tuple(
        pn.Assignment(
            candidate=nip(s, seq),
            cooperative=coop,
            role=role,
            score=default_score(s.candidates[seq - 1], coops[coop], role).total,
        )
        for seq, coop, role in rows
    )
    return base.model_copy(update={"assignments": assignments, **update})


def codes(violations: list[Any]) -> set[tuple[str, str]]:
    return {(v.rule, v.code) for v in violations}


def test_a_solved_plan_verifies() -> None:
    """The control: the solver's own plan has no violation (so each case below is its change)."""
    s = scenario()
    assert verify(s, pn.solve(s)) == []


def test_a_plan_of_another_scenario_is_named() -> None:
    """A plan whose scenario hash differs is reported under the audit rule."""
    s = scenario()
    plan = pn.solve(s).model_copy(update={"scenario_sha256": "0" * 64})
    assert codes(verify(s, plan)) == {("audit", "scenario_hash")}


def test_assignments_in_a_plan_without_solution_are_named() -> None:
    """An INFEASIBLE plan must hold no assignment."""
    s = scenario()
    plan = pn.solve(s).model_copy(update={"status": pn.Status.INFEASIBLE})
    assert ("status", "assignments_without_solution") in codes(verify(s, plan))


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("candidate", "199001012024211999", "unknown_candidate"),
        ("cooperative", "KKMP-NOWHERE", "unknown_cooperative"),
        ("role", "gudang", "unknown_role"),
    ],
)
def test_references_that_do_not_resolve_are_named(field: str, value: str, code: str) -> None:
    """An assignment naming a candidate, cooperative or role the scenario lacks, at its path."""
    s = scenario()
    plan = pn.solve(s)
    first = plan.assignments[0].model_copy(update={field: value})
    bad = plan.model_copy(update={"assignments": (first, *plan.assignments[1:])})
    found = [v for v in verify(s, bad) if v.rule == "reference"]
    assert [(v.code, v.path) for v in found] == [(code, f"assignments[0].{field}")]


def _old(d: Data) -> None:
    d["candidates"][0] = candidate(1, birth_date="1960-01-15")


def _sma(d: Data) -> None:
    d["candidates"][0]["education"] = "SMA"


def _no_computer(d: Data) -> None:
    d["candidates"][0]["computer_skill"] = False


def _nomination(d: Data) -> None:
    d["policy"]["require_nomination"] = True


def _near_only(d: Data) -> None:
    d["policy"]["max_distance_km"] = 0.1  # candidate 1 lives about 1.9 km from Kauman
    for c in d["candidates"]:
        c["location"] = {"lat": -6.89, "lon": 109.66}


@pytest.mark.parametrize(
    ("change", "seq", "code"),
    [
        (_old, 1, "ineligible.age"),
        (_sma, 1, "ineligible.education"),
        (_no_computer, 1, "ineligible.computer_skill"),
        (_nomination, 1, "ineligible.nomination"),
        (None, 4, "ineligible.position"),
        (_near_only, 1, "too_far"),
    ],
)
def test_rule_1_each_policy_rule_is_named(
    change: Callable[[Data], None] | None, seq: int, code: str
) -> None:
    """Placing a candidate a policy rule excludes is a rule-1 violation with that rule's code."""
    s = scenario(change)
    plan = placing(s, (seq, KAUMAN, "pengelola"))
    assert ("rule-1", code) in codes(verify(s, plan))


def test_rule_2_a_skill_below_the_level_is_named() -> None:
    """Candidate 3 has no pengelola skill: placing them there is a rule-2 violation."""
    s = scenario()
    assert ("rule-2", "skill_below_level") in codes(verify(s, placing(s, (3, KAUMAN, "pengelola"))))


def test_rule_3_a_candidate_placed_twice_is_named() -> None:
    """The same candidate in two needs."""
    s = scenario()
    plan = placing(s, (1, MEDONO, "pengelola"), (1, KAUMAN, "pengelola"))
    found = [v for v in verify(s, plan) if v.code == "placed_twice"]
    index = s.candidate_index[nip(s, 1)]
    assert [(v.rule, v.path) for v in found] == [("rule-3", f"candidates[{index}]")]


def test_rule_4_a_need_over_its_maximum_is_named() -> None:
    """KAUMAN needs at most one pengelola; two break it."""
    s = scenario()
    plan = placing(s, (1, KAUMAN, "pengelola"), (2, KAUMAN, "pengelola"))
    found = [v for v in verify(s, plan) if v.code == "need_max"]
    assert [(v.rule, v.path) for v in found] == [("rule-4", "cooperatives[1].needs[0]")]


def test_rule_5_a_cooperative_over_max_staff_is_named() -> None:
    """MEDONO with max_staff 1 and two placed."""

    def one_staff(d: Data) -> None:
        d["cooperatives"][0]["max_staff"] = 1

    s = scenario(one_staff)
    plan = placing(s, (1, MEDONO, "pengelola"), (2, MEDONO, "pengelola"))
    assert ("rule-5", "max_staff") in codes(verify(s, plan))


def test_rule_6_opd_and_position_floors_are_named() -> None:
    """DINKOP may release one (floor 19 of 20), Administrasi none: releasing more breaks them."""

    def tight(d: Data) -> None:
        d["opds"][0]["min_staff"] = 19
        d["opds"][1]["positions"][1]["min_staff"] = 5

    s = scenario(tight)
    plan = placing(s, (1, MEDONO, "pengelola"), (2, KAUMAN, "pengelola"), (3, MEDONO, "apotek"))
    found = {(v.rule, v.code, v.path) for v in verify(s, plan)}
    assert ("rule-6", "opd_floor", "opds[0]") in found
    assert ("rule-6", "position_floor", "opds[1].positions[1]") in found


def test_rule_7_forbidden_pairs_fit_table_and_locks_are_named() -> None:
    """A forbidden pair, a triple the fit table does not list, and a lock left out."""

    def rules_7(d: Data) -> None:
        c1, c2 = d["candidates"][0]["nip"], d["candidates"][1]["nip"]
        d["forbidden"] = [{"candidate": c1, "cooperative": KAUMAN}]
        d["locks"] = [{"candidate": c2, "cooperative": MEDONO, "role": "pengelola"}]

    s = scenario(rules_7)
    found = codes(verify(s, placing(s, (1, KAUMAN, "pengelola"))))
    assert {("rule-7", "forbidden_pair"), ("rule-7", "lock_broken")} <= found

    def fit_table(d: Data) -> None:
        c1 = d["candidates"][0]["nip"]
        d["fit"] = [{"candidate": c1, "cooperative": MEDONO, "role": "pengelola", "score": 9}]

    s = scenario(fit_table)
    plan = pn.solve(s)
    assert verify(s, plan) == [] and len(plan.assignments) == 1
    unlisted = pn.Assignment(candidate=nip(s, 1), cooperative=KAUMAN, role="pengelola", score=9)
    bad = plan.model_copy(update={"assignments": (unlisted,)})
    assert ("rule-7", "not_in_fit_table") in codes(verify(s, bad))


def test_wrong_scores_and_totals_are_named() -> None:
    """A score other than the model's, and coverage, fit or OPD releases the plan misstates."""
    s = scenario()
    plan = pn.solve(s)
    first = plan.assignments[0]
    changed = first.model_copy(update={"score": first.score + 1})
    rescored = plan.model_copy(update={"assignments": (changed, *plan.assignments[1:])})
    assert ("score", "wrong_score") in codes(verify(s, rescored))
    wrong = plan.model_copy(update={"coverage": plan.coverage + 1, "fit": plan.fit + 1})
    # The plan is OPTIMAL, so its bound (the true values) no longer equals its stated values either.
    assert codes(verify(s, wrong)) == {
        ("objective", "coverage"),
        ("objective", "fit"),
        ("objective", "optimal_bound"),
    }
    impact = plan.opd_impact[0].model_copy(update={"released": 99})
    misreported = plan.model_copy(update={"opd_impact": (impact, *plan.opd_impact[1:])})
    found = [(v.rule, v.path) for v in verify(s, misreported)]
    assert found == [("report", "opd_impact[0].released")]

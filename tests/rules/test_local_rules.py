"""Local rules (spec "Local rules", rule 8): records, validation, hash, edits and verify."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import penempatan as pn
from penempatan.rules._local import local_rule_breaches, part_of
from penempatan.scenario import candidate_sex, filter_matches
from tests.factory import candidate, pppk_nip, tiny_scenario_data
from tests.solving.test_solve_properties import _brute_force
from tests.strategies import scenario_data

NIP_WOMAN = pppk_nip("1992-02-02", 7, sex=2)


def _with_rules(*rules: dict[str, Any]) -> dict[str, Any]:
    data = tiny_scenario_data()
    data["candidates"].append(
        candidate(7, birth_date="1992-02-02", nip=NIP_WOMAN, skills={"pengelola": 4})
    )
    data["rules"] = list(rules)
    return data


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(pn.ScenarioError) as err:
        pn.parse_scenario(data)
    return [str(p) for p in err.value.problems]


def test_the_spec_examples_parse_with_their_defaults() -> None:
    """The four examples of the spec parse; per defaults to cooperative, if_staffed to 1."""
    s = pn.parse_scenario(
        _with_rules(
            {"id": "perempuan", "kind": "at_least", "count": 1, "of": {"sex": "female"}},
            {"id": "satu-opd", "kind": "at_most", "count": 1, "group_by": "opd"},
            {"id": "pasangan-1", "kind": "at_most", "count": 1, "of": {"candidates": [NIP_WOMAN]}},
            {"id": "kec", "kind": "at_least", "count": 8, "per": "kecamatan", "if_staffed": 0},
        )
    )
    assert [r.per for r in s.rules] == ["cooperative"] * 3 + ["kecamatan"]
    assert s.rules[0].if_staffed == 1 and s.rules[1].if_staffed is None
    assert s.rules[3].threshold == 0


def test_an_omitted_if_staffed_hashes_like_a_given_one() -> None:
    """The default if_staffed is written out: omitting 1 and giving 1 is the same scenario."""
    rule = {"id": "p", "kind": "at_least", "count": 1, "of": {"sex": "female"}}
    a = pn.parse_scenario(_with_rules(rule))
    b = pn.parse_scenario(_with_rules({**rule, "if_staffed": 1}))
    assert a.sha256 == b.sha256
    assert '"rules":[' in a.canonical_json()


def test_a_scenario_without_rules_keeps_its_hash() -> None:
    """Without rules the canonical JSON has no rules key, so hashes made before rules hold."""
    s = pn.parse_scenario(tiny_scenario_data())
    assert '"rules"' not in s.canonical_json()
    data = json.loads(s.canonical_json())
    assert "rules" not in data
    assert s.with_rule({"id": "x", "kind": "at_most", "count": 2}).sha256 != s.sha256
    assert s.with_rule({"id": "x", "kind": "at_most", "count": 2}).without_rule("x").sha256 == (
        s.sha256
    )


@pytest.mark.parametrize(
    ("rule", "path", "words"),
    [
        ({"id": "r", "kind": "at_most", "count": 1, "of": {"opds": ["DINKESS"]}},
         "rules[0].of.opds", "unknown OPD 'DINKESS'"),
        ({"id": "r", "kind": "at_most", "count": 1, "of": {"positions": ["Bidan"]}},
         "rules[0].of.positions", "unknown position 'Bidan'"),
        ({"id": "r", "kind": "at_most", "count": 1, "of": {"candidates": ["199001012019212001"]}},
         "rules[0].of.candidates", "unknown candidate NIP"),
        ({"id": "r", "kind": "at_least", "count": 1, "group_by": "opd"},
         "rules[0].group_by", "only an at_most rule"),
        ({"id": "r", "kind": "at_most", "count": 1, "if_staffed": 2},
         "rules[0].if_staffed", "only an at_least rule"),
        ({"id": "r", "kind": "at_most", "count": -1}, "rules[0].count", "greater than or equal"),
        ({"id": "r", "kind": "exactly", "count": 1}, "rules[0].kind", "at_most"),
        ({"id": "r", "kind": "at_most", "count": 1, "per": "desa"}, "rules[0].per", "kecamatan"),
        ({"id": "r", "kind": "at_most", "count": 1, "of": {"sex": "F"}},
         "rules[0].of.sex", "female"),
        ({"id": "r", "kind": "at_most", "count": 1, "of": {"age": 3}},
         "rules[0].of.age", "unknown"),
        ({"id": "r", "kind": "at_most", "count": "1"}, "rules[0].count", "integer"),
        ({"id": "r", "kind": "at_most", "count": 1, "of": {"nominated": 1}},
         "rules[0].of.nominated", "boolean"),
    ],
)  # fmt: skip
def test_a_bad_rule_is_named_by_its_field(rule: dict[str, Any], path: str, words: str) -> None:
    """Every invalid rule is an error at rules[i].field saying what is wrong."""
    problems = _problems(_with_rules(rule))
    assert any(p.startswith(path + ":") and words in p for p in problems), problems


def test_rule_ids_are_unique() -> None:
    """A repeated rule id is an error at the second rule's id."""
    r = {"id": "r", "kind": "at_most", "count": 1}
    assert _problems(_with_rules(r, r)) == ["rules[1].id: duplicate rule id 'r'"]


def test_with_rule_adds_or_replaces_and_without_rule_removes() -> None:
    """with_rule adds a rule or replaces the one of its id; without_rule an unknown id is named."""
    s = pn.parse_scenario(tiny_scenario_data())
    s1 = s.with_rule(pn.Rule(id="a", kind="at_most", count=1, group_by="opd"))
    s2 = s1.with_rule({"id": "a", "kind": "at_most", "count": 2})
    assert [(r.id, r.count) for r in s2.rules] == [("a", 2)]
    assert s2.with_rule({"id": "b", "kind": "at_least", "count": 0}).rules[1].id == "b"
    assert s.rules == ()  # nothing changed in place
    with pytest.raises(pn.ScenarioError, match="rules: unknown rule 'z'"):
        s2.without_rule("z")
    with pytest.raises(pn.ScenarioError, match=r"rules\[0\].of.opds"):
        s.with_rule({"id": "a", "kind": "at_most", "count": 1, "of": {"opds": ["NOPE"]}})


def test_filter_parts_and_sex_follow_the_spec() -> None:
    """Sex is NIP digit 15; education parts join SMA/SMK and D4/S1; no position, no part."""
    s = pn.parse_scenario(_with_rules())
    woman = s.candidates[-1]
    man = s.candidates[0]
    assert candidate_sex(woman) == "female" and candidate_sex(man) == "male"
    assert filter_matches(pn.RuleFilter(sex="female", min_education="S1"), woman)
    assert not filter_matches(pn.RuleFilter(sex="female", nominated=True), woman)
    assert not filter_matches(pn.RuleFilter(opds=("DINKES",)), man)
    by_edu = pn.Rule(id="e", kind="at_most", count=1, group_by="education")
    by_pos = pn.Rule(id="p", kind="at_most", count=1, group_by="position")
    assert part_of(by_edu, man) == "D4"  # S1 is on the rank of D4
    assert part_of(by_pos, man) is None and part_of(by_pos, s.candidates[2]) == "Administrasi"


def test_breaches_count_groups_as_the_spec_says() -> None:
    """at_most counts per part; at_least binds only with if_staffed placements, 0 in every group."""
    s = pn.parse_scenario(
        _with_rules(
            {"id": "satu-opd", "kind": "at_most", "count": 1, "group_by": "opd"},
            {"id": "perempuan", "kind": "at_least", "count": 1, "of": {"sex": "female"},
             "if_staffed": 2},
            {"id": "kec", "kind": "at_least", "count": 1, "per": "kecamatan", "if_staffed": 0},
        )
    )  # fmt: skip
    nip = [c.nip for c in s.candidates]
    # Two men of DINKOP at Medono: satu-opd and perempuan break; Kauman's kecamatan is empty.
    got = local_rule_breaches(s, [(nip[0], "KKMP-MEDONO"), (nip[1], "KKMP-MEDONO")])
    assert [(b.rule.id, b.group, b.part) for b in got] == [
        ("satu-opd", "KKMP-MEDONO", "DINKOP"),
        ("perempuan", "KKMP-MEDONO", ""),
        ("kec", "Pekalongan Timur", ""),
    ]
    # The woman (DINKOP) and a man of DINKES at Medono, a man of DINKOP alone at Kauman.
    ok = [(NIP_WOMAN, "KKMP-MEDONO"), (nip[2], "KKMP-MEDONO"), (nip[0], "KKMP-KAUMAN")]
    assert local_rule_breaches(s, ok) == []


def test_verify_reports_a_broken_rule_as_rule_8() -> None:
    """verify finds a plan that breaks a local rule and names the rule and group."""
    s = pn.parse_scenario(tiny_scenario_data())
    plan = pn.solve(s)
    placed = {a.cooperative for a in plan.assignments}
    assert "KKMP-MEDONO" in placed
    strict = s.with_rule({"id": "kosong", "kind": "at_most", "count": 0, "per": "all"})
    rebased = plan.model_copy(update={"scenario_sha256": strict.sha256})
    found = pn.verify(strict, rebased)
    assert found and all(v.rule == "rule-8" for v in found)
    assert "rule 'kosong' in all" in found[0].message and found[0].path == "rules[0]"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(with_rules=True))
def test_every_plan_under_rules_verifies(data: dict[str, Any]) -> None:
    """With random local rules, solve() uses CP-SAT and verify accepts every plan it returns."""
    s = pn.parse_scenario(data)
    plan = pn.solve(s)
    assert plan.solver.engine == "cpsat"
    assert plan.status in (pn.Status.OPTIMAL, pn.Status.INFEASIBLE)
    assert pn.verify(s, plan) == []
    if plan.status is pn.Status.INFEASIBLE:
        assert plan.conflicts and not plan.assignments
    cold = pn.solve(s, warm_start=False, explain=False)
    assert (cold.status, cold.coverage, cold.fit) == (plan.status, plan.coverage, plan.fit)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(max_candidates=4, max_cooperatives=2, with_rules=True))
def test_optimum_under_rules_equals_exhaustive_search(data: dict[str, Any]) -> None:
    """On tiny scenarios with rules the plan's (coverage, fit) is the best any valid plan has."""
    s = pn.parse_scenario(data)
    plan = pn.solve(s, explain=False)
    best = _brute_force(s, plan)
    if plan.status is pn.Status.INFEASIBLE:
        assert best is None
    else:
        assert best == (plan.coverage, plan.fit)


def _conflicting() -> dict[str, Any]:
    """Medono must get a woman (and is always staffed by its lock); no woman may be placed."""
    data = _with_rules(
        {"id": "perempuan", "kind": "at_least", "count": 1, "of": {"sex": "female"}},
        {"id": "tanpa-perempuan", "kind": "at_most", "count": 0, "per": "all",
         "of": {"sex": "female"}},
        {"id": "longgar", "kind": "at_most", "count": 3, "group_by": "opd"},
    )  # fmt: skip
    data["locks"] = [{"candidate": data["candidates"][0]["nip"], "cooperative": "KKMP-MEDONO",
                      "role": "pengelola"}]  # fmt: skip
    return data


def test_rules_that_cannot_hold_give_a_minimal_conflict() -> None:
    """Conflicting rules and a lock: INFEASIBLE, naming exactly the two rules and the lock."""
    s = pn.parse_scenario(_conflicting())
    plan = pn.solve(s)
    assert plan.status is pn.Status.INFEASIBLE and not plan.assignments
    (conflict,) = plan.conflicts
    assert sorted(conflict.constraints) == ["locks[0]", "rules[0]", "rules[1]"]
    assert "'perempuan'" in conflict.message and "'tanpa-perempuan'" in conflict.message
    assert s.candidates[0].nip in conflict.message and "KKMP-MEDONO" in conflict.message
    # Dropping any member makes it feasible: the set is minimal.
    for relaxed in (s.without_rule("perempuan"), s.without_rule("tanpa-perempuan"),
                    s.without_lock(s.candidates[0].nip)):  # fmt: skip
        assert pn.solve(relaxed, explain=False).status is pn.Status.OPTIMAL


def test_a_floor_in_the_conflict_is_named() -> None:
    """A minimum per kecamatan that only released staff could meet names the OPD floor."""
    data = _with_rules(
        {"id": "kec", "kind": "at_least", "count": 1, "per": "kecamatan", "if_staffed": 0,
         "of": {"opds": ["DINKOP"]}},
    )  # fmt: skip
    data["opds"][0]["min_staff"] = data["opds"][0]["headcount"] - 1  # DINKOP releases one
    s = pn.parse_scenario(data)
    plan = pn.solve(s, explain=False)
    assert plan.status is pn.Status.INFEASIBLE
    assert sorted(plan.conflicts[0].constraints) == ["opds[0].min_staff", "rules[0]"]
    assert "floor of DINKOP" in plan.conflicts[0].message


def test_cli_exits_3_naming_the_conflict_and_2_for_an_unknown_opd(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """solve exits 3 naming both rules of a conflict; a rule's unknown OPD exits 2 at its field."""
    from penempatan.cli import _main

    path = tmp_path / "s.json"
    path.write_text(json.dumps(_conflicting()), encoding="utf-8")
    assert _main.main(["solve", str(path)]) == 3
    err = capsys.readouterr().err
    assert "rules[0] ('perempuan')" in err and "rules[1] ('tanpa-perempuan')" in err
    bad = _with_rules({"id": "r", "kind": "at_most", "count": 1, "of": {"opds": ["DINKESS"]}})
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert _main.main(["solve", str(path)]) == 2
    assert "rules[0].of.opds ('r'): OPD 'DINKESS' tidak dikenal" in capsys.readouterr().err
    ok = _with_rules({"id": "r", "kind": "at_most", "count": 1})
    path.write_text(json.dumps(ok), encoding="utf-8")
    assert _main.main(["solve", str(path), "--engine", "flow"]) == 2
    assert "memerlukan --engine cpsat" in capsys.readouterr().err


def test_engine_flow_refuses_rules() -> None:
    """The flow cannot express local rules, so asking for it is an error, not a wrong plan."""
    s = pn.parse_scenario(_with_rules({"id": "r", "kind": "at_most", "count": 1}))
    with pytest.raises(ValueError, match="engine 'cpsat'"):
        pn.solve(s, engine="flow")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(with_rules=True))
def test_the_priced_model_reaches_the_same_proven_optimum(data: dict[str, Any]) -> None:
    """Solving over each candidate's cheapest triples first, then pricing the rest in, proves
    the same optimum as the whole model (the flow's reduced costs bound the left-out triples),
    whether the first proof asks for a plan strictly better than the start or not."""
    from penempatan.engine import _rules_engine

    s = pn.parse_scenario(data)
    whole = pn.solve(s, explain=False)
    old = (_rules_engine.MIN_PRICED_TRIPLES, _rules_engine.PRICED_PER_CANDIDATE,
           _rules_engine.BEAT_THE_START)  # fmt: skip
    try:
        _rules_engine.MIN_PRICED_TRIPLES, _rules_engine.PRICED_PER_CANDIDATE = 0, 1
        priced = pn.solve(s, explain=False)
        _rules_engine.BEAT_THE_START = not old[2]  # the first proof asked the other way
        other = pn.solve(s, explain=False)
    finally:
        (_rules_engine.MIN_PRICED_TRIPLES, _rules_engine.PRICED_PER_CANDIDATE,
         _rules_engine.BEAT_THE_START) = old  # fmt: skip
    for plan in (priced, other):
        assert (plan.status, plan.coverage, plan.fit) == (whole.status, whole.coverage, whole.fit)
        assert pn.verify(s, plan) == []


def _ruled_city() -> pn.Scenario:
    """A small generated scenario with one rule of every form, where the rules bite."""
    from penempatan.datasets import generate, with_local_rules

    return with_local_rules(generate(n_cooperatives=8, n_candidates=90, seed=3), couples=4)


def test_the_rules_bite_and_the_plan_holds_them() -> None:
    """The flow plan without the rules breaks them; the plan with them is proven and verifies."""
    from penempatan.rules._local import local_rule_breaches

    s = _ruled_city()
    free = pn.solve(s.model_copy(update={"rules": ()}), explain=False)
    assert local_rule_breaches(s, [(a.candidate, a.cooperative) for a in free.assignments])
    plan = pn.solve(s)
    assert plan.status is pn.Status.OPTIMAL and plan.gap == 0.0
    assert pn.verify(s, plan) == []
    assert (plan.coverage, plan.fit) < (free.coverage, free.fit)
    assert pn.solve(s).to_json() == plan.to_json()  # deterministic


def test_the_lp_path_proves_the_whole_models_optimum_and_says_how() -> None:
    """With every network priced, the LP bound runs (its rounds are recorded) and the plan,
    proven OPTIMAL, has the whole model's coverage and fit, verifies and is deterministic."""
    from penempatan.engine import _rules_engine

    s = _ruled_city()
    whole = pn.solve(s, explain=False)
    old = _rules_engine.MIN_PRICED_TRIPLES
    try:
        _rules_engine.MIN_PRICED_TRIPLES = 0
        priced = pn.solve(s, explain=False)
        again = pn.solve(s, explain=False)
    finally:
        _rules_engine.MIN_PRICED_TRIPLES = old
    assert "lp_rounds" not in whole.solver.parameters
    assert priced.solver.parameters.get("lp_rounds", 0) >= 1
    assert (priced.status, priced.coverage, priced.fit) == (whole.status, whole.coverage, whole.fit)
    assert priced.status is pn.Status.OPTIMAL and pn.verify(s, priced) == []
    assert again.to_json() == priced.to_json()


def test_a_failing_lp_costs_the_bound_not_the_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    """When MathOpt refuses the LP (here: the solver cannot be made), the engine goes on
    without its bound: the plan is the whole model's optimum, proven, and verifies."""
    from penempatan.engine import _rules_engine, _rules_lp

    def refuse(*_: object, **__: object) -> None:
        raise RuntimeError("GLOP refused")

    s = _ruled_city()
    whole = pn.solve(s, explain=False)
    monkeypatch.setattr(_rules_engine, "MIN_PRICED_TRIPLES", 0)
    monkeypatch.setattr(_rules_lp._IncrementalGlop, "__init__", refuse)
    plan = pn.solve(s, explain=False)
    assert "lp_rounds" not in plan.solver.parameters
    assert (plan.status, plan.coverage, plan.fit) == (whole.status, whole.coverage, whole.fit)
    assert plan.status is pn.Status.OPTIMAL and pn.verify(s, plan) == []


def test_replan_fairness_locks_and_forbidden_honour_the_rules() -> None:
    """Re-planning, fairness, a lock and a forbidden pair: every plan keeps every rule."""
    s = _ruled_city()
    plan = pn.solve(s, explain=False)
    fair = pn.solve(s, fairness=pn.Fairness(kecamatan_coverage=True), explain=False)
    assert pn.verify(s, fair) == [] and (fair.coverage, fair.fit) == (plan.coverage, plan.fit)
    gone = s.without_candidates(plan.assignments[0].candidate)
    replan = pn.solve(gone, previous=plan, explain=False)
    assert pn.verify(gone, replan) == [] and replan.replan is not None
    a = plan.assignments[1]
    edited = s.with_forbidden(a.candidate, a.cooperative)
    b = plan.assignments[2]
    edited = edited.with_lock(b.candidate, b.cooperative, b.role)
    again = pn.solve(edited, explain=False)
    assert pn.verify(edited, again) == []
    assert (b.candidate, b.cooperative, b.role) in {
        (x.candidate, x.cooperative, x.role) for x in again.assignments
    }


def test_evaluate_rejects_placements_that_break_a_rule() -> None:
    """Placements that break a local rule raise PlacementError naming rule 8 and the rule id."""
    s = _ruled_city()
    free = pn.solve(s.model_copy(update={"rules": ()}), explain=False)
    with pytest.raises(pn.PlacementError, match=r"rules\[\d+\]: \[rule-8 local_at_"):
        pn.evaluate(s, [(a.candidate, a.cooperative, a.role) for a in free.assignments])
    plan = pn.solve(s, explain=False)
    given = pn.evaluate(s, [(a.candidate, a.cooperative, a.role) for a in plan.assignments])
    assert (given.coverage, given.fit) == (plan.coverage, plan.fit)


def test_floor_prices_and_sweeps_solve_under_the_rules() -> None:
    """A floor price is the gain of re-solving under the rules; a sweep's rows are those plans."""
    s = _ruled_city()
    plan = pn.solve(s)
    prices = [p for p in pn.floor_prices(s, plan) if p.method == "re-solve" and not p.position]
    assert prices
    for price in prices[:3]:
        o = next(o for o in s.opds if o.id == price.opd)
        lowered = pn.solve(s.with_floor(o.id, o.min_staff - 1), explain=False)
        assert (lowered.coverage - plan.coverage, lowered.fit - plan.fit) == (
            price.coverage_gain,
            price.fit_gain,
        )
    table = pn.sweep(s, "floor_share", [1.0, 0.8])
    for row, share in zip(table.rows, [1.0, 0.8], strict=True):
        direct = pn.solve(s.with_floor_share(share), explain=False)
        assert (row.status, row.coverage, row.fit) == (direct.status, direct.coverage, direct.fit)


def test_build_model_holds_the_rules() -> None:
    """build_model returns the CP-SAT model with one constraint per binding rule group."""
    s = _ruled_city()
    with_rules = pn.build_model(s)
    without = pn.build_model(s.model_copy(update={"rules": ()}))
    assert with_rules.groups and not without.groups
    extra = len(with_rules.model.proto.constraints) - len(without.model.proto.constraints)
    assert extra >= len(with_rules.groups)


def test_a_time_limit_over_before_the_search_returns_the_flow_optimum() -> None:
    """engine='cpsat' whose limit is spent before CP-SAT starts returns the proven flow optimum
    without building the model, and says so; with rules a stopped search keeps its plan."""
    from penempatan.datasets import generate

    s = generate(n_cooperatives=27, n_candidates=300, seed=1)
    plan = pn.solve(s, engine="cpsat", time_limit_s=1e-6, explain=False)
    flow = pn.solve(s, explain=False)
    assert plan.status is pn.Status.OPTIMAL and (plan.coverage, plan.fit) == (
        flow.coverage,
        flow.fit,
    )
    assert plan.solver.parameters["search"] == "skipped: time limit"
    ruled = pn.solve(_ruled_city(), time_limit_s=1e-6, explain=False)
    assert ruled.status in (pn.Status.OPTIMAL, pn.Status.FEASIBLE)
    assert pn.verify(_ruled_city(), ruled) == []
    if ruled.status is pn.Status.FEASIBLE:
        assert ruled.bound is not None and ruled.gap is not None


def test_a_cancelled_solve_under_rules_keeps_a_plan_that_holds_them() -> None:
    """Cancel at CP-SAT's first report under local rules: the best plan known, every rule kept."""
    s = _ruled_city()
    cancel = pn.Cancel()
    stages: list[str] = []

    def progress(p: pn.Progress) -> None:
        stages.append(p.stage)
        if p.stage == "cpsat":
            cancel.cancel()

    plan = pn.solve(s, progress=progress, cancel=cancel, explain=False)
    assert "cpsat" in stages and cancel.cancelled
    assert plan.status in (pn.Status.FEASIBLE, pn.Status.OPTIMAL)
    assert pn.verify(s, plan) == []

"""evaluate(): placements made elsewhere become a checked, scored and explained plan."""

from __future__ import annotations

import pytest

import penempatan as pn
from penempatan.datasets import generate
from tests.factory import tiny_scenario_data


def tiny() -> pn.Scenario:
    return pn.parse_scenario(tiny_scenario_data())


@pytest.fixture(scope="module")
def region() -> tuple[pn.Scenario, pn.Plan]:
    s = generate(n_cooperatives=20, n_candidates=250, seed=6, locks=2, forbidden=20)
    return s, pn.solve(s)


def test_the_optimal_placements_evaluate_to_the_same_plan(
    region: tuple[pn.Scenario, pn.Plan],
) -> None:
    """Given the optimum's own placements, the plan has its coverage, fit and impact,
    but claims no optimality: status FEASIBLE, no bound, engine "given"."""
    s, best = region
    plan = pn.evaluate(s, best.assignments, label="copy")
    assert (plan.coverage, plan.fit) == (best.coverage, best.fit)
    assert plan.assignments == tuple(
        a.model_copy(update={"reasons": b.reasons})
        for a, b in zip(best.assignments, plan.assignments, strict=True)
    )
    assert plan.status is pn.Status.FEASIBLE and plan.bound is None and plan.gap is None
    assert plan.solver.engine == "given" and plan.solver.parameters == {"label": "copy"}
    assert plan.opd_impact == best.opd_impact
    assert pn.verify(s, plan) == []
    diff = pn.compare(best, plan)
    assert not diff.changes and diff.fit.change == 0
    assert (diff.status_a, diff.status_b) == (pn.Status.OPTIMAL, pn.Status.FEASIBLE)


def test_a_worse_plan_is_scored_and_explained(region: tuple[pn.Scenario, pn.Plan]) -> None:
    """Dropping placements (keeping the locks) gives a valid, weaker plan whose
    unplaced candidates and short needs all have reasons."""
    s, best = region
    locked = {(lk.candidate, lk.cooperative, lk.role) for lk in s.locks}
    kept = [
        (a.candidate, a.cooperative, a.role)
        for i, a in enumerate(best.assignments)
        if i % 3 or (a.candidate, a.cooperative, a.role) in locked
    ]
    plan = pn.evaluate(s, kept)
    assert plan.coverage <= best.coverage and plan.fit < best.fit
    assert len(plan.assignments) == len(kept)
    assert all(u.reasons for u in plan.unplaced)
    assert all(n.reasons for n in plan.short_needs)
    codes = {r.code for u in plan.unplaced for r in u.reasons}
    assert "not_chosen" in codes  # a plan not proven optimal says so
    diff = pn.compare(plan, best)
    assert diff.coverage.change == best.coverage - plan.coverage


def test_placements_may_be_mappings_or_tuples() -> None:
    s = tiny()
    best = pn.solve(s)
    as_dicts = [
        a.model_dump(include={"candidate", "cooperative", "role"}) for a in best.assignments
    ]
    as_tuples = [(a.candidate, a.cooperative, a.role) for a in best.assignments]
    assert pn.evaluate(s, as_dicts).fit == pn.evaluate(s, as_tuples).fit == best.fit


def test_a_placement_that_is_not_permitted_is_named_with_its_rule() -> None:
    """An ineligible candidate: placements[i] and the rule-1 code, nothing returned."""
    s = generate(n_cooperatives=6, n_candidates=60, seed=2)
    net = pn.build_network(s)
    bad = next(i for i in sorted(net.ineligible) if s.candidates[i].skills)
    c = s.candidates[bad]
    k = s.cooperatives[0]
    with pytest.raises(pn.PlacementError) as info:
        pn.evaluate(s, [(c.nip, k.id, k.needs[0].role)])
    text = str(info.value)
    assert "invalid placements: " in text
    assert "placements[0]: [rule-1 " in text
    assert info.value.problems[0].path == "placements[0]"


@pytest.mark.parametrize(
    ("row", "path"),
    [
        (("000000000000000000", "K", "r"), "placements[0].candidate"),
        (("CAND", "NO-SUCH-KOPERASI", "r"), "placements[0].cooperative"),
        (("CAND", "COOP", "no-such-role"), "placements[0].role"),
        ({"candidate": "CAND", "role": "r"}, "placements[0]"),
        (("CAND", "COOP"), "placements[0]"),
    ],
)
def test_bad_references_name_the_field(row: object, path: str) -> None:
    s = tiny()
    c, k = s.candidates[0], s.cooperatives[0]

    def fill(x: object) -> object:
        if isinstance(x, str):
            return {"CAND": c.nip, "COOP": k.id, "r": k.needs[0].role}.get(x, x)
        return x

    if isinstance(row, tuple):
        row = tuple(fill(x) for x in row)
    elif isinstance(row, dict):
        row = {key: fill(v) for key, v in row.items()}
    with pytest.raises(pn.PlacementError) as info:
        pn.evaluate(s, [row])  # type: ignore[list-item]
    assert info.value.problems[0].path == path


def test_a_broken_capacity_or_a_missing_lock_is_refused() -> None:
    """Placements that are each permitted but break a rule together raise, naming the
    capacity (via verify); a plan without the scenario's locks is refused too."""
    s = generate(n_cooperatives=8, n_candidates=120, seed=3, locks=1)
    net = pn.build_network(s)
    best = pn.solve(s)
    lock = s.locks[0]
    # Everyone permitted for the locked need, far beyond its max.
    n = net.need_of[(s.cooperative_index[lock.cooperative], lock.role)]
    crowd = {int(c) for c in net.t_cand[net.t_need == n]}
    rows = [(s.candidates[c].nip, lock.cooperative, lock.role) for c in sorted(crowd)]
    with pytest.raises(pn.PlacementError) as info:
        pn.evaluate(s, rows)
    assert any("rule-4" in p.message or "rule-5" in p.message for p in info.value.problems)
    without_lock = [a for a in best.assignments if a.candidate != lock.candidate]
    with pytest.raises(pn.PlacementError) as info:
        pn.evaluate(s, without_lock)
    assert any(p.path == "locks[0]" for p in info.value.problems)

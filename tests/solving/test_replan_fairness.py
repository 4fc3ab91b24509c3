"""Re-planning with least disruption and the fairness levels, on Pekalongan and at random."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import penempatan as pn
from penempatan.datasets import generate
from tests.factory import EXAMPLES
from tests.strategies import scenario_data

EXAMPLE = EXAMPLES / "pekalongan.json"


@pytest.fixture(scope="module")
def pekalongan() -> tuple[pn.Scenario, pn.Plan]:
    s = pn.load_scenario(EXAMPLE)
    return s, pn.solve(s)


def _resign(s: pn.Scenario, plan: pn.Plan, picks: tuple[int, ...]) -> tuple[pn.Scenario, set[str]]:
    gone = {plan.assignments[i].candidate for i in picks}
    kept = tuple(c for c in s.candidates if c.nip not in gone)
    return s.model_copy(update={"candidates": kept}), gone


def _changed(before: pn.Plan, after: pn.Plan, ignore: set[str]) -> int:
    new = {a.candidate: (a.cooperative, a.role) for a in after.assignments}
    return sum(
        1
        for a in before.assignments
        if a.candidate not in ignore and new.get(a.candidate) != (a.cooperative, a.role)
    )


def test_replan_after_two_resignations_keeps_everyone_else(
    pekalongan: tuple[pn.Scenario, pn.Plan],
) -> None:
    """With fit free to give way only the two resigned placements change; coverage is optimal."""
    s, plan = pekalongan
    s2, gone = _resign(s, plan, (0, 5))
    fresh = pn.solve(s2)
    replan = pn.solve(s2, previous=plan, fit_tolerance=1.0)
    assert pn.verify(s2, replan) == []
    assert replan.status is pn.Status.OPTIMAL
    assert replan.coverage == fresh.coverage
    assert _changed(plan, replan, gone) == 0
    assert replan.replan is not None
    assert replan.replan.kept == len(plan.assignments) - 2
    assert replan.replan.dropped == 2
    assert {f.candidate for f in replan.replan.forced} == gone
    assert {f.reason for f in replan.replan.forced} == {"candidate_removed"}
    assert replan.replan.chosen_changes == 0
    assert _changed(plan, fresh, gone) > 0  # a fresh solve moves people; the re-plan does not


def test_replan_within_tolerance_keeps_fit_and_coverage(
    pekalongan: tuple[pn.Scenario, pn.Plan],
) -> None:
    """With the default tolerance, fit stays within 5% of the optimum and coverage is optimal."""
    s, plan = pekalongan
    s2, gone = _resign(s, plan, (1, 7))
    fresh = pn.solve(s2)
    replan = pn.solve(s2, previous=plan)
    assert replan.coverage == fresh.coverage
    assert replan.fit >= 0.95 * fresh.fit
    assert _changed(plan, replan, gone) <= _changed(plan, fresh, gone)
    strict = pn.solve(s2, previous=plan, fit_tolerance=0.0)
    assert strict.fit == fresh.fit
    assert pn.verify(s2, strict) == []


def test_replan_reports_floor_tightening_as_forced(
    pekalongan: tuple[pn.Scenario, pn.Plan],
) -> None:
    """Raising an OPD floor above what the plan released is reported as capacity excess."""
    s, plan = pekalongan
    busiest = max(plan.opd_impact, key=lambda o: o.released)
    i = next(j for j, o in enumerate(s.opds) if o.id == busiest.opd)
    tighter = s.with_floor(busiest.opd, s.opds[i].min_staff + 2)
    replan = pn.solve(tighter, previous=plan, fit_tolerance=1.0)
    assert replan.replan is not None
    excess = {e.constraint: e.excess for e in replan.replan.capacity_excess}
    assert excess == {f"opds[{i}].min_staff": 2}
    assert pn.verify(tighter, replan) == []


def test_fairness_at_zero_tolerance_keeps_the_optimum(
    pekalongan: tuple[pn.Scenario, pn.Plan],
) -> None:
    """Fairness on, tolerance 0: coverage and fit equal the optimum, burden is never worse."""
    s, plan = pekalongan
    fair = pn.solve(s, fairness=pn.Fairness(kecamatan_coverage=True))
    assert (fair.coverage, fair.fit) == (plan.coverage, plan.fit)
    assert fair.fairness is not None and plan.fairness is not None
    assert fair.fairness.opd_burden_index <= plan.fairness.opd_burden_index
    assert pn.verify(s, fair) == []
    assert [st.name for st in fair.stages] == ["opd_burden_index", "kecamatan_shortfall_index"]
    assert all(st.value <= st.start for st in fair.stages)


def test_fairness_with_tolerance_gives_up_at_most_that_fit() -> None:
    """With a 5% tolerance the burden index is strictly better and fit stays within 5%."""
    s = generate(seed=4, floor_tightness=0.5)
    plan = pn.solve(s)
    fair = pn.solve(s, fairness=pn.Fairness(), fit_tolerance=0.05, time_limit_s=5)
    assert fair.status in (pn.Status.OPTIMAL, pn.Status.FEASIBLE)
    assert fair.coverage == plan.coverage
    assert fair.fit >= 0.95 * plan.fit
    assert fair.fairness is not None and plan.fairness is not None
    assert fair.fairness.opd_burden_index < plan.fairness.opd_burden_index
    assert fair.stages[0].start == plan.fairness.opd_burden_index
    assert pn.verify(s, fair) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(allow_locks=False))
def test_fixing_by_reduced_cost_is_exact(data: dict[str, object]) -> None:
    """Staged levels reach the same values with and without reduced-cost fixing."""
    s = pn.parse_scenario(data)
    fair = pn.Fairness(kecamatan_coverage=True)
    fixed = pn.solve(s, fairness=fair, fit_tolerance=0.1)
    plain = pn.solve(s, fairness=fair, fit_tolerance=0.1, engine="cpsat")
    assert [(x.name, x.value) for x in fixed.stages] == [(x.name, x.value) for x in plain.stages]
    assert (fixed.coverage, fixed.fit) == (plain.coverage, plain.fit)
    assert pn.verify(s, fixed) == []


def test_fairness_on_pekalongan_with_two_percent_tolerance(
    pekalongan: tuple[pn.Scenario, pn.Plan],
) -> None:
    """On Pekalongan 2% of fit buys a strictly lower OPD burden; the plan says how much."""
    s, plan = pekalongan
    fair = pn.solve(s, fairness=pn.Fairness(), fit_tolerance=0.02)
    assert fair.coverage == plan.coverage
    assert plan.fit * 0.98 <= fair.fit < plan.fit
    assert fair.fairness is not None and plan.fairness is not None
    assert fair.fairness.opd_burden_index < plan.fairness.opd_burden_index
    burden = fair.stages[0]
    assert burden.name == "opd_burden_index"
    assert (burden.start, burden.value) == (
        plan.fairness.opd_burden_index,
        fair.fairness.opd_burden_index,
    )
    assert pn.verify(s, fair) == []


def test_a_level_cp_sat_does_not_finish_reports_a_valid_bound() -> None:
    """A burden level CP-SAT stops on (by work done) is FEASIBLE, its bound below its value."""
    s = generate(n_cooperatives=60, n_candidates=800, seed=4, floor_tightness=0.8)
    stopped = {"linearization_level": 2, "max_deterministic_time": 0.05}
    plan = pn.solve(
        s,
        fairness=pn.Fairness(opd_burden=True),
        fit_tolerance=0.02,
        parameters=stopped,
        explain=False,
    )
    stage = next(st for st in plan.stages if st.name == "opd_burden_index")
    assert stage.status is pn.Status.FEASIBLE and plan.status is pn.Status.FEASIBLE
    assert plan.gap is None
    assert stage.bound is not None and stage.bound < stage.value <= stage.start
    assert plan.solver.parameters["max_deterministic_time"] == 0.05
    assert pn.verify(s, plan) == []

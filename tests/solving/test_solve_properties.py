"""Property tests: random scenarios through both engines, checked by verify and by brute force."""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import Counter

from hypothesis import HealthCheck, given, settings

import penempatan as pn
from tests.strategies import scenario_data

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _plan_for(s: pn.Scenario, assignments: list[pn.Assignment], template: pn.Plan) -> pn.Plan:
    """A plan holding ``assignments`` and its objective values; optional parts left out."""
    placed = Counter((a.cooperative, a.role) for a in assignments)
    coverage = sum(min(placed[(k.id, n.role)], n.min) for k in s.cooperatives for n in k.needs)
    return template.model_copy(
        update={
            "status": pn.Status.FEASIBLE,
            "assignments": tuple(assignments),
            "coverage": coverage,
            "fit": sum(a.score for a in assignments),
            "opd_impact": (),
            "cooperatives": (),
            "short_needs": (),
            "unplaced": (),
            "fairness": None,
        }
    )


def _brute_force(s: pn.Scenario, template: pn.Plan) -> tuple[int, int] | None:
    """Best (coverage, fit) over every combination of placements that verify accepts."""
    options: list[list[pn.Assignment | None]] = []
    fit = {(f.candidate, f.cooperative, f.role): f.score for f in s.fit} if s.fit else None
    from penempatan.rules import default_score

    for c in s.candidates:
        opts: list[pn.Assignment | None] = [None]
        for k in s.cooperatives:
            for n in k.needs:
                score = (
                    fit.get((c.nip, k.id, n.role), 0)
                    if fit is not None
                    else default_score(c, k, n.role).total
                )
                a = pn.Assignment(candidate=c.nip, cooperative=k.id, role=n.role, score=score)
                alone = pn.verify(s, _plan_for(s, [a], template))
                # A lock or a local rule may need company: only rules 1-7 judge a lone placement.
                if not [v for v in alone if v.rule != "rule-8"] or s.locks:
                    opts.append(a)
        options.append(opts)
    best: tuple[int, int] | None = None
    for combo in itertools.product(*options):
        chosen = [a for a in combo if a is not None]
        plan = _plan_for(s, chosen, template)
        if pn.verify(s, plan):
            continue
        value = (plan.coverage, plan.fit)
        if best is None or value > best:
            best = value
    return best


@SETTINGS
@given(scenario_data())
def test_flow_and_cpsat_agree_and_verify(data: dict[str, object]) -> None:
    """Both engines return the same optimum, and verify finds nothing wrong with either plan."""
    s = pn.parse_scenario(data)
    flow = pn.solve(s, engine="flow")
    # CP-SAT on its own, not started from the flow optimum, so the two are independent.
    cpsat = pn.solve(s, engine="cpsat", warm_start=False)
    assert cpsat.solver.hint is None
    assert flow.status == cpsat.status
    assert flow.status in (pn.Status.OPTIMAL, pn.Status.INFEASIBLE)
    if flow.status is pn.Status.OPTIMAL:
        assert (flow.coverage, flow.fit) == (cpsat.coverage, cpsat.fit)
        assert pn.verify(s, flow) == []
        assert pn.verify(s, cpsat) == []
    else:
        assert flow.conflicts and not flow.assignments


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(max_candidates=4, max_cooperatives=2))
def test_optimum_equals_exhaustive_search(data: dict[str, object]) -> None:
    """On tiny scenarios the plan's (coverage, fit) is the best any valid plan reaches."""
    s = pn.parse_scenario(data)
    plan = pn.solve(s)
    best = _brute_force(s, plan)
    if plan.status is pn.Status.INFEASIBLE:
        assert best is None
    else:
        assert best == (plan.coverage, plan.fit)


@SETTINGS
@given(scenario_data())
def test_canonical_json_is_sorted_compact_json(data: dict[str, object]) -> None:
    """The scenario hash is over json.dumps(sorted keys, no spaces) of the validated data
    (without an empty rules list), however the fit table is encoded."""
    s = pn.parse_scenario(data)
    dumped = s.model_dump(mode="json", exclude=None if s.rules else {"rules"})
    expected = json.dumps(dumped, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert s.canonical_json() == expected
    assert s.sha256 == hashlib.sha256(expected.encode("utf-8")).hexdigest()


def test_canonical_json_escapes_fit_strings_like_json() -> None:
    """Quotes, backslashes, control and non-ASCII characters in fit-table ids."""
    odd = 'K"é\\\n\u2028'
    data = {
        "format": "penempatan/scenario@1",
        "name": "escapes",
        "reference_date": "2026-03-01",
        "opds": [{"id": "O", "name": "O", "headcount": 5, "min_staff": 0}],
        "cooperatives": [
            {
                "id": odd,
                "name": "k",
                "kelurahan": "k",
                "kecamatan": "k",
                "needs": [{"role": "r☃", "min": 1, "max": 1}],
            }
        ],
        "candidates": [
            {
                "nip": "199001012024211001",
                "name": "n",
                "opd": "O",
                "education": "S1",
                "birth_date": "1990-01-01",
                "computer_skill": True,
                "skills": {"r☃": 3},
            }
        ],
        "fit": [{"candidate": "199001012024211001", "cooperative": odd, "role": "r☃", "score": 7}],
    }
    s = pn.parse_scenario(data)
    expected = json.dumps(
        s.model_dump(mode="json", exclude={"rules"}),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    assert s.canonical_json() == expected


@SETTINGS
@given(scenario_data())
def test_cpsat_warm_start_from_flow_keeps_the_optimum(data: dict[str, object]) -> None:
    """By default CP-SAT starts from the flow optimum and says so; the optimum is the same."""
    s = pn.parse_scenario(data)
    flow = pn.solve(s, engine="flow", explain=False)
    warm = pn.solve(s, engine="cpsat", explain=False)
    assert warm.status == flow.status
    if flow.status is pn.Status.OPTIMAL:
        assert warm.solver.hint == "min_cost_flow"
        assert (warm.coverage, warm.fit) == (flow.coverage, flow.fit)
        assert pn.verify(s, warm) == []
    hinted = pn.solve(s, engine="cpsat", hint=flow, explain=False)
    if flow.status is pn.Status.OPTIMAL:
        assert hinted.solver.hint == "plan"

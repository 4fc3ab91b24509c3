"""compare(): who moved, was added or removed, and totals per cooperative, kecamatan and OPD."""

from __future__ import annotations

import json
import sys

import pytest

import penempatan as pn
from penempatan.plan._diff import PlanDiff, compare
from tests.factory import EXAMPLES


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English account; the Indonesian default is checked below."""
    monkeypatch.setenv("PENEMPATAN_LANG", "en")


@pytest.fixture(scope="module")
def scenario() -> pn.Scenario:
    return pn.load_scenario(EXAMPLES / "pekalongan.json")


@pytest.fixture(scope="module")
def base(scenario: pn.Scenario) -> pn.Plan:
    return pn.solve(scenario)


@pytest.fixture(scope="module")
def lowered(scenario: pn.Scenario) -> tuple[pn.Scenario, pn.Plan]:
    """KEC-SELATAN's binding floor (the one with a coverage price) lowered by 2, and its plan."""
    opd = "KEC-SELATAN"
    s2 = scenario.with_floor(opd, scenario.opds[scenario.opd_index[opd]].min_staff - 2)
    return s2, pn.solve(s2)


@pytest.fixture(scope="module")
def resigned(scenario: pn.Scenario, base: pn.Plan) -> tuple[pn.Scenario, pn.Plan, set[str]]:
    """Two placed candidates gone, and the plan without them."""
    leaving = {a.candidate for a in base.assignments[:2]}
    s2 = scenario.without_candidates(*leaving)
    return s2, pn.solve(s2), leaving


def moves(d: PlanDiff) -> set[tuple[str, str | None, str | None, str | None, str | None]]:
    return {
        (c.candidate, c.from_cooperative, c.from_role, c.to_cooperative, c.to_role) for c in d.moved
    }


def test_diff_of_a_plan_with_itself_is_empty(scenario: pn.Scenario, base: pn.Plan) -> None:
    """Comparing a plan with itself (or its JSON copy) finds no change at all."""
    for d in (compare(base, base), compare(base, pn.Plan.from_json(base.to_json()), scenario)):
        assert d.is_empty
        assert d.changes == ()
        assert d.unchanged == len(base.assignments)
        assert d.cooperatives == d.kecamatan == d.opds == ()
        assert d.coverage.change == d.fit.change == 0
        assert "no differences" in str(d)


def test_a_lowered_floor_shows_as_changes(
    scenario: pn.Scenario, base: pn.Plan, lowered: tuple[pn.Scenario, pn.Plan]
) -> None:
    """The diff after lowering a binding floor reports the coverage gain and the OPD's releases."""
    s2, plan2 = lowered
    d = compare(base, plan2, scenario=s2)
    assert not d.is_empty
    assert not d.same_scenario
    assert d.coverage.a == base.coverage and d.coverage.b == plan2.coverage
    assert d.coverage.change == plan2.coverage - base.coverage > 0
    row = next(o for o in d.opds if o.opd == "KEC-SELATAN")
    assert row.min_staff.change == -2
    assert row.released.change >= 1
    assert row.fit is not None
    assert "KEC-SELATAN" in str(d)


def test_diff_is_symmetric(base: pn.Plan, lowered: tuple[pn.Scenario, pn.Plan]) -> None:
    """b→a lists a→b's moves reversed, swaps added and removed, and negates every delta."""
    s2, plan2 = lowered
    ab, ba = compare(base, plan2, s2), compare(plan2, base, s2)
    assert moves(ab)
    assert moves(ba) == {(n, fc, fr, tc, tr) for n, tc, tr, fc, fr in moves(ab)}
    assert {c.candidate for c in ab.added} == {c.candidate for c in ba.removed}
    assert {c.candidate for c in ab.removed} == {c.candidate for c in ba.added}
    assert ab.unchanged == ba.unchanged
    for x, y in ((ab.coverage, ba.coverage), (ab.fit, ba.fit), (ab.placements, ba.placements)):
        assert x.change == -y.change
    assert {c.cooperative: c.covered.change for c in ab.cooperatives} == {
        c.cooperative: -c.covered.change for c in ba.cooperatives
    }


def test_counts_add_up(
    scenario: pn.Scenario, base: pn.Plan, lowered: tuple[pn.Scenario, pn.Plan]
) -> None:
    """Moved, added, removed and unchanged account for every placement; groups sum to totals."""
    s2, plan2 = lowered
    for d, a, b in ((compare(base, plan2, s2), base, plan2), (compare(plan2, base), plan2, base)):
        assert d.unchanged + len(d.moved) + len(d.removed) == len(a.assignments)
        assert d.unchanged + len(d.moved) + len(d.added) == len(b.assignments)
        assert d.placements.change == len(d.added) - len(d.removed)
        for rows in (d.cooperatives, d.kecamatan):
            assert sum(r.covered.change for r in rows) == d.coverage.change
            assert sum(r.fit.change for r in rows) == d.fit.change
            assert sum(r.placed.change for r in rows) == d.placements.change
        assert sum(o.released.change for o in d.opds) == d.placements.change


def test_opd_table_with_and_without_the_scenario_agree(
    base: pn.Plan, lowered: tuple[pn.Scenario, pn.Plan]
) -> None:
    """Released counts per OPD are the same from the scenario or from the plans' opd_impact."""
    s2, plan2 = lowered
    with_s, without = compare(base, plan2, s2), compare(base, plan2)
    released = {o.opd: o.released for o in with_s.opds if o.released.change}
    assert released == {o.opd: o.released for o in without.opds if o.released.change}
    assert all(o.fit is None for o in without.opds)
    assert with_s.moved[0].name is not None and without.moved[0].name is None
    assert sum(o.fit.change for o in with_s.opds if o.fit is not None) == with_s.fit.change


def test_resigned_candidates_are_removed(
    scenario: pn.Scenario, base: pn.Plan, resigned: tuple[pn.Scenario, pn.Plan, set[str]]
) -> None:
    """Candidates who left are listed as removed, with their old placement and their OPD."""
    _, plan2, leaving = resigned
    d = compare(base, plan2, scenario=scenario)
    removed = {c.candidate: c for c in d.removed}
    assert leaving <= removed.keys()
    for nip in leaving:
        c = removed[nip]
        old = next(a for a in base.assignments if a.candidate == nip)
        assert (c.from_cooperative, c.from_role, c.from_score) == (
            old.cooperative,
            old.role,
            old.score,
        )
        assert c.to_cooperative is None
        assert c.opd == scenario.candidates[scenario.candidate_index[nip]].opd


def test_releases_per_opd_are_each_plans_own_after_a_resignation(
    base: pn.Plan, resigned: tuple[pn.Scenario, pn.Plan, set[str]]
) -> None:
    """compare(plan, replan, scenario=new): each OPD's released counts are those of each plan's
    own OPD table (no '?' row), and fit per OPD is left out, not guessed, for the leavers."""
    s2, plan2, _ = resigned
    d = compare(base, plan2, scenario=s2)
    assert all(o.opd != "?" for o in d.opds)
    before = {o.opd: o.released for o in base.opd_impact}
    after = {o.opd: o.released for o in plan2.opd_impact}
    for o in d.opds:
        assert (o.released.a, o.released.b) == (before.get(o.opd, 0), after.get(o.opd, 0))
        assert o.fit is None
    changed = {o for o in before if before[o] != after.get(o, 0)}
    assert changed <= {o.opd for o in d.opds}


def test_fit_per_opd_with_both_scenarios(
    base: pn.Plan, scenario: pn.Scenario, resigned: tuple[pn.Scenario, pn.Plan, set[str]]
) -> None:
    """Given each plan's own scenario, fit per OPD is counted for both plans."""
    s2, plan2, _ = resigned
    d = compare(base, plan2, scenario=s2, scenario_a=scenario)
    opd_of = {c.nip: c.opd for c in scenario.candidates}
    for o in d.opds:
        assert o.fit is not None
        assert o.fit.a == sum(a.score for a in base.assignments if opd_of[a.candidate] == o.opd)


def test_to_dict_is_plain_json_and_reads_back(
    base: pn.Plan, lowered: tuple[pn.Scenario, pn.Plan]
) -> None:
    """to_dict() holds JSON values only, and validates back into an equal PlanDiff."""
    d = compare(base, lowered[1], lowered[0])
    data = json.loads(json.dumps(d.to_dict()))
    assert data["coverage"]["change"] == d.coverage.change
    assert len(data["moved"]) == len(d.moved)
    assert PlanDiff.model_validate(data) == d


def test_summary_limits_long_lists(base: pn.Plan, lowered: tuple[pn.Scenario, pn.Plan]) -> None:
    """summary(limit=1) shows one line per list and says how many more there are."""
    d = compare(base, lowered[1], lowered[0])
    assert len(d.moved) > 1
    text = d.summary(limit=1)
    assert f"… and {len(d.moved) - 1} more" in text
    assert len(d.summary(limit=None).splitlines()) > len(text.splitlines())


def test_to_dataframe_has_one_row_per_changed_candidate(
    base: pn.Plan, lowered: tuple[pn.Scenario, pn.Plan]
) -> None:
    """The candidate table has a row per moved, added or removed candidate; others are flat."""
    pytest.importorskip("pandas")
    d = compare(base, lowered[1], lowered[0])
    frame = d.to_dataframe()
    assert len(frame) == len(d.moved) + len(d.added) + len(d.removed)
    assert sorted(set(frame["kind"])) == sorted(
        k for k, rows in (("moved", d.moved), ("added", d.added), ("removed", d.removed)) if rows
    )
    opds = d.to_dataframe("opds")
    assert list(opds.columns[:4]) == ["opd", "released_a", "released_b", "released_change"]
    assert int(opds["released_change"].sum()) == d.placements.change
    assert len(compare(base, base).to_dataframe()) == 0
    with pytest.raises(ValueError, match="table must be"):
        d.to_dataframe("people")  # type: ignore[arg-type]


def test_to_dataframe_without_pandas_says_how_to_get_it(
    base: pn.Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without pandas, to_dataframe raises ImportError naming the package to install."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        compare(base, base).to_dataframe()


def test_summary_is_indonesian_unless_english_is_asked(
    base: pn.Plan, lowered: tuple[pn.Scenario, pn.Plan], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without PENEMPATAN_LANG the account is in Bahasa Indonesia; lang="en" overrides it."""
    monkeypatch.delenv("PENEMPATAN_LANG")
    d = compare(base, lowered[1], lowered[0])
    text = str(d)
    assert text.startswith("perbedaan rencana: ") and f"{len(d.moved)} pindah" in text
    assert "tidak ditempatkan" in text or "pindah:" in text
    assert d.summary(lang="en").startswith("plan diff: ")

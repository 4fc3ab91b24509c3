"""sweep(): one scenario under a range of a parameter, in parallel, as a table and a plot."""

from __future__ import annotations

import inspect
import itertools
import sys
from typing import Any

import pytest

import penempatan as pn
from penempatan.studies._sweep import FLOOR_SHARES, SweepResult, SweepRow, sweep
from tests.factory import EXAMPLES

SHARES = [1.0, 0.96, 0.92, 0.88, 0.84, 0.8]


@pytest.fixture(scope="module")
def scenario() -> pn.Scenario:
    return pn.load_scenario(EXAMPLES / "pekalongan.json")


@pytest.fixture(scope="module")
def floors(scenario: pn.Scenario) -> SweepResult:
    """The floor_share sweep of the Pekalongan example, solved in this process."""
    return sweep(scenario, "floor_share", SHARES, processes=1)


def test_coverage_never_decreases_as_floors_loosen(floors: SweepResult) -> None:
    """Over floor shares 100 % down to 80 %, coverage never falls and reaches more than at 100 %."""
    assert floors.values == SHARES
    coverage = floors.column("coverage")
    assert all(a <= b for a, b in itertools.pairwise(coverage)), coverage
    assert coverage[0] == 0  # every OPD keeps all its staff: nobody can be placed
    assert coverage[-1] > coverage[0]
    assert all(r.status is pn.Status.OPTIMAL for r in floors)
    assert len(set(floors.column("required_seats"))) == 1
    binding = floors.column("binding_floors")
    assert binding[0] > binding[-1]


def test_rows_are_the_plans_of_the_edited_scenarios(
    scenario: pn.Scenario, floors: SweepResult
) -> None:
    """Each row and plan is what solve() gives for the scenario edited to that value."""
    assert len(floors.plans) == len(floors.rows) == len(SHARES)
    for share, row, plan in zip(SHARES, floors.rows, floors.plans, strict=True):
        edited = scenario.with_floor_share(share)
        assert plan.scenario_sha256 == edited.sha256
        assert pn.verify(edited, plan) == []
        assert row == SweepRow.of(share, pn.solve(edited))
        assert row.placements == len(plan.assignments)


def test_parallel_sweep_equals_inline_sweep(scenario: pn.Scenario, floors: SweepResult) -> None:
    """processes=2 gives exactly the rows of processes=1 (the default engine is deterministic)."""
    parallel = sweep(scenario, "floor_share", SHARES, processes=2)
    assert parallel == floors
    assert parallel.rows == floors.rows
    assert [p.assignments for p in parallel.plans] == [p.assignments for p in floors.plans]


def test_a_lambda_edit_works_with_worker_processes(scenario: pn.Scenario) -> None:
    """The callable form runs the edit here, so even a lambda works with processes=2."""
    result = sweep(
        scenario,
        "SETDA floor",
        [267, 265, 263],
        edit=lambda s, v: s.with_floor("SETDA", v),
        processes=2,
    )
    assert result.parameter == "SETDA floor"
    coverage = result.column("coverage")
    assert coverage == sorted(coverage)
    inline = sweep(scenario, values=[267, 265, 263], edit=lambda s, v: s.with_floor("SETDA", v))
    assert inline.rows == result.rows
    assert inline.parameter == "value"


def test_policy_fields_are_parameters(scenario: pn.Scenario) -> None:
    """max_age and max_distance_km sweep through with_policy; max_age has default values 50-60."""
    ages = sweep(scenario, "max_age", processes=1)
    assert ages.values == list(range(50, 61))
    assert ages.rows[6] == SweepRow.of(56, pn.solve(scenario))
    coverage = ages.column("coverage")
    assert coverage == sorted(coverage)  # a higher age limit only adds candidates
    km = sweep(scenario, "max_distance_km", [1.0, None], processes=1)
    assert km.rows[0].coverage <= km.rows[1].coverage == pn.solve(scenario).coverage


def test_default_floor_shares_run_from_100_to_80_percent() -> None:
    """The default floor_share values are six, from 1.0 down to 0.8."""
    assert tuple(SHARES) == FLOOR_SHARES


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"parameter": "max_salary", "values": [1]}, "unknown parameter 'max_salary'"),
        ({"parameter": "max_distance_km"}, "give the values"),
        ({"parameter": "floor_share", "values": []}, "values is empty"),
        ({"parameter": "floor_share", "processes": 0}, "processes must be at least 1"),
        ({}, "give a parameter"),
    ],
)
def test_bad_sweeps_raise_value_error(
    scenario: pn.Scenario, kwargs: dict[str, Any], message: str
) -> None:
    """Unknown parameters, missing or empty values and no workers are usage errors."""
    with pytest.raises(ValueError, match=message):
        sweep(scenario, **kwargs)


def test_an_invalid_value_is_a_scenario_error(scenario: pn.Scenario) -> None:
    """A value that makes the scenario invalid raises ScenarioError naming the field."""
    with pytest.raises(pn.ScenarioError, match="floor_share"):
        sweep(scenario, "floor_share", [0.9, 1.5], processes=1)
    with pytest.raises(pn.ScenarioError, match=r"policy\.max_age"):
        sweep(scenario, "max_age", [-1], processes=1)


def test_each_solve_is_hinted_with_its_neighbours_plan(
    scenario: pn.Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each solve after the first starts CP-SAT from the previous value's plan (its audit)."""
    result = sweep(scenario, "max_age", [55, 56, 57], processes=1, seed=3, engine="cpsat")
    assert [p.solver.hint for p in result.plans] == ["min_cost_flow", "plan", "plan"]

    # A solve() without ``hint`` (a stand-in where sweep looks it up) is never given one.
    seen: list[dict[str, Any]] = []

    def without_hint(s: pn.Scenario, **kw: Any) -> pn.Plan:
        seen.append(kw)
        return pn.solve(s, **kw)

    monkeypatch.setattr("penempatan.solving._solve.solve", without_hint)
    sweep(scenario, "max_age", [55, 56], processes=1, seed=3)
    assert seen == [{"seed": 3}, {"seed": 3}]
    assert "hint" not in inspect.signature(without_hint).parameters


def test_table_text_and_dicts(floors: SweepResult) -> None:
    """str() is an aligned table headed by the parameter; to_dicts() has plain status names."""
    lines = str(floors).splitlines()
    assert len(lines) == 1 + len(SHARES)
    assert lines[0].split()[:3] == ["floor_share", "status", "coverage"]
    assert len({len(line) for line in lines}) == 1
    dicts = floors.to_dicts()
    assert dicts[0]["status"] == "OPTIMAL" and type(dicts[0]["status"]) is str
    assert [d["coverage"] for d in dicts] == floors.column("coverage")
    with pytest.raises(ValueError, match="no column"):
        floors.column("happiness")


def test_to_dataframe(floors: SweepResult) -> None:
    """to_dataframe() has one row per value and the parameter as its first column."""
    pytest.importorskip("pandas")
    frame = floors.to_dataframe()
    assert list(frame.columns) == [
        "floor_share",
        "status",
        "coverage",
        "fit",
        "required_seats",
        "placements",
        "binding_floors",
    ]
    assert frame["coverage"].tolist() == floors.column("coverage")


def test_to_dataframe_without_pandas(floors: SweepResult, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, to_dataframe raises an ImportError that says what to install."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        floors.to_dataframe()


# --------------------------------------------------------------------------- plotting


def test_plot_sweep_draws_coverage_and_required_seats(floors: SweepResult) -> None:
    """plot_sweep draws coverage and required seats against the shares, on a new or given Axes."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from penempatan.plotting import plot_sweep

    ax = plot_sweep(floors)
    try:
        coverage, required = ax.get_lines()
        assert list(coverage.get_xdata()) == SHARES
        assert list(coverage.get_ydata()) == floors.column("coverage")
        assert set(required.get_ydata()) == {floors.rows[0].required_seats}
        assert ax.get_xlabel() == "floor share"
        _, given = plt.subplots()
        assert plot_sweep(floors, ax=given, required=False) is given
        assert len(given.get_lines()) == 1
    finally:
        plt.close("all")


def test_plot_sweep_places_non_numeric_values_one_per_tick(scenario: pn.Scenario) -> None:
    """Values such as None (no distance limit) become labelled ticks in order."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from penempatan.plotting import plot_sweep

    result = sweep(scenario, "max_distance_km", [2.0, None], processes=1)
    ax = plot_sweep(result)
    try:
        assert [t.get_text() for t in ax.get_xticklabels()] == ["2.0", "None"]
    finally:
        plt.close("all")


def test_plot_sweep_without_matplotlib(
    floors: SweepResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without matplotlib, plot_sweep raises an ImportError that says what to install."""
    from penempatan.plotting import plot_sweep

    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match="pip install matplotlib"):
        plot_sweep(floors)

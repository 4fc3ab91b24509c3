"""Charts of a plan: OPD impact, coverage per kecamatan, a map; each on a new or a given Axes."""

from __future__ import annotations

from typing import Any

import pytest

import penempatan as pn
from tests.factory import EXAMPLES


@pytest.fixture(scope="module")
def plt() -> Any:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    return pyplot


@pytest.fixture(scope="module")
def pekalongan() -> tuple[pn.Scenario, pn.Plan]:
    s = pn.load_scenario(EXAMPLES / "pekalongan.json")
    return s, pn.solve(s, explain=False)


def test_opd_impact_draws_floor_and_slack_of_each_releasing_opd(
    plt: Any, pekalongan: tuple[pn.Scenario, pn.Plan]
) -> None:
    """One floor bar and one slack bar per OPD that releases someone; their sum is what remains."""
    from penempatan.plotting import plot_opd_impact

    _, plan = pekalongan
    ax = plot_opd_impact(plan)
    releasing = [o for o in plan.opd_impact if o.released > 0]
    floor_bars, slack_bars = ax.containers[0], ax.containers[1]
    assert len(floor_bars) == len(slack_bars) == len(releasing)
    by_label = {t.get_text(): i for i, t in enumerate(ax.get_yticklabels())}
    for o in releasing:
        i = by_label[o.opd]
        assert floor_bars[i].get_width() == o.min_staff
        assert floor_bars[i].get_width() + slack_bars[i].get_width() == o.remaining
    assert ax.get_title() == "Pegawai tersisa per OPD terhadap batas minimum"
    plt.close("all")


def test_kecamatan_coverage_draws_required_and_filled(
    plt: Any, pekalongan: tuple[pn.Scenario, pn.Plan]
) -> None:
    """Two bars per kecamatan: the required seats and those filled, summing to the plan's totals."""
    from penempatan.plotting import plot_kecamatan_coverage

    _, plan = pekalongan
    _, given = plt.subplots()
    ax = plot_kecamatan_coverage(plan, given, lang="en")
    assert ax is given
    required, covered = ax.containers[0], ax.containers[1]
    assert sum(b.get_height() for b in required) == plan.required_seats
    assert sum(b.get_height() for b in covered) == plan.coverage
    assert ax.get_title() == "Coverage by kecamatan"
    plt.close("all")


def test_coverage_map_puts_each_cooperative_at_its_coordinates(
    plt: Any, pekalongan: tuple[pn.Scenario, pn.Plan]
) -> None:
    """One point per located cooperative at (lon, lat), coloured by the share of seats filled."""
    from penempatan.plotting import plot_coverage_map

    s, plan = pekalongan
    ax = plot_coverage_map(plan, s)
    (points,) = ax.collections
    offsets = points.get_offsets()
    located = [k for k in s.cooperatives if k.location is not None]
    assert len(offsets) == len(located)
    cov = {c.cooperative: c for c in plan.cooperatives}
    for (lon, lat), k, share in zip(offsets, located, points.get_array(), strict=True):
        assert k.location is not None
        assert (lon, lat) == (k.location.lon, k.location.lat)
        c = cov[k.id]
        assert share == (c.covered / c.required if c.required else 1.0)
    plt.close("all")

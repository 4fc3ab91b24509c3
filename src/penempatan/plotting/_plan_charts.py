"""Charts of one plan: OPD impact, coverage per kecamatan, a map of coverage.

Each takes the plan (and, for the map, its scenario, which holds the
coordinates), an optional matplotlib ``Axes`` and the language of its labels
(default ``$PENEMPATAN_LANG``, else Bahasa Indonesia), and returns the ``Axes``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from penempatan.i18n import message, resolve_lang
from penempatan.plan import Plan
from penempatan.plotting._pyplot import pyplot
from penempatan.scenario import Scenario


def plot_opd_impact(
    plan: Plan, ax: Any = None, *, lang: str | None = None, only_released: bool = True
) -> Any:
    """Staff remaining in each OPD against its floor, as horizontal bars.

    A bar is the OPD's staff after placement (``remaining``), split into the
    floor it must keep (dark) and the slack above it (light); a marker shows
    the head count before placement. A floor that binds is outlined in red.
    With ``only_released`` (default) only OPD that release someone are drawn.
    """
    plt = pyplot()
    la = resolve_lang(lang)
    rows = [o for o in plan.opd_impact if o.released > 0 or not only_released]
    rows.sort(key=lambda o: (o.remaining, o.opd))
    if ax is None:
        _, ax = plt.subplots(figsize=(7.0, max(2.5, 0.28 * len(rows) + 1.0)))
    y = list(range(len(rows)))
    floors = [o.min_staff for o in rows]
    slack = [o.remaining - o.min_staff for o in rows]
    ax.barh(y, floors, color="#4a6fa5", label=message("plot.floor", la))
    bars = ax.barh(y, slack, left=floors, color="#a9c1e0", label=message("plot.slack", la))
    for bar, o in zip(bars, rows, strict=True):
        if o.binding:
            bar.set_edgecolor("red")
    ax.scatter(
        [o.headcount for o in rows],
        y,
        marker="|",
        s=120,
        color="black",
        zorder=3,
        label=message("plot.headcount", la),
    )
    ax.set_yticks(y)
    ax.set_yticklabels([o.opd for o in rows])
    ax.set_xlabel(message("plot.staff", la))
    ax.set_title(message("plot.opd_impact", la))
    ax.legend(loc="lower right")
    ax.grid(True, axis="x", alpha=0.3)
    return ax


def plot_kecamatan_coverage(plan: Plan, ax: Any = None, *, lang: str | None = None) -> Any:
    """Required seats filled per kecamatan: filled against required, as grouped bars."""
    plt = pyplot()
    la = resolve_lang(lang)
    required: dict[str, int] = defaultdict(int)
    covered: dict[str, int] = defaultdict(int)
    for c in plan.cooperatives:
        required[c.kecamatan] += c.required
        covered[c.kecamatan] += c.covered
    names = sorted(required)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(4.0, 0.9 * len(names) + 2.0), 4.0))
    x = list(range(len(names)))
    ax.bar(
        [i - 0.2 for i in x],
        [required[k] for k in names],
        width=0.4,
        color="#cccccc",
        label=message("label.required", la),
    )
    ax.bar(
        [i + 0.2 for i in x],
        [covered[k] for k in names],
        width=0.4,
        color="#2e7d32",
        label=message("label.covered", la),
    )
    ax.set_xticks(x)
    ax.set_xticklabels(
        names, rotation=30 if len(names) > 4 else 0, ha="right" if len(names) > 4 else "center"
    )
    ax.set_ylabel(message("plot.seats", la))
    ax.set_title(message("label.kecamatan_table", la))
    ax.set_ylim(bottom=0)
    ax.legend()
    ax.grid(True, axis="y", alpha=0.3)
    return ax


def plot_coverage_map(
    plan: Plan, scenario: Scenario, ax: Any = None, *, lang: str | None = None
) -> Any:
    """Cooperatives at their coordinates, coloured by the share of required seats filled.

    Cooperatives without a location are left out (their count is in the title);
    a cooperative with no required seat counts as fully covered. Longitude on
    x, latitude on y, with the aspect that keeps distances true at the mean latitude.
    """
    import math

    plt = pyplot()
    la = resolve_lang(lang)
    cov = {c.cooperative: c for c in plan.cooperatives}
    points = [
        (k.location.lon, k.location.lat, cov[k.id])
        for k in scenario.cooperatives
        if k.location is not None and k.id in cov
    ]
    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 6.0))
    share = [c.covered / c.required if c.required else 1.0 for _, _, c in points]
    drawn = ax.scatter(
        [p[0] for p in points],
        [p[1] for p in points],
        c=share,
        cmap="RdYlGn",
        vmin=0.0,
        vmax=1.0,
        s=40,
        edgecolors="black",
        linewidths=0.4,
    )
    ax.figure.colorbar(drawn, ax=ax, label=message("plot.share_covered", la))
    if points:
        mean_lat = sum(p[1] for p in points) / len(points)
        ax.set_aspect(1.0 / max(0.1, math.cos(math.radians(mean_lat))))
    missing = len(scenario.cooperatives) - len(points)
    title = message("plot.coverage_map", la)
    if missing:
        title += " " + message("plot.without_location", la, count=missing)
    ax.set_title(title)
    ax.set_xlabel(message("plot.longitude", la))
    ax.set_ylabel(message("plot.latitude", la))
    return ax

"""Charts of penempatan results, one function per chart, drawn with matplotlib.

matplotlib is an optional dependency (``pip install matplotlib``); it is
imported only when a chart is drawn. Each function takes the result and an
optional matplotlib ``Axes`` to draw on, creates a figure only when no ``ax``
is given, and returns the ``Axes``.
"""

from __future__ import annotations

import importlib
import numbers
from typing import Any

from penempatan.plotting._plan_charts import (
    plot_coverage_map,
    plot_kecamatan_coverage,
    plot_opd_impact,
)
from penempatan.plotting._pyplot import pyplot as _pyplot
from penempatan.studies._national import NationalSummary
from penempatan.studies._sweep import SweepResult

__all__ = [
    "plot_coverage_map",
    "plot_kecamatan_coverage",
    "plot_national",
    "plot_opd_impact",
    "plot_sweep",
]


def plot_sweep(result: SweepResult, ax: Any = None, *, required: bool = True) -> Any:
    """Coverage (and, with ``required``, the required seats) against the swept parameter.

    Numeric values are placed on a numeric axis (``floor_share`` as a
    percentage); other values (``None``, text) one per tick, in order. Values
    whose plan has no solution (infeasible, or none in time) are marked with
    a red ✕ at coverage 0.

    Args:
        result: a :func:`penempatan.sweep` result.
        ax: a matplotlib ``Axes`` to draw on; ``None`` creates a new figure.
        required: also draw the number of required seats, the ceiling of coverage.

    Returns:
        The matplotlib ``Axes``.
    """
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 4.0))
    values = result.values
    numeric = all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in values) and bool(
        values
    )
    x: list[Any] = [float(v) for v in values] if numeric else list(range(len(values)))

    coverage = result.column("coverage")
    ax.plot(x, coverage, marker="o", label="coverage")
    if required:
        ax.plot(
            x, result.column("required_seats"), linestyle="--", color="grey", label="required seats"
        )
    failed = [i for i, r in enumerate(result.rows) if not r.status.has_solution]
    if failed:
        ax.scatter(
            [x[i] for i in failed],
            [0] * len(failed),
            marker="x",
            color="red",
            zorder=3,
            label="no solution",
        )

    if not numeric:
        ax.set_xticks(x)
        ax.set_xticklabels([str(v) for v in values])
    elif result.parameter == "floor_share":
        ticker = importlib.import_module("matplotlib.ticker")
        ax.xaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0))
    ax.set_xlabel(result.parameter.replace("_", " "))
    ax.set_ylabel("seats")
    ax.set_ylim(bottom=0)
    ax.set_title(f"Coverage against {result.parameter.replace('_', ' ')}")
    ax.grid(True, alpha=0.3)
    ax.legend()
    return ax


def plot_national(summary: NationalSummary, ax: Any = None) -> Any:
    """Coverage per province: the share of required seats filled, one bar per province.

    Provinces whose regions lack a plan are drawn in red, with the count of
    such regions beside the bar. The national share is the dashed line.

    Args:
        summary: a national run's :class:`~penempatan.studies._national.NationalSummary`.
        ax: a matplotlib ``Axes`` to draw on; ``None`` creates a new figure.

    Returns:
        The matplotlib ``Axes``.
    """
    plt = _pyplot()
    provinces = summary.provinces()
    if ax is None:
        _, ax = plt.subplots(figsize=(7.0, max(3.0, 0.22 * len(provinces) + 1.0)))
    shares = [p["coverage_share"] or 0.0 for p in provinces]
    colours = ["tab:red" if p["without_plan"] else "tab:blue" for p in provinces]
    y = list(range(len(provinces)))
    ax.barh(y, shares, color=colours)
    for i, p in enumerate(provinces):
        if p["without_plan"]:
            ax.text(shares[i] + 0.01, i, f"{p['without_plan']} without plan", va="center")
    total = summary.totals()["coverage_share"]
    if total is not None:
        ax.axvline(total, linestyle="--", color="grey", label=f"national {total:.1%}")
        ax.legend(loc="lower right")
    ax.set_yticks(y)
    ax.set_yticklabels([p["province"] for p in provinces], fontsize=7)
    ax.invert_yaxis()
    ticker = importlib.import_module("matplotlib.ticker")
    ax.xaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0))
    ax.set_xlim(0, 1)
    ax.set_xlabel("required seats filled")
    ax.set_title("Coverage per province")
    ax.grid(True, axis="x", alpha=0.3)
    return ax

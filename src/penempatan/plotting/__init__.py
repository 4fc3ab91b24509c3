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

from penempatan._optional import optional_import
from penempatan.studies._sweep import SweepResult

__all__ = ["plot_sweep"]


def _pyplot() -> Any:
    return optional_import("matplotlib.pyplot", needed_by="penempatan.plotting")


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

"""Progress reports and a cancel token for long solves.

``solve(scenario, progress=callback, cancel=token)``: ``callback`` receives a
:class:`Progress` at the start of every stage (building the network, resolving
locks, the min-cost flow, each CP-SAT level, the explanations), on every better
solution CP-SAT finds, and once at the end (stage ``"done"``). It runs on the
solving thread, and should return quickly and not raise.

:class:`Cancel` stops a solve from another thread: CP-SAT is told to stop its
search (``stop_search``) and the solve returns the best plan found so far with
status ``FEASIBLE`` (or ``UNKNOWN`` when it had none yet). CP-SAT notices the
stop at its own checkpoints: during the presolve of a kabupaten-sized model
that took 2-3 s on a loaded 2-core machine. The min-cost flow is one
exact step of a second or two at kabupaten size and cannot be interrupted: a
cancel is honoured before it starts (no plan: ``UNKNOWN``) and after it (the
optimum found stays ``OPTIMAL``; the levels after it are skipped, which makes
a staged plan ``FEASIBLE``).

A base module: it imports nothing of penempatan's.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

#: The stages a solve reports, in the order they can occur.
STAGES: tuple[str, ...] = (
    "network",
    "locks",
    "flow",
    "cpsat",
    "kept_placements",
    "opd_burden_index",
    "kecamatan_shortfall_index",
    "fit",
    "explain",
    "done",
)


@dataclass(frozen=True)
class Progress:
    """Where a solve stands.

    ``coverage`` and ``fit`` are those of the best plan known (``None`` before
    there is one, and during the further levels, whose plans keep the optimal
    coverage). In stage ``"cpsat"``, ``bound_coverage``/``bound_fit`` are the
    best (coverage, fit) no plan can beat; in a further level (``"kept_placements"``,
    ``"opd_burden_index"``, ...), ``value`` and ``bound`` are that level's own
    objective and its best bound. ``gap`` is the relative distance between the
    objective and its bound (0 when proven), ``elapsed_s`` the wall time since
    the solve began.
    """

    stage: str
    elapsed_s: float
    coverage: int | None = None
    fit: int | None = None
    bound_coverage: int | None = None
    bound_fit: int | None = None
    value: int | None = None
    bound: int | None = None
    gap: float | None = None


ProgressCallback = Callable[[Progress], None]


class Cancel:
    """A token that stops a solve early from any thread: ``token.cancel()``.

    Thread-safe. One token may serve one solve at a time; once cancelled it
    stays cancelled.
    """

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the solve to stop; the solve returns its best plan so far."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` has been called."""
        return self._event.is_set()


class Reporter:
    """What the engines call: stage starts and solutions, timed from the solve's start."""

    def __init__(self, callback: ProgressCallback | None, cancel: Cancel | None) -> None:
        self.callback = callback
        self.cancel = cancel
        self._t0 = time.monotonic()

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def report(self, stage: str, **values: int | float | None) -> None:
        if self.callback is not None:
            self.callback(Progress(stage, time.monotonic() - self._t0, **values))  # type: ignore[arg-type]


#: A reporter that reports to no one and is never cancelled.
SILENT = Reporter(None, None)

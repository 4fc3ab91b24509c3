"""Progress reports and a cancel token for long solves.

``solve(scenario, progress=callback, cancel=token)``: ``callback`` receives a
:class:`Progress` at the start of every stage (building the network, resolving
locks, the min-cost flow, each CP-SAT level, the explanations), on every better
solution CP-SAT finds, and once at the end (stage ``"done"``). It runs on the
solving thread and should return quickly; an exception it raises ends the solve.

:class:`Cancel` stops a solve from another thread: CP-SAT stops its search at
once and the solve returns the best plan found so far with status
``FEASIBLE`` (or ``UNKNOWN`` when it had none yet). The min-cost flow is one
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
        self._lock = threading.Lock()
        self._hooks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        """Ask the solve to stop; the solve returns its best plan so far."""
        with self._lock:
            self._event.set()
            hooks = list(self._hooks)
        for hook in hooks:
            hook()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` has been called."""
        return self._event.is_set()

    def on_cancel(self, hook: Callable[[], None]) -> Callable[[], None]:
        """Call ``hook`` when cancelled (at once if already); return a function that removes it.

        The engine uses this to stop a running CP-SAT search.
        """
        with self._lock:
            if not self._event.is_set():
                self._hooks.append(hook)

                def remove() -> None:
                    with self._lock:
                        if hook in self._hooks:
                            self._hooks.remove(hook)

                return remove
        hook()
        return lambda: None


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

"""The local process pool that sweeps and multi-region runs share.

Worker processes are started with ``spawn`` (safe in notebooks, under pytest
and beside threads) and receive scenarios as JSON text, since a
:class:`~penempatan.Scenario` holds read-only mappings that do not pickle and
OR-Tools objects never cross a process boundary.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def machine_workers() -> int:
    """The processors this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - platforms without sched_getaffinity
        return max(1, os.cpu_count() or 1)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))

"""Ctrl-C stops a solve with its best plan so far, instead of losing it.

:func:`cancellable` runs the solve on a worker thread while the main thread
waits, so that a first Ctrl-C (SIGINT) is handled at once even while
OR-Tools runs native code: it cancels the solve (:class:`penempatan.Cancel`),
which returns the best plan found. A second Ctrl-C interrupts as usual.
Off the main thread (where Python allows no signal handler) the solve simply
runs where it is called.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import TypeVar

from penempatan._progress import Cancel

T = TypeVar("T")


def cancellable(work: Callable[[Cancel], T]) -> tuple[T, bool]:
    """``work(token)``'s result, and whether Ctrl-C cancelled it."""
    token = Cancel()
    if threading.current_thread() is not threading.main_thread():
        return work(token), False
    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work(token))
        except BaseException as exc:  # re-raised on the main thread below
            failure.append(exc)

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        token.cancel()
        signal.signal(signal.SIGINT, previous)  # a second Ctrl-C interrupts as usual

    previous = signal.signal(signal.SIGINT, on_interrupt)
    worker = threading.Thread(target=run, name="penempatan-solve")
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    finally:
        signal.signal(signal.SIGINT, previous)
    if failure:
        raise failure[0]
    return result[0], token.cancelled

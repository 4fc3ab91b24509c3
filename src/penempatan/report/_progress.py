"""Showing a solve's progress: a live line on a terminal, a bar in a notebook.

Both are callables for ``solve(..., progress=...)`` (see :mod:`penempatan._progress`).
:class:`ProgressLine` writes one line that rewrites itself in place, only when
its stream is a terminal and only once the solve has run for ``delay`` seconds
(a fast solve shows nothing; output piped to a file never gets control
characters). :func:`progress_bar` is for notebooks: a tqdm bar when tqdm is
installed, else a rich status when rich is, else a :class:`ProgressLine`.
"""

from __future__ import annotations

import importlib
import sys
import threading
import time
from types import TracebackType
from typing import Any, TextIO

from penempatan._progress import Progress, ProgressCallback
from penempatan.i18n import Lang, message, number


def describe(p: Progress, lang: Lang, *, elapsed_s: float | None = None) -> str:
    """One line about ``p``: stage, best coverage and fit, bound, gap, time."""
    key = f"progress.stage.{p.stage}"
    parts = [message(key, lang) if _known(key) else p.stage]
    if p.coverage is not None:
        parts.append(message("progress.coverage", lang, coverage=p.coverage))
    if p.fit is not None:
        parts.append(message("progress.fit", lang, fit=p.fit))
    if p.bound_coverage is not None and p.bound_fit is not None:
        parts.append(
            message("progress.bound_pair", lang, coverage=p.bound_coverage, fit=p.bound_fit)
        )
    if p.value is not None:
        parts.append(message("progress.value", lang, value=p.value))
    if p.bound is not None:
        parts.append(message("progress.bound", lang, bound=p.bound))
    if p.gap is not None:
        parts.append(message("progress.gap", lang, gap=number(100 * p.gap, lang, 1)))
    seconds = p.elapsed_s if elapsed_s is None else elapsed_s
    parts.append(message("progress.time", lang, seconds=number(round(seconds, 1), lang, 1)))
    return " · ".join(parts)


def _known(key: str) -> bool:
    from penempatan.i18n import MESSAGES

    return key in MESSAGES


class ProgressLine:
    """A live status line on ``stream`` (default standard error), for a solve over ``delay`` s.

    Use it as a context manager around the solve: a background thread keeps the
    clock on the line moving between reports, and leaving the block clears the
    line. Silent (it writes nothing at all) when ``stream`` is not a terminal.
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        lang: Lang = "id",
        delay: float = 1.0,
        interval: float = 0.25,
    ) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.lang: Lang = lang
        self.delay = delay
        self.interval = interval
        isatty = getattr(self.stream, "isatty", None)
        self.active = bool(isatty and isatty())
        self._t0 = time.monotonic()
        self._last: Progress | None = None
        self._shown = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> ProgressLine:
        self._t0 = time.monotonic()
        if self.active:
            self._thread = threading.Thread(target=self._tick, name="penempatan-progress")
            self._thread.daemon = True
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __call__(self, p: Progress) -> None:
        with self._lock:
            self._last = p
        if p.stage == "done":
            self.close()
        else:
            self._draw()

    def close(self) -> None:
        """Stop the clock and clear the line."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()
        with self._lock:
            if self._shown:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self._shown = False

    def _tick(self) -> None:
        while not self._stop.wait(self.interval):
            self._draw()

    def _draw(self) -> None:
        if not self.active:
            return
        with self._lock:
            elapsed = time.monotonic() - self._t0
            if self._last is None or elapsed < self.delay or self._stop.is_set():
                return
            line = describe(self._last, self.lang, elapsed_s=elapsed)
            self.stream.write(f"\r\x1b[K{line}")
            self.stream.flush()
            self._shown = True


def progress_bar(lang: Lang = "id") -> ProgressCallback:
    """A progress display for notebooks: ``pn.solve(s, progress=pn.progress_bar())``.

    tqdm's notebook-aware bar when tqdm is installed, else a rich status when
    rich is, else a line on standard output rewritten in place. It closes
    itself when the solve is done.
    """
    for name, make in (("tqdm.auto", _tqdm_bar), ("rich.console", _rich_status)):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return make(module, lang)
    line = ProgressLine(sys.stdout, lang=lang, delay=0.0)
    line.active = True  # a notebook's output is no terminal but rewrites on "\r"
    return line


def _tqdm_bar(tqdm_auto: Any, lang: Lang) -> ProgressCallback:
    bar = tqdm_auto.tqdm(total=None, bar_format="{desc}", leave=True)

    def update(p: Progress) -> None:
        bar.set_description_str(describe(p, lang))
        if p.stage == "done":
            bar.close()

    return update


def _rich_status(rich_console: Any, lang: Lang) -> ProgressCallback:
    status = rich_console.Console().status(message("progress.stage.network", lang))
    status.start()

    def update(p: Progress) -> None:
        status.update(describe(p, lang))
        if p.stage == "done":
            status.stop()

    return update

"""The local pool of :func:`penempatan.solve_many`: worker processes that never re-run your script.

Each worker is a fresh interpreter running :mod:`penempatan.studies._serve`
(not ``multiprocessing``, whose ``spawn`` start re-runs the caller's script,
so a script without an ``if __name__ == "__main__":`` guard would start its
work again in every worker). A worker takes one task at a time over its pipes,
pickled: a module-level function and its plain arguments (scenario text in,
plan text out). A worker that dies fails only the task it held, with
:class:`~concurrent.futures.process.BrokenProcessPool`; the next task starts
a new worker in its place.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from typing import IO, Any

_HEADER = struct.Struct(">Q")
_Item = tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]


def machine_workers() -> int:
    """The processors this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - platforms without sched_getaffinity
        return max(1, os.cpu_count() or 1)


def send(stream: IO[bytes], obj: object) -> None:
    """One pickled message, its length first."""
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """The next message; ``EOFError`` when the other side has gone."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    size = _HEADER.unpack(head)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


class _Worker:
    """One worker process and the file its standard error goes to."""

    def __init__(self) -> None:
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "penempatan.studies._serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
        )

    def run(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        send(self.proc.stdin, (fn, args))
        ok, value = receive(self.proc.stdout)
        if not ok:
            raise value
        return value

    def last_words(self) -> str:
        self.log.seek(0)
        lines = self.log.read().decode("utf-8", "replace").strip().splitlines()
        try:  # its output has closed: it is ending, if not gone already
            code: int | None = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - closed its output, still alive
            code = None
        said = f": {lines[-1]}" if lines else ""
        return f"the worker process ended (exit status {code}){said}"

    def close(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None and not stream.closed:
                with contextlib.suppress(OSError):
                    stream.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a worker stuck in a solve
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class WorkerPool(Executor):
    """``workers`` worker processes behind a :class:`concurrent.futures.Executor`.

    Tasks are taken in the order submitted; each worker runs one at a time.
    """

    def __init__(self, workers: int) -> None:
        self._max_workers = workers
        self._tasks: queue.SimpleQueue[
            tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None
        ]
        self._tasks = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._closed = False
        self._lock = threading.Lock()
        self.pids: list[int] = []  # every worker process started, for tests and diagnostics

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if kwargs:
            raise TypeError("WorkerPool.submit takes positional arguments only")
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot submit to a pool that was shut down")
            future: Future[Any] = Future()
            self._tasks.put((future, fn, args))
            if len(self._threads) < self._max_workers:
                thread = threading.Thread(target=self._serve, daemon=True)
                thread.start()
                self._threads.append(thread)
            return future

    def _serve(self) -> None:
        worker: _Worker | None = None
        try:
            while True:
                item = self._tasks.get()
                if item is None:
                    return
                future, fn, args = item
                if not future.set_running_or_notify_cancel():
                    continue
                if worker is None:
                    worker = _Worker()
                    self.pids.append(worker.proc.pid)
                try:
                    future.set_result(worker.run(fn, args))
                except (EOFError, BrokenPipeError, OSError):
                    message = worker.last_words()
                    worker.close()
                    worker = None
                    future.set_exception(BrokenProcessPool(message))
                except BaseException as exc:  # the task's own error, raised in the worker
                    future.set_exception(exc)
        finally:
            if worker is not None:
                worker.close()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._closed = True
            if cancel_futures:
                while True:
                    try:
                        item = self._tasks.get_nowait()
                    except queue.Empty:
                        break
                    if item is not None:
                        item[0].cancel()
            for _ in self._threads:
                self._tasks.put(None)
        if wait:
            for thread in self._threads:
                thread.join()


def process_pool(workers: int) -> Executor:
    """A pool of ``workers`` worker processes (:class:`WorkerPool`)."""
    return WorkerPool(workers)

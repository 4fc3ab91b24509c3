"""``solve_many()``: independent scenarios, one per region, solved in parallel.

The contract:

* Each region is solved by :func:`penempatan.solve` with exactly the options
  given, in a worker: a local process pool sized to the machine by default,
  any :class:`concurrent.futures.Executor`, or a Dask ``distributed.Client``.
  The default engine is exact and deterministic, so a region's plan file
  (``plan.to_json()``) is the same bytes whatever runs it.
* Scenarios travel to the workers as JSON text (a path is read here, in the
  calling process) and plans come back as JSON text: nothing relies on a disk
  the workers share, and no OR-Tools object is pickled.
* Results come back as each region finishes, in any order. A region never
  stops the others: invalid input yields a :class:`RegionError` with reason
  ``"invalid"`` and the message ``penempatan validate`` prints; an error
  inside ``solve`` yields reason ``"failed"``.
* A worker that dies (killed, out of memory) costs the regions it held one
  more try elsewhere. A region whose workers died ``max_failures`` times
  yields reason ``"worker_lost"`` rather than being tried forever. On Dask
  the scheduler retries, up to its ``distributed.scheduler.allowed-failures``;
  with the default pool (worker processes of :mod:`._pool`, which never re-run
  the caller's script) the region whose worker died is tried again, alone. An
  executor the caller gave is never replaced: when it breaks, the regions left
  yield ``"worker_lost"``.

Regions are handed out largest first (by the size of their JSON text), and at
most a few more than there are workers are out at a time (one more than the
workers on a pool, twice the threads and two on Dask, whose round trips are
longer), so memory stays bounded and the slowest regions do not finish last.
"""

from __future__ import annotations

import gc
import inspect
import itertools
import os
import time
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from penempatan._errors import RegionError
from penempatan.plan import Plan, Timings
from penempatan.studies._pool import machine_workers, process_pool
from penempatan.studies._sweep import SweepRow

__all__ = ["Outcome", "RegionError", "solve_many"]

K = TypeVar("K")

#: Tries a region gets when the workers running it die, by default (Dask's default too).
MAX_FAILURES = 3


@dataclass(frozen=True)
class Outcome(Generic[K]):
    """One region's result as it came back: the plan's text and numbers, or the error.

    ``text`` is ``plan.to_json()`` exactly (no wall times), ready to write;
    ``row`` the plan in numbers (:class:`~penempatan.studies._sweep.SweepRow`
    fields, plus ``unfilled``: required seats left empty, by the code of the
    first reason given for each short need); ``seconds`` the worker's wall
    time (loading and solving), ``peak_mb`` the worker process's peak resident
    memory after it (on Unix). ``unchanged``: the region was only checked
    against a known scenario hash, which it matched, and was not solved.
    """

    key: K
    text: str | None = None
    timings: dict[str, Any] | None = None
    row: dict[str, Any] | None = None
    seconds: float | None = None
    peak_mb: float | None = None
    error: RegionError | None = None
    unchanged: bool = False
    attempts: int = 1

    @property
    def plan(self) -> Plan:
        """The plan (parsed from ``text``, with the worker's wall times)."""
        if self.text is None:
            raise ValueError(f"{self.key}: no plan") from self.error
        plan = Plan.from_json(self.text)
        if self.timings is not None:
            plan = plan.model_copy(update={"timings": Timings(**self.timings)})
        return plan


Source = Any  # a Scenario, a path (str or os.PathLike), read in the calling process


def solve_many(
    scenarios: Mapping[K, Source] | Iterable[tuple[K, Source]],
    *,
    executor: Any = None,
    **solve_options: Any,
) -> Iterator[tuple[K, Plan | RegionError]]:
    """Solve every region's scenario; yield ``(key, plan)`` or ``(key, error)`` as each finishes.

    Args:
        scenarios: region key -> a :class:`~penempatan.Scenario` or the path of
            a scenario file (a mapping, or ``(key, scenario)`` pairs; keys unique).
        executor: ``None`` (a local process pool, one process per processor),
            a :class:`concurrent.futures.Executor`, or a Dask
            ``distributed.Client``.
        **solve_options: passed to every :func:`penempatan.solve`, e.g.
            ``time_limit_s=10``, ``explain=False``.

    Yields:
        ``(key, Plan)``, or ``(key, RegionError)`` for a region without a plan.

    Raises:
        TypeError: an option :func:`penempatan.solve` does not take.
        ValueError: a key given twice.
    """
    for outcome in run_many(scenarios, executor=executor, options=solve_options):
        yield (outcome.key, outcome.error if outcome.error is not None else outcome.plan)


@dataclass
class Progress:
    """Counts while :func:`run_many` runs: regions finished, failed, out to workers, and total."""

    total: int
    done: int = 0
    failed: int = 0
    running: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def elapsed(self) -> float:
        """Seconds since the run started."""
        return time.perf_counter() - self.started


@dataclass
class _Task(Generic[K]):
    key: K
    source: Source
    size: int
    known_sha: str | None
    failures: int = 0


def run_many(
    scenarios: Mapping[K, Source] | Iterable[tuple[K, Source]],
    *,
    executor: Any = None,
    options: Mapping[str, Any] | None = None,
    known: Mapping[K, str] | None = None,
    max_failures: int = MAX_FAILURES,
    progress: Callable[[Progress], None] | None = None,
) -> Iterator[Outcome[K]]:
    """:func:`solve_many` as :class:`Outcome` records, for callers that write plan files.

    ``known``: key -> the scenario hash of a plan already made; a region whose
    scenario has that hash is validated but not solved (``unchanged``).
    ``progress`` is called after each hand-out and each result.
    """
    opts = dict(options or {})
    _check_options(opts)
    pairs = list(scenarios.items()) if isinstance(scenarios, Mapping) else list(scenarios)
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("every region needs its own key; some key is given twice")
    known = known or {}
    tasks = [_Task(k, s, _size(s), known.get(k)) for k, s in pairs]
    tasks.sort(key=lambda t: -t.size)  # largest first: the critical path starts early
    state = Progress(total=len(tasks))
    if _is_dask(executor):
        return _run_dask(executor, tasks, opts, max_failures, state, progress)
    return _run_executor(executor, tasks, opts, max_failures, state, progress)


def _check_options(options: Mapping[str, Any]) -> None:
    from penempatan.solving._solve import solve

    parameters = inspect.signature(solve).parameters
    unknown = sorted(set(options) - set(parameters) | ({"scenario"} & set(options)))
    if unknown:
        raise TypeError(f"solve() takes no option {', '.join(map(repr, unknown))}")


def _size(source: Source) -> int:
    if isinstance(source, str | os.PathLike):
        try:
            return os.stat(source).st_size
        except OSError:
            return 0
    return len(source.candidates) * 64 + len(source.cooperatives) * 512


def _text_of(task: _Task[Any]) -> str | RegionError:
    """The scenario's JSON text, read here; a file that cannot be read is the region's error."""
    if isinstance(task.source, str | os.PathLike):
        path = Path(task.source)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            return RegionError(task.key, "unreadable", f"{path}: cannot read: {exc.strerror}")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return RegionError(task.key, "invalid", f"{path.name}: not UTF-8 text: {exc.reason}")
    text: str = task.source.canonical_json()
    return text


def _label(task: _Task[Any]) -> str | None:
    return Path(task.source).name if isinstance(task.source, str | os.PathLike) else None


def solve_text(
    text: str, options: dict[str, Any], known_sha: str | None = None, label: str | None = None
) -> dict[str, Any]:
    """In a worker: validate and solve one scenario given as JSON text; a plain-data result.

    ``label`` (a file name) heads each problem of invalid input, as
    :func:`penempatan.load_scenario` does, so the message is ``validate``'s.

    Never raises for the region's own problems: ``{"outcome": "invalid" |
    "failed", "error": message}``, ``{"outcome": "unchanged"}`` when its hash is
    ``known_sha``, else ``{"outcome": "plan", "text", "timings", "row", "seconds"}``.
    """
    from penempatan._errors import Problem, ScenarioError
    from penempatan.scenario._io import loads_scenario
    from penempatan.solving._solve import solve

    t0 = time.perf_counter()
    # A region is hundreds of thousands of small acyclic records, freed by reference
    # counting; the cycle collector would only re-scan them (as in the command line).
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            scenario = loads_scenario(text)
        except ScenarioError as exc:
            if label is not None:
                exc = ScenarioError(
                    [
                        Problem(f"{label}: {q.path}" if q.path else label, q.message)
                        for q in exc.problems
                    ]
                )
            return {"outcome": "invalid", "error": str(exc)}
        if known_sha is not None and scenario.sha256 == known_sha:
            return {"outcome": "unchanged", "seconds": time.perf_counter() - t0}
        try:
            plan = solve(scenario, **options)
        except Exception as exc:  # the region's failure, reported; the run goes on
            return {"outcome": "failed", "error": f"{type(exc).__name__}: {exc}"}
        return {
            "outcome": "plan",
            "text": plan.to_json(),
            "timings": None if plan.timings is None else plan.timings.model_dump(mode="json"),
            "row": plan_row(plan),
            "seconds": time.perf_counter() - t0,
            "peak_mb": _peak_mb(),
        }
    finally:
        if collecting:
            gc.enable()


def _peak_mb() -> float | None:
    """This process's peak resident memory so far, in MB (``None`` where not known)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Unix
        return None
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kilobytes / 1024, 1)


def plan_row(plan: Plan) -> dict[str, Any]:
    """The plan in numbers: the sweep row's fields and the unfilled seats by reason code."""
    row = SweepRow.of(None, plan)
    unfilled: dict[str, int] = {}
    for need in plan.short_needs:
        code = need.reasons[0].code if need.reasons else "unexplained"
        unfilled[code] = unfilled.get(code, 0) + need.min - need.placed
    if not plan.short_needs and plan.status.has_solution:
        missing = row.required_seats - row.coverage
        if missing:
            unfilled["unexplained"] = missing
    return {
        "status": row.status.value,
        "coverage": row.coverage,
        "required_seats": row.required_seats,
        "fit": row.fit,
        "placements": row.placements,
        "binding_floors": row.binding_floors,
        "unfilled": dict(sorted(unfilled.items())),
    }


def _outcome(task: _Task[K], result: dict[str, Any]) -> Outcome[K]:
    kind = result["outcome"]
    attempts = task.failures + 1
    if kind == "plan":
        return Outcome(
            task.key,
            text=result["text"],
            timings=result["timings"],
            row=result["row"],
            seconds=result["seconds"],
            peak_mb=result.get("peak_mb"),
            attempts=attempts,
        )
    if kind == "unchanged":
        return Outcome(task.key, unchanged=True, seconds=result["seconds"], attempts=attempts)
    return Outcome(task.key, error=RegionError(task.key, kind, result["error"]), attempts=attempts)


def _lost(task: _Task[K], message: str) -> Outcome[K]:
    return Outcome(
        task.key, error=RegionError(task.key, "worker_lost", message), attempts=task.failures
    )


def _died(task: _Task[K], detail: str) -> Outcome[K]:
    return _lost(task, f"the worker solving it died {task.failures} times ({detail})")


def _note(state: Progress, outcome: Outcome[Any]) -> None:
    if outcome.error is not None:
        state.failed += 1
    else:
        state.done += 1


def _run_executor(
    executor: Executor | None,
    tasks: list[_Task[K]],
    options: dict[str, Any],
    max_failures: int,
    state: Progress,
    progress: Callable[[Progress], None] | None,
) -> Iterator[Outcome[K]]:
    """Regions through a concurrent executor, at most one more out than there are workers.

    A region whose worker died (``BrokenProcessPool``) is charged one failure
    and, on the default pool, handed out again to run alone, so a region that
    kills its process is charged for it and the regions beside it only once.
    An executor given that breaks cannot be replaced: what is left is lost.
    """
    own = executor is None
    workers = machine_workers() if own else int(getattr(executor, "_max_workers", 0) or 0)
    workers = min(workers or machine_workers(), max(1, len(tasks)))
    pool: Executor | None = executor
    queue = list(reversed(tasks))  # pop() takes the largest
    out: dict[Future[dict[str, Any]], _Task[K]] = {}
    broken_executor = False

    def report() -> None:
        state.running = min(len(out), workers)
        if progress is not None:
            progress(state)

    try:
        while queue or out:
            while queue and len(out) < workers + 1:
                task = queue[-1]
                alone = task.failures > 0
                if alone and out:
                    break  # a retried region waits until it can run alone
                queue.pop()
                text = _text_of(task)
                if isinstance(text, RegionError) or broken_executor:
                    outcome: Outcome[K] = (
                        Outcome(task.key, error=text)
                        if isinstance(text, RegionError)
                        else _lost(task, "the executor given broke before it could run")
                    )
                    _note(state, outcome)
                    yield outcome
                    continue
                if pool is None:
                    pool = process_pool(workers)
                try:
                    future = pool.submit(solve_text, text, options, task.known_sha, _label(task))
                except (BrokenProcessPool, RuntimeError):
                    queue.append(task)
                    broken_executor = True
                    continue
                out[future] = task
                if alone:
                    break
            report()
            if not out:
                continue
            finished, _ = wait(out, return_when=FIRST_COMPLETED)
            for future in finished:
                task = out.pop(future)
                try:
                    outcome = _outcome(task, future.result())
                except BrokenProcessPool as exc:
                    task.failures += 1
                    if own and task.failures < max_failures:
                        queue.append(task)
                        continue
                    outcome = _died(task, str(exc) or "its process ended abruptly")
                except Exception as exc:
                    outcome = Outcome(
                        task.key,
                        error=RegionError(task.key, "failed", f"{type(exc).__name__}: {exc}"),
                    )
                _note(state, outcome)
                yield outcome
            report()
    finally:
        if own and pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _is_dask(executor: Any) -> bool:
    return type(executor).__module__.split(".")[0] == "distributed" and hasattr(
        executor, "scheduler_info"
    )


def _run_dask(
    client: Any,
    tasks: list[_Task[K]],
    options: dict[str, Any],
    max_failures: int,
    state: Progress,
    progress: Callable[[Progress], None] | None,
) -> Iterator[Outcome[K]]:
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    queue = list(reversed(tasks))
    out: dict[Any, _Task[K]] = {}
    pending: Any = as_completed()  # type: ignore[no-untyped-call]
    run_id = uuid.uuid4().hex[:12]
    count = itertools.count()

    asked = [-1.0, 1]  # when the cluster's threads were last counted, and the count

    def threads() -> int:
        """The cluster's threads (it may grow or shrink), counted at most once a second."""
        now = time.perf_counter()
        if now - asked[0] > 1.0:
            asked[:] = [now, max(1, int(sum(client.nthreads().values())))]
        return int(asked[1])

    def top_up() -> Iterator[Outcome[K]]:
        slots = threads()
        while queue and len(out) < 2 * slots + 2:
            task = queue.pop()
            text = _text_of(task)
            if isinstance(text, RegionError):
                outcome: Outcome[K] = Outcome(task.key, error=text)
                _note(state, outcome)
                yield outcome
                continue
            with warnings.catch_warnings():
                # A large region's text is one argument of its task, on purpose.
                warnings.filterwarnings("ignore", message=".*[Ll]arge.*")
                future = client.submit(
                    solve_text,
                    text,
                    options,
                    task.known_sha,
                    _label(task),
                    pure=False,
                    priority=task.size,
                    key=f"penempatan-region-{run_id}-{next(count)}",
                )
            out[future] = task
            pending.add(future)
        state.running = min(len(out), slots)
        if progress is not None:
            progress(state)

    yield from top_up()
    while out:
        future = next(pending)
        task = out.pop(future)
        try:
            result = future.result()
        except KilledWorker as exc:
            task.failures = max_failures
            outcome = _died(task, f"Dask: {exc}")
        except Exception as exc:
            outcome = Outcome(
                task.key, error=RegionError(task.key, "failed", f"{type(exc).__name__}: {exc}")
            )
        else:
            outcome = _outcome(task, result)
        future.release()
        _note(state, outcome)
        yield outcome
        yield from top_up()

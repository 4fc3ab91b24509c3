"""``sweep()``: solve one scenario under a range of one parameter, in parallel.

Each value gives an edited scenario (see :mod:`penempatan.scenario._edits`), solved
with :func:`penempatan.solve`; the result is a table with one row per value:
status, coverage, fit, required seats, placements and binding floors.

Built-in parameters:

* ``"floor_share"``: every OPD keeps ``ceil(share × headcount)``
  (:meth:`Scenario.with_floor_share`); default values 100 % down to 80 %.
* any policy field, e.g. ``"max_age"`` (default values 50 to 60) or
  ``"max_distance_km"``: set with :meth:`Scenario.with_policy`.
* anything else with ``edit``: ``sweep(s, edit=lambda s, v: ..., values=...)``.

Edits run in the calling process (so ``edit`` may be a lambda); the edited
scenarios are solved in ``processes`` worker processes (a ``spawn`` pool,
safe in notebooks and under pytest), each taking one contiguous run of the
values and solving it in order. Each solve in a run is warm-started from its
neighbour's plan, the previous value's, when :func:`penempatan.solve` takes a
``hint``. The default engine is an exact min-cost flow, for which warm starts
do not matter: the rows are the same for any ``processes``. Hints can only
speed up the CP-SAT engine (``engine="cpsat"``); with a time limit, its rows
may then depend on timing.
"""

from __future__ import annotations

import inspect
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import IO, Any

from penempatan._errors import expect
from penempatan._optional import optional_import
from penempatan._status import Status
from penempatan.plan import Plan
from penempatan.scenario import Policy, Scenario

__all__ = ["FLOOR_SHARES", "MAX_AGES", "SweepResult", "SweepRow", "sweep"]

#: Default values of ``"floor_share"``: 100 % down to 80 % in six steps.
FLOOR_SHARES: tuple[float, ...] = (1.0, 0.96, 0.92, 0.88, 0.84, 0.8)
#: Default values of ``"max_age"``: 50 to 60.
MAX_AGES: tuple[int, ...] = tuple(range(50, 61))

Edit = Callable[[Scenario, Any], Scenario]


@dataclass(frozen=True)
class SweepRow:
    """The plan for one value of the swept parameter, in numbers.

    ``binding_floors`` counts the OPD whose floor binds (no slack left) while
    they have at least one candidate: the floors that hold staff back.
    """

    value: Any
    status: Status
    coverage: int
    fit: int
    required_seats: int
    placements: int
    binding_floors: int

    @classmethod
    def of(cls, value: Any, plan: Plan) -> SweepRow:
        """The row of ``plan``, solved for ``value``."""
        return cls(
            value=value,
            status=plan.status,
            coverage=plan.coverage,
            fit=plan.fit,
            required_seats=plan.required_seats or 0,
            placements=len(plan.assignments),
            binding_floors=sum(1 for o in plan.opd_impact if o.binding and o.candidates > 0),
        )


@dataclass(frozen=True)
class SweepResult:
    """A table with one :class:`SweepRow` per value, in the order given, and the plans."""

    parameter: str
    rows: tuple[SweepRow, ...]
    plans: tuple[Plan, ...] = field(default=(), compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[SweepRow]:
        return iter(self.rows)

    @property
    def values(self) -> list[Any]:
        """The swept values."""
        return [r.value for r in self.rows]

    def column(self, name: str) -> list[Any]:
        """One column of the table, e.g. ``result.column("coverage")``."""
        if name not in SweepRow.__dataclass_fields__:
            raise ValueError(f"no column {name!r}; columns: {', '.join(_COLUMNS)}")
        return [getattr(r, name) for r in self.rows]

    def to_dicts(self) -> list[dict[str, Any]]:
        """The rows as plain dictionaries (status as its name)."""
        return [{**asdict(r), "status": r.status.value} for r in self.rows]

    def to_dataframe(self) -> Any:
        """A ``pandas.DataFrame``, one row per value. pandas is optional: ``pip install pandas``."""
        pd = optional_import("pandas", needed_by="to_dataframe()")
        frame = pd.DataFrame(self.to_dicts(), columns=list(_COLUMNS))
        return frame.rename(columns={"value": self.parameter})

    def __str__(self) -> str:
        header = [self.parameter, *_COLUMNS[1:]]
        body = [[_fmt(v) for v in d.values()] for d in self.to_dicts()]
        widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
        return "\n".join(
            "  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True))
            for row in [header, *body]
        )


_COLUMNS = tuple(SweepRow.__dataclass_fields__)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _builtin(parameter: str) -> tuple[Edit, Sequence[Any] | None]:
    """The edit of a built-in parameter and its default values."""
    if parameter == "floor_share":
        return (lambda s, v: s.with_floor_share(v)), FLOOR_SHARES
    if parameter in Policy.model_fields:
        return (lambda s, v: s.with_policy(**{parameter: v})), (
            MAX_AGES if parameter == "max_age" else None
        )
    choices = ", ".join(["floor_share", *Policy.model_fields])
    raise ValueError(f"unknown parameter {parameter!r}: use one of {choices}, or pass edit=")


def sweep(
    scenario: Scenario,
    parameter: str | None = None,
    values: Iterable[Any] | None = None,
    *,
    edit: Edit | None = None,
    processes: int = 2,
    **solve_kwargs: Any,
) -> SweepResult:
    """Solve ``scenario`` once per value of ``parameter``; one row per value, in order.

    Args:
        scenario: the starting scenario; it is never changed.
        parameter: ``"floor_share"``, a policy field such as ``"max_age"`` or
            ``"max_distance_km"``, or with ``edit`` a label for the column
            (default ``"value"``).
        values: the values, in the order of the rows; defaults exist for
            ``"floor_share"`` (:data:`FLOOR_SHARES`) and ``"max_age"``
            (:data:`MAX_AGES`).
        edit: ``edit(scenario, value)`` returns the scenario to solve for
            ``value``; any callable, since it runs in this process.
        processes: worker processes (1 solves in this process).
        **solve_kwargs: passed to every :func:`penempatan.solve` call, e.g.
            ``engine="cpsat", time_limit_s=10``. A ``hint`` plan warm-starts
            the first solve of each worker's run.

    Raises:
        ValueError: an unknown parameter, no values, or ``processes`` below 1.
        ScenarioError: a value that makes the scenario invalid (before any solve).
    """
    expect(scenario, Scenario, "scenario")
    if processes < 1:
        raise ValueError(f"processes must be at least 1, not {processes}")
    if edit is None:
        if parameter is None:
            raise ValueError("give a parameter to sweep, or an edit function")
        edit, default = _builtin(parameter)
        values = default if values is None else values
    label = parameter if parameter is not None else "value"
    if values is None:
        raise ValueError(f"give the values of {label!r} to sweep")
    values = list(values)
    if not values:
        raise ValueError("values is empty: nothing to sweep")

    scenarios = [edit(scenario, v) for v in values]
    hint = solve_kwargs.pop("hint", None)
    runs = _split(len(values), min(processes, len(values)))
    if len(runs) == 1:
        plans = _solve_run(scenarios, hint, solve_kwargs)
    else:
        texts = [s.canonical_json() for s in scenarios]
        hint_text = hint.to_json() if isinstance(hint, Plan) else None
        plans = [
            Plan.from_json(t)
            for run in _in_workers([(texts[lo:hi], hint_text, solve_kwargs) for lo, hi in runs])
            for t in run
        ]
    return SweepResult(
        parameter=label,
        rows=tuple(SweepRow.of(v, p) for v, p in zip(values, plans, strict=True)),
        plans=tuple(plans),
    )


def _split(n: int, parts: int) -> list[tuple[int, int]]:
    """``parts`` contiguous (start, stop) runs covering ``range(n)``, sizes differing by ≤ 1."""
    size, extra = divmod(n, parts)
    runs, lo = [], 0
    for i in range(parts):
        hi = lo + size + (1 if i < extra else 0)
        runs.append((lo, hi))
        lo = hi
    return runs


def _takes_hint() -> bool:
    from penempatan.solving._solve import solve

    return "hint" in inspect.signature(solve).parameters


def _solve_run(
    scenarios: Sequence[Scenario], hint: Plan | None, solve_kwargs: dict[str, Any]
) -> list[Plan]:
    """Solve the scenarios in order, each warm-started from the previous plan where possible."""
    from penempatan.solving._solve import solve

    use_hint = _takes_hint()
    plans = []
    for s in scenarios:
        kwargs = dict(solve_kwargs)
        if use_hint and hint is not None:
            kwargs["hint"] = hint
        plan = solve(s, **kwargs)
        plans.append(plan)
        if plan.status.has_solution:
            hint = plan
    return plans


def _in_workers(jobs: list[tuple[list[str], str | None, dict[str, Any]]]) -> list[list[str]]:
    """Each job solved by :func:`solve_run_json` in its own worker process, all at once.

    Workers are fresh interpreters running :mod:`penempatan.studies._worker`
    (not ``multiprocessing``, whose ``spawn`` start re-runs the caller's script
    and breaks one without a ``__main__`` guard); jobs and plans travel pickled
    over pipes.
    """
    for _, _, kwargs in jobs:
        try:
            pickle.dumps(kwargs)
        except Exception as exc:
            raise TypeError(
                f"sweep with processes > 1: solve arguments must pickle: {exc}"
            ) from None
    procs: list[subprocess.Popen[bytes]] = []
    logs: list[IO[bytes]] = []
    try:
        for job in jobs:
            # Standard error to a file: a worker that says much never blocks on a full pipe.
            logs.append(tempfile.TemporaryFile())  # noqa: SIM115 - closed in finally
            p = subprocess.Popen(
                [sys.executable, "-m", "penempatan.studies._worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=logs[-1],
            )
            procs.append(p)
            assert p.stdin is not None
            p.stdin.write(pickle.dumps(job))
            p.stdin.close()
        results = []
        for p, log in zip(procs, logs, strict=True):
            assert p.stdout is not None
            with p.stdout:
                out = p.stdout.read()
            if p.wait() != 0:
                log.seek(0)
                err = log.read()
                last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
                raise RuntimeError(f"a sweep worker failed: {last[0]}")
            results.append(pickle.loads(out))
        return results
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
            if p.stdout is not None and not p.stdout.closed:
                p.stdout.close()
        for log in logs:
            log.close()


def solve_run_json(
    texts: list[str], hint_text: str | None, solve_kwargs: dict[str, Any]
) -> list[str]:
    """:func:`_solve_run` in a worker: scenarios and plans travel as JSON text.

    (A :class:`Scenario` holds read-only mappings that do not pickle.)
    """
    from penempatan.scenario._io import loads_scenario

    hint = Plan.from_json(hint_text) if hint_text is not None else None
    plans = _solve_run([loads_scenario(t) for t in texts], hint, solve_kwargs)
    return [p.to_json(timings=True) for p in plans]

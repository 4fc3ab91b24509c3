"""Exceptions raised by penempatan: the whole tree, in this one module.

Every error the library raises on purpose derives from one base class::

    PenempatanError
    ├── ScenarioError          invalid input: each Problem names its record and field
    │   └── PlacementError     placements given to evaluate() that break a rule of the spec
    ├── PlanFormatError        a plan file that is not a valid penempatan/plan@1 document
    ├── PlanMismatchError      a plan not solved from this scenario, or naming records it lacks
    └── RegionError            why one region of solve_many() has no plan (yielded, not raised)

``ScenarioError``, ``PlanFormatError`` and ``PlanMismatchError`` are also
``ValueError``. (The command line adds a private usage error of its own, also
a ``PenempatanError``, which it reports with exit status 2 and never lets out.)
A wrong argument to a function (a negative time limit, an unknown engine) is a
plain ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal


class PenempatanError(Exception):
    """Base class of every error penempatan raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where it stands and what was expected.

    ``path`` is written the way a person finds the record in the JSON file,
    for example ``candidates[17].nip`` or ``cooperatives[3].needs[0].max``.

    ``message`` is the English sentence, and ``str(problem)`` is
    ``path: message``: exceptions, logs and doctests read the same in every
    locale. ``code`` (``"duplicate_id"``, ``"near_miss.role"``, ...) with its
    ``values`` is the language-neutral form: the command line and reports
    render it in the reader's language with
    :func:`penempatan.scenario.problem_text`, and name the person or OPD
    beside the path. A problem without a code is shown by its English message.
    ``severity`` is ``"error"`` (the scenario is invalid) or ``"warning"`` (valid,
    but probably not what was meant: see :func:`penempatan.lint`).
    """

    path: str
    message: str
    code: str = ""
    values: Mapping[str, Any] = field(default_factory=dict, hash=False)
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ScenarioError(PenempatanError, ValueError):
    """The scenario does not follow penempatan/scenario@1.

    ``problems`` lists every problem found, in document order where possible.
    """

    #: The first words of the message, before the count of problems.
    heading = "invalid scenario"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{self.heading}: {count} problem{'s' if count != 1 else ''}"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class PlacementError(ScenarioError):
    """The placements given to :func:`~penempatan.evaluate` break a rule of the spec.

    ``problems`` names each one: ``placements[3]: [rule-1 age_over_max] ...`` for
    a placement that is not permitted, or the capacity or lock that is broken.
    """

    heading = "invalid placements"


class PlanFormatError(PenempatanError, ValueError):
    """A plan document could not be read as penempatan/plan@1; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem] | str) -> None:
        self.problems = [Problem("", problems)] if isinstance(problems, str) else list(problems)
        count = len(self.problems)
        head = f"invalid plan: {count} problem{'s' if count != 1 else ''}"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class PlanMismatchError(PenempatanError, ValueError):
    """The plan was not solved from this scenario, or names records it does not have."""


def expect(value: object, kind: type | tuple[type, ...], name: str) -> None:
    """Raise ``TypeError`` naming the argument ``name`` unless ``value`` is a ``kind``.

    The public functions call it first, so a wrong argument is named before any work
    (not met later as an ``AttributeError`` deep inside).
    """
    if not isinstance(value, kind):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        wanted = " or ".join(k.__name__ for k in kinds)
        raise TypeError(f"{name} must be a {wanted}, not {type(value).__name__}")


class RegionError(PenempatanError):
    """Why one region of :func:`penempatan.solve_many` has no plan; yielded, not raised.

    ``reason``: ``"unreadable"`` (the file could not be read), ``"invalid"``
    (the scenario breaks penempatan/scenario@1; ``message`` is the one
    ``penempatan validate`` gives), ``"failed"`` (an error inside the solve) or
    ``"worker_lost"`` (the workers running it died too many times).
    """

    def __init__(self, key: object, reason: str, message: str) -> None:
        self.key = key
        self.reason = reason
        self.message = message
        super().__init__(f"{key}: {reason}: {message}")

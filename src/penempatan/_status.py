"""The library's own solve status; solver statuses are mapped to it at the adapter boundary."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Outcome of a solve, as the plan format names it."""

    OPTIMAL = "OPTIMAL"
    """A plan proven optimal: no plan has more coverage, or as much coverage and more fit."""
    FEASIBLE = "FEASIBLE"
    """A valid plan; optimality is not proven (see the plan's bound and gap)."""
    INFEASIBLE = "INFEASIBLE"
    """No plan obeys every rule; the plan names the conflicting constraints."""
    UNKNOWN = "UNKNOWN"
    """No plan was found within the time limit, and infeasibility was not proven."""

    @property
    def has_solution(self) -> bool:
        """True when the plan holds valid assignments."""
        return self in (Status.OPTIMAL, Status.FEASIBLE)

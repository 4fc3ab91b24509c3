"""Pseudonymised plans: every NIP in a plan replaced by its pseudonym (:mod:`._pseudonym`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from penempatan._errors import expect
from penempatan.plan._diff import CandidateChange, PlanDiff
from penempatan.plan._pseudonym import pseudonym
from penempatan.plan._records import Plan, Reason, Unplaced


def _pseudonymise_values(value: Any, key: str, field: str | None = None) -> Any:
    if isinstance(value, dict):
        return {f: _pseudonymise_values(v, key, f) for f, v in value.items()}
    if isinstance(value, list):
        return [_pseudonymise_values(v, key, field) for v in value]
    if isinstance(value, str) and field in ("candidate", "candidates", "nearest_candidate"):
        return pseudonym(value, key)
    return value


def _pseudonymise_reasons(reasons: Sequence[Reason], key: str, about: str) -> tuple[Reason, ...]:
    out = []
    for r in reasons:
        values = _pseudonymise_values(r.values, key)
        out.append(Reason.of(r.code, values, about=about))
    return tuple(out)


def pseudonymise_explanations(plan: Plan, key: str) -> Plan:
    """A copy of ``plan`` whose NIPs in assignments, ``unplaced`` and every reason are pseudonyms.

    Messages are rewritten from the pseudonymised values, so no NIP is left in them.
    """
    expect(plan, Plan, "plan")
    expect(key, str, "key")
    if not key:
        raise ValueError("a pseudonymisation key must not be empty")
    assignments = tuple(
        a.model_copy(
            update={
                "candidate": pseudonym(a.candidate, key),
                "reasons": _pseudonymise_reasons(a.reasons, key, "candidate"),
            }
        )
        for a in plan.assignments
    )
    unplaced = tuple(
        Unplaced(
            candidate=pseudonym(u.candidate, key),
            reasons=_pseudonymise_reasons(u.reasons, key, "candidate"),
        )
        for u in plan.unplaced
    )
    short = tuple(
        n.model_copy(update={"reasons": _pseudonymise_reasons(n.reasons, key, "need")})
        for n in plan.short_needs
    )
    return plan.model_copy(
        update={"assignments": assignments, "unplaced": unplaced, "short_needs": short}
    )


def pseudonymise_plan(plan: Plan, key: str) -> Plan:
    """A copy of ``plan`` with every candidate NIP (assignments, reasons, unplaced,
    re-plan report) replaced by its pseudonym under ``key``."""
    out = pseudonymise_explanations(plan, key)
    if out.replan is not None:
        forced = tuple(
            f.model_copy(update={"candidate": pseudonym(f.candidate, key)})
            for f in out.replan.forced
        )
        out = out.model_copy(update={"replan": out.replan.model_copy(update={"forced": forced})})
    return out


def pseudonymise_diff(diff: PlanDiff, key: str) -> PlanDiff:
    """A copy of ``diff`` whose candidates are pseudonyms under ``key``, with no names."""
    if not key:
        raise ValueError("a pseudonymisation key must not be empty")

    def hide(changes: tuple[CandidateChange, ...]) -> tuple[CandidateChange, ...]:
        return tuple(
            c.model_copy(update={"candidate": pseudonym(c.candidate, key), "name": None})
            for c in changes
        )

    return diff.model_copy(
        update={"moved": hide(diff.moved), "added": hide(diff.added), "removed": hide(diff.removed)}
    )

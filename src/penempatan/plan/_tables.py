"""A plan as flat tables: who goes where, coverage, OPD impact, the unplaced and short needs.

Each function returns one plain record (a ``dict`` of JSON values) per row,
with English keys; :meth:`Plan.to_dataframe` and the other DataFrame methods
wrap them, and the printable plan workbook (:mod:`penempatan.report._workbook`)
lays them out with Indonesian headers. Who-goes-where and the unplaced need
the scenario the plan was solved from, for names, OPD and kelurahan.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from penempatan._errors import PlanMismatchError
from penempatan._optional import optional_import
from penempatan.i18n import Lang, reason_text

if TYPE_CHECKING:
    from penempatan.plan._records import Plan
    from penempatan.scenario import Scenario

Row = dict[str, Any]

PLACEMENT_COLUMNS = (
    "candidate",
    "name",
    "opd",
    "opd_name",
    "position",
    "cooperative",
    "cooperative_name",
    "kelurahan",
    "kecamatan",
    "role",
    "score",
)
COOPERATIVE_COLUMNS = (
    "cooperative",
    "kelurahan",
    "kecamatan",
    "required",
    "covered",
    "placed",
    "short",
    "max_staff",
)
KECAMATAN_COLUMNS = ("kecamatan", "cooperatives", "required", "covered", "placed", "short")
IMPACT_COLUMNS = (
    "opd",
    "name",
    "position",
    "headcount",
    "min_staff",
    "candidates",
    "released",
    "remaining",
    "slack",
    "binding",
)
UNPLACED_COLUMNS = ("candidate", "name", "opd", "position", "codes", "reasons")
SHORT_COLUMNS = ("cooperative", "kelurahan", "kecamatan", "role", "min", "placed", "reasons")


def _check(plan: Plan, scenario: Scenario) -> None:
    if plan.scenario_sha256 != scenario.sha256:
        raise PlanMismatchError(
            f"the plan was solved from scenario {plan.scenario_sha256[:12]}…, "
            f"not from this one ({scenario.sha256[:12]}…)"
        )


def placements(plan: Plan, scenario: Scenario) -> list[Row]:
    """One row per assignment, in the plan's order, joined with the scenario's records."""
    _check(plan, scenario)
    cands = {c.nip: c for c in scenario.candidates}
    opds = {o.id: o for o in scenario.opds}
    coops = {c.id: c for c in scenario.cooperatives}
    rows = []
    for a in plan.assignments:
        c = cands[a.candidate]
        k = coops[a.cooperative]
        rows.append(
            {
                "candidate": a.candidate,
                "name": c.name,
                "opd": c.opd,
                "opd_name": opds[c.opd].name,
                "position": c.position,
                "cooperative": a.cooperative,
                "cooperative_name": k.name,
                "kelurahan": k.kelurahan,
                "kecamatan": k.kecamatan,
                "role": a.role,
                "score": a.score,
            }
        )
    return rows


def cooperative_coverage(plan: Plan) -> list[Row]:
    """One row per cooperative: required seats, those covered, placements, seats short."""
    return [
        {
            "cooperative": c.cooperative,
            "kelurahan": c.kelurahan,
            "kecamatan": c.kecamatan,
            "required": c.required,
            "covered": c.covered,
            "placed": c.placed,
            "short": c.required - c.covered,
            "max_staff": c.max_staff,
        }
        for c in plan.cooperatives
    ]


def kecamatan_coverage(plan: Plan) -> list[Row]:
    """One row per kecamatan (sorted by name), the sums of its cooperatives."""
    by_kec: dict[str, list[Any]] = defaultdict(list)
    for c in plan.cooperatives:
        by_kec[c.kecamatan].append(c)
    rows = []
    for kec in sorted(by_kec):
        cs = by_kec[kec]
        required = sum(c.required for c in cs)
        covered = sum(c.covered for c in cs)
        rows.append(
            {
                "kecamatan": kec,
                "cooperatives": len(cs),
                "required": required,
                "covered": covered,
                "placed": sum(c.placed for c in cs),
                "short": required - covered,
            }
        )
    return rows


def opd_impact(plan: Plan) -> list[Row]:
    """One row per OPD, followed by one per position of it (``position`` set)."""
    rows = []
    for o in plan.opd_impact:
        rows.append(
            {
                "opd": o.opd,
                "name": o.name,
                "position": None,
                "headcount": o.headcount,
                "min_staff": o.min_staff,
                "candidates": o.candidates,
                "released": o.released,
                "remaining": o.remaining,
                "slack": o.slack,
                "binding": o.binding,
            }
        )
        for p in o.positions:
            rows.append(
                {
                    "opd": o.opd,
                    "name": o.name,
                    "position": p.name,
                    "headcount": p.headcount,
                    "min_staff": p.min_staff,
                    "candidates": None,
                    "released": p.released,
                    "remaining": p.remaining,
                    "slack": p.slack,
                    "binding": p.binding,
                }
            )
    return rows


def unplaced(plan: Plan, scenario: Scenario, lang: Lang = "id") -> list[Row]:
    """One row per candidate not placed, with the reason codes and their sentences in ``lang``.

    The plan must carry its explanations (``solve(..., explain=True)``, the
    default, or :func:`penempatan.explain_plan`).
    """
    _check(plan, scenario)
    cands = {c.nip: c for c in scenario.candidates}

    def person(nip: str) -> str:
        c = cands.get(nip)
        return f"{c.name} ({nip})" if c is not None else nip

    rows = []
    for u in plan.unplaced:
        c = cands[u.candidate]
        rows.append(
            {
                "candidate": u.candidate,
                "name": c.name,
                "opd": c.opd,
                "position": c.position,
                "codes": ", ".join(r.code for r in u.reasons),
                "reasons": "; ".join(
                    reason_text(r.code, r.values, lang, person=person) for r in u.reasons
                ),
            }
        )
    return rows


def short_needs(plan: Plan, scenario: Scenario, lang: Lang = "id") -> list[Row]:
    """One row per need left below its minimum, with the reasons in ``lang``."""
    _check(plan, scenario)
    cands = {c.nip: c for c in scenario.candidates}
    coops = {c.id: c for c in scenario.cooperatives}

    def person(nip: str) -> str:
        c = cands.get(nip)
        return f"{c.name} ({nip})" if c is not None else nip

    return [
        {
            "cooperative": n.cooperative,
            "kelurahan": coops[n.cooperative].kelurahan,
            "kecamatan": coops[n.cooperative].kecamatan,
            "role": n.role,
            "min": n.min,
            "placed": n.placed,
            "reasons": "; ".join(
                reason_text(r.code, r.values, lang, about="need", person=person) for r in n.reasons
            ),
        }
        for n in plan.short_needs
    ]


def frame(rows: list[Row], columns: tuple[str, ...]) -> Any:
    """A ``pandas.DataFrame`` of ``rows`` with ``columns`` (pandas imported only here)."""
    pd = optional_import("pandas", needed_by="a plan's DataFrames")
    return pd.DataFrame(rows, columns=list(columns))

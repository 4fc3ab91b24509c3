"""What a plan alone can show, for a notebook or a report: summary, coverage, OPD impact.

Everything here reads the plan (and, for conflicts, optionally its scenario)
and never solves. :func:`plan_html` is ``Plan._repr_html_``; the full report
(:mod:`penempatan.report`) builds on the same tables.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from penempatan._status import Status
from penempatan.i18n import CODE_MEANINGS, Lang, message, number, percent, reason_text
from penempatan.plan._pseudonym import mask_nip
from penempatan.plan._tables import kecamatan_coverage
from penempatan.render import Block, Heading, Items, Para, Table, render_html_blocks
from penempatan.scenario._identity import with_identity

if TYPE_CHECKING:
    from penempatan.plan._records import Conflict, Plan, ShortNeed
    from penempatan.scenario import Scenario


def yes(value: bool, lang: Lang) -> str:
    return message("label.yes" if value else "label.no", lang)


def audit(plan: Plan, lang: Lang) -> str:
    sv = plan.solver
    limit = (
        "-"
        if sv is None
        else message("report.no_time_limit", lang)
        if sv.time_limit_s is None
        else f"{number(sv.time_limit_s, lang)} s"
    )
    return message(
        "report.audit",
        lang,
        status=plan.status.value,
        sha=plan.scenario_sha256,
        engine="-" if sv is None else sv.engine,
        seed="-" if sv is None else sv.seed,
        workers="-" if sv is None else sv.workers,
        time_limit=limit,
        versions="-"
        if sv is None
        else ", ".join(f"{k} {v}" for k, v in sorted(sv.versions.items())),
    )


#: Binding floors named in a summary; the rest are counted.
SHOWN_FLOORS = 6


def summary_lines(plan: Plan, lang: Lang) -> list[str]:
    lines = [
        message(
            "summary.coverage",
            lang,
            coverage=plan.coverage,
            required="?" if plan.required_seats is None else plan.required_seats,
            percent="?"
            if plan.required_seats is None
            else percent(plan.coverage, plan.required_seats, lang),
            fit=plan.fit,
            placements=len(plan.assignments),
        )
    ]
    if plan.bound is not None and plan.status is Status.FEASIBLE:
        gap = "-" if plan.gap is None else percent(round(plan.gap * 10000), 10000, lang)
        lines.append(
            message(
                "summary.bound", lang, coverage=plan.bound.coverage, fit=plan.bound.fit, gap=gap
            )
        )
    short = [c for c in plan.cooperatives if c.covered < c.required]
    n_short = sum(1 for c in plan.cooperatives for n in c.needs if n.placed < n.min)
    lines.append(
        message(
            "summary.short",
            lang,
            needs=n_short,
            cooperatives=len(short),
            seats=sum(c.required - c.covered for c in short),
        )
    )
    # A floor binds for the reader only where someone could still be released.
    binding = sorted(
        (o for o in plan.opd_impact if o.binding and o.candidates > o.released),
        key=lambda o: (-(o.candidates - o.released), o.opd),
    )
    if binding:
        shown = [f"{o.opd} ({o.remaining}/{o.min_staff})" for o in binding[:SHOWN_FLOORS]]
        if len(binding) > SHOWN_FLOORS:
            shown.append(message("item.more", lang, count=len(binding) - SHOWN_FLOORS))
        lines.append(message("summary.binding", lang, floors=", ".join(shown)))
    else:
        lines.append(message("summary.no_binding", lang))
    return lines


def kecamatan_table(plan: Plan, lang: Lang) -> Table:
    rows = [
        [
            k["kecamatan"],
            str(k["cooperatives"]),
            str(k["required"]),
            str(k["covered"]),
            percent(k["covered"], k["required"], lang),
            str(k["placed"]),
            str(k["short"]),
        ]
        for k in kecamatan_coverage(plan)
    ]
    return Table(
        [
            message("label.kecamatan", lang),
            message("label.cooperatives", lang),
            message("label.required", lang),
            message("label.covered", lang),
            "%",
            message("label.placed", lang),
            message("label.short", lang),
        ],
        rows,
        frozenset({1, 2, 3, 4, 5, 6}),
    )


def needs_text(cov: Any) -> str:
    return ", ".join(f"{n.role} {n.placed}/{n.min}–{n.max}" for n in cov.needs)


def cooperative_table(plan: Plan, lang: Lang, kecamatan: str | None = None) -> Table:
    rows = []
    for cov in sorted(plan.cooperatives, key=lambda c: (c.kecamatan, c.kelurahan, c.cooperative)):
        if kecamatan is not None and cov.kecamatan != kecamatan:
            continue
        row = [] if kecamatan is not None else [cov.kecamatan]
        row += [
            cov.kelurahan,
            cov.cooperative,
            needs_text(cov),
            f"{cov.covered}/{cov.required}",
            str(cov.placed),
            str(cov.required - cov.covered),
        ]
        rows.append(row)
    headers = [] if kecamatan is not None else [message("label.kecamatan", lang)]
    headers += [
        message("label.kelurahan", lang),
        message("label.cooperative", lang),
        message("label.needs_detail", lang),
        message("label.covered", lang),
        message("label.placed", lang),
        message("label.short", lang),
    ]
    off = len(headers) - 6
    return Table(headers, rows, frozenset({off + 4, off + 5}))


def opd_table(
    plan: Plan, lang: Lang, prices: Mapping[tuple[str, str | None], tuple[int, int]] | None
) -> Table:
    """The OPD impact table; ``prices`` gives a binding floor's (coverage, fit) gain."""
    price_of = prices or {}

    def price(opd: str, position: str | None, binding: bool) -> str:
        p = price_of.get((opd, position))
        if not binding or p is None:
            return message("label.none", lang)
        return message("label.price_cell", lang, coverage=p[0], fit=p[1])

    rows = []
    for o in plan.opd_impact:
        rows.append(
            [
                o.opd,
                o.name,
                str(o.candidates),
                str(o.released),
                str(o.headcount),
                str(o.remaining),
                str(o.min_staff),
                str(o.slack),
                yes(o.binding, lang),
                price(o.opd, None, o.binding),
            ]
        )
        for p in o.positions:
            rows.append(
                [
                    o.opd,
                    f"{message('label.position', lang)}: {p.name}",
                    "",
                    str(p.released),
                    str(p.headcount),
                    str(p.remaining),
                    str(p.min_staff),
                    str(p.slack),
                    yes(p.binding, lang),
                    price(o.opd, p.name, p.binding),
                ]
            )
    return Table(
        [
            message("label.opd", lang),
            message("label.name", lang),
            message("label.candidates", lang),
            message("label.released", lang),
            message("label.headcount", lang),
            message("label.remaining", lang),
            message("label.floor", lang),
            message("label.slack", lang),
            message("label.binding", lang),
            message("label.price", lang),
        ],
        rows,
        frozenset({2, 3, 4, 5, 6, 7}),
    )


def reason_counts(plan: Plan, lang: Lang) -> Table:
    counts: Counter[str] = Counter()
    for u in plan.unplaced:
        for code in {r.code for r in u.reasons}:
            counts[code] += 1
    rows = [
        [code, CODE_MEANINGS.get(code, {}).get(lang, ""), str(n)]
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return Table(
        [
            message("label.reason_code", lang),
            message("label.meaning", lang),
            message("label.count", lang),
        ],
        rows,
        frozenset({2}),
    )


# ----- conflicts -----

_PATH = re.compile(r"(opds|cooperatives)\[(\d+)\](?:\.(positions|needs)\[(\d+)\])?\.(\w+)")


def _limit_of(path: str, scenario: Scenario | None) -> str:
    """The capacity a constraint path allows (``opds[2].min_staff`` → headcount − floor)."""
    m = _PATH.fullmatch(path)
    if m is None or scenario is None:
        return "?"
    kind, i, sub, j = m.group(1), int(m.group(2)), m.group(3), m.group(4)
    try:
        if kind == "opds":
            o = scenario.opds[i]
            rec: Any = o if sub is None else (o.positions or ())[int(j)]
            return str(rec.headcount - rec.min_staff)
        k = scenario.cooperatives[i]
        if sub == "needs":
            return str(k.needs[int(j)].max)
        return str(k.max_staff)
    except (IndexError, TypeError):
        return "?"


def conflict_text(conflict: Conflict, lang: Lang, scenario: Scenario | None = None) -> str:
    """A conflict of locks as a sentence in ``lang``, classified by the constraints it names."""
    locks = [c for c in conflict.constraints if c.startswith("locks[")]
    rules = [c for c in conflict.constraints if not c.startswith("locks[")]
    values = {
        "locks": ", ".join(with_identity(c, scenario) for c in locks),
        "rules": ", ".join(with_identity(c, scenario) for c in rules),
    }
    named = ", ".join(with_identity(c, scenario) for c in conflict.constraints)
    if any(r.startswith("rules[") for r in rules):  # local rules that cannot all hold
        return message("conflict.rules", lang, constraints=named)
    if any(r.startswith("policy.") and r != "policy.max_distance_km" for r in rules):
        key = "conflict.ineligible"
    elif any(r.endswith(".min_level") for r in rules):
        key = "conflict.skill"
    elif any(r.startswith("forbidden[") for r in rules):
        key = "conflict.forbidden"
    elif rules == ["fit"]:
        key = "conflict.fit"
    elif rules == ["policy.max_distance_km"]:
        key = "conflict.distance"
    elif not rules and len(locks) == 2:
        key = "conflict.twice"
    elif len(rules) == 1 and rules[0].endswith((".max", ".max_staff", ".min_staff")):
        key = "conflict.capacity"
        limit = _limit_of(rules[0], scenario)
        if limit == "?":  # no scenario at hand: the solver's own sentence states it
            m = re.search(r"allows (\d+)", conflict.message)
            limit = m.group(1) if m else "?"
        values["limit"] = limit
    else:
        return message("conflict.other", lang, constraints=named)
    return message(key, lang, **values)


def conflict_line(conflict: Conflict, lang: Lang, scenario: Scenario | None = None) -> str:
    """``conflict: ...`` (``konflik: ...``): a conflict on a line of its own."""
    return message("summary.conflict", lang, text=conflict_text(conflict, lang, scenario))


def plan_summary(plan: Plan, lang: Lang = "id", scenario: Scenario | None = None) -> str:
    """``print(plan)``: the scenario, the status, :func:`summary_lines`, and each conflict.

    With its ``scenario``, conflicts name who and which OPD beside each path.
    """
    lines = [
        plan.scenario,
        message("summary.status", lang, status=plan.status.value),
        *summary_lines(plan, lang),
    ]
    lines += [conflict_line(c, lang, scenario) for c in plan.conflicts]
    return "\n".join(lines)


def short_need_text(
    sn: ShortNeed, lang: Lang, person: Callable[[str], str], *, cooperative: bool = True
) -> str:
    """``cooperative / role (placed/min): reason; reason`` for a need left short."""
    where = f"{sn.cooperative} / {sn.role}" if cooperative else sn.role
    reasons = "; ".join(
        reason_text(r.code, r.values, lang, about="need", person=person) for r in sn.reasons
    )
    return f"{where} ({sn.placed}/{sn.min}): {reasons}"


def plan_blocks(plan: Plan, lang: Lang = "id") -> list[Block]:
    """What a plan alone can show (no scenario): summary, conflicts, coverage, OPD, reasons."""
    blocks: list[Block] = [
        Heading(3, message("report.title", lang, scenario=plan.scenario)),
        Items(summary_lines(plan, lang)),
    ]
    if plan.conflicts:
        blocks.append(Items([conflict_text(c, lang) for c in plan.conflicts]))
    if plan.assignments:
        blocks += [Heading(4, message("label.who_goes_where", lang)), *placement_blocks(plan, lang)]
    blocks += [
        Heading(4, message("label.kecamatan_table", lang)),
        kecamatan_table(plan, lang),
        Heading(4, message("label.plan_tables", lang)),
        cooperative_table(plan, lang),
        Heading(4, message("label.opd_table", lang)),
        opd_table(plan, lang, None),
    ]
    if plan.unplaced:
        blocks += [Heading(4, message("label.unplaced", lang)), reason_counts(plan, lang)]
    if plan.short_needs:
        blocks += [
            Heading(4, message("label.short_needs", lang)),
            Items([short_need_text(sn, lang, mask_nip) for sn in plan.short_needs]),
        ]
    blocks.append(Para(audit(plan, lang), kind="audit"))
    return blocks


#: Placements the notebook view lists; the rest are counted (the report lists all).
SHOWN_PLACEMENTS = 200


def placement_blocks(plan: Plan, lang: Lang, limit: int = SHOWN_PLACEMENTS) -> list[Block]:
    """Who goes where, by kecamatan, kelurahan and role; NIPs masked (a plan has no names)."""
    where = {c.cooperative: (c.kecamatan, c.kelurahan) for c in plan.cooperatives}
    ordered = sorted(
        plan.assignments,
        key=lambda a: (*where.get(a.cooperative, ("", "")), a.cooperative, a.role, a.candidate),
    )
    rows = [
        [
            *where.get(a.cooperative, ("", "")),
            a.cooperative,
            a.role,
            mask_nip(a.candidate),
            str(a.score),
        ]
        for a in ordered[:limit]
    ]
    table = Table(
        [
            message("label.kecamatan", lang),
            message("label.kelurahan", lang),
            message("label.cooperative", lang),
            message("label.role", lang),
            message("label.person", lang),
            message("label.score", lang),
        ],
        rows,
        frozenset({5}),
    )
    if len(ordered) <= limit:
        return [table]
    return [table, Para(message("item.more", lang, count=len(ordered) - limit))]


def plan_html(plan: Plan, lang: Lang = "id") -> str:
    """The notebook view of a plan (``Plan._repr_html_``): an escaped HTML fragment.

    NIPs in reasons are masked (``mask_nip``); names are not in a plan.
    """
    return (
        '<div class="penempatan-plan">\n' + render_html_blocks(plan_blocks(plan, lang)) + "\n</div>"
    )

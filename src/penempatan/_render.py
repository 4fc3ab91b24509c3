"""Reports that explain a plan, in Bahasa Indonesia or English, as Markdown or HTML.

:func:`explain_report` builds one page per plan: the audit line, the summary,
conflicts (if any), coverage tables per kecamatan and kelurahan with every
placement and why, the needs left below their minimum and why, the OPD impact
table with each binding floor's exact price (:mod:`penempatan._floor_price`),
the reasons candidates were not placed, and, on request, a section per
candidate. :func:`plan_html` is the notebook view of a plan alone
(``Plan._repr_html_``).

Pages are first built as a list of plain-text blocks (headings, paragraphs,
tables, lists) and then written out by one renderer per format, so both
formats say the same. Every string from the scenario or the plan is escaped
on the way out: :func:`html.escape` for HTML; Markdown's punctuation for
Markdown. Sentences come from :mod:`penempatan._messages`. With
``pseudonymise_key`` every person is shown by pseudonym only (no name, no NIP).
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from penempatan._eligibility import age_on
from penempatan._explain import PlanMismatchError, explain_plan
from penempatan._floor_price import FloorPrice, floor_prices
from penempatan._messages import (
    CODE_MEANINGS,
    LANGS,
    Lang,
    message,
    number,
    percent,
    reason_text,
)
from penempatan._models import Scenario
from penempatan._plan import Conflict, Plan, Reason
from penempatan._privacy import mask_nip, pseudonym
from penempatan._status import Status

Format = Literal["md", "html"]
FORMATS: tuple[Format, ...] = ("md", "html")


# ----- blocks -----


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Items:
    items: list[str]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = field(default_factory=frozenset)


Block = Heading | Para | Items | Table

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md_escape(text: str) -> str:
    """Text with Markdown punctuation escaped and line breaks flattened (safe in table cells)."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\r", " ").replace("\n", " ")


def render_md(blocks: Sequence[Block]) -> str:
    """Blocks as CommonMark with pipe tables."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append("#" * b.level + " " + md_escape(b.text))
        elif isinstance(b, Para):
            out.append(md_escape(b.text))
        elif isinstance(b, Items):
            out.append("\n".join("- " + md_escape(item) for item in b.items))
        else:
            lines = ["| " + " | ".join(md_escape(h) for h in b.headers) + " |"]
            lines.append(
                "|"
                + "|".join("---:" if i in b.numeric else "---" for i in range(len(b.headers)))
                + "|"
            )
            for row in b.rows:
                lines.append("| " + " | ".join(md_escape(c) for c in row) + " |")
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:72rem;margin:1rem auto;padding:0 1rem}"
    "table{border-collapse:collapse;margin:.5rem 0}"
    "th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}"
    "td.n{text-align:right}"
)


def render_html_blocks(blocks: Sequence[Block]) -> str:
    """Blocks as HTML elements; every text escaped."""
    esc = html.escape
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append(f"<h{b.level}>{esc(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            out.append(f"<p>{esc(b.text)}</p>")
        elif isinstance(b, Items):
            out.append("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in b.items) + "</ul>")
        else:
            head = "".join(f"<th>{esc(h)}</th>" for h in b.headers)
            rows = "".join(
                "<tr>"
                + "".join(
                    f'<td class="n">{esc(c)}</td>' if i in b.numeric else f"<td>{esc(c)}</td>"
                    for i, c in enumerate(row)
                )
                + "</tr>"
                for row in b.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return "\n".join(out)


def render_html(blocks: Sequence[Block], *, title: str, lang: Lang) -> str:
    """Blocks as a complete HTML document."""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + render_html_blocks(blocks)
        + "\n</body>\n</html>\n"
    )


# ----- shared pieces -----


def _yes(value: bool, lang: Lang) -> str:
    return message("label.yes" if value else "label.no", lang)


def _audit(plan: Plan, lang: Lang) -> str:
    sv = plan.solver
    limit = (
        message("report.no_time_limit", lang)
        if sv.time_limit_s is None
        else f"{number(sv.time_limit_s, lang)} s"
    )
    return message(
        "report.audit",
        lang,
        status=plan.status.value,
        sha=plan.scenario_sha256,
        engine=sv.engine,
        seed=sv.seed,
        workers=sv.workers,
        time_limit=limit,
        versions=", ".join(f"{k} {v}" for k, v in sorted(sv.versions.items())),
    )


def _summary_lines(plan: Plan, lang: Lang) -> list[str]:
    lines = [
        message(
            "summary.coverage",
            lang,
            coverage=plan.coverage,
            required=plan.required_seats,
            percent=percent(plan.coverage, plan.required_seats, lang),
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
    binding = [o for o in plan.opd_impact if o.binding and o.candidates > 0]
    if binding:
        lines.append(
            message(
                "summary.binding",
                lang,
                floors=", ".join(f"{o.opd} ({o.remaining}/{o.min_staff})" for o in binding),
            )
        )
    else:
        lines.append(message("summary.no_binding", lang))
    return lines


def _kecamatan_table(plan: Plan, lang: Lang) -> Table:
    by_kec: dict[str, list[Any]] = defaultdict(list)
    for cov in plan.cooperatives:
        by_kec[cov.kecamatan].append(cov)
    rows = []
    for kec in sorted(by_kec):
        cs = by_kec[kec]
        req = sum(c.required for c in cs)
        got = sum(c.covered for c in cs)
        rows.append(
            [
                kec,
                str(len(cs)),
                str(req),
                str(got),
                percent(got, req, lang),
                str(sum(c.placed for c in cs)),
                str(req - got),
            ]
        )
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


def _needs_text(cov: Any) -> str:
    return ", ".join(f"{n.role} {n.placed}/{n.min}–{n.max}" for n in cov.needs)


def _cooperative_table(plan: Plan, lang: Lang, kecamatan: str | None = None) -> Table:
    rows = []
    for cov in sorted(plan.cooperatives, key=lambda c: (c.kecamatan, c.kelurahan, c.cooperative)):
        if kecamatan is not None and cov.kecamatan != kecamatan:
            continue
        row = [] if kecamatan is not None else [cov.kecamatan]
        row += [
            cov.kelurahan,
            cov.cooperative,
            _needs_text(cov),
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


def _opd_table(plan: Plan, lang: Lang, prices: list[FloorPrice] | None) -> Table:
    price_of = {(p.opd, p.position): p for p in prices or ()}

    def price(opd: str, position: str | None, binding: bool) -> str:
        p = price_of.get((opd, position))
        if not binding or p is None:
            return message("label.none", lang)
        return message("label.price_cell", lang, coverage=p.coverage_gain, fit=p.fit_gain)

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
                _yes(o.binding, lang),
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
                    _yes(p.binding, lang),
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


def _reason_counts(plan: Plan, lang: Lang) -> Table:
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
    values = {"locks": ", ".join(locks), "rules": ", ".join(rules)}
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
        key = "conflict.other"
    return message(key, lang, **values)


# ----- the report -----


def _person(scenario: Scenario, key: str | None) -> Callable[[str], str]:
    """How people are shown: name and NIP, or only a pseudonym when a key is given."""
    cands = {c.nip: c for c in scenario.candidates}
    if key is not None:

        def pseudo(nip: str) -> str:
            return pseudonym(nip, key)

        return pseudo

    def full(nip: str) -> str:
        c = cands.get(nip)
        return f"{c.name} ({nip})" if c is not None else nip

    return full


def _resolve_candidates(
    scenario: Scenario, wanted: str | Sequence[str] | None, key: str | None
) -> list[str]:
    if wanted is None:
        return []
    items = [wanted] if isinstance(wanted, str) else list(wanted)
    nips = {c.nip for c in scenario.candidates}
    by_pseudonym = {pseudonym(n, key): n for n in nips} if key is not None else {}
    out = []
    for w in items:
        if w in nips:
            out.append(w)
        elif w in by_pseudonym:
            out.append(by_pseudonym[w])
        else:
            raise ValueError(f"candidate {w!r} is not in the scenario")
    return out


def _candidate_blocks(
    scenario: Scenario,
    plan: Plan,
    nip: str,
    lang: Lang,
    person: Callable[[str], str],
) -> list[Block]:
    c = scenario.candidates[scenario.candidate_index[nip]]
    blocks: list[Block] = [Heading(2, message("label.candidate_section", lang, person=person(nip)))]
    blocks.append(
        Para(
            message(
                "label.candidate_facts",
                lang,
                opd=c.opd,
                position=c.position or message("label.none", lang),
                education=c.education,
                age=age_on(c.birth_date, scenario.reference_date),
                reference_date=scenario.reference_date.isoformat(),
                computer=_yes(c.computer_skill, lang),
                nominated=_yes(c.nominated, lang),
                skills=", ".join(f"{r} {lvl}" for r, lvl in sorted(c.skills.items())),
            )
        )
    )
    reasons: Sequence[Reason] = ()
    placed = next((a for a in plan.assignments if a.candidate == nip), None)
    if placed is not None:
        kel = next(
            (k.kelurahan for k in plan.cooperatives if k.cooperative == placed.cooperative), ""
        )
        blocks.append(
            Para(
                message(
                    "label.placed_at",
                    lang,
                    cooperative=placed.cooperative,
                    kelurahan=kel,
                    role=placed.role,
                    score=placed.score,
                )
            )
        )
        reasons = placed.reasons
    else:
        blocks.append(Para(message("label.not_placed", lang)))
        reasons = next((u.reasons for u in plan.unplaced if u.candidate == nip), ())
    blocks.append(Items([reason_text(r.code, r.values, lang, person=person) for r in reasons]))
    return blocks


def report_blocks(
    scenario: Scenario,
    plan: Plan,
    *,
    lang: Lang = "id",
    candidate: str | Sequence[str] | None = None,
    pseudonymise_key: str | None = None,
    prices: bool = True,
) -> list[Block]:
    """The report as plain-text blocks (see :func:`explain_report`)."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    if pseudonymise_key is not None and not pseudonymise_key:
        raise ValueError("a pseudonymisation key must not be empty")
    if plan.scenario_sha256 != scenario.sha256:
        raise PlanMismatchError("the plan was not solved from this scenario")
    wanted = _resolve_candidates(scenario, candidate, pseudonymise_key)
    e = explain_plan(scenario, plan)
    person = _person(scenario, pseudonymise_key)
    priced = floor_prices(scenario, e) if prices else None

    blocks: list[Block] = [
        Heading(1, message("report.title", lang, scenario=scenario.name)),
        Para(_audit(e, lang)),
        Heading(2, message("label.summary", lang)),
        Items(
            [
                *_summary_lines(e, lang),
                message(
                    "summary.candidates",
                    lang,
                    candidates=len(scenario.candidates),
                    placed=len(e.assignments),
                    unplaced=len(e.unplaced),
                    ineligible=sum(
                        1
                        for u in e.unplaced
                        if any(r.code.startswith("ineligible.") for r in u.reasons)
                    ),
                ),
            ]
        ),
    ]
    if e.conflicts:
        blocks += [
            Heading(2, message("label.conflicts", lang)),
            Para(message("label.conflicts_intro", lang)),
            Items([conflict_text(c, lang, scenario) for c in e.conflicts]),
        ]

    # Coverage: kecamatan, then each kecamatan's kelurahan, then each cooperative's placements.
    blocks += [Heading(2, message("label.kecamatan_table", lang)), _kecamatan_table(e, lang)]
    by_coop: dict[str, list[Any]] = defaultdict(list)
    for a in e.assignments:
        by_coop[a.cooperative].append(a)
    short_by_coop: dict[str, list[Any]] = defaultdict(list)
    for sn in e.short_needs:
        short_by_coop[sn.cooperative].append(sn)
    cand_opd = {c.nip: c.opd for c in scenario.candidates}
    for kec in sorted({c.kecamatan for c in e.cooperatives}):
        blocks += [
            Heading(3, f"{message('label.kecamatan', lang)} {kec}"),
            _cooperative_table(e, lang, kec),
        ]
        for cov in sorted(
            (c for c in e.cooperatives if c.kecamatan == kec),
            key=lambda c: (c.kelurahan, c.cooperative),
        ):
            blocks.append(Heading(4, f"{cov.kelurahan} ({cov.cooperative})"))
            placed = by_coop.get(cov.cooperative, [])
            if placed:
                rows = []
                for a in placed:
                    why = [
                        reason_text(r.code, r.values, lang, person=person)
                        for r in a.reasons
                        if r.code.startswith(("seat.", "next_best", "only_option", "locked"))
                    ]
                    rows.append(
                        [
                            a.role,
                            person(a.candidate),
                            cand_opd.get(a.candidate, ""),
                            str(a.score),
                            "; ".join(why),
                        ]
                    )
                blocks.append(
                    Table(
                        [
                            message("label.role", lang),
                            message("label.person", lang),
                            message("label.opd", lang),
                            message("label.score", lang),
                            message("label.why", lang),
                        ],
                        rows,
                        frozenset({3}),
                    )
                )
            else:
                blocks.append(Para(message("label.no_placements", lang)))
            shorts = short_by_coop.get(cov.cooperative, [])
            if shorts:
                blocks.append(
                    Items(
                        [
                            f"{sn.role} ({sn.placed}/{sn.min}): "
                            + "; ".join(
                                reason_text(r.code, r.values, lang, about="need", person=person)
                                for r in sn.reasons
                            )
                            for sn in shorts
                        ]
                    )
                )

    # Needs below their minimum, all in one place.
    blocks.append(Heading(2, message("label.short_needs", lang)))
    if e.short_needs:
        blocks.append(
            Items(
                [
                    f"{sn.cooperative} / {sn.role} ({sn.placed}/{sn.min}): "
                    + "; ".join(
                        reason_text(r.code, r.values, lang, about="need", person=person)
                        for r in sn.reasons
                    )
                    for sn in e.short_needs
                ]
            )
        )
    else:
        blocks.append(Para(message("label.no_short_needs", lang)))

    # OPD impact and the price of the floors.
    blocks += [Heading(2, message("label.opd_table", lang)), _opd_table(e, lang, priced)]
    blocks.append(Heading(2, message("label.floor_prices", lang)))
    if priced is None:
        blocks.append(Para(message("label.floor_prices_skipped", lang)))
    elif not priced:
        blocks.append(Para(message("label.floor_prices_none", lang)))
    else:
        blocks.append(Para(message("label.floor_prices_intro", lang)))
        blocks.append(
            Table(
                [
                    message("label.opd", lang),
                    message("label.position", lang),
                    message("label.released", lang),
                    message("label.floor", lang),
                    message("label.coverage_gain", lang),
                    message("label.fit_gain", lang),
                    message("label.method", lang),
                ],
                [
                    [
                        p.opd,
                        p.position or message("label.none", lang),
                        str(p.released),
                        str(p.min_staff),
                        f"{p.coverage_gain:+d}",
                        f"{p.fit_gain:+d}",
                        message(f"method.{p.method}", lang),
                    ]
                    for p in priced
                ],
                frozenset({2, 3, 4, 5}),
            )
        )

    # Why candidates were not placed.
    blocks += [Heading(2, message("label.unplaced", lang)), _reason_counts(e, lang)]

    for nip in wanted:
        blocks += _candidate_blocks(scenario, e, nip, lang, person)
    return blocks


def explain_report(
    scenario: Scenario,
    plan: Plan,
    lang: Lang = "id",
    fmt: Format = "md",
    candidate: str | Sequence[str] | None = None,
    pseudonymise_key: str | None = None,
    *,
    prices: bool = True,
) -> str:
    """One page explaining ``plan``: summary, tables, floors and their price, and candidates.

    ``lang`` ``"id"`` (default) or ``"en"``; ``fmt`` ``"md"`` or ``"html"``;
    ``candidate``: a NIP (or its pseudonym under ``pseudonymise_key``), or
    several, for a section each; ``pseudonymise_key`` shows every person by
    pseudonym only; ``prices=False`` skips the floor prices (one exact
    re-solve per binding floor). Raises ``ValueError`` for an unknown language,
    format or candidate, and :class:`~penempatan._explain.PlanMismatchError`
    when the plan was not solved from ``scenario``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    blocks = report_blocks(
        scenario,
        plan,
        lang=lang,
        candidate=candidate,
        pseudonymise_key=pseudonymise_key,
        prices=prices,
    )
    if fmt == "md":
        return render_md(blocks)
    return render_html(
        blocks, title=message("report.title", lang, scenario=scenario.name), lang=lang
    )


def plan_blocks(plan: Plan, lang: Lang = "id") -> list[Block]:
    """What a plan alone can show (no scenario): summary, conflicts, coverage, OPD, reasons."""
    blocks: list[Block] = [
        Heading(3, message("report.title", lang, scenario=plan.scenario)),
        Para(_audit(plan, lang)),
        Items(_summary_lines(plan, lang)),
    ]
    if plan.conflicts:
        blocks.append(Items([conflict_text(c, lang) for c in plan.conflicts]))
    blocks += [
        Heading(4, message("label.kecamatan_table", lang)),
        _kecamatan_table(plan, lang),
        Heading(4, message("label.plan_tables", lang)),
        _cooperative_table(plan, lang),
        Heading(4, message("label.opd_table", lang)),
        _opd_table(plan, lang, None),
    ]
    if plan.unplaced:
        blocks += [Heading(4, message("label.unplaced", lang)), _reason_counts(plan, lang)]
    if plan.short_needs:
        blocks += [
            Heading(4, message("label.short_needs", lang)),
            Items(
                [
                    f"{sn.cooperative} / {sn.role} ({sn.placed}/{sn.min}): "
                    + "; ".join(
                        reason_text(r.code, r.values, lang, about="need", person=mask_nip)
                        for r in sn.reasons
                    )
                    for sn in plan.short_needs
                ]
            ),
        ]
    return blocks


def plan_html(plan: Plan, lang: Lang = "id") -> str:
    """The notebook view of a plan (``Plan._repr_html_``): an escaped HTML fragment.

    NIPs in reasons are masked (``mask_nip``); names are not in a plan.
    """
    return (
        '<div class="penempatan-plan">\n' + render_html_blocks(plan_blocks(plan, lang)) + "\n</div>"
    )

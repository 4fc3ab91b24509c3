"""Reports that explain a plan, in Bahasa Indonesia or English, as Markdown or HTML.

:func:`explain_report` builds one page per plan: the audit line, the summary,
conflicts (if any), coverage tables per kecamatan and kelurahan with every
placement and why, the needs left below their minimum and why, the OPD impact
table with each binding floor's exact price (:mod:`penempatan.explain._floor_price`),
the reasons candidates were not placed, and, on request, a section per
candidate. The notebook view of a plan alone is
:func:`penempatan.plan._view.plan_html`.

Pages are first built as a list of plain-text blocks (headings, paragraphs,
tables, lists) and then written out by one renderer per format, so both
formats say the same. Every string from the scenario or the plan is escaped
on the way out: :func:`html.escape` for HTML; Markdown's punctuation for
Markdown. Sentences come from :mod:`penempatan.i18n._messages`. With
``pseudonymise_key`` every person is shown by pseudonym only (no name, no NIP).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, Literal

from penempatan._errors import PlanMismatchError, expect
from penempatan.explain import explain_plan, floor_prices
from penempatan.i18n import CODE_MEANINGS, LANGS, Lang, message, reason_text
from penempatan.plan import Plan, Reason
from penempatan.plan._pseudonym import pseudonym
from penempatan.plan._view import (
    audit,
    conflict_text,
    cooperative_table,
    kecamatan_table,
    opd_table,
    reason_counts,
    summary_lines,
    yes,
)
from penempatan.render import (
    Block,
    Heading,
    Items,
    Para,
    Table,
    render_html,
    render_md,
    render_text,
)
from penempatan.rules._eligibility import age_on
from penempatan.scenario import Scenario

Format = Literal["text", "md", "html"]
FORMATS: tuple[Format, ...] = ("text", "md", "html")


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
                computer=yes(c.computer_skill, lang),
                nominated=yes(c.nominated, lang),
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
        Heading(2, message("label.summary", lang)),
        Items(
            [
                *summary_lines(e, lang),
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
    blocks += [Heading(2, message("label.kecamatan_table", lang)), kecamatan_table(e, lang)]
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
            cooperative_table(e, lang, kec),
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
                # Only what is short here and the kind of reason: the people behind it
                # are named once, in the section on needs below their minimum.
                blocks.append(
                    Items(
                        [
                            f"{sn.role} ({sn.placed}/{sn.min}): "
                            + ", ".join(
                                dict.fromkeys(
                                    CODE_MEANINGS.get(r.code, {}).get(lang, r.code)
                                    for r in sn.reasons
                                )
                            )
                            for sn in shorts
                        ]
                    )
                )

    # Needs below their minimum, all in one place: needs short for the same reasons
    # (the same people held back or placed elsewhere) are one line.
    blocks.append(Heading(2, message("label.short_needs", lang)))
    if e.short_needs:
        blocks.append(Items(_short_need_lines(e, lang, person)))
    else:
        blocks.append(Para(message("label.no_short_needs", lang)))

    # OPD impact and the price of the floors.
    blocks += [
        Heading(2, message("label.opd_table", lang)),
        opd_table(
            e,
            lang,
            None
            if priced is None
            else {(p.opd, p.position): (p.coverage_gain, p.fit_gain) for p in priced},
        ),
    ]
    blocks.append(Heading(2, message("label.floor_prices", lang)))
    if priced is None:
        blocks.append(Para(message("label.floor_prices_skipped", lang)))
    elif not [p for p in priced if p.method != "no-candidate"]:
        blocks.append(Para(message("label.floor_prices_none", lang)))
    else:
        # A floor of an OPD all of whose candidates are released binds nobody:
        # it is left out (its price is 0, with no candidate left to release).
        priced = [p for p in priced if p.method != "no-candidate"]
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

    # Why candidates were not placed: counted by reason, then each by name.
    blocks += [Heading(2, message("label.unplaced", lang)), reason_counts(e, lang)]
    if e.unplaced:
        blocks.append(_unplaced_table(e, lang, person, cand_opd))

    for nip in wanted:
        blocks += _candidate_blocks(scenario, e, nip, lang, person)
    # The audit record last: for whoever checks the plan, not in the reader's way.
    blocks += [Heading(2, message("label.audit", lang)), Para(audit(e, lang), kind="audit")]
    return blocks


def _short_need_lines(plan: Plan, lang: Lang, person: Callable[[str], str]) -> list[str]:
    """One line per group of needs with the same role and the same reasons, in plan order.

    A full cooperative is a fact of that cooperative alone: it is said beside its
    name, not counted as a different reason.
    """
    groups: dict[tuple[str, tuple[str, ...]], list[Any]] = {}
    for sn in plan.short_needs:
        texts = tuple(
            reason_text(r.code, r.values, lang, about="need", person=person)
            for r in sn.reasons
            if r.code != "cooperative_full"
        )
        groups.setdefault((sn.role, texts), []).append(sn)
    lines = []
    for (role, texts), needs in groups.items():
        full = message("label.full", lang)
        where = ", ".join(
            f"{sn.cooperative} {sn.placed}/{sn.min}"
            + (f" ({full})" if any(r.code == "cooperative_full" for r in sn.reasons) else "")
            for sn in needs
        )
        lines.append(f"{role}: {where}: " + "; ".join(texts))
    return lines


def _unplaced_table(
    plan: Plan, lang: Lang, person: Callable[[str], str], opd_of: dict[str, str]
) -> Table:
    """Every candidate not placed: who, from which OPD, and the kinds of reason."""
    rows = [
        [
            person(u.candidate),
            opd_of.get(u.candidate, ""),
            ", ".join(
                dict.fromkeys(CODE_MEANINGS.get(r.code, {}).get(lang, r.code) for r in u.reasons)
            ),
        ]
        for u in sorted(plan.unplaced, key=lambda u: (opd_of.get(u.candidate, ""), u.candidate))
    ]
    return Table(
        [message("label.person", lang), message("label.opd", lang), message("label.why", lang)],
        rows,
    )


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

    ``lang`` ``"id"`` (default) or ``"en"``; ``fmt`` ``"md"`` (default),
    ``"html"`` (with a print stylesheet) or ``"text"`` (plain, aligned, for a terminal);
    ``candidate``: a NIP (or its pseudonym under ``pseudonymise_key``), or
    several, for a section each; ``pseudonymise_key`` shows every person by
    pseudonym only; ``prices=False`` skips the floor prices (one exact
    re-solve per binding floor). Raises ``ValueError`` for an unknown language,
    format or candidate, and :class:`~penempatan.PlanMismatchError`
    when the plan was not solved from ``scenario``.
    """
    expect(scenario, Scenario, "scenario")
    expect(plan, Plan, "plan")
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
    if fmt == "text":
        return render_text(blocks)
    if fmt == "md":
        return render_md(blocks)
    return render_html(
        blocks, title=message("report.title", lang, scenario=scenario.name), lang=lang
    )

"""Rule 8 of the spec, the local rules, checked from a scenario and a list of placements alone.

For every rule and every group ``g`` of its ``per`` (each cooperative, each
kecamatan, or the whole scenario), and every value ``v`` of its ``group_by``
where it has one, ``n`` is the number of placements in ``g`` (with attribute
``v``) whose candidate matches the rule's ``of`` filter and ``N`` the number
of all placements in ``g``:

* ``at_most``: ``n ≤ count``;
* ``at_least``: ``N ≥ if_staffed`` implies ``n ≥ count`` (``if_staffed`` 0:
  in every group, an empty one included).

This module is plain Python over the records, shared with no model builder,
so that :func:`penempatan.verify` checks the rules independently of the
engines. The same filter and group definitions serve the explanations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from penempatan.scenario import (
    EDUCATION_RANK,
    Candidate,
    Cooperative,
    Rule,
    Scenario,
    filter_matches,
)


def group_of(rule: Rule, k: Cooperative) -> str:
    """The group of ``rule.per`` that cooperative ``k`` belongs to (its id, kecamatan, or all)."""
    if rule.per == "cooperative":
        return k.id
    if rule.per == "kecamatan":
        return k.kecamatan
    return "all"


def part_of(rule: Rule, c: Candidate) -> str | None:
    """The ``group_by`` part of candidate ``c`` ("" without ``group_by``; None: not counted).

    Education parts are named by the lowest level of the rank (SMA for SMA and
    SMK, D4 for D4 and S1); a candidate without a position is in no position part.
    """
    if rule.group_by is None:
        return ""
    if rule.group_by == "opd":
        return c.opd
    if rule.group_by == "position":
        return c.position
    rank = EDUCATION_RANK[c.education]
    return next(level for level, r in EDUCATION_RANK.items() if r == rank)


@dataclass(frozen=True)
class RuleBreach:
    """One group where a local rule does not hold."""

    rule_index: int
    rule: Rule
    group: str
    part: str
    counted: int
    placed: int

    @property
    def path(self) -> str:
        return f"rules[{self.rule_index}]"

    @property
    def message(self) -> str:
        where = self.group + (f", {self.rule.group_by} {self.part}" if self.part else "")
        if self.rule.kind == "at_most":
            return (
                f"rule {self.rule.id!r} in {where}: {self.counted} counted placements, "
                f"at most {self.rule.count}"
            )
        return (
            f"rule {self.rule.id!r} in {where}: {self.placed} placements, "
            f"{self.counted} counted, at least {self.rule.count} when "
            f"{self.rule.threshold} or more are placed"
        )


def local_rule_breaches(
    scenario: Scenario, placements: Iterable[tuple[str, str]]
) -> list[RuleBreach]:
    """Every group in which a local rule of ``scenario`` fails, for ``(NIP, cooperative)`` pairs.

    Placements naming an unknown candidate or cooperative are not counted here
    (``verify`` reports them as references).
    """
    if not scenario.rules:
        return []
    cands = {c.nip: c for c in scenario.candidates}
    coops = {k.id: k for k in scenario.cooperatives}
    pairs = [(cands[n], coops[k]) for n, k in placements if n in cands and k in coops]
    out: list[RuleBreach] = []
    for ri, rule in enumerate(scenario.rules):
        placed: Counter[str] = Counter()
        counted: Counter[tuple[str, str]] = Counter()
        for c, k in pairs:
            g = group_of(rule, k)
            placed[g] += 1
            part = part_of(rule, c)
            if part is not None and filter_matches(rule.of, c):
                counted[(g, part)] += 1
        if rule.kind == "at_most":
            for (g, part), n in sorted(counted.items()):
                if n > rule.count:
                    out.append(RuleBreach(ri, rule, g, part, n, placed[g]))
            continue
        groups = sorted(dict.fromkeys(group_of(rule, k) for k in scenario.cooperatives))
        for g in groups:
            n = counted[(g, "")]
            if placed[g] >= rule.threshold and n < rule.count:
                out.append(RuleBreach(ri, rule, g, "", n, placed[g]))
    return out

"""Which seats the local rules close to a candidate in a plan (codes ``rule``, ``held_by_rule``).

A permitted triple (candidate ``c``, need ``n`` at cooperative ``k``) of a
candidate not placed is *closed by* rule ``r`` when placing ``c`` there, on top
of the plan's placements, would break ``r`` in a group of ``k``: an
``at_most`` group where ``c`` is counted and which already has ``count``
counted placements, or an ``at_least`` group with ``if_staffed ≥ 1`` that
would then have ``if_staffed`` placements and fewer than ``count`` counted.
An ``at_least`` rule with ``if_staffed`` 0 closes nothing (a placement only
raises its count). The closures are listed as (triple, rule, group) rows
sorted by triple, then rule.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np

from penempatan.explain._context import Context
from penempatan.rules._network import IntArray
from penempatan.rules._rule_groups import RuleGroup, rule_groups


@dataclass(frozen=True)
class Closures:
    """Closed (triple, rule, group) rows, sorted by triple then rule; ``groups`` they index."""

    triple: IntArray
    rule: IntArray
    group: IntArray
    groups: tuple[RuleGroup, ...]

    def of(self, lo: int, hi: int) -> slice:
        """The rows of triples ``lo ≤ t < hi`` (a candidate's or a need's range in order)."""
        a = int(np.searchsorted(self.triple, lo, side="left"))
        b = int(np.searchsorted(self.triple, hi, side="left"))
        return slice(a, b)

    def rules_of(self, t: int) -> IntArray:
        """The rules closing triple ``t``."""
        out: IntArray = self.rule[self.of(t, t + 1)]
        return out


#: Each explanation's closures, found once for the candidates' and the needs' reasons.
_CLOSURES: weakref.WeakKeyDictionary[Context, Closures] = weakref.WeakKeyDictionary()


def closures(ex: Context) -> Closures:
    """The seats closed by a rule to the candidates the plan leaves out (module docstring).

    Found once per :class:`Context` and shared by every caller.
    """
    found = _CLOSURES.get(ex)
    if found is None:
        found = _CLOSURES[ex] = _closures(ex)
    return found


def _closures(ex: Context) -> Closures:
    net, st = ex.net, ex.st
    empty = np.zeros(0, np.int64)
    if not ex.s.rules or not ex.plan.status.has_solution:
        return Closures(empty, empty, empty, ())
    groups = tuple(rule_groups(net))
    x = np.zeros(net.n_triples, bool)
    keys = st.a_cand * len(net.need_role) + st.a_need
    at = np.searchsorted(net.t_key, keys)
    x[at[at < net.n_triples]] = True
    open_t = ~st.placed[net.t_cand]
    rows_t: list[IntArray] = []
    rows_g: list[int] = []
    for gi, g in enumerate(groups):
        n = int(np.count_nonzero(x[g.counted]))
        if g.kind == "at_most":
            if n < g.count:
                continue
            closed = g.counted[open_t[g.counted]]
        else:
            if g.threshold == 0 or int(np.count_nonzero(x[g.members])) + 1 < g.threshold:
                continue
            counted = np.zeros(net.n_triples, bool)
            counted[g.counted] = True
            after = n + counted[g.members]
            closed = g.members[open_t[g.members] & (after < g.count)]
        if closed.size:
            rows_t.append(closed)
            rows_g.extend([gi] * closed.size)
    if not rows_t:
        return Closures(empty, empty, empty, groups)
    t = np.concatenate(rows_t)
    gr = np.array(rows_g, dtype=np.int64)
    r = np.array([groups[i].rule for i in gr.tolist()], dtype=np.int64)
    order = np.lexsort((gr, r, t))
    t, r, gr = t[order], r[order], gr[order]
    # One row per (triple, rule): the first group of the rule that closes it.
    keep = np.ones(t.size, bool)
    keep[1:] = (t[1:] != t[:-1]) | (r[1:] != r[:-1])
    return Closures(t[keep], r[keep], gr[keep], groups)


def by_need(c: Closures, triples: IntArray) -> dict[int, IntArray]:
    """For the triples of one need: triple → the rules closing it (only closed triples)."""
    out: dict[int, IntArray] = {}
    if c.triple.size == 0:
        return out
    hit = np.isin(triples, c.triple)
    for t in triples[hit].tolist():
        out[t] = c.rules_of(t)
    return out

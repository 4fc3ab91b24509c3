"""The local rules over the network's triples: for every rule, its groups as triple-index arrays.

A rule's group ``g`` (a cooperative, a kecamatan or the whole scenario, and a
``group_by`` part) becomes two sets of triples: ``counted``, the triples of
candidates matching ``of`` (in the part) at a cooperative of ``g``, and
``members``, every triple at a cooperative of ``g``. Since a candidate is
placed at most once, ``Σ x[counted]`` is the spec's ``n`` and ``Σ x[members]``
its ``N``.

Groups that cannot bind are left out: an ``at_most`` group with at most
``count`` distinct candidates among its triples, an ``at_least`` group with
``if_staffed > 0`` whose triples have fewer than ``if_staffed`` candidates.
An ``at_least`` group with ``if_staffed`` 0 is kept even when it has too few
triples, since it then makes the scenario infeasible. Engines turn each group
into one linear constraint; explanations read the same groups.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import numpy as np

from penempatan.rules._local import group_of, part_of
from penempatan.rules._network import IntArray, Network
from penempatan.scenario import filter_matches


@dataclass(frozen=True, eq=False)
class RuleGroup:
    """One group of one local rule, as the triples it counts."""

    rule: int  # index in scenario.rules
    group: str  # cooperative id, kecamatan name or "all"
    part: str  # the group_by value ("" without group_by)
    kind: str  # "at_most" or "at_least"
    count: int
    threshold: int  # if_staffed of an at_least rule (0: unconditional); 0 for at_most
    counted: IntArray = field(repr=False)
    members: IntArray = field(repr=False)  # every triple of the group (at_least with threshold)


def _distinct_per_key(keys: IntArray, cands: IntArray, n_cands: int) -> IntArray:
    """For each distinct value of ``keys`` (ascending), how many distinct ``cands`` it has.

    One sort of the (key, candidate) pairs for all groups at once, not one ``unique``
    per group (and a sort, not numpy's hashing ``unique``, which is slower here).
    """
    width = max(1, n_cands)
    pairs = np.sort(keys * width + cands)
    pair_keys = pairs[np.diff(pairs, prepend=-1) != 0] // width
    starts = np.flatnonzero(np.diff(pair_keys, prepend=-1))
    return np.diff(np.append(starts, pair_keys.size)).astype(np.int64)


def most_placed(net: Network, members: IntArray) -> int:
    """The most placements the triples ``members`` can hold together: at most one per
    distinct candidate (rule 3), and per cooperative at most its cap and the sum of its
    needs' maxima (rules 4 and 5). The big-M of a conditional group's ``staffed`` literal.
    """
    coops = np.unique(net.t_coop[members])
    need_room = np.bincount(net.need_coop, weights=net.need_max, minlength=net.coop_cap.size)
    room = np.where(net.coop_cap >= 0, np.minimum(net.coop_cap, need_room), need_room)
    return int(min(np.unique(net.t_cand[members]).size, int(room[coops].sum())))


#: Each network's groups, found once for the engine and the explanation alike.
_GROUPS: weakref.WeakKeyDictionary[Network, tuple[RuleGroup, ...]] = weakref.WeakKeyDictionary()


def rule_groups(net: Network) -> list[RuleGroup]:
    """Every group of every local rule of ``net.scenario`` that can bind (module docstring).

    Found once per network (a network is never changed): a new list of the same
    groups each call. Their arrays are shared and must not be written to.
    """
    found = _GROUPS.get(net)
    if found is None:
        found = tuple(_rule_groups(net))
        for g in found:
            g.counted.flags.writeable = False
            g.members.flags.writeable = False
        _GROUPS[net] = found
    return list(found)


def _rule_groups(net: Network) -> list[RuleGroup]:
    s = net.scenario
    out: list[RuleGroup] = []
    t_coop = net.t_coop
    empty = np.zeros(0, np.int64)
    n_cands = len(s.candidates)
    for ri, rule in enumerate(s.rules):
        names = [group_of(rule, k) for k in s.cooperatives]
        labels = sorted(set(names))
        label_ix = {g: i for i, g in enumerate(labels)}
        coop_group = np.array([label_ix[g] for g in names], dtype=np.int64)
        parts_of = [part_of(rule, c) for c in s.candidates]
        part_names = sorted({p for p in parts_of if p is not None})
        part_ix = {p: i for i, p in enumerate(part_names)}
        cand_part = np.array(
            [
                part_ix[p] if p is not None and filter_matches(rule.of, c) else -1
                for c, p in zip(s.candidates, parts_of, strict=True)
            ],
            dtype=np.int64,
        ).reshape(-1)
        t_group = coop_group[t_coop] if t_coop.size else empty
        t_part = cand_part[net.t_cand] if net.t_cand.size else empty
        counted_t = np.flatnonzero(t_part >= 0)
        if rule.kind == "at_most":
            width = max(1, len(part_names))
            key = t_group[counted_t] * width + t_part[counted_t]
            # Stable: each group's triples stay in ascending order, as counted_t is.
            order = np.argsort(key, kind="stable")
            sk = key[order]
            starts = np.flatnonzero(np.diff(sk, prepend=-1))
            ends = np.append(starts[1:], sk.size)
            distinct = _distinct_per_key(key, net.t_cand[counted_t], n_cands)
            for j in np.flatnonzero(distinct > rule.count).tolist():
                idx = counted_t[order[starts[j] : ends[j]]]
                g, p = divmod(int(sk[starts[j]]), width)
                out.append(
                    RuleGroup(
                        rule=ri,
                        group=labels[g],
                        part=part_names[p] if rule.group_by is not None else "",
                        kind="at_most",
                        count=rule.count,
                        threshold=0,
                        counted=idx,
                        members=empty,
                    )
                )
            continue
        threshold = rule.threshold
        order = np.argsort(t_group, kind="stable")
        bounds = np.searchsorted(t_group[order], np.arange(len(labels) + 1))
        distinct = np.zeros(len(labels), np.int64)
        distinct[np.flatnonzero(np.bincount(t_group, minlength=len(labels)))] = _distinct_per_key(
            t_group, net.t_cand, n_cands
        )
        for g, label in enumerate(labels):
            if threshold > 0 and distinct[g] < threshold:
                continue
            members = order[bounds[g] : bounds[g + 1]]
            counted = members[t_part[members] >= 0]
            out.append(
                RuleGroup(
                    rule=ri,
                    group=label,
                    part="",
                    kind="at_least",
                    count=rule.count,
                    threshold=threshold,
                    counted=counted,
                    members=members if threshold > 0 else empty,
                )
            )
    return out


def rule_group_breaches(groups: list[RuleGroup], selected: IntArray, n_triples: int) -> list[int]:
    """Indices of the groups that ``selected`` triples break (a quick check for engines)."""
    x = np.zeros(n_triples, np.int64)
    x[selected] = 1
    bad: list[int] = []
    for i, gr in enumerate(groups):
        n = int(x[gr.counted].sum())
        if gr.kind == "at_most":
            if n > gr.count:
                bad.append(i)
        elif (gr.threshold == 0 or int(x[gr.members].sum()) >= gr.threshold) and n < gr.count:
            bad.append(i)
    return bad

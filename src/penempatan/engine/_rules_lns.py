"""A deterministic large-neighbourhood search for the required seats a start leaves empty.

On a large network under local rules the start (the repaired flow or the
greedy) can miss a few required seats that CP-SAT over the whole priced
model does not find on one worker: at 850 × 12,000 the seats needing a
rare skill (clinic, pharmacy), whose candidates are half nominated while the
``per`` kecamatan cap on nominated staff and the cap on the largest OPD are
already full. Filling one is a swap among a handful of placements of the
same kecamatan, which a small model finds at once.

:func:`fill_short_needs` takes, for each kecamatan with a short need (in
kecamatan order), the *neighbourhood*: every cooperative of that kecamatan,
the candidates placed there and the unplaced ones. Its free triples are
those at the neighbourhood's cooperatives of free candidates that are in the
given pool (the priced triples), or lead to a short need, or belong to a
candidate placed there; every other placement is fixed where it is and every
other triple left out. The sub-model is the CP-SAT model of
:mod:`penempatan.engine._cpsat` over the placements and the free triples,
with every rule group that counts a free triple (its counts over fixed
placements included), so each of its solutions is a plan of the whole
network that keeps every rule. It is solved on one worker with a fixed seed
and a deterministic-time budget (the wall clock is only a hard stop), from
the current plan as a hint; a solution is taken only when its weighted
objective ``W · coverage + fit`` is higher. Passes repeat while one improves,
up to :data:`MAX_PASSES`, so the search never makes a plan worse and, within
the wall clock, gives the same plan for the same input.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from penempatan.engine._objective import weighted_value
from penempatan.rules._local import group_of
from penempatan.rules._network import IntArray, Network, restricted
from penempatan.rules._rule_groups import RuleGroup

#: CP-SAT deterministic seconds per neighbourhood, at most (0.2-1.2 at 850 × 12,000, where
#: a deterministic second took about 3 s of wall clock on 2 shared cores).
DETERMINISTIC_S = 2.0
#: Passes over the kecamatan with short needs, at most (a pass that improves nothing ends it).
MAX_PASSES = 3


@dataclass(frozen=True)
class LnsOutcome:
    """What the search did: the plan, and how many neighbourhoods it solved and improved."""

    selected: IntArray
    solved: int
    improved: int


def _short_needs(net: Network, selected: IntArray) -> IntArray:
    placed = np.bincount(net.t_need[selected], minlength=net.need_min.size)
    return np.flatnonzero(placed < net.need_min).astype(np.int64)


class _GroupIndex:
    """The rule groups by label (cooperative id, kecamatan name, ``all``) of each rule."""

    def __init__(self, net: Network, groups: list[RuleGroup]) -> None:
        self.groups = groups
        self.by_label: dict[tuple[int, str], list[int]] = {}
        for i, g in enumerate(groups):
            self.by_label.setdefault((g.rule, g.group), []).append(i)

    def touching(self, net: Network, coops: IntArray) -> list[int]:
        """Indices of the groups that hold any cooperative of ``coops`` (ascending)."""
        s = net.scenario
        found: set[int] = set()
        for ri, rule in enumerate(s.rules):
            for label in {group_of(rule, s.cooperatives[int(k)]) for k in coops.tolist()}:
                found.update(self.by_label.get((ri, label), ()))
        return sorted(found)


def _restricted_groups(
    index: _GroupIndex, chosen: list[int], in_keep: IntArray, where: IntArray
) -> list[RuleGroup]:
    """The groups ``chosen`` over the kept triples, renumbered by ``where``."""
    out = []
    for i in chosen:
        g = index.groups[i]
        counted = where[g.counted[in_keep[g.counted]]]
        members = where[g.members[in_keep[g.members]]] if g.members.size else g.members
        out.append(
            RuleGroup(rule=g.rule, group=g.group, part=g.part, kind=g.kind, count=g.count,
                      threshold=g.threshold, counted=counted, members=members)
        )  # fmt: skip
    return out


def fill_short_needs(
    net: Network,
    groups: list[RuleGroup],
    start: IntArray,
    locked: tuple[int, ...],
    pool: IntArray,
    *,
    weight: int,
    seed: int,
    deadline: float,
    total_deterministic_s: float,
    deterministic_s: float = DETERMINISTIC_S,
    max_passes: int = MAX_PASSES,
) -> LnsOutcome:
    """``start`` improved kecamatan by kecamatan where it leaves required seats empty.

    ``start`` must hold every capacity and rule; the result does too, and is
    never worth less (module docstring). ``pool`` are the triples (of any
    candidate) a neighbourhood may use besides those into short needs and those
    of the candidates placed in it. ``deadline`` is a :func:`time.monotonic`
    instant at which the search stops, whatever it is doing; before it, the
    search stops once its sub-solves have spent ``total_deterministic_s`` of
    CP-SAT's deterministic time, which is what makes it repeatable: the same
    input gives the same plan whatever the machine's load, unless the wall
    clock runs out first.
    """
    from penempatan.engine._cpsat import build_model, solve_model

    s = net.scenario
    selected = np.sort(np.asarray(start, np.int64))
    value = weighted_value(net, weight, selected)
    index = _GroupIndex(net, groups)
    kec_ix = {name: i for i, name in enumerate(sorted({k.kecamatan for k in s.cooperatives}))}
    kec_of = np.array([kec_ix[k.kecamatan] for k in s.cooperatives], np.int64)
    t_coop = net.t_coop
    in_pool = np.zeros(net.n_triples, bool)
    in_pool[pool] = True
    lock_arr = np.array(locked, dtype=np.int64)
    is_locked_cand = np.zeros(len(s.candidates), bool)
    is_locked_cand[net.t_cand[lock_arr]] = True
    solved = improved = 0
    spent = 0.0
    for _ in range(max_passes):
        progress = False
        short = _short_needs(net, selected)
        for kec in sorted({int(kec_of[net.need_coop[n]]) for n in short.tolist()}):
            if time.monotonic() >= deadline or spent >= total_deterministic_s:
                return LnsOutcome(selected, solved, improved)
            short = _short_needs(net, selected)
            short_here = short[kec_of[net.need_coop[short]] == kec]
            if short_here.size == 0:
                continue
            coops = np.flatnonzero(kec_of == kec)
            in_hood = np.zeros(net.coop_cap.size, bool)
            in_hood[coops] = True
            cand_at = np.full(len(s.candidates), -1, np.int64)
            cand_at[net.t_cand[selected]] = net.need_coop[net.t_need[selected]]
            c_free = (cand_at < 0) | in_hood[np.maximum(cand_at, 0)]
            c_free &= ~is_locked_cand
            placed_here = np.zeros(len(s.candidates), bool)
            placed_here[net.t_cand[selected][in_hood[t_coop[selected]]]] = True
            to_short = np.zeros(net.need_min.size, bool)
            to_short[short_here] = True
            free = in_hood[t_coop] & c_free[net.t_cand]
            free &= in_pool | to_short[net.t_need] | placed_here[net.t_cand]
            keep = np.union1d(selected, np.flatnonzero(free))
            in_keep = np.zeros(net.n_triples, bool)
            in_keep[keep] = True
            where = np.full(net.n_triples, -1, np.int64)
            where[keep] = np.arange(keep.size)
            sub = restricted(net, keep)
            fixed = np.full(keep.size, -1, np.int64)
            fixed_on = selected[~free[selected]]
            fixed[where[fixed_on]] = 1
            chosen = index.touching(net, coops)
            model = build_model(sub, tuple(int(where[t]) for t in locked), fixed,
                                groups=_restricted_groups(index, chosen, in_keep, where),
                                weight=weight)  # fmt: skip
            left = deadline - time.monotonic()
            if left <= 0.05:
                return LnsOutcome(selected, solved, improved)
            res = solve_model(
                model,
                time_limit_s=left,
                seed=seed,
                workers=1,
                hint=where[selected],
                parameters={"max_deterministic_time": min(deterministic_s,
                                                          total_deterministic_s - spent)},
            )  # fmt: skip
            solved += 1
            spent += res.deterministic_s
            if res.status.has_solution and res.objective is not None and res.objective > value:
                candidate = np.sort(keep[res.selected])
                value, selected = weighted_value(net, weight, candidate), candidate
                improved += 1
                progress = True
        if not progress:
            break
    return LnsOutcome(selected, solved, improved)

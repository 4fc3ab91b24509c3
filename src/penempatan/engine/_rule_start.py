"""A feasible start under the local rules, repaired from the min-cost-flow optimum without them.

The flow optimum breaks rules only where they bite. Repair, in two steps:

1. *drop*: in every ``at_most`` group over its count, the lowest-scored
   counted placements go; in every conditional ``at_least`` group that is
   staffed (``N ≥ if_staffed``) but short of its count, the lowest-scored
   uncounted placements go until the group is no longer staffed. Locked
   placements never go; repeated until no group is broken.
2. *fill*: triples are added greedily, required seats first (triples counted
   by a short unconditional ``at_least`` group before all), then by score,
   whenever every capacity of the spec and every rule still holds after the
   addition.

The result is checked against every capacity and rule group; ``None`` when the
repair cannot reach a plan that holds (CP-SAT then searches on its own).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from penempatan.rules._network import IntArray, Network
from penempatan.rules._rule_groups import RuleGroup, rule_group_breaches

BoolArray = npt.NDArray[np.bool_]


def _csr(n_triples: int, lists: list[IntArray]) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Triple → the indices of ``lists`` that contain it, as (offsets, values); and the
    lists flattened as (triples, index of their list)."""
    if not lists:
        empty = np.zeros(0, np.int64)
        return np.zeros(n_triples + 1, np.int64), empty, empty, empty
    t = np.concatenate(lists).astype(np.int64)
    g = np.repeat(np.arange(len(lists), dtype=np.int64), [a.size for a in lists])
    order = np.argsort(t, kind="stable")
    offsets = np.zeros(n_triples + 1, np.int64)
    offsets[1:] = np.cumsum(np.bincount(t, minlength=n_triples))
    return offsets, g[order], t, g


def repaired_start(
    net: Network, groups: list[RuleGroup], selected: IntArray, locked: tuple[int, ...]
) -> IntArray | None:
    """A plan (triple indices) holding every rule, from ``selected`` (module docstring)."""
    n_t = net.n_triples
    x = np.zeros(n_t, bool)
    x[selected] = True
    is_locked = np.zeros(n_t, bool)
    is_locked[np.array(locked, dtype=np.int64)] = True
    score = net.t_score
    for _ in range(len(groups) + 1):
        broken = rule_group_breaches(groups, np.flatnonzero(x), n_t)
        before = int(np.count_nonzero(x))
        for gi in broken:
            g = groups[gi]
            if g.kind == "at_most":
                on = g.counted[x[g.counted] & ~is_locked[g.counted]]
                excess = int(x[g.counted].sum()) - g.count
                drop = on[np.argsort(score[on], kind="stable")][: max(0, excess)]
            elif g.threshold > 0:
                counted = np.zeros(n_t, bool)
                counted[g.counted] = True
                on = g.members[x[g.members] & ~counted[g.members] & ~is_locked[g.members]]
                excess = int(x[g.members].sum()) - g.threshold + 1
                drop = on[np.argsort(score[on], kind="stable")][: max(0, excess)]
            else:
                continue  # only filling can mend an unconditional minimum
            x[drop] = False
        if int(np.count_nonzero(x)) == before:
            break  # nothing left to drop: what is still broken, only filling can mend
    x = _fill(net, groups, x)
    chosen = np.flatnonzero(x).astype(np.int64)
    if rule_group_breaches(groups, chosen, n_t) or not _capacities_hold(net, chosen):
        return None
    return chosen


def _fill(net: Network, groups: list[RuleGroup], x: BoolArray) -> BoolArray:
    n_t = net.n_triples
    s = net.scenario
    cand_used = np.zeros(len(s.candidates), bool)
    cand_used[net.t_cand[x]] = True
    need_n = np.bincount(net.t_need[x], minlength=net.need_min.size)
    coop_n = np.bincount(net.t_coop[x], minlength=net.coop_cap.size)
    opd_n = np.bincount(net.cand_opd[net.t_cand[x]], minlength=net.opd_release.size)
    pos_t = net.cand_position[net.t_cand[x]]
    pos_n = np.bincount(pos_t[pos_t >= 0], minlength=net.position_release.size)
    kind_most = np.array([g.kind == "at_most" for g in groups], bool)
    count = np.array([g.count for g in groups], np.int64)
    thr = np.array([g.threshold for g in groups], np.int64)
    c_off, c_grp, c_t, c_g = _csr(n_t, [g.counted for g in groups])
    m_off, m_grp, m_t, m_g = _csr(n_t, [g.members for g in groups])
    n_counted = np.bincount(c_g[x[c_t]], minlength=len(groups)).astype(np.int64)
    n_members = np.bincount(m_g[x[m_t]], minlength=len(groups)).astype(np.int64)
    del c_t, c_g, m_t, m_g
    urgent = np.zeros(n_t, bool)
    for g in groups:
        if g.kind == "at_least" and g.threshold == 0:
            urgent[g.counted] = True
    required = net.need_min[net.t_need] > 0
    order = np.lexsort((-net.t_score, ~required, ~urgent))
    t_cand, t_need, t_coop = net.t_cand, net.t_need, net.t_coop
    cand_opd, cand_pos = net.cand_opd, net.cand_position
    for seat_pass in (True, False):
        # The triples the loop would skip whatever it adds (their candidate placed, their
        # need, cooperative, OPD or position full: counts only grow; in the seat pass,
        # their need's minimum met) are left out before it.
        full_cand = cand_used | (opd_n[cand_opd] >= net.opd_release[cand_opd])
        if pos_n.size:
            at = np.maximum(cand_pos, 0)
            full_cand |= (cand_pos >= 0) & (pos_n[at] >= net.position_release[at])
        cap = net.coop_cap[net.need_coop]
        full_need = (need_n >= net.need_max) | ((cap >= 0) & (cap <= coop_n[net.need_coop]))
        if seat_pass:
            full_need |= need_n >= net.need_min
        open_t = order[~(full_cand[t_cand[order]] | full_need[t_need[order]])]
        for t in open_t.tolist():
            c = int(t_cand[t])
            if cand_used[c]:
                continue
            n = int(t_need[t])
            if seat_pass and need_n[n] >= net.need_min[n]:
                continue
            k = int(t_coop[t])
            if need_n[n] >= net.need_max[n] or 0 <= net.coop_cap[k] <= coop_n[k]:
                continue
            o, p = int(cand_opd[c]), int(cand_pos[c])
            if opd_n[o] >= net.opd_release[o] or (p >= 0 and pos_n[p] >= net.position_release[p]):
                continue
            cg = c_grp[c_off[t] : c_off[t + 1]]
            if np.any(kind_most[cg] & (n_counted[cg] >= count[cg])):
                continue
            mg = m_grp[m_off[t] : m_off[t + 1]]
            if mg.size:
                in_counted = np.isin(mg, cg)
                after_n = n_counted[mg] + in_counted
                if np.any((n_members[mg] + 1 >= thr[mg]) & (after_n < count[mg])):
                    continue
            x[t] = True
            cand_used[c] = True
            need_n[n] += 1
            coop_n[k] += 1
            opd_n[o] += 1
            if p >= 0:
                pos_n[p] += 1
            n_counted[cg] += 1
            n_members[mg] += 1
    return x


def within_capacities(net: Network, order: IntArray) -> IntArray:
    """The triples of ``order``, taken in that order while rules 3-6 still hold (sorted)."""
    cand_used = np.zeros(len(net.scenario.candidates), bool)
    need_n = np.zeros(net.need_max.size, np.int64)
    coop_n = np.zeros(net.coop_cap.size, np.int64)
    opd_n = np.zeros(net.opd_release.size, np.int64)
    pos_n = np.zeros(net.position_release.size, np.int64)
    taken: list[int] = []
    for t in order.tolist():
        c, n, k = int(net.t_cand[t]), int(net.t_need[t]), int(net.need_coop[net.t_need[t]])
        o, p = int(net.cand_opd[c]), int(net.cand_position[c])
        if cand_used[c] or need_n[n] >= net.need_max[n] or 0 <= net.coop_cap[k] <= coop_n[k]:
            continue
        if opd_n[o] >= net.opd_release[o] or (p >= 0 and pos_n[p] >= net.position_release[p]):
            continue
        cand_used[c] = True
        need_n[n] += 1
        coop_n[k] += 1
        opd_n[o] += 1
        if p >= 0:
            pos_n[p] += 1
        taken.append(t)
    return np.sort(np.array(taken, np.int64))


def _capacities_hold(net: Network, chosen: IntArray) -> bool:
    """Rules 3-6 for ``chosen`` (one per candidate, need maxima, caps, floors)."""
    if np.unique(net.t_cand[chosen]).size != chosen.size:
        return False
    if np.any(np.bincount(net.t_need[chosen], minlength=net.need_max.size) > net.need_max):
        return False
    per_coop = np.bincount(net.t_coop[chosen], minlength=net.coop_cap.size)
    if np.any((net.coop_cap >= 0) & (per_coop > net.coop_cap)):
        return False
    opd = np.bincount(net.cand_opd[net.t_cand[chosen]], minlength=net.opd_release.size)
    if np.any(opd > net.opd_release):
        return False
    pos = net.cand_position[net.t_cand[chosen]]
    per_pos = np.bincount(pos[pos >= 0], minlength=net.position_release.size)
    return not bool(np.any(per_pos > net.position_release))

"""Reasons for the candidates a plan leaves out (the contract: :mod:`._contract`).

Ineligible candidates carry the reasons of their failed policy rules; an
eligible candidate with no permitted need the static causes (skill, distance,
forbidden pairs, the fit table); otherwise the plan's own state: a binding
floor, full seats held by others, or seats where they would add nothing.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
import numpy.typing as npt

from penempatan.explain._context import Context, km
from penempatan.explain._contract import NAMED_PEOPLE, NAMED_SEATS, further_objectives
from penempatan.explain._rules import Closures, closures
from penempatan.plan import Reason, Unplaced
from penempatan.rules._network import IntArray
from penempatan.scenario._geo import BORDER_KM, haversine_km


def unplaced(ex: Context) -> tuple[Unplaced, ...]:
    """One :class:`Unplaced` per candidate not placed, in the scenario's order, with reasons.

    Every per-candidate quantity the reasons read (seats permitted, full, outranked;
    the first open seat, the best open seat with a gain) is computed for all candidates
    at once over the network's triples; the loop only assembles the records.
    """
    net, st = ex.net, ex.st
    t_cand, t_need, t_score = net.t_cand, net.t_need, net.t_score
    n_c = ex.n_c
    n_perm = np.diff(ex.cand_start)
    # Seat state of every need as the plan leaves it (full: the need or its
    # cooperative; the lowest score holding it), then of every triple by its need.
    big = np.iinfo(np.int64).max
    need_low = np.full(ex.n_n, big, dtype=np.int64)
    np.minimum.at(need_low, st.a_need, st.a_score)
    coop_low = np.full(ex.n_k, big, dtype=np.int64)
    np.minimum.at(coop_low, net.need_coop[st.a_need], st.a_score)
    full_n = st.need_full | st.coop_full[net.need_coop]
    low_n = np.where(st.need_full, need_low, coop_low[net.need_coop])
    full_t = full_n[t_need]
    t_full = np.flatnonzero(full_t)
    n_full = np.bincount(t_cand[t_full], minlength=n_c)
    outr = low_n[t_need[t_full]] >= t_score[t_full]
    n_outr = np.bincount(t_cand[t_full[outr]], minlength=n_c)
    has_solution = ex.plan.status.has_solution
    clos = closures(ex)
    # Open seats (not full, closed by no rule) and, among them, those with a gain
    # (a positive score, or a need short of its minimum), of the candidates whose
    # reasons read them (left out, permitted somewhere, not every seat full, no
    # floor): how many per candidate, the first of each, the best-scored of each
    # (the first on ties).
    floored = st.cand_opd_binding | st.cand_pos_binding
    asks = ~st.placed & (n_perm > 0) & (n_full < n_perm) & ~floored & ex.eligible
    if not has_solution:
        asks[:] = False
    t_ask = _ranges(ex.cand_start, np.flatnonzero(asks))
    t_ask = t_ask[~full_t[t_ask]]
    if clos.triple.size:
        closed_t = np.zeros(net.n_triples, bool)
        closed_t[clos.triple[~full_t[clos.triple]]] = True
        t_ask = t_ask[~closed_t[t_ask]]
    n_open = np.bincount(t_cand[t_ask], minlength=n_c)
    first_open = _first_of_each(t_ask, t_cand[t_ask], n_c)
    short_n = st.need_placed < net.need_min
    t_gain = t_ask[(t_score[t_ask] > 0) | short_n[t_need[t_ask]]]
    n_gain = np.bincount(t_cand[t_gain], minlength=n_c)
    top = np.full(n_c, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(top, t_cand[t_gain], t_score[t_gain])
    t_top = t_gain[t_score[t_gain] == top[t_cand[t_gain]]]
    best_gain = _first_of_each(t_top, t_cand[t_top], n_c)
    # Holders per need and per cooperative, lowest score first.
    order = np.lexsort((st.a_cand, st.a_score))
    holders_need: dict[int, list[int]] = defaultdict(list)
    holders_coop: dict[int, list[int]] = defaultdict(list)
    a_need, need_coop = st.a_need.tolist(), ex.need_coop_l
    for j in order.tolist():
        n = a_need[j]
        holders_need[n].append(j)
        holders_coop[need_coop[n]].append(j)

    status = ex.plan.status.value
    floors: dict[int, Reason] = {}
    objectives = further_objectives(ex.plan) if has_solution else []
    need_role = net.need_role
    out: list[Unplaced] = []
    left = np.flatnonzero(~st.placed)  # the loop's rows: the candidates left out
    ineligible, nips = net.ineligible, ex.nips
    for i, perm, full, outr, opened, first, gains, best, floor in zip(
        left.tolist(),
        n_perm[left].tolist(),
        n_full[left].tolist(),
        n_outr[left].tolist(),
        n_open[left].tolist(),
        first_open[left].tolist(),
        n_gain[left].tolist(),
        best_gain[left].tolist(),
        floored[left].tolist(),
        strict=True,
    ):
        reasons: list[Reason]
        if i in ineligible:
            out.append(Unplaced(candidate=nips[i], reasons=tuple(ineligible[i])))
            continue
        if perm == 0:
            reasons = _static_candidate(ex, i)
        elif not has_solution:
            reasons = [Reason.of("no_plan", {"status": status})]
        else:
            reasons = _floor_reasons(ex, i, floors) if floor else []
            lo, hi = int(ex.cand_start[i]), int(ex.cand_start[i + 1])
            if full == perm:
                code = "outranked" if outr == perm else "not_needed"
                reasons.append(Reason.of(code, _seats(ex, lo, hi, holders_need, holders_coop)))
            elif not reasons:
                if clos.triple.size:
                    _rule_reasons(ex, clos, lo, hi, full_t, reasons)
                if opened == 0:
                    pass  # every open seat is closed by a rule: that is the whole story
                elif gains == 0:
                    n = int(t_need[first])
                    reasons.append(
                        Reason.of(
                            "no_gain",
                            {"needs": opened, "cooperative": ex.coop_id(n), "role": need_role[n]},
                        )
                    )
                else:
                    n = int(t_need[best])
                    reasons.append(
                        Reason.of(
                            "not_chosen",
                            {
                                "cooperative": ex.coop_id(n),
                                "role": need_role[n],
                                "score": int(t_score[best]),
                                "status": status,
                                "objectives": list(objectives),
                            },
                        )
                    )
        out.append(Unplaced(candidate=nips[i], reasons=tuple(reasons)))
    return tuple(out)


def _ranges(start: IntArray, owners: IntArray) -> IntArray:
    """The positions ``start[o] ≤ t < start[o + 1]`` of the ``owners`` (sorted), in order."""
    lo, sizes = start[owners], start[owners + 1] - start[owners]
    first = np.cumsum(sizes) - sizes
    out: IntArray = np.arange(int(sizes.sum())) - np.repeat(first - lo, sizes)
    return out


def _first_of_each(items: IntArray, owner: IntArray, n: int) -> IntArray:
    """For each owner ``0 ≤ o < n``: the first of ``items`` it owns (``owner`` sorted), or -1."""
    out: IntArray = np.full(n, -1, dtype=np.int64)
    if owner.size:
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        out[owner[starts]] = items[starts]
    return out


def _rule_reasons(
    ex: Context,
    clos: Closures,
    lo: int,
    hi: int,
    full_t: npt.NDArray[np.bool_],
    reasons: list[Reason],
) -> npt.NDArray[np.bool_]:
    """Append one ``rule`` reason per local rule closing an open seat of triples lo..hi;
    return which of those triples a rule closes."""
    closed = np.zeros(hi - lo, bool)
    rows = clos.of(lo, hi)
    ct, cr, cg = clos.triple[rows], clos.rule[rows], clos.group[rows]
    live = ~full_t[ct]
    ct, cr, cg = ct[live], cr[live], cg[live]
    if ct.size == 0:
        return closed
    closed[ct - lo] = True
    for r in np.unique(cr).tolist():
        mine = cr == r
        t = int(ct[mine][0])
        g = clos.groups[int(cg[mine][0])]
        rule = ex.s.rules[r]
        n = int(ex.net.t_need[t])
        reasons.append(
            Reason.of(
                "rule",
                {
                    "rule": rule.id,
                    "kind": rule.kind,
                    "count": rule.count,
                    "per": rule.per,
                    "group": g.group,
                    "group_by": rule.group_by,
                    "part": g.part or None,
                    "if_staffed": rule.if_staffed,
                    "cooperative": ex.coop_id(n),
                    "role": ex.net.need_role[n],
                    "needs": int(np.unique(ex.net.t_need[ct[mine]]).size),
                },
            )
        )
    return closed


def _top(scores: IntArray, k: int) -> IntArray:
    """Positions of the ``k`` highest scores, highest first, ties in position order."""
    if scores.size > 4 * k:
        kth = np.partition(scores, scores.size - k)[scores.size - k]
        cand = np.flatnonzero(scores >= kth)
    else:
        cand = np.arange(scores.size)
    out: IntArray = cand[np.lexsort((cand, -scores[cand]))][:k]
    return out


def _floor_reasons(ex: Context, i: int, memo: dict[int, Reason]) -> list[Reason]:
    """The ``floor_binding`` reasons of candidate ``i``: its OPD's floor, its position's.

    Every candidate of one floor has the same reason, built once per call of
    :func:`unplaced` (``memo``: OPD ``o`` as ``-1 - o``, position ``p`` as ``p``).
    """
    net, st = ex.net, ex.st
    out = []
    o = int(net.cand_opd[i])
    if st.opd_binding[o]:
        reason = memo.get(-1 - o)
        if reason is None:
            opd = ex.s.opds[o]
            reason = memo[-1 - o] = _floor(None, opd.headcount, opd.min_staff, o, ex)
        out.append(reason)
    p = int(net.cand_position[i])
    if p >= 0 and st.pos_binding[p]:
        reason = memo.get(p)
        if reason is None:
            opd = ex.s.opds[int(net.position_opd[p])]
            pos = next(x for x in opd.positions or () if x.name == net.position_name[p])
            reason = memo[p] = _floor(pos.name, pos.headcount, pos.min_staff, p, ex)
        out.append(reason)
    return out


def _floor(position: str | None, headcount: int, min_staff: int, at: int, ex: Context) -> Reason:
    """``floor_binding`` of an OPD (``position`` None, ``at`` the OPD) or of a position."""
    st = ex.st
    if position is None:
        opd_id, r = ex.s.opds[at].id, int(st.opd_released[at])
    else:
        opd_id, r = ex.s.opds[int(ex.net.position_opd[at])].id, int(st.pos_released[at])
    return Reason.of(
        "floor_binding",
        {
            "opd": opd_id,
            "position": position,
            "headcount": headcount,
            "released": r,
            "remaining": headcount - r,
            "min_staff": min_staff,
        },
    )


def _seats(
    ex: Context,
    lo: int,
    hi: int,
    holders_need: dict[int, list[int]],
    holders_coop: dict[int, list[int]],
) -> dict[str, Any]:
    """Values of ``outranked`` / ``not_needed``: the best seats and who holds them."""
    net, st = ex.net, ex.st
    scores = net.t_score[lo:hi]
    best = lo + _top(scores, NAMED_SEATS)
    seats = []
    for t in best.tolist():
        n = int(net.t_need[t])
        held = holders_need[n] if st.need_full[n] else holders_coop[int(net.need_coop[n])]
        named = [dict(ex.holder_info[j]) for j in held[:NAMED_PEOPLE]]
        seats.append(
            {
                "cooperative": ex.coop_id(n),
                "role": net.need_role[n],
                "score": int(net.t_score[t]),
                "holders": len(held),
                "named": named,
            }
        )
    return {"needs": hi - lo, "seats": seats}


def _static_candidate(ex: Context, i: int) -> list[Reason]:
    """Reasons of an eligible candidate with no permitted need (rules 2 and 7, distance)."""
    s, net = ex.s, ex.net
    c = s.candidates[i]
    qual = np.flatnonzero(ex.skill[i, ex.need_role_ix] >= ex.need_level)
    if qual.size == 0:
        lowest: dict[str, int] = {}
        for k in s.cooperatives:
            for n in k.needs:
                lowest[n.role] = min(lowest.get(n.role, 99), n.min_level)
        closest = [
            {"role": r, "level": c.skills[r], "min_level": lowest[r]}
            for r in sorted(c.skills)
            if r in lowest
        ]
        return [
            Reason.of(
                "not_qualified",
                {"skills": {r: c.skills[r] for r in sorted(c.skills)}, "closest": closest},
            )
        ]
    out: list[Reason] = []
    q_coop = net.need_coop[qual]
    coops = np.unique(q_coop)
    limit = s.policy.max_distance_km
    if limit is not None:
        beyond_ids, dists = _coops_beyond(ex, i, coops)
        if beyond_ids:
            # Closest as reported (to the metre), ties in document order: distances that
            # agree to the metre may differ in their last bits between formulas.
            nearest = min(beyond_ids, key=lambda k: (km(dists[k]), k))
            out.append(
                Reason.of(
                    "too_far",
                    {
                        "max_distance_km": limit,
                        "beyond": len(beyond_ids),
                        "qualified": int(coops.size),
                        "nearest": s.cooperatives[nearest].id,
                        "distance_km": km(dists[nearest]),
                    },
                )
            )
    banned = [int(k) for k in coops.tolist() if (i, int(k)) in ex.forbidden]
    if banned:
        out.append(Reason.of("forbidden", {"cooperatives": [s.cooperatives[k].id for k in banned]}))
    if ex.fit_listed is not None:
        missing = sum(1 for n in qual.tolist() if (i, int(n)) not in ex.fit_listed)
        if missing:
            out.append(Reason.of("no_fit_entry", {"needs": missing, "qualified": int(qual.size)}))
    if not out:  # pragma: no cover - the network excludes needs for these causes only
        raise RuntimeError(f"no reason found for candidate {c.nip}")
    return out


def _coops_beyond(ex: Context, i: int, coops: IntArray) -> tuple[list[int], dict[int, float]]:
    """Cooperatives (indices) beyond the distance limit from candidate ``i``, and distances."""
    s = ex.s
    limit = s.policy.max_distance_km
    c = s.candidates[i]
    assert limit is not None and c.location is not None
    d = ex.distances_from(
        c.location.lat, c.location.lon, ex.coop_xy[coops, 0], ex.coop_xy[coops, 1]
    )
    beyond: list[int] = []
    dists: dict[int, float] = {}
    for k, dk in zip(coops.tolist(), d.tolist(), strict=True):
        if abs(dk - limit) <= BORDER_KM:
            loc = s.cooperatives[k].location
            assert loc is not None
            dk = haversine_km(c.location.lat, c.location.lon, loc.lat, loc.lon)
        if dk > limit:
            beyond.append(int(k))
            dists[int(k)] = dk
    return beyond, dists

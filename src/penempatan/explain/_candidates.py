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
    """One :class:`Unplaced` per candidate not placed, in the scenario's order, with reasons."""
    net, st = ex.net, ex.st
    t_cand, t_need, t_score = net.t_cand, net.t_need, net.t_score
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
    short_n = st.need_placed < net.need_min
    full_t = full_n[t_need]
    outr_t = full_t & (low_n[t_need] >= t_score)
    gain_t = ~full_t & ((t_score > 0) | short_n[t_need])
    n_full = np.bincount(t_cand[full_t], minlength=ex.n_c)
    n_outr = np.bincount(t_cand[outr_t], minlength=ex.n_c)
    # Holders per need and per cooperative, lowest score first.
    order = np.lexsort((st.a_cand, st.a_score))
    holders_need: dict[int, list[int]] = defaultdict(list)
    holders_coop: dict[int, list[int]] = defaultdict(list)
    for j in order.tolist():
        n = int(st.a_need[j])
        holders_need[n].append(j)
        holders_coop[int(net.need_coop[n])].append(j)

    has_solution = ex.plan.status.has_solution
    clos = closures(ex)
    out: list[Unplaced] = []
    for i, c in enumerate(ex.s.candidates):
        if st.placed[i]:
            continue
        reasons: list[Reason]
        if i in net.ineligible:
            reasons = list(net.ineligible[i])
        elif n_perm[i] == 0:
            reasons = _static_candidate(ex, i)
        elif not has_solution:
            reasons = [Reason.of("no_plan", {"status": ex.plan.status.value})]
        else:
            reasons = _floor_reasons(ex, i)
            lo, hi = int(ex.cand_start[i]), int(ex.cand_start[i + 1])
            if n_full[i] == n_perm[i]:
                code = "outranked" if n_outr[i] == n_perm[i] else "not_needed"
                reasons.append(Reason.of(code, _seats(ex, lo, hi, holders_need, holders_coop)))
            elif not reasons:
                closed = _rule_reasons(ex, clos, lo, hi, full_t, reasons)
                seg_open = ~full_t[lo:hi] & ~closed
                if not seg_open.any():
                    pass  # every open seat is closed by a rule: that is the whole story
                elif not np.any(gain_t[lo:hi] & seg_open):
                    first = lo + int(np.flatnonzero(seg_open)[0])
                    n = int(t_need[first])
                    reasons.append(
                        Reason.of(
                            "no_gain",
                            {
                                "needs": int(np.count_nonzero(seg_open)),
                                "cooperative": ex.coop_id(n),
                                "role": net.need_role[n],
                            },
                        )
                    )
                else:
                    idx = lo + np.flatnonzero(gain_t[lo:hi] & seg_open)
                    best = int(idx[np.argmax(t_score[idx])])
                    n = int(t_need[best])
                    reasons.append(
                        Reason.of(
                            "not_chosen",
                            {
                                "cooperative": ex.coop_id(n),
                                "role": net.need_role[n],
                                "score": int(t_score[best]),
                                "status": ex.plan.status.value,
                                "objectives": further_objectives(ex.plan),
                            },
                        )
                    )
        out.append(Unplaced(candidate=c.nip, reasons=tuple(reasons)))
    return tuple(out)


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


def _floor_reasons(ex: Context, i: int) -> list[Reason]:
    s, net, st = ex.s, ex.net, ex.st
    out = []
    o = int(net.cand_opd[i])
    if st.opd_binding[o]:
        opd = s.opds[o]
        r = int(st.opd_released[o])
        out.append(
            Reason.of(
                "floor_binding",
                {
                    "opd": opd.id,
                    "position": None,
                    "headcount": opd.headcount,
                    "released": r,
                    "remaining": opd.headcount - r,
                    "min_staff": opd.min_staff,
                },
            )
        )
    p = int(net.cand_position[i])
    if p >= 0 and st.pos_binding[p]:
        opd = s.opds[int(net.position_opd[p])]
        pos = next(x for x in opd.positions or () if x.name == net.position_name[p])
        r = int(st.pos_released[p])
        out.append(
            Reason.of(
                "floor_binding",
                {
                    "opd": opd.id,
                    "position": pos.name,
                    "headcount": pos.headcount,
                    "released": r,
                    "remaining": pos.headcount - r,
                    "min_staff": pos.min_staff,
                },
            )
        )
    return out


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
            nearest = min(beyond_ids, key=lambda k: (dists[k], k))
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

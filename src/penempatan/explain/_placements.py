"""Reasons for each placement: its score, its seat, its lock, and the next-best seat.

(The contract: :mod:`._contract`, "Placements".)
"""

from __future__ import annotations

import numpy as np

from penempatan.explain._context import Context, km
from penempatan.plan import Assignment, Reason
from penempatan.rules._eligibility import distance_km
from penempatan.rules._scoring import score_parts


def placements(ex: Context) -> tuple[Assignment, ...]:
    """The plan's assignments, in its order, each with its reasons."""
    s, net, st = ex.s, ex.net, ex.st
    # Best permitted need at another cooperative, per placed candidate.
    own_coop = np.full(ex.n_c, -1, dtype=np.int64)
    own_coop[st.a_cand] = net.need_coop[st.a_need]
    idx = np.flatnonzero(st.placed[net.t_cand])  # triples of placed candidates
    idx = idx[net.need_coop[net.t_need[idx]] != own_coop[net.t_cand[idx]]]
    best_of: dict[int, int] = {}
    if idx.size:
        # Highest score per candidate, then its first triple (document order).
        cands = net.t_cand[idx]  # sorted, as the triples are
        scores = net.t_score[idx]
        first = np.flatnonzero(np.r_[True, cands[1:] != cands[:-1]])
        top = np.repeat(np.maximum.reduceat(scores, first), np.diff(np.r_[first, idx.size]))
        hit = idx[scores == top]
        first_c, first_i = np.unique(net.t_cand[hit], return_index=True)
        best_of = dict(zip(first_c.tolist(), hit[first_i].tolist(), strict=True))
    fit_table = s.fit is not None
    # Python lists for the loop (numpy scalars are slow one by one).
    a_cand, a_need = st.a_cand.tolist(), st.a_need.tolist()
    need_coop, need_placed = ex.need_coop_l, st.need_placed.tolist()
    need_min, need_max = net.need_min.tolist(), net.need_max.tolist()
    need_open = (~st.need_full & ~st.coop_full[net.need_coop]).tolist()
    # A seat's reason depends on its need's counts alone: one shared (frozen) record per
    # distinct (required, placed, min, max), a few hundred for tens of thousands of needs.
    seats: dict[tuple[bool, int, int, int], Reason] = {}
    fit_reasons: dict[int, Reason] = {}
    only_option = Reason.of("only_option", {})
    out = []
    for a, i, n in zip(ex.plan.assignments, a_cand, a_need, strict=True):
        c = s.candidates[i]
        k = s.cooperatives[need_coop[n]]
        reasons = []
        if fit_table:
            fit_reason = fit_reasons.get(a.score)
            if fit_reason is None:
                fit_reason = fit_reasons[a.score] = Reason.of("score.fit_table", {"score": a.score})
            reasons.append(fit_reason)
        else:
            d = distance_km(c, k)
            parts = score_parts(c, k, a.role, d)
            rank = c.preferences.index(k.id) + 1 if k.id in c.preferences else None
            reasons.append(
                Reason.of(
                    "score.default",
                    {
                        "total": parts.total,
                        "skill": parts.skill,
                        "level": c.skills.get(a.role, 0),
                        "proximity": parts.proximity,
                        "distance_km": km(d),
                        "same_kelurahan": c.domicile is not None and c.domicile == k.kelurahan,
                        "nomination": parts.nomination,
                        "preference": parts.preference,
                        "preference_rank": rank,
                    },
                )
            )
        required_here = ex.req[n]
        key = (required_here, need_placed[n], need_min[n], need_max[n])
        seat = seats.get(key)
        if seat is None:
            values = {"placed": key[1], "min": key[2], "max": key[3]}
            code = "seat.required" if required_here else "seat.optional"
            seat = seats[key] = Reason.of(code, values)
        reasons.append(seat)
        if i in st.locked:
            reasons.append(Reason.of("locked", {"lock": st.locked[i]}))
        t = best_of.get(i)
        if t is None:
            reasons.append(only_option)
        else:
            m = int(net.t_need[t])
            there = int(net.t_score[t])
            reasons.append(
                Reason.of(
                    "next_best",
                    {
                        "cooperative": ex.coop_ids[need_coop[m]],
                        "role": net.need_role[m],
                        "score": there,
                        "difference": a.score - there,
                        "full": not need_open[m],
                        "required_here": required_here,
                        "required_there": need_placed[m] < need_min[m],
                    },
                )
            )
        out.append(
            Assignment(
                candidate=a.candidate,
                cooperative=a.cooperative,
                role=a.role,
                score=a.score,
                reasons=tuple(reasons),
            )
        )
    return tuple(out)

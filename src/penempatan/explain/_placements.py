"""Reasons for each placement: its score, its seat, its lock, and the next-best seat.

(The contract: :mod:`._contract`, "Placements".)
"""

from __future__ import annotations

import numpy as np

from penempatan.explain._context import Context, km
from penempatan.plan import Assignment, Reason
from penempatan.rules._eligibility import distance_km
from penempatan.rules._scoring import default_score


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
    out = []
    for j, a in enumerate(ex.plan.assignments):
        i = int(st.a_cand[j])
        n = int(st.a_need[j])
        c = s.candidates[i]
        k = s.cooperatives[int(net.need_coop[n])]
        reasons = []
        if fit_table:
            reasons.append(Reason.of("score.fit_table", {"score": a.score}))
        else:
            parts = default_score(c, k, a.role)
            rank = c.preferences.index(k.id) + 1 if k.id in c.preferences else None
            reasons.append(
                Reason.of(
                    "score.default",
                    {
                        "total": parts.total,
                        "skill": parts.skill,
                        "level": c.skills.get(a.role, 0),
                        "proximity": parts.proximity,
                        "distance_km": km(distance_km(c, k)),
                        "same_kelurahan": c.domicile is not None and c.domicile == k.kelurahan,
                        "nomination": parts.nomination,
                        "preference": parts.preference,
                        "preference_rank": rank,
                    },
                )
            )
        seat = {
            "placed": int(st.need_placed[n]),
            "min": int(net.need_min[n]),
            "max": int(net.need_max[n]),
        }
        reasons.append(Reason.of("seat.required" if ex.required(n) else "seat.optional", seat))
        if i in st.locked:
            reasons.append(Reason.of("locked", {"lock": st.locked[i]}))
        t = best_of.get(i)
        if t is None:
            reasons.append(Reason.of("only_option", {}))
        else:
            m = int(net.t_need[t])
            reasons.append(
                Reason.of(
                    "next_best",
                    {
                        "cooperative": ex.coop_id(m),
                        "role": net.need_role[m],
                        "score": int(net.t_score[t]),
                        "difference": a.score - int(net.t_score[t]),
                        "full": bool(st.need_full[m] or st.coop_full[int(net.need_coop[m])]),
                        "required_here": ex.required(n),
                        "required_there": bool(st.need_placed[m] < net.need_min[m]),
                    },
                )
            )
        out.append(a.model_copy(update={"reasons": tuple(reasons)}))
    return tuple(out)

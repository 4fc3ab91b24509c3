"""Reasons for the needs a plan leaves below their minimum (the contract: :mod:`._contract`).

A need nobody is permitted for has static causes (no qualified candidate,
distance, forbidden pairs, the fit table); otherwise the permitted candidates
are too few, held by their floors, placed elsewhere, or the cooperative is full.
"""

from __future__ import annotations

import numpy as np

from penempatan.explain._context import Context, km
from penempatan.explain._contract import NAMED_FLOORS, NAMED_PEOPLE, further_objectives
from penempatan.explain._rules import Closures, closures
from penempatan.plan import Reason, ShortNeed
from penempatan.rules._network import IntArray
from penempatan.scenario._geo import BORDER_KM, haversine_km


def short_needs(ex: Context) -> tuple[ShortNeed, ...]:
    """One :class:`ShortNeed` per need below its ``min``, in document order, each with a reason."""
    net, st = ex.net, ex.st
    out = []
    clos = closures(ex)
    for n in np.flatnonzero(st.need_placed < net.need_min).tolist():
        lo, hi = int(ex.need_start[n]), int(ex.need_start[n + 1])
        triples = ex.by_need[lo:hi]
        if triples.size == 0:
            reasons = _static_need(ex, n)
        elif not ex.plan.status.has_solution:
            reasons = [Reason.of("no_plan", {"status": ex.plan.status.value}, about="need")]
        else:
            reasons = _dynamic_need(ex, n, triples, clos)
        out.append(
            ShortNeed(
                cooperative=ex.coop_id(n),
                role=net.need_role[n],
                min=int(net.need_min[n]),
                placed=int(st.need_placed[n]),
                reasons=tuple(reasons),
            )
        )
    return tuple(out)


def _static_need(ex: Context, n: int) -> list[Reason]:
    s, net = ex.s, ex.net
    has = ex.skill[:, ex.need_role_ix[n]] >= ex.need_level[n]
    q = np.flatnonzero(has & ex.eligible)
    if q.size == 0:
        return [
            Reason.of(
                "no_candidate",
                {
                    "min_level": int(ex.need_level[n]),
                    "ineligible": int(np.count_nonzero(has & ~ex.eligible)),
                },
                about="need",
            )
        ]
    out: list[Reason] = []
    k = int(net.need_coop[n])
    limit = s.policy.max_distance_km
    if limit is not None:
        loc = s.cooperatives[k].location
        assert loc is not None
        d = ex.distances_from(loc.lat, loc.lon, ex.cand_xy[q, 0], ex.cand_xy[q, 1])
        far: list[tuple[float, str]] = []
        for i, di in zip(q.tolist(), d.tolist(), strict=True):
            cl = s.candidates[i].location
            assert cl is not None
            if abs(di - limit) <= BORDER_KM:
                di = haversine_km(cl.lat, cl.lon, loc.lat, loc.lon)
            if di > limit:
                far.append((di, s.candidates[i].nip))
        if far:
            dn, nearest = min(far)
            out.append(
                Reason.of(
                    "none_within_distance",
                    {
                        "max_distance_km": limit,
                        "count": len(far),
                        "qualified": int(q.size),
                        "nearest_candidate": nearest,
                        "distance_km": km(dn),
                    },
                    about="need",
                )
            )
    banned = sum(1 for i in q.tolist() if (i, k) in ex.forbidden)
    if banned:
        out.append(
            Reason.of("forbidden", {"count": banned, "qualified": int(q.size)}, about="need")
        )
    if ex.fit_listed is not None:
        missing = sum(1 for i in q.tolist() if (i, n) not in ex.fit_listed)
        if missing:
            out.append(
                Reason.of(
                    "no_fit_entry", {"count": missing, "qualified": int(q.size)}, about="need"
                )
            )
    if not out:  # pragma: no cover - the network excludes pairs for these causes only
        raise RuntimeError(f"no reason found for need {n}")
    return out


def _dynamic_need(ex: Context, n: int, triples: IntArray, clos: Closures) -> list[Reason]:
    s, net, st = ex.s, ex.net, ex.st
    k = int(net.need_coop[n])
    xs = net.t_cand[triples]
    here = net.t_score[triples]
    order = np.lexsort((xs, -here))
    xs, here = xs[order], here[order]
    ts = triples[order]
    out: list[Reason] = []
    if xs.size < net.need_min[n]:
        out.append(
            Reason.of(
                "too_few_candidates",
                {"count": int(xs.size), "min": int(net.need_min[n])},
                about="need",
            )
        )
    # Held by floors: group the held candidates by the floor that binds them,
    # coded o * (P + 1) + (p + 1) so that code order is (OPD, position) order
    # with the OPD floor (p = -1) first.
    held = xs[~st.placed[xs] & (st.cand_opd_binding[xs] | st.cand_pos_binding[xs])]
    if held.size:
        stride = len(net.position_name) + 1
        pos = np.where(st.cand_opd_binding[held], -1, net.cand_position[held])
        codes = net.cand_opd[held].astype(np.int64) * stride + pos + 1
        keys, counts = np.unique(codes, return_counts=True)
        order = np.lexsort((keys, -counts))
        listed = order[:NAMED_FLOORS]
        items = []
        for key, count in zip(keys[listed].tolist(), counts[listed].tolist(), strict=True):
            o, p = divmod(key, stride)
            p -= 1
            opd = s.opds[o]
            if p < 0:
                head, floor, released, pos_name = (
                    opd.headcount,
                    opd.min_staff,
                    int(st.opd_released[o]),
                    None,
                )
            else:
                position = next(x for x in opd.positions or () if x.name == net.position_name[p])
                head, floor, released, pos_name = (
                    position.headcount,
                    position.min_staff,
                    int(st.pos_released[p]),
                    position.name,
                )
            members = held[codes == key][:NAMED_PEOPLE].tolist()
            items.append(
                {
                    "opd": opd.id,
                    "position": pos_name,
                    "remaining": head - released,
                    "min_staff": floor,
                    "count": count,
                    "candidates": [s.candidates[x].nip for x in members],
                }
            )
        out.append(
            Reason.of(
                "held_by_floor",
                {
                    "count": int(held.size),
                    "floors": items,
                    "more_floors": int(keys.size - listed.size),
                },
                about="need",
            )
        )
    # Held by local rules: unplaced, no floor of theirs binds, and placing them here breaks a rule.
    unheld = ~st.placed[xs] & ~st.cand_opd_binding[xs] & ~st.cand_pos_binding[xs]
    ruled = unheld & np.isin(ts, clos.triple) if clos.triple.size else np.zeros(xs.size, bool)
    if ruled.any():
        rule_ix = np.unique(np.concatenate([clos.rules_of(int(t)) for t in ts[ruled].tolist()]))
        out.append(
            Reason.of(
                "held_by_rule",
                {
                    "count": int(np.count_nonzero(ruled)),
                    "rules": [s.rules[r].id for r in rule_ix.tolist()],
                    "candidates": [s.candidates[x].nip for x in xs[ruled][:NAMED_PEOPLE].tolist()],
                },
                about="need",
            )
        )
    # Placed elsewhere.
    away = st.placed[xs] & (st.cand_need[xs] != n)
    if away.any():
        ax, ah = xs[away], here[away]
        named = []
        for x, sh in zip(ax[:NAMED_PEOPLE].tolist(), ah[:NAMED_PEOPLE].tolist(), strict=True):
            m = int(st.cand_need[x])
            named.append(
                {
                    "candidate": s.candidates[x].nip,
                    "cooperative": ex.coop_id(m),
                    "role": net.need_role[m],
                    "score": int(st.cand_score[x]),
                    "score_here": int(sh),
                    "required": ex.required(m),
                    "locked": x in st.locked,
                }
            )
        required = int(np.count_nonzero(ex.req_mask[st.cand_need[ax]]))
        out.append(
            Reason.of(
                "taken_elsewhere",
                {"count": int(ax.size), "required": required, "named": named},
                about="need",
            )
        )
    if st.coop_full[k]:
        out.append(
            Reason.of(
                "cooperative_full",
                {"max_staff": int(net.coop_cap[k]), "placed": int(st.coop_placed[k])},
                about="need",
            )
        )
    else:
        free = unheld & ~ruled
        if free.any():
            j = int(np.flatnonzero(free)[0])
            out.append(
                Reason.of(
                    "not_chosen",
                    {
                        "candidate": s.candidates[int(xs[j])].nip,
                        "score": int(here[j]),
                        "status": ex.plan.status.value,
                        "objectives": further_objectives(ex.plan),
                    },
                    about="need",
                )
            )
    return out

"""Reasons for the needs a plan leaves below their minimum (the contract: :mod:`._contract`).

A need nobody is permitted for has static causes (no qualified candidate,
distance, forbidden pairs, the fit table); otherwise the permitted candidates
are too few, held by their floors, placed elsewhere, or the cooperative is full.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from penempatan.explain._context import Context, km
from penempatan.explain._contract import NAMED_FLOORS, NAMED_PEOPLE, further_objectives
from penempatan.explain._rules import closures
from penempatan.plan import Reason, ShortNeed
from penempatan.rules._network import IntArray
from penempatan.scenario._geo import BORDER_KM, haversine_km


def short_needs(ex: Context) -> tuple[ShortNeed, ...]:
    """One :class:`ShortNeed` per need below its ``min``, in document order, each with a reason."""
    net, st = ex.net, ex.st
    out = []
    short = np.flatnonzero(st.need_placed < net.need_min)
    if short.size == 0:
        return ()
    sizes = ex.need_start[short + 1] - ex.need_start[short]
    dynamic = short[sizes > 0] if ex.plan.status.has_solution else short[:0]
    facts = _Facts(ex, dynamic) if dynamic.size else None
    at = dict(zip(dynamic.tolist(), range(dynamic.size), strict=True))
    for n, size in zip(short.tolist(), sizes.tolist(), strict=True):
        if size == 0:
            reasons = _static_need(ex, n)
        elif facts is None:
            reasons = [Reason.of("no_plan", {"status": ex.plan.status.value}, about="need")]
        else:
            reasons = _dynamic_need(ex, n, at[n], facts)
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


class _Facts:
    """What the reasons of the needs short with permitted candidates read, for all at once.

    The permitted triples of those needs (group ``j`` for ``needs[j]``) in one array,
    each group by score, highest first, then candidate; then per group the counts
    and the first few triples of each kind (held by a floor, by a rule, placed
    elsewhere, free) that the reasons name.
    """

    def __init__(self, ex: Context, needs: IntArray) -> None:
        net, st = ex.net, ex.st
        lo = ex.need_start[needs]
        sizes = ex.need_start[needs + 1] - lo
        groups = needs.size
        g = np.repeat(np.arange(groups), sizes)
        first = np.cumsum(sizes) - sizes
        ts = ex.by_need[np.arange(g.size) - np.repeat(first - lo, sizes)]
        xs, here = net.t_cand[ts], net.t_score[ts]
        order = np.lexsort((xs, -here, g))
        self.g, self.ts, self.xs, self.here = g, ts[order], xs[order], here[order]
        xs = self.xs
        self.sizes: list[int] = sizes.tolist()
        unplaced = ~st.placed[xs]
        opd_b, pos_b = st.cand_opd_binding[xs], st.cand_pos_binding[xs]
        held = unplaced & (opd_b | pos_b)
        unheld = unplaced & ~opd_b & ~pos_b
        clos = closures(ex)
        self.clos = clos
        ruled = unheld & np.isin(self.ts, clos.triple) if clos.triple.size else held & False
        away = st.placed[xs] & (st.cand_need[xs] != needs[g])
        free = unheld & ~ruled
        self.n_held = _count(held, g, groups)
        self.n_ruled = _count(ruled, g, groups)
        self.n_away = _count(away, g, groups)
        self.n_away_req = _count(away & ex.req_mask[st.cand_need[xs]], g, groups)
        self.ruled = _firsts(np.flatnonzero(ruled), g, groups, None)
        self.away = _firsts(np.flatnonzero(away), g, groups, NAMED_PEOPLE)
        self.free = _firsts(np.flatnonzero(free), g, groups, 1)
        self.floors, self.n_floors = _floors(ex, xs, np.flatnonzero(held), g, groups)


def _count(mask: npt.NDArray[np.bool_], g: IntArray, groups: int) -> list[int]:
    out: list[int] = np.bincount(g[mask], minlength=groups).tolist()
    return out


def _firsts(ix: IntArray, g: IntArray, groups: int, k: int | None) -> list[list[int]]:
    """Per group, the first ``k`` (all with None) of the positions ``ix`` (sorted) in it."""
    out: list[list[int]] = [[] for _ in range(groups)]
    if k is not None and ix.size:
        gg = g[ix]
        ix = ix[np.arange(ix.size) - np.searchsorted(gg, gg) < k]
    for p, q in zip(ix.tolist(), g[ix].tolist(), strict=True):
        out[q].append(p)
    return out


def _floors(
    ex: Context, xs: IntArray, held: IntArray, g: IntArray, groups: int
) -> tuple[list[list[tuple[int, int, list[int]]]], list[int]]:
    """Per group: the floors holding its held candidates, as (code, count, the first
    ``NAMED_PEOPLE`` candidates), most held first, then code order, the first
    ``NAMED_FLOORS``; and per group how many floors hold any.

    A floor is coded o * (P + 1) + (p + 1), so that code order is (OPD, position)
    order with the OPD floor (p = -1) first.
    """
    net, st = ex.net, ex.st
    out: list[list[tuple[int, int, list[int]]]] = [[] for _ in range(groups)]
    if held.size == 0:
        return out, [0] * groups
    hx, hg = xs[held], g[held]
    stride = len(net.position_name) + 1
    pos = np.where(st.cand_opd_binding[hx], -1, net.cand_position[hx])
    codes = net.cand_opd[hx].astype(np.int64) * stride + pos + 1
    span = (len(ex.s.opds) + 1) * stride
    keys, inverse, counts = np.unique(hg * span + codes, return_inverse=True, return_counts=True)
    kg, kcode = keys // span, keys % span
    n_floors: list[int] = np.bincount(kg, minlength=groups).tolist()
    order = np.lexsort((kcode, -counts, kg))
    rank = np.arange(order.size) - np.searchsorted(kg[order], kg[order])
    listed = order[rank < NAMED_FLOORS]
    # The first NAMED_PEOPLE held candidates of each floor of each group, in group order.
    by_key = np.argsort(inverse, kind="stable")
    ik = inverse[by_key]
    keep = by_key[np.arange(ik.size) - np.searchsorted(ik, ik) < NAMED_PEOPLE]
    members: dict[int, list[int]] = {}
    for key, x in zip(inverse[keep].tolist(), hx[keep].tolist(), strict=True):
        members.setdefault(key, []).append(x)
    for key in listed.tolist():
        out[int(kg[key])].append((int(kcode[key]), int(counts[key]), members[key]))
    return out, n_floors


def _dynamic_need(ex: Context, n: int, j: int, f: _Facts) -> list[Reason]:
    """The reasons of need ``n``, group ``j`` of ``f``: what the plan does with its candidates."""
    s, net, st = ex.s, ex.net, ex.st
    k = int(net.need_coop[n])
    out: list[Reason] = []
    if f.sizes[j] < net.need_min[n]:
        out.append(
            Reason.of(
                "too_few_candidates",
                {"count": f.sizes[j], "min": int(net.need_min[n])},
                about="need",
            )
        )
    if f.n_held[j]:
        stride = len(net.position_name) + 1
        items = []
        for code, count, members in f.floors[j]:
            o, p = divmod(code, stride)
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
            items.append(
                {
                    "opd": opd.id,
                    "position": pos_name,
                    "remaining": head - released,
                    "min_staff": floor,
                    "count": count,
                    "candidates": [ex.nips[x] for x in members],
                }
            )
        out.append(
            Reason.of(
                "held_by_floor",
                {
                    "count": f.n_held[j],
                    "floors": items,
                    "more_floors": f.n_floors[j] - len(items),
                },
                about="need",
            )
        )
    # Held by local rules: unplaced, no floor of theirs binds, and placing them here breaks a rule.
    if f.n_ruled[j]:
        ruled = f.ruled[j]
        rules = [f.clos.rules_of(t) for t in f.ts[ruled].tolist()]
        rule_ix = np.unique(np.concatenate(rules))
        out.append(
            Reason.of(
                "held_by_rule",
                {
                    "count": f.n_ruled[j],
                    "rules": [s.rules[r].id for r in rule_ix.tolist()],
                    "candidates": [ex.nips[x] for x in f.xs[ruled[:NAMED_PEOPLE]].tolist()],
                },
                about="need",
            )
        )
    # Placed elsewhere.
    if f.n_away[j]:
        named = []
        for q in f.away[j]:
            x = int(f.xs[q])
            m = int(st.cand_need[x])
            named.append(
                {
                    "candidate": ex.nips[x],
                    "cooperative": ex.coop_id(m),
                    "role": net.need_role[m],
                    "score": int(st.cand_score[x]),
                    "score_here": int(f.here[q]),
                    "required": ex.required(m),
                    "locked": x in st.locked,
                }
            )
        out.append(
            Reason.of(
                "taken_elsewhere",
                {"count": f.n_away[j], "required": f.n_away_req[j], "named": named},
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
    elif f.free[j]:
        q = f.free[j][0]
        out.append(
            Reason.of(
                "not_chosen",
                {
                    "candidate": ex.nips[int(f.xs[q])],
                    "score": int(f.here[q]),
                    "status": ex.plan.status.value,
                    "objectives": further_objectives(ex.plan),
                },
                about="need",
            )
        )
    return out

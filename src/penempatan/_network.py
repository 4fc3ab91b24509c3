"""The placement network: permitted triples and every capacity, as flat numpy arrays.

This is the data both solver adapters read. A *triple* is a permitted
(candidate, need) pair, a need being one role at one cooperative; it exists
only when rules 1, 2 and 7 allow it: the candidate is eligible, is within the
distance limit, holds the role at the need's level, the pair is not forbidden
and, with a fit table, the table lists it. Triples are sorted by (candidate,
need), so the same scenario always gives the same arrays.

Capacities follow the spec's rules 3–6: one placement per candidate; at most
``need.max`` per need; at most ``max_staff`` per cooperative; at most
``headcount − min_staff`` released by an OPD or position.

Memory grows with the number of permitted triples, never with the product
candidates × cooperatives × roles: pairs are generated in bounded chunks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from penempatan._eligibility import Reason, ineligibility
from penempatan._geo import BORDER_KM, haversine_km, haversine_km_pairs
from penempatan._models import Scenario
from penempatan._scoring import (
    NOMINATION_POINTS,
    PROXIMITY_POINTS,
    SKILL_POINTS_PER_LEVEL,
    preference_points,
    proximity_points_m,
)

IntArray = npt.NDArray[np.int64]

#: Pairs generated at once when enumerating triples (bounds peak memory).
CHUNK_PAIRS = 1 << 21


@dataclass(frozen=True, eq=False)
class Network:
    """Flat arrays describing the placement network of one scenario."""

    scenario: Scenario
    # Needs, numbered cooperative by cooperative in document order.
    need_coop: IntArray
    need_role: tuple[str, ...]
    need_min: IntArray
    need_max: IntArray
    need_of: dict[tuple[int, str], int]
    # Cooperative caps (max_staff; -1 where none).
    coop_cap: IntArray
    # OPD and position release capacities (headcount - min_staff).
    opd_release: IntArray
    position_opd: IntArray
    position_name: tuple[str, ...]
    position_release: IntArray
    # Candidates.
    cand_opd: IntArray
    cand_position: IntArray
    ineligible: dict[int, list[Reason]]
    # Triples, sorted by (candidate, need).
    t_cand: IntArray
    t_need: IntArray
    t_score: IntArray

    @property
    def t_coop(self) -> IntArray:
        """Cooperative of each triple."""
        out: IntArray = self.need_coop[self.t_need]
        return out

    @property
    def n_triples(self) -> int:
        return int(self.t_cand.shape[0])

    @cached_property
    def t_key(self) -> IntArray:
        """Sorted keys ``candidate × n_needs + need`` of the triples, for look-ups."""
        out: IntArray = self.t_cand * len(self.need_role) + self.t_need
        return out

    def triple_of(self, cand: int, need: int) -> int:
        """Index of the triple (cand, need), or -1 when it is not permitted."""
        key = cand * len(self.need_role) + need
        keys = self.t_key
        i = int(np.searchsorted(keys, key))
        return i if i < keys.shape[0] and int(keys[i]) == key else -1


def build_network(s: Scenario) -> Network:
    """Enumerate the permitted triples and capacities of ``s`` (see module docstring)."""
    n_c = len(s.candidates)
    # Needs.
    need_coop_l: list[int] = []
    need_role_l: list[str] = []
    need_min_l: list[int] = []
    need_max_l: list[int] = []
    need_level_l: list[int] = []
    need_of: dict[tuple[int, str], int] = {}
    for k, coop in enumerate(s.cooperatives):
        for need in coop.needs:
            need_of[(k, need.role)] = len(need_role_l)
            need_coop_l.append(k)
            need_role_l.append(need.role)
            need_min_l.append(need.min)
            need_max_l.append(need.max)
            need_level_l.append(need.min_level)
    need_coop = np.array(need_coop_l, dtype=np.int64)
    need_level = np.array(need_level_l, dtype=np.int64)
    coop_cap = np.array(
        [-1 if c.max_staff is None else c.max_staff for c in s.cooperatives], dtype=np.int64
    )

    # OPD and positions.
    opd_release = np.array([o.headcount - o.min_staff for o in s.opds], dtype=np.int64)
    pos_of: dict[tuple[str, str], int] = {}
    position_opd_l: list[int] = []
    position_name_l: list[str] = []
    position_release_l: list[int] = []
    for i, o in enumerate(s.opds):
        for p in o.positions or ():
            pos_of[(o.id, p.name)] = len(position_name_l)
            position_opd_l.append(i)
            position_name_l.append(p.name)
            position_release_l.append(p.headcount - p.min_staff)

    # Candidates.
    opd_index = s.opd_index
    cand_opd = np.array([opd_index[c.opd] for c in s.candidates], dtype=np.int64)
    cand_position = np.array(
        [pos_of.get((c.opd, c.position), -1) if c.position else -1 for c in s.candidates],
        dtype=np.int64,
    )
    ineligible: dict[int, list[Reason]] = {}
    for i, c in enumerate(s.candidates):
        reasons = ineligibility(c, s)
        if reasons:
            ineligible[i] = reasons
    eligible = np.ones(n_c, dtype=bool)
    if ineligible:
        eligible[list(ineligible)] = False

    roles = sorted(set(need_role_l))
    role_ix = {r: j for j, r in enumerate(roles)}
    skill = np.zeros((n_c, len(roles)), dtype=np.int64)
    for i, c in enumerate(s.candidates):
        for r, lvl in c.skills.items():
            j = role_ix.get(r)
            if j is not None:
                skill[i, j] = lvl
    need_role_ix = np.array([role_ix[r] for r in need_role_l], dtype=np.int64)

    if s.fit is not None:
        t_cand, t_need, t_score = _fit_table_triples(s, need_of, skill, need_role_ix, need_level)
    else:
        near = None
        limit0 = s.policy.max_distance_km
        if limit0 is not None:
            c_xy = np.array([(c.location.lat, c.location.lon) for c in s.candidates if c.location])
            k_xy = np.array(
                [(k.location.lat, k.location.lon) for k in s.cooperatives if k.location]
            )

            def near(cands: IntArray, needs: IntArray) -> npt.NDArray[np.bool_]:
                a, b = c_xy[cands], k_xy[need_coop[needs]]
                d = haversine_km_pairs(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
                return d <= limit0 + BORDER_KM  # borderline pairs are decided exactly below

        t_cand, t_need = _qualified_pairs(n_c, eligible, skill, need_role_ix, need_level, near)
        t_score = np.zeros(0, dtype=np.int64)
    keep = eligible[t_cand] if t_cand.size else np.zeros(0, dtype=bool)
    t_cand, t_need = t_cand[keep], t_need[keep]
    if s.fit is not None:
        t_score = t_score[keep]

    n_coops = len(s.cooperatives)
    t_coop = need_coop[t_need] if t_need.size else np.zeros(0, dtype=np.int64)
    # Forbidden pairs (rule 7).
    if s.forbidden and t_cand.size:
        cix, kix = s.candidate_index, s.cooperative_index
        banned = np.unique(
            np.array(
                [cix[f.candidate] * n_coops + kix[f.cooperative] for f in s.forbidden],
                dtype=np.int64,
            )
        )
        ok = ~np.isin(t_cand * n_coops + t_coop, banned)
        t_cand, t_need, t_coop = t_cand[ok], t_need[ok], t_coop[ok]
        if s.fit is not None:
            t_score = t_score[ok]

    # Distances, for the limit and for proximity.
    dist = _pair_distances(s, t_cand, t_coop)
    limit = s.policy.max_distance_km
    if limit is not None and t_cand.size:
        ok = dist <= limit
        border = np.flatnonzero(np.abs(dist - limit) <= BORDER_KM)
        for b in border.tolist():
            ok[b] = _exact_distance(s, int(t_cand[b]), int(t_coop[b])) <= limit
        t_cand, t_need, t_coop, dist = t_cand[ok], t_need[ok], t_coop[ok], dist[ok]
        if s.fit is not None:
            t_score = t_score[ok]

    if s.fit is None:
        t_score = _default_scores(s, t_cand, t_need, t_coop, dist, skill, need_role_ix)

    order = np.lexsort((t_need, t_cand))
    return Network(
        scenario=s,
        need_coop=need_coop,
        need_role=tuple(need_role_l),
        need_min=np.array(need_min_l, dtype=np.int64),
        need_max=np.array(need_max_l, dtype=np.int64),
        need_of=need_of,
        coop_cap=coop_cap,
        opd_release=opd_release,
        position_opd=np.array(position_opd_l, dtype=np.int64),
        position_name=tuple(position_name_l),
        position_release=np.array(position_release_l, dtype=np.int64),
        cand_opd=cand_opd,
        cand_position=cand_position,
        ineligible=ineligible,
        t_cand=np.ascontiguousarray(t_cand[order]),
        t_need=np.ascontiguousarray(t_need[order]),
        t_score=np.ascontiguousarray(t_score[order]),
    )


def _qualified_pairs(
    n_c: int,
    eligible: npt.NDArray[np.bool_],
    skill: IntArray,
    need_role_ix: IntArray,
    need_level: IntArray,
    keep: Callable[[IntArray, IntArray], npt.NDArray[np.bool_]] | None = None,
) -> tuple[IntArray, IntArray]:
    """All (eligible candidate, need) pairs where the skill reaches the need's level (rule 2).

    ``keep(cands, needs)``, when given, filters each chunk as it is made (the
    distance limit), so memory grows with the pairs kept, not all pairs.
    """
    cands: list[IntArray] = []
    needs: list[IntArray] = []
    groups: dict[tuple[int, int], list[int]] = {}
    for n, (r, lvl) in enumerate(zip(need_role_ix.tolist(), need_level.tolist(), strict=True)):
        groups.setdefault((r, lvl), []).append(n)
    for (r, lvl), ns in sorted(groups.items()):
        q = np.flatnonzero(eligible & (skill[:, r] >= lvl)) if n_c else np.zeros(0, np.int64)
        if q.size == 0:
            continue
        nn = np.array(ns, dtype=np.int64)
        step = max(1, CHUNK_PAIRS // max(1, nn.size))
        for start in range(0, q.size, step):
            qc = q[start : start + step]
            cc = np.repeat(qc, nn.size).astype(np.int64)
            cn = np.tile(nn, qc.size)
            if keep is not None:
                ok = keep(cc, cn)
                cc, cn = cc[ok], cn[ok]
            cands.append(cc)
            needs.append(cn)
    if not cands:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(cands), np.concatenate(needs)


def _fit_table_triples(
    s: Scenario,
    need_of: dict[tuple[int, str], int],
    skill: IntArray,
    need_role_ix: IntArray,
    need_level: IntArray,
) -> tuple[IntArray, IntArray, IntArray]:
    """Triples listed in the fit table that pass rule 2; eligibility is filtered by the caller."""
    fit = s.fit or ()
    cix, kix = s.candidate_index, s.cooperative_index
    c = np.array([cix[f.candidate] for f in fit], dtype=np.int64)
    n = np.array([need_of[(kix[f.cooperative], f.role)] for f in fit], dtype=np.int64)
    sc = np.array([f.score for f in fit], dtype=np.int64)
    if c.size == 0:
        return c, n, sc
    ok = skill[c, need_role_ix[n]] >= need_level[n]
    return c[ok], n[ok], sc[ok]


def _locations(
    points: list[tuple[float, float] | None],
) -> tuple[IntArray, npt.NDArray[np.float64]]:
    has = np.array([p is not None for p in points], dtype=bool)
    xy = np.array([p if p is not None else (0.0, 0.0) for p in points], dtype=np.float64)
    return has.astype(np.int64), xy.reshape(-1, 2)


def _pair_distances(s: Scenario, t_cand: IntArray, t_coop: IntArray) -> npt.NDArray[np.float64]:
    """Distance in km of each pair, NaN where a location is missing."""
    c_has, c_xy = _locations(
        [(c.location.lat, c.location.lon) if c.location else None for c in s.candidates]
    )
    k_has, k_xy = _locations(
        [(k.location.lat, k.location.lon) if k.location else None for k in s.cooperatives]
    )
    if t_cand.size == 0:
        return np.zeros(0, dtype=np.float64)
    out = np.full(t_cand.shape[0], np.nan)
    both = (c_has[t_cand] & k_has[t_coop]).astype(bool)
    idx = np.flatnonzero(both)
    for start in range(0, idx.size, CHUNK_PAIRS):
        j = idx[start : start + CHUNK_PAIRS]
        a, b = c_xy[t_cand[j]], k_xy[t_coop[j]]
        out[j] = haversine_km_pairs(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
    return out


def _exact_distance(s: Scenario, cand: int, coop: int) -> float:
    c, k = s.candidates[cand].location, s.cooperatives[coop].location
    if c is None or k is None:
        return float("inf")
    return haversine_km(c.lat, c.lon, k.lat, k.lon)


def _default_scores(
    s: Scenario,
    t_cand: IntArray,
    t_need: IntArray,
    t_coop: IntArray,
    dist: npt.NDArray[np.float64],
    skill: IntArray,
    need_role_ix: IntArray,
) -> IntArray:
    """The default fit model of :mod:`penempatan._scoring`, applied to all triples at once."""
    if t_cand.size == 0:
        return np.zeros(0, dtype=np.int64)
    score = SKILL_POINTS_PER_LEVEL * skill[t_cand, need_role_ix[t_need]]
    # Proximity: same kelurahan, else by distance, else nothing.
    kel_ix: dict[str, int] = {}
    coop_kel = np.array(
        [kel_ix.setdefault(k.kelurahan, len(kel_ix)) for k in s.cooperatives], dtype=np.int64
    )
    cand_kel = np.array(
        [kel_ix.get(c.domicile, -2) if c.domicile is not None else -2 for c in s.candidates],
        dtype=np.int64,
    )
    same = cand_kel[t_cand] == coop_kel[t_coop]
    known = ~np.isnan(dist)
    metres = np.zeros(t_cand.shape[0], dtype=np.int64)
    metres[known] = np.rint(dist[known] * 1000).astype(np.int64)
    prox = np.where(known, proximity_points_m(metres), 0)
    score += np.where(same, PROXIMITY_POINTS, prox)
    nominated = np.array([c.nominated for c in s.candidates], dtype=np.int64)
    score += NOMINATION_POINTS * nominated[t_cand]
    # Preferences: a sparse lookup keyed by candidate * n_coops + coop.
    n_coops = len(s.cooperatives)
    kix = s.cooperative_index
    pref: dict[int, int] = {}
    for i, c in enumerate(s.candidates):
        for rank, coop_id in enumerate(c.preferences):
            pref.setdefault(i * n_coops + kix[coop_id], preference_points(rank))
    if pref:
        keys = np.array(sorted(pref), dtype=np.int64)
        vals = np.array([pref[k] for k in keys.tolist()], dtype=np.int64)
        tk = t_cand * n_coops + t_coop
        pos = np.minimum(np.searchsorted(keys, tk), keys.size - 1)
        score += np.where(keys[pos] == tk, vals[pos], 0)
    out: IntArray = score.astype(np.int64)
    return out

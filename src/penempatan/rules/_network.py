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
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from penempatan._errors import expect
from penempatan.plan import Reason
from penempatan.rules._eligibility import ineligible_candidates
from penempatan.rules._scoring import (
    NOMINATION_POINTS,
    PROXIMITY_POINTS,
    SKILL_POINTS_PER_LEVEL,
    preference_points,
    proximity_points_m,
)
from penempatan.scenario import Scenario
from penempatan.scenario._geo import BORDER_KM, haversine_km, haversine_km_radians, points_deg

IntArray = npt.NDArray[np.int64]

#: Pairs generated at once when enumerating triples (bounds peak memory).
CHUNK_PAIRS = 1 << 21
#: Candidates × cooperatives up to which the default scorer looks preferences up in a
#: dense table (8 bytes an entry) rather than by binary search.
DENSE_PREFERENCES_MAX = 1 << 22


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
    # Level of each candidate (row) in each role of the needs (column, roles sorted); 0 where
    # the candidate lacks it.
    skill: IntArray

    @cached_property
    def t_coop(self) -> IntArray:
        """Cooperative of each triple (computed once: callers index it per rule group)."""
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


def restricted(net: Network, keep: IntArray) -> Network:
    """The network with only the triples ``keep`` (sorted), every capacity unchanged."""
    return replace(net, t_cand=net.t_cand[keep], t_need=net.t_need[keep], t_score=net.t_score[keep])


def build_network(s: Scenario) -> Network:
    """Enumerate the permitted triples and capacities of ``s`` (see module docstring)."""
    expect(s, Scenario, "scenario")
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
    ineligible: dict[int, list[Reason]] = ineligible_candidates(s)
    eligible = np.ones(n_c, dtype=bool)
    if ineligible:
        eligible[list(ineligible)] = False

    roles = sorted(set(need_role_l))
    role_ix = {r: j for j, r in enumerate(roles)}
    skill = np.zeros((n_c, len(roles)), dtype=np.int64)
    held = [
        (i, role_ix[r], lvl)
        for i, c in enumerate(s.candidates)
        for r, lvl in c.skills.items()
        if r in role_ix
    ]
    if held:  # each (candidate, role) once: a candidate's skills are a mapping
        rows, cols, levels = zip(*held, strict=True)
        skill[rows, cols] = levels
    need_role_ix = np.array([role_ix[r] for r in need_role_l], dtype=np.int64)

    if s.fit is None:
        # Generated in (candidate, need) order, each chunk filtered and scored as it is made.
        t_cand, t_need, t_score = _default_triples(
            s, eligible, skill, need_role_ix, need_level, need_coop
        )
    else:
        t_cand, t_need, t_score = _fit_table_triples(s, need_of, skill, need_role_ix, need_level)
        keep = eligible[t_cand]
        t_cand, t_need, t_score = t_cand[keep], t_need[keep], t_score[keep]
        t_coop = need_coop[t_need]
        ok = _allowed_pairs(s, t_cand, t_coop, _forbidden_keys(s))
        t_cand, t_need, t_score = t_cand[ok], t_need[ok], t_score[ok]
        order = np.lexsort((t_need, t_cand))
        t_cand, t_need, t_score = t_cand[order], t_need[order], t_score[order]

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
        t_cand=np.ascontiguousarray(t_cand),
        t_need=np.ascontiguousarray(t_need),
        t_score=np.ascontiguousarray(t_score),
        skill=skill,
    )


def _default_triples(
    s: Scenario,
    eligible: npt.NDArray[np.bool_],
    skill: IntArray,
    need_role_ix: IntArray,
    need_level: IntArray,
    need_coop: IntArray,
) -> tuple[IntArray, IntArray, IntArray]:
    """Every permitted triple without a fit table, sorted by (candidate, need), scored.

    Eligible candidates are taken in chunks of about :data:`CHUNK_PAIRS` pairs;
    each chunk's qualified pairs (rule 2) come out of ``np.nonzero`` already in
    (candidate, need) order, and are filtered (forbidden pairs, distance limit)
    and scored before the next chunk, so peak memory is the triples kept plus
    one chunk.
    """
    n_n = need_role_ix.size
    q = np.flatnonzero(eligible)
    if q.size == 0 or n_n == 0:
        empty = np.zeros(0, np.int64)
        return empty, empty.copy(), empty.copy()
    banned = _forbidden_keys(s)
    geo = _Geometry.of(s)
    score_of = _default_scorer(s, skill, need_role_ix)
    cands: list[IntArray] = []
    needs: list[IntArray] = []
    scores: list[npt.NDArray[np.int16]] = []
    step = max(1, CHUNK_PAIRS // n_n)
    for start in range(0, q.size, step):
        chunk = q[start : start + step]
        rows, cn = np.nonzero(skill[chunk][:, need_role_ix] >= need_level)
        cc = chunk[rows]
        cn = cn.astype(np.int64)
        ck = need_coop[cn]
        dist = geo.distances(cc, ck)
        ok = _allowed_pairs(s, cc, ck, banned, dist)
        cc, cn, ck, dist = cc[ok], cn[ok], ck[ok], dist[ok]
        cands.append(cc)
        needs.append(cn)
        scores.append(score_of(cc, cn, ck, dist).astype(np.int16))
    return _concat(cands), _concat(needs), _concat(scores)


def _concat(parts: list[Any]) -> IntArray:
    """The parts joined, the list emptied on the way (so the pieces are freed early)."""
    out: IntArray = np.concatenate(parts).astype(np.int64, copy=False)
    parts.clear()
    return out


def _forbidden_keys(s: Scenario) -> IntArray | None:
    """Sorted keys ``candidate × n_cooperatives + cooperative`` of the forbidden pairs."""
    if not s.forbidden:
        return None
    cix, kix, n_k = s.candidate_index, s.cooperative_index, len(s.cooperatives)
    keys = [cix[f.candidate] * n_k + kix[f.cooperative] for f in s.forbidden]
    return np.unique(np.array(keys, dtype=np.int64))


def _allowed_pairs(
    s: Scenario,
    cands: IntArray,
    coops: IntArray,
    banned: IntArray | None,
    dist: npt.NDArray[np.float64] | None = None,
) -> npt.NDArray[np.bool_]:
    """Pairs neither forbidden (rule 7) nor beyond the distance limit; pairs within
    :data:`BORDER_KM` of the limit are decided by the exact scalar formula.
    ``dist`` are the pairs' distances when the caller has them already."""
    ok = np.ones(cands.size, dtype=bool)
    if banned is not None and cands.size:
        keys = cands * len(s.cooperatives) + coops
        pos = np.minimum(np.searchsorted(banned, keys), banned.size - 1)
        ok &= banned[pos] != keys
    limit = s.policy.max_distance_km
    if limit is not None and cands.size:
        if dist is None:
            dist = _Geometry.of(s).distances(cands, coops)
        near = dist <= limit
        for b in np.flatnonzero(np.abs(dist - limit) <= BORDER_KM).tolist():
            near[b] = _exact_distance(s, int(cands[b]), int(coops[b])) <= limit
        ok &= near
    return ok


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


@dataclass(frozen=True, eq=False)
class _Geometry:
    """Candidate and cooperative locations as arrays (``has`` false where none is given):
    latitude and longitude in radians and the cosine of the latitude, each point's once."""

    c_has: npt.NDArray[np.bool_]
    c_rad: npt.NDArray[np.float64]  # rows: latitude, longitude, cos(latitude)
    k_has: npt.NDArray[np.bool_]
    k_rad: npt.NDArray[np.float64]

    @staticmethod
    def of(s: Scenario) -> _Geometry:
        def arrays(
            xy: npt.NDArray[np.float64],
        ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64]]:
            has = ~np.isnan(xy[:, 0])
            rad = np.radians(np.where(has[:, None], xy, 0.0).T)
            return has, np.vstack([rad, np.cos(rad[:1])])

        c_has, c_rad = arrays(points_deg([c.location for c in s.candidates]))
        k_has, k_rad = arrays(points_deg([k.location for k in s.cooperatives]))
        return _Geometry(c_has, c_rad, k_has, k_rad)

    def distances(self, cands: IntArray, coops: IntArray) -> npt.NDArray[np.float64]:
        """Distance in km of each (candidate, cooperative) pair, NaN where a location is
        missing.

        The located pairs' coordinates are gathered with ``take`` along the
        columns (several times faster than indexing ``[:, idx]``; the same
        arrays) and the formula runs over exactly those pairs, in order."""
        if self.all_located:
            a, b = self.c_rad.take(cands, axis=1), self.k_rad.take(coops, axis=1)
            located: npt.NDArray[np.float64] = haversine_km_radians(
                a[0], a[1], a[2], b[0], b[1], b[2]
            )
            return located
        out = np.full(cands.shape[0], np.nan)
        idx = np.flatnonzero(self.c_has[cands] & self.k_has[coops])
        a, b = self.c_rad.take(cands[idx], axis=1), self.k_rad.take(coops[idx], axis=1)
        out[idx] = haversine_km_radians(a[0], a[1], a[2], b[0], b[1], b[2])
        return out

    @cached_property
    def all_located(self) -> bool:
        """Whether every candidate and every cooperative has a location."""
        return bool(self.c_has.all() and self.k_has.all())


def _exact_distance(s: Scenario, cand: int, coop: int) -> float:
    c, k = s.candidates[cand].location, s.cooperatives[coop].location
    if c is None or k is None:
        return float("inf")
    return haversine_km(c.lat, c.lon, k.lat, k.lon)


def _default_scorer(
    s: Scenario, skill: IntArray, need_role_ix: IntArray
) -> Callable[[IntArray, IntArray, IntArray, npt.NDArray[np.float64]], IntArray]:
    """The default fit model of :mod:`penempatan.rules._scoring` as a vectorised function of
    (candidates, needs, cooperatives, distances in km), its look-ups made once."""
    kel_ix: dict[str, int] = {}
    coop_kel = np.array(
        [kel_ix.setdefault(k.kelurahan, len(kel_ix)) for k in s.cooperatives], dtype=np.int64
    )
    cand_kel = np.array(
        [kel_ix.get(c.domicile, -2) if c.domicile is not None else -2 for c in s.candidates],
        dtype=np.int64,
    )
    nominated = np.array([c.nominated for c in s.candidates], dtype=np.int64)
    # Preferences: points keyed by candidate * n_coops + coop, sorted; a cooperative listed
    # twice scores by its first rank (np.unique's indices are the first occurrences).
    n_coops = len(s.cooperatives)
    kix = s.cooperative_index
    cands = s.candidates
    listed = np.array([i * n_coops + kix[k] for i, c in enumerate(cands) for k in c.preferences])
    ranks = np.array([r for c in cands for r in range(len(c.preferences))], dtype=np.int64)
    pref_keys, first = np.unique(listed.astype(np.int64), return_index=True)
    points = np.array([preference_points(r) for r in range(int(ranks.max(initial=0)) + 1)])
    pref_vals = points[ranks[first]].astype(np.int64) if first.size else first
    # A dense table when small enough: one look-up per triple, no search.
    dense: IntArray | None = None
    if pref_keys.size and len(cands) * n_coops <= DENSE_PREFERENCES_MAX:
        dense = np.zeros(len(cands) * n_coops, dtype=np.int64)
        dense[pref_keys] = pref_vals

    n_roles = skill.shape[1]
    flat_skill = np.ascontiguousarray(skill).ravel()

    def score(
        t_cand: IntArray, t_need: IntArray, t_coop: IntArray, dist: npt.NDArray[np.float64]
    ) -> IntArray:
        levels = flat_skill.take(t_cand * n_roles + need_role_ix.take(t_need))
        out: IntArray = SKILL_POINTS_PER_LEVEL * levels
        # Proximity: same kelurahan, else by distance in whole metres, else nothing.
        known = ~np.isnan(dist)
        if known.all():
            prox = proximity_points_m(np.rint(dist * 1000).astype(np.int64))
        else:
            metres = np.zeros(t_cand.shape[0], dtype=np.int64)
            metres[known] = np.rint(dist[known] * 1000).astype(np.int64)
            prox = np.where(known, proximity_points_m(metres), 0)
        out += np.where(cand_kel[t_cand] == coop_kel[t_coop], PROXIMITY_POINTS, prox)
        out += NOMINATION_POINTS * nominated[t_cand]
        if dense is not None:
            out += dense.take(t_cand * n_coops + t_coop)
        elif pref_keys.size:
            tk = t_cand * n_coops + t_coop
            pos = np.minimum(np.searchsorted(pref_keys, tk), pref_keys.size - 1)
            out += np.where(pref_keys[pos] == tk, pref_vals[pos], 0)
        return out

    return score

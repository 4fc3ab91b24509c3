"""Why: every placement, every candidate left out and every need left short, explained.

:func:`explain_plan` returns the plan with ``reasons`` on each assignment, one
:class:`~penempatan.plan._records.Unplaced` per candidate not placed (in the order of
the scenario's candidates) and one :class:`~penempatan.plan._records.ShortNeed` per
need whose placements are below its ``min`` (cooperatives in document order,
then needs). Each :class:`~penempatan.plan._records.Reason` has a stable ``code``, the
``values`` behind it and an English ``message``; every reason is a fact about
the scenario and this very plan, and the rules below are the contract a test
re-derives from the data alone.

Words
-----

A *need* is one role at one cooperative. A candidate *qualifies* for a need
when their level in its role reaches its ``min_level``. A need is *permitted*
for an eligible candidate who qualifies unless the pair (candidate,
cooperative) is forbidden, the cooperative lies beyond ``max_distance_km``, or
a fit table exists and does not list the triple; these are exactly the triples
a plan may use. In the plan, a need is *full* when its placements equal its
``max``, or when its cooperative's placements equal its ``max_staff``. The
*holders* of a full need are the people placed in it when it is at its
``max``; otherwise (only the cooperative is full) everyone placed at that
cooperative. A placement holds a *required* seat when its need has at most
``min`` placements (each of them counts towards coverage). An OPD or position
is *at its floor* when ``headcount − released = min_staff``; its *floor binds*.
Scores are the fit-table score or the default score of
:mod:`penempatan.rules._scoring`. A plan is *optimal for the spec* when its status is
``OPTIMAL`` and it optimises nothing after coverage and fit (no ``stages``, no
``replan``); re-planning and fairness may give fit way to further objectives.

Candidates not placed
---------------------

Rules are tried in this order; a candidate may get several reasons.

``ineligible.education``, ``ineligible.age``, ``ineligible.computer_skill``,
``ineligible.nomination``, ``ineligible.position``
    The candidate fails that policy rule (:func:`penempatan.rules._eligibility.ineligibility`);
    one reason per failed rule, with the values of :mod:`penempatan.rules._eligibility`
    (``ineligible.age``: ``age`` on ``reference_date`` and ``max_age``). When
    any applies, these are the only reasons.
``not_qualified``
    Eligible, but no need of any cooperative is one they qualify for.
    ``closest``: for each role they hold that some cooperative needs, their
    ``level`` and the lowest ``min_level`` asked for it.
``too_far``, ``forbidden``, ``no_fit_entry``
    Eligible and qualified for some need, but no need is permitted. One reason
    per cause that excludes at least one need they qualify for:
    ``too_far`` — ``beyond`` of the ``qualified`` cooperatives with such a need
    lie beyond ``max_distance_km``; ``nearest`` is the closest of those and
    ``distance_km`` its distance (rounded to metres). ``forbidden`` —
    ``cooperatives`` with such a need where the pair is forbidden.
    ``no_fit_entry`` — ``needs`` of the ``qualified`` needs are not listed for
    them in the fit table. Together these exclude every need they qualify for.
``no_plan``
    Some need is permitted, but the plan has no solution (``INFEASIBLE`` or
    ``UNKNOWN``). ``status``.

For a candidate with a permitted need in a plan with a solution:

``floor_binding``
    Their OPD is at its floor (``position`` null), or their position is
    (``position`` named): one reason per binding floor, with ``opd``,
    ``headcount``, ``released``, ``remaining`` and ``min_staff`` of that floor.
``outranked``
    Every permitted need is full, and every holder of each scores at least as
    much there as this candidate would. ``needs`` counts the permitted needs;
    ``seats`` names up to three of them, their best-scoring first, each with
    the candidate's ``score``, the number of ``holders`` and up to five of them
    (``named``: lowest score first, with ``role``, ``score``, ``locked`` and
    ``required``).
``not_needed``
    Every permitted need is full, and some holder scores less than this
    candidate would there. Same values as ``outranked``. In a plan optimal for
    the spec, with no binding floor of theirs, each such holder is locked or holds a
    required seat at a cooperative that is full while the candidate's role
    there is already at its minimum (moving them would cost coverage).
``no_gain``
    No floor of theirs binds, some permitted need is not full, and every such
    need already has at least its ``min`` and would give them score 0:
    placing them adds neither coverage nor fit. ``needs`` counts those needs;
    ``cooperative`` and ``role`` name the first.
``not_chosen``
    No floor of theirs binds and a permitted need is not full where they would
    add coverage or fit. Impossible in a plan optimal for the spec; a
    ``FEASIBLE`` plan, or one with further objectives, may show it.
    ``cooperative``, ``role``, ``score`` of the best such need, the plan's
    ``status`` and its further ``objectives`` (stage names, ``replan``).

So every candidate not placed has at least one reason: with a binding floor,
``floor_binding``; else if every permitted need is full, ``outranked`` or
``not_needed``; else ``no_gain`` or ``not_chosen``. A floor that binds while
a permitted need is open is the whole story: the plan traded that placement
for the OPD's service floor.

Placements
----------

``score.default`` (``total`` = ``skill`` + ``proximity`` + ``nomination`` +
``preference``, with ``level``, ``distance_km``, ``same_kelurahan`` and the
1-based ``preference_rank``) or ``score.fit_table`` (``score``); then
``seat.required`` or ``seat.optional`` (``placed``, ``min``, ``max`` of the
need); ``locked`` (``lock``: index in ``locks``) when a lock holds it; and
``next_best``: the best-scoring permitted need at another cooperative (ties:
document order), with its ``score``, ``difference`` = this score − that score,
``full``, ``required_there`` (a placement there would fill a required seat) and
``required_here``; or ``only_option`` when no other cooperative is permitted.

Needs below their minimum
-------------------------

``no_candidate``
    No eligible candidate qualifies for the need. ``min_level``; ``ineligible``
    counts the ineligible candidates who would qualify.
``none_within_distance``, ``forbidden``, ``no_fit_entry``
    Some eligible candidates qualify (``qualified``) but the need is permitted
    for none of them; one reason per cause that excludes at least one of them,
    with the ``count`` it excludes; ``none_within_distance`` also names the
    ``nearest_candidate`` beyond the limit and ``distance_km``.
``no_plan``
    Some candidate is permitted, but the plan has no solution.
``too_few_candidates``
    Fewer candidates are permitted for the need (``count``) than its ``min``:
    even all of them could not meet it.
``held_by_floor``
    Candidates permitted for the need are not placed and their OPD or position
    is at its floor. ``count``; ``floors`` lists the five binding floors that
    hold back the most of them (ties in OPD, then position order) with
    ``opd``, ``position``, ``remaining``, ``min_staff``, ``count`` and up to
    five of its ``candidates`` (best score for this need first);
    ``more_floors`` counts the binding floors not listed. A candidate whose OPD
    and position both bind is counted under the OPD.
``taken_elsewhere``
    Candidates permitted for the need are placed at another need. ``count``,
    ``required`` (how many hold a required seat there) and up to five
    ``named`` (best score for this need first) with their ``cooperative``,
    ``role``, ``score`` there, ``score_here``, ``required`` and ``locked``.
``cooperative_full``
    The cooperative is at its ``max_staff`` (``placed``).
``not_chosen``
    A permitted candidate is not placed although no floor of theirs binds and
    the cooperative is not full: impossible in a plan optimal for the spec.
    ``candidate`` (best score first), ``score``, ``status``, ``objectives``.

Every need below its minimum has at least one reason: with no permitted
candidate, the static causes above; with fewer permitted candidates than
``min``, ``too_few_candidates``; otherwise at least ``min − placed`` permitted
candidates are not placed here, and each of them is placed elsewhere, held by
a floor, or not placed with the cooperative full (or ``not_chosen``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from penempatan._errors import PlanMismatchError
from penempatan._status import Status
from penempatan.plan import Assignment, Plan, Reason, ShortNeed, Unplaced
from penempatan.rules._eligibility import distance_km
from penempatan.rules._network import IntArray, Network, build_network
from penempatan.rules._scoring import default_score
from penempatan.scenario import Scenario
from penempatan.scenario._geo import BORDER_KM, haversine_km, haversine_km_pairs

#: Seats named in ``outranked`` / ``not_needed``; people named per seat or group.
NAMED_SEATS = 3
NAMED_PEOPLE = 5
#: Binding floors listed in ``held_by_floor`` (those holding back the most people).
NAMED_FLOORS = 5

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


def _top(scores: IntArray, k: int) -> IntArray:
    """Positions of the ``k`` highest scores, highest first, ties in position order."""
    if scores.size > 4 * k:
        kth = np.partition(scores, scores.size - k)[scores.size - k]
        cand = np.flatnonzero(scores >= kth)
    else:
        cand = np.arange(scores.size)
    out: IntArray = cand[np.lexsort((cand, -scores[cand]))][:k]
    return out


def further_objectives(plan: Plan) -> list[str]:
    """What the plan optimised after coverage and fit (stage names, ``replan``); often none."""
    names = [st.name for st in plan.stages if st.name not in ("coverage", "fit")]
    if plan.replan is not None and not names:
        names.append("replan")
    return names


def optimal_for_spec(plan: Plan) -> bool:
    """Status OPTIMAL, and nothing optimised after the spec's coverage and fit."""
    return plan.status is Status.OPTIMAL and not further_objectives(plan)


def _km(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


@dataclass
class _State:
    """The plan's placements as arrays over the network's candidates, needs and cooperatives."""

    placed: BoolArray  # candidate placed
    cand_need: IntArray  # need of each placed candidate, -1 otherwise
    cand_score: IntArray
    a_cand: IntArray  # per assignment, in plan order
    a_need: IntArray
    a_score: IntArray
    need_placed: IntArray
    coop_placed: IntArray
    need_full: BoolArray
    coop_full: BoolArray
    opd_released: IntArray
    opd_binding: BoolArray
    pos_released: IntArray
    pos_binding: BoolArray
    cand_opd_binding: BoolArray
    cand_pos_binding: BoolArray
    locked: dict[int, int]  # candidate -> lock index, for locks the plan holds


class _Explainer:
    def __init__(self, s: Scenario, net: Network, plan: Plan) -> None:
        self.s = s
        self.net = net
        self.plan = plan
        self.n_c = len(s.candidates)
        self.n_n = len(net.need_role)
        self.n_k = len(s.cooperatives)
        self.roles = sorted(set(net.need_role))
        role_ix = {r: j for j, r in enumerate(self.roles)}
        self.need_role_ix = np.array([role_ix[r] for r in net.need_role], dtype=np.int64)
        self.need_level = np.array(
            [n.min_level for k in s.cooperatives for n in k.needs], dtype=np.int64
        )
        self.skill = np.zeros((self.n_c, len(self.roles)), dtype=np.int64)
        for i, c in enumerate(s.candidates):
            for r, lvl in c.skills.items():
                j = role_ix.get(r)
                if j is not None:
                    self.skill[i, j] = lvl
        self.eligible = np.ones(self.n_c, dtype=bool)
        if net.ineligible:
            self.eligible[list(net.ineligible)] = False
        self.forbidden: set[tuple[int, int]] = {
            (s.candidate_index[f.candidate], s.cooperative_index[f.cooperative])
            for f in s.forbidden
        }
        # Triples by candidate (the network's order) and by need.
        self.cand_start = np.searchsorted(net.t_cand, np.arange(self.n_c + 1))
        nan = float("nan")
        self.cand_xy = np.array(
            [(c.location.lat, c.location.lon) if c.location else (nan, nan) for c in s.candidates],
            dtype=np.float64,
        ).reshape(-1, 2)
        self.coop_xy = np.array(
            [
                (k.location.lat, k.location.lon) if k.location else (nan, nan)
                for k in s.cooperatives
            ],
            dtype=np.float64,
        ).reshape(-1, 2)
        self.st = self._state()
        st = self.st
        # Python lists for the per-record loops (numpy scalars are slow there).
        self.nips = [c.nip for c in s.candidates]
        self.coop_ids = [k.id for k in s.cooperatives]
        self.need_coop_l: list[int] = net.need_coop.tolist()
        self.req: list[bool] = (st.need_placed <= net.need_min).tolist()
        self.holder_info = [
            {
                "candidate": self.nips[c],
                "role": net.need_role[n],
                "score": sc,
                "locked": c in st.locked,
                "required": self.req[n],
            }
            for c, n, sc in zip(
                st.a_cand.tolist(), st.a_need.tolist(), st.a_score.tolist(), strict=True
            )
        ]

    @cached_property
    def by_need(self) -> IntArray:
        """Triple indices grouped by need (candidate order within a need); built on the
        first need left short, by a linear-time radix sort where need ids fit 16 bits."""
        keys = self.net.t_need
        if self.n_n < 1 << 15:
            keys = keys.astype(np.int16)
        out: IntArray = np.argsort(keys, kind="stable")
        return out

    @cached_property
    def need_start(self) -> IntArray:
        """``by_need[need_start[n]:need_start[n + 1]]`` are the triples of need ``n``."""
        counts = np.bincount(self.net.t_need, minlength=self.n_n)
        out: IntArray = np.r_[0, np.cumsum(counts)]
        return out

    @cached_property
    def fit_listed(self) -> set[tuple[int, int]] | None:
        """(candidate, need) pairs the fit table lists; ``None`` without a fit table."""
        s, net = self.s, self.net
        if s.fit is None:
            return None
        cix, kix = s.candidate_index, s.cooperative_index
        return {(cix[f.candidate], net.need_of[(kix[f.cooperative], f.role)]) for f in s.fit}

    # ----- the plan as arrays -----

    def _state(self) -> _State:
        s, net, plan = self.s, self.net, self.plan
        cix, kix = s.candidate_index, s.cooperative_index
        a_cand_l: list[int] = []
        a_need_l: list[int] = []
        for i, a in enumerate(plan.assignments):
            c = cix.get(a.candidate)
            k = kix.get(a.cooperative)
            n = None if k is None else net.need_of.get((k, a.role))
            if c is None or n is None:
                raise PlanMismatchError(
                    f"assignments[{i}] names a candidate, cooperative or role "
                    "this scenario does not have"
                )
            a_cand_l.append(c)
            a_need_l.append(n)
        a_cand = np.array(a_cand_l, dtype=np.int64)
        a_need = np.array(a_need_l, dtype=np.int64)
        a_score = np.array([a.score for a in plan.assignments], dtype=np.int64)
        placed = np.zeros(self.n_c, dtype=bool)
        placed[a_cand] = True
        cand_need = np.full(self.n_c, -1, dtype=np.int64)
        cand_need[a_cand] = a_need
        cand_score = np.zeros(self.n_c, dtype=np.int64)
        cand_score[a_cand] = a_score
        need_placed = np.bincount(a_need, minlength=self.n_n).astype(np.int64)
        coop_placed = np.bincount(net.need_coop[a_need], minlength=self.n_k).astype(np.int64)
        need_full = need_placed >= net.need_max
        coop_full = (net.coop_cap >= 0) & (coop_placed >= net.coop_cap)
        opd_released = np.bincount(net.cand_opd[a_cand], minlength=len(s.opds)).astype(np.int64)
        opd_binding = opd_released >= net.opd_release
        a_pos = net.cand_position[a_cand]
        pos_released = np.bincount(a_pos[a_pos >= 0], minlength=len(net.position_name)).astype(
            np.int64
        )
        pos_binding = pos_released >= net.position_release
        cand_opd_binding = opd_binding[net.cand_opd]
        cand_pos_binding = np.zeros(self.n_c, dtype=bool)
        has_pos = net.cand_position >= 0
        cand_pos_binding[has_pos] = pos_binding[net.cand_position[has_pos]]
        held = {(a.candidate, a.cooperative, a.role) for a in plan.assignments}
        locked: dict[int, int] = {}
        for li, lk in enumerate(s.locks):
            if (lk.candidate, lk.cooperative, lk.role) in held:
                locked.setdefault(cix[lk.candidate], li)
        return _State(
            placed=placed,
            cand_need=cand_need,
            cand_score=cand_score,
            a_cand=a_cand,
            a_need=a_need,
            a_score=a_score,
            need_placed=need_placed,
            coop_placed=coop_placed,
            need_full=need_full,
            coop_full=coop_full,
            opd_released=opd_released,
            opd_binding=opd_binding,
            pos_released=pos_released,
            pos_binding=pos_binding,
            cand_opd_binding=cand_opd_binding,
            cand_pos_binding=cand_pos_binding,
            locked=locked,
        )

    def _required(self, need: int) -> bool:
        """A placement in ``need`` holds a required seat (placed ≤ min)."""
        return self.req[need]

    def _coop_id(self, need: int) -> str:
        return self.coop_ids[self.need_coop_l[need]]

    def _distances_from(
        self, lat: float, lon: float, lats: FloatArray, lons: FloatArray
    ) -> FloatArray:
        n = lats.shape[0]
        out: FloatArray = haversine_km_pairs(np.full(n, lat), np.full(n, lon), lats, lons)
        return out

    # ----- floors -----

    def _floor_reasons(self, i: int) -> list[Reason]:
        s, net, st = self.s, self.net, self.st
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

    # ----- candidates not placed -----

    def unplaced(self) -> tuple[Unplaced, ...]:
        net, st = self.net, self.st
        t_cand, t_need, t_score = net.t_cand, net.t_need, net.t_score
        n_perm = np.diff(self.cand_start)
        # Seat state of every need as the plan leaves it (full: the need or its
        # cooperative; the lowest score holding it), then of every triple by its need.
        big = np.iinfo(np.int64).max
        need_low = np.full(self.n_n, big, dtype=np.int64)
        np.minimum.at(need_low, st.a_need, st.a_score)
        coop_low = np.full(self.n_k, big, dtype=np.int64)
        np.minimum.at(coop_low, net.need_coop[st.a_need], st.a_score)
        full_n = st.need_full | st.coop_full[net.need_coop]
        low_n = np.where(st.need_full, need_low, coop_low[net.need_coop])
        short_n = st.need_placed < net.need_min
        full_t = full_n[t_need]
        outr_t = full_t & (low_n[t_need] >= t_score)
        gain_t = ~full_t & ((t_score > 0) | short_n[t_need])
        n_full = np.bincount(t_cand[full_t], minlength=self.n_c)
        n_outr = np.bincount(t_cand[outr_t], minlength=self.n_c)
        n_gain = np.bincount(t_cand[gain_t], minlength=self.n_c)
        # Holders per need and per cooperative, lowest score first.
        order = np.lexsort((st.a_cand, st.a_score))
        holders_need: dict[int, list[int]] = defaultdict(list)
        holders_coop: dict[int, list[int]] = defaultdict(list)
        for j in order.tolist():
            n = int(st.a_need[j])
            holders_need[n].append(j)
            holders_coop[int(net.need_coop[n])].append(j)

        has_solution = self.plan.status.has_solution
        out: list[Unplaced] = []
        for i, c in enumerate(self.s.candidates):
            if st.placed[i]:
                continue
            reasons: list[Reason]
            if i in net.ineligible:
                reasons = [Reason.of(r.code, dict(r.values)) for r in net.ineligible[i]]
            elif n_perm[i] == 0:
                reasons = self._static_candidate(i)
            elif not has_solution:
                reasons = [Reason.of("no_plan", {"status": self.plan.status.value})]
            else:
                reasons = self._floor_reasons(i)
                lo, hi = int(self.cand_start[i]), int(self.cand_start[i + 1])
                if n_full[i] == n_perm[i]:
                    code = "outranked" if n_outr[i] == n_perm[i] else "not_needed"
                    reasons.append(Reason.of(code, self._seats(lo, hi, holders_need, holders_coop)))
                elif not reasons:
                    seg_full = full_t[lo:hi]
                    if n_gain[i] == 0:
                        first = lo + int(np.flatnonzero(~seg_full)[0])
                        n = int(t_need[first])
                        reasons.append(
                            Reason.of(
                                "no_gain",
                                {
                                    "needs": int(np.count_nonzero(~seg_full)),
                                    "cooperative": self._coop_id(n),
                                    "role": net.need_role[n],
                                },
                            )
                        )
                    else:
                        idx = lo + np.flatnonzero(gain_t[lo:hi])
                        best = int(idx[np.argmax(t_score[idx])])
                        n = int(t_need[best])
                        reasons.append(
                            Reason.of(
                                "not_chosen",
                                {
                                    "cooperative": self._coop_id(n),
                                    "role": net.need_role[n],
                                    "score": int(t_score[best]),
                                    "status": self.plan.status.value,
                                    "objectives": further_objectives(self.plan),
                                },
                            )
                        )
            out.append(Unplaced(candidate=c.nip, reasons=tuple(reasons)))
        return tuple(out)

    def _seats(
        self,
        lo: int,
        hi: int,
        holders_need: dict[int, list[int]],
        holders_coop: dict[int, list[int]],
    ) -> dict[str, Any]:
        """Values of ``outranked`` / ``not_needed``: the best seats and who holds them."""
        net, st = self.net, self.st
        scores = net.t_score[lo:hi]
        best = lo + _top(scores, NAMED_SEATS)
        seats = []
        for t in best.tolist():
            n = int(net.t_need[t])
            held = holders_need[n] if st.need_full[n] else holders_coop[int(net.need_coop[n])]
            named = [dict(self.holder_info[j]) for j in held[:NAMED_PEOPLE]]
            seats.append(
                {
                    "cooperative": self._coop_id(n),
                    "role": net.need_role[n],
                    "score": int(net.t_score[t]),
                    "holders": len(held),
                    "named": named,
                }
            )
        return {"needs": hi - lo, "seats": seats}

    def _static_candidate(self, i: int) -> list[Reason]:
        """Reasons of an eligible candidate with no permitted need (rules 2 and 7, distance)."""
        s, net = self.s, self.net
        c = s.candidates[i]
        qual = np.flatnonzero(self.skill[i, self.need_role_ix] >= self.need_level)
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
            beyond_ids, dists = self._coops_beyond(i, coops)
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
                            "distance_km": _km(dists[nearest]),
                        },
                    )
                )
        banned = [int(k) for k in coops.tolist() if (i, int(k)) in self.forbidden]
        if banned:
            out.append(
                Reason.of("forbidden", {"cooperatives": [s.cooperatives[k].id for k in banned]})
            )
        if self.fit_listed is not None:
            missing = sum(1 for n in qual.tolist() if (i, int(n)) not in self.fit_listed)
            if missing:
                out.append(
                    Reason.of("no_fit_entry", {"needs": missing, "qualified": int(qual.size)})
                )
        if not out:  # pragma: no cover - the network excludes needs for these causes only
            raise RuntimeError(f"no reason found for candidate {c.nip}")
        return out

    def _coops_beyond(self, i: int, coops: IntArray) -> tuple[list[int], dict[int, float]]:
        """Cooperatives (indices) beyond the distance limit from candidate ``i``, and distances."""
        s = self.s
        limit = s.policy.max_distance_km
        c = s.candidates[i]
        assert limit is not None and c.location is not None
        d = self._distances_from(
            c.location.lat, c.location.lon, self.coop_xy[coops, 0], self.coop_xy[coops, 1]
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

    # ----- placements -----

    def assignments(self) -> tuple[Assignment, ...]:
        s, net, st = self.s, self.net, self.st
        # Best permitted need at another cooperative, per placed candidate.
        own_coop = np.full(self.n_c, -1, dtype=np.int64)
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
        for j, a in enumerate(self.plan.assignments):
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
                            "distance_km": _km(distance_km(c, k)),
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
            reasons.append(
                Reason.of("seat.required" if self._required(n) else "seat.optional", seat)
            )
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
                            "cooperative": self._coop_id(m),
                            "role": net.need_role[m],
                            "score": int(net.t_score[t]),
                            "difference": a.score - int(net.t_score[t]),
                            "full": bool(st.need_full[m] or st.coop_full[int(net.need_coop[m])]),
                            "required_here": self._required(n),
                            "required_there": bool(st.need_placed[m] < net.need_min[m]),
                        },
                    )
                )
            out.append(a.model_copy(update={"reasons": tuple(reasons)}))
        return tuple(out)

    # ----- needs below their minimum -----

    def short_needs(self) -> tuple[ShortNeed, ...]:
        net, st = self.net, self.st
        out = []
        for n in np.flatnonzero(st.need_placed < net.need_min).tolist():
            lo, hi = int(self.need_start[n]), int(self.need_start[n + 1])
            triples = self.by_need[lo:hi]
            if triples.size == 0:
                reasons = self._static_need(n)
            elif not self.plan.status.has_solution:
                reasons = [Reason.of("no_plan", {"status": self.plan.status.value}, about="need")]
            else:
                reasons = self._dynamic_need(n, triples)
            out.append(
                ShortNeed(
                    cooperative=self._coop_id(n),
                    role=net.need_role[n],
                    min=int(net.need_min[n]),
                    placed=int(st.need_placed[n]),
                    reasons=tuple(reasons),
                )
            )
        return tuple(out)

    def _static_need(self, n: int) -> list[Reason]:
        s, net = self.s, self.net
        has = self.skill[:, self.need_role_ix[n]] >= self.need_level[n]
        q = np.flatnonzero(has & self.eligible)
        if q.size == 0:
            return [
                Reason.of(
                    "no_candidate",
                    {
                        "min_level": int(self.need_level[n]),
                        "ineligible": int(np.count_nonzero(has & ~self.eligible)),
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
            d = self._distances_from(loc.lat, loc.lon, self.cand_xy[q, 0], self.cand_xy[q, 1])
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
                            "distance_km": _km(dn),
                        },
                        about="need",
                    )
                )
        banned = sum(1 for i in q.tolist() if (i, k) in self.forbidden)
        if banned:
            out.append(
                Reason.of("forbidden", {"count": banned, "qualified": int(q.size)}, about="need")
            )
        if self.fit_listed is not None:
            missing = sum(1 for i in q.tolist() if (i, n) not in self.fit_listed)
            if missing:
                out.append(
                    Reason.of(
                        "no_fit_entry", {"count": missing, "qualified": int(q.size)}, about="need"
                    )
                )
        if not out:  # pragma: no cover - the network excludes pairs for these causes only
            raise RuntimeError(f"no reason found for need {n}")
        return out

    def _dynamic_need(self, n: int, triples: IntArray) -> list[Reason]:
        s, net, st = self.s, self.net, self.st
        k = int(net.need_coop[n])
        xs = net.t_cand[triples]
        here = net.t_score[triples]
        order = np.lexsort((xs, -here))
        xs, here = xs[order], here[order]
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
                    position = next(
                        x for x in opd.positions or () if x.name == net.position_name[p]
                    )
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
                        "cooperative": self._coop_id(m),
                        "role": net.need_role[m],
                        "score": int(st.cand_score[x]),
                        "score_here": int(sh),
                        "required": self._required(m),
                        "locked": x in st.locked,
                    }
                )
            required = sum(1 for x in ax.tolist() if self._required(int(st.cand_need[x])))
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
            free = ~st.placed[xs] & ~st.cand_opd_binding[xs] & ~st.cand_pos_binding[xs]
            if free.any():
                j = int(np.flatnonzero(free)[0])
                out.append(
                    Reason.of(
                        "not_chosen",
                        {
                            "candidate": s.candidates[int(xs[j])].nip,
                            "score": int(here[j]),
                            "status": self.plan.status.value,
                            "objectives": further_objectives(self.plan),
                        },
                        about="need",
                    )
                )
        return out


def explain_plan(scenario: Scenario, plan: Plan, *, network: Network | None = None) -> Plan:
    """``plan`` with the reasons of every placement, candidate left out and need left short.

    The rules are in the module docstring. ``network`` is the scenario's
    :func:`~penempatan.rules._network.build_network`, when the caller has it already
    (``solve()`` does); it is built otherwise. Raises :class:`PlanMismatchError`
    when the plan was not solved from ``scenario``.
    """
    if plan.scenario_sha256 != scenario.sha256:
        raise PlanMismatchError(
            f"the plan was solved from scenario {plan.scenario_sha256[:12]}…, "
            f"not from this one ({scenario.sha256[:12]}…)"
        )
    net = network if network is not None else build_network(scenario)
    ex = _Explainer(scenario, net, plan)
    return plan.model_copy(
        update={
            "assignments": ex.assignments(),
            "unplaced": ex.unplaced(),
            "short_needs": ex.short_needs(),
        }
    )


__all__ = ["explain_plan"]

"""The scenario, its network and a plan as arrays: what every explanation reads.

:class:`Context` is built once per :func:`~penempatan.explain_plan`; the
reasons for placements (:mod:`._placements`), for candidates left out
(:mod:`._candidates`) and for needs left short (:mod:`._needs`) read it and
never change it. The words it computes (*full*, *required*, *at its floor*)
are those of the contract (:mod:`._contract`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from penempatan._errors import PlanMismatchError
from penempatan.plan import Plan
from penempatan.rules._floors import floor_state
from penempatan.rules._network import IntArray, Network
from penempatan.scenario import Scenario
from penempatan.scenario._geo import haversine_km_pairs, points_deg

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


def km(value: float | None) -> float | None:
    """A distance as reported: rounded to metres."""
    return None if value is None else round(float(value), 3)


@dataclass
class PlanState:
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


class Context:
    """The scenario, network and plan as arrays, and the look-ups the reasons share."""

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
        self.skill = net.skill  # the network's, over the same sorted roles
        self.eligible = np.ones(self.n_c, dtype=bool)
        if net.ineligible:
            self.eligible[list(net.ineligible)] = False
        self.forbidden: set[tuple[int, int]] = {
            (s.candidate_index[f.candidate], s.cooperative_index[f.cooperative])
            for f in s.forbidden
        }
        # Triples by candidate (the network's order) and by need.
        self.cand_start = np.searchsorted(net.t_cand, np.arange(self.n_c + 1))
        self.st = self._state()
        st = self.st
        # Python lists for the per-record loops (numpy scalars are slow there).
        self.nips = [c.nip for c in s.candidates]
        self.coop_ids = [k.id for k in s.cooperatives]
        self.need_coop_l: list[int] = net.need_coop.tolist()
        self.req_mask = st.need_placed <= net.need_min
        self.req: list[bool] = self.req_mask.tolist()

    # Built on first use: only some reasons read them (a distance, a seat's holders).

    @cached_property
    def cand_xy(self) -> npt.NDArray[np.float64]:
        """Each candidate's (latitude, longitude), NaN where none is given."""
        return points_deg([c.location for c in self.s.candidates])

    @cached_property
    def coop_xy(self) -> npt.NDArray[np.float64]:
        """Each cooperative's (latitude, longitude), NaN where none is given."""
        return points_deg([k.location for k in self.s.cooperatives])

    @cached_property
    def holder_info(self) -> list[dict[str, Any]]:
        """Per assignment (the plan's order): who holds the seat, as a reason names it."""
        st, net = self.st, self.net
        return [
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

    def _state(self) -> PlanState:
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
        floors = floor_state(net, a_cand)
        opd_released, opd_binding = floors.opd_released, floors.opd_binding
        pos_released, pos_binding = floors.position_released, floors.position_binding
        cand_opd_binding = opd_binding[net.cand_opd]
        cand_pos_binding = np.zeros(self.n_c, dtype=bool)
        has_pos = net.cand_position >= 0
        cand_pos_binding[has_pos] = pos_binding[net.cand_position[has_pos]]
        held = {(a.candidate, a.cooperative, a.role) for a in plan.assignments}
        locked: dict[int, int] = {}
        for li, lk in enumerate(s.locks):
            if (lk.candidate, lk.cooperative, lk.role) in held:
                locked.setdefault(cix[lk.candidate], li)
        return PlanState(
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

    def required(self, need: int) -> bool:
        """A placement in ``need`` holds a required seat (placed ≤ min)."""
        return self.req[need]

    def coop_id(self, need: int) -> str:
        return self.coop_ids[self.need_coop_l[need]]

    def distances_from(
        self, lat: float, lon: float, lats: FloatArray, lons: FloatArray
    ) -> FloatArray:
        n = lats.shape[0]
        out: FloatArray = haversine_km_pairs(np.full(n, lat), np.full(n, lon), lats, lons)
        return out

"""Re-planning: which placements of a previous plan can still be kept, and which must change.

A previous placement (candidate, cooperative, role) is *forced* to change when
it is no longer permitted on its own: the candidate or the cooperative or the
need is gone, the candidate is no longer eligible or qualified, the pair is
forbidden, outside the distance limit or missing from the fit table. When the
placements that remain permitted exceed a capacity that has tightened (an OPD
or position floor, a need maximum, a cooperative cap), the excess is forced
too, though which of them moves is chosen by the optimiser. Every other change
is *chosen*, and re-planning makes as few of those as its levels allow.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from penempatan.plan import CapacityExcess, ForcedChange, Plan
from penempatan.rules._network import IntArray, Network


@dataclass(frozen=True)
class PreviousPlacements:
    """The previous plan seen from the new scenario."""

    keepable: IntArray  # triples of the previous placements that are still permitted
    forced: tuple[ForcedChange, ...]
    excess: tuple[CapacityExcess, ...]


def map_previous(net: Network, previous: Plan) -> PreviousPlacements:
    """Match ``previous``'s assignments to the new network's triples."""
    s = net.scenario
    cix, kix = s.candidate_index, s.cooperative_index
    keep: list[int] = []
    forced: list[ForcedChange] = []
    for a in previous.assignments:
        code = None
        cand = cix.get(a.candidate)
        coop = kix.get(a.cooperative)
        if cand is None:
            code = "candidate_removed"
        elif coop is None:
            code = "cooperative_removed"
        elif (coop, a.role) not in net.need_of:
            code = "need_removed"
        else:
            t = net.triple_of(cand, net.need_of[(coop, a.role)])
            if t >= 0:
                keep.append(t)
                continue
            reasons = net.ineligible.get(cand)
            code = reasons[0].code if reasons else "not_permitted"
        forced.append(
            ForcedChange(candidate=a.candidate, cooperative=a.cooperative, role=a.role, reason=code)
        )
    keepable = np.array(sorted(keep), dtype=np.int64)
    return PreviousPlacements(keepable, tuple(forced), _excess(net, keepable))


def _excess(net: Network, kept: IntArray) -> tuple[CapacityExcess, ...]:
    """Capacities that the still-permitted previous placements now exceed."""
    s = net.scenario
    out: list[CapacityExcess] = []
    cands = net.t_cand[kept]
    for o, n in sorted(Counter(net.cand_opd[cands].tolist()).items()):
        if n > net.opd_release[o]:
            out.append(
                CapacityExcess(
                    constraint=f"opds[{o}].min_staff", excess=n - int(net.opd_release[o])
                )
            )
    pos = net.cand_position[cands]
    for p, n in sorted(Counter(pos[pos >= 0].tolist()).items()):
        if n > net.position_release[p]:
            o = int(net.position_opd[p])
            names = [ps.name for ps in s.opds[o].positions or ()]
            j = names.index(net.position_name[p])
            out.append(
                CapacityExcess(
                    constraint=f"opds[{o}].positions[{j}].min_staff",
                    excess=n - int(net.position_release[p]),
                )
            )
    for nd, n in sorted(Counter(net.t_need[kept].tolist()).items()):
        if n > net.need_max[nd]:
            k = int(net.need_coop[nd])
            j = [x.role for x in s.cooperatives[k].needs].index(net.need_role[nd])
            out.append(
                CapacityExcess(
                    constraint=f"cooperatives[{k}].needs[{j}].max", excess=n - int(net.need_max[nd])
                )
            )
    for k, n in sorted(Counter(net.need_coop[net.t_need[kept]].tolist()).items()):
        cap = int(net.coop_cap[k])
        if 0 <= cap < n:
            out.append(CapacityExcess(constraint=f"cooperatives[{k}].max_staff", excess=n - cap))
    return tuple(out)


def triples_of(net: Network, plan: Plan) -> IntArray:
    """The permitted triples of ``plan``'s assignments (others are ignored), as a hint."""
    return map_previous(net, plan).keepable

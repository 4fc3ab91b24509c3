"""Locks: placements that must hold, and the conflicts that make them impossible.

Every rule of the spec is a capacity in a tree-shaped network, so a set of
locks is feasible exactly when (a) each lock is a permitted triple, (b) no
candidate is locked to two different placements and (c) no capacity is
exceeded by the locks alone: need maxima, cooperative caps, OPD and position
floors. Without locks the empty plan is always feasible. Each conflict found
here is a *minimal* set of the user's own constraints: drop any one member and
that conflict disappears.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from penempatan.rules._network import Network


@dataclass(frozen=True)
class LockConflict:
    """A minimal set of constraints, named by their place in the scenario, that cannot all hold."""

    constraints: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class LockSet:
    """The locks as triple indices (duplicates merged), or the conflicts that forbid them."""

    triples: tuple[int, ...]
    conflicts: tuple[LockConflict, ...]


def _why_not_permitted(net: Network, i: int, cand: int, coop: int, need: int) -> LockConflict:
    s = net.scenario
    lock = s.locks[i]
    who = f"locks[{i}]"
    reasons = net.ineligible.get(cand)
    if reasons:
        fields = {
            "ineligible.education": "policy.min_education",
            "ineligible.age": "policy.max_age",
            "ineligible.computer_skill": "policy.require_computer_skill",
            "ineligible.nomination": "policy.require_nomination",
            "ineligible.position": "policy.excluded_positions",
        }
        names = tuple(fields[r.code] for r in reasons)
        text = "; ".join(r.message for r in reasons)
        return LockConflict((who, *names), f"{who} places an ineligible candidate: {text}")
    coop_rec = s.cooperatives[coop]
    j = next(n for n, nd in enumerate(coop_rec.needs) if nd.role == lock.role)
    need_rec = coop_rec.needs[j]
    level = s.candidates[cand].skills.get(lock.role, 0)
    if level < need_rec.min_level:
        return LockConflict(
            (who, f"cooperatives[{coop}].needs[{j}].min_level"),
            f"{who} needs level {need_rec.min_level} in {lock.role!r}; the candidate has {level}",
        )
    for f, fb in enumerate(s.forbidden):
        if fb.candidate == lock.candidate and fb.cooperative == lock.cooperative:
            return LockConflict((who, f"forbidden[{f}]"), f"{who} uses a forbidden pair")
    if s.fit is not None and not any(
        (e.candidate, e.cooperative, e.role) == (lock.candidate, lock.cooperative, lock.role)
        for e in s.fit
    ):
        return LockConflict((who, "fit"), f"{who} is a triple the fit table does not list")
    return LockConflict(
        (who, "policy.max_distance_km"),
        f"{who} places the candidate beyond policy.max_distance_km",
    )


def resolve_locks(net: Network) -> LockSet:
    """Map the scenario's locks to triples and find every minimal conflict among them."""
    s = net.scenario
    conflicts: list[LockConflict] = []
    cix, kix = s.candidate_index, s.cooperative_index
    first_lock: dict[int, tuple[int, int]] = {}  # candidate -> (lock index, need)
    kept: dict[int, int] = {}  # candidate -> lock index of its kept lock
    triple_of_lock: dict[int, int] = {}
    for i, lock in enumerate(s.locks):
        cand, coop = cix[lock.candidate], kix[lock.cooperative]
        need = net.need_of[(coop, lock.role)]
        if cand in first_lock:
            j, other = first_lock[cand]
            if other != need:
                conflicts.append(
                    LockConflict(
                        (f"locks[{j}]", f"locks[{i}]"),
                        f"locks[{j}] and locks[{i}] place the same candidate twice; "
                        "a candidate is placed at most once (rule 3)",
                    )
                )
            continue
        first_lock[cand] = (i, need)
        t = net.triple_of(cand, need)
        if t < 0:
            conflicts.append(_why_not_permitted(net, i, cand, coop, need))
            continue
        kept[cand] = i
        triple_of_lock[i] = t

    def over(groups: dict[int, list[int]], cap_of: dict[int, int], name_of: dict[int, str]) -> None:
        for g, locks in sorted(groups.items()):
            cap = cap_of[g]
            if cap >= 0 and len(locks) > cap:
                # A minimal set: cap + 1 of the locks are already too many.
                members = tuple(f"locks[{i}]" for i in locks[: cap + 1])
                also = f" ({len(locks)} locks there in all)" if len(locks) > len(members) else ""
                conflicts.append(
                    LockConflict(
                        (*members, name_of[g]),
                        f"{len(members)} locks exceed {name_of[g]}, which allows {cap}{also}",
                    )
                )

    by_need: dict[int, list[int]] = defaultdict(list)
    by_coop: dict[int, list[int]] = defaultdict(list)
    by_opd: dict[int, list[int]] = defaultdict(list)
    by_pos: dict[int, list[int]] = defaultdict(list)
    for cand, i in sorted(kept.items(), key=lambda kv: kv[1]):
        need = int(net.t_need[triple_of_lock[i]])
        by_need[need].append(i)
        by_coop[int(net.need_coop[need])].append(i)
        by_opd[int(net.cand_opd[cand])].append(i)
        if net.cand_position[cand] >= 0:
            by_pos[int(net.cand_position[cand])].append(i)

    need_names = {}
    for n in by_need:
        k = int(net.need_coop[n])
        j = next(j for j, nd in enumerate(s.cooperatives[k].needs) if nd.role == net.need_role[n])
        need_names[n] = f"cooperatives[{k}].needs[{j}].max"
    over(by_need, {n: int(net.need_max[n]) for n in by_need}, need_names)
    over(
        by_coop,
        {k: int(net.coop_cap[k]) for k in by_coop},
        {k: f"cooperatives[{k}].max_staff" for k in by_coop},
    )
    over(
        by_opd,
        {o: int(net.opd_release[o]) for o in by_opd},
        {o: f"opds[{o}].min_staff" for o in by_opd},
    )
    pos_names = {}
    for p in by_pos:
        o = int(net.position_opd[p])
        j = next(
            j for j, ps in enumerate(s.opds[o].positions or ()) if ps.name == net.position_name[p]
        )
        pos_names[p] = f"opds[{o}].positions[{j}].min_staff"
    over(by_pos, {p: int(net.position_release[p]) for p in by_pos}, pos_names)

    return LockSet(tuple(sorted(triple_of_lock.values())), tuple(conflicts))

"""Greedy baselines: what a careful spreadsheet or a rank-order fill achieves, for comparison.

Both work on the permitted triples of penempatan's placement network (so the
eligibility, distance, fit-table and forbidden rules are the library's) and
return a :class:`penempatan.Plan` with status ``FEASIBLE`` that
``benchmarks/run.py`` checks with :func:`penempatan.verify`, which re-derives
every rule from the scenario alone. Locks are placed first.

* :func:`greedy_by_score` – *greedy by score, one pass*: sort all permitted
  triples by score, highest first, and take each one whose candidate is still
  free and whose need, cooperative, OPD and position still have room.
* :func:`greedy_required_first` – *required seats first* (the BKN-style rank
  fill): first repeatedly take the highest-score triple that fills a seat still
  *required* (its need has fewer than ``min`` placed), then fill the optional
  seats (up to ``max``) by score. Since room only ever shrinks, one pass in
  score order per phase is exactly "repeatedly take the best still-possible
  triple".

Neither looks ahead, so both can spend a scarce candidate (or the slack of a
tight OPD floor) on a seat someone else could have filled; the optimum
(min-cost flow) never does. Ties are broken by triple order (candidate, need).

Usage: ``python benchmarks/greedy.py SCENARIO.json [score|required]`` prints
one JSON object with coverage, fit, the number of rule violations and timings.
"""

from __future__ import annotations

import json
import sys
import time
from array import array
from typing import Any

import numpy as np
import numpy.typing as npt

import penempatan as pn
from penempatan._assemble import assemble_plan
from penempatan._locks import resolve_locks
from penempatan._network import Network, build_network
from penempatan._plan import Plan, SolverInfo
from penempatan._solve import versions
from penempatan._status import Status

I64 = npt.NDArray[np.int64]

#: Sorted triples handled per vectorised pre-filter (bounds memory on dense instances).
CHUNK = 1 << 20


class _Room:
    """Remaining capacity of every need, cooperative, OPD and position, and free candidates."""

    def __init__(self, net: Network) -> None:
        n_k = len(net.coop_cap)
        cap = net.coop_cap.copy()
        none = cap < 0
        cap[none] = np.bincount(net.need_coop, weights=net.need_max, minlength=n_k).astype(
            np.int64
        )[none]
        # array('q') buffers: fast scalar access in the loop, numpy views for the pre-filter.
        self.free = array("q", [1]) * len(net.scenario.candidates)
        self.need_min = array("q", net.need_min.tolist())  # seats still required
        self.need = array("q", net.need_max.tolist())
        self.coop = array("q", cap.tolist())
        self.opd = array("q", net.opd_release.tolist())
        self.pos = array("q", net.position_release.tolist())
        self.net = net
        self.need_coop = net.need_coop.tolist()
        self.cand_opd = net.cand_opd.tolist()
        self.cand_pos = net.cand_position.tolist()

    def view(self, buf: array[int]) -> I64:
        if len(buf) == 0:
            return np.zeros(0, np.int64)
        out: I64 = np.frombuffer(buf, dtype=np.int64)
        return out

    def take(self, c: int, n: int) -> None:
        self.free[c] = 0
        if self.need_min[n] > 0:
            self.need_min[n] -= 1
        self.need[n] -= 1
        self.coop[self.need_coop[n]] -= 1
        self.opd[self.cand_opd[c]] -= 1
        p = self.cand_pos[c]
        if p >= 0:
            self.pos[p] -= 1

    def fill(self, order: I64, *, required_only: bool) -> list[int]:
        """One pass over ``order`` (triple indices), taking every triple that still fits."""
        net = self.net
        taken: list[int] = []
        free, need_min, need, coop = self.free, self.need_min, self.need, self.coop
        opd, pos = self.opd, self.pos
        need_coop, cand_opd, cand_pos = self.need_coop, self.cand_opd, self.cand_pos
        seats = need_min if required_only else need
        for start in range(0, order.size, CHUNK):
            t = order[start : start + CHUNK]
            tc, tn = net.t_cand[t], net.t_need[t]
            # Vectorised pre-filter on the current room (room only shrinks).
            ok = (self.view(free)[tc] > 0) & (self.view(seats)[tn] > 0)
            ok &= self.view(coop)[net.need_coop[tn]] > 0
            ok &= self.view(opd)[net.cand_opd[tc]] > 0
            t, tc, tn = t[ok], tc[ok], tn[ok]
            for i, c, n in zip(t.tolist(), tc.tolist(), tn.tolist(), strict=True):
                if not free[c] or seats[n] <= 0 or coop[need_coop[n]] <= 0:
                    continue
                if opd[cand_opd[c]] <= 0:
                    continue
                p = cand_pos[c]
                if p >= 0 and pos[p] <= 0:
                    continue
                self.take(c, n)
                taken.append(i)
        return taken


def _by_score(net: Network) -> I64:
    """Triple indices sorted by score, highest first; ties in triple order."""
    out: I64 = np.argsort(-net.t_score, kind="stable").astype(np.int64)
    return out


def _plan(net: Network, status: Status, selected: list[int], algorithm: str) -> Plan:
    # SolverInfo.engine only knows "flow" and "cpsat"; a baseline is neither, so the
    # record is built without validation and names the algorithm.
    solver = SolverInfo.model_construct(
        engine="greedy",  # type: ignore[arg-type]
        seed=0,
        workers=1,
        time_limit_s=None,
        parameters={"algorithm": algorithm},
        versions=versions(),
    )
    sel = np.array(sorted(selected), dtype=np.int64)
    return assemble_plan(net, status, sel, bound=None, gap=None, solver=solver)


def _start(net: Network) -> tuple[_Room, list[int], bool]:
    """Room after the locks, the locked triples, and whether the locks can hold."""
    room = _Room(net)
    locks = resolve_locks(net)
    if locks.conflicts:
        return room, [], False
    for t in locks.triples:
        room.take(int(net.t_cand[t]), int(net.t_need[t]))
    return room, list(locks.triples), True


def greedy_by_score(scenario: pn.Scenario, net: Network | None = None) -> Plan:
    """Greedy by score, one pass (see module docstring)."""
    net = build_network(scenario) if net is None else net
    room, selected, ok = _start(net)
    if not ok:
        return _plan(net, Status.INFEASIBLE, [], "greedy_by_score")
    selected += room.fill(_by_score(net), required_only=False)
    return _plan(net, Status.FEASIBLE, selected, "greedy_by_score")


def greedy_required_first(scenario: pn.Scenario, net: Network | None = None) -> Plan:
    """Greedy, required seats first, then optional seats (see module docstring)."""
    net = build_network(scenario) if net is None else net
    room, selected, ok = _start(net)
    if not ok:
        return _plan(net, Status.INFEASIBLE, [], "greedy_required_first")
    order = _by_score(net)
    required = order[net.need_min[net.t_need[order]] > 0]
    selected += room.fill(required, required_only=True)
    selected += room.fill(order, required_only=False)
    return _plan(net, Status.FEASIBLE, selected, "greedy_required_first")


ALGORITHMS = {"score": greedy_by_score, "required": greedy_required_first}


def run(path: str, algorithm: str) -> dict[str, Any]:
    """Load, solve greedily, verify; the numbers ``benchmarks/run.py`` records."""
    t0 = time.perf_counter()
    scenario = pn.load_scenario(path)
    t1 = time.perf_counter()
    net = build_network(scenario)
    t2 = time.perf_counter()
    plan = ALGORITHMS[algorithm](scenario, net)
    t3 = time.perf_counter()
    violations = pn.verify(scenario, plan)
    t4 = time.perf_counter()
    return {
        "status": plan.status.value,
        "coverage": plan.coverage,
        "fit": plan.fit,
        "required_seats": plan.required_seats,
        "placed": len(plan.assignments),
        "violations": len(violations),
        "first_violations": [str(v) for v in violations[:5]],
        "timings": {
            "validation_s": t1 - t0,
            "network_s": t2 - t1,
            "greedy_s": t3 - t2,
            "verify_s": t4 - t3,
        },
    }


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    algorithm = argv[1] if len(argv) > 1 else "score"
    print(json.dumps(run(argv[0], algorithm)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Greedy baselines: what a careful spreadsheet or a rank-order fill achieves, for comparison.

Both work on the permitted triples of penempatan's placement network (so the
eligibility, distance, fit-table and forbidden rules are the library's) and
are turned into a :class:`penempatan.Plan` (status ``FEASIBLE``) by
:func:`penempatan.evaluate`, which checks them with :func:`penempatan.verify`
(every rule re-derived from the scenario alone) and scores them. Locks are
placed first. Only penempatan's public API is used.

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
from penempatan import Network

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

    def fits(self, c: int, n: int) -> bool:
        """Whether candidate ``c`` is free and need ``n`` and every capacity above have room."""
        p = self.cand_pos[c]
        return bool(
            self.free[c]
            and self.need[n] > 0
            and self.coop[self.need_coop[n]] > 0
            and self.opd[self.cand_opd[c]] > 0
            and (p < 0 or self.pos[p] > 0)
        )

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


def _start(net: Network) -> tuple[_Room, list[int]] | None:
    """Room after the locks and the locked triples; ``None`` when the locks cannot all
    be placed (a lock that is not permitted, or locks beyond a capacity)."""
    room = _Room(net)
    s = net.scenario
    cix, kix = s.candidate_index, s.cooperative_index
    taken = []
    for lk in s.locks:
        n = net.need_of[(kix[lk.cooperative], lk.role)]
        c = cix[lk.candidate]
        t = net.triple_of(c, n)
        if t < 0 or not room.fits(c, n):
            return None
        room.take(c, n)
        taken.append(t)
    return room, taken


def greedy_by_score(net: Network) -> list[int] | None:
    """Greedy by score, one pass (see module docstring): the triples taken."""
    start = _start(net)
    if start is None:
        return None
    room, selected = start
    return selected + room.fill(_by_score(net), required_only=False)


def greedy_required_first(net: Network) -> list[int] | None:
    """Greedy, required seats first, then optional seats (see module docstring)."""
    start = _start(net)
    if start is None:
        return None
    room, selected = start
    order = _by_score(net)
    required = order[net.need_min[net.t_need[order]] > 0]
    selected += room.fill(required, required_only=True)
    return selected + room.fill(order, required_only=False)


def placements(net: Network, selected: list[int]) -> list[tuple[str, str, str]]:
    """The triples as (NIP, cooperative id, role)."""
    s = net.scenario
    return [
        (
            s.candidates[int(net.t_cand[t])].nip,
            s.cooperatives[int(net.need_coop[net.t_need[t]])].id,
            net.need_role[int(net.t_need[t])],
        )
        for t in selected
    ]


ALGORITHMS = {"score": greedy_by_score, "required": greedy_required_first}


def run(path: str, algorithm: str) -> dict[str, Any]:
    """Load, fill greedily, evaluate (which verifies); the numbers ``run.py`` records."""
    t0 = time.perf_counter()
    scenario = pn.load_scenario(path)
    t1 = time.perf_counter()
    net = pn.build_network(scenario)
    t2 = time.perf_counter()
    selected = ALGORITHMS[algorithm](net)
    t3 = time.perf_counter()
    out: dict[str, Any] = {"required_seats": int(net.need_min.sum())}
    if selected is None:
        out.update(status="INFEASIBLE", coverage=0, fit=0, placed=0, violations=0)
    else:
        try:
            plan = pn.evaluate(
                scenario,
                placements(net, selected),
                label=f"greedy_{algorithm}",
                explain=False,
                network=net,
            )
        except pn.PlacementError as exc:
            out.update(
                status="FEASIBLE",
                coverage=None,
                fit=None,
                placed=len(selected),
                violations=len(exc.problems),
                first_violations=[str(p) for p in exc.problems[:5]],
            )
        else:
            out.update(
                status=plan.status.value,
                coverage=plan.coverage,
                fit=plan.fit,
                placed=len(plan.assignments),
                violations=0,
            )
    t4 = time.perf_counter()
    out["timings"] = {
        "validation_s": t1 - t0,
        "network_s": t2 - t1,
        "greedy_s": t3 - t2,
        "evaluate_s": t4 - t3,
    }
    return out


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    algorithm = argv[1] if len(argv) > 1 else "score"
    print(json.dumps(run(argv[0], algorithm)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

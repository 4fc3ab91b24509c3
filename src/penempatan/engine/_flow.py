"""Exact solve of the placement network by min-cost flow (OR-Tools ``SimpleMinCostFlow``).

The spec's rules form a tree of capacities feeding a bipartite graph::

    source → OPD (headcount − min_staff) → position (its slack) → candidate (1)
           → need (cost −score, capacity 1 per triple)
           → cooperative: one arc of capacity ``min`` with cost −W (a required
             seat) and one of capacity ``max − min`` with cost 0
           → sink (``max_staff``);   source → sink (bypass, cost 0)

``W`` exceeds any achievable total fit, so minimising cost maximises coverage
first and fit second: exactly the spec's lexicographic objective. The flow
polytope is integral, so the optimum found is a proven optimum of the integer
problem. Locked placements are removed from the network and their capacity
taken off every arc on their path; coverage stays exact because
``min(l + f, m) = min(l, m) + min(f, max(m − l, 0))``.

Only :mod:`penempatan.engine._flow`, :mod:`penempatan.engine._cpsat` and
:mod:`penempatan.engine._rules_lp` import OR-Tools.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

from penempatan.engine._objective import lexicographic_weight
from penempatan.rules._network import IntArray, Network

logger = logging.getLogger("penempatan")


@dataclass(frozen=True)
class FlowResult:
    """Selected triples (locks included) of a proven-optimal plan.

    ``reduced_cost[t]`` is the reduced cost of triple ``t``'s arc under optimal
    node potentials (see :func:`potentials`), in the flow's cost units, where
    one unit of fit costs 1; it is 0 for triples not in the flow (locked
    candidates), which the caller handles.
    """

    selected: IntArray
    reduced_cost: IntArray | None = None


#: :func:`solve_flow` prices from this many free triples on, when candidates average
#: at least :data:`PRICING_MIN_PER_CANDIDATE` of them (measured: 1.5-2.5x faster at
#: 390,000 triples, 100 per candidate; slower on sparse networks of 6-20 per candidate).
PRICING_MIN_TRIPLES = 200_000
PRICING_MIN_PER_CANDIDATE = 48
#: Triples per candidate in the first restricted network when pricing.
PRICING_TOP_K = 12
#: Pricing rounds before the whole network is solved instead (a bound on the work
#: in cases where each round admits only a few triples; 4 rounds sufficed at
#: province size).
PRICING_MAX_ROUNDS = 12
#: Triples priced at once (bounds the temporaries of a pricing pass).
PRICING_CHUNK = 1 << 22


@dataclass(frozen=True)
class _Capacities:
    """Capacities left for the flow once the locked placements are taken out."""

    opd: IntArray
    position: IntArray
    need_min: IntArray
    need_extra: IntArray
    coop: IntArray


def _capacities(net: Network, lock_arr: IntArray) -> _Capacities:
    n_n, n_k = len(net.need_role), len(net.coop_cap)
    opd_cap = net.opd_release.copy()
    pos_cap = net.position_release.copy()
    need_min = net.need_min.copy()
    need_max = net.need_max.copy()
    coop_cap = net.coop_cap.copy()
    no_cap = coop_cap < 0
    coop_cap[no_cap] = np.bincount(net.need_coop, weights=net.need_max, minlength=n_k).astype(
        np.int64
    )[no_cap]
    if lock_arr.size:
        lc, ln = net.t_cand[lock_arr], net.t_need[lock_arr]
        np.subtract.at(opd_cap, net.cand_opd[lc], 1)
        lp = net.cand_position[lc]
        np.subtract.at(pos_cap, lp[lp >= 0], 1)
        per_need = np.bincount(ln, minlength=n_n)
        need_min = np.maximum(need_min - per_need, 0)
        need_max = need_max - per_need
        np.subtract.at(coop_cap, net.need_coop[ln], 1)
    return _Capacities(opd_cap, pos_cap, need_min, need_max - need_min, coop_cap)


@dataclass(frozen=True)
class _Solved:
    """One min-cost-flow solve over a set of triples: the arcs, their flows, the layout."""

    t_idx: IntArray  # the triples given arcs, in arc order
    tail: IntArray
    head: IntArray
    cap: IntArray
    cost: IntArray
    flow: IntArray
    first_triple_arc: int
    cand0: int
    need0: int
    n_nodes: int

    @property
    def triple_flow(self) -> IntArray:
        out: IntArray = self.flow[self.first_triple_arc : self.first_triple_arc + self.t_idx.size]
        return out


def _distinct(values: IntArray) -> IntArray:
    """``np.unique(values)``; in one pass when ``values`` is already sorted, as the
    triples' candidates are (the triples are built candidate by candidate)."""
    if values.size and bool(np.all(values[1:] >= values[:-1])):
        out: IntArray = values[np.r_[True, values[1:] != values[:-1]]]
        return out
    return np.unique(values)


def _solve_arcs(
    net: Network,
    caps: _Capacities,
    t_idx: IntArray,
    values: IntArray,
    weight: int,
    opd_costs: list[IntArray] | None,
) -> _Solved:
    """Build the network over the triples ``t_idx`` and solve it (layout in the module doc)."""
    n_c = len(net.scenario.candidates)
    n_o = len(net.opd_release)
    n_p = len(net.position_release)
    n_n = len(net.need_role)
    n_k = len(net.coop_cap)
    # Nodes: 0 source, 1 sink, then OPD, position, candidate, need, cooperative blocks.
    opd0 = 2
    pos0 = opd0 + n_o
    cand0 = pos0 + n_p
    need0 = cand0 + n_c
    coop0 = need0 + n_n
    tc, tn = net.t_cand[t_idx], net.t_need[t_idx]
    cands = _distinct(tc)
    parent = np.where(
        net.cand_position[cands] >= 0, pos0 + net.cand_position[cands], opd0 + net.cand_opd[cands]
    )
    has_pos = np.arange(n_p)
    opd_cap = np.maximum(caps.opd, 0)
    tails = [
        np.zeros(n_o, np.int64),
        opd0 + net.position_opd[has_pos],
        parent,
        cand0 + tc,
        need0 + np.arange(n_n),
        need0 + np.arange(n_n),
        coop0 + np.arange(n_k),
        np.zeros(1, np.int64),
    ]
    heads = [
        opd0 + np.arange(n_o),
        pos0 + has_pos,
        cand0 + cands,
        need0 + tn,
        coop0 + net.need_coop,
        coop0 + net.need_coop,
        np.ones(n_k, np.int64),
        np.ones(1, np.int64),
    ]
    supply = int(opd_cap.sum())
    cap_parts = [
        opd_cap,
        np.maximum(caps.position, 0),
        np.ones(cands.size, np.int64),
        np.ones(t_idx.size, np.int64),
        caps.need_min,
        np.maximum(caps.need_extra, 0),
        np.maximum(caps.coop, 0),
        np.array([supply], np.int64),
    ]
    costs = [
        np.zeros(n_o, np.int64),
        np.zeros(n_p, np.int64),
        np.zeros(cands.size, np.int64),
        -values[t_idx],
        np.full(n_n, -weight, np.int64),
        np.zeros(n_n, np.int64),
        np.zeros(n_k, np.int64),
        np.zeros(1, np.int64),
    ]
    if opd_costs is not None:  # one unit arc per release, each with its marginal cost
        units = [np.asarray(c[: max(int(caps.opd[o]), 0)]) for o, c in enumerate(opd_costs)]
        tails.append(np.zeros(sum(u.size for u in units), np.int64))
        heads.append(
            np.concatenate([np.full(u.size, opd0 + o, np.int64) for o, u in enumerate(units)])
        )
        cap_parts.append(np.ones(tails[-1].size, np.int64))
        costs.append(np.concatenate([u.astype(np.int64) for u in units]))
        cap_parts[0] = np.zeros(n_o, np.int64)
    tail, head = np.concatenate(tails), np.concatenate(heads)
    del tails, heads
    cap, cost = np.concatenate(cap_parts), np.concatenate(costs)
    del cap_parts, costs
    solver = min_cost_flow.SimpleMinCostFlow()
    first = solver.add_arcs_with_capacity_and_unit_cost(tail, head, cap, cost)
    solver.set_nodes_supplies(np.array([0, 1], np.int64), np.array([supply, -supply], np.int64))
    status = solver.solve()
    if status == solver.BAD_COST_RANGE:
        raise OverflowError("costs too large for the min-cost flow")
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")  # pragma: no cover
    flow = np.asarray(solver.flows(first), dtype=np.int64)
    del solver
    return _Solved(
        t_idx=t_idx,
        tail=tail,
        head=head,
        cap=cap,
        cost=cost,
        flow=flow,
        first_triple_arc=n_o + n_p + cands.size,
        cand0=cand0,
        need0=need0,
        n_nodes=coop0 + n_k,
    )


def solve_flow(
    net: Network,
    locked: tuple[int, ...],
    *,
    scores: IntArray | None = None,
    with_reduced_costs: bool = False,
    opd_costs: list[IntArray] | None = None,
    pricing: bool | None = None,
) -> FlowResult:
    """Maximise coverage, then Σ ``scores`` (default: fit), subject to every capacity.

    ``locked`` triples are kept. ``scores`` (non-negative, one per triple) lets a
    caller add further levels below coverage, e.g. a bonus for keeping a placement.
    ``opd_costs[o][k]`` (non-decreasing in k) is a cost charged for the (k+1)-th
    release from OPD ``o``: a convex cost, still a network (parallel unit arcs),
    subtracted from ``scores`` below coverage.

    ``pricing`` (default: on large dense networks, see :data:`PRICING_MIN_TRIPLES`)
    solves the network restricted to each candidate's :data:`PRICING_TOP_K`
    best triples, then prices every other triple with the optimal node
    potentials of that solve (:func:`potentials`) and adds those of negative
    reduced cost, until none is left. The potentials then satisfy every arc of
    the whole network, so the flow is optimal for it (LP duality; the network
    is integral): the same proven optimum, from a network a fraction of the
    size, in time and memory.
    """
    values = net.t_score if scores is None else scores
    lock_arr = np.array(locked, dtype=np.int64)
    caps = _capacities(net, lock_arr)
    # Triples of locked candidates stay out of the flow (their capacity is taken off).
    free: npt.NDArray[np.bool_] | None = None
    if lock_arr.size:
        locked_cand = np.zeros(len(net.scenario.candidates), dtype=bool)
        locked_cand[net.t_cand[lock_arr]] = True
        free = ~locked_cand[net.t_cand]
    n_free = net.n_triples if free is None else int(np.count_nonzero(free))
    if n_free == 0:
        return FlowResult(np.sort(lock_arr), np.zeros(net.n_triples, np.int64))
    weight = lexicographic_weight(net, values)
    if opd_costs is not None:
        weight += int(sum(int(np.maximum(c, 0).sum()) for c in opd_costs))
    if pricing is None:
        n_cands = int(np.count_nonzero(np.bincount(net.t_cand, minlength=1)))
        pricing = n_free >= max(PRICING_MIN_TRIPLES, PRICING_MIN_PER_CANDIDATE * n_cands)
    if not pricing:
        t_idx = np.arange(net.n_triples) if free is None else np.flatnonzero(free)
        solved = _solve_arcs(net, caps, t_idx, values, weight, opd_costs)
        pot = potentials(solved) if with_reduced_costs else None
    else:
        active = _best_per_candidate(net, values, PRICING_TOP_K, free)
        rounds = 0
        while True:
            rounds += 1
            solved = _solve_arcs(net, caps, active, values, weight, opd_costs)
            pot = potentials(solved)
            entering = _entering(net, values, solved, pot, free)
            logger.debug(
                "pricing round %d: %d of %d triples in the network, %d enter",
                rounds,
                active.size,
                n_free,
                entering.size,
            )
            if entering.size == 0:
                break
            if rounds >= PRICING_MAX_ROUNDS:  # give up pricing: the whole network
                entering = np.arange(net.n_triples) if free is None else np.flatnonzero(free)
            active = np.union1d(active, entering)
    chosen = solved.t_idx[solved.triple_flow > 0]
    reduced = np.zeros(net.n_triples, np.int64)
    if with_reduced_costs:
        assert pot is not None
        for a, b in _chunks(net):
            reduced[a:b] = _reduced(net, values, solved, pot, a, b)
        if free is not None:
            reduced[~free] = 0
    return FlowResult(np.sort(np.concatenate([chosen, lock_arr])), reduced)


def _chunks(net: Network) -> list[tuple[int, int]]:
    """Ranges ``[a, b)`` of about :data:`PRICING_CHUNK` triples that start and end at a
    candidate's first triple (triples are sorted by candidate)."""
    n = net.n_triples
    cuts = [0]
    while cuts[-1] < n:
        b = min(n, cuts[-1] + PRICING_CHUNK)
        if b < n:  # move the cut back to the first triple of that candidate
            b = int(np.searchsorted(net.t_cand, net.t_cand[b], side="left"))
            if b <= cuts[-1]:  # one candidate with more triples than a chunk
                b = int(np.searchsorted(net.t_cand, net.t_cand[cuts[-1]], side="right"))
        cuts.append(b)
    return list(itertools.pairwise(cuts))


def _reduced(
    net: Network, values: IntArray, solved: _Solved, pot: IntArray, a: int, b: int
) -> IntArray:
    """Reduced costs ``−value + π(candidate) − π(need)`` of the triples ``a`` to ``b``."""
    pc = pot[solved.cand0 + net.t_cand[a:b]]
    out: IntArray = pc - pot[solved.need0 + net.t_need[a:b]] - values[a:b]
    return out


def _entering(
    net: Network,
    values: IntArray,
    solved: _Solved,
    pot: IntArray,
    free: npt.NDArray[np.bool_] | None,
) -> IntArray:
    """Free triples outside the solved network whose reduced cost is below zero."""
    in_net = np.zeros(net.n_triples, dtype=bool)
    in_net[solved.t_idx] = True
    parts = []
    for a, b in _chunks(net):
        enter = _reduced(net, values, solved, pot, a, b) < 0
        enter &= ~in_net[a:b]
        if free is not None:
            enter &= free[a:b]
        parts.append(a + np.flatnonzero(enter))
    return np.concatenate(parts)


def _best_per_candidate(
    net: Network, values: IntArray, k: int, free: npt.NDArray[np.bool_] | None
) -> IntArray:
    """Each candidate's ``k`` best free triples by value, the first in triple order among
    equal values (all of them for a candidate with ``k`` or fewer), chunk by chunk."""
    parts = []
    for a, b in _chunks(net):
        idx = np.arange(a, b) if free is None else a + np.flatnonzero(free[a:b])
        if idx.size:
            parts.append(idx[_best_k(net.t_cand[idx], values[idx], k)])
    return np.concatenate(parts) if parts else np.zeros(0, np.int64)


def _best_k(tc: IntArray, v: IntArray, k: int) -> npt.NDArray[np.bool_]:
    """Mask of each candidate's ``k`` best entries (``tc`` sorted; ties: first ones)."""
    c0 = int(tc[0])
    local = tc - c0
    n_c = int(local[-1]) + 1
    lo = int(v.min())
    width = int(v.max()) - lo + 1
    if width * n_c > 1 << 24:  # values too spread for a histogram: sort instead
        order = np.lexsort((np.arange(tc.size), -v, local))
        rank = np.arange(tc.size) - np.searchsorted(local[order], local[order], side="left")
        keep = np.zeros(tc.size, dtype=bool)
        keep[order[rank < k]] = True
        return keep
    # The k-th best value of each candidate: the highest x with at least k entries >= x
    # (lo - 1 when the candidate has fewer than k).
    hist = np.bincount(local * width + (v - lo), minlength=n_c * width).reshape(n_c, width)
    at_least = np.cumsum(hist[:, ::-1], axis=1)[:, ::-1]
    kth = lo + (at_least >= k).sum(axis=1) - 1
    above = v > kth[local]
    tied = v == kth[local]
    room = k - np.bincount(local[above], minlength=n_c)
    # Rank of each tie among its candidate's ties, in order.
    running = np.cumsum(tied)
    before = np.r_[0, running][np.searchsorted(local, np.arange(n_c))]
    rank = running - 1 - before[local]
    keep_mask: npt.NDArray[np.bool_] = above | (tied & (rank < room[local]))
    return keep_mask


def potentials(solved: _Solved) -> IntArray:
    """Optimal node potentials π of a solved network.

    π are shortest-path distances in the residual graph of the optimal flow
    from a virtual root joined to every node (Bellman–Ford, vectorised). At
    optimum the residual graph has no negative cycle, so they exist, and under
    them every arc with spare capacity has reduced cost ``cost + π(tail) −
    π(head)`` ≥ 0 and every arc carrying flow ≤ 0. For any other feasible flow
    ``f`` (same supplies), ``cost(f) − cost(f*) = Σ_a rc_a · (f_a − f*_a)`` with
    every term ≥ 0, so an arc whose reduced cost exceeds an allowed loss Δ
    cannot carry flow in any plan within Δ of the optimum: the exact variable
    fixing of the staged solves.
    """
    tail, head, cap, cost, flow = solved.tail, solved.head, solved.cap, solved.cost, solved.flow
    n_nodes = solved.n_nodes
    fwd = flow < cap
    bwd = flow > 0
    r_tail = np.concatenate([tail[fwd], head[bwd]])
    r_head = np.concatenate([head[fwd], tail[bwd]])
    r_cost = np.concatenate([cost[fwd], -cost[bwd]])
    order = np.argsort(r_head, kind="stable")
    r_tail, r_head, r_cost = r_tail[order], r_head[order], r_cost[order]
    heads_u, starts = np.unique(r_head, return_index=True)
    dist = np.zeros(n_nodes, np.int64)
    for _ in range(n_nodes + 1):
        best = np.minimum.reduceat(dist[r_tail] + r_cost, starts) if r_tail.size else r_tail
        new = dist.copy()
        new[heads_u] = np.minimum(dist[heads_u], best)
        if np.array_equal(new, dist):
            break
        dist = new
    else:  # pragma: no cover - impossible at an optimum (no negative cycle)
        raise RuntimeError("negative cycle in the residual graph: flow not optimal")
    return dist

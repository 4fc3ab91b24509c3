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

This module and :mod:`penempatan._cpsat` are the only ones that import OR-Tools.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from penempatan._network import IntArray, Network


@dataclass(frozen=True)
class FlowResult:
    """Selected triples (locks included) of a proven-optimal plan.

    ``reduced_cost[t]`` is the reduced cost of triple ``t``'s arc under optimal
    node potentials (see :func:`reduced_costs`), in the flow's cost units, where
    one unit of fit costs 1; it is 0 for triples not in the flow (locked
    candidates), which the caller handles.
    """

    selected: IntArray
    reduced_cost: IntArray | None = None


def lexicographic_weight(net: Network, scores: IntArray | None = None) -> int:
    """A weight on coverage larger than any total of ``scores`` (default: fit) a plan can reach."""
    values = net.t_score if scores is None else scores
    if net.n_triples == 0:
        return 1
    best_per_cand = np.zeros(len(net.scenario.candidates), dtype=np.int64)
    np.maximum.at(best_per_cand, net.t_cand, values)
    return int(best_per_cand.sum()) + 1


def solve_flow(
    net: Network,
    locked: tuple[int, ...],
    *,
    scores: IntArray | None = None,
    with_reduced_costs: bool = False,
    opd_costs: list[IntArray] | None = None,
) -> FlowResult:
    """Maximise coverage, then Σ ``scores`` (default: fit), subject to every capacity.

    ``locked`` triples are kept. ``scores`` (non-negative, one per triple) lets a
    caller add further levels below coverage, e.g. a bonus for keeping a placement.
    ``opd_costs[o][k]`` (non-decreasing in k) is a cost charged for the (k+1)-th
    release from OPD ``o``: a convex cost, still a network (parallel unit arcs),
    subtracted from ``scores`` below coverage.
    """
    values = net.t_score if scores is None else scores
    n_c = len(net.scenario.candidates)
    n_o = len(net.opd_release)
    n_p = len(net.position_release)
    n_n = len(net.need_role)
    n_k = len(net.coop_cap)
    lock_arr = np.array(locked, dtype=np.int64)

    # Remaining capacities after the locks.
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
    free = np.ones(net.n_triples, dtype=bool)
    if lock_arr.size:
        locked_cand = np.zeros(n_c, dtype=bool)
        locked_cand[net.t_cand[lock_arr]] = True
        free = ~locked_cand[net.t_cand]
    t_idx = np.flatnonzero(free)
    if t_idx.size == 0:
        return FlowResult(np.sort(lock_arr), np.zeros(net.n_triples, np.int64))

    # Nodes: 0 source, 1 sink, then OPD, position, candidate, need, cooperative blocks.
    opd0 = 2
    pos0 = opd0 + n_o
    cand0 = pos0 + n_p
    need0 = cand0 + n_c
    coop0 = need0 + n_n
    w = lexicographic_weight(net, values)
    if opd_costs is not None:
        w += int(sum(int(np.maximum(c, 0).sum()) for c in opd_costs))

    tc, tn = net.t_cand[t_idx], net.t_need[t_idx]
    cands = np.unique(tc)
    parent = np.where(
        net.cand_position[cands] >= 0, pos0 + net.cand_position[cands], opd0 + net.cand_opd[cands]
    )
    has_pos = np.arange(n_p)
    extra = need_max - need_min
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
    supply = int(np.maximum(opd_cap, 0).sum())
    caps = [
        np.maximum(opd_cap, 0),
        np.maximum(pos_cap, 0),
        np.ones(cands.size, np.int64),
        np.ones(t_idx.size, np.int64),
        need_min,
        np.maximum(extra, 0),
        np.maximum(coop_cap, 0),
        np.array([supply], np.int64),
    ]
    costs = [
        np.zeros(n_o, np.int64),
        np.zeros(n_p, np.int64),
        np.zeros(cands.size, np.int64),
        -values[t_idx],
        np.full(n_n, -w, np.int64),
        np.zeros(n_n, np.int64),
        np.zeros(n_k, np.int64),
        np.zeros(1, np.int64),
    ]
    if opd_costs is not None:  # one unit arc per release, each with its marginal cost
        units = [np.asarray(c[: max(int(opd_cap[o]), 0)]) for o, c in enumerate(opd_costs)]
        tails.append(np.zeros(sum(u.size for u in units), np.int64))
        heads.append(
            np.concatenate([np.full(u.size, opd0 + o, np.int64) for o, u in enumerate(units)])
        )
        caps.append(np.ones(tails[-1].size, np.int64))
        costs.append(np.concatenate([u.astype(np.int64) for u in units]))
        caps[0] = np.zeros(n_o, np.int64)
    flow = min_cost_flow.SimpleMinCostFlow()
    first = flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails),
        np.concatenate(heads),
        np.concatenate(caps),
        np.concatenate(costs),
    )
    flow.set_nodes_supplies(np.array([0, 1], np.int64), np.array([supply, -supply], np.int64))
    status = flow.solve()
    if status == flow.BAD_COST_RANGE:
        raise OverflowError("costs too large for the min-cost flow")
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")  # pragma: no cover
    start = n_o + n_p + cands.size
    all_flow = np.asarray(flow.flows(first), dtype=np.int64)
    arc_flow = all_flow[start : start + t_idx.size]
    chosen = t_idx[arc_flow > 0]
    reduced = np.zeros(net.n_triples, np.int64)
    if with_reduced_costs:
        tail, head = np.concatenate(tails), np.concatenate(heads)
        cost = np.concatenate(costs)
        cap = np.concatenate(caps)
        rc = reduced_costs(tail, head, cap, cost, all_flow, coop0 + n_k)
        reduced[t_idx] = rc[start : start + t_idx.size]
    return FlowResult(np.sort(np.concatenate([chosen, lock_arr])), reduced)


def reduced_costs(
    tail: IntArray, head: IntArray, cap: IntArray, cost: IntArray, flow: IntArray, n_nodes: int
) -> IntArray:
    """Reduced costs ``cost + π(tail) − π(head)`` of every arc under optimal potentials π.

    π are shortest-path distances in the residual graph of the optimal flow
    from a virtual root joined to every node (Bellman–Ford, vectorised). At
    optimum the residual graph has no negative cycle, so they exist, and every
    arc with spare capacity has reduced cost ≥ 0 and every arc carrying flow
    ≤ 0. For any other feasible flow ``f`` (same supplies),
    ``cost(f) − cost(f*) = Σ_a rc_a · (f_a − f*_a)`` with every term ≥ 0, so an
    arc whose reduced cost exceeds an allowed loss Δ cannot carry flow in any
    plan within Δ of the optimum: the exact variable fixing of the staged solves.
    """
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
    out: IntArray = cost + dist[tail] - dist[head]
    return out

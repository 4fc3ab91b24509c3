"""The objective, in one place: what a selection of triples is worth, level by level.

The spec's objective is lexicographic: coverage ``Σ min(placed, need.min)``
first, then fit ``Σ score``. Both engines fold it into one number,
``W · coverage + fit``, with the weight ``W`` of :func:`lexicographic_weight`
larger than any total fit a plan can reach, so that one more covered seat is
always worth more than any fit; :func:`bound_and_gap` splits such a number back
into its two levels. The further levels of :mod:`penempatan.engine._staged`
(kept placements, the fairness indices of :mod:`penempatan.engine._fairness`)
are valued by :func:`level_value`.
"""

from __future__ import annotations

import numpy as np

from penempatan.engine._fairness import burden_index, kecamatan_shortfalls, shortfall_index
from penempatan.plan import Bound
from penempatan.rules._network import IntArray, Network


def lexicographic_weight(net: Network, scores: IntArray | None = None) -> int:
    """A weight on coverage larger than any total of ``scores`` (default: fit) a plan can reach."""
    values = net.t_score if scores is None else scores
    if net.n_triples == 0:
        return 1
    best_per_cand = np.zeros(len(net.scenario.candidates), dtype=np.int64)
    np.maximum.at(best_per_cand, net.t_cand, values)
    return int(best_per_cand.sum()) + 1


def objective_of(net: Network, selected: IntArray) -> tuple[int, int]:
    """(coverage, fit) of a set of triples: Σ min(placed, need.min) and Σ score."""
    placed = np.bincount(net.t_need[selected], minlength=len(net.need_role))
    coverage = int(np.minimum(placed, net.need_min).sum())
    return coverage, int(net.t_score[selected].sum())


def weighted_value(net: Network, w: int, selected: IntArray) -> int:
    """The weighted objective ``w · coverage + fit`` of a set of triples (``w`` from
    :func:`lexicographic_weight`: any gain in coverage outweighs all fit)."""
    coverage, fit = objective_of(net, selected)
    return w * coverage + fit


def bound_and_gap(net: Network, objective: int | None, bound: int) -> tuple[Bound, float | None]:
    """Split a weighted bound ``W · coverage + fit`` into (coverage, fit), and the relative gap.

    Coverage can never exceed the required seats, so a bound above them is
    reported as the required seats and the rest as fit.
    """
    w = lexicographic_weight(net)
    cov_b = bound // w
    required = int(net.need_min.sum())
    if cov_b > required:
        b = Bound(coverage=required, fit=bound - w * required)
    else:
        b = Bound(coverage=cov_b, fit=bound - w * cov_b)
    if objective is None:
        return b, None
    return b, (bound - objective) / max(1, abs(bound))


def level_value(net: Network, name: str, selected: IntArray, keep: IntArray | None) -> int:
    """The value of the level ``name`` for the plan ``selected``.

    ``kept_placements`` counts the triples of ``keep`` selected; ``fit`` is the
    total score; ``opd_burden_index`` and (any other name)
    ``kecamatan_shortfall_index`` are the fairness indices.
    """
    if name == "kept_placements":
        return int(np.isin(selected, keep).sum()) if keep is not None else 0
    if name == "fit":
        return int(net.t_score[selected].sum())
    if name == "opd_burden_index":
        released = np.bincount(net.cand_opd[net.t_cand[selected]], minlength=net.opd_release.size)
        return burden_index(zip(released.tolist(), net.opd_release.tolist(), strict=True))
    placed = np.bincount(net.t_need[selected], minlength=net.need_min.size)
    covered = np.minimum(placed, net.need_min)
    s = net.scenario
    rows = [
        (s.cooperatives[int(k)].kecamatan, int(m), int(c))
        for k, m, c in zip(
            net.need_coop.tolist(), net.need_min.tolist(), covered.tolist(), strict=True
        )
    ]
    return shortfall_index(kecamatan_shortfalls(rows))

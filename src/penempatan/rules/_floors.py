"""Rule 6 in numbers: what a set of placements releases from each OPD and position.

An OPD (or a position in it) may release at most ``headcount − min_staff``
staff, its *release capacity* (``Network.opd_release``,
``Network.position_release``). Its *slack* after a plan is what it could still
give: capacity − released, so ``headcount − released − min_staff``. Its floor
*binds* when the slack is gone (released ≥ capacity) and it has candidates to
give: one more release would break the floor. The plan's impact table
(:mod:`penempatan.engine._assemble`) and the explanations
(:mod:`penempatan.explain`) both read these numbers from here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from penempatan.rules._network import IntArray, Network

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class FloorState:
    """Released staff, slack and binding floors per OPD and per position (network order)."""

    opd_released: IntArray
    opd_slack: IntArray
    opd_binding: BoolArray
    position_released: IntArray
    position_slack: IntArray
    position_binding: BoolArray


def floor_state(net: Network, placed: IntArray) -> FloorState:
    """The floors after placing the candidates ``placed`` (network indices, one per placement)."""
    n_opds, n_positions = net.opd_release.size, net.position_release.size
    opd_released = np.bincount(net.cand_opd[placed], minlength=n_opds).astype(np.int64)
    pos = net.cand_position[placed]
    pos_released = np.bincount(pos[pos >= 0], minlength=n_positions).astype(np.int64)
    opd_has = np.bincount(net.cand_opd, minlength=n_opds) > 0
    pos_all = net.cand_position[net.cand_position >= 0]
    pos_has = np.bincount(pos_all, minlength=n_positions) > 0
    opd_slack = net.opd_release - opd_released
    pos_slack = net.position_release - pos_released
    return FloorState(
        opd_released=opd_released,
        opd_slack=opd_slack,
        opd_binding=(opd_slack <= 0) & opd_has,
        position_released=pos_released,
        position_slack=pos_slack,
        position_binding=(pos_slack <= 0) & pos_has,
    )

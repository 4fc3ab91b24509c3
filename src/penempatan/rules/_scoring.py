"""The default fit model: an integer score 0–100 for a (candidate, cooperative, role).

Used only when a scenario has no ``fit`` table. The score is the sum of four parts:

============  ======  ==========================================================
part          points  rule
============  ======  ==========================================================
skill         10–50   10 × the candidate's level (1–5) in the role
proximity     0–25    25 when ``domicile`` is the cooperative's kelurahan; else,
                      with both locations, 25 × (1 − d / 20 km) rounded down, d
                      taken in whole metres, 0 beyond 20 km; else 0
nomination    0–10    10 when nominated by the head of the home OPD
preference    0–15    15, 10, 5 for the candidate's 1st, 2nd, 3rd preference
============  ======  ==========================================================

:func:`default_score` is the scalar reference; model builders use
:func:`proximity_points` on arrays, which applies the same integer rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from penempatan.rules._eligibility import distance_km
from penempatan.scenario import Candidate, Cooperative

SKILL_POINTS_PER_LEVEL = 10
PROXIMITY_POINTS = 25
PROXIMITY_RANGE_M = 20_000
NOMINATION_POINTS = 10
PREFERENCE_POINTS = (15, 10, 5)


@dataclass(frozen=True)
class ScoreParts:
    """A default score broken down into its parts; ``total`` is their sum."""

    skill: int
    proximity: int
    nomination: int
    preference: int

    @property
    def total(self) -> int:
        return self.skill + self.proximity + self.nomination + self.preference


def proximity_points_m(distance_m: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Proximity points for distances in whole metres (vectorised)."""
    left = np.maximum(PROXIMITY_RANGE_M - distance_m, 0)
    out: npt.NDArray[np.int64] = (PROXIMITY_POINTS * left) // PROXIMITY_RANGE_M
    return out


def preference_points(rank: int | None) -> int:
    """Points for a cooperative at ``rank`` (0-based) in the candidate's preferences."""
    if rank is None or rank >= len(PREFERENCE_POINTS):
        return 0
    return PREFERENCE_POINTS[rank]


def default_score(c: Candidate, k: Cooperative, role: str) -> ScoreParts:
    """The default score of ``c`` in ``role`` at ``k`` (the candidate must hold the role)."""
    return score_parts(c, k, role, distance_km(c, k))


def score_parts(c: Candidate, k: Cooperative, role: str, distance: float | None) -> ScoreParts:
    """:func:`default_score` given ``distance``, the pair's :func:`distance_km` (known already)."""
    skill = SKILL_POINTS_PER_LEVEL * c.skills.get(role, 0)
    if c.domicile is not None and c.domicile == k.kelurahan:
        proximity = PROXIMITY_POINTS
    elif distance is None:
        proximity = 0
    else:
        # proximity_points_m's integer rule on one value, in Python integers.
        left = max(PROXIMITY_RANGE_M - round(distance * 1000), 0)
        proximity = (PROXIMITY_POINTS * left) // PROXIMITY_RANGE_M
    nomination = NOMINATION_POINTS if c.nominated else 0
    rank = c.preferences.index(k.id) if k.id in c.preferences else None
    return ScoreParts(skill, proximity, nomination, preference_points(rank))

"""What the benchmark runs: the named instances, the kinds of measured runs, the targets.

An instance is a size (cooperatives x candidates) and a variant (generator
settings); every instance is drawn by the seeded generator with seed 0.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable

#: Size → generator arguments (cooperatives × candidates, as in the issue).
SIZES: dict[str, dict[str, int]] = {
    "city": {"n_cooperatives": 27, "n_candidates": 300, "n_opds": 35},
    "kabupaten": {"n_cooperatives": 300, "n_candidates": 4_000, "n_opds": 60},
    "large": {"n_cooperatives": 850, "n_candidates": 12_000, "n_opds": 100},
    "province": {"n_cooperatives": 3_000, "n_candidates": 40_000, "n_opds": 200},
}

#: Variant → extra generator arguments.
VARIANTS: dict[str, dict[str, Any]] = {
    # Default scoring, no distance limit: every cooperative in the region permitted.
    "dense": {},
    # An explicit fit table over each candidate's 20 nearest cooperatives.
    "fit20": {"with_fit_table": True, "nearest": 20},
    # The distance limit.
    "dist3": {"max_distance_km": 3.0},
    # Tight service floors: each OPD may give up about 5 % of its candidates.
    "tight": {"floor_tightness": 1.0},
    # Floors that bind for some OPD only.
    "floors90": {"floor_tightness": 0.9},
    # Locks and forbidden pairs.
    "locks": {"locks": 50, "forbidden": 2_000},
}

#: Variants run by default at each size.
DEFAULT_VARIANTS: dict[str, tuple[str, ...]] = {
    "city": ("dense", "fit20", "dist3", "tight", "floors90", "locks"),
    "kabupaten": ("dense", "fit20", "dist3", "tight", "floors90", "locks"),
    "large": ("dense", "fit20", "dist3", "floors90"),
    "province": ("fit20", "dist3", "dense"),
}

#: Per-process timeout (seconds) of the untimed-limit runs at each size.
TIMEOUT_S = {"city": 120, "kabupaten": 300, "large": 900, "province": 900}

#: Whole-process targets: ratio to the reference, and peak memory (MB).
TARGET_RATIO = {"city": 3.0, "kabupaten": 3.0, "large": 5.0}
TARGET_PEAK_MB = {"large": 1_500, "province": 4_000}
TARGET_PROVINCE_S = 120.0
TARGET_SIDE_S = 30.0  # locks and the fairness level, kabupaten size: proven optimal

SOLVER_SIZES = ("city", "kabupaten")
SOLVER_TIME_LIMIT_S = 60.0
SOLVER_KINDS = (
    "highs",
    "highs_lp",
    "cpsat_default",
    "cpsat_tuned",
    "cpsat_tuned_2w",
    "cpsat_warm",
)
REPEATED_KINDS = ("cli", "stages", "reference", "greedy_score", "greedy_required")
ALL_KINDS = (*REPEATED_KINDS[:3], *SOLVER_KINDS, "fairness", *REPEATED_KINDS[3:])

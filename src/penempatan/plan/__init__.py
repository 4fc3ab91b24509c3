"""The plan as a value: what a solve returns, read and written as ``penempatan/plan@1``.

:mod:`._records` holds the plan and its parts; :mod:`._view` shows a plan
alone (summary, tables, the notebook view) and never solves; :mod:`._diff`
compares two plans; :mod:`._privacy` and :mod:`._pseudonym` replace NIPs by
pseudonyms.
"""

from penempatan.plan._records import (
    PLAN_FORMAT,
    Assignment,
    Bound,
    CapacityExcess,
    Conflict,
    CooperativeCoverage,
    FairnessReport,
    ForcedChange,
    NeedCoverage,
    OpdImpact,
    Plan,
    PositionImpact,
    Reason,
    ReplanReport,
    ShortNeed,
    SolverInfo,
    StageReport,
    Timings,
    Unplaced,
)

__all__ = [
    "PLAN_FORMAT",
    "Assignment",
    "Bound",
    "CapacityExcess",
    "Conflict",
    "CooperativeCoverage",
    "FairnessReport",
    "ForcedChange",
    "NeedCoverage",
    "OpdImpact",
    "Plan",
    "PositionImpact",
    "Reason",
    "ReplanReport",
    "ShortNeed",
    "SolverInfo",
    "StageReport",
    "Timings",
    "Unplaced",
]

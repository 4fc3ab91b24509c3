"""penempatan: optimal, fair and transparent placement of PPPK staff in cooperatives.

Typical use::

    import penempatan as pn

    scenario = pn.load_scenario("examples/pekalongan.json")
    plan = pn.solve(scenario)
    print(plan)                       # summary
    assert pn.verify(scenario, plan) == []
    open("plan.json", "w").write(plan.to_json())
"""

from penempatan._diff import CandidateChange, Delta, PlanDiff, compare
from penempatan._errors import PenempatanError, PlanFormatError, Problem, ScenarioError
from penempatan._io import load_scenario, loads_scenario, parse_scenario
from penempatan._models import (
    Candidate,
    Cooperative,
    FitEntry,
    Forbidden,
    Location,
    Lock,
    Need,
    Opd,
    Policy,
    Position,
    Scenario,
)
from penempatan._plan import (
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
    ReplanReport,
    SolverInfo,
    StageReport,
    Timings,
)
from penempatan._solve import build_model, solve
from penempatan._staged import Fairness
from penempatan._status import Status
from penempatan._sweep import SweepResult, SweepRow, sweep
from penempatan._verify import Violation, verify

__all__ = [
    "Assignment",
    "Bound",
    "Candidate",
    "CandidateChange",
    "CapacityExcess",
    "Conflict",
    "Cooperative",
    "CooperativeCoverage",
    "Delta",
    "Fairness",
    "FairnessReport",
    "FitEntry",
    "Forbidden",
    "ForcedChange",
    "Location",
    "Lock",
    "Need",
    "NeedCoverage",
    "Opd",
    "OpdImpact",
    "PenempatanError",
    "Plan",
    "PlanDiff",
    "PlanFormatError",
    "Policy",
    "Position",
    "PositionImpact",
    "Problem",
    "ReplanReport",
    "Scenario",
    "ScenarioError",
    "SolverInfo",
    "StageReport",
    "Status",
    "SweepResult",
    "SweepRow",
    "Timings",
    "Violation",
    "build_model",
    "compare",
    "load_scenario",
    "loads_scenario",
    "parse_scenario",
    "solve",
    "sweep",
    "verify",
]

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
from penempatan._explain import PlanMismatchError, explain_plan, pseudonymise_explanations
from penempatan._floor_price import FloorPrice, floor_prices
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
    Reason,
    ReplanReport,
    ShortNeed,
    SolverInfo,
    StageReport,
    Timings,
    Unplaced,
)
from penempatan._privacy import pseudonymise_plan
from penempatan._render import explain_report
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
    "FloorPrice",
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
    "PlanMismatchError",
    "Policy",
    "Position",
    "PositionImpact",
    "Problem",
    "Reason",
    "ReplanReport",
    "Scenario",
    "ScenarioError",
    "ShortNeed",
    "SolverInfo",
    "StageReport",
    "Status",
    "SweepResult",
    "SweepRow",
    "Timings",
    "Unplaced",
    "Violation",
    "build_model",
    "compare",
    "explain_plan",
    "explain_report",
    "floor_prices",
    "load_scenario",
    "loads_scenario",
    "parse_scenario",
    "pseudonymise_explanations",
    "pseudonymise_plan",
    "solve",
    "sweep",
    "verify",
]

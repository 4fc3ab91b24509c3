"""penempatan: optimal, fair and transparent placement of PPPK staff in cooperatives.

Typical use::

    import penempatan as pn

    scenario = pn.load_scenario("examples/pekalongan.json")
    plan = pn.solve(scenario)
    print(plan)                       # summary
    assert pn.verify(scenario, plan) == []
    open("plan.json", "w").write(plan.to_json())
"""

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
    Conflict,
    CooperativeCoverage,
    NeedCoverage,
    OpdImpact,
    Plan,
    PositionImpact,
    SolverInfo,
    Timings,
)
from penempatan._solve import build_model, solve
from penempatan._status import Status
from penempatan._verify import Violation, verify

__all__ = [
    "Assignment",
    "Bound",
    "Candidate",
    "Conflict",
    "Cooperative",
    "CooperativeCoverage",
    "FitEntry",
    "Forbidden",
    "Location",
    "Lock",
    "Need",
    "NeedCoverage",
    "Opd",
    "OpdImpact",
    "PenempatanError",
    "Plan",
    "PlanFormatError",
    "Policy",
    "Position",
    "PositionImpact",
    "Problem",
    "Scenario",
    "ScenarioError",
    "SolverInfo",
    "Status",
    "Timings",
    "Violation",
    "build_model",
    "load_scenario",
    "loads_scenario",
    "parse_scenario",
    "solve",
    "verify",
]

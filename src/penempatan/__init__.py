"""penempatan: optimal, fair and transparent placement of PPPK staff in cooperatives.

Typical use::

    import penempatan as pn

    scenario = pn.load_scenario("examples/pekalongan.json")
    plan = pn.solve(scenario)
    print(plan)                       # summary
    assert pn.verify(scenario, plan) == []
    open("plan.json", "w").write(plan.to_json())
"""

from typing import TYPE_CHECKING, Any

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
from penempatan._network import Network, build_network
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
from penempatan._solve import build_model, solve
from penempatan._status import Status

if TYPE_CHECKING:
    from penempatan._diff import CandidateChange, Delta, PlanDiff, compare
    from penempatan._evaluate import PlacementError, evaluate
    from penempatan._explain import PlanMismatchError, explain_plan, pseudonymise_explanations
    from penempatan._floor_price import FloorPrice, floor_prices
    from penempatan._privacy import pseudonymise_plan
    from penempatan._render import explain_report
    from penempatan._staged import Fairness
    from penempatan._sweep import SweepResult, SweepRow, sweep
    from penempatan._verify import Violation, verify

#: Names imported on first use (PEP 562), so that ``import penempatan`` and the
#: command line load only what a solve needs: name -> module.
_LAZY: dict[str, str] = {
    "CandidateChange": "_diff",
    "Delta": "_diff",
    "PlanDiff": "_diff",
    "compare": "_diff",
    "PlacementError": "_evaluate",
    "evaluate": "_evaluate",
    "PlanMismatchError": "_explain",
    "explain_plan": "_explain",
    "pseudonymise_explanations": "_explain",
    "FloorPrice": "_floor_price",
    "floor_prices": "_floor_price",
    "pseudonymise_plan": "_privacy",
    "explain_report": "_render",
    "Fairness": "_staged",
    "SweepResult": "_sweep",
    "SweepRow": "_sweep",
    "sweep": "_sweep",
    "Violation": "_verify",
    "verify": "_verify",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'penempatan' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"penempatan.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
    "Network",
    "Opd",
    "OpdImpact",
    "PenempatanError",
    "PlacementError",
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
    "build_network",
    "compare",
    "evaluate",
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

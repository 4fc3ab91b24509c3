"""penempatan: optimal, fair and transparent placement of PPPK staff in cooperatives.

Typical use::

    import penempatan as pn

    scenario = pn.load_scenario("examples/pekalongan.json")
    plan = pn.solve(scenario)
    print(plan)                       # summary
    assert pn.verify(scenario, plan) == []
    open("plan.json", "w").write(plan.to_json())
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _dist_version
from typing import TYPE_CHECKING, Any

from penempatan._errors import (
    PenempatanError,
    PlacementError,
    PlanFormatError,
    PlanMismatchError,
    Problem,
    RegionError,
    ScenarioError,
)
from penempatan._progress import Cancel, Progress
from penempatan._status import Status
from penempatan.plan import (
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
from penempatan.rules._network import Network, build_network
from penempatan.scenario import (
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
    Rule,
    RuleFilter,
    Scenario,
    load_scenario,
    loads_scenario,
    parse_scenario,
)
from penempatan.solving._solve import build_model, solve

if TYPE_CHECKING:
    from penempatan.engine._cpsat import CpSatModel
    from penempatan.engine._staged import Fairness
    from penempatan.explain._explainer import explain_plan
    from penempatan.explain._floor_price import FloorPrice, floor_prices
    from penempatan.plan._diff import CandidateChange, Delta, PlanDiff, compare
    from penempatan.plan._privacy import pseudonymise_explanations, pseudonymise_plan
    from penempatan.report._progress import progress_bar
    from penempatan.report._report import explain_report
    from penempatan.rules._verify import Violation
    from penempatan.scenario._lint import lint
    from penempatan.scenario._problems import problem_text
    from penempatan.solving._evaluate import evaluate
    from penempatan.solving._verify import verify
    from penempatan.studies._many import solve_many
    from penempatan.studies._sweep import SweepResult, SweepRow, sweep

try:
    __version__: str = _dist_version("penempatan")
except PackageNotFoundError:  # pragma: no cover - running from a source tree not installed
    __version__ = "0+unknown"

#: Names imported on first use (PEP 562), so that ``import penempatan`` and the
#: command line load only what a solve needs: name -> module.
_LAZY: dict[str, str] = {
    "CandidateChange": "plan._diff",
    "Delta": "plan._diff",
    "PlanDiff": "plan._diff",
    "compare": "plan._diff",
    "evaluate": "solving._evaluate",
    "explain_plan": "explain._explainer",
    "pseudonymise_explanations": "plan._privacy",
    "FloorPrice": "explain._floor_price",
    "floor_prices": "explain._floor_price",
    "pseudonymise_plan": "plan._privacy",
    "explain_report": "report._report",
    "CpSatModel": "engine._cpsat",
    "Fairness": "engine._staged",
    "SweepResult": "studies._sweep",
    "SweepRow": "studies._sweep",
    "sweep": "studies._sweep",
    "solve_many": "studies._many",
    "Violation": "rules._verify",
    "verify": "solving._verify",
    "progress_bar": "report._progress",
    "lint": "scenario._lint",
    "problem_text": "scenario._problems",
}


def _public(value: Any) -> Any:
    """``value`` named as ``penempatan.X`` (its ``__module__``), where it is a class or function.

    Reprs, ``help()`` and tracebacks then show the name users import, not the
    private module that defines it; ``pickle`` finds it here as well.
    """
    if isinstance(value, type) or callable(value):
        value.__module__ = __name__
    return value


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'penempatan' has no attribute {name!r}")
    from importlib import import_module

    value = _public(getattr(import_module(f"penempatan.{module}"), name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, the subpackages and the module's own dunders; nothing private."""
    dunders = {n for n in globals() if n.startswith("__") and n.endswith("__")}
    return sorted(dunders | set(__all__))


__all__ = [
    "Assignment",
    "Bound",
    "Cancel",
    "Candidate",
    "CandidateChange",
    "CapacityExcess",
    "Conflict",
    "Cooperative",
    "CooperativeCoverage",
    "CpSatModel",
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
    "Progress",
    "Reason",
    "RegionError",
    "ReplanReport",
    "Rule",
    "RuleFilter",
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
    "__version__",
    "build_model",
    "build_network",
    "compare",
    "evaluate",
    "explain_plan",
    "explain_report",
    "floor_prices",
    "lint",
    "load_scenario",
    "loads_scenario",
    "parse_scenario",
    "problem_text",
    "progress_bar",
    "pseudonymise_explanations",
    "pseudonymise_plan",
    "solve",
    "solve_many",
    "sweep",
    "verify",
]

# The names imported above; the lazy ones are named so when first used (__getattr__).
for _name in __all__:
    if _name in globals():
        _public(globals()[_name])
del _name

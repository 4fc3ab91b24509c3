"""``pn.verify(scenario, plan)``: every rule and number (:mod:`penempatan.rules._verify`),
and whether a plan that claims to be optimal is.

The rules layer checks what a plan states from the data alone; it has no
solver. Here, above the engines, the fairness measures a plan states are
re-derived (their formulas live with the engines), and a plan with status
``OPTIMAL`` is also held to the optimum: for a scenario without local rules,
and a plan solved for the spec's two levels alone (no re-planning or fairness
level, which may give up fit within a tolerance), the min-cost flow optimum is cheap, exact and
independent of the engine that made the plan; a plan below it claims
optimality falsely.
"""

from __future__ import annotations

from penempatan._status import Status
from penempatan.engine._flow import solve_flow
from penempatan.engine._locks import resolve_locks
from penempatan.engine._objective import objective_of
from penempatan.plan import Plan
from penempatan.rules._network import Network, build_network
from penempatan.rules._verify import Violation
from penempatan.rules._verify import verify as verify_rules
from penempatan.scenario import Scenario


def verify(scenario: Scenario, plan: Plan, *, optimality: bool = True) -> list[Violation]:
    """Every violation of the spec by ``plan`` (an empty list: the plan is valid).

    With ``optimality`` (default), a valid plan that claims ``OPTIMAL`` is also
    compared with the exact optimum where it can be computed (see the module
    docstring); a lower (coverage, fit) is the violation ``objective
    false_optimal``.
    """
    out = verify_rules(scenario, plan)
    if out:
        return out
    fairness = plan.fairness is not None and plan.status.has_solution
    optimum = optimality and _optimum_applies(scenario, plan)
    if not (fairness or optimum):
        return out
    net = build_network(scenario)  # once, for both checks
    if fairness:
        out += _fairness_numbers(scenario, plan, net)
    if out or not optimum:
        return out
    locks = resolve_locks(net)
    if locks.conflicts:
        out.append(
            Violation(
                "status",
                "false_optimal",
                "status",
                "the locks conflict: the scenario is INFEASIBLE",
            )
        )
        return out
    coverage, fit = objective_of(net, solve_flow(net, locks.triples).selected)
    if (plan.coverage, plan.fit) != (coverage, fit):
        out.append(
            Violation(
                "objective",
                "false_optimal",
                "status",
                f"claims OPTIMAL with coverage {plan.coverage}, fit {plan.fit}; "
                f"the optimum is coverage {coverage}, fit {fit}",
            )
        )
    return out


def _fairness_numbers(scenario: Scenario, plan: Plan, net: Network) -> list[Violation]:
    """The fairness measures a plan states, against those of its assignments."""
    from penempatan.solving._evaluate import evaluate

    derived = evaluate(scenario, plan.assignments, explain=False, network=net).fairness
    assert derived is not None  # every assembled plan has them
    return [
        Violation(
            "report",
            "fairness",
            f"fairness.{name}",
            f"states {getattr(plan.fairness, name)}, the assignments give {getattr(derived, name)}",
        )
        for name in type(derived).model_fields
        if getattr(plan.fairness, name) != getattr(derived, name)
    ]


def _optimum_applies(scenario: Scenario, plan: Plan) -> bool:
    """Whether the flow optimum is the one an OPTIMAL ``plan`` must reach."""
    return (
        plan.status is Status.OPTIMAL
        and plan.replan is None
        and not plan.stages
        and not getattr(scenario, "rules", None)  # local rules are beyond the network
    )

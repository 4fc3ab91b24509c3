"""Why: :func:`explain_plan` gives every placement, candidate left out and need left short
its reasons.

The contract of every reason code is :mod:`penempatan.explain._contract`; the
reasons are computed from one :class:`~penempatan.explain._context.Context`
by :mod:`._placements`, :mod:`._candidates` and :mod:`._needs`.
"""

from __future__ import annotations

from penempatan._errors import PlanMismatchError, expect
from penempatan.explain._candidates import unplaced
from penempatan.explain._context import Context
from penempatan.explain._needs import short_needs
from penempatan.explain._placements import placements
from penempatan.plan import Plan
from penempatan.rules._network import Network, build_network
from penempatan.scenario import Scenario


def explain_plan(scenario: Scenario, plan: Plan, *, network: Network | None = None) -> Plan:
    """``plan`` with the reasons of every placement, candidate left out and need left short.

    The rules are in :mod:`penempatan.explain._contract`. ``network`` is the scenario's
    :func:`~penempatan.rules._network.build_network`, when the caller has it already
    (``solve()`` does); it is built otherwise. Raises :class:`PlanMismatchError`
    when the plan was not solved from ``scenario``.
    """
    expect(scenario, Scenario, "scenario")
    expect(plan, Plan, "plan")
    if plan.scenario_sha256 != scenario.sha256:
        raise PlanMismatchError(
            f"the plan was solved from scenario {plan.scenario_sha256[:12]}…, "
            f"not from this one ({scenario.sha256[:12]}…)"
        )
    net = network if network is not None else build_network(scenario)
    ex = Context(scenario, net, plan)
    return plan.model_copy(
        update={
            "assignments": placements(ex),
            "unplaced": unplaced(ex),
            "short_needs": short_needs(ex),
        }
    )


__all__ = ["explain_plan"]

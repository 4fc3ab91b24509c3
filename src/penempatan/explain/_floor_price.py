"""The price of a floor: what one more release from an OPD (or position) at its floor would gain.

For every floor that binds in the plan (``remaining = min_staff``, with
``min_staff > 0``), :func:`floor_prices` solves the scenario again with that
one floor lowered by one and reports the gain in the spec's two objectives
over the scenario's own optimum: ``coverage_gain`` (required seats filled)
and ``fit_gain`` (total score; it may be negative when coverage rises, since
coverage comes first). The values are exact: both optima come from the exact
min-cost-flow solve of :func:`penempatan.solve` (``method = "re-solve"``; with
local rules, its CP-SAT engine, exact where that proves both optima),
run on the scenario's placement network with that one release capacity
raised by one, which is the network of the scenario with the floor lowered
(a test checks the two agree). Where the OPD or position has no candidate
left who is unplaced and could be placed anywhere, one more release cannot
change any plan, so the gain is exactly zero without a solve
(``method = "no-candidate"``).

Computed on demand only, never inside :func:`penempatan.solve`: each price is
one min-cost-flow solve (milliseconds for a city, about 0.3 s for a kabupaten).
The list is sorted by coverage gain, then fit gain, largest first: the floors
that hold back the most coverage come first.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

import numpy as np

from penempatan._errors import PlanMismatchError, expect
from penempatan.engine._flow import solve_flow
from penempatan.engine._locks import resolve_locks
from penempatan.engine._objective import objective_of
from penempatan.plan import Plan
from penempatan.rules._network import Network, build_network
from penempatan.scenario import Opd, Position, Scenario

Method = Literal["re-solve", "no-candidate"]


@dataclass(frozen=True)
class FloorPrice:
    """The gain of lowering one binding floor by one, exact (see this module's docstring)."""

    opd: str
    position: str | None
    min_staff: int
    released: int
    coverage_gain: int
    fit_gain: int
    method: Method

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values."""
        return asdict(self)


def lowered_floor(s: Scenario, opd_id: str, position: str | None) -> Scenario:
    """``s`` with the floor of ``opd_id`` (or of its ``position``) lowered by one."""
    opds: list[Opd] = []
    for o in s.opds:
        if o.id != opd_id:
            opds.append(o)
        elif position is None:
            opds.append(o.model_copy(update={"min_staff": o.min_staff - 1}))
        else:
            positions: list[Position] = [
                p.model_copy(update={"min_staff": p.min_staff - 1}) if p.name == position else p
                for p in o.positions or ()
            ]
            opds.append(o.model_copy(update={"positions": tuple(positions)}))
    return s.model_copy(update={"opds": tuple(opds)})


def _optimum(net: Network) -> tuple[int, int]:
    """(coverage, fit) of the spec's optimum on ``net`` (exact min-cost flow; with local
    rules the CP-SAT engine of :func:`penempatan.solve`, exact where it proves its plan)."""
    locks = resolve_locks(net)
    if not net.scenario.rules:
        return objective_of(net, solve_flow(net, locks.triples).selected)
    from penempatan.engine._rules_engine import solve_with_rules

    found = solve_with_rules(
        net, locks.triples, deadline=None, seed=0, workers=1, parameters=None, hint=None,
        warm_start=True,
    )  # fmt: skip
    return objective_of(net, found.selected) if found.status.has_solution else (0, 0)


def floor_prices(scenario: Scenario, plan: Plan) -> list[FloorPrice]:
    """For each floor binding in ``plan``, the exact gain of one more release; largest first.

    Empty when the plan has no solution. See the module docstring for the method.
    """
    expect(scenario, Scenario, "scenario")
    expect(plan, Plan, "plan")
    if plan.scenario_sha256 != scenario.sha256:
        raise PlanMismatchError("the plan was not solved from this scenario")
    if not plan.status.has_solution:
        return []
    net = build_network(scenario)
    cix = scenario.candidate_index
    placed = np.zeros(len(scenario.candidates), dtype=bool)
    placed[[cix[a.candidate] for a in plan.assignments if a.candidate in cix]] = True
    open_cand = np.unique(net.t_cand)
    open_cand = open_cand[~placed[open_cand]]
    opd_has = set(net.cand_opd[open_cand].tolist())
    pos_has = set(net.cand_position[open_cand].tolist())
    pos_index = {(int(net.position_opd[p]), name): p for p, name in enumerate(net.position_name)}

    floors: list[tuple[str, str | None, int, int, bool]] = []
    for o in plan.opd_impact:
        o_ix = scenario.opd_index[o.opd]
        if o.binding and o.min_staff > 0:
            floors.append((o.opd, None, o.min_staff, o.released, o_ix in opd_has))
        for p in o.positions:
            if p.binding and p.min_staff > 0:
                p_ix = pos_index.get((o_ix, p.name), -1)
                floors.append((o.opd, p.name, p.min_staff, p.released, p_ix in pos_has))

    base: tuple[int, int] | None = None
    out: list[FloorPrice] = []
    for opd, position, min_staff, released, has_candidate in floors:
        if not has_candidate:
            out.append(FloorPrice(opd, position, min_staff, released, 0, 0, "no-candidate"))
            continue
        if base is None:
            base = _optimum(net)
        if position is None:
            release = net.opd_release.copy()
            release[scenario.opd_index[opd]] += 1
            lowered = replace(net, opd_release=release)
        else:
            release = net.position_release.copy()
            release[pos_index[(scenario.opd_index[opd], position)]] += 1
            lowered = replace(net, position_release=release)
        cov, fit = _optimum(lowered)
        out.append(
            FloorPrice(opd, position, min_staff, released, cov - base[0], fit - base[1], "re-solve")
        )
    out.sort(key=lambda f: (-f.coverage_gain, -f.fit_gain, f.opd, f.position or ""))
    return out

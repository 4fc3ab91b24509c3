"""``evaluate(scenario, placements)``: a plan made elsewhere, checked, scored and explained.

The civil-service office may place staff by hand, or by another tool. This
turns such a placement into a :class:`~penempatan.Plan` with the same
coverage, fit, impact tables and reasons as a solved plan, so that it can be
compared with the optimum (:func:`penempatan.compare`) and explained. The
placements must obey every rule of the spec: a placement that is not
permitted, or a set of them that breaks a capacity or misses a lock, raises
:class:`PlacementError` naming each problem, and nothing is returned.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from penempatan._errors import PlacementError, Problem, expect
from penempatan._status import Status
from penempatan.plan import Assignment, Plan
from penempatan.rules._network import Network, build_network
from penempatan.rules._verify import placement_problems, verify
from penempatan.scenario import Scenario
from penempatan.scenario._text import unencodable_paths
from penempatan.solving._finish import Clock, audit_record, finish

Placement = Assignment | Mapping[str, Any] | tuple[str, str, str]


def _row(i: int, p: Placement) -> tuple[str, str, str] | Problem:
    where = f"placements[{i}]"
    if isinstance(p, Assignment):
        return p.candidate, p.cooperative, p.role
    if isinstance(p, Mapping):
        try:
            row = (p["candidate"], p["cooperative"], p["role"])
        except KeyError as exc:
            return Problem(where, f"missing key {exc.args[0]!r}")
    elif isinstance(p, tuple) and len(p) == 3:
        row = p
    else:
        return Problem(where, "expected (candidate NIP, cooperative id, role)")
    if not all(isinstance(x, str) for x in row):
        return Problem(where, "candidate, cooperative and role must be strings")
    return row[0], row[1], row[2]


def evaluate(
    scenario: Scenario,
    placements: Iterable[Placement],
    *,
    label: str = "given",
    explain: bool = True,
    network: Network | None = None,
) -> Plan:
    """The plan that places exactly ``placements``, with status ``FEASIBLE`` (not claimed
    optimal), scored and, with ``explain``, explained like a solved plan.

    Each placement is an :class:`~penempatan.Assignment` (its score is ignored and
    recomputed), a mapping with ``candidate``, ``cooperative`` and ``role``, or such
    a tuple. ``label`` names where the placements came from; it is recorded as
    ``solver.parameters["label"]`` with ``solver.engine == "given"``. Raises
    :class:`PlacementError` unless the placements obey every rule of the spec
    (checked by :func:`penempatan.verify` once they are assembled).
    """
    expect(scenario, Scenario, "scenario")
    expect(label, str, "label")
    if unencodable_paths(label):
        raise ValueError("label must be Unicode text (it holds a lone surrogate)")
    t0 = time.perf_counter()
    s = scenario
    net = network if network is not None else build_network(s)
    t_built = time.perf_counter()
    cix, kix = s.candidate_index, s.cooperative_index
    problems: list[Problem] = []
    triples: list[int] = []
    # Forbidden pairs and the fit table as look-ups, made only once a placement is
    # not permitted and the rule that forbids it must be named.
    lookups: tuple[set[tuple[str, str]], dict[tuple[str, str, str], int] | None] | None = None
    for i, p in enumerate(placements):
        row = _row(i, p)
        if isinstance(row, Problem):
            problems.append(row)
            continue
        nip, coop_id, role = row
        where = f"placements[{i}]"
        c, k = cix.get(nip), kix.get(coop_id)
        if c is None:
            problems.append(Problem(f"{where}.candidate", "not a candidate of the scenario"))
            continue
        if k is None:
            problems.append(Problem(f"{where}.cooperative", "not a cooperative of the scenario"))
            continue
        n = net.need_of.get((k, role))
        if n is None:
            problems.append(Problem(f"{where}.role", f"{coop_id} has no need {role!r}"))
            continue
        t = net.triple_of(c, n)
        if t < 0:
            coop = s.cooperatives[k]
            need = next(x for x in coop.needs if x.role == role)
            if lookups is None:
                lookups = (
                    {(f.candidate, f.cooperative) for f in s.forbidden},
                    None
                    if s.fit is None
                    else {(f.candidate, f.cooperative, f.role): f.score for f in s.fit},
                )
            found = placement_problems(s, s.candidates[c], coop, need, *lookups)
            for rule, code, message in found or [("rule-1", "not_permitted", "not permitted")]:
                problems.append(Problem(where, f"[{rule} {code}] {message}"))
            continue
        triples.append(t)
    if problems:
        raise PlacementError(problems)
    solver = audit_record(
        "given", seed=0, workers=1, time_limit_s=None, parameters={"label": label}
    )

    def checked(plan: Plan) -> Plan:
        violations = verify(s, plan)
        if violations:
            raise PlacementError(
                [Problem(v.path, f"[{v.rule} {v.code}] {v.message}") for v in violations]
            )
        return plan

    selected = np.array(sorted(triples), dtype=np.int64)
    return finish(
        s,
        net,
        Status.FEASIBLE,
        selected,
        solver=solver,
        bound=None,
        gap=None,
        amend=checked,
        explain=explain,
        clock=Clock(t0, t_built, t_built),
    )


def completed(scenario: Scenario, plan: Plan) -> Plan:
    """``plan`` with the tables a plan file may leave out (required seats, the OPD and
    cooperative tables, the fairness measures) derived from its assignments.

    The plan is expected to have passed :func:`penempatan.verify`; what it states
    is kept, only what it leaves out is added.
    """
    if plan.opd_impact and plan.cooperatives and plan.required_seats is not None:
        return plan
    if not plan.assignments and not plan.status.has_solution:
        return plan
    derived = evaluate(scenario, plan.assignments, explain=False)
    return plan.model_copy(
        update={
            "required_seats": derived.required_seats,
            "opd_impact": plan.opd_impact or derived.opd_impact,
            "cooperatives": plan.cooperatives or derived.cooperatives,
            "fairness": plan.fairness or derived.fairness,
            "scenario": plan.scenario or derived.scenario,
        }
    )

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
from penempatan.i18n import Lang
from penempatan.plan import Assignment, Plan
from penempatan.rules._network import Network, build_network
from penempatan.rules._verify import rule_problems, verify, violation_sentence
from penempatan.scenario import Scenario
from penempatan.scenario._identity import with_identity
from penempatan.scenario._problems import heading_text, problem_text
from penempatan.scenario._text import coded, unencodable_paths
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
            return coded(where, "problem.placement.missing_key", name=exc.args[0])
    elif isinstance(p, tuple) and len(p) == 3:
        row = p
    else:
        return coded(where, "problem.placement.bad_row")
    if not all(isinstance(x, str) for x in row):
        return coded(where, "problem.placement.not_text")
    return row[0], row[1], row[2]


def _broken(where: str, rule: str, code: str, text: str, values: Mapping[str, Any]) -> Problem:
    """A rule the placements break: ``[rule code] sentence``; the rule, its code and values
    kept for the reader's language (:func:`placement_error_text`)."""
    kept = {"rule": rule, "rule_code": code, "rule_values": dict(values)}
    return Problem(where, f"[{rule} {code}] {text}", code="placement.rule", values=kept)


def placement_error_text(error: PlacementError, lang: Lang, scenario: Scenario, rows: Any) -> str:
    """A :class:`PlacementError` as the command line prints it, in ``lang``: each problem
    with the person and cooperative of its placement beside the path.

    ``rows`` are the placements given (for ``placements[i]``, as read from the file).
    """
    kinds = ("opds", "cooperatives", "candidates", "locks", "forbidden", "rules")
    source = {**{k: getattr(scenario, k) for k in kinds}, "placements": rows}
    lines = [heading_text(PlacementError.heading, len(error.problems), lang)]
    for p in error.problems:
        if p.code != "placement.rule":
            lines.append(f"  {problem_text(p, lang, source)}")
            continue
        v = p.values
        text = violation_sentence(v["rule_code"], v["rule_values"], p.message, lang)
        lines.append(f"  [{v['rule']} {v['rule_code']}] {with_identity(p.path, source)}: {text}")
    return "\n".join(lines)


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
            problems.append(coded(f"{where}.candidate", "problem.placement.unknown_candidate"))
            continue
        if k is None:
            problems.append(coded(f"{where}.cooperative", "problem.placement.unknown_cooperative"))
            continue
        n = net.need_of.get((k, role))
        if n is None:
            problems.append(
                coded(
                    f"{where}.role",
                    "problem.placement.unknown_role",
                    cooperative=coop_id,
                    role=role,
                )
            )
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
            found = rule_problems(s, s.candidates[c], coop, need, *lookups)
            for rule, code, message, values in found or [
                ("rule-1", "not_permitted", "not permitted", {})
            ]:
                problems.append(_broken(where, rule, code, message, values))
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
                [_broken(v.path, v.rule, v.code, v.message, v.values) for v in violations]
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

"""``verify(scenario, plan)``: check every rule of the spec from the data alone.

This module shares nothing with the model builders (:mod:`penempatan.rules._network`,
:mod:`penempatan.engine._flow`, :mod:`penempatan.engine._cpsat`) beyond the domain models,
the eligibility functions and the documented default score. It re-counts every
capacity from the plan's assignments with plain Python, so a bug in the
vectorised builders cannot hide itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from penempatan.plan import Plan
from penempatan.rules._eligibility import check_distance, ineligibility, qualifies
from penempatan.rules._local import local_rule_breaches
from penempatan.rules._scoring import default_score
from penempatan.scenario import Candidate, Cooperative, Need, Scenario


@dataclass(frozen=True)
class Violation:
    """A rule the plan breaks: which rule, a stable code, where, and what was found."""

    rule: str
    code: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule} {self.code}] {self.path}: {self.message}"


def placement_problems(
    scenario: Scenario,
    c: Candidate,
    k: Cooperative,
    need: Need,
    forbidden: set[tuple[str, str]],
    fit_table: dict[tuple[str, str, str], int] | None,
) -> list[tuple[str, str, str]]:
    """(rule, code, message) for each rule that forbids placing ``c`` in ``need`` at ``k``:
    eligibility and distance (rule 1), skill level (rule 2), forbidden pairs and the fit
    table (rule 7). Empty when the placement is permitted."""
    out = [("rule-1", r.code, r.message) for r in ineligibility(c, scenario)]
    far = check_distance(c, k, scenario.policy)
    if far is not None:
        out.append(("rule-1", far.code, far.message))
    if not qualifies(c, need):
        out.append(
            (
                "rule-2",
                "skill_below_level",
                f"level {c.skills.get(need.role, 0)} in {need.role!r} < required {need.min_level}",
            )
        )
    if (c.nip, k.id) in forbidden:
        out.append(("rule-7", "forbidden_pair", "the pair is forbidden"))
    if fit_table is not None and (c.nip, k.id, need.role) not in fit_table:
        out.append(("rule-7", "not_in_fit_table", "triple not listed in the fit table"))
    return out


def verify(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Every violation of the spec's rules by ``plan``; an empty list means the plan is valid.

    Checked: rules 1–8 for every assignment, every capacity and every local rule
    (rule 8 by :func:`penempatan.rules._local.local_rule_breaches`), the scores
    (fit table or default model), the reported coverage and fit, the OPD impact
    table, and that the plan was solved from this very scenario (hash).
    """
    out: list[Violation] = []

    def bad(rule: str, code: str, path: str, message: str) -> None:
        out.append(Violation(rule, code, path, message))

    if plan.scenario_sha256 != scenario.sha256:
        bad("audit", "scenario_hash", "scenario_sha256", "plan was not solved from this scenario")
    if not plan.status.has_solution and plan.assignments:
        bad(
            "status",
            "assignments_without_solution",
            "assignments",
            f"a plan with status {plan.status.value} must not hold assignments",
        )

    cands = {c.nip: c for c in scenario.candidates}
    coops = {k.id: k for k in scenario.cooperatives}
    fit_table = (
        None
        if scenario.fit is None
        else {(f.candidate, f.cooperative, f.role): f.score for f in scenario.fit}
    )
    forbidden = {(f.candidate, f.cooperative) for f in scenario.forbidden}

    per_candidate: Counter[str] = Counter()
    per_need: Counter[tuple[str, str]] = Counter()
    per_coop: Counter[str] = Counter()
    per_opd: Counter[str] = Counter()
    per_position: Counter[tuple[str, str]] = Counter()
    fit_total = 0
    for i, a in enumerate(plan.assignments):
        where = f"assignments[{i}]"
        c, k = cands.get(a.candidate), coops.get(a.cooperative)
        if c is None:
            bad("reference", "unknown_candidate", f"{where}.candidate", "not a candidate")
            continue
        if k is None:
            bad("reference", "unknown_cooperative", f"{where}.cooperative", "not a cooperative")
            continue
        need = next((n for n in k.needs if n.role == a.role), None)
        if need is None:
            bad("reference", "unknown_role", f"{where}.role", f"{k.id} has no need {a.role!r}")
            continue
        for rule, code, message in placement_problems(scenario, c, k, need, forbidden, fit_table):
            bad(rule, code, where, message)
        if fit_table is not None:
            expected = fit_table.get((a.candidate, a.cooperative, a.role))
        else:
            expected = default_score(c, k, a.role).total
        if expected is not None and a.score != expected:
            bad("score", "wrong_score", f"{where}.score", f"{a.score}, expected {expected}")
        fit_total += a.score
        per_candidate[a.candidate] += 1
        per_need[(a.cooperative, a.role)] += 1
        per_coop[a.cooperative] += 1
        per_opd[c.opd] += 1
        if c.position is not None:
            per_position[(c.opd, c.position)] += 1

    # Rule 3: at most once.
    for nip, n in sorted(per_candidate.items()):
        if n > 1:
            bad("rule-3", "placed_twice", f"candidate {nip}", f"placed {n} times")
    # Rules 4 and 5: need maxima, cooperative caps; and coverage.
    coverage = 0
    for ki, k in enumerate(scenario.cooperatives):
        for j, need in enumerate(k.needs):
            got = per_need[(k.id, need.role)]
            coverage += min(got, need.min)
            if got > need.max:
                bad(
                    "rule-4",
                    "need_max",
                    f"cooperatives[{ki}].needs[{j}]",
                    f"{got} placed in {need.role!r}, max {need.max}",
                )
        if k.max_staff is not None and per_coop[k.id] > k.max_staff:
            bad(
                "rule-5",
                "max_staff",
                f"cooperatives[{ki}]",
                f"{per_coop[k.id]} placed, max_staff {k.max_staff}",
            )
    # Rule 6: OPD and position floors.
    impact = {o.opd: o for o in plan.opd_impact}
    for oi, o in enumerate(scenario.opds):
        left = o.headcount - per_opd[o.id]
        if left < o.min_staff:
            bad("rule-6", "opd_floor", f"opds[{oi}]", f"{left} staff remain, floor {o.min_staff}")
        rep = impact.get(o.id)
        if plan.status.has_solution and (rep is None or rep.released != per_opd[o.id]):
            bad(
                "report",
                "opd_impact",
                f"opd_impact[{o.id}]",
                f"reports {rep.released if rep else 'nothing'}, "
                f"assignments release {per_opd[o.id]}",
            )
        for pj, p in enumerate(o.positions or ()):
            left = p.headcount - per_position[(o.id, p.name)]
            if left < p.min_staff:
                bad(
                    "rule-6",
                    "position_floor",
                    f"opds[{oi}].positions[{pj}]",
                    f"{left} staff remain, floor {p.min_staff}",
                )
    # Rule 7: locks.
    placed = {(a.candidate, a.cooperative, a.role) for a in plan.assignments}
    if plan.status.has_solution:
        for li, lk in enumerate(scenario.locks):
            if (lk.candidate, lk.cooperative, lk.role) not in placed:
                bad("rule-7", "lock_broken", f"locks[{li}]", "locked placement is missing")
        for b in local_rule_breaches(
            scenario, ((a.candidate, a.cooperative) for a in plan.assignments)
        ):
            bad("rule-8", f"local_{b.rule.kind}", b.path, b.message)
        if plan.coverage != coverage:
            bad("objective", "coverage", "coverage", f"{plan.coverage}, recomputed {coverage}")
        if plan.fit != fit_total:
            bad("objective", "fit", "fit", f"{plan.fit}, recomputed {fit_total}")
    return out

"""``verify(scenario, plan)``: check every rule of the spec from the data alone.

This module shares nothing with the model builders (:mod:`penempatan.rules._network`,
:mod:`penempatan.engine._flow`, :mod:`penempatan.engine._cpsat`) beyond the domain models,
the eligibility functions and the documented default score. It re-counts every
capacity from the plan's assignments with plain Python, so a bug in the
vectorised builders cannot hide itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from penempatan._status import Status
from penempatan.i18n import MESSAGES, Lang, message, number, placeholders, reason_text
from penempatan.plan import Plan
from penempatan.rules._eligibility import check_distance, ineligibility, qualifies
from penempatan.rules._local import local_rule_breaches
from penempatan.rules._scoring import default_score
from penempatan.scenario import Candidate, Cooperative, Need, Scenario
from penempatan.scenario._identity import identity


@dataclass(frozen=True)
class Violation:
    """A rule the plan breaks: which rule, a stable code, where, and what was found.

    ``message`` is English (``str(v)`` reads the same everywhere); ``values``, where
    given, hold what :func:`violation_text` needs to word it in the reader's language.
    """

    rule: str
    code: str
    path: str
    message: str
    values: Mapping[str, Any] = field(default_factory=dict, compare=False)

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
    found = rule_problems(scenario, c, k, need, forbidden, fit_table)
    return [(rule, code, text) for rule, code, text, _ in found]


def rule_problems(
    scenario: Scenario,
    c: Candidate,
    k: Cooperative,
    need: Need,
    forbidden: set[tuple[str, str]],
    fit_table: dict[tuple[str, str, str], int] | None,
) -> list[tuple[str, str, str, Mapping[str, Any]]]:
    """:func:`placement_problems` with the values of each, for its sentence."""
    out: list[tuple[str, str, str, Mapping[str, Any]]] = [
        ("rule-1", r.code, r.message, r.values) for r in ineligibility(c, scenario)
    ]
    far = check_distance(c, k, scenario.policy)
    if far is not None:
        out.append(("rule-1", far.code, far.message, far.values))
    if not qualifies(c, need):
        level = c.skills.get(need.role, 0)
        out.append(
            (
                "rule-2",
                "skill_below_level",
                f"level {level} in {need.role!r} < required {need.min_level}",
                {"level": level, "role": need.role, "min_level": need.min_level},
            )
        )
    if (c.nip, k.id) in forbidden:
        out.append(("rule-7", "forbidden_pair", "the pair is forbidden", {}))
    if fit_table is not None and (c.nip, k.id, need.role) not in fit_table:
        out.append(("rule-7", "not_in_fit_table", "triple not listed in the fit table", {}))
    return out


@dataclass
class _Check:
    """What every rule family reads: the scenario, the plan and the counts of its assignments.

    The counts are made once, by :func:`_count`, from the assignments that
    name a known candidate, cooperative and role.
    """

    scenario: Scenario
    plan: Plan
    out: list[Violation] = field(default_factory=list)
    per_candidate: Counter[str] = field(default_factory=Counter)
    per_need: Counter[tuple[str, str]] = field(default_factory=Counter)
    per_coop: Counter[str] = field(default_factory=Counter)
    per_opd: Counter[str] = field(default_factory=Counter)
    per_position: Counter[tuple[str, str]] = field(default_factory=Counter)
    fit_total: int = 0

    def bad(self, rule: str, code: str, path: str, message: str, **values: Any) -> None:
        self.out.append(Violation(rule, code, path, message, values))


def verify(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Every violation of the spec's rules by ``plan``; an empty list means the plan is valid.

    One function per family of rules, in :data:`RULE_FAMILIES` order: the audit
    hash and status, each assignment (rules 1, 2, 7 and its score), rule 3,
    rules 4 and 5, rule 6, the locks of rule 7, the local rules of rule 8
    (:func:`penempatan.rules._local.local_rule_breaches`), and every number the plan states
    (coverage, fit, required seats, the tables per cooperative, need, OPD and
    position, the short needs), each re-derived from the assignments.
    """
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a Scenario, not {type(scenario).__name__}")
    if not isinstance(plan, Plan):
        raise TypeError(f"plan must be a Plan, not {type(plan).__name__}")
    check = _Check(scenario, plan)
    for family in RULE_FAMILIES:
        family(check)
    return check.out


def plan_problems(plan: Plan) -> list[Violation]:
    """The rules a plan can break on its own, without its scenario: a plan without a
    solution holds no assignments, and nobody is placed twice (rule 3)."""
    out: list[Violation] = []
    if not plan.status.has_solution and plan.assignments:
        out.append(
            Violation(
                "status",
                "assignments_without_solution",
                "assignments",
                f"a plan with status {plan.status.value} must not hold assignments",
                {"status": plan.status.value},
            )
        )
    counts = Counter(a.candidate for a in plan.assignments)
    for nip, n in sorted(counts.items()):
        if n > 1:
            out.append(
                Violation("rule-3", "placed_twice", f"NIP {nip}", f"placed {n} times", {"count": n})
            )
    return out


def _audit(v: _Check) -> None:
    """The plan was solved from this very scenario; a plan without a solution places nobody."""
    plan = v.plan
    if plan.scenario_sha256 != v.scenario.sha256:
        v.bad("audit", "scenario_hash", "scenario_sha256", "plan was not solved from this scenario")
    v.out.extend(p for p in plan_problems(plan) if p.rule != "rule-3")


def _count(v: _Check) -> None:
    """Rules 1, 2 and 7 for each assignment, its score, and the counts the other rules read."""
    scenario = v.scenario
    cands = {c.nip: c for c in scenario.candidates}
    coops = {k.id: k for k in scenario.cooperatives}
    fit_table = (
        None
        if scenario.fit is None
        else {(f.candidate, f.cooperative, f.role): f.score for f in scenario.fit}
    )
    forbidden = {(f.candidate, f.cooperative) for f in scenario.forbidden}
    for i, a in enumerate(v.plan.assignments):
        where = f"assignments[{i}]"
        c, k = cands.get(a.candidate), coops.get(a.cooperative)
        if c is None:
            v.bad("reference", "unknown_candidate", f"{where}.candidate", "not a candidate")
            continue
        if k is None:
            v.bad("reference", "unknown_cooperative", f"{where}.cooperative", "not a cooperative")
            continue
        need = next((n for n in k.needs if n.role == a.role), None)
        if need is None:
            text = f"{k.id} has no need {a.role!r}"
            v.bad("reference", "unknown_role", f"{where}.role", text, cooperative=k.id, role=a.role)
            continue
        for rule, code, text, values in rule_problems(scenario, c, k, need, forbidden, fit_table):
            v.bad(rule, code, where, text, **values)
        if fit_table is not None:
            expected = fit_table.get((a.candidate, a.cooperative, a.role))
        else:
            expected = default_score(c, k, a.role).total
        if expected is not None and a.score != expected:
            text = f"{a.score}, expected {expected}"
            v.bad("score", "wrong_score", f"{where}.score", text, score=a.score, expected=expected)
        v.fit_total += a.score
        v.per_candidate[a.candidate] += 1
        v.per_need[(a.cooperative, a.role)] += 1
        v.per_coop[a.cooperative] += 1
        v.per_opd[c.opd] += 1
        if c.position is not None:
            v.per_position[(c.opd, c.position)] += 1


def _rule_3(v: _Check) -> None:
    """Rule 3: a candidate is placed at most once (named by their record, so by name)."""
    index = v.scenario.candidate_index
    for nip, n in sorted(v.per_candidate.items()):
        if n > 1:
            where = f"candidates[{index[nip]}]" if nip in index else f"NIP {nip}"
            v.bad("rule-3", "placed_twice", where, f"placed {n} times", count=n)


def _rules_4_5(v: _Check) -> None:
    """Rules 4 and 5: placements per need at most its max; per cooperative at most max_staff."""
    for ki, k in enumerate(v.scenario.cooperatives):
        for j, need in enumerate(k.needs):
            got = v.per_need[(k.id, need.role)]
            if got > need.max:
                v.bad(
                    "rule-4",
                    "need_max",
                    f"cooperatives[{ki}].needs[{j}]",
                    f"{got} placed in {need.role!r}, max {need.max}",
                    placed=got,
                    role=need.role,
                    max=need.max,
                )
        if k.max_staff is not None and v.per_coop[k.id] > k.max_staff:
            v.bad(
                "rule-5",
                "max_staff",
                f"cooperatives[{ki}]",
                f"{v.per_coop[k.id]} placed, max_staff {k.max_staff}",
                placed=v.per_coop[k.id],
                max_staff=k.max_staff,
            )


def _rule_6(v: _Check) -> None:
    """Rule 6: no OPD, and no listed position, is pushed below its floor."""
    for oi, o in enumerate(v.scenario.opds):
        left = o.headcount - v.per_opd[o.id]
        if left < o.min_staff:
            text = f"{left} staff remain, floor {o.min_staff}"
            v.bad("rule-6", "opd_floor", f"opds[{oi}]", text, remaining=left, min_staff=o.min_staff)
        for pj, p in enumerate(o.positions or ()):
            left = p.headcount - v.per_position[(o.id, p.name)]
            if left < p.min_staff:
                v.bad(
                    "rule-6",
                    "position_floor",
                    f"opds[{oi}].positions[{pj}]",
                    f"{left} staff remain, floor {p.min_staff}",
                    remaining=left,
                    min_staff=p.min_staff,
                )


def _rule_7_locks(v: _Check) -> None:
    """Rule 7: every lock holds (in a plan with a solution)."""
    if not v.plan.status.has_solution:
        return
    placed = {(a.candidate, a.cooperative, a.role) for a in v.plan.assignments}
    for li, lk in enumerate(v.scenario.locks):
        if (lk.candidate, lk.cooperative, lk.role) not in placed:
            v.bad("rule-7", "lock_broken", f"locks[{li}]", "locked placement is missing")


def _rule_8(v: _Check) -> None:
    """Rule 8: every local rule holds in every group (in a plan with a solution)."""
    if not v.plan.status.has_solution:
        return
    pairs = ((a.candidate, a.cooperative) for a in v.plan.assignments)
    for b in local_rule_breaches(v.scenario, pairs):
        where = b.group + (f", {b.rule.group_by} {b.part}" if b.part else "")
        values = {"id": b.rule.id, "where": where, "counted": b.counted, "placed": b.placed}
        values.update(count=b.rule.count, threshold=b.rule.threshold)
        v.bad("rule-8", f"local_{b.rule.kind}", b.path, b.message, **values)


def _differ(v: _Check, code: str, path: str, stated: object, derived: object) -> None:
    """A stated number (``code``: the table it stands in) against its derived value."""
    if stated != derived:
        v.bad(
            "report",
            code,
            path,
            f"states {stated}, the assignments give {derived}",
            stated=stated,
            derived=derived,
        )


def _objective(v: _Check) -> None:
    """Coverage, fit and required seats as stated, against their values from the assignments."""
    plan, s = v.plan, v.scenario
    coverage = sum(min(v.per_need[(k.id, n.role)], n.min) for k in s.cooperatives for n in k.needs)
    if plan.coverage != coverage:
        text = f"{plan.coverage}, recomputed {coverage}"
        v.bad(
            "objective", "coverage", "coverage", text, reported=plan.coverage, recomputed=coverage
        )
    if plan.fit != v.fit_total:
        text = f"{plan.fit}, recomputed {v.fit_total}"
        v.bad("objective", "fit", "fit", text, reported=plan.fit, recomputed=v.fit_total)
    if plan.required_seats is not None:
        _differ(
            v,
            "required_seats",
            "required_seats",
            plan.required_seats,
            sum(n.min for k in s.cooperatives for n in k.needs),
        )
    bound = plan.bound
    if (
        plan.status is Status.OPTIMAL
        and bound is not None
        and plan.replan is None  # further levels may give fit way within a tolerance
        and not plan.stages
        and (bound.coverage, bound.fit) != (plan.coverage, plan.fit)
    ):
        v.bad(
            "objective",
            "optimal_bound",
            "bound",
            f"an OPTIMAL plan's bound is its value; states coverage {bound.coverage}, "
            f"fit {bound.fit} against {plan.coverage}, {plan.fit}",
        )


def _new_row(
    v: _Check, code: str, path: str, key: str, record: object, seen: set[str], what: str
) -> bool:
    """Whether a table row names a record of the scenario not listed before; else says which."""
    if record is None or key in seen:
        reason = "listed twice" if record is not None else f"is not {what} of the scenario"
        v.bad("report", code, path, f"{key!r} {reason}")
        return False
    seen.add(key)
    return True


def _cooperative_table(v: _Check) -> None:
    """Each row of ``cooperatives`` (and its needs) as the scenario and assignments give it."""
    rows = v.plan.cooperatives
    if not rows:
        return  # the table is optional in a plan file
    coops = {k.id: k for k in v.scenario.cooperatives}
    seen: set[str] = set()
    for i, row in enumerate(rows):
        where = f"cooperatives[{i}]"
        k = coops.get(row.cooperative)
        if (
            not _new_row(
                v,
                "cooperative_coverage",
                f"{where}.cooperative",
                row.cooperative,
                k,
                seen,
                "a cooperative",
            )
            or k is None
        ):
            continue
        needs = {n.role: n for n in k.needs}
        placed = sum(v.per_need[(k.id, r)] for r in needs)
        covered = sum(min(v.per_need[(k.id, r)], n.min) for r, n in needs.items())
        for name, stated, derived in (
            ("kelurahan", row.kelurahan, k.kelurahan),
            ("kecamatan", row.kecamatan, k.kecamatan),
            ("placed", row.placed, placed),
            ("required", row.required, sum(n.min for n in k.needs)),
            ("covered", row.covered, covered),
            ("max_staff", row.max_staff, k.max_staff),
        ):
            _differ(v, "cooperative_coverage", f"{where}.{name}", stated, derived)
        for j, nr in enumerate(row.needs):
            n = needs.get(nr.role)
            if n is None:
                v.bad(
                    "report",
                    "cooperative_coverage",
                    f"{where}.needs[{j}].role",
                    f"{k.id} has no need {nr.role!r}",
                )
                continue
            got = v.per_need[(k.id, n.role)]
            for name, stated, derived in (
                ("min", nr.min, n.min),
                ("max", nr.max, n.max),
                ("placed", nr.placed, got),
                ("covered", nr.covered, min(got, n.min)),
            ):
                _differ(v, "cooperative_coverage", f"{where}.needs[{j}].{name}", stated, derived)
    missing = [k.id for k in v.scenario.cooperatives if k.id not in seen]
    if missing:
        v.bad(
            "report",
            "cooperative_coverage",
            "cooperatives",
            f"no row for {', '.join(missing[:5])}"
            + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""),
        )


def _opd_table(v: _Check) -> None:
    """Each row of ``opd_impact`` (and its positions) as the scenario and assignments give it."""
    rows = v.plan.opd_impact
    if not rows:
        return  # the table is optional in a plan file
    s = v.scenario
    opds = {o.id: o for o in s.opds}
    candidates: Counter[str] = Counter(c.opd for c in s.candidates)
    in_position: Counter[tuple[str, str]] = Counter(
        (c.opd, c.position) for c in s.candidates if c.position is not None
    )
    seen: set[str] = set()
    for i, row in enumerate(rows):
        where = f"opd_impact[{i}]"
        o = opds.get(row.opd)
        if not _new_row(v, "opd_impact", f"{where}.opd", row.opd, o, seen, "an OPD") or o is None:
            continue
        released = v.per_opd[o.id]
        remaining = o.headcount - released
        for name, stated, derived in (
            ("name", row.name, o.name),
            ("headcount", row.headcount, o.headcount),
            ("min_staff", row.min_staff, o.min_staff),
            ("candidates", row.candidates, candidates[o.id]),
            ("released", row.released, released),
            ("remaining", row.remaining, remaining),
            ("slack", row.slack, remaining - o.min_staff),
            ("binding", row.binding, remaining == o.min_staff and candidates[o.id] > 0),
        ):
            _differ(v, "opd_impact", f"{where}.{name}", stated, derived)
        positions = {p.name: p for p in o.positions or ()}
        if len(row.positions) != len(positions):
            _differ(
                v,
                "opd_impact",
                f"{where}.positions",
                f"{len(row.positions)} rows",
                f"{len(positions)}",
            )
        for j, pr in enumerate(row.positions):
            p = positions.get(pr.name)
            if p is None:
                v.bad(
                    "report",
                    "opd_impact",
                    f"{where}.positions[{j}].name",
                    f"{pr.name!r} is not a position of {o.id}",
                )
                continue
            got = v.per_position[(o.id, p.name)]
            left = p.headcount - got
            for name, stated, derived in (
                ("headcount", pr.headcount, p.headcount),
                ("min_staff", pr.min_staff, p.min_staff),
                ("released", pr.released, got),
                ("remaining", pr.remaining, left),
                ("slack", pr.slack, left - p.min_staff),
                ("binding", pr.binding, left == p.min_staff and in_position[(o.id, p.name)] > 0),
            ):
                _differ(v, "opd_impact", f"{where}.positions[{j}].{name}", stated, derived)
    missing = [o.id for o in s.opds if o.id not in seen]
    if missing:
        v.bad(
            "report",
            "opd_impact",
            "opd_impact",
            f"no row for {', '.join(missing[:5])}"
            + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""),
        )


def _short_needs(v: _Check) -> None:
    """Each listed short need is a need of the scenario, below its minimum by what it states."""
    coops = {k.id: k for k in v.scenario.cooperatives}
    for i, sn in enumerate(v.plan.short_needs):
        where = f"short_needs[{i}]"
        k = coops.get(sn.cooperative)
        need = None if k is None else next((n for n in k.needs if n.role == sn.role), None)
        if need is None:
            v.bad("report", "short_need", where, f"{sn.cooperative}/{sn.role} is not a need")
            continue
        got = v.per_need[(sn.cooperative, sn.role)]
        _differ(v, "short_need", f"{where}.min", sn.min, need.min)
        _differ(v, "short_need", f"{where}.placed", sn.placed, got)
        if got >= need.min:
            v.bad("report", "short_need", where, f"{got} placed, not below the minimum {need.min}")


def _unplaced(v: _Check) -> None:
    """Each candidate listed as not placed is a candidate of the scenario, and not placed."""
    known = v.scenario.candidate_index
    for i, u in enumerate(v.plan.unplaced):
        if u.candidate not in known:
            v.bad("report", "unplaced", f"unplaced[{i}].candidate", "not a candidate")
        elif v.per_candidate[u.candidate]:
            v.bad("report", "unplaced", f"unplaced[{i}].candidate", "is placed by the plan")


def _gap(v: _Check) -> None:
    """An OPTIMAL plan states no gap above 0."""
    if v.plan.status is Status.OPTIMAL and v.plan.gap not in (None, 0.0):
        v.bad("objective", "optimal_gap", "gap", f"an OPTIMAL plan's gap is 0, not {v.plan.gap}")


#: The families of checks, in order; a new rule of the spec adds its function here.
RULE_FAMILIES: list[Callable[[_Check], None]] = [
    _audit,
    _count,
    _rule_3,
    _rules_4_5,
    _rule_6,
    _rule_7_locks,
    _rule_8,
    _objective,
    _cooperative_table,
    _opd_table,
    _short_needs,
    _unplaced,
    _gap,
]


def violation_text(v: Violation, lang: Lang, scenario: Scenario, plan: Plan) -> str:
    """``[rule code] path (who): sentence`` in ``lang``.

    An assignment's path names its candidate and cooperative; a path into the
    scenario names its record. The sentence is ``violation.<code>`` when the
    violation carries its values, the reason's own sentence for an eligibility
    code, else the English message.
    """
    text = violation_sentence(v.code, v.values, v.message, lang)
    # The paths of the rules name the scenario's records (or the plan's assignments);
    # those of the stated numbers name rows of the plan's own tables, which need no name.
    who = None
    if v.rule.startswith("rule-") or v.rule in ("reference", "score"):
        who = _assignment(v.path, scenario, plan) or identity(v.path, scenario)
    where = f"{v.path} ({who})" if who else v.path
    return f"[{v.rule} {v.code}] {where}: {text}"


def violation_sentence(code: str, values: Mapping[str, Any], english: str, lang: Lang) -> str:
    """The sentence of a broken rule ``code`` with its ``values`` in ``lang``: the
    ``violation.<code>`` entry when the values fill it, the reason's own sentence for an
    eligibility code, else ``english``."""
    key = f"violation.{code}"
    if code == "too_far" and values.get("distance_km") is not None:
        text = message(
            "rule.too_far",
            lang,
            cooperative=values["cooperative"],
            distance_km=number(values["distance_km"], lang),
            max_distance_km=number(values["max_distance_km"], lang),
        )
    elif {"stated", "derived"} <= set(values):  # a stated number of any table
        text = message("violation.stated_number", lang, **values)
    elif key in MESSAGES and placeholders(MESSAGES[key][lang]) <= set(values):
        text = message(key, lang, **values)
    elif code.startswith("ineligible.") and values:
        text = reason_text(code, values, lang)
    else:
        text = english
    return text


def _assignment(path: str, scenario: Scenario, plan: Plan) -> str | None:
    if not path.startswith("assignments["):
        return None
    index = path[len("assignments[") :].split("]")[0]
    if not index.isdigit() or int(index) >= len(plan.assignments):
        return None
    a = plan.assignments[int(index)]
    names = {c.nip: c.name for c in scenario.candidates}
    who = f"{names[a.candidate]}, {a.candidate}" if a.candidate in names else a.candidate
    return f"{who} → {a.cooperative}"

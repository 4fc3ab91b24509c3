"""The CP-SAT model of a scenario (OR-Tools), built in bulk from the network arrays.

Sections, in the order a reader meets them in :func:`build_model`:

* variables: one Boolean ``x[t]`` per permitted triple t = (candidate, cooperative,
  role), and ``covered[n] ∈ [0, need.min]`` per need with a minimum;
* constraints, one family per rule of the spec: at most one placement per
  candidate (3), need maxima (4), cooperative caps (5), OPD and position floors
  (6), locks (7; forbidden pairs and the fit table are already absent from the
  triples), the local rules (8; one linear constraint per group of
  :func:`penempatan.rules._rule_groups.rule_groups`, an ``at_least`` rule with
  ``if_staffed`` under a literal ``staffed[g]`` with ``¬staffed[g] ⇒ N ≤
  if_staffed − 1``, and the same as the linear row ``N − M·staffed[g] ≤
  if_staffed − 1`` with ``M`` from the cooperatives' room, which is what CP-SAT's
  LP sees), and ``covered[n] ≤ Σ x`` over the need;
* objective: maximise ``W · Σ covered + Σ score · x`` with ``W`` larger than any
  total fit, which is the spec's lexicographic order (coverage, then fit).

The proto is filled with ``extend`` over numpy arrays, not Python ``sum()``.
Only :mod:`penempatan.engine._flow`, :mod:`penempatan.engine._cpsat` and
:mod:`penempatan.engine._rules_lp` import OR-Tools.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from penempatan._progress import SILENT, Reporter
from penempatan._status import Status
from penempatan.engine._objective import lexicographic_weight
from penempatan.rules._network import IntArray, Network
from penempatan.rules._rule_groups import RuleGroup, most_placed, rule_groups

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

# ``ortools.sat`` is imported where a model is built or solved, not at import
# time: it costs about 0.4 s (it loads pandas when present), and the default
# engine never needs it.

#: Parameters chosen from measurements on 2-core machines (see benchmarks/README.md).
DEFAULT_PARAMETERS: dict[str, Any] = {
    "linearization_level": 2,
}


@dataclass(frozen=True, eq=False)
class CpSatModel:
    """The CP-SAT model of a scenario, with the map from its variables back to the scenario.

    Made by :func:`penempatan.build_model` (and by ``solve(..., engine="cpsat")``).

    * ``model``: the ``ortools.sat.python.cp_model.CpModel``, to inspect, export
      (``model.export_to_file``) or solve with CP-SAT directly;
    * ``network``: the scenario's :class:`~penempatan.Network`; Boolean variable
      ``i < n_triples`` places triple ``i`` (candidate ``network.t_cand[i]`` in
      need ``network.t_need[i]``, score ``network.t_score[i]``);
    * ``covered_needs``: the needs with a minimum, in order; variable
      ``n_triples + j`` counts the covered seats of need ``covered_needs[j]``;
    * ``weight``: the weight ``W`` of coverage in the objective
      ``W · Σ covered + Σ score · x`` (larger than any total fit).
    * ``groups``, ``staffed``: the local rules' groups (one constraint each) and,
      per group, its ``staffed`` literal (-1 for a group without one);
    * ``assumptions``: when built for a conflict, literal → the lock, floor or
      rule (named by its place in the scenario) that holds under it.
    """

    model: cp_model.CpModel
    network: Network
    weight: int
    covered_needs: IntArray = field(repr=False)
    groups: tuple[RuleGroup, ...] = ()
    staffed: tuple[int, ...] = ()
    assumptions: dict[int, str] = field(default_factory=dict)

    @property
    def n_triples(self) -> int:
        return self.network.n_triples


@dataclass(frozen=True)
class CpSatResult:
    """What CP-SAT returned, mapped to the library's terms."""

    status: Status
    selected: IntArray
    objective: int | None
    bound: int
    parameters: dict[str, Any]
    #: CP-SAT's deterministic time for this solve (its own work measure, the same on any load).
    deterministic_s: float = 0.0


def _groups(keys: IntArray) -> tuple[IntArray, list[IntArray]]:
    """Indices of ``keys`` grouped by value: (distinct values, one index array per value)."""
    if keys.size == 0:
        return np.zeros(0, np.int64), []
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    cuts = np.flatnonzero(np.diff(sk)) + 1
    return sk[np.concatenate([[0], cuts])], np.split(order, cuts)


def _at_most(proto: Any, members: IntArray, cap: int, enforce: int | None = None) -> None:
    c = proto.constraints.add()
    if enforce is not None:
        c.enforcement_literal.append(enforce)
    if cap == 1 and enforce is None:
        c.at_most_one.literals.extend(members.tolist())
        return
    c.linear.vars.extend(members.tolist())
    c.linear.coeffs.extend([1] * members.size)
    c.linear.domain.extend([0, cap])


def _bool(proto: Any) -> int:
    v = proto.variables.add()
    v.domain.extend([0, 1])
    return len(proto.variables) - 1


def _staffed_row(proto: Any, net: Network, g: RuleGroup, b: int, enforce: int | None) -> None:
    """Adds ``N − M·b ≤ if_staffed − 1`` for the conditional group ``g`` and its literal ``b``,
    with ``M`` the most ``N`` can exceed ``if_staffed − 1`` by (:func:`most_placed`).

    The same plans as the enforced ``¬b ⇒ N ≤ if_staffed − 1``, but CP-SAT relaxes
    that one with ``M`` taken from the count of the group's triples, dozens where
    a cooperative holds three: the row is the tight relaxation. At 300 × 4,000 with
    every rule form it halves CP-SAT's proofs. Left out where it is no tighter.
    """
    big = most_placed(net, g.members) - (g.threshold - 1)
    if not 0 < big < g.members.size - (g.threshold - 1):
        return
    c = proto.constraints.add()
    if enforce is not None:
        c.enforcement_literal.append(enforce)
    c.linear.vars.extend([*g.members.tolist(), b])
    c.linear.coeffs.extend([1] * g.members.size + [-big])
    c.linear.domain.extend([-(2**40), g.threshold - 1])


def build_model(
    net: Network,
    locked: tuple[int, ...] = (),
    fixed: IntArray | None = None,
    *,
    groups: list[RuleGroup] | None = None,
    assumptions: bool = False,
    weight: int | None = None,
) -> CpSatModel:
    """The CP-SAT model of the network; ``locked`` triples are fixed to 1.

    ``fixed[t]`` (optional) is 0 or 1 to fix triple ``t`` to that value, -1 to leave it free.
    ``groups`` are the local rules' groups (computed from the scenario when not given).
    With ``assumptions`` the model has no objective, and every lock, OPD and position
    floor and local rule holds only under its own literal (for conflict explanations;
    ``locked`` then names the locks' triples, in the order of ``scenario.locks``).
    ``weight`` replaces the network's coverage weight (a restricted network keeps
    the weight of the whole one, so objective values compare).
    """
    from ortools.sat.python import cp_model

    if groups is None:
        groups = rule_groups(net) if net.scenario.rules else []
    model = cp_model.CpModel()
    proto = model.proto
    n_t = net.n_triples
    # Variables: x[t] for every permitted triple, locks (and fixed triples) fixed.
    lo = np.zeros(n_t, np.int64)
    hi = np.ones(n_t, np.int64)
    if fixed is not None:
        lo[fixed == 1] = 1
        hi[fixed == 0] = 0
    lock_arr = np.array(locked, dtype=np.int64)
    if not assumptions:
        lo[lock_arr] = 1
        hi[lock_arr] = 1
    for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
        v = proto.variables.add()
        v.domain.extend([a, b])
    covered_needs = np.flatnonzero(net.need_min > 0)
    for n in covered_needs.tolist():
        v = proto.variables.add()
        v.domain.extend([0, int(net.need_min[n])])
    literal: dict[int, str] = {}

    def assume(name: str) -> int | None:
        if not assumptions:
            return None
        lit = _bool(proto)
        literal[lit] = name
        return lit

    # Rule 7: locks under assumptions (otherwise fixed in the domains above).
    if assumptions:
        for i, t in enumerate(lock_arr.tolist()):
            c = proto.constraints.add()
            c.enforcement_literal.append(_must(assume(f"locks[{i}]")))
            c.bool_and.literals.append(t)

    # Rule 3: at most one placement per candidate.
    _, by_cand = _groups(net.t_cand)
    for members in by_cand:
        if members.size > 1:
            _at_most(proto, members, 1)
    # Rule 4: need maxima; and covered[n] <= placements in the need.
    needs, by_need = _groups(net.t_need)
    members_of_need = dict(zip(needs.tolist(), by_need, strict=True))
    for n, members in zip(needs.tolist(), by_need, strict=True):
        if members.size > int(net.need_max[n]):
            _at_most(proto, members, int(net.need_max[n]))
    for j, n in enumerate(covered_needs.tolist()):
        members = members_of_need.get(n, np.zeros(0, np.int64))
        c = proto.constraints.add()
        c.linear.vars.extend([n_t + j, *members.tolist()])
        c.linear.coeffs.extend([1] + [-1] * members.size)
        c.linear.domain.extend([-(2**40), 0])
    # Rule 5: cooperative caps.
    coops, by_coop = _groups(net.t_coop)
    for k, members in zip(coops.tolist(), by_coop, strict=True):
        cap = int(net.coop_cap[k])
        if 0 <= cap < members.size:
            _at_most(proto, members, cap)
    # Rule 6: OPD floors, then position floors.
    opds, by_opd = _groups(net.cand_opd[net.t_cand])
    for o, members in zip(opds.tolist(), by_opd, strict=True):
        cap = int(net.opd_release[o])
        if cap < np.unique(net.t_cand[members]).size:
            _at_most(proto, members, cap, assume(f"opds[{o}].min_staff"))
    t_pos = net.cand_position[net.t_cand]
    has = np.flatnonzero(t_pos >= 0)
    positions, by_pos = _groups(t_pos[has])
    for p, members in zip(positions.tolist(), by_pos, strict=True):
        cap = int(net.position_release[p])
        idx = has[members]
        if cap < np.unique(net.t_cand[idx]).size:
            _at_most(proto, idx, cap, assume(_position_path(net, p)))
    # Rule 8: local rules, one linear constraint per group.
    rule_lit = {r: assume(f"rules[{r}]") for r in sorted({g.rule for g in groups})}
    staffed: list[int] = []
    for g in groups:
        enforce = rule_lit[g.rule]
        if g.kind == "at_most":
            _at_most(proto, g.counted, g.count, enforce)
            staffed.append(-1)
            continue
        c = proto.constraints.add()
        if enforce is not None:
            c.enforcement_literal.append(enforce)
        if g.threshold > 0:
            b = _bool(proto)
            staffed.append(b)
            c.enforcement_literal.append(b)
            # not staffed[g] => N <= if_staffed - 1
            off = proto.constraints.add()
            off.enforcement_literal.append(-b - 1)
            off.linear.vars.extend(g.members.tolist())
            off.linear.coeffs.extend([1] * g.members.size)
            off.linear.domain.extend([0, g.threshold - 1])
            _staffed_row(proto, net, g, b, enforce)
        else:
            staffed.append(-1)
        c.linear.vars.extend(g.counted.tolist())
        c.linear.coeffs.extend([1] * g.counted.size)
        c.linear.domain.extend([g.count, max(g.count, int(g.counted.size))])
    if assumptions:
        return CpSatModel(
            model=model,
            network=net,
            weight=0,
            covered_needs=covered_needs,
            groups=tuple(groups),
            staffed=tuple(staffed),
            assumptions=literal,
        )

    # Objective: coverage first (weight W), then fit.
    w = lexicographic_weight(net) if weight is None else weight
    obj = proto.objective
    obj.vars.extend(list(range(n_t)) + [n_t + j for j in range(covered_needs.size)])
    obj.coeffs.extend((-net.t_score).tolist() + [-w] * covered_needs.size)
    obj.scaling_factor = -1.0
    return CpSatModel(
        model=model,
        network=net,
        weight=w,
        covered_needs=covered_needs,
        groups=tuple(groups),
        staffed=tuple(staffed),
    )


def _must(lit: int | None) -> int:
    assert lit is not None  # only called when building with assumptions
    return lit


def _position_path(net: Network, p: int) -> str:
    """``opds[i].positions[j].min_staff`` of position ``p`` of the network."""
    o = int(net.position_opd[p])
    j = int(np.count_nonzero(net.position_opd[:p] == o))
    return f"opds[{o}].positions[{j}].min_staff"


_STATUS = {
    "OPTIMAL": Status.OPTIMAL,
    "FEASIBLE": Status.FEASIBLE,
    "INFEASIBLE": Status.INFEASIBLE,
    "UNKNOWN": Status.UNKNOWN,
}


#: Seeds CP-SAT takes (``random_seed`` is a 32-bit signed integer; negative ones are refused).
MAX_SEED = 2**31 - 1
#: Worker threads at most: more than a machine runs only exhausts it.
MAX_WORKERS = 256


def check_parameters(parameters: dict[str, Any]) -> None:
    """Raise ``ValueError`` naming the first CP-SAT parameter that is unknown or of the wrong
    type, before any work (each is tried on a fresh parameter set)."""
    from ortools.sat import sat_parameters_pb2

    if not isinstance(parameters, dict):
        raise TypeError(f"parameters must be a dict, not {type(parameters).__name__}")
    trial = sat_parameters_pb2.SatParameters()
    for key, value in parameters.items():
        if not isinstance(key, str) or key not in trial.DESCRIPTOR.fields_by_name:
            raise ValueError(f"parameters: {key!r} is not a CP-SAT parameter")
        if key in ("num_workers", "random_seed"):
            raise ValueError(f"parameters: give {key!r} as solve(workers=..., seed=...)")
        try:
            setattr(trial, key, value)
        except (TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"parameters: {key!r}: {exc}") from None


def solve_model(
    m: CpSatModel,
    *,
    time_limit_s: float | None,
    seed: int,
    workers: int,
    hint: IntArray | None = None,
    parameters: dict[str, Any] | None = None,
    extra_hint: list[tuple[int, int]] | None = None,
    reporter: Reporter = SILENT,
    stage: str = "cpsat",
    describe: Describe | None = None,
) -> CpSatResult:
    """Solve ``m`` with CP-SAT; ``hint`` is a set of triples to start from.

    ``extra_hint`` gives (variable, value) pairs for variables beyond the triples
    (coverage counters, fairness terms), so that the hint is a complete solution.

    Each better solution (and better bound) is reported to ``reporter`` as stage
    ``stage``, its values given by ``describe(objective, bound)``. A cancel of the
    reporter's token stops the search at once (CP-SAT's ``stop_search``): the
    result is then the best solution found, ``FEASIBLE``, or ``UNKNOWN`` without one.
    """
    from ortools.sat.python import cp_model

    if reporter.cancelled:
        return CpSatResult(Status.UNKNOWN, np.zeros(0, np.int64), None, 0, {})
    solver = cp_model.CpSolver()
    params: dict[str, Any] = dict(DEFAULT_PARAMETERS if parameters is None else parameters)
    params["num_workers"] = workers
    params["random_seed"] = seed
    if time_limit_s is not None:
        params["max_time_in_seconds"] = float(time_limit_s)
    for key, value in params.items():
        setattr(solver.parameters, key, value)
    proto = m.model.proto
    proto.clear_solution_hint()
    if hint is not None:
        values = np.zeros(m.n_triples, dtype=np.int64)
        values[hint] = 1
        proto.solution_hint.vars.extend(list(range(m.n_triples)))
        proto.solution_hint.values.extend(values.tolist())
        placed = np.bincount(m.network.t_need[hint], minlength=m.network.need_min.size)
        covered = np.minimum(placed, m.network.need_min)[m.covered_needs]
        proto.solution_hint.vars.extend([m.n_triples + j for j in range(covered.size)])
        proto.solution_hint.values.extend(covered.tolist())
        for g, b in zip(m.groups, m.staffed, strict=True):
            if b >= 0:  # staffed[g] exactly when the group has if_staffed placements
                proto.solution_hint.vars.append(b)
                proto.solution_hint.values.append(int(values[g.members].sum() >= g.threshold))
        for var, value in extra_hint or ():
            proto.solution_hint.vars.append(var)
            proto.solution_hint.values.append(value)
    code = _solve_watched(cp_model, solver, m, reporter, stage, describe)
    status = _STATUS.get(solver.status_name(code))
    if status is None:
        raise RuntimeError(f"CP-SAT rejected the model: {solver.status_name(code)}")
    if status.has_solution:
        sol = np.asarray(solver.response_proto.solution, dtype=np.int64)[: m.n_triples]
        selected = np.flatnonzero(sol > 0).astype(np.int64)
        objective: int | None = round(solver.objective_value)
    else:
        selected = np.zeros(0, np.int64)
        objective = None
    return CpSatResult(
        status=status,
        selected=selected,
        objective=objective,
        bound=round(solver.best_objective_bound),
        parameters=params,
        deterministic_s=float(solver.response_proto.deterministic_time),
    )


def _infeasible_under(m: CpSatModel, literals: list[int], time_limit_s: float) -> list[int] | None:
    """The solver's sufficient subset of ``literals`` when the model is infeasible under them.

    ``None`` when a solution exists or the time ran out (no proof either way).
    """
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(0.01, time_limit_s)
    proto = m.model.proto
    proto.assumptions.clear()
    proto.assumptions.extend(literals)
    code = solver.solve(m.model)
    if solver.status_name(code) != "INFEASIBLE":
        return None
    return list(solver.sufficient_assumptions_for_infeasibility())


def minimal_conflict(m: CpSatModel, *, time_limit_s: float) -> tuple[str, ...] | None:
    """A minimal set of assumed constraints (named as in the scenario) that cannot hold together.

    ``m`` is built with ``assumptions=True``. The solver's core under every
    assumption is shrunk by deletion: a member whose removal leaves the rest
    infeasible is dropped, so every member of the result is needed. ``None``
    when the model is feasible or no proof was found in time.
    """
    import time

    deadline = time.monotonic() + time_limit_s
    core = _infeasible_under(m, sorted(m.assumptions), time_limit_s)
    if core is None:
        return None
    i = 0
    while i < len(core):
        trial = core[:i] + core[i + 1 :]
        left = deadline - time.monotonic()
        smaller = _infeasible_under(m, trial, left) if trial and left > 0 else None
        if smaller is None:
            i += 1  # core[i] is needed (or no time to tell: kept, the set stays a conflict)
        else:
            core = [lit for lit in trial if lit in set(smaller)] or trial
    return tuple(m.assumptions[lit] for lit in core)


#: How often a cancel is looked for while CP-SAT searches, in seconds.
_CANCEL_POLL_S = 0.05

#: From a CP-SAT objective and bound to the values of a progress report.
Describe = Callable[[int, int], dict[str, int | float | None]]


def relative_gap(objective: int, bound: int) -> float:
    """``|bound − objective| / max(1, |bound|)``, the gap CP-SAT reports."""
    return abs(bound - objective) / max(1, abs(bound))


def _solve_watched(
    cp_model: Any,
    solver: Any,
    m: CpSatModel,
    reporter: Reporter,
    stage: str,
    describe: Describe | None,
) -> Any:
    """``solver.solve(m.model)`` with progress reports and a stop on cancel."""
    if reporter.callback is None and reporter.cancel is None:
        return solver.solve(m.model)
    show: Describe = describe or (
        lambda obj, bound: {"value": obj, "bound": bound, "gap": relative_gap(obj, bound)}
    )
    last: list[int] = []

    class Watch(cp_model.CpSolverSolutionCallback):  # type: ignore[misc]
        def on_solution_callback(self) -> None:
            if reporter.cancelled:
                self.stop_search()
            objective = round(self.objective_value)
            last[:] = [objective]
            reporter.report(stage, **show(objective, round(self.best_objective_bound)))

    def on_bound(bound: float) -> None:
        if last:
            reporter.report(stage, **show(last[0], round(bound)))

    solver.best_bound_callback = on_bound
    if reporter.cancel is None:
        return solver.solve(m.model, Watch())
    # CP-SAT can only be stopped once its search has begun (stop_search before that is
    # lost), so a watcher repeats the stop until the search ends.
    done = threading.Event()

    def watch_cancel() -> None:
        while not done.wait(_CANCEL_POLL_S):
            if reporter.cancelled:
                solver.stop_search()

    watcher = threading.Thread(target=watch_cancel, name="penempatan-cancel", daemon=True)
    watcher.start()
    try:
        return solver.solve(m.model, Watch())
    finally:
        done.set()
        watcher.join()


# Building blocks for side constraints and further objective levels (see _staged.py).
# They write the proto directly, so callers never touch OR-Tools objects.

BIG = 2**50


def new_int_var(m: CpSatModel, lo: int, hi: int) -> int:
    """Add an integer variable with domain [lo, hi]; return its index."""
    proto = m.model.proto
    v = proto.variables.add()
    v.domain.extend([lo, hi])
    return len(proto.variables) - 1


def add_linear(m: CpSatModel, variables: list[int], coeffs: list[int], lo: int, hi: int) -> None:
    """Add ``lo ≤ Σ coeffs·variables ≤ hi``."""
    c = m.model.proto.constraints.add()
    c.linear.vars.extend(variables)
    c.linear.coeffs.extend(coeffs)
    c.linear.domain.extend([lo, hi])


def set_objective(
    m: CpSatModel, variables: list[int], coeffs: list[int], *, maximize: bool
) -> None:
    """Replace the objective by ``Σ coeffs·variables``, maximised or minimised."""
    obj = m.model.proto.objective
    obj.clear_scaling_factor()
    obj.clear_offset()
    obj.vars.clear()
    obj.coeffs.clear()
    obj.vars.extend(variables)
    obj.coeffs.extend([-c for c in coeffs] if maximize else coeffs)
    obj.scaling_factor = -1.0 if maximize else 1.0

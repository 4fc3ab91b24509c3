"""``compare(plan_a, plan_b)``: what changed between two plans, as a value.

A :class:`PlanDiff` says who moved (placed in both plans, at another
cooperative or in another role), who was added (placed in ``b`` only) and who
was removed (placed in ``a`` only), and how the totals changed: coverage, fit,
required seats and placements, in total and per cooperative, per kecamatan and
per OPD. Tables list only the rows that changed, so the diff of a plan with
itself is empty (:attr:`PlanDiff.is_empty`).

Everything but fit per OPD comes from the two plans alone: the released
counts, floors and slack per OPD are each plan's own ``opd_impact`` (the OPD of
a candidate is a fact of the scenario that plan was solved from, which a plan
states for itself). Fit per OPD needs each candidate's OPD: ``scenario`` is the
scenario of plan ``b`` and, unless ``scenario_a`` is given, of plan ``a`` too;
when a plan places someone its scenario does not know (a candidate who left
since), fit per OPD is not known and is left out rather than guessed. The
scenarios also give names to the NIPs in the candidate lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, Literal

from penempatan._optional import optional_import
from penempatan._record import Record
from penempatan._status import Status
from penempatan.i18n import Lang, message, resolve_lang
from penempatan.plan._records import Assignment, Plan
from penempatan.scenario import Scenario

__all__ = [
    "CandidateChange",
    "CooperativeDelta",
    "Delta",
    "KecamatanDelta",
    "OpdDelta",
    "PlanDiff",
    "compare",
]


class Delta(Record):
    """A number in plan ``a`` and in plan ``b``; ``change = b − a``."""

    a: int
    b: int
    change: int

    @classmethod
    def of(cls, a: int, b: int) -> Delta:
        """The delta from ``a`` to ``b``."""
        return cls(a=a, b=b, change=b - a)

    def __str__(self) -> str:
        return f"{self.a} → {self.b} ({self.change:+d})" if self.change else f"{self.a}"


class CandidateChange(Record):
    """One candidate whose placement differs: moved, added (b only) or removed (a only).

    ``from_*`` describe the placement in plan ``a`` (``None`` when added),
    ``to_*`` the one in plan ``b`` (``None`` when removed). ``name`` and
    ``opd`` are known only when :func:`compare` was given the scenario.
    """

    kind: Literal["moved", "added", "removed"]
    candidate: str
    name: str | None = None
    opd: str | None = None
    from_cooperative: str | None = None
    from_role: str | None = None
    from_score: int | None = None
    to_cooperative: str | None = None
    to_role: str | None = None
    to_score: int | None = None

    def __str__(self) -> str:
        return self.text(resolve_lang())

    def text(self, lang: Lang) -> str:
        """``NIP name (OPD): cooperative/role [score] → cooperative/role [score]`` in ``lang``."""
        who = self.candidate
        if self.name is not None:
            who += f" {self.name}"
        if self.opd is not None:
            who += f" ({self.opd})"
        before = (
            f"{self.from_cooperative}/{self.from_role} [{self.from_score}]"
            if self.from_cooperative is not None
            else message("diff.not_placed", lang)
        )
        after = (
            f"{self.to_cooperative}/{self.to_role} [{self.to_score}]"
            if self.to_cooperative is not None
            else message("diff.not_placed", lang)
        )
        return f"{who}: {before} → {after}"


class CooperativeDelta(Record):
    """How one cooperative's placements, coverage and fit changed."""

    cooperative: str
    kecamatan: str
    placed: Delta
    covered: Delta
    required: Delta
    fit: Delta


class KecamatanDelta(Record):
    """How the cooperatives of one kecamatan changed, summed."""

    kecamatan: str
    placed: Delta
    covered: Delta
    required: Delta
    fit: Delta


class OpdDelta(Record):
    """How many staff one OPD releases, its floor and slack, and the fit of its staff.

    ``fit`` is ``None`` when :func:`compare` was not given the scenario.
    """

    opd: str
    released: Delta
    min_staff: Delta
    slack: Delta
    fit: Delta | None = None


class PlanDiff(Record):
    """What changed from plan ``a`` to plan ``b``; tables list only rows that changed."""

    scenario_a: str
    scenario_b: str
    same_scenario: bool
    status_a: Status
    status_b: Status
    coverage: Delta
    fit: Delta
    required_seats: Delta
    placements: Delta
    moved: tuple[CandidateChange, ...]
    added: tuple[CandidateChange, ...]
    removed: tuple[CandidateChange, ...]
    unchanged: int
    cooperatives: tuple[CooperativeDelta, ...]
    kecamatan: tuple[KecamatanDelta, ...]
    opds: tuple[OpdDelta, ...]

    @property
    def changes(self) -> tuple[CandidateChange, ...]:
        """Every changed candidate: the moved, then the added, then the removed."""
        return self.moved + self.added + self.removed

    @property
    def is_empty(self) -> bool:
        """True when the two plans place everyone alike and every total is the same."""
        return not (
            self.changes
            or self.cooperatives
            or self.kecamatan
            or self.opds
            or any(
                d.change for d in (self.coverage, self.fit, self.required_seats, self.placements)
            )
            or self.status_a is not self.status_b
        )

    def to_dict(self) -> dict[str, Any]:
        """The diff as plain JSON values."""
        return self.model_dump(mode="json")

    def to_dataframe(
        self, table: Literal["candidates", "cooperatives", "kecamatan", "opds"] = "candidates"
    ) -> Any:
        """A ``pandas.DataFrame``: by default one row per changed candidate.

        ``table`` picks another table: ``"cooperatives"``, ``"kecamatan"`` or
        ``"opds"``, with columns ``<field>_a``, ``<field>_b`` and ``<field>_change``
        for each number. pandas is optional: ``pip install pandas``.
        """
        pd = optional_import("pandas", needed_by="to_dataframe()")
        if table == "candidates":
            columns = list(CandidateChange.model_fields)
            return pd.DataFrame([c.model_dump() for c in self.changes], columns=columns)
        rows_of: dict[str, tuple[type[Record], tuple[Record, ...]]] = {
            "cooperatives": (CooperativeDelta, self.cooperatives),
            "kecamatan": (KecamatanDelta, self.kecamatan),
            "opds": (OpdDelta, self.opds),
        }
        if table not in rows_of:
            raise ValueError(
                f"table must be 'candidates', 'cooperatives', 'kecamatan' or 'opds', not {table!r}"
            )
        model, rows = rows_of[table]
        columns = []
        for name, field in model.model_fields.items():
            is_delta = "Delta" in str(field.annotation)
            columns += [f"{name}_a", f"{name}_b", f"{name}_change"] if is_delta else [name]
        return pd.DataFrame([_flat(r) for r in rows], columns=columns)

    def summary(self, limit: int | None = 20, lang: str | None = None) -> str:
        """A readable account of the diff; at most ``limit`` lines per list (``None``: all).

        In ``lang`` (``"id"`` or ``"en"``); by default ``$PENEMPATAN_LANG``, else
        Bahasa Indonesia, as ``print(diff)`` shows it.
        """
        la = resolve_lang(lang)

        def t(key: str, **values: Any) -> str:
            return message(key, la, **values)

        lines = [t("diff.title", scenario=self.scenario_a)]
        if self.scenario_b != self.scenario_a:
            lines[0] += f" → {self.scenario_b}"
        if not self.same_scenario:
            lines[0] += " " + t("diff.two_scenarios")
        if self.status_a is not self.status_b:
            lines.append(t("diff.status", a=self.status_a.value, b=self.status_b.value))
        if self.is_empty:
            lines.append(t("diff.empty"))
            return "\n".join(lines)
        lines.append(
            t(
                "diff.totals",
                coverage=self.coverage,
                required=self.required_seats,
                fit=self.fit,
                placements=self.placements,
            )
        )
        lines.append(
            t(
                "diff.candidates",
                moved=len(self.moved),
                added=len(self.added),
                removed=len(self.removed),
                unchanged=self.unchanged,
            )
        )

        def section(title: str, items: Iterable[str]) -> None:
            items = list(items)
            if not items:
                return
            lines.append(f"{t(title)}:")
            shown = items if limit is None else items[:limit]
            lines.extend(f"  {item}" for item in shown)
            if len(shown) < len(items):
                lines.append(f"  … {t('diff.more', count=len(items) - len(shown))}")

        def required(d: Delta) -> str:
            return t("diff.required", required=d) if d.change else ""

        section("diff.moved", (c.text(la) for c in self.moved))
        section("diff.added", (c.text(la) for c in self.added))
        section("diff.removed", (c.text(la) for c in self.removed))
        section(
            "diff.per_cooperative",
            (
                t(
                    "diff.cooperative",
                    cooperative=c.cooperative,
                    kecamatan=c.kecamatan,
                    covered=c.covered,
                    placed=c.placed,
                    fit=c.fit,
                )
                + required(c.required)
                for c in self.cooperatives
            ),
        )
        section(
            "diff.per_kecamatan",
            (
                t(
                    "diff.kecamatan",
                    kecamatan=k.kecamatan,
                    covered=k.covered,
                    placed=k.placed,
                    fit=k.fit,
                )
                + required(k.required)
                for k in self.kecamatan
            ),
        )
        section(
            "diff.per_opd",
            (
                t("diff.opd", opd=o.opd, released=o.released, min_staff=o.min_staff, slack=o.slack)
                + (t("diff.opd_fit", fit=o.fit) if o.fit is not None else "")
                for o in self.opds
            ),
        )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def _flat(row: Record) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in type(row).model_fields:
        value = getattr(row, name)
        if isinstance(value, Delta):
            out.update({f"{name}_a": value.a, f"{name}_b": value.b, f"{name}_change": value.change})
        else:
            out[name] = value
    return out


def _changed(*deltas: Delta | None) -> bool:
    return any(d is not None and d.change != 0 for d in deltas)


def _title(plan: Plan, scenario: Scenario | None, other: Plan) -> str:
    """What a plan's scenario is called: its name, else the given scenario's, else the
    other plan's name for the same scenario, else the start of its hash (a plan file
    may leave the name out)."""
    if plan.scenario:
        return plan.scenario
    if scenario is not None and scenario.sha256 == plan.scenario_sha256 and scenario.name:
        return scenario.name
    if other.scenario and other.scenario_sha256 == plan.scenario_sha256:
        return other.scenario
    return f"sha256 {plan.scenario_sha256[:12]}"


def compare(
    plan_a: Plan,
    plan_b: Plan,
    scenario: Scenario | None = None,
    *,
    scenario_a: Scenario | None = None,
) -> PlanDiff:
    """What changed from ``plan_a`` to ``plan_b``: moves, additions, removals and totals.

    The plans may come from different scenarios (a what-if against its
    baseline, a re-plan after resignations). ``scenario`` (plan ``b``'s, and
    plan ``a``'s unless ``scenario_a`` is given) adds names, the OPD of each
    candidate, and fit per OPD; see the module docstring. Symmetric:
    ``compare(b, a)`` lists the same moves reversed and swaps added and removed.
    """
    for name, value in (("plan_a", plan_a), ("plan_b", plan_b)):
        if not isinstance(value, Plan):
            raise TypeError(f"{name} must be a Plan, not {type(value).__name__}")
    for name, sc in (("scenario", scenario), ("scenario_a", scenario_a)):
        if sc is not None and not isinstance(sc, Scenario):
            raise TypeError(f"{name} must be a Scenario, not {type(sc).__name__}")
    if scenario_a is None:
        scenario_a = scenario
    where_a = _by_candidate(plan_a.assignments)
    where_b = _by_candidate(plan_b.assignments)
    cands = {c.nip: c for c in scenario_a.candidates} if scenario_a is not None else {}
    if scenario is not None:
        cands.update({c.nip: c for c in scenario.candidates})

    def change(
        kind: Literal["moved", "added", "removed"],
        nip: str,
        a: Assignment | None,
        b: Assignment | None,
    ) -> CandidateChange:
        c = cands.get(nip)
        return CandidateChange(
            kind=kind,
            candidate=nip,
            name=None if c is None else c.name,
            opd=None if c is None else c.opd,
            from_cooperative=None if a is None else a.cooperative,
            from_role=None if a is None else a.role,
            from_score=None if a is None else a.score,
            to_cooperative=None if b is None else b.cooperative,
            to_role=None if b is None else b.role,
            to_score=None if b is None else b.score,
        )

    moved, added, removed, unchanged = [], [], [], 0
    for nip, b in where_b.items():  # in plan b's order
        a = where_a.get(nip)
        if a is None:
            added.append(change("added", nip, None, b))
        elif (a.cooperative, a.role) != (b.cooperative, b.role):
            moved.append(change("moved", nip, a, b))
        else:
            unchanged += 1
    for nip, a in where_a.items():  # in plan a's order
        if nip not in where_b:
            removed.append(change("removed", nip, a, None))

    return PlanDiff(
        scenario_a=_title(plan_a, scenario_a, plan_b),
        scenario_b=_title(plan_b, scenario, plan_a),
        same_scenario=plan_a.scenario_sha256 == plan_b.scenario_sha256,
        status_a=plan_a.status,
        status_b=plan_b.status,
        coverage=Delta.of(plan_a.coverage, plan_b.coverage),
        fit=Delta.of(plan_a.fit, plan_b.fit),
        required_seats=Delta.of(_required(plan_a), _required(plan_b)),
        placements=Delta.of(len(plan_a.assignments), len(plan_b.assignments)),
        moved=tuple(moved),
        added=tuple(added),
        removed=tuple(removed),
        unchanged=unchanged,
        cooperatives=_cooperatives(plan_a, plan_b),
        kecamatan=_kecamatan(plan_a, plan_b),
        opds=_opds(plan_a, plan_b, scenario_a, scenario),
    )


def _required(plan: Plan) -> int:
    """The plan's required seats; a plan file that leaves them out: its cooperatives' sum."""
    if plan.required_seats is not None:
        return plan.required_seats
    return sum(c.required for c in plan.cooperatives)


def _by_candidate(assignments: Iterable[Assignment]) -> dict[str, Assignment]:
    """Each candidate's placement (the first, should a broken plan hold two)."""
    out: dict[str, Assignment] = {}
    for a in assignments:
        out.setdefault(a.candidate, a)
    return out


def _coop_totals(plan: Plan) -> dict[str, tuple[str, int, int, int, int]]:
    """Cooperative → (kecamatan, placed, covered, required, fit)."""
    fit: Counter[str] = Counter()
    for a in plan.assignments:
        fit[a.cooperative] += a.score
    return {
        c.cooperative: (c.kecamatan, c.placed, c.covered, c.required, fit[c.cooperative])
        for c in plan.cooperatives
    }


def _cooperatives(plan_a: Plan, plan_b: Plan) -> tuple[CooperativeDelta, ...]:
    ta, tb = _coop_totals(plan_a), _coop_totals(plan_b)
    rows = []
    for coop in list(tb) + [k for k in ta if k not in tb]:
        zero = (ta.get(coop) or tb[coop])[0], 0, 0, 0, 0
        a, b = ta.get(coop, zero), tb.get(coop, zero)
        placed, covered = Delta.of(a[1], b[1]), Delta.of(a[2], b[2])
        required, fit = Delta.of(a[3], b[3]), Delta.of(a[4], b[4])
        if _changed(placed, covered, required, fit):
            rows.append(
                CooperativeDelta(
                    cooperative=coop,
                    kecamatan=b[0] if coop in tb else a[0],
                    placed=placed,
                    covered=covered,
                    required=required,
                    fit=fit,
                )
            )
    return tuple(rows)


def _kecamatan(plan_a: Plan, plan_b: Plan) -> tuple[KecamatanDelta, ...]:
    def totals(plan: Plan) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for kec, placed, covered, required, fit in _coop_totals(plan).values():
            t = out.setdefault(kec, [0, 0, 0, 0])
            for i, v in enumerate((placed, covered, required, fit)):
                t[i] += v
        return out

    ta, tb = totals(plan_a), totals(plan_b)
    rows = []
    for kec in sorted(ta.keys() | tb.keys()):
        a, b = ta.get(kec, [0, 0, 0, 0]), tb.get(kec, [0, 0, 0, 0])
        placed, covered = Delta.of(a[0], b[0]), Delta.of(a[1], b[1])
        required, fit = Delta.of(a[2], b[2]), Delta.of(a[3], b[3])
        if _changed(placed, covered, required, fit):
            rows.append(
                KecamatanDelta(
                    kecamatan=kec, placed=placed, covered=covered, required=required, fit=fit
                )
            )
    return tuple(rows)


def _opds(
    plan_a: Plan, plan_b: Plan, scenario_a: Scenario | None, scenario_b: Scenario | None
) -> tuple[OpdDelta, ...]:
    impact_a = {o.opd: o for o in plan_a.opd_impact}
    impact_b = {o.opd: o for o in plan_b.opd_impact}
    order = list(impact_b) + [o for o in impact_a if o not in impact_b]
    released_a = _released(plan_a, scenario_a)
    released_b = _released(plan_b, scenario_b)
    order += [o for o in list(released_b) + list(released_a) if o not in order]
    fit_a, fit_b = _fit_per_opd(plan_a, scenario_a), _fit_per_opd(plan_b, scenario_b)
    known_fit = fit_a is not None and fit_b is not None

    rows = []
    for opd in dict.fromkeys(order):
        ia, ib = impact_a.get(opd), impact_b.get(opd)
        released = Delta.of(released_a[opd], released_b[opd])
        min_staff = Delta.of(ia.min_staff if ia else 0, ib.min_staff if ib else 0)
        slack = Delta.of(ia.slack if ia else 0, ib.slack if ib else 0)
        fit = Delta.of(fit_a[opd], fit_b[opd]) if fit_a is not None and fit_b is not None else None
        if _changed(released, min_staff, slack, fit if known_fit else None):
            rows.append(
                OpdDelta(opd=opd, released=released, min_staff=min_staff, slack=slack, fit=fit)
            )
    return tuple(rows)


def _released(plan: Plan, scenario: Scenario | None) -> Counter[str]:
    """Staff released per OPD: the plan's own table, else counted through its scenario."""
    if plan.opd_impact or scenario is None:
        return Counter({o.opd: o.released for o in plan.opd_impact})
    opd_of = {c.nip: c.opd for c in scenario.candidates}
    return Counter(opd_of[a.candidate] for a in plan.assignments if a.candidate in opd_of)


def _fit_per_opd(plan: Plan, scenario: Scenario | None) -> Counter[str] | None:
    """The fit of each OPD's placed staff; ``None`` unless the scenario knows everyone placed."""
    if scenario is None:
        return None
    opd_of = {c.nip: c.opd for c in scenario.candidates}
    out: Counter[str] = Counter()
    for a in plan.assignments:
        opd = opd_of.get(a.candidate)
        if opd is None:
            return None
        out[opd] += a.score
    return out

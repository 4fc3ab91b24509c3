"""The plan: an immutable, self-describing result in the ``penempatan/plan@1`` format.

A plan is a value. It carries the assignments, the two objective values and
their proven bound, the impact on every OPD and position floor, the coverage
of every cooperative, the conflicts of an infeasible scenario, and an audit
record of how it was made (scenario hash, solver, parameters, versions).

``to_json()`` is byte-for-byte reproducible: wall times and the UTC time of
the run are kept on the object but written only when asked
(``to_json(timings=True)``).

Explanations (see :mod:`penempatan.explain._contract`): every assignment may carry
``reasons``, and the plan may list every candidate not placed (``unplaced``)
and every need left below its minimum (``short_needs``), each with reasons.
A :class:`Reason` has a stable ``code``, the ``values`` behind it (plain JSON
values) and an English ``message``; reports render the same code and values
in Bahasa Indonesia or English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import ConfigDict, Field, ValidationError

from penempatan._errors import PlanFormatError
from penempatan._record import Record
from penempatan._status import Status
from penempatan.i18n import reason_text, resolve_lang
from penempatan.plan._view import plan_html, plan_summary
from penempatan.scenario._problems import problems_from
from penempatan.scenario._text import (
    JsonTextError,
    coded,
    decode_utf8,
    may_hold_surrogates,
    read_json,
    unencodable_paths,
)

if TYPE_CHECKING:
    from penempatan.i18n import Lang
    from penempatan.scenario import Scenario

PLAN_FORMAT = "penempatan/plan@1"


class _Value(Record):
    """A plan record. The spec lets plan@1 gain fields: a key this version does not
    know is read and dropped (the base :class:`Record` forbids them elsewhere)."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class Reason(_Value):
    """Why: a stable ``code``, the plain JSON ``values`` behind it, and an English sentence."""

    code: str
    message: str
    values: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def of(cls, code: str, values: dict[str, Any], *, about: str = "candidate") -> Reason:
        """The reason ``code`` with ``values``; its message is the English sentence of both."""
        text = reason_text(code, values, "en", about="need" if about == "need" else "candidate")
        return cls(code=code, message=text, values=values)


class Assignment(_Value):
    """One placement: a candidate (by NIP) in one role at one cooperative, and why."""

    candidate: str
    cooperative: str
    role: str
    score: int
    reasons: tuple[Reason, ...] = ()


class Unplaced(_Value):
    """A candidate the plan does not place, and every reason why."""

    candidate: str
    reasons: tuple[Reason, ...]


class ShortNeed(_Value):
    """A need (one role at one cooperative) left below its minimum, and every reason why."""

    cooperative: str
    role: str
    min: int
    placed: int
    reasons: tuple[Reason, ...]


class PositionImpact(_Value):
    """What the plan takes from one position (jabatan) of an OPD."""

    name: str
    headcount: int
    min_staff: int
    released: int
    remaining: int
    slack: int
    binding: bool


class OpdImpact(_Value):
    """What the plan takes from one OPD: ``remaining = headcount − released ≥ min_staff``.

    ``slack`` is ``remaining − min_staff``; a floor is *binding* when the slack is 0
    and the OPD has candidates (a floor with nobody to hold back binds nothing).
    """

    opd: str
    name: str
    headcount: int
    min_staff: int
    candidates: int
    released: int
    remaining: int
    slack: int
    binding: bool
    positions: tuple[PositionImpact, ...] = ()


class NeedCoverage(_Value):
    """Placements in one role at one cooperative; ``covered = min(placed, min)``."""

    role: str
    min: int
    max: int
    placed: int
    covered: int


class CooperativeCoverage(_Value):
    """Placements at one cooperative, need by need."""

    cooperative: str
    kelurahan: str
    kecamatan: str
    placed: int
    required: int
    covered: int
    max_staff: int | None
    needs: tuple[NeedCoverage, ...]


class Conflict(_Value):
    """A minimal set of the scenario's own constraints that cannot hold together."""

    constraints: tuple[str, ...]
    message: str


class Bound(_Value):
    """The best (coverage, fit) not excluded by the solver's proof."""

    coverage: int
    fit: int


class SolverInfo(_Value):
    """How the plan was made: engine, options and versions, for audit."""

    #: ``"given"``: placements made elsewhere, checked by :func:`penempatan.evaluate`.
    engine: Literal["flow", "cpsat", "given"]
    seed: int
    workers: int
    time_limit_s: float | None
    parameters: dict[str, Any]
    versions: dict[str, str]
    #: Where CP-SAT's search started: ``"plan"`` (the caller's hint),
    #: ``"min_cost_flow"`` (the flow optimum, the default) or ``None``.
    hint: Literal["plan", "min_cost_flow"] | None = None


class ForcedChange(_Value):
    """A previous placement that is no longer permitted, so it had to change."""

    candidate: str
    cooperative: str
    role: str
    reason: str


class CapacityExcess(_Value):
    """A tightened capacity that the still-permitted previous placements exceed."""

    constraint: str
    excess: int


class ReplanReport(_Value):
    """How a re-plan relates to the previous plan (``solve(..., previous=plan)``).

    ``kept``: previous placements unchanged; ``moved``: placed again elsewhere;
    ``dropped``: no longer placed; ``added``: placed now, not before.
    ``chosen_changes = moved + dropped − forced`` changes were not forced by the data.
    """

    previous_scenario_sha256: str
    fit_tolerance: float
    previous_placements: int
    kept: int
    moved: int
    dropped: int
    added: int
    forced: tuple[ForcedChange, ...]
    capacity_excess: tuple[CapacityExcess, ...]
    chosen_changes: int


class FairnessReport(_Value):
    """Fairness measures of the plan (see :mod:`penempatan.engine._fairness`), in every plan.

    ``opd_burden_index``: Σ ⌈10⁶/cap⌉·released² over OPD (lower is fairer);
    ``opd_max_share``: the largest share of an OPD's slack released;
    ``kecamatan_shortfall_index``: Σ ⌈10⁶/required⌉·shortfall² over kecamatan;
    ``kecamatan_min_share``: the smallest share of a kecamatan's required seats covered.
    """

    opd_burden_index: int
    opd_max_share: float
    kecamatan_shortfall_index: int
    kecamatan_min_share: float


class StageReport(_Value):
    """One objective level solved after the spec's two (re-planning, fairness)."""

    name: str
    status: Status
    start: int
    value: int
    #: The best value any plan could reach at this level, given the levels before
    #: it: a lower bound for a level that is minimised (the fairness indices), an
    #: upper bound for one that is maximised. Equal to ``value`` when proven.
    bound: int | None = None


class Timings(_Value):
    """Wall-clock seconds of each stage; written to the plan file only when asked."""

    validation_s: float | None = None
    build_s: float
    solve_s: float
    assemble_s: float
    explain_s: float | None = None
    total_s: float
    run_utc: str | None = None
    """When the solve started, ISO 8601 in UTC (``2026-03-01T08:30:00Z``)."""


class Plan(_Value):
    """The result of :func:`penempatan.solve`: a valid plan, or why there is none.

    Reading a plan file follows the spec: only ``format``, ``status``,
    ``coverage``, ``fit``, ``assignments`` and ``scenario_sha256`` are required;
    every other field is optional, and keys this version does not know are
    dropped. A plan that leaves out the tables (``opd_impact``, ``cooperatives``)
    has them empty; ``verify`` checks every number a plan does state.

    Equality is that of the plan document: ``timings`` (wall times, never the
    same twice) do not count, so ``plan == Plan.from_json(plan.to_json())``.
    """

    format: Literal["penempatan/plan@1"] = "penempatan/plan@1"
    status: Status
    scenario: str = ""
    scenario_sha256: str
    coverage: int
    fit: int
    required_seats: int | None = None
    bound: Bound | None = None
    gap: float | None = None
    assignments: tuple[Assignment, ...]
    opd_impact: tuple[OpdImpact, ...] = ()
    cooperatives: tuple[CooperativeCoverage, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    fairness: FairnessReport | None = None
    replan: ReplanReport | None = None
    stages: tuple[StageReport, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    short_needs: tuple[ShortNeed, ...] = ()
    solver: SolverInfo | None = None
    timings: Timings | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Plan):
            return NotImplemented
        return self._document() == other._document()

    def __hash__(self) -> int:
        return hash(self.to_json())

    def _document(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "timings"}

    def to_dict(self, *, timings: bool = False) -> dict[str, Any]:
        """The plan@1 document as plain JSON values."""
        data = self.model_dump(mode="json", exclude={"timings"} if not timings else None)
        if not timings or self.timings is None:
            data.pop("timings", None)
        return data

    def to_json(self, *, timings: bool = False) -> str:
        """The plan@1 document; identical bytes for the same scenario, seed and options."""
        exclude = None if timings and self.timings is not None else {"timings"}
        return self.model_dump_json(indent=2, exclude=exclude) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Plan:
        """Read a plan@1 document (UTF-8, optional byte order mark, no key given twice);
        raise :class:`PlanFormatError` naming the field of every problem if invalid."""
        try:
            decoded = decode_utf8(text)
            data = read_json(decoded)
        except JsonTextError as exc:
            raise PlanFormatError(exc.problems) from None
        if may_hold_surrogates(decoded):
            bad = unencodable_paths(data)
            if bad:
                raise PlanFormatError([coded(p, "problem.lone_surrogate") for p in bad])
        if not isinstance(data, dict):
            raise PlanFormatError([coded("", "problem.plan_not_object", kind=type(data).__name__)])
        if data.get("format") != PLAN_FORMAT:
            raise PlanFormatError(
                [
                    coded(
                        "format",
                        "problem.scenario_not_plan"
                        if str(data.get("format")).startswith("penempatan/scenario@")
                        else "problem.wrong_format",
                        expected=PLAN_FORMAT,
                        value=data.get("format"),
                    )
                ]
            )
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise PlanFormatError(problems_from(exc)) from None

    # Tables as pandas DataFrames (pandas is optional: pip install 'penempatan[pandas]').

    def to_dataframe(self, scenario: Scenario) -> Any:
        """Who goes where: one row per assignment, joined with ``scenario``'s records.

        Columns: ``candidate`` (the NIP, as text), ``name``, ``opd``,
        ``opd_name``, ``position``, ``cooperative``, ``cooperative_name``,
        ``kelurahan``, ``kecamatan``, ``role``, ``score``. ``scenario`` is the
        one the plan was solved from (else :class:`~penempatan.PlanMismatchError`).
        """
        from penempatan.plan import _tables

        return _tables.frame(_tables.placements(self, scenario), _tables.PLACEMENT_COLUMNS)

    def coverage_dataframe(self, by: Literal["cooperative", "kecamatan"] = "cooperative") -> Any:
        """Coverage per cooperative (``required``, ``covered``, ``placed``, ``short``), or per
        kecamatan with ``by="kecamatan"``."""
        from penempatan.plan import _tables

        if by == "cooperative":
            return _tables.frame(_tables.cooperative_coverage(self), _tables.COOPERATIVE_COLUMNS)
        if by == "kecamatan":
            return _tables.frame(_tables.kecamatan_coverage(self), _tables.KECAMATAN_COLUMNS)
        raise ValueError(f"by must be 'cooperative' or 'kecamatan', not {by!r}")

    def impact_dataframe(self) -> Any:
        """The OPD impact: one row per OPD, then one per position of it (``position`` set)."""
        from penempatan.plan import _tables

        return _tables.frame(_tables.opd_impact(self), _tables.IMPACT_COLUMNS)

    def unplaced_dataframe(self, scenario: Scenario, lang: Lang = "id") -> Any:
        """The candidates not placed, with their reason codes and sentences in ``lang``."""
        from penempatan.plan import _tables

        return _tables.frame(_tables.unplaced(self, scenario, lang), _tables.UNPLACED_COLUMNS)

    def summary(self, lang: str | None = None) -> str:
        """A few lines a person reads first: status, coverage, fit, floors that bind, conflicts.

        In ``lang`` (``"id"`` or ``"en"``); by default ``$PENEMPATAN_LANG``, else
        Bahasa Indonesia. ``print(plan)`` shows this summary.
        """
        return plan_summary(self, resolve_lang(lang))

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        """Summary, who goes where, coverage and OPD tables, for notebooks (escaped HTML).

        In the language of ``$PENEMPATAN_LANG``, else Bahasa Indonesia.
        """
        return plan_html(self, resolve_lang())

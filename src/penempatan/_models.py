"""The scenario of ``penempatan/scenario@1`` as immutable, validated values.

Each class below mirrors one table of ``spec/scenario-v1.md``. Field checks
(types, ranges, the NIP layout) live on the fields; checks across records
(unique ids, references that resolve, head counts, NIP against birth date,
distance data) live in :meth:`Scenario._check_records`, which reports every
problem with the path of the record and field, e.g. ``candidates[17].opd``.

Models are frozen and reject unknown keys. Collections are tuples so that a
scenario cannot be changed after validation; a what-if is a new scenario.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Mapping
from functools import cached_property
from operator import attrgetter
from typing import Annotated, Any, Literal, NoReturn

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    StrictStr,
    model_validator,
)
from pydantic_core import PydanticCustomError

from penempatan._errors import Problem
from penempatan._nip import check_nip

SCENARIO_FORMAT = "penempatan/scenario@1"

#: Education levels, lowest first; levels on one rank are equal (SMA = SMK, D4 = S1).
EDUCATION_RANK: dict[str, int] = {
    "SD": 0,
    "SMP": 1,
    "SMA": 2,
    "SMK": 2,
    "D1": 3,
    "D2": 4,
    "D3": 5,
    "D4": 6,
    "S1": 6,
    "S2": 7,
    "S3": 8,
}

Education = Literal["SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2", "S3"]


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: object) -> object:
    """Accept a date, or a string in the ISO form ``YYYY-MM-DD`` only."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            raise PydanticCustomError("iso_date", "expected an ISO date YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "iso_date",
                "expected a real ISO date YYYY-MM-DD, got {value}",
                {"value": repr(value)},
            ) from None
    raise PydanticCustomError("iso_date", "expected an ISO date string YYYY-MM-DD")


def _valid_nip(value: str) -> str:
    try:
        check_nip(value)
    except ValueError as exc:
        raise PydanticCustomError("nip", "invalid NIP: {reason}", {"reason": str(exc)}) from None
    return value


class FrozenSkills(dict[str, int]):
    """A read-only role → level mapping (a dict that refuses changes, and pickles)."""

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("skills of a validated candidate cannot be changed; make a new scenario")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __reduce__(self) -> tuple[type[FrozenSkills], tuple[dict[str, int]]]:
        return (FrozenSkills, (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))


def _freeze_skills(value: dict[str, int]) -> Mapping[str, int]:
    frozen = FrozenSkills()
    dict.update(frozen, value)
    return frozen


#: Role → level 1–5, read-only after validation (written back as a JSON object).
SkillMap = Annotated[
    dict[StrictStr, Annotated[int, Field(strict=True, ge=1, le=5)]],
    AfterValidator(_freeze_skills),
    PlainSerializer(lambda m: dict(m), return_type=dict[str, int]),
]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Nip = Annotated[
    StrictStr, AfterValidator(_valid_nip), Field(json_schema_extra={"pattern": "^[0-9]{18}$"})
]
Id = Annotated[StrictStr, Field(min_length=1)]
Count = Annotated[int, Field(strict=True, ge=0)]
Level = Annotated[int, Field(strict=True, ge=1, le=5)]
Score = Annotated[int, Field(strict=True, ge=0, le=100)]
Coordinate = Annotated[float, Field(strict=True, allow_inf_nan=False)]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Location(_Record):
    """A point on Earth in decimal degrees (WGS 84)."""

    lat: Annotated[Coordinate, Field(ge=-90, le=90)]
    lon: Annotated[Coordinate, Field(ge=-180, le=180)]


class Policy(_Record):
    """Eligibility rules; every key has the default of the spec."""

    min_education: Education = "D3"
    max_age: Count = 56
    require_computer_skill: StrictBool = True
    require_nomination: StrictBool = False
    excluded_positions: tuple[StrictStr, ...] = ()
    max_distance_km: Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)] | None = None


class Position(_Record):
    """A job (jabatan) inside an OPD with its own service floor."""

    name: Id
    headcount: Count
    min_staff: Count


class Opd(_Record):
    """A home agency: all its staff today and the floor that must remain after placement."""

    id: Id
    name: StrictStr
    headcount: Count
    min_staff: Count
    positions: tuple[Position, ...] | None = None


class Need(_Record):
    """Seats of one role at one cooperative: at least ``min`` wanted, at most ``max`` allowed."""

    role: Id
    min: Count
    max: Count
    min_level: Level = 1


class Cooperative(_Record):
    """A Koperasi Kelurahan Merah Putih to staff."""

    id: Id
    name: StrictStr
    kelurahan: StrictStr
    kecamatan: StrictStr
    location: Location | None = None
    needs: tuple[Need, ...]
    max_staff: Count | None = None


class Candidate(_Record):
    """A member of staff who may be placed; ``nip`` is the key."""

    nip: Nip
    name: StrictStr
    opd: Id
    position: StrictStr | None = None
    education: Education
    birth_date: IsoDate
    computer_skill: StrictBool
    skills: SkillMap
    domicile: StrictStr | None = None
    location: Location | None = None
    nominated: StrictBool = False
    preferences: tuple[Id, ...] = ()


class FitEntry(_Record):
    """An explicit score for one permitted (candidate, cooperative, role) triple.

    ``candidate`` is a NIP that must name a candidate of the scenario (checked
    across records; its format is then the candidate's, already checked).
    """

    candidate: Id
    cooperative: Id
    role: Id
    score: Score


class Lock(_Record):
    """A placement that every plan must contain (``candidate``: a candidate's NIP)."""

    candidate: Id
    cooperative: Id
    role: Id


class Forbidden(_Record):
    """A (candidate, cooperative) pair no plan may use, in any role (``candidate``: a NIP)."""

    candidate: Id
    cooperative: Id


class Scenario(_Record):
    """A placement problem: candidates, OPD floors and cooperative needs under a policy."""

    format: Literal["penempatan/scenario@1"]
    name: StrictStr
    reference_date: IsoDate
    policy: Policy = Policy()
    opds: tuple[Opd, ...]
    cooperatives: tuple[Cooperative, ...]
    candidates: tuple[Candidate, ...]
    fit: tuple[FitEntry, ...] | None = None
    locks: tuple[Lock, ...] = ()
    forbidden: tuple[Forbidden, ...] = ()

    @model_validator(mode="after")
    def _check_records(self) -> Scenario:
        problems = _cross_record_problems(self)
        if problems:
            raise PydanticCustomError(
                "scenario_records",
                "{summary}",
                {"summary": "; ".join(map(str, problems)), "problems": problems},
            )
        return self

    def model_copy(
        self, *, update: Mapping[str, Any] | None = None, deep: bool = False
    ) -> Scenario:
        """A new scenario with ``update`` applied, validated again (indexes and hash recomputed)."""
        merged = {name: getattr(self, name) for name in type(self).model_fields}
        merged.update(update or {})
        # Validate plain JSON data, so nested records given as models are checked again too.
        data = type(self).model_construct(**merged).model_dump(mode="json", warnings=False)
        return type(self).model_validate(data)

    # Indexes. Computed once on first use; they never change since the model is frozen.

    @cached_property
    def opd_index(self) -> dict[str, int]:
        """OPD id → position in ``opds``."""
        return {o.id: i for i, o in enumerate(self.opds)}

    @cached_property
    def cooperative_index(self) -> dict[str, int]:
        """Cooperative id → position in ``cooperatives``."""
        return {c.id: i for i, c in enumerate(self.cooperatives)}

    @cached_property
    def candidate_index(self) -> dict[str, int]:
        """NIP → position in ``candidates``."""
        return {c.nip: i for i, c in enumerate(self.candidates)}

    def canonical_json(self) -> str:
        """The canonical JSON text of the validated scenario.

        Exactly ``json.dumps(self.model_dump(mode="json"), sort_keys=True,
        separators=(",", ":"), ensure_ascii=False)``; the fit table, often most
        of the file, is written by a direct encoder that gives the same text.
        """
        texts = {k: _json_text(v) for k, v in self.model_dump(mode="json", exclude={"fit"}).items()}
        texts["fit"] = "null" if self.fit is None else _fit_json(self.fit)
        return "{" + ",".join(f"{_json_text(k)}:{texts[k]}" for k in sorted(texts)) + "}"

    @cached_property
    def sha256(self) -> str:
        """SHA-256 of :meth:`canonical_json`, recorded in every plan."""
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()

    # What-if edits: each returns a new, validated scenario (see penempatan._edits).

    def with_policy(self, /, **changes: Any) -> Scenario:
        """A copy with policy fields changed, e.g. ``s.with_policy(max_age=58)``."""
        from penempatan import _edits

        return _edits.with_policy(self, **changes)

    def with_floor(self, opd: str, min_staff: int, *, position: str | None = None) -> Scenario:
        """A copy where OPD ``opd`` (or its ``position``) keeps at least ``min_staff``."""
        from penempatan import _edits

        return _edits.with_floor(self, opd, min_staff, position=position)

    def with_floor_share(
        self, share: float, *, opds: list[str] | tuple[str, ...] | None = None
    ) -> Scenario:
        """A copy where every OPD (or those in ``opds``) keeps ``ceil(share × headcount)``."""
        from penempatan import _edits

        return _edits.with_floor_share(self, share, opds=opds)

    def with_opd_changes(self, opd: str, /, **changes: Any) -> Scenario:
        """A copy where OPD ``opd`` has the fields in ``changes``."""
        from penempatan import _edits

        return _edits.with_opd_changes(self, opd, **changes)

    def with_candidate(self, candidate: Candidate | Mapping[str, Any]) -> Scenario:
        """A copy with one more candidate (a :class:`Candidate` or its JSON data)."""
        from penempatan import _edits

        return _edits.with_candidate(self, candidate)

    def without_candidates(self, *nips: str, leaves_opd: bool = False) -> Scenario:
        """A copy without these candidates, their locks, fit entries and forbidden pairs."""
        from penempatan import _edits

        return _edits.without_candidates(self, *nips, leaves_opd=leaves_opd)

    def with_candidate_changes(self, nip: str, /, **changes: Any) -> Scenario:
        """A copy where candidate ``nip`` has the fields in ``changes``."""
        from penempatan import _edits

        return _edits.with_candidate_changes(self, nip, **changes)

    def with_cooperative(self, cooperative: Cooperative | Mapping[str, Any]) -> Scenario:
        """A copy with one more cooperative (a :class:`Cooperative` or its JSON data)."""
        from penempatan import _edits

        return _edits.with_cooperative(self, cooperative)

    def without_cooperatives(self, *ids: str) -> Scenario:
        """A copy without these cooperatives and all locks, fit, pairs, preferences of them."""
        from penempatan import _edits

        return _edits.without_cooperatives(self, *ids)

    def with_cooperative_changes(self, cooperative: str, /, **changes: Any) -> Scenario:
        """A copy where ``cooperative`` has the fields in ``changes``."""
        from penempatan import _edits

        return _edits.with_cooperative_changes(self, cooperative, **changes)

    def with_need(
        self,
        cooperative: str,
        role: str,
        *,
        min: int | None = None,  # noqa: A002 - the field is called min in the format
        max: int | None = None,  # noqa: A002
        min_level: int | None = None,
    ) -> Scenario:
        """A copy where ``cooperative`` needs ``role`` (added, or changed where given)."""
        from penempatan import _edits

        return _edits.with_need(self, cooperative, role, min=min, max=max, min_level=min_level)

    def without_need(self, cooperative: str, role: str) -> Scenario:
        """A copy where ``cooperative`` no longer needs ``role`` (its locks and fit go too)."""
        from penempatan import _edits

        return _edits.without_need(self, cooperative, role)

    def with_lock(self, candidate: str, cooperative: str, role: str) -> Scenario:
        """A copy where every plan places ``candidate`` in ``role`` at ``cooperative``."""
        from penempatan import _edits

        return _edits.with_lock(self, candidate, cooperative, role)

    def without_lock(self, candidate: str) -> Scenario:
        """A copy where ``candidate`` is no longer locked."""
        from penempatan import _edits

        return _edits.without_lock(self, candidate)

    def with_forbidden(self, candidate: str, cooperative: str) -> Scenario:
        """A copy where no plan places ``candidate`` at ``cooperative``."""
        from penempatan import _edits

        return _edits.with_forbidden(self, candidate, cooperative)

    def without_forbidden(self, candidate: str, cooperative: str) -> Scenario:
        """A copy where the pair (``candidate``, ``cooperative``) is no longer forbidden."""
        from penempatan import _edits

        return _edits.without_forbidden(self, candidate, cooperative)


def _json_text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


_json_string = json.encoder.encode_basestring  # C-accelerated; what json.dumps uses


_fit_fields = attrgetter("candidate", "cooperative", "role", "score")


def _fit_json(fit: tuple[FitEntry, ...]) -> str:
    """The canonical JSON of a fit table: each entry's four fields in sorted key order."""
    esc = _json_string
    return (
        "["
        + ",".join(
            f'{{"candidate":{esc(c)},"cooperative":{esc(k)},"role":{esc(r)},"score":{score:d}}}'
            for c, k, r, score in map(_fit_fields, fit)
        )
        + "]"
    )


def _duplicates(values: list[str]) -> set[str]:
    return {v for v, n in Counter(values).items() if n > 1}


def _cross_record_problems(s: Scenario) -> list[Problem]:
    """Every rule of the spec that spans records; an empty list means the scenario is valid."""
    out: list[Problem] = []
    add = out.append

    # Unique keys.
    for field, ids in (
        ("opds", [o.id for o in s.opds]),
        ("cooperatives", [c.id for c in s.cooperatives]),
        ("candidates", [c.nip for c in s.candidates]),
    ):
        key = "nip" if field == "candidates" else "id"
        dup = _duplicates(ids)
        seen: set[str] = set()
        for i, v in enumerate(ids):
            if v in dup and v in seen:
                add(Problem(f"{field}[{i}].{key}", f"duplicate {key} {v!r}"))
            seen.add(v)

    opds = {o.id: o for o in s.opds}
    coops = {c.id: c for c in s.cooperatives}
    nips = {c.nip for c in s.candidates}

    # OPD floors and positions.
    for i, o in enumerate(s.opds):
        if o.min_staff > o.headcount:
            add(Problem(f"opds[{i}].min_staff", f"{o.min_staff} exceeds headcount {o.headcount}"))
        for j, p in enumerate(o.positions or ()):
            where = f"opds[{i}].positions[{j}]"
            if p.min_staff > p.headcount:
                add(Problem(f"{where}.min_staff", f"{p.min_staff} exceeds headcount {p.headcount}"))
        names = [p.name for p in o.positions or ()]
        for j, pname in enumerate(names):
            if pname in names[:j]:
                add(Problem(f"opds[{i}].positions[{j}].name", f"duplicate position {pname!r}"))

    # Cooperatives and needs.
    for i, coop in enumerate(s.cooperatives):
        roles = [n.role for n in coop.needs]
        for j, n in enumerate(coop.needs):
            where = f"cooperatives[{i}].needs[{j}]"
            if n.min > n.max:
                add(Problem(f"{where}.min", f"min {n.min} exceeds max {n.max}"))
            if n.role in roles[:j]:
                add(Problem(f"{where}.role", f"duplicate role {n.role!r} (one entry per role)"))

    # Candidates: references, NIP against birth date, head counts.
    per_opd: Counter[str] = Counter()
    per_position: Counter[tuple[str, str]] = Counter()
    for i, c in enumerate(s.candidates):
        where = f"candidates[{i}]"
        if c.nip[:8] != c.birth_date.isoformat().replace("-", ""):
            add(
                Problem(
                    f"{where}.birth_date",
                    f"{c.birth_date.isoformat()} does not agree with digits 1-8 of the NIP "
                    f"({c.nip[:8]})",
                )
            )
        opd = opds.get(c.opd)
        if opd is None:
            add(Problem(f"{where}.opd", f"unknown OPD {c.opd!r}"))
        else:
            per_opd[c.opd] += 1
            if opd.positions:
                known = {p.name for p in opd.positions}
                # A candidate without a position counts against the OPD floor only.
                if c.position is not None and c.position not in known:
                    add(
                        Problem(
                            f"{where}.position",
                            f"{c.position!r} is not a position of OPD {c.opd!r} "
                            f"(expected one of {sorted(known)})",
                        )
                    )
                elif c.position is not None:
                    per_position[(c.opd, c.position)] += 1
        for j, pref in enumerate(c.preferences):
            if pref not in coops:
                add(Problem(f"{where}.preferences[{j}]", f"unknown cooperative {pref!r}"))
        for role, _level in c.skills.items():
            if not role:
                add(Problem(f"{where}.skills", "a role name must not be empty"))

    for i, o in enumerate(s.opds):
        if per_opd[o.id] > o.headcount:
            add(
                Problem(
                    f"opds[{i}].headcount",
                    f"{o.headcount} is less than the {per_opd[o.id]} candidates of OPD {o.id!r}",
                )
            )
        for j, p in enumerate(o.positions or ()):
            count = per_position[(o.id, p.name)]
            if count > p.headcount:
                add(
                    Problem(
                        f"opds[{i}].positions[{j}].headcount",
                        f"{p.headcount} is less than the {count} candidates in position {p.name!r}",
                    )
                )

    # Distance limit needs every location.
    if s.policy.max_distance_km is not None:
        for i, c in enumerate(s.candidates):
            if c.location is None:
                add(
                    Problem(
                        f"candidates[{i}].location", "required when policy.max_distance_km is set"
                    )
                )
        for i, coop in enumerate(s.cooperatives):
            if coop.location is None:
                add(
                    Problem(
                        f"cooperatives[{i}].location", "required when policy.max_distance_km is set"
                    )
                )

    # Fit table, locks, forbidden pairs.
    roles_of = {c.id: {n.role for n in c.needs} for c in s.cooperatives}

    def check_triple(where: str, nip: str, coop_id: str, role: str | None) -> None:
        if nip not in nips:
            add(Problem(f"{where}.candidate", f"unknown candidate NIP {nip!r}"))
        roles = roles_of.get(coop_id)
        if roles is None:
            add(Problem(f"{where}.cooperative", f"unknown cooperative {coop_id!r}"))
        elif role is not None and role not in roles:
            add(Problem(f"{where}.role", f"cooperative {coop_id!r} has no need for role {role!r}"))

    fit = s.fit or ()
    if fit and _fit_table_valid(fit, nips, roles_of):
        fit = ()  # every reference resolves and no triple repeats: nothing to report
    seen_fit: set[tuple[str, str, str]] = set()
    for i, f in enumerate(fit):
        check_triple(f"fit[{i}]", f.candidate, f.cooperative, f.role)
        triple = (f.candidate, f.cooperative, f.role)
        if triple in seen_fit:
            add(Problem(f"fit[{i}]", f"triple {triple} listed more than once"))
        seen_fit.add(triple)
    for i, lk in enumerate(s.locks):
        check_triple(f"locks[{i}]", lk.candidate, lk.cooperative, lk.role)
    for i, fb in enumerate(s.forbidden):
        check_triple(f"forbidden[{i}]", fb.candidate, fb.cooperative, None)
    return out


def _fit_table_valid(
    fit: tuple[FitEntry, ...], nips: set[str], roles_of: dict[str, set[str]]
) -> bool:
    """Whether the fit table is free of problems, checked in bulk (the common case).

    The record-by-record loop that names each problem runs only when this is false.
    """
    triples = set(map(attrgetter("candidate", "cooperative", "role"), fit))
    if len(triples) != len(fit):
        return False
    seats = {(k, r) for k, roles in roles_of.items() for r in roles}
    return {c for c, _, _ in triples} <= nips and {(k, r) for _, k, r in triples} <= seats


def json_path(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic error location as ``candidates[17].nip``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _problems_from(error: Any) -> list[Problem]:
    problems: list[Problem] = []
    for e in error.errors(include_url=False):
        ctx = e.get("ctx") or {}
        if e["type"] == "scenario_records" and "problems" in ctx:
            problems.extend(ctx["problems"])
            continue
        problems.append(Problem(json_path(tuple(e["loc"])), _message(e)))
    return problems


def _message(e: Any) -> str:
    msg = str(e["msg"])
    if e["type"] == "extra_forbidden":
        return "unknown field (not part of penempatan/scenario@1)"
    if e["type"] == "literal_error" and e["loc"] == ("format",):
        return f'expected "{SCENARIO_FORMAT}", got {e.get("input")!r}'
    return msg

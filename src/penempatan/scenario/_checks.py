"""The rules of ``penempatan/scenario@1`` that span records.

Unique ids, references that resolve, floors within head counts, NIP against
birth date, nobody born after the reference date, locations where a distance
limit needs them. Each problem names the record and field where a person finds
it (``candidates[17].opd``). Every check is linear in the records.

The checks also run on a scenario whose fields are not all valid
(:class:`Records` with ``None`` for a record that failed its own checks), so
that one reading reports field and cross-record problems together.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Protocol, TypeVar

from penempatan._errors import Problem
from penempatan.scenario._lint import closest
from penempatan.scenario._records import (
    Candidate,
    Cooperative,
    FitEntry,
    Forbidden,
    Lock,
    Opd,
    Policy,
    Rule,
)
from penempatan.scenario._text import coded

T = TypeVar("T")


class Records(Protocol):
    """What the checks read: a :class:`Scenario`, or the valid part of one."""

    @property
    def reference_date(self) -> dt.date | None: ...
    @property
    def policy(self) -> Policy | None: ...
    @property
    def opds(self) -> Sequence[Opd | None]: ...
    @property
    def cooperatives(self) -> Sequence[Cooperative | None]: ...
    @property
    def candidates(self) -> Sequence[Candidate | None]: ...
    @property
    def fit(self) -> Sequence[FitEntry | None] | None: ...
    @property
    def locks(self) -> Sequence[Lock | None]: ...
    @property
    def forbidden(self) -> Sequence[Forbidden | None]: ...
    @property
    def rules(self) -> Sequence[Rule | None]: ...


@dataclass(frozen=True)
class PartialRecords:
    """The records of a scenario that passed their own checks (``None`` where one failed).

    ``known`` holds the ids (``opds``, ``cooperatives``) and NIPs (``candidates``)
    written in the failed records too, so that a reference to a record with a
    bad field is not reported as unknown as well. ``unsure`` names the lists in
    which some record's own key is bad: references into those are not checked.
    """

    reference_date: dt.date | None
    policy: Policy | None
    opds: Sequence[Opd | None]
    cooperatives: Sequence[Cooperative | None]
    candidates: Sequence[Candidate | None]
    fit: Sequence[FitEntry | None] | None
    locks: Sequence[Lock | None]
    forbidden: Sequence[Forbidden | None]
    rules: Sequence[Rule | None] = ()
    known: dict[str, set[str]] = field(default_factory=dict)
    unsure: frozenset[str] = frozenset()


def _valid(records: Sequence[T | None]) -> Iterable[tuple[int, T]]:
    """(index, record) of the records present."""
    return ((i, r) for i, r in enumerate(records) if r is not None)


def cross_record_problems(s: Records) -> list[Problem]:
    """Every rule of the spec that spans records; an empty list means the scenario is valid."""
    out: list[Problem] = []
    add = out.append
    partial = isinstance(s, PartialRecords)
    known = s.known if isinstance(s, PartialRecords) else {}
    unsure = s.unsure if isinstance(s, PartialRecords) else frozenset()

    # Unique keys: counted in bulk, each record named only when some key repeats.
    keys_of: dict[str, set[str]] = {}
    for name, key, records in (
        ("opds", "id", s.opds),
        ("cooperatives", "id", s.cooperatives),
        ("candidates", "nip", s.candidates),
    ):
        present = [r for r in records if r is not None] if partial else records
        values = list(map(attrgetter(key), present))
        keys_of[name] = set(values)
        if len(keys_of[name]) == len(values):
            continue  # no key repeats: nothing to report
        seen: dict[str, int] = {}
        for i, v in ((i, getattr(r, key)) for i, r in _valid(records)):
            if v in seen:
                first = f"{name}[{seen[v]}]"
                text = f"duplicate {key} {v!r} (also {first})"
                add(_p(f"{name}[{i}].{key}", "duplicate_key", text, key=key, value=v, first=first))
            seen.setdefault(v, i)

    opds = {o.id: o for _, o in _valid(s.opds)}
    coops = {c.id: c for _, c in _valid(s.cooperatives)}
    nips = keys_of["candidates"]
    known_opds = opds.keys() | known.get("opds", set())
    known_coops = coops.keys() | known.get("cooperatives", set())
    known_nips = nips | known.get("candidates", set())

    # OPD floors and positions.
    for i, o in _valid(s.opds):
        if o.min_staff > o.headcount:
            add(
                _p(
                    f"opds[{i}].min_staff",
                    "floor_over_headcount",
                    f"{o.min_staff} exceeds headcount {o.headcount}",
                    min_staff=o.min_staff,
                    headcount=o.headcount,
                )
            )
        for j, p in enumerate(o.positions or ()):
            where = f"opds[{i}].positions[{j}]"
            if p.min_staff > p.headcount:
                add(
                    _p(
                        f"{where}.min_staff",
                        "floor_over_headcount",
                        f"{p.min_staff} exceeds headcount {p.headcount}",
                        min_staff=p.min_staff,
                        headcount=p.headcount,
                    )
                )
        names: set[str] = set()
        for j, p in enumerate(o.positions or ()):
            if p.name in names:
                add(
                    _p(
                        f"opds[{i}].positions[{j}].name",
                        "duplicate_position",
                        f"duplicate position {p.name!r}",
                        position=p.name,
                    )
                )
            names.add(p.name)

    # Cooperatives and needs.
    for i, coop in _valid(s.cooperatives):
        roles: set[str] = set()
        for j, n in enumerate(coop.needs):
            where = f"cooperatives[{i}].needs[{j}]"
            if n.min > n.max:
                add(
                    _p(
                        f"{where}.min",
                        "min_over_max",
                        f"min {n.min} exceeds max {n.max}",
                        min=n.min,
                        max=n.max,
                    )
                )
            if n.role in roles:
                add(
                    _p(
                        f"{where}.role",
                        "duplicate_role",
                        f"duplicate role {n.role!r} (one entry per role)",
                        role=n.role,
                    )
                )
            roles.add(n.role)

    # Candidates: references, NIP against birth date, head counts.
    per_opd: Counter[str] = Counter()
    per_position: Counter[tuple[str, str]] = Counter()
    positions_of = {o.id: {p.name for p in o.positions} for o in opds.values() if o.positions}
    counted = None if partial else _candidates_valid(s, opds.keys(), positions_of, known_coops)
    if counted is not None:
        per_opd, per_position = counted
    for i, c in () if counted is not None else _valid(s.candidates):
        where = f"candidates[{i}]"
        if s.reference_date is not None and c.birth_date > s.reference_date:
            add(
                _p(
                    f"{where}.birth_date",
                    "born_after_reference",
                    f"{c.birth_date.isoformat()} is after reference_date "
                    f"{s.reference_date.isoformat()}: nobody is placed before being born",
                    birth_date=c.birth_date.isoformat(),
                    reference_date=s.reference_date.isoformat(),
                )
            )
        if c.nip[:8] != c.birth_date.isoformat().replace("-", ""):
            add(
                _p(
                    f"{where}.birth_date",
                    "nip_birth_date",
                    f"{c.birth_date.isoformat()} does not agree with digits 1-8 of the NIP "
                    f"({c.nip[:8]})",
                    birth_date=c.birth_date.isoformat(),
                    digits=c.nip[:8],
                )
            )
        opd = opds.get(c.opd)
        if opd is None:
            if c.opd not in known_opds and "opds" not in unsure:
                text = f"unknown OPD {c.opd!r}"
                add(_unknown(f"{where}.opd", "unknown_opd", text, c.opd, known_opds))
        else:
            per_opd[c.opd] += 1
            listed = positions_of.get(c.opd)
            if listed:
                # A candidate without a position counts against the OPD floor only.
                if c.position is not None and c.position not in listed:
                    add(
                        _unknown(
                            f"{where}.position",
                            "unknown_position",
                            f"{c.position!r} is not a position of OPD {c.opd!r} "
                            f"(expected one of {sorted(listed)})",
                            c.position,
                            listed,
                            opd=c.opd,
                            known=str(sorted(listed)),
                        )
                    )
                elif c.position is not None:
                    per_position[(c.opd, c.position)] += 1
        for j, pref in enumerate(c.preferences):
            if pref not in known_coops and "cooperatives" not in unsure:
                add(
                    _unknown(
                        f"{where}.preferences[{j}]",
                        "unknown_cooperative",
                        f"unknown cooperative {pref!r}",
                        pref,
                        known_coops,
                    )
                )
        for role, _level in c.skills.items():
            if not role:
                add(_p(f"{where}.skills", "empty_role", "a role name must not be empty"))

    for i, o in _valid(s.opds):
        if per_opd[o.id] > o.headcount:
            add(
                _p(
                    f"opds[{i}].headcount",
                    "headcount_below_candidates",
                    f"{o.headcount} is less than the {per_opd[o.id]} candidates of OPD {o.id!r}",
                    headcount=o.headcount,
                    count=per_opd[o.id],
                    opd=o.id,
                )
            )
        for j, p in enumerate(o.positions or ()):
            count = per_position[(o.id, p.name)]
            if count > p.headcount:
                add(
                    _p(
                        f"opds[{i}].positions[{j}].headcount",
                        "position_headcount_below_candidates",
                        f"{p.headcount} is less than the {count} candidates in position {p.name!r}",
                        headcount=p.headcount,
                        count=count,
                        position=p.name,
                    )
                )

    # Distance limit needs every location.
    if s.policy is not None and s.policy.max_distance_km is not None:
        for i, c in _valid(s.candidates):
            if c.location is None:
                add(_p(f"candidates[{i}].location", "location_required", _LOCATION))
        for i, coop in _valid(s.cooperatives):
            if coop.location is None:
                add(_p(f"cooperatives[{i}].location", "location_required", _LOCATION))

    # Fit table, locks, forbidden pairs.
    roles_of = {c.id: {n.role for n in c.needs} for c in coops.values()}

    def check_triple(where: str, nip: str, coop_id: str, role: str | None) -> None:
        if nip not in known_nips and "candidates" not in unsure:
            text = f"unknown candidate NIP {nip!r}"
            add(_p(f"{where}.candidate", "unknown_candidate", text, value=nip))
        roles = roles_of.get(coop_id)
        if roles is None:
            if coop_id not in known_coops and "cooperatives" not in unsure:
                add(
                    _unknown(
                        f"{where}.cooperative",
                        "unknown_cooperative",
                        f"unknown cooperative {coop_id!r}",
                        coop_id,
                        known_coops,
                    )
                )
        elif role is not None and role not in roles:
            add(
                _unknown(
                    f"{where}.role",
                    "no_need_for_role",
                    f"cooperative {coop_id!r} has no need for role {role!r}",
                    role,
                    roles,
                    cooperative=coop_id,
                )
            )

    fit: Sequence[FitEntry | None] = s.fit or ()
    if fit and not partial and _fit_table_valid(fit, nips, roles_of):
        fit = ()  # every reference resolves and no triple repeats: nothing to report
    seen_fit: set[tuple[str, str, str]] = set()
    for i, f in _valid(fit):
        check_triple(f"fit[{i}]", f.candidate, f.cooperative, f.role)
        triple = (f.candidate, f.cooperative, f.role)
        if triple in seen_fit:
            add(
                _p(
                    f"fit[{i}]",
                    "repeated_triple",
                    f"triple {triple} listed more than once",
                    triple=str(triple),
                )
            )
        seen_fit.add(triple)
    for i, lk in _valid(s.locks):
        check_triple(f"locks[{i}]", lk.candidate, lk.cooperative, lk.role)
    for i, fb in _valid(s.forbidden):
        check_triple(f"forbidden[{i}]", fb.candidate, fb.cooperative, None)
    if s.rules:
        out.extend(_rule_problems(s, known_opds, known_nips, unsure))
    return out


def _rule_problems(
    s: Records, opd_ids: Iterable[str], nips: Iterable[str], unsure: frozenset[str]
) -> list[Problem]:
    """Local rules: unique ids, references in ``of`` that resolve, keys only where allowed.

    References into a list whose own keys are in doubt (``unsure``) are not checked.
    """
    out: list[Problem] = []
    add = out.append
    positions = {p.name for _, o in _valid(s.opds) for p in o.positions or ()}
    positions |= {c.position for _, c in _valid(s.candidates) if c.position is not None}
    known_of = {"opds": set(opd_ids), "positions": positions, "candidates": set(nips)}
    doubt = {"opds": "opds" in unsure, "positions": bool(unsure & {"opds", "candidates"}),
             "candidates": "candidates" in unsure}  # fmt: skip
    seen: set[str] = set()
    for i, r in _valid(s.rules):
        where = f"rules[{i}]"
        if r.id in seen:
            add(coded(f"{where}.id", "problem.rule.duplicate_id", value=r.id))
        seen.add(r.id)
        if r.group_by is not None and r.kind != "at_most":
            add(coded(f"{where}.group_by", "problem.rule.group_by"))
        if r.if_staffed is not None and r.kind != "at_least":
            add(coded(f"{where}.if_staffed", "problem.rule.if_staffed"))
        of = r.of
        for key, given in (
            ("opds", of.opds),
            ("positions", of.positions),
            ("candidates", of.candidates),
        ):
            if doubt[key]:
                continue
            for v in given or ():
                if v not in known_of[key]:
                    add(coded(f"{where}.of.{key}", f"problem.rule.unknown.{key}", value=v))
    return out


_LOCATION = "required when policy.max_distance_km is set"

#: Every code these checks give; each has a ``problem.<code>`` sentence (a test checks).
CODES = frozenset(
    {
        "duplicate_key",
        "floor_over_headcount",
        "duplicate_position",
        "min_over_max",
        "duplicate_role",
        "born_after_reference",
        "nip_birth_date",
        "unknown_opd",
        "unknown_position",
        "unknown_cooperative",
        "unknown_candidate",
        "empty_role",
        "headcount_below_candidates",
        "position_headcount_below_candidates",
        "location_required",
        "no_need_for_role",
        "repeated_triple",
    }
)


def _p(path: str, code: str, text: str, **values: Any) -> Problem:
    """A problem with its code and values, and its English sentence."""
    assert code in CODES, code
    return Problem(path, text, code=code, values=values)


def _unknown(
    path: str, code: str, text: str, value: str, options: Iterable[str], **values: Any
) -> Problem:
    """A reference that resolves to nothing, with the likely intended value when one is close."""
    intended = closest(value, options)
    if intended is not None:
        text += f"; did you mean {intended!r}?"
        values["suggestion"] = intended
    return _p(path, code, text, value=value, **values)


def _candidates_valid(
    s: Records,
    opd_ids: Iterable[str],
    positions_of: dict[str, set[str]],
    known_coops: Iterable[str],
) -> tuple[Counter[str], Counter[tuple[str, str]]] | None:
    """The candidates per OPD and per (OPD, position) when no candidate has a problem
    of its own (born after the reference date, NIP against birth date, unknown OPD,
    position or preference, empty role), checked column by column (the common case);
    ``None`` otherwise, and the record-by-record loop that names each problem runs."""
    cands = [c for c in s.candidates if c is not None]
    births = list(map(attrgetter("birth_date"), cands))
    if cands and s.reference_date is not None and max(births) > s.reference_date:
        return None
    # A valid NIP is 18 ASCII digits: its first 8 as a number against the date's.
    if any(
        int(c.nip[:8]) != b.year * 10000 + b.month * 100 + b.day
        for c, b in zip(cands, births, strict=True)
    ):
        return None
    per_opd = Counter(map(attrgetter("opd"), cands))
    if not per_opd.keys() <= set(opd_ids):
        return None
    pairs = Counter(map(attrgetter("opd", "position"), cands))
    per_position: Counter[tuple[str, str]] = Counter()
    for (o, p), count in pairs.items():
        listed = positions_of.get(o)
        if listed and p is not None:
            if p not in listed:
                return None
            per_position[(o, p)] += count
    prefs = {k for c in cands for k in c.preferences}
    if not prefs <= set(known_coops) or any("" in c.skills for c in cands):
        return None
    return per_opd, per_position


def _fit_table_valid(
    fit: Sequence[FitEntry | None] | Sequence[FitEntry],
    nips: set[str],
    roles_of: dict[str, set[str]],
) -> bool:
    """Whether the fit table is free of problems, checked in bulk (the common case).

    The record-by-record loop that names each problem runs only when this is false.
    """
    triples = set(map(attrgetter("candidate", "cooperative", "role"), fit))
    if len(triples) != len(fit):
        return False
    seats = {(k, r) for k, roles in roles_of.items() for r in roles}
    return {c for c, _, _ in triples} <= nips and {(k, r) for _, k, r in triples} <= seats

"""The rules of ``penempatan/scenario@1`` that span records.

Unique ids, references that resolve, floors within head counts, NIP against
birth date, locations where a distance limit needs them. Each problem names
the record and field where a person finds it (``candidates[17].opd``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from penempatan._errors import Problem
from penempatan.scenario._lint import closest
from penempatan.scenario._records import FitEntry

if TYPE_CHECKING:
    from penempatan.scenario._scenario import Scenario


def _duplicates(values: list[str]) -> set[str]:
    return {v for v, n in Counter(values).items() if n > 1}


def cross_record_problems(s: Scenario) -> list[Problem]:
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
                add(
                    _p(
                        f"{field}[{i}].{key}",
                        "duplicate_key",
                        f"duplicate {key} {v!r}",
                        key=key,
                        value=v,
                    )
                )
            seen.add(v)

    opds = {o.id: o for o in s.opds}
    coops = {c.id: c for c in s.cooperatives}
    nips = {c.nip for c in s.candidates}

    # OPD floors and positions.
    for i, o in enumerate(s.opds):
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
        names = [p.name for p in o.positions or ()]
        for j, pname in enumerate(names):
            if pname in names[:j]:
                add(
                    _p(
                        f"opds[{i}].positions[{j}].name",
                        "duplicate_position",
                        f"duplicate position {pname!r}",
                        position=pname,
                    )
                )

    # Cooperatives and needs.
    for i, coop in enumerate(s.cooperatives):
        roles = [n.role for n in coop.needs]
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
            if n.role in roles[:j]:
                add(
                    _p(
                        f"{where}.role",
                        "duplicate_role",
                        f"duplicate role {n.role!r} (one entry per role)",
                        role=n.role,
                    )
                )

    # Candidates: references, NIP against birth date, head counts.
    per_opd: Counter[str] = Counter()
    per_position: Counter[tuple[str, str]] = Counter()
    for i, c in enumerate(s.candidates):
        where = f"candidates[{i}]"
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
            add(_unknown(f"{where}.opd", "unknown_opd", f"unknown OPD {c.opd!r}", c.opd, opds))
        else:
            per_opd[c.opd] += 1
            if opd.positions:
                known = {p.name for p in opd.positions}
                # A candidate without a position counts against the OPD floor only.
                if c.position is not None and c.position not in known:
                    add(
                        _unknown(
                            f"{where}.position",
                            "unknown_position",
                            f"{c.position!r} is not a position of OPD {c.opd!r} "
                            f"(expected one of {sorted(known)})",
                            c.position,
                            known,
                            opd=c.opd,
                            known=str(sorted(known)),
                        )
                    )
                elif c.position is not None:
                    per_position[(c.opd, c.position)] += 1
        for j, pref in enumerate(c.preferences):
            if pref not in coops:
                add(
                    _unknown(
                        f"{where}.preferences[{j}]",
                        "unknown_cooperative",
                        f"unknown cooperative {pref!r}",
                        pref,
                        coops,
                    )
                )
        for role, _level in c.skills.items():
            if not role:
                add(_p(f"{where}.skills", "empty_role", "a role name must not be empty"))

    for i, o in enumerate(s.opds):
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
    if s.policy.max_distance_km is not None:
        for i, c in enumerate(s.candidates):
            if c.location is None:
                add(_p(f"candidates[{i}].location", "location_required", _LOCATION))
        for i, coop in enumerate(s.cooperatives):
            if coop.location is None:
                add(_p(f"cooperatives[{i}].location", "location_required", _LOCATION))

    # Fit table, locks, forbidden pairs.
    roles_of = {c.id: {n.role for n in c.needs} for c in s.cooperatives}

    def check_triple(where: str, nip: str, coop_id: str, role: str | None) -> None:
        if nip not in nips:
            add(
                _p(
                    f"{where}.candidate",
                    "unknown_candidate",
                    f"unknown candidate NIP {nip!r}",
                    value=nip,
                )
            )
        roles = roles_of.get(coop_id)
        if roles is None:
            add(
                _unknown(
                    f"{where}.cooperative",
                    "unknown_cooperative",
                    f"unknown cooperative {coop_id!r}",
                    coop_id,
                    roles_of,
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

    fit = s.fit or ()
    if fit and _fit_table_valid(fit, nips, roles_of):
        fit = ()  # every reference resolves and no triple repeats: nothing to report
    seen_fit: set[tuple[str, str, str]] = set()
    for i, f in enumerate(fit):
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
    for i, lk in enumerate(s.locks):
        check_triple(f"locks[{i}]", lk.candidate, lk.cooperative, lk.role)
    for i, fb in enumerate(s.forbidden):
        check_triple(f"forbidden[{i}]", fb.candidate, fb.cooperative, None)
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

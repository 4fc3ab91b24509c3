"""The rules of ``penempatan/scenario@1`` that span records.

Unique ids, references that resolve, floors within head counts, NIP against
birth date, locations where a distance limit needs them. Each problem names
the record and field where a person finds it (``candidates[17].opd``).
"""

from __future__ import annotations

from collections import Counter
from operator import attrgetter
from typing import TYPE_CHECKING

from penempatan._errors import Problem
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
    if s.rules:
        out.extend(_rule_problems(s, nips))
    return out


def _rule_problems(s: Scenario, nips: set[str]) -> list[Problem]:
    """Local rules: unique ids, references in ``of`` that resolve, keys only where allowed."""
    out: list[Problem] = []
    add = out.append
    opd_ids = {o.id for o in s.opds}
    positions = {p.name for o in s.opds for p in o.positions or ()}
    positions |= {c.position for c in s.candidates if c.position is not None}
    seen: set[str] = set()
    for i, r in enumerate(s.rules):
        where = f"rules[{i}]"
        if r.id in seen:
            add(Problem(f"{where}.id", f"duplicate rule id {r.id!r}"))
        seen.add(r.id)
        if r.group_by is not None and r.kind != "at_most":
            add(Problem(f"{where}.group_by", "only an at_most rule may split its groups"))
        if r.if_staffed is not None and r.kind != "at_least":
            add(Problem(f"{where}.if_staffed", "only an at_least rule has a condition"))
        of = r.of
        for key, given, known, what in (
            ("opds", of.opds, opd_ids, "OPD"),
            ("positions", of.positions, positions, "position"),
            ("candidates", of.candidates, nips, "candidate NIP"),
        ):
            for v in given or ():
                if v not in known:
                    add(Problem(f"{where}.of.{key}", f"rule {r.id!r}: unknown {what} {v!r}"))
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

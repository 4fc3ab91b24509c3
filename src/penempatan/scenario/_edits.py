"""What-if edits, each a change to a scenario's plain JSON data.

A scenario is an immutable value, so a what-if never changes the scenario it
starts from: each method ``Scenario.with_*`` / ``without_*`` copies the
scenario's data, applies the function of the same name here to the copy and
validates the result again as a whole, so the new scenario obeys every rule of
``penempatan/scenario@1`` and has its own ``sha256``. An edit that would make
the scenario invalid raises :class:`penempatan.ScenarioError` whose problems
name the field, for example
``opds[3].min_staff: 120 exceeds headcount 110``; an id that does not exist
is reported at the collection, e.g. ``opds: unknown OPD 'DINKESS'``.

The methods read as a chain in a notebook::

    s2 = s.with_floor("DINKES", 110).with_policy(max_age=58)

Names: ``with_*`` gives a scenario like this one *with* something set or
added, ``without_*`` one *without* something. Removing a record also removes
what refers to it (documented on each function), so that the result is valid.
NumPy scalars (``np.int64(57)``) are accepted wherever a number is expected.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from penempatan._errors import Problem, ScenarioError
from penempatan.scenario._records import Candidate, Cooperative, Rule

Data = dict[str, Any]

__all__ = [
    "floor_for_share",
    "with_candidate",
    "with_candidate_changes",
    "with_cooperative",
    "with_cooperative_changes",
    "with_floor",
    "with_floor_share",
    "with_forbidden",
    "with_lock",
    "with_need",
    "with_opd_changes",
    "with_policy",
    "with_rule",
    "without_candidates",
    "without_cooperatives",
    "without_forbidden",
    "without_lock",
    "without_need",
    "without_rule",
]


# --------------------------------------------------------------------------- helpers


def _plain(value: Any) -> Any:
    """A NumPy scalar as the Python number it holds; anything else unchanged."""
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        return value.item()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _unknown(
    path: str, what: str, value: str, known: Iterable[str], where: str = ""
) -> ScenarioError:
    """An error for an id that does not exist, suggesting close matches."""
    close = difflib.get_close_matches(value, list(known), n=3)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return ScenarioError([Problem(path, f"unknown {what} {value!r}{where}{hint}")])


def _existing(
    records: list[Data], key: str, values: Iterable[str], path: str, what: str
) -> set[str]:
    """``values`` as a set, each a record's ``key``; an error at ``path`` for one that is not."""
    known = [rec[key] for rec in records]
    found = set()
    for value in values:
        if value not in known:
            raise _unknown(path, what, value, known)
        found.add(value)
    return found


def _find(records: list[Data], key: str, value: str, path: str, what: str, where: str = "") -> int:
    """Index of the record whose ``key`` is ``value``; an error at ``path`` if there is none."""
    for i, rec in enumerate(records):
        if rec[key] == value:
            return i
    raise _unknown(path, what, value, (r[key] for r in records), where)


def _record(value: Any, model: type[Candidate] | type[Cooperative] | type[Rule]) -> Data:
    """A new record given as a model instance or as plain data."""
    if isinstance(value, model):
        return value.model_dump(mode="json")
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    raise TypeError(f"expected a {model.__name__} or a mapping, not {type(value).__name__}")


def _changes(path: str, key: str, changes: Mapping[str, Any]) -> Data:
    """Changes to a record; the record's key cannot change (remove and add instead)."""
    if key in changes:
        raise ScenarioError(
            [Problem(f"{path}.{key}", f"the {key} of a record cannot be changed; remove and add")]
        )
    return {k: _plain(v) for k, v in changes.items()}


# --------------------------------------------------------------------------- policy


def with_policy(data: Data, /, **changes: Any) -> None:
    """A scenario with policy fields changed, e.g. ``s.with_policy(max_age=58)``.

    Fields not named keep their value; an unknown field is an error at ``policy.<name>``.
    ``max_distance_km=None`` removes the distance limit.
    """
    data["policy"].update({k: _plain(v) for k, v in changes.items()})


# --------------------------------------------------------------------------- OPD floors


def with_floor(data: Data, opd: str, min_staff: int, *, position: str | None = None) -> None:
    """A scenario where OPD ``opd`` keeps at least ``min_staff`` staff after placement.

    With ``position``, the floor of that position (jabatan) of the OPD is set instead.
    A floor above the headcount is an error at ``opds[i].min_staff``.
    """
    i = _find(data["opds"], "id", opd, "opds", "OPD")
    rec = data["opds"][i]
    if position is None:
        rec["min_staff"] = _plain(min_staff)
    else:
        positions = rec.get("positions") or []
        j = _find(positions, "name", position, f"opds[{i}].positions", "position", f" in {opd!r}")
        positions[j]["min_staff"] = _plain(min_staff)


def floor_for_share(share: float | Fraction | Decimal, headcount: int) -> int:
    """``ceil(share × headcount)``, computed exactly: the floor a share of headcount keeps.

    Rounding is up, because a floor is a minimum: 90 % of 41 staff (36.9) is a
    floor of 37, so at least the share remains. Since ``0 ≤ share ≤ 1`` the
    result never exceeds the headcount. A float is read as the decimal it
    prints as (``0.07`` is 7/100), so binary rounding never adds a person.
    """
    exact = Fraction(str(share)) if isinstance(share, float) else Fraction(share)
    return min(headcount, max(0, math.ceil(exact * headcount)))


def _check_share(share: Any) -> float | Fraction | Decimal:
    share = _plain(share)
    if isinstance(share, bool) or not isinstance(share, int | float | Fraction | Decimal):
        raise ScenarioError(
            [Problem("floor_share", f"expected a number between 0 and 1, got {share!r}")]
        )
    if not 0 <= share <= 1:  # also false for NaN
        raise ScenarioError([Problem("floor_share", f"must be between 0 and 1, got {share}")])
    return share


def with_floor_share(
    data: Data, share: float | Fraction | Decimal, *, opds: Iterable[str] | None = None
) -> None:
    """A scenario where every OPD (or those in ``opds``) keeps ``share`` of its headcount.

    Each OPD's ``min_staff`` becomes :func:`floor_for_share` ``(share, headcount)``
    = ``ceil(share × headcount)``; floors are set, whether that raises or lowers
    them. ``share`` must be between 0 and 1 (an error at ``floor_share``
    otherwise), so a floor never exceeds its headcount. Floors of positions
    (jabatan) are left as they are.
    """
    share = _check_share(share)
    chosen: set[str] | None = None
    if opds is not None:
        chosen = set()
        for opd in [opds] if isinstance(opds, str) else opds:
            _find(data["opds"], "id", opd, "opds", "OPD")
            chosen.add(opd)
    for rec in data["opds"]:
        if chosen is None or rec["id"] in chosen:
            rec["min_staff"] = floor_for_share(share, rec["headcount"])


def with_opd_changes(data: Data, opd: str, /, **changes: Any) -> None:
    """A scenario where OPD ``opd`` has the fields in ``changes``, e.g. ``headcount=120``."""
    i = _find(data["opds"], "id", opd, "opds", "OPD")
    data["opds"][i].update(_changes(f"opds[{i}]", "id", changes))


# --------------------------------------------------------------------------- candidates


def with_candidate(data: Data, candidate: Candidate | Mapping[str, Any]) -> None:
    """A scenario with one more candidate (a :class:`Candidate` or its JSON data).

    The OPD's ``headcount`` already counts its staff, so it is not changed; an
    OPD whose candidates would outnumber its headcount is an error at
    ``opds[i].headcount``, a NIP that exists at ``candidates[n].nip``.
    """
    data["candidates"].append(_record(candidate, Candidate))


def without_candidates(data: Data, *nips: str, leaves_opd: bool = False) -> None:
    """A scenario without the candidates ``nips``, and without what refers to them.

    Their locks, ``fit`` entries and forbidden pairs are removed too. By default
    the candidates stay on their OPD's staff (they are only no longer
    candidates: a withdrawal), so headcounts do not change. With
    ``leaves_opd=True`` they leave the service (a resignation): the headcount
    of their OPD, and of their position if it has one, drops by one each;
    a floor then above the headcount is an error at ``opds[i].min_staff``.
    """
    gone = _existing(data["candidates"], "nip", nips, "candidates", "candidate NIP")
    if leaves_opd:
        opds = {o["id"]: o for o in data["opds"]}
        for c in data["candidates"]:
            if c["nip"] in gone:
                opd = opds[c["opd"]]
                opd["headcount"] -= 1
                for p in opd.get("positions") or []:
                    if p["name"] == c.get("position"):
                        p["headcount"] -= 1
    data["candidates"] = [c for c in data["candidates"] if c["nip"] not in gone]
    _drop_refs(data, lambda r: r["candidate"] in gone)


def with_candidate_changes(data: Data, nip: str, /, **changes: Any) -> None:
    """A scenario where candidate ``nip`` has the fields in ``changes``, e.g. ``skills={...}``.

    The NIP itself cannot change (remove the candidate and add another).
    """
    i = _find(data["candidates"], "nip", nip, "candidates", "candidate NIP")
    data["candidates"][i].update(_changes(f"candidates[{i}]", "nip", changes))


# --------------------------------------------------------------------------- cooperatives


def with_cooperative(data: Data, cooperative: Cooperative | Mapping[str, Any]) -> None:
    """A scenario with one more cooperative (a :class:`Cooperative` or its JSON data)."""
    data["cooperatives"].append(_record(cooperative, Cooperative))


def without_cooperatives(data: Data, *ids: str) -> None:
    """A scenario without the cooperatives ``ids``, and without what refers to them.

    Locks, ``fit`` entries and forbidden pairs at these cooperatives are
    removed, and so are these ids from every candidate's ``preferences``.
    """
    gone = _existing(data["cooperatives"], "id", ids, "cooperatives", "cooperative")
    data["cooperatives"] = [k for k in data["cooperatives"] if k["id"] not in gone]
    _drop_refs(data, lambda r: r["cooperative"] in gone)
    for c in data["candidates"]:
        c["preferences"] = [p for p in c.get("preferences", []) if p not in gone]


def with_cooperative_changes(data: Data, cooperative: str, /, **changes: Any) -> None:
    """A scenario where ``cooperative`` has the fields in ``changes``, e.g. ``max_staff=4``.

    The id cannot change. To change one need, use :func:`with_need`.
    """
    i = _find(data["cooperatives"], "id", cooperative, "cooperatives", "cooperative")
    data["cooperatives"][i].update(_changes(f"cooperatives[{i}]", "id", changes))


def with_need(
    data: Data,
    cooperative: str,
    role: str,
    *,
    min: int | None = None,  # noqa: A002 - the field is called min in the format
    max: int | None = None,  # noqa: A002
    min_level: int | None = None,
) -> None:
    """A scenario where ``cooperative`` needs ``role`` with the given ``min``/``max``/``min_level``.

    An existing need for the role keeps the values not given; a new need is
    added and then ``min`` and ``max`` are required (``min_level`` defaults
    to 1). ``min`` above ``max`` is an error at ``cooperatives[i].needs[j].min``.
    """
    i = _find(data["cooperatives"], "id", cooperative, "cooperatives", "cooperative")
    needs: list[Data] = data["cooperatives"][i]["needs"]
    given = {
        k: _plain(v)
        for k, v in (("min", min), ("max", max), ("min_level", min_level))
        if v is not None
    }
    for need in needs:
        if need["role"] == role:
            need.update(given)
            break
    else:
        missing = [k for k in ("min", "max") if k not in given]
        if missing:
            raise ScenarioError(
                [
                    Problem(
                        f"cooperatives[{i}].needs",
                        f"a new need for role {role!r} requires {' and '.join(missing)}",
                    )
                ]
            )
        needs.append({"role": role, **given})


def without_need(data: Data, cooperative: str, role: str) -> None:
    """A scenario where ``cooperative`` no longer needs ``role``.

    Locks and ``fit`` entries for that role at that cooperative are removed too.
    """
    i = _find(data["cooperatives"], "id", cooperative, "cooperatives", "cooperative")
    coop = data["cooperatives"][i]
    _find(coop["needs"], "role", role, f"cooperatives[{i}].needs", "role", f" at {cooperative!r}")
    coop["needs"] = [n for n in coop["needs"] if n["role"] != role]
    data["locks"] = [
        r for r in data["locks"] if (r["cooperative"], r["role"]) != (cooperative, role)
    ]
    if data.get("fit") is not None:
        data["fit"] = [
            r for r in data["fit"] if (r["cooperative"], r["role"]) != (cooperative, role)
        ]


# --------------------------------------------------------------------------- locks, forbidden


def with_lock(data: Data, candidate: str, cooperative: str, role: str) -> None:
    """A scenario where every plan places ``candidate`` in ``role`` at ``cooperative``.

    A candidate is placed at most once, so any other lock of the candidate is
    replaced. Unknown ids are errors at ``locks[n].candidate`` (and so on).
    """
    data["locks"] = [r for r in data["locks"] if r["candidate"] != candidate]
    data["locks"].append({"candidate": candidate, "cooperative": cooperative, "role": role})


def without_lock(data: Data, candidate: str) -> None:
    """A scenario where ``candidate`` is no longer locked (an error at ``locks`` if not locked)."""
    kept = [r for r in data["locks"] if r["candidate"] != candidate]
    if len(kept) == len(data["locks"]):
        raise ScenarioError([Problem("locks", f"candidate {candidate!r} has no lock")])
    data["locks"] = kept


def with_forbidden(data: Data, candidate: str, cooperative: str) -> None:
    """A scenario where no plan places ``candidate`` at ``cooperative`` (in any role).

    Forbidding a pair that is already forbidden changes nothing. A pair that is
    also locked is kept: :func:`penempatan.solve` then reports the conflict.
    """
    pair = {"candidate": candidate, "cooperative": cooperative}
    if pair not in data["forbidden"]:
        data["forbidden"].append(pair)


def without_forbidden(data: Data, candidate: str, cooperative: str) -> None:
    """A scenario where the pair (``candidate``, ``cooperative``) is no longer forbidden."""
    pair = {"candidate": candidate, "cooperative": cooperative}
    if pair not in data["forbidden"]:
        raise ScenarioError(
            [Problem("forbidden", f"the pair ({candidate!r}, {cooperative!r}) is not forbidden")]
        )
    data["forbidden"] = [r for r in data["forbidden"] if r != pair]


def _drop_refs(data: Data, gone: Callable[[Data], bool]) -> None:
    """Remove the locks, fit entries and forbidden pairs for which ``gone`` is true."""
    data["locks"] = [r for r in data["locks"] if not gone(r)]
    data["forbidden"] = [r for r in data["forbidden"] if not gone(r)]
    if data.get("fit") is not None:
        data["fit"] = [r for r in data["fit"] if not gone(r)]


# --------------------------------------------------------------------------- local rules


def with_rule(data: Data, rule: Rule | Mapping[str, Any]) -> None:
    """A scenario with local rule ``rule`` (a :class:`Rule` or its JSON data).

    A rule with the same ``id`` is replaced (ids are unique), so a rule can be
    changed by giving it again; a new id is added after the others.
    """
    new = _record(rule, Rule)
    rules = list(data.get("rules") or [])
    at = next((i for i, r in enumerate(rules) if r.get("id") == new.get("id")), None)
    if at is None:
        rules.append(new)
    else:
        rules[at] = new
    data["rules"] = rules


def without_rule(data: Data, rule_id: str) -> None:
    """A scenario without the local rule ``rule_id`` (an error at ``rules`` if there is none)."""
    rules = list(data.get("rules") or [])
    _find(rules, "id", rule_id, "rules", "rule")
    data["rules"] = [r for r in rules if r.get("id") != rule_id]

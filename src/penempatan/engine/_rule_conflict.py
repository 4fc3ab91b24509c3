"""A conflict among local rules, locks and floors, said in the scenario's own words.

The names come from :func:`penempatan.engine._cpsat.minimal_conflict`
(``rules[i]``, ``locks[i]``, ``opds[i].min_staff``,
``opds[i].positions[j].min_staff``); each is described by the rule id, the
locked person and seat, or the OPD and its floor, so the reader sees who and
which OPD are involved without opening the file.
"""

from __future__ import annotations

import re

from penempatan.plan import Conflict
from penempatan.rules._network import Network

_PATH = re.compile(r"(rules|locks|opds)\[(\d+)\](?:\.positions\[(\d+)\])?")


def _describe(net: Network, name: str) -> str:
    s = net.scenario
    m = _PATH.match(name)
    if m is None:  # pragma: no cover - every name the model makes matches
        return name
    kind, i = m.group(1), int(m.group(2))
    if kind == "rules":
        r = s.rules[i]
        whom = ""
        if r.of.opds:
            whom = f" of {', '.join(r.of.opds)}"
        if r.of.candidates:
            whom += f" among {', '.join(r.of.candidates)}"
        per = "" if r.per == "all" else f" per {r.per}"
        return f"rule {r.id!r} ({r.kind.replace('_', ' ')} {r.count}{whom}{per})"
    if kind == "locks":
        lk = s.locks[i]
        return f"lock of {lk.candidate} at {lk.cooperative} as {lk.role}"
    o = s.opds[i]
    if m.group(3) is not None:
        p = (o.positions or ())[int(m.group(3))]
        return f"floor of {o.id} position {p.name} ({p.min_staff} of {p.headcount} stay)"
    return f"floor of {o.id} ({o.min_staff} of {o.headcount} stay)"


def rule_conflict_of(net: Network, names: tuple[str, ...]) -> Conflict:
    """The plan's conflict record for a minimal set of conflicting constraints."""
    parts = [_describe(net, n) for n in names]
    if len(parts) == 1:
        message = f"{parts[0]} cannot hold"
    else:
        message = f"{', '.join(parts[:-1])} and {parts[-1]} cannot hold together"
    return Conflict(constraints=names, message=message)

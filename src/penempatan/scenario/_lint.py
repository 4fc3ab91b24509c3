"""Near misses: a valid scenario that probably does not say what was meant.

Each finding is a :class:`~penempatan._errors.Problem` with ``severity
"warning"``, a ``code`` and the likely intended value:

``near_miss.role``
    a role in a candidate's skills that no need uses, while a role that a need
    uses is spelt almost the same (``Pengelola`` against ``pengelola``, or one
    letter apart): the skill counts for nothing as written.
``near_miss.kecamatan`` / ``near_miss.kelurahan``
    a cooperative's kecamatan or kelurahan written two ways that differ only in
    case and spaces (``sidorejo`` / ``Sidorejo``): the variant is reported
    against the spelling most cooperatives use (the first seen on a tie).
``near_miss.domicile``
    a candidate's domicile that matches no cooperative's kelurahan, while one
    is spelt almost the same: the proximity score's 25 points for living in
    the kelurahan are lost as written.
``rule.matches_nobody``
    a local rule whose ``of`` matches no candidate of the scenario (an empty
    list, a sex or education nobody has, NIPs of one OPD with ``opds`` of
    another): an ``at_most`` rule that can never bind, or an ``at_least``
    rule with ``count`` above 0 that can hold only in groups with fewer than
    ``if_staffed`` placements. Valid, but rarely what was meant.

"Almost the same" is: equal after case folding and collapsing spaces, or
else the one closest match at a similarity of at least :data:`CUTOFF`
(:func:`difflib.get_close_matches`). A domicile or role with no close match is
not reported: people may live outside the area and hold skills nobody needs.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from penempatan._errors import Problem
from penempatan.scenario._records import filter_matches

if TYPE_CHECKING:
    from penempatan.scenario._scenario import Scenario

#: The codes of the warnings.
CODES = frozenset(
    {
        "near_miss.role",
        "near_miss.kecamatan",
        "near_miss.kelurahan",
        "near_miss.domicile",
        "rule.matches_nobody",
    }
)

#: Similarity (0-1, difflib's ratio) from which a different spelling counts as a near miss.
CUTOFF = 0.8


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def closest(value: str, known: Iterable[str]) -> str | None:
    """The known value ``value`` was most likely meant to be, or ``None``.

    Equal up to case and spaces first; else the closest at :data:`CUTOFF`.
    """
    options = sorted(set(known))
    norm = _norm(value)
    for option in options:
        if _norm(option) == norm and option != value:
            return option
    by_norm: dict[str, str] = {}
    for option in options:
        by_norm.setdefault(_norm(option), option)
    match = difflib.get_close_matches(norm, list(by_norm), n=1, cutoff=CUTOFF)
    return by_norm[match[0]] if match else None


def lint(scenario: Scenario) -> list[Problem]:
    """Every near miss of the module docstring, as warnings, in document order."""
    out: list[Problem] = []
    needed = {n.role for c in scenario.cooperatives for n in c.needs}
    suggestion_of: dict[str, str | None] = {}
    for i, cand in enumerate(scenario.candidates):
        for role in cand.skills:
            if role in needed:
                continue
            if role not in suggestion_of:
                suggestion_of[role] = closest(role, needed)
            intended = suggestion_of[role]
            if intended is not None:
                out.append(
                    _warning(
                        f"candidates[{i}].skills.{role}",
                        "near_miss.role",
                        f"no need uses role {role!r}; did you mean {intended!r}?",
                        value=role,
                        suggestion=intended,
                    )
                )

    for field in ("kecamatan", "kelurahan"):
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for coop in scenario.cooperatives:
            name = getattr(coop, field)
            spellings[_norm(name)][name] += 1
        for i, coop in enumerate(scenario.cooperatives):
            name = getattr(coop, field)
            variants = spellings[_norm(name)]
            if len(variants) < 2:
                continue
            usual = max(variants, key=lambda v: variants[v])  # first seen wins a tie
            if name != usual:
                out.append(
                    _warning(
                        f"cooperatives[{i}].{field}",
                        f"near_miss.{field}",
                        f"{field} {name!r} is also written {usual!r}; did you mean {usual!r}?",
                        value=name,
                        suggestion=usual,
                    )
                )

    kelurahan = {c.kelurahan for c in scenario.cooperatives}
    domicile_of: dict[str, str | None] = {}
    for i, cand in enumerate(scenario.candidates):
        d = cand.domicile
        if d is None or d in kelurahan:
            continue
        if d not in domicile_of:
            domicile_of[d] = closest(d, kelurahan)
        intended = domicile_of[d]
        if intended is not None:
            out.append(
                _warning(
                    f"candidates[{i}].domicile",
                    "near_miss.domicile",
                    f"domicile {d!r} matches no kelurahan; did you mean {intended!r}?",
                    value=d,
                    suggestion=intended,
                )
            )
    for i, rule in enumerate(scenario.rules):
        f = rule.of
        if f == type(f)() or any(filter_matches(f, c) for c in scenario.candidates):
            continue
        out.append(
            _warning(
                f"rules[{i}].of",
                "rule.matches_nobody",
                f"rule {rule.id!r} counts nobody: no candidate matches its 'of'",
                value=rule.id,
            )
        )
    out.sort(key=lambda p: _order(p.path))
    return out


_TABLES = ("policy", "opds", "cooperatives", "candidates", "fit", "locks", "forbidden", "rules")


def _order(path: str) -> tuple[int, int, str]:
    """Document order: the table, then the record's index, then the field."""
    table, _, rest = path.partition("[")
    index, _, field = rest.partition("]")
    rank = _TABLES.index(table) if table in _TABLES else len(_TABLES)
    return rank, int(index) if index.isdigit() else 0, field


def _warning(
    path: str, code: str, text: str, *, value: str, suggestion: str | None = None
) -> Problem:
    assert code in CODES, code
    values = {"value": value} if suggestion is None else {"value": value, "suggestion": suggestion}
    return Problem(path, text, code=code, values=values, severity="warning")

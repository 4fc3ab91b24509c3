"""Eligibility: one small pure function per policy rule (rule 1 of the spec).

Each ``check_*`` function returns ``None`` when the candidate passes the rule,
or a :class:`~penempatan.Reason` saying why not, with the values involved, so
that every decision can be explained; its sentence is the catalogue's
(:mod:`penempatan.i18n`), the one source of every sentence.
:func:`ineligibility` runs all candidate-level rules; :func:`check_distance`
is the pair-level rule for ``max_distance_km``; :func:`qualifies` is rule 2
(skill at the need's level).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from penempatan.i18n import message, number
from penempatan.plan import Reason
from penempatan.scenario import EDUCATION_RANK, Candidate, Cooperative, Need, Policy, Scenario
from penempatan.scenario._geo import haversine_km


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Whole years completed on ``day`` (born 1970-03-01: 56 on 2026-03-01)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def check_education(c: Candidate, policy: Policy) -> Reason | None:
    """Education at or above ``policy.min_education`` (SMA = SMK, D4 = S1)."""
    if EDUCATION_RANK[c.education] >= EDUCATION_RANK[policy.min_education]:
        return None
    return Reason.of(
        "ineligible.education",
        {"education": c.education, "min_education": policy.min_education},
    )


def check_age(c: Candidate, policy: Policy, reference_date: dt.date) -> Reason | None:
    """Age in whole years on the reference date at most ``policy.max_age``."""
    age = age_on(c.birth_date, reference_date)
    if age <= policy.max_age:
        return None
    return Reason.of(
        "ineligible.age",
        {"age": age, "max_age": policy.max_age, "reference_date": reference_date.isoformat()},
    )


def check_computer_skill(c: Candidate, policy: Policy) -> Reason | None:
    """Computer proficiency, when the policy requires it."""
    if not policy.require_computer_skill or c.computer_skill:
        return None
    return Reason.of("ineligible.computer_skill", {})


def check_nomination(c: Candidate, policy: Policy) -> Reason | None:
    """Nomination by the head of the home OPD, when the policy requires it."""
    if not policy.require_nomination or c.nominated:
        return None
    return Reason.of("ineligible.nomination", {})


def check_position(c: Candidate, policy: Policy) -> Reason | None:
    """A candidate whose position is in ``policy.excluded_positions`` stays in service."""
    if c.position is None or c.position not in policy.excluded_positions:
        return None
    return Reason.of("ineligible.position", {"position": c.position})


def ineligibility(c: Candidate, scenario: Scenario) -> list[Reason]:
    """Every candidate-level policy rule the candidate fails; empty means eligible."""
    policy = scenario.policy
    checks = (
        check_education(c, policy),
        check_age(c, policy, scenario.reference_date),
        check_computer_skill(c, policy),
        check_nomination(c, policy),
        check_position(c, policy),
    )
    return [r for r in checks if r is not None]


def ineligible_candidates(scenario: Scenario) -> dict[int, list[Reason]]:
    """:func:`ineligibility` of every candidate, by position, for those that fail a rule.

    The same reasons in the same order as :func:`ineligibility` gives one candidate
    at a time; a reason with the same code and values is one shared (frozen)
    record, made by that rule's ``check_*`` function the first time it is met, so
    a pool where most candidates fail the same rule builds a few records, not
    one per candidate. The tests hold the two equal on random pools.
    """
    policy, ref = scenario.policy, scenario.reference_date
    min_rank = EDUCATION_RANK[policy.min_education]
    max_age = policy.max_age
    need_pc, need_nom = policy.require_computer_skill, policy.require_nomination
    excluded = set(policy.excluded_positions)
    checks: dict[str, Callable[[Candidate], Reason | None]] = {
        "education": lambda c: check_education(c, policy),
        "age": lambda c: check_age(c, policy, ref),
        "computer_skill": lambda c: check_computer_skill(c, policy),
        "nomination": lambda c: check_nomination(c, policy),
        "position": lambda c: check_position(c, policy),
    }
    shared: dict[tuple[str, object], Reason] = {}
    out: dict[int, list[Reason]] = {}
    for i, c in enumerate(scenario.candidates):
        age = age_on(c.birth_date, ref)
        failed: list[tuple[str, object]] = []
        if EDUCATION_RANK[c.education] < min_rank:
            failed.append(("education", c.education))
        if age > max_age:
            failed.append(("age", age))
        if need_pc and not c.computer_skill:
            failed.append(("computer_skill", None))
        if need_nom and not c.nominated:
            failed.append(("nomination", None))
        if c.position is not None and c.position in excluded:
            failed.append(("position", c.position))
        if not failed:
            continue
        reasons = []
        for key in failed:
            reason = shared.get(key)
            if reason is None:
                made = checks[key[0]](c)
                assert made is not None  # the check fails where the test above does
                reason = shared[key] = made
            reasons.append(reason)
        out[i] = reasons
    return out


def distance_km(c: Candidate, k: Cooperative) -> float | None:
    """Haversine distance from the candidate's location to the cooperative's, if both are known."""
    if c.location is None or k.location is None:
        return None
    return haversine_km(c.location.lat, c.location.lon, k.location.lat, k.location.lon)


def check_distance(c: Candidate, k: Cooperative, policy: Policy) -> Reason | None:
    """With ``max_distance_km`` set, the cooperative lies within that distance of the candidate."""
    limit = policy.max_distance_km
    if limit is None:
        return None
    d = distance_km(c, k)
    if d is not None and d <= limit:
        return None
    text = (
        message(
            "rule.too_far",
            "en",
            cooperative=k.id,
            distance_km=number(d, "en"),
            max_distance_km=number(limit, "en"),
        )
        if d is not None
        else message("rule.too_far.no_location", "en", cooperative=k.id)
    )
    values = {"cooperative": k.id, "distance_km": d, "max_distance_km": limit}
    return Reason(code="too_far", message=text, values=values)


def qualifies(c: Candidate, need: Need) -> bool:
    """Rule 2: the candidate's level in the need's role reaches ``need.min_level``."""
    return c.skills.get(need.role, 0) >= need.min_level

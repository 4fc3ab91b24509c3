"""The rules of the spec, with no solver: who may go where, at what score, and the check of a plan.

Eligibility (:mod:`._eligibility`: one pure function per policy rule, each
returning its coded reason), the default fit score (:mod:`._scoring`), the
permitted triples and capacities every engine solves over (:mod:`._network`),
the floors a plan leaves (:mod:`._floors`), and :func:`verify`, which checks
every rule and every number a plan states against the scenario alone
(:mod:`._verify`). The names below are the rules as functions, for anyone who
wants to ask one rule one question (is this candidate eligible? what does this
placement score?).
"""

from penempatan.rules._eligibility import (
    age_on,
    check_age,
    check_computer_skill,
    check_distance,
    check_education,
    check_nomination,
    check_position,
    distance_km,
    ineligibility,
    qualifies,
)
from penempatan.rules._network import Network, build_network
from penempatan.rules._scoring import ScoreParts, default_score
from penempatan.rules._verify import Violation, verify

__all__ = [
    "Network",
    "ScoreParts",
    "Violation",
    "age_on",
    "build_network",
    "check_age",
    "check_computer_skill",
    "check_distance",
    "check_education",
    "check_nomination",
    "check_position",
    "default_score",
    "distance_km",
    "ineligibility",
    "qualifies",
    "verify",
]
